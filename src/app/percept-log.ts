/**
 * The runtime's percept bus: every recogniser (voice, gesture, fusion, the on-screen command
 * buttons) publishes here; cognition and the automation view read it. Keeps the last `capacity`.
 */
import type { Percept } from '../core/types';

/** A bounded log of percepts with subscribers. */
export interface PerceptLog {
  /** Publish a percept (validated: a bad one is rejected with an error naming the field). */
  emit(p: Percept): void;
  /** The newest percepts, oldest first (at most `capacity`). A copy. */
  recent(): Percept[];
  /** Percepts ever emitted. */
  readonly count: number;
  /** Call `fn` for each percept from now on; returns the unsubscribe function. */
  subscribe(fn: (p: Percept) => void): () => void;
}

/** Create a `PerceptLog` keeping the last `capacity` percepts. */
export function createPerceptLog(capacity = 50): PerceptLog {
  const items: Percept[] = [];
  const listeners = new Set<(p: Percept) => void>();
  let count = 0;
  return {
    emit(p) {
      if (!Number.isFinite(p.t)) throw new TypeError(`percept.t must be a finite time in seconds, got ${p.t}`);
      if (!(p.confidence >= 0 && p.confidence <= 1)) throw new RangeError(`percept.confidence must be in [0, 1], got ${p.confidence}`);
      if (!p.label) throw new TypeError('percept.label is empty');
      if (!p.source) throw new TypeError('percept.source is empty');
      items.push(p);
      if (items.length > capacity) items.shift();
      count++;
      for (const fn of listeners) fn(p);
    },
    recent: () => items.slice(),
    get count() {
      return count;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
