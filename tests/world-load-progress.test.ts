// The loading progress store runs without React: stages, weights, monotonic fractions, errors.
import { describe, expect, it } from 'vitest';
import { createLoadProgress } from '../src/world';

describe('createLoadProgress', () => {
  it('starts pending with the three stages', () => {
    const p = createLoadProgress();
    const s = p.getState();
    expect(Object.keys(s.stages)).toEqual(['assets', 'navmesh', 'models']);
    expect(s.overall).toBe(0);
    expect(s.finished).toBe(false);
    expect(s.error).toBeNull();
  });

  it('weights the overall bar and never goes backwards', () => {
    const p = createLoadProgress({ weights: { assets: 1, navmesh: 1, models: 2 } });
    p.report('assets', 0.5, 'loading plaza');
    expect(p.getState().overall).toBeCloseTo(0.5 / 4);
    p.report('assets', 0.2);
    expect(p.getState().stages.assets.fraction).toBe(0.5);
    expect(p.getState().stages.assets.detail).toBe('loading plaza');
    p.report('models', 2);
    expect(p.getState().stages.models.fraction).toBe(1);
    expect(p.getState().stages.models.status).toBe('running');
    p.report('navmesh', Number.NaN);
    expect(p.getState().stages.navmesh.fraction).toBe(0);
  });

  it('finishes when every stage is done, skipped or failed, and keeps the first error', () => {
    const p = createLoadProgress();
    const seen: number[] = [];
    const unsub = p.subscribe((s) => seen.push(s.overall));
    p.complete('assets');
    p.fail('navmesh', new Error('no walkable geometry'));
    expect(p.getState().finished).toBe(false);
    p.skip('models', 'no microphone');
    unsub();
    const s = p.getState();
    expect(s.finished).toBe(true);
    expect(s.overall).toBe(1);
    expect(s.error).toBe('Navigation mesh: no walkable geometry');
    expect(s.stages.navmesh).toMatchObject({ status: 'error', detail: 'no walkable geometry' });
    expect(s.stages.models).toMatchObject({ status: 'skipped', detail: 'no microphone' });
    expect(seen).toHaveLength(3);
    p.reset();
    expect(p.getState().finished).toBe(false);
    expect(p.getState().error).toBeNull();
  });
});
