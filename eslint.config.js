// Lint rules that make DESIGN.md's layer order executable: imports run the way data flows,
// sensors -> perception -> cognition -> agents -> world/scenes -> app, and only perception (plus
// the Node scripts and tests that train and score models) imports tfjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layers = ['core', 'sensors', 'perception', 'cognition', 'agents', 'world', 'scenes', 'app'];
// A layer may import from layers before it, never after.
const zones = layers.flatMap((layer, i) =>
  layers.slice(i + 1).map((later) => ({
    target: `./src/${layer}`,
    from: `./src/${later}`,
    message: `${layer}/ must not import ${later}/: imports follow the data flow (see DESIGN.md).`,
  })),
);

const noTf = { group: ['@tensorflow/*'], message: 'Only src/perception imports tfjs.' };
const noThreeReact = {
  group: ['three', 'three/*', '@react-three/*', 'react', 'react-dom', 'react/*'],
  message: 'Pipeline layers stay free of three.js and React; views in src/app bind them to the scene graph.',
};

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public', 'test-results', 'playwright-report', 'bench/out', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    // The node resolver with TS extensions resolves our relative imports; the typescript resolver's
    // native optional deps (unrs-resolver) leave npm's lock file unusable for `npm ci` elsewhere.
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-cycle': ['error', { maxDepth: 10 }],
      'react-hooks/rules-of-hooks': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/perception/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTf] }] },
  },
  {
    files: ['src/perception/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noThreeReact] }] },
  },
  {
    // Pipeline layers run in Node tests and benchmarks: no three.js, React or tfjs.
    files: ['src/core/**', 'src/sensors/**', 'src/cognition/**', 'src/agents/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noThreeReact, noTf] }] },
  },
);
