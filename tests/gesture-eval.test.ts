// Regression guards: the shipped gesture model on committed samples of clips from the other motion
// generators, scored exactly as `npm run eval -- gesture DIR` does (streamed through the app's
// recognizer). Since session 11 the model trains on synth.ts and the six other generators below but
// the eighth to twentieth (other seeds than these samples'), so only those thirteen are unseen (the eleventh's
// keyframe family and the twelfth's DMP planning are also, independently written, the held-out and seventh generators'); a clip's end
// is the stream's end (stream-sim.ts calls recognizer.flush), as in the eval. Figures below: the
// model shipped in session 11 (before it: session 10's four-generator model), with the decision
// of their session; session 15's end-of-stream decision (settleInstantThreshold) moves some of
// them by a clip, inside every floor and ceiling.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_NON_COMMANDS } from '../src/core/types';
import { labelFromFileName, summarize, type EvalItem } from '../scripts/lib/eval-report';
import type { GestureModel } from '../src/perception/gesture/model';
import { loadGestureModelFromDir, parseClip } from '../scripts/gesture/node-io';
import { streamClip } from '../scripts/gesture/stream-sim';

/** One committed sample: its clips, how many, and the floor / ceiling the shipped model must keep. */
interface Guard {
  name: string;
  dir: string;
  n: number;
  accuracyFloor: number;
  falseTriggerCeiling: number;
}

const GUARDS: Guard[] = [
  // Held-out generator 1 (synth-heldout.ts, seed 21). Measured with the shipped model: accuracy 1.0,
  // false triggers 0 (10 `none` clips). The guards leave room for one or two clips, no more.
  { name: 'keeps accuracy and false triggers within their guards', dir: 'tests/fixtures/gesture', n: 40, accuracyFloor: 0.95, falseTriggerCeiling: 0.1 },
  // Third motion model (scripts/gesture/synth-third.ts, seed 23: joint-angle arms, a two-joint neck,
  // a modelled tracker), regenerated in session 8 after a generator bug was fixed (oscillations and
  // tremor piled up on the key postures; tests/gesture-synth-third.test.ts). Shipped model: 0.95, 0 (before: 0.90).
  { name: 'keeps its level on clips from the third motion model', dir: 'tests/fixtures/gesture/third', n: 40, accuracyFloor: 0.9, falseTriggerCeiling: 0.1 },
  // Fourth motion model (scripts/gesture/synth-fourth.ts, seed 37: via-point plans tracked by
  // damped springs in shoulder-centred coordinates, rays planned on their own, a tracker with
  // duplicated frames, spikes and bias drift). Shipped model: 0.975, 0.
  { name: 'keeps its level on clips from the fourth motion model', dir: 'tests/fixtures/gesture/fourth', n: 40, accuracyFloor: 0.925, falseTriggerCeiling: 0.1 },
  // Fifth motion model (scripts/gesture/synth-fifth.ts, seed 53: physics-driven arms, a Kalman
  // tracker), a training source since session 11 (other seeds). Shipped model: 0.95, 0 here (before:
  // 0.90); 0.9781 / 0.0125 on the 320-clip set (before: 0.8625 / 0.0125). The guards pin this
  // sample's level; they are not the target.
  { name: 'keeps its level on clips from the fifth motion model', dir: 'tests/fixtures/gesture/fifth', n: 40, accuracyFloor: 0.9, falseTriggerCeiling: 0.1 },
  // Sixth motion model (scripts/gesture/synth-sixth.ts, seed 63: task-space minimum-jerk
  // submovements, two-thirds power law, written without reading the other generators), a training
  // source since session 11. Shipped model: 0.9583 (46 of 48), 0 here; 0.9656 / 0.0375 on the 320-clip set.
  { name: 'keeps its level on clips from the sixth motion model', dir: 'tests/fixtures/gesture/sixth', n: 48, accuracyFloor: 0.91, falseTriggerCeiling: 0.1 },
  // Seventh motion model (scripts/gesture/synth-seventh.ts, seed 73: dynamic movement primitives on a
  // girdle-and-torso skeleton, an inside-out camera tracker; written without reading the others),
  // a training source since session 11. Shipped model: 1.0 (48 of 48), 0 here; 0.9906 / 0.0125 on the 320-clip set.
  { name: 'keeps its level on clips from the seventh motion model', dir: 'tests/fixtures/gesture/seventh', n: 48, accuracyFloor: 0.95, falseTriggerCeiling: 0.1 },
  // Eighth motion model (scripts/gesture/synth-eighth.ts, seed 83: LQG-style optimal feedback control,
  // van der Pol rhythms, a two-segment spine, three tracker kinds; written in session 11 without
  // reading the others), unseen. Shipped model: 0.8776 (43 of 49), 0 here; 0.8411 / 0.0125 on the
  // 560-clip set (seeds 82 + 84), 0.8071 / 0.025 on seed 81.
  { name: 'keeps its level on clips from the eighth motion model, which no training source shares', dir: 'tests/fixtures/gesture/eighth', n: 49, accuracyFloor: 0.83, falseTriggerCeiling: 0.15 },
  // Ninth motion model (scripts/gesture/synth-ninth.ts, seed 93: mocap-like takes on a 15-joint
  // skeleton, DTW-style time warps, children to tall adults and wheelchair users, an over-predicting
  // headset tracker; written in session 11 without reading the others), unseen.
  // Shipped model: 0.9388 (46 of 49), 0 here; 0.9411 / 0.05 on the 560-clip set (seeds 91 + 92).
  { name: 'keeps its level on clips from the ninth motion model, which no training source shares', dir: 'tests/fixtures/gesture/ninth', n: 49, accuracyFloor: 0.89, falseTriggerCeiling: 0.15 },
  // Tenth motion model (scripts/gesture/synth-tenth.ts, seed 103: equilibrium-point muscle pairs
  // with delayed reflexes, a standalone-headset tracker; written in session 11 without reading the
  // others), unseen. Shipped model: 0.898 (44 of 49), 1 of 7 `none` fired here; 0.9286 / 0.075 on the
  // 560-clip set (seeds 101 + 102). Its false triggers are far over the target; the guard pins the level.
  { name: 'keeps its level on clips from the tenth motion model, which no training source shares', dir: 'tests/fixtures/gesture/tenth', n: 49, accuracyFloor: 0.85, falseTriggerCeiling: 0.3 },
  // Eleventh motion model (scripts/gesture/synth-eleventh.ts, seed 113: a game-engine keyframe
  // animation system with idle and look-at layers, two-bone IK and three tracker models; written
  // in session 12 without reading the others; synth-heldout.ts, a training source, is keyframe-based
  // too), unseen. Shipped model: 1.0 (49 of 49), no false
  // trigger here; 0.9411 / 0.025 on the 560-clip set (seeds 111 + 112).
  { name: 'keeps its level on clips from the eleventh generator (keyframe animation), never trained on', dir: 'tests/fixtures/gesture/eleventh', n: 49, accuracyFloor: 0.93, falseTriggerCeiling: 0.15 },
  // Twelfth motion model (scripts/gesture/synth-twelfth.ts, seed 123: dynamic movement primitives
  // driving computed-torque PD-controlled arms and neck, three tracker models; written in session
  // 12 without reading the others; synth-seventh.ts, a training source, plans with DMPs too), unseen.
  // Shipped model: 0.9592 (47 of 49), no false trigger
  // here; 0.975 / 0.0125 on the 560-clip set (seeds 121 + 122).
  { name: 'keeps its level on clips from the twelfth generator (DMPs driving PD-controlled arms), never trained on', dir: 'tests/fixtures/gesture/twelfth', n: 49, accuracyFloor: 0.93, falseTriggerCeiling: 0.15 },
  // Thirteenth motion model (scripts/gesture/synth-thirteenth.ts, seed 133: statistical parametric
  // motion synthesis, HSMMs with maximum-likelihood parameter generation, its own controller and
  // hand-tracking models; written in session 13 without reading the others; no training source
  // shares it). Shipped model (points on one inference since session 13): 0.918 (45 of 49; points
  // fall to `none`), no false trigger here; 0.95 / 0 on the 560-clip set (seeds 131 + 132).
  { name: 'keeps its level on clips from the thirteenth generator (HSMM motion synthesis), never trained on', dir: 'tests/fixtures/gesture/thirteenth', n: 49, accuracyFloor: 0.87, falseTriggerCeiling: 0.15 },
  // Fourteenth motion model (scripts/gesture/synth-fourteenth.ts, seed 143: Gaussian-process motion
  // synthesis, its own camera+IMU and hand trackers; written in session 13 without reading the
  // others; no training source shares it). Shipped model: 0.898 (44 of 49: three points, a beckon
  // and a push fall to `none`), no false trigger here; 0.8714 / 0 on the 560-clip set (seeds 141 + 142).
  { name: 'keeps its level on clips from the fourteenth generator (Gaussian-process motion synthesis), never trained on', dir: 'tests/fixtures/gesture/fourteenth', n: 49, accuracyFloor: 0.85, falseTriggerCeiling: 0.15 },
  // Fifteenth motion model (scripts/gesture/synth-fifteenth.ts, seed 153: position-based dynamics
  // bodies, FABRIK reaching, Matsuoka CPG rhythms; inside-out, hand and lighthouse trackers; written
  // in session 14 without reading the others; no training source shares it). Shipped model: 0.939
  // (46 of 49: two points and a wave fall to `none`), no false trigger here; 0.9607 / 0.0125 on the
  // 560-clip set (seeds 151 + 152).
  { name: 'keeps its level on clips from the fifteenth generator (position-based dynamics, CPG rhythms), never trained on', dir: 'tests/fixtures/gesture/fifteenth', n: 49, accuracyFloor: 0.9, falseTriggerCeiling: 0.15 },
  // Sixteenth motion model (scripts/gesture/synth-sixteenth.ts, seed 163: sampling-based model-
  // predictive control (MPPI) of torque-driven arms and neck, Kuramoto-coupled rhythms; optical,
  // IMU arm-model and hand trackers; written in session 14 without reading the others; no training
  // source shares it). Shipped model: 0.816 (40 of 49: waves are its weak label, 2 of 7 heard),
  // no false trigger here; 0.8268 / 0.0125 on the 560-clip set (seeds 161 + 162).
  { name: 'keeps its level on clips from the sixteenth generator (sampling-based MPC, Kuramoto rhythms), never trained on', dir: 'tests/fixtures/gesture/sixteenth', n: 49, accuracyFloor: 0.78, falseTriggerCeiling: 0.15 },
  // Seventeenth motion model (scripts/gesture/synth-seventeenth.ts, seed 173: Langevin particles in
  // time-varying attractor landscapes, Fourier-series rhythms with Lorenz tempo drift, damped-least-
  // squares IK; written in session 15 without reading the others; no training source shares it).
  // Shipped model (session 15's decision): 0.980 (48 of 49), no false trigger here; 0.9768 / 0 on
  // the 560-clip set (seeds 171 + 172).
  { name: 'keeps its level on clips from the seventeenth generator (Langevin landscape dynamics), never trained on', dir: 'tests/fixtures/gesture/seventeenth', n: 49, accuracyFloor: 0.94, falseTriggerCeiling: 0.15 },
  // Eighteenth motion model (scripts/gesture/synth-eighteenth.ts, seed 183: passive rigid-body arms
  // moved by triphasic torque bursts, minimum torque-change planning, timekeeper rhythms; session
  // 15, same rule). The hardest set: shipped model 0.714 (beckons, points and pushes fall to
  // `none`), no false trigger here; 0.7536 / 0.025 on the 560-clip set (seeds 181 + 182).
  { name: 'keeps its level on clips from the eighteenth generator (ballistic pulse-step control), never trained on', dir: 'tests/fixtures/gesture/eighteenth', n: 49, accuracyFloor: 0.67, falseTriggerCeiling: 0.15 },
  // Nineteenth motion model (scripts/gesture/synth-nineteenth.ts, seed 193: Improv-style layered
  // procedural animation over coherent noise; session 15, same rule). Shipped model: 0.939, no
  // false trigger here; 0.9607 / 0 on the 560-clip set (seeds 191 + 192).
  { name: 'keeps its level on clips from the nineteenth generator (Improv-style procedural noise animation), never trained on', dir: 'tests/fixtures/gesture/nineteenth', n: 49, accuracyFloor: 0.9, falseTriggerCeiling: 0.15 },
  // Twentieth motion model (scripts/gesture/synth-twentieth.ts, seed 203: effectors flowing along
  // time-varying velocity fields of sinks and limit-cycle vortices; session 15, same rule).
  // Shipped model: 0.939, no false trigger here; 0.9750 / 0 on the 560-clip set (seeds 201 + 202).
  { name: 'keeps its level on clips from the twentieth generator (velocity-field flows, limit-cycle vortices), never trained on', dir: 'tests/fixtures/gesture/twentieth', n: 49, accuracyFloor: 0.9, falseTriggerCeiling: 0.15 },
];

let model: GestureModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await loadGestureModelFromDir();
});

afterAll(() => model.dispose());

async function scoreDir(dir: string) {
  const items: EvalItem[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const clip = parseClip(readFileSync(join(dir, f), 'utf8'), f);
    const r = await streamClip(model, clip.frames);
    items.push({ file: f, truth: labelFromFileName(f), predicted: r.label, ms: r.totalMs });
  }
  return summarize(items, GESTURE_NON_COMMANDS);
}

describe('gesture model on held-out fixtures', () => {
  for (const g of GUARDS) {
    it(g.name, async () => {
      const s = await scoreDir(g.dir);
      expect(s.n).toBe(g.n);
      expect(s.accuracy).toBeGreaterThanOrEqual(g.accuracyFloor);
      expect(s.falseTriggers).toBeLessThanOrEqual(g.falseTriggerCeiling);
    });
  }
});
