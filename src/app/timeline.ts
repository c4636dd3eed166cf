/**
 * Timing instrumentation for the browser tests and `npm run bench` (dev and test builds only; the
 * automation view installs it): WHEN each raw percept (recognisers, command buttons), each fused
 * percept and each NPC action happened on the shared clock (`now()`, seconds), and the
 * microphone's recent log-mel frame energies with their capture stamps. From these a test measures
 * the latency from the end of an utterance in the microphone to the percept and to the NPC's first
 * response. Recording costs one small object per event (events are rare: percepts and NPC
 * decisions, never per frame); the audio is read from the existing ring buffer only when asked.
 */
import { now } from '../core/clock';
import type { Percept } from '../core/types';
import { logMelFrameEnergyDb } from '../sensors/audio/vad';
import type { NpcAction } from '../agents/npc-world';
import type { Runtime } from './runtime';

/** One timed event. `at` is when the app handled it (shared clock, s). */
export type TimelineEvent =
  | { at: number; type: 'raw' | 'percept'; t: number; kind: string; label: string; source: string; target: string | null }
  | { at: number; type: 'npc'; npc: string; action: string; detail: string };

/** The microphone's log-mel frames still in the ring buffer (about the last 10 s). */
export interface TimelineAudio {
  /** Index of the first frame returned among all frames written (frames are 10 ms apart in capture). */
  first: number;
  /** Capture stamp of each frame (shared clock, s): the arrival time of its chunk minus its distance in samples. */
  t: number[];
  /** Energy of each frame, dB of summed mel power (the voice gate's measure). */
  db: number[];
  /** The stream's `inputLatencySec`: delay before the audio graph, not in the stamps. */
  inputLatency: number;
}

/** What `window.metaverse.timeline()` returns. */
export interface TimelineSnapshot {
  /** Shared-clock time of this snapshot. */
  now: number;
  /** The last `capacity` events, oldest first. */
  events: TimelineEvent[];
  audio: TimelineAudio;
}

/** The recorder; `snapshot()` copies. */
export interface Timeline {
  snapshot(): TimelineSnapshot;
}

/** The gist of an NPC action: the goal, the line's situation, the gesture, the move mode, or whom it looks at. */
function actionDetail(a: NpcAction): string {
  switch (a.type) {
    case 'goal':
      return a.goal;
    case 'say':
      return a.situation;
    case 'gesture':
      return a.gesture;
    case 'move':
      return a.mode;
    case 'lookAt':
      return a.user ?? (a.position ? 'point' : 'none');
  }
}

const targetOf = (p: Percept): string | null => {
  const tg = p.target;
  if (!tg) return null;
  return tg.type === 'point' ? 'point' : `${tg.type}:${tg.id}`;
};

/** Start recording `runtime`'s percepts and NPC actions (keeps the last `capacity` events). */
export function installTimeline(runtime: Runtime, capacity = 400): Timeline {
  const events: TimelineEvent[] = [];
  const push = (e: TimelineEvent) => {
    events.push(e);
    if (events.length > capacity) events.shift();
  };
  const perceptEvent = (type: 'raw' | 'percept') => (p: Percept) =>
    push({ at: now(), type, t: p.t, kind: p.kind, label: p.label, source: p.source, target: targetOf(p) });
  runtime.rawPercepts.subscribe(perceptEvent('raw'));
  runtime.percepts.subscribe(perceptEvent('percept'));
  runtime.onNpcAction = (npc, a) => push({ at: now(), type: 'npc', npc, action: a.type, detail: actionDetail(a) });

  return {
    snapshot() {
      const buf = runtime.voice.buffer;
      const n = buf.size;
      const frames = new Float32Array(n * buf.stride);
      const times = new Float64Array(n);
      const got = buf.readLatest(n, frames, times);
      const t: number[] = [];
      const db: number[] = [];
      for (let i = 0; i < got; i++) {
        t.push(times[i]);
        db.push(logMelFrameEnergyDb(frames.subarray(i * buf.stride, (i + 1) * buf.stride)));
      }
      return { now: now(), events: events.map((e) => ({ ...e })), audio: { first: buf.written - got, t, db, inputLatency: runtime.voice.inputLatencySec } };
    },
  };
}
