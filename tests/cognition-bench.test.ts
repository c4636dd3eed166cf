import { describe, expect, it } from 'vitest';
import { runCognitionBench } from '../bench/cognition';

describe('cognition bench (smoke: small sizes, no timing assertions)', () => {
  it('runs ours and the yuka baseline on the same live scenario and reports every figure', async () => {
    const r = await runCognitionBench({ sizes: [1, 30], repeats: 1, seconds: 1 });
    expect(r.rows.map((x) => `${x.side}:${x.npcs}`)).toEqual(['ours:1', 'ours:30', 'yuka:30']);
    for (const row of r.rows) {
      expect(row.msPerTick).toBeGreaterThan(0);
      expect(row.cpuMsPerTick).toBeGreaterThan(0);
      expect(Number.isFinite(row.msPerBrainTick)).toBe(true);
    }
    const ours = r.rows.find((x) => x.side === 'ours' && x.npcs === 30)!;
    const yuka = r.rows.find((x) => x.side === 'yuka')!;
    // The scenario is live on both sides: percepts arrive and goals switch at similar rates.
    expect(ours.perceptsPerSecond).toBe(yuka.perceptsPerSecond);
    expect(ours.goalSwitchesPerSecond).toBeGreaterThan(0);
    expect(yuka.goalSwitchesPerSecond).toBeGreaterThan(0);
    expect(r.n1).toBeGreaterThan(0);
    expect(r.n1000).toBeNaN(); // not measured at these sizes
  }, 120_000);
});
