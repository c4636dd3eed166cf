/**
 * Scoring shared by `npm run eval -- voice|gesture DIR`: confusion matrix, per-label precision and
 * recall, and the contract's last line (PERCEPTION.md):
 * `accuracy=<0..1> n=<files> false_triggers=<0..1> ms_per_item=<median inference ms>`.
 */
import { basename } from 'node:path';

/** One scored item. */
export interface EvalItem {
  file: string;
  truth: string;
  predicted: string;
  /** Inference time for the item, ms. */
  ms: number;
}

/** The true label of a file: its name up to the first `__` (without extension if there is no `__`). */
export function labelFromFileName(file: string): string {
  const name = basename(file);
  const i = name.indexOf('__');
  return i >= 0 ? name.slice(0, i) : name.replace(/\.[^.]+$/, '');
}

/** Summary figures. */
export interface EvalSummary {
  accuracy: number;
  n: number;
  falseTriggers: number;
  msPerItem: number;
}

/** Median of a list (0 when empty). */
export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Compute the summary; `nonCommands` are labels (unknown/silence/none) whose misfire counts as a false trigger. */
export function summarize(items: EvalItem[], nonCommands: readonly string[]): EvalSummary {
  const n = items.length;
  const correct = items.filter((it) => it.truth === it.predicted).length;
  const negatives = items.filter((it) => nonCommands.includes(it.truth));
  const fired = negatives.filter((it) => !nonCommands.includes(it.predicted)).length;
  return {
    accuracy: n ? correct / n : 0,
    n,
    falseTriggers: negatives.length ? fired / negatives.length : 0,
    msPerItem: median(items.map((it) => it.ms)),
  };
}

/** Render the confusion matrix, per-label precision/recall, and the contract's last line. */
export function formatReport(items: EvalItem[], labels: readonly string[], nonCommands: readonly string[]): string {
  const all = [...labels, ...new Set(items.flatMap((it) => [it.truth, it.predicted]).filter((l) => !labels.includes(l)))];
  const idx = new Map(all.map((l, i) => [l, i]));
  const m = all.map(() => all.map(() => 0));
  for (const it of items) m[idx.get(it.truth)!][idx.get(it.predicted)!]++;
  const w = Math.max(12, ...all.map((l) => l.length)) + 1;
  const lines: string[] = [];
  lines.push('confusion matrix (rows: truth, columns: predicted)');
  lines.push(''.padEnd(w) + all.map((l) => l.slice(0, 6).padStart(7)).join(''));
  all.forEach((l, i) => {
    if (m[i].some((v) => v) || m.some((r) => r[i])) lines.push(l.padEnd(w) + m[i].map((v) => String(v).padStart(7)).join(''));
  });
  lines.push('');
  lines.push('label'.padEnd(w) + 'precision'.padStart(10) + 'recall'.padStart(10) + 'support'.padStart(10));
  all.forEach((l, i) => {
    const tp = m[i][i];
    const support = m[i].reduce((a, b) => a + b, 0);
    const predicted = m.reduce((a, r) => a + r[i], 0);
    if (!support && !predicted) return;
    const p = predicted ? (tp / predicted).toFixed(3) : '-';
    const r = support ? (tp / support).toFixed(3) : '-';
    lines.push(l.padEnd(w) + p.padStart(10) + r.padStart(10) + String(support).padStart(10));
  });
  lines.push('');
  lines.push(summaryLine(summarize(items, nonCommands)));
  return lines.join('\n');
}

/** The contract's last line (PERCEPTION.md): `accuracy=… n=… false_triggers=… ms_per_item=…`. */
export function summaryLine(s: EvalSummary): string {
  return `accuracy=${s.accuracy.toFixed(4)} n=${s.n} false_triggers=${s.falseTriggers.toFixed(4)} ms_per_item=${s.msPerItem.toFixed(2)}`;
}
