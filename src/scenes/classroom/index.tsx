/** The classroom: a teacher who notices who is paying attention, two students and six desks. */
import type { PoiManifest } from '../../world/define-scene';
import { defineScene } from '../../world/define-scene';
import meta from './meta';
import { ClassroomEnvironment } from './Environment';
import { buildClassroomGeometry } from './geometry';
import { BLACKBOARD, CHAIR_OFFSET, DESK_COLUMNS, DESK_ROWS, SHELF } from './layout';

// One seat POI per double desk (the aisle-side chair), so the teacher can watch and call on seats.
const seats: PoiManifest[] = DESK_ROWS.flatMap((row) =>
  DESK_COLUMNS.map((col) => ({
    id: `seat-${row.name}-${col.name}`,
    kind: 'seat' as const,
    position: [col.x + (col.x < 0 ? 0.38 : -0.38), 0.45, row.z + CHAIR_OFFSET] as [number, number, number],
    title: `${row.name[0].toUpperCase()}${row.name.slice(1)} ${col.name} seat`,
    text: `A seat in the ${row.name} row, on the ${col.name}.`,
  })),
);

export default defineScene({
  ...meta,
  spawn: { position: [0, 0, 3.7], yawDeg: 0 },
  atmosphere: { background: '#dfe9ef', fog: { color: '#dfe9ef', near: 14, far: 30 } },
  Environment: ClassroomEnvironment,
  geometry: buildClassroomGeometry,
  pois: [
    {
      id: 'blackboard',
      kind: 'landmark',
      position: BLACKBOARD.at,
      title: 'The Blackboard',
      text: "Today's lesson: the Solar System. Why do planets orbit, and how far is the Sun?",
      details: ['Planets orbit because the Sun pulls on them while they move sideways: they keep falling and keep missing.', 'The Sun is about 150 million kilometres away; its light takes eight minutes to reach us.'],
    },
    {
      id: 'bookshelf',
      kind: 'landmark',
      position: [SHELF.at[0] + 0.3, 1.2, SHELF.at[2]],
      title: 'Bookshelf',
      text: 'Atlases, dictionaries and a well-read book about the stars.',
    },
    ...seats,
  ],
  npcs: [
    {
      id: 'ms-okafor',
      name: 'Ms Okafor',
      role: 'teacher',
      appearance: { color: '#6b4430', height: 1.73, shirt: '#8e3b5b', trousers: '#2d2d3a', hair: '#1a1a1a', accessory: 'glasses' },
      spawn: { position: [-1.2, 0, -3.3], yawDeg: 180 },
      wanderRadius: 2.5,
      pois: seats.map((s) => s.id),
      persona: {
        biases: { explain: 1.8, ask: 1.5, greet: 1.2, help: 1.4, idle: 0.8, wander: 0.7, come: 1, follow: 0.3, keepDistance: 1, tour: 0, stop: 1 },
        lines: {
          notice: ['I see you are paying attention, {user}. Good.', 'Eyes on the board, please.'],
          greet: ["Good morning! I'm {name}. Take a seat, we are about to begin."],
          explain: ['{poi}: {text}'],
          askMoveOn: ['Any questions? Say "next" and we will go on, or "tell me more".'],
          next: ['Let us move on.'],
          yes: ['Excellent.'],
          no: ['That is alright, we will come back to it.'],
          help: ['Raise your hand, or say "help", and I will come over.'],
          offerHelp: ['Do you need help with anything?'],
          come: ['I am coming over.'],
          follow: ['I need to stay with the class, but I will walk with you a moment.'],
          goAway: ['Alright, I will give you some room to think.'],
          stop: ['We will pause here.'],
          idle: ['Now, who remembers what we said about gravity?', 'Open your books to page forty-two.'],
        },
      },
    },
    {
      id: 'sam',
      name: 'Sam',
      role: 'student',
      appearance: { color: '#f1c27d', height: 1.45, shirt: '#27ae60', trousers: '#34495e', hair: '#8b5a2b' },
      spawn: { position: [-2.3 - 0.38, 0, 1.2 + CHAIR_OFFSET + 0.35], yawDeg: 0 },
      wanderRadius: 1,
      persona: {
        biases: { idle: 1.8, wander: 0.2, greet: 0.9, follow: 0.3, come: 0.5, keepDistance: 0.8 },
        lines: {
          notice: ['Psst. Hi.'],
          greet: ['Hi, are you new here?'],
          idle: ['I hope there is no test today.'],
          help: ['Ask Ms Okafor, she explains things really well.'],
          yes: ['Cool.'],
          no: ['Okay.'],
        },
      },
    },
    {
      id: 'priya',
      name: 'Priya',
      role: 'student',
      appearance: { color: '#c68642', height: 1.5, shirt: '#e67e22', trousers: '#2c3e50', hair: '#1b1b1b', accessory: 'glasses' },
      spawn: { position: [2.3 + 0.38, 0, -0.6 + CHAIR_OFFSET + 0.35], yawDeg: 0 },
      wanderRadius: 1,
      persona: {
        biases: { idle: 1.6, wander: 0.2, greet: 1.1, help: 1.2, explain: 1.1, follow: 0.3, come: 0.6 },
        lines: {
          notice: ['Oh, hello.'],
          greet: ['Hi! You can sit next to me if you like.'],
          idle: ['The Sun is a star, you know.'],
          explain: ['I know this one! {text}'],
          help: ['The seats at the back are free.'],
          yes: ['Great!'],
          no: ['Fine.'],
        },
      },
    },
  ],
});
