/**
 * Chooses the recognizer's early-decision settings on espeak-ng/MBROLA validation (never flite or
 * festival): for each (seconds of silence, least confidence) pair, every file goes through the
 * eval's streaming path and the sweep prints file-level accuracy, false triggers and how long after
 * the utterance's end the command was emitted (median and p90 over correctly heard commands;
 * "end" = the gate-close decision's time minus the gate's 0.3 s hangover, from a run with early
 * decisions off).
 *   node --import tsx scripts/voice/sweep-early.ts [--model PATH] [--val DIR]
 */
import { VOICE_NON_COMMANDS } from '../../src/core/types';
import { initBackend } from '../../src/perception/backend';
import { recognizeSignal } from '../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../src/perception/voice/voice-model';
import { labelFromFileName, summarize, type EvalItem } from '../lib/eval-report';
import { loadValidationSignals, parseTuningArgs } from './calibrate';
import { diskModelHandler } from './disk-io';
import { fileLabel } from './eval';

const { model: modelPath, val } = parseTuningArgs(process.argv.slice(2), 'sweep-early');
const signals = loadValidationSignals(val, 'sweep-early').map(({ f, x }) => ({ f, x, truth: labelFromFileName(f) }));
await initBackend(['wasm', 'cpu']);
const model = await loadVoiceModel({ modelUrl: diskModelHandler(modelPath) });
const RELEASE = model.settings.gate.releaseSec ?? 0.3;
// The eval's lead-in unless SWEEP_LEAD names one.
const LEAD = process.env.SWEEP_LEAD as 'digital' | 'roomTone' | undefined;
const firstCommandT = (ps: { t: number; label: string }[], label: string) => ps.find((p) => p.label === label)?.t;

// Reference: early decisions off; the command's time there is the gate's close.
const closeT = new Map<string, number>();
for (const s of signals) {
  const r = await recognizeSignal(s.x, model, { earlyDecisionSec: 0, leadIn: LEAD });
  const t = firstCommandT(r.percepts, s.truth);
  if (t !== undefined) closeT.set(s.f, t);
}
const q = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
const SECS = (process.env.SWEEP_SECS ?? '0.06,0.08,0.1,0.12,0.15').split(',').map(Number);
const MINS = (process.env.SWEEP_MINS ?? '0.7,0.8,0.9,0.95').split(',').map(Number);
const grid: [number, number][] = [[0, 1]];
for (const sec of SECS) for (const min of MINS) grid.push([sec, min]);
for (const [sec, min] of grid) {
  const items: EvalItem[] = [];
  const tails: number[] = [];
  for (const s of signals) {
    const r = await recognizeSignal(s.x, model, { earlyDecisionSec: sec, earlyMinConfidence: min, leadIn: LEAD });
    const predicted = fileLabel(r.percepts);
    items.push({ file: s.f, truth: s.truth, predicted, ms: 0 });
    const t = firstCommandT(r.percepts, s.truth);
    const c = closeT.get(s.f);
    if (!VOICE_NON_COMMANDS.includes(s.truth as never) && predicted === s.truth && t !== undefined && c !== undefined) {
      tails.push(t - (c - RELEASE));
      if (process.env.SWEEP_DEBUG && sec > 0 && t - (c - RELEASE) > RELEASE - 0.02) console.log(`  late: ${s.f} ${t.toFixed(3)} close ${c.toFixed(3)}`);
    }
  }
  const sum = summarize(items, VOICE_NON_COMMANDS);
  console.log(
    `early ${sec.toFixed(2)} s, min ${min.toFixed(2)}: accuracy=${sum.accuracy.toFixed(4)} false_triggers=${sum.falseTriggers.toFixed(4)} ` +
      `tail after the utterance: median ${(q(tails, 0.5) * 1000).toFixed(0)} ms, p90 ${(q(tails, 0.9) * 1000).toFixed(0)} ms (${tails.length} commands, ${tails.filter((x) => x < RELEASE - 0.02).length} decided early)`,
  );
}
model.dispose();
