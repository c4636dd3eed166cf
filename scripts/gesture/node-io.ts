/**
 * Node-side file IO for the gesture model and motion clips: save/load a tfjs layers model in a
 * folder (the same model.json + .bin files the browser fetches), load the shipped model with its
 * settings, and read clip JSON with errors that name the file and the bad field.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { MotionFrame, Pose } from '../../src/core/types';
import { loadGestureModel, validateGestureSettings, type GestureModel } from '../../src/perception/gesture/model';
import { labelFromFileName } from '../lib/eval-report';

/** Folder of the shipped gesture model. */
export const GESTURE_MODEL_DIR = 'public/models/gesture';
const WEIGHTS_FILE = 'weights.bin';

/** Save a layers model as `model.json` + `weights.bin` in `dir`; returns the weight bytes. */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData instanceof ArrayBuffer ? a.weightData : tf.io.CompositeArrayBuffer.join(a.weightData as ArrayBuffer[]);
      bytes = data.byteLength;
      writeFileSync(join(dir, WEIGHTS_FILE), Buffer.from(data));
      const json = {
        format: 'layers-model',
        generatedBy: a.generatedBy,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return bytes;
}

/** An IOHandler that loads `model.json` and its weight files from a folder. */
export function dirModelHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const specs = json.weightsManifest.flatMap((g) => g.weights);
      const parts = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
      const buf = Buffer.concat(parts);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
      };
    },
  };
}

/** Load the gesture model in `dir` (model.json, weights, settings.json) with the browser's loader. */
export async function loadGestureModelFromDir(dir = GESTURE_MODEL_DIR): Promise<GestureModel> {
  const path = join(dir, 'settings.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${err instanceof Error ? err.message : err}`);
  }
  return loadGestureModel({ modelUrl: dirModelHandler(dir), settings: validateGestureSettings(raw, path) });
}

/** A parsed clip. */
export interface ParsedClip {
  label?: string;
  hz: number;
  frames: MotionFrame[];
}

/** Parse and validate clip JSON text; errors name `file`, the frame and the field. */
export function parseClip(text: string, file: string): ParsedClip {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: malformed JSON (${err instanceof Error ? err.message : err})`);
  }
  const c = o as { label?: unknown; hz?: unknown; frames?: unknown };
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new Error(`${file}: clip must be a JSON object`);
  if (c.label !== undefined && typeof c.label !== 'string') throw new Error(`${file}: "label" must be a string`);
  if (typeof c.hz !== 'number' || !Number.isFinite(c.hz) || c.hz <= 0) throw new Error(`${file}: missing or bad "hz" (a positive number)`);
  if (!Array.isArray(c.frames) || c.frames.length < 2) throw new Error(`${file}: "frames" must be an array of at least 2 frames`);
  const vec = (v: unknown, n: number, where: string): number[] => {
    if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
      throw new Error(`${file}: ${where} must be ${n} finite numbers, got ${JSON.stringify(v)}`);
    return v as number[];
  };
  const pose = (v: unknown, where: string, required: boolean): Pose | null => {
    if (v === null || (v === undefined && !required)) return null;
    if (v === undefined) throw new Error(`${file}: missing ${where}`);
    const pv = v as { p?: unknown; q?: unknown };
    if (typeof pv !== 'object') throw new Error(`${file}: ${where} must be { p, q } or null`);
    const p = vec(pv.p, 3, `${where}.p`);
    const q = vec(pv.q, 4, `${where}.q`);
    const n = Math.hypot(q[0], q[1], q[2], q[3]);
    if (Math.abs(n - 1) > 0.05) throw new Error(`${file}: ${where}.q is not a unit quaternion [x, y, z, w] (norm ${n.toFixed(3)})`);
    return { p: [p[0], p[1], p[2]], q: [q[0] / n, q[1] / n, q[2] / n, q[3] / n] };
  };
  let prevT = -Infinity;
  const frames = (c.frames as unknown[]).map((f, i): MotionFrame => {
    const fr = f as { t?: unknown; head?: unknown; left?: unknown; right?: unknown };
    if (!fr || typeof fr !== 'object') throw new Error(`${file}: frames[${i}] must be an object`);
    if (typeof fr.t !== 'number' || !Number.isFinite(fr.t)) throw new Error(`${file}: frames[${i}].t missing or not a number`);
    if (fr.t < prevT) throw new Error(`${file}: frames[${i}].t=${fr.t} goes back in time (previous ${prevT})`);
    prevT = fr.t;
    return { t: fr.t, head: pose(fr.head, `frames[${i}].head`, true), left: pose(fr.left, `frames[${i}].left`, false), right: pose(fr.right, `frames[${i}].right`, false) };
  });
  if (!frames.some((f) => f.head)) throw new Error(`${file}: no frame has a tracked head`);
  return { label: c.label as string | undefined, hz: c.hz, frames };
}

/** The `.json` clips of `dir` in name order whose true label (the file name's, as the eval reads it) passes `keep`. */
export function readClipFolder(dir: string, keep: (truth: string) => boolean = () => true): { file: string; truth: string; clip: ParsedClip }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && keep(labelFromFileName(f)))
    .sort()
    .map((f) => ({ file: f, truth: labelFromFileName(f), clip: parseClip(readFileSync(join(dir, f), 'utf8'), f) }));
}
