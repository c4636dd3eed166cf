/**
 * Runs the pipeline's systems in a fixed order (sensors -> perception -> cognition -> agents ->
 * views), each at its own rate. Platform-free: the app calls `step` from one `useFrame`, Node tests
 * and benchmarks call it from a loop.
 */
export interface System {
  /** Shown in profiles and errors. */
  name: string;
  /** Updates per second; 0 or omitted runs every step. */
  rateHz?: number;
  /** Advance by `dt` seconds; `t` is the shared clock in seconds. */
  update(dt: number, t: number): void;
}

/** Per-system timing, updated in place (no allocation per frame). */
export interface SystemStats {
  name: string;
  /** Exponential moving average of the update's wall time, ms. */
  avgMs: number;
  /** Updates run so far. */
  runs: number;
}

export interface SystemsRunner {
  /** Call once per rendered frame with the shared clock time in seconds. */
  step(t: number): void;
  /** Live stats, one per system in order. */
  readonly stats: readonly SystemStats[];
  /** Multiply every rate by `scale` in (0, 1] when the frame budget is tight; 1 restores. */
  setRateScale(scale: number): void;
}

/** Create a runner for `systems`, run in the given order. */
export function createSystemsRunner(systems: readonly System[], clockMs: () => number = () => performance.now()): SystemsRunner {
  const last = systems.map(() => -Infinity);
  const stats: SystemStats[] = systems.map((s) => ({ name: s.name, avgMs: 0, runs: 0 }));
  let rateScale = 1;
  return {
    stats,
    setRateScale(scale) {
      rateScale = Math.min(1, Math.max(0.05, scale));
    },
    step(t) {
      for (let i = 0; i < systems.length; i++) {
        const sys = systems[i];
        const rate = (sys.rateHz ?? 0) * rateScale;
        const period = rate > 0 ? 1 / rate : 0;
        if (t - last[i] < period) continue;
        // Clamp dt so a tab that slept does not make agents teleport.
        const dt = last[i] === -Infinity ? period || 0 : Math.min(t - last[i], 0.25);
        last[i] = t;
        const start = clockMs();
        sys.update(dt, t);
        const ms = clockMs() - start;
        const st = stats[i];
        st.avgMs = st.runs === 0 ? ms : st.avgMs * 0.9 + ms * 0.1;
        st.runs++;
      }
    },
  };
}
