/**
 * Loading progress: one vanilla zustand store with named stages (scene assets, navmesh, ML models)
 * that every loader reports into, and that `<LoadingScreen/>` (src/app/scene) renders. Reports are
 * rare (a few per stage), so a store update per report is fine.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The stages a scene load goes through, in display order. */
export const LOAD_STAGES = ['assets', 'navmesh', 'models'] as const;
/** A loading stage: `assets` (scene code and geometry), `navmesh`, `models` (perception). */
export type LoadStage = (typeof LOAD_STAGES)[number];

/** Where one stage is. */
export type LoadStageStatus = 'pending' | 'running' | 'done' | 'skipped' | 'error';

/** One stage's progress. */
export interface LoadStageState {
  /** Human-readable name shown on the loading screen. */
  label: string;
  /** In [0, 1]. */
  fraction: number;
  status: LoadStageStatus;
  /** What is happening now (e.g. "building navmesh"), or why it was skipped or failed. */
  detail: string;
  /** Share of the overall bar. */
  weight: number;
}

/** The store's state. */
export interface LoadProgressState {
  stages: Record<LoadStage, LoadStageState>;
  /** Weighted mean of the stages' fractions, in [0, 1] (done/skipped/error count as 1). */
  overall: number;
  /** Every stage is done, skipped or failed. */
  finished: boolean;
  /** The first stage error, if any (the app goes on with what works). */
  error: string | null;
}

/** A progress store plus the actions loaders call. */
export interface LoadProgress extends StoreApi<LoadProgressState> {
  /** Mark `stage` running at `fraction` in [0, 1] (clamped; never goes backwards). */
  report(stage: LoadStage, fraction: number, detail?: string): void;
  /** Mark `stage` done. */
  complete(stage: LoadStage, detail?: string): void;
  /** Mark `stage` not needed this time (e.g. no models in this mode). */
  skip(stage: LoadStage, detail: string): void;
  /** Mark `stage` failed; the message is shown, the other stages go on. */
  fail(stage: LoadStage, error: unknown): void;
  /** Back to all-pending (a new scene load). */
  reset(): void;
}

/** Options of `createLoadProgress`. */
export interface LoadProgressOptions {
  /** Shares of the overall bar. @default { assets: 1, navmesh: 1, models: 2 } */
  weights?: Partial<Record<LoadStage, number>>;
  /** Display labels. @default { assets: 'Scene assets', navmesh: 'Navigation mesh', models: 'AI models' } */
  labels?: Partial<Record<LoadStage, string>>;
}

const DEFAULT_WEIGHTS: Record<LoadStage, number> = { assets: 1, navmesh: 1, models: 2 };
const DEFAULT_LABELS: Record<LoadStage, string> = { assets: 'Scene assets', navmesh: 'Navigation mesh', models: 'AI models' };
const SETTLED: readonly LoadStageStatus[] = ['done', 'skipped', 'error'];

function derive(stages: Record<LoadStage, LoadStageState>): Pick<LoadProgressState, 'overall' | 'finished'> {
  let sum = 0;
  let total = 0;
  let finished = true;
  for (const name of LOAD_STAGES) {
    const s = stages[name];
    const settled = SETTLED.includes(s.status);
    if (!settled) finished = false;
    sum += s.weight * (settled ? 1 : s.fraction);
    total += s.weight;
  }
  return { overall: total > 0 ? sum / total : 1, finished };
}

/** Create a progress store with every stage pending. */
export function createLoadProgress(options: LoadProgressOptions = {}): LoadProgress {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const initial = (): LoadProgressState => {
    const stages = Object.fromEntries(
      LOAD_STAGES.map((name) => [name, { label: labels[name], fraction: 0, status: 'pending', detail: '', weight: weights[name] }]),
    ) as Record<LoadStage, LoadStageState>;
    return { stages, ...derive(stages), error: null };
  };
  const store = createStore<LoadProgressState>()(initial);

  const update = (stage: LoadStage, patch: Partial<LoadStageState>, error?: string) => {
    const prev = store.getState();
    const stages = { ...prev.stages, [stage]: { ...prev.stages[stage], ...patch } };
    store.setState({ stages, ...derive(stages), error: prev.error ?? error ?? null });
  };

  return {
    ...store,
    report(stage, fraction, detail) {
      const cur = store.getState().stages[stage];
      const f = Math.min(1, Math.max(cur.fraction, Number.isFinite(fraction) ? fraction : 0));
      update(stage, { fraction: f, status: 'running', detail: detail ?? cur.detail });
    },
    complete(stage, detail) {
      update(stage, { fraction: 1, status: 'done', detail: detail ?? 'ready' });
    },
    skip(stage, detail) {
      update(stage, { fraction: 1, status: 'skipped', detail });
    },
    fail(stage, error) {
      const message = error instanceof Error ? error.message : String(error);
      update(stage, { status: 'error', detail: message }, `${labels[stage]}: ${message}`);
    },
    reset() {
      store.setState(initial(), true);
    },
  };
}
