/** The museum: a gallery of six exhibits and a guide who tours them ("next", "tell me more"). */
import { defineScene } from '../../world/define-scene';
import meta from './meta';
import { MuseumEnvironment } from './Environment';
import { buildMuseumGeometry } from './geometry';
import { PAINTINGS, PEDESTALS } from './layout';

const pedestalTop = (id: string): [number, number, number] => {
  const p = PEDESTALS.find((e) => e.id === id)!;
  return [p.at[0], p.size[1] + 0.35, p.at[2]];
};
const painting = (id: string): [number, number, number] => PAINTINGS.find((e) => e.id === id)!.at;

export default defineScene({
  ...meta,
  spawn: { position: [9, 0, 6.3], yawDeg: 20 },
  atmosphere: { background: '#2b2622', fog: { color: '#2b2622', near: 18, far: 40 } },
  Environment: MuseumEnvironment,
  geometry: buildMuseumGeometry,
  pois: [
    {
      id: 'exhibit-orrery',
      kind: 'exhibit',
      position: pedestalTop('exhibit-orrery'),
      title: 'The Brass Orrery',
      text: 'A clockwork model of the sun and three planets, made in 1784 by an instrument maker who had never seen a telescope.',
      details: [
        'Turn the crank underneath and each planet circles the sun at its true relative speed.',
        'The blue planet is the Earth; its ring is exactly one turn of the crank.',
      ],
    },
    {
      id: 'exhibit-sea',
      kind: 'exhibit',
      position: painting('exhibit-sea'),
      title: 'Evening Sea',
      text: 'An oil painting of the harbour at sunset, painted in a single evening.',
      details: ['Look closely at the waves: there are fourteen bands of blue, one for each year the painter lived by the sea.'],
    },
    {
      id: 'exhibit-crystal',
      kind: 'exhibit',
      position: pedestalTop('exhibit-crystal'),
      title: 'Glow Crystal',
      text: 'A fluorite crystal that glows blue under ultraviolet light.',
      details: ['Fluorite gave its name to fluorescence.', 'This one was found in a cave under the town, in 1921.'],
    },
    {
      id: 'exhibit-bust',
      kind: 'exhibit',
      position: pedestalTop('exhibit-bust'),
      title: 'Marble Bust of the Founder',
      text: 'The town founder, carved from a single block of local marble.',
      details: ['The sculptor left the nose a little crooked on purpose: the founder broke it twice.'],
    },
    {
      id: 'exhibit-vase',
      kind: 'exhibit',
      position: pedestalTop('exhibit-vase'),
      title: 'Cobalt Vase',
      text: 'A glazed vase coloured with cobalt, traded along the river three hundred years ago.',
      details: ['Cobalt blue was worth more than gold by weight at the time.'],
    },
    {
      id: 'exhibit-forest',
      kind: 'exhibit',
      position: painting('exhibit-forest'),
      title: 'Four Forests',
      text: 'A painting of the same forest in four layers of distance, from mist to shadow.',
      details: ['The painter used only two pigments, mixed in different amounts.'],
    },
    {
      id: 'entrance',
      kind: 'landmark',
      position: [9, 1, 7.6],
      title: 'Entrance',
      text: 'The way in and out of the gallery.',
    },
  ],
  npcs: [
    {
      id: 'iris',
      name: 'Iris',
      role: 'guide',
      appearance: { color: '#d9a57e', height: 1.7, shirt: '#2c3e66', trousers: '#22262e', hair: '#5a3825', accessory: 'badge' },
      spawn: { position: [7.5, 0, 5], yawDeg: 200 },
      wanderRadius: 3,
      pois: ['exhibit-orrery', 'exhibit-sea', 'exhibit-crystal', 'exhibit-bust', 'exhibit-vase', 'exhibit-forest'],
      persona: {
        biases: { tour: 2, explain: 1.8, greet: 1.4, ask: 1.2, help: 1.2, follow: 0.6, come: 1, keepDistance: 1, wander: 0.3, idle: 0.6, stop: 1 },
        lines: {
          notice: ['Welcome to the Museum of Small Wonders!'],
          greet: ["Hello, I'm {name}, your guide today.", 'Welcome! I am {name}.'],
          offerTour: ['Would you like a tour of the gallery?', 'Shall I show you around?'],
          tourStart: ['Wonderful. Follow me, our first piece is {poi}.'],
          next: ['Next, let us look at {poi}.', 'This way, to {poi}.'],
          explain: ['This is {poi}. {text}'],
          tourEnd: ['That was our last piece. Thank you for visiting!'],
          askMoveOn: ['Say "next" when you are ready to move on, or "tell me more".'],
          yes: ['Lovely!'],
          no: ['Of course. I will be nearby if you need me.'],
          follow: ['I will come with you.'],
          come: ['Coming right over.'],
          goAway: ['I will give you some space.'],
          stop: ['Let us pause here.'],
          help: ['Say "next" to move on, "tell me more" to hear more about a piece, or "stop" to pause.'],
          idle: ['Every piece here has a story.'],
        },
      },
    },
    {
      id: 'bruno',
      name: 'Bruno',
      role: 'guard',
      appearance: { color: '#a8734f', height: 1.85, shirt: '#1f1f24', trousers: '#1f1f24', hair: '#2a2a2a', accessory: 'hat' },
      spawn: { position: [-9.5, 0, -5.5], yawDeg: 135 },
      wanderRadius: 3,
      persona: {
        biases: { idle: 1.5, wander: 0.8, greet: 0.8, keepDistance: 1.2, tour: 0, explain: 0.3, follow: 0.2, come: 0.5, help: 0.8 },
        lines: {
          notice: ['Evening.'],
          greet: ['Good evening. Please do not touch the exhibits.'],
          idle: ['All quiet.', 'Hm.'],
          help: ['Iris, our guide, is in the east room.'],
          goAway: ['Just doing my rounds.'],
          stop: ['Standing still.'],
          come: ['Yes?'],
          follow: ['I must stay in this room, sorry.'],
          yes: ['Right.'],
          no: ['Fine.'],
        },
      },
    },
  ],
});
