/**
 * Scene manifests: a scene is data (id, title, spawn, points of interest, NPCs) plus components
 * (its R3F environment) plus a Node-safe function that builds its walkable geometry with three.js.
 * `defineScene` types a manifest; `validateSceneManifest` checks one at load time with zod and
 * turns the first problem into an error that names the scene, the field and what was expected.
 */
import type { ComponentType } from 'react';
import type { Object3D } from 'three';
import * as z from 'zod';
import type { Pose, Vec3 } from '../core/types';
import { GOAL_NAMES, LINE_SITUATIONS, type Persona } from '../cognition/persona';

/** Largest persona bias a manifest may give a goal (biases multiply desirabilities in [0, 1]). */
export const MAX_BIAS = 4;

/** Where someone starts: a floor position and a heading. */
export interface SceneSpawn {
  /** Metres, `local-floor` space (y up). */
  position: Vec3;
  /** Heading in degrees about +y; 0 faces -z (WebXR's forward), 90 faces -x. @default 0 */
  yawDeg?: number;
}

/** How an NPC looks; `NpcView` (src/app/npc) draws it procedurally. */
export interface NpcAppearance {
  /** Skin colour (any CSS colour). */
  color: string;
  /** Standing height in metres, in [1.2, 2.2]. */
  height: number;
  /** Shirt colour. */
  shirt: string;
  /** Trousers or skirt colour. @default a dark grey */
  trousers?: string;
  /** Hair colour; omitted means no hair. */
  hair?: string;
  /** One optional accessory that helps tell NPCs apart. @default 'none' */
  accessory?: 'none' | 'glasses' | 'hat' | 'badge' | 'scarf';
}

/** A point of interest: something a visitor can look at, point at or be told about. */
export interface PoiManifest {
  /** Unique in the scene; kebab-case. */
  id: string;
  /** Metres; the thing itself (e.g. an exhibit's centre), not necessarily walkable. */
  position: Vec3;
  /** Short name, shown and spoken (`{poi}` in lines). */
  title: string;
  /** One or two sentences: what a guide says first. */
  text: string;
  /** Further paragraphs for "tell me more", in order. @default [] */
  details?: string[];
  /** What it is, so behaviours can pick (guides tour exhibits, teachers watch seats). @default 'landmark' */
  kind?: 'exhibit' | 'seat' | 'landmark';
}

/** A non-player character declared by a scene. */
export interface NpcManifest {
  /** Unique in the scene; kebab-case. */
  id: string;
  /** Display and spoken name (`{name}` in lines). */
  name: string;
  /** A free-form role the scene gives it (e.g. 'guide', 'teacher', 'local'). @default 'local' */
  role?: string;
  /** Goal biases and lines (see src/cognition/persona.ts). */
  persona: Persona;
  /** How it looks. */
  appearance: NpcAppearance;
  /** Where it starts. */
  spawn: SceneSpawn;
  /** POI ids it tours in order (guides), or watches (teachers). @default [] */
  pois?: string[];
  /** How far from its spawn it wanders, metres. @default 4 */
  wanderRadius?: number;
}

/** The meshes a scene's navmesh is built from; the environment renders them too. */
export interface SceneGeometry {
  /** Floors, ramps and stairs people walk on. */
  walkable: Object3D[];
  /** Solid props that block walking (benches, pedestals, desks, walls); their tops are never walkable. @default [] */
  obstacles?: Object3D[];
}

/** Agent dimensions and voxel size the navmesh is built for. */
export interface NavMeshSettings {
  /** Agent radius, metres: how far paths stay from walls. @default 0.3 */
  agentRadius?: number;
  /** Agent height, metres: lower ceilings are not walkable. @default 1.7 */
  agentHeight?: number;
  /** Highest step an agent climbs, metres. @default 0.3 */
  maxClimb?: number;
  /** Steepest walkable slope, degrees. @default 40 */
  maxSlopeDeg?: number;
  /** Horizontal voxel size, metres; smaller is more exact and slower. @default 0.1 */
  cellSize?: number;
}

/** Background colour and fog. */
export interface SceneAtmosphere {
  /** Clear colour behind everything (CSS colour). */
  background: string;
  /** Linear fog. @default none */
  fog?: { color: string; near: number; far: number };
}

/** A scene's title card: what the picker shows without loading the scene's code. */
export interface SceneMeta {
  /** Unique; kebab-case; equals the folder name under src/scenes/. */
  id: string;
  /** Shown in pickers and the loading screen. */
  title: string;
  /** One sentence: what the scene is for. */
  description: string;
}

/** Everything a scene declares (`export default defineScene({...})` in src/scenes/<id>/index.tsx). */
export interface SceneManifest extends SceneMeta {
  /** Where visitors start. */
  spawn: SceneSpawn;
  /** Background colour and fog. */
  atmosphere: SceneAtmosphere;
  /** Lights, sky and decoration: everything visible that is not in `geometry()`. */
  Environment: ComponentType;
  /** Builds the walkable and blocking meshes with plain three.js (runs in Node tests too). */
  geometry: () => SceneGeometry;
  /** Navmesh agent settings. @default see NavMeshSettings */
  navmesh?: NavMeshSettings;
  /** Points of interest. */
  pois: PoiManifest[];
  /** NPCs. */
  npcs: NpcManifest[];
}

/** A validated scene with its geometry built once (the environment renders it, the navmesh is built from it). */
export interface LoadedScene {
  /** The validated manifest. */
  manifest: SceneManifest;
  /** `manifest.geometry()`'s result. */
  geometry: SceneGeometry;
}

/** Types a scene manifest (validation happens when the registry loads it). */
export function defineScene<M extends SceneManifest>(manifest: M): M {
  return manifest;
}

/** Types a scene's title card (src/scenes/<id>/meta.ts), loaded eagerly for the pickers. */
export function defineSceneMeta<M extends SceneMeta>(meta: M): M {
  return meta;
}

/** One manifest problem. */
export interface SceneManifestIssue {
  /** Dotted path of the field, e.g. `npcs[0].persona.biases.tour`; `(manifest)` for the root. */
  path: string;
  /** What the field should be, e.g. `a number in [0, 4]`. */
  expected: string;
  /** What it was, JSON-ish, e.g. `"high"`; `nothing` when missing. */
  received: string;
}

/** A manifest failed validation; `message` names the scene, the field and what was expected. */
export class SceneManifestError extends Error {
  /** The scene (folder) id. */
  readonly sceneId: string;
  /** Path of the first bad field. */
  readonly path: string;
  /** What the first bad field should be. */
  readonly expected: string;
  /** What the first bad field was. */
  readonly received: string;
  /** Every problem found, first one first. */
  readonly issues: SceneManifestIssue[];

  constructor(sceneId: string, issues: SceneManifestIssue[]) {
    const first = issues[0] ?? { path: '(manifest)', expected: 'a valid manifest', received: 'nothing' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    super(`Scene "${sceneId}": ${formatIssue(first)}${more}`);
    this.name = 'SceneManifestError';
    this.sceneId = sceneId;
    this.path = first.path;
    this.expected = first.expected;
    this.received = first.received;
    this.issues = issues.length ? issues : [first];
  }
}

/** One issue as `path: expected X, got Y`. */
export function formatIssue(issue: SceneManifestIssue): string {
  return `${issue.path}: expected ${issue.expected}, got ${issue.received}`;
}

// ---------------------------------------------------------------------------------------------
// Schemas. Every leaf carries an `expected ...` phrase so messages read the same everywhere.

const ID_RE = /^[a-z][a-z0-9-]*$/;
const exp = (expected: string) => ({ error: expected });

const finite = (what = 'a number') => z.number(exp(what)).finite(exp(what));
// A regex, not .trim(): trimming would change the value the error reports.
const nonEmpty = (what = 'a non-empty string') => z.string(exp(what)).regex(/\S/, exp(what));
const idSchema = z.string(exp('a kebab-case id')).regex(ID_RE, exp('a kebab-case id (a-z, 0-9, -; starts with a letter)'));
const vec3Schema = z.tuple([finite(), finite(), finite()], exp('[x, y, z] in metres'));
const colorSchema = z.string(exp('a CSS colour string')).min(1, exp('a CSS colour string'));
const range = (lo: number, hi: number, unit = '') => {
  const what = `a number in [${lo}, ${hi}]${unit}`;
  return z.number(exp(what)).min(lo, exp(what)).max(hi, exp(what));
};

// Strict objects: a typo'd field is an error that lists the fields the object knows.
function obj<S extends z.ZodRawShape>(shape: S, what: { error: string }) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `a known field (${known})` : what.error) });
}

// Records keyed by a fixed list (goal names, line situations): an unknown key lists the valid ones.
function rec<K extends readonly [string, ...string[]], V extends z.ZodType>(keys: K, value: V, what: string, keyWhat: string) {
  return z.partialRecord(z.enum(keys), value, {
    // zod 4 reports unknown keys of an enum-keyed partial record as `unrecognized_keys` (its types omit it).
    error: (iss) => ((iss.code as string) === 'unrecognized_keys' ? `${keyWhat} (${keys.join(', ')})` : what),
  });
}

const spawnSchema = obj({ position: vec3Schema, yawDeg: finite('an angle in degrees').optional() }, exp('{ position: [x, y, z], yawDeg? }'));

const biasSchema = range(0, MAX_BIAS);
const personaSchema = obj(
  {
    biases: rec(GOAL_NAMES, biasSchema, 'an object of goal biases', 'a goal name'),
    lines: rec(LINE_SITUATIONS, z.array(nonEmpty('a non-empty line'), exp('an array of lines')).min(1, exp('at least one line')), 'an object of lines by situation', 'a line situation'),
  },
  exp('{ biases, lines }'),
);

const appearanceSchema = obj(
  {
    color: colorSchema,
    height: range(1.2, 2.2, ' metres'),
    shirt: colorSchema,
    trousers: colorSchema.optional(),
    hair: colorSchema.optional(),
    accessory: z.enum(['none', 'glasses', 'hat', 'badge', 'scarf'], exp('one of none, glasses, hat, badge, scarf')).optional(),
  },
  exp('{ color, height, shirt, trousers?, hair?, accessory? }'),
);

const poiSchema = obj(
  {
    id: idSchema,
    position: vec3Schema,
    title: nonEmpty(),
    text: nonEmpty(),
    details: z.array(nonEmpty('a non-empty paragraph'), exp('an array of paragraphs')).optional(),
    kind: z.enum(['exhibit', 'seat', 'landmark'], exp('one of exhibit, seat, landmark')).optional(),
  },
  exp('a point of interest { id, position, title, text }'),
);

const npcSchema = obj(
  {
    id: idSchema,
    name: nonEmpty(),
    role: nonEmpty().optional(),
    persona: personaSchema,
    appearance: appearanceSchema,
    spawn: spawnSchema,
    pois: z.array(idSchema, exp('an array of POI ids')).optional(),
    wanderRadius: range(0, 50, ' metres').optional(),
  },
  exp('an NPC { id, name, persona, appearance, spawn }'),
);

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', exp(what));

const metaShape = { id: idSchema, title: nonEmpty(), description: nonEmpty() };

/** Zod schema of a scene's title card. */
export const sceneMetaSchema = obj(metaShape, exp('a scene meta { id, title, description }'));

/** Zod schema of a whole manifest (cross-field checks are in `validateSceneManifest`). */
export const sceneManifestSchema = obj(
  {
    ...metaShape,
    spawn: spawnSchema,
    atmosphere: obj(
      {
        background: colorSchema,
        fog: obj({ color: colorSchema, near: finite('a distance in metres'), far: finite('a distance in metres') }, exp('{ color, near, far }')).optional(),
      },
      exp('{ background, fog? }'),
    ),
    Environment: fn('a React component'),
    geometry: fn('a function returning { walkable, obstacles? }'),
    navmesh: obj(
      {
        agentRadius: range(0.05, 2, ' metres').optional(),
        agentHeight: range(0.5, 3, ' metres').optional(),
        maxClimb: range(0, 1, ' metres').optional(),
        maxSlopeDeg: range(0, 89, ' degrees').optional(),
        cellSize: range(0.02, 1, ' metres').optional(),
      },
      exp('{ agentRadius?, agentHeight?, maxClimb?, maxSlopeDeg?, cellSize? }'),
    ).optional(),
    pois: z.array(poiSchema, exp('an array of points of interest')),
    npcs: z.array(npcSchema, exp('an array of NPCs')),
  },
  exp('a scene manifest (export default defineScene({...}))'),
);

/** `a.b[0].c` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(manifest)';
}

/** A short, JSON-ish rendering of a received value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function toIssues(error: z.ZodError): SceneManifestIssue[] {
  const issues: SceneManifestIssue[] = [];
  for (const iss of error.issues) {
    if (iss.code === 'unrecognized_keys') {
      // Typos are the usual cause: name each key and say what the object accepts.
      for (const key of iss.keys) {
        issues.push({ path: formatPath([...iss.path, key]), expected: iss.message, received: 'an unknown field' });
      }
      continue;
    }
    if (iss.code === 'invalid_key') {
      // partialRecord with an enum key: the key itself is wrong (e.g. a goal name typo).
      const keyIssue = iss.issues[0];
      issues.push({ path: formatPath(iss.path), expected: keyIssue?.message ?? iss.message, received: 'an unknown key' });
      continue;
    }
    issues.push({ path: formatPath(iss.path), expected: iss.message, received: describeValue(iss.input) });
  }
  return issues;
}

function checkCrossFields(m: SceneManifest): SceneManifestIssue[] {
  const issues: SceneManifestIssue[] = [];
  const dup = (list: { id: string }[], field: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) issues.push({ path: `${field}[${i}].id`, expected: `an id unique among ${field}`, received: JSON.stringify(item.id) });
      seen.add(item.id);
    });
  };
  dup(m.pois, 'pois');
  dup(m.npcs, 'npcs');
  const poiIds = new Set(m.pois.map((p) => p.id));
  m.npcs.forEach((npc, i) =>
    (npc.pois ?? []).forEach((id, j) => {
      if (!poiIds.has(id)) issues.push({ path: `npcs[${i}].pois[${j}]`, expected: `one of this scene's POI ids (${[...poiIds].join(', ') || 'none declared'})`, received: JSON.stringify(id) });
    }),
  );
  if (m.atmosphere.fog && m.atmosphere.fog.far <= m.atmosphere.fog.near) {
    issues.push({ path: 'atmosphere.fog.far', expected: `a distance greater than fog.near (${m.atmosphere.fog.near})`, received: String(m.atmosphere.fog.far) });
  }
  return issues;
}

/**
 * Validates `value` as the manifest of scene `sceneId` (the folder name) and returns it typed.
 * @throws SceneManifestError naming the scene, the field and what was expected.
 */
export function validateSceneManifest(value: unknown, sceneId: string): SceneManifest {
  const parsed = sceneManifestSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new SceneManifestError(sceneId, toIssues(parsed.error));
  const manifest = value as SceneManifest;
  const issues = checkCrossFields(manifest);
  if (manifest.id !== sceneId) issues.unshift({ path: 'id', expected: `"${sceneId}" (the scene's folder name)`, received: JSON.stringify(manifest.id) });
  if (issues.length) throw new SceneManifestError(sceneId, issues);
  return manifest;
}

/**
 * Validates a scene's title card.
 * @throws SceneManifestError naming the scene, the field and what was expected.
 */
export function validateSceneMeta(value: unknown, sceneId: string): SceneMeta {
  const parsed = sceneMetaSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new SceneManifestError(sceneId, toIssues(parsed.error));
  if (parsed.data.id !== sceneId) {
    throw new SceneManifestError(sceneId, [{ path: 'id', expected: `"${sceneId}" (the scene's folder name)`, received: JSON.stringify(parsed.data.id) }]);
  }
  return parsed.data;
}

/** A spawn as a core `Pose` (quaternion about +y). */
export function spawnPose(spawn: SceneSpawn): Pose {
  const half = (((spawn.yawDeg ?? 0) * Math.PI) / 180) / 2;
  return { p: [spawn.position[0], spawn.position[1], spawn.position[2]], q: [0, Math.sin(half), 0, Math.cos(half)] };
}
