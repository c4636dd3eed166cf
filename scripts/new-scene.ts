/**
 * `npm run new-scene -- <id>`: creates src/scenes/<id>/ from a template (title card, manifest,
 * geometry, environment) that validates and opens at `?scene=<id>` as it is.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Scene ids: kebab-case, starting with a letter (also the folder name and the `?scene=` value). */
export const SCENE_ID_RE = /^[a-z][a-z0-9-]*$/;

/** Options of `createSceneFolder`. */
export interface CreateSceneOptions {
  /** Folder that holds the scene folders. @default <repo>/src/scenes */
  scenesDir?: string;
  /** The repo's src/ folder (imports in the generated files are relative to it). @default <repo>/src */
  srcDir?: string;
  /** Display title. @default the id in title case ("rose-garden" -> "Rose Garden") */
  title?: string;
}

/** A bad or taken scene id; `message` says what to do. */
export class NewSceneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewSceneError';
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** "Rose Garden!" -> "rose-garden". */
export function toSceneId(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

/**
 * Checks `id` and writes the scene folder; returns the files written.
 * @throws NewSceneError for a bad id or an existing folder.
 */
export function createSceneFolder(id: string, options: CreateSceneOptions = {}): string[] {
  const scenesDir = resolve(options.scenesDir ?? join(repoRoot, 'src', 'scenes'));
  const srcDir = resolve(options.srcDir ?? join(repoRoot, 'src'));
  if (!id) throw new NewSceneError('Usage: npm run new-scene -- <id>   (a kebab-case id, e.g. rose-garden)');
  if (!SCENE_ID_RE.test(id)) {
    const suggestion = toSceneId(id);
    throw new NewSceneError(
      `Scene id "${id}" is not valid: use kebab-case (a-z, 0-9 and -, starting with a letter)${suggestion && suggestion !== id ? `, e.g. "${suggestion}"` : ''}.`,
    );
  }
  const dir = join(scenesDir, id);
  if (existsSync(dir)) throw new NewSceneError(`Scene "${id}" already exists at ${relative(process.cwd(), dir) || dir}${sep}: pick another id.`);

  const title = options.title ?? id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  const src = relative(dir, srcDir).split(sep).join('/');
  const pascal = title.replace(/[^A-Za-z0-9]/g, '') || 'New';
  const files: Record<string, string> = {
    'meta.ts': `import { defineSceneMeta } from '${src}/world/define-scene';

/** The title card pickers show without loading the scene's code. */
export default defineSceneMeta({
  id: '${id}',
  title: ${JSON.stringify(title)},
  description: 'Describe in one sentence what this scene is for.',
});
`,
    'geometry.ts': `/** Walkable floors and blocking props: plain three.js, so the navmesh test runs in Node. */
import type { SceneGeometry } from '${src}/world/define-scene';
import { block, column, floor } from '${src}/scenes/_shared/build';

/** Builds a 16 m floor with a low wall and a pillar to walk around. */
export function build${pascal}Geometry(): SceneGeometry {
  return {
    walkable: [floor(16, 16, '#b9c4a8', [0, 0, 0], { name: 'floor' })],
    obstacles: [
      block([4, 0.8, 0.4], '#8c7b6b', [-3, 0, -3], { name: 'low-wall' }),
      column(0.5, 2.5, '#d8d2c0', [3, 0, -2], { name: 'pillar' }),
    ],
  };
}
`,
    'Environment.tsx': `/** Lights, sky and decoration (everything visible that is not walkable or blocking). */
import { GradientSky } from '${src}/scenes/_shared/GradientSky';

/** The scene's look. */
export function ${pascal}Environment() {
  return (
    <>
      <GradientSky top="#5b8fd6" horizon="#dbe8f3" bottom="#9a9484" />
      <hemisphereLight args={['#eef6ff', '#7a6f5a', 0.8]} />
      <directionalLight position={[8, 12, 6]} intensity={2} castShadow />
      <mesh position={[3, 2.8, -2]}>
        <sphereGeometry args={[0.35, 24, 16]} />
        <meshStandardMaterial color="#f2c14e" emissive="#f29e4c" emissiveIntensity={0.6} />
      </mesh>
    </>
  );
}
`,
    'index.tsx': `/** ${title}: the manifest (see docs/adding-a-scene.md). */
import { defineScene } from '${src}/world/define-scene';
import meta from './meta';
import { ${pascal}Environment } from './Environment';
import { build${pascal}Geometry } from './geometry';

export default defineScene({
  ...meta,
  spawn: { position: [0, 0, 5], yawDeg: 0 },
  atmosphere: { background: '#dbe8f3', fog: { color: '#dbe8f3', near: 20, far: 60 } },
  Environment: ${pascal}Environment,
  geometry: build${pascal}Geometry,
  pois: [
    {
      id: 'pillar',
      position: [3, 1.5, -2],
      title: 'The Pillar',
      text: 'A pillar with a glowing ball on top.',
      details: ['Add more paragraphs here for "tell me more".'],
    },
  ],
  npcs: [
    {
      id: 'host',
      name: 'Host',
      role: 'guide',
      appearance: { color: '#e0ac8a', height: 1.7, shirt: '#3a7d5c', hair: '#3b2416' },
      spawn: { position: [1.5, 0, 1], yawDeg: 200 },
      pois: ['pillar'],
      persona: {
        biases: { greet: 1.5, explain: 1.5, tour: 1, wander: 0.5 },
        lines: {
          greet: ['Hello! I am {name}.'],
          explain: ['This is {poi}. {text}'],
          help: ['Say "tell me more", "follow me" or "stop".'],
        },
      },
    },
  ],
});
`,
  };
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

function main(argv: string[]) {
  const args = argv.filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    console.error('Usage: npm run new-scene -- <id>   (a kebab-case id, e.g. rose-garden)');
    process.exit(args.length === 1 ? 0 : 1);
  }
  try {
    const files = createSceneFolder(args[0]);
    console.log(`Created scene "${args[0]}":`);
    for (const f of files) console.log(`  ${relative(process.cwd(), f)}`);
    console.log(`Open it: npm run dev, then http://localhost:5173/?scene=${args[0]} (docs/adding-a-scene.md)`);
  } catch (e) {
    if (!(e instanceof NewSceneError)) throw e;
    console.error(`new-scene: ${e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
