/**
 * Experiment (not the app's path): prior (logit) adjustment of the `unknown` class. Training holds
 * about seven times more `unknown` windows than any command, and on flite/festival the misses fall
 * to `unknown` on the argmax; scaling p(unknown) by w < 1 and renormalising (adding log w to its
 * logit, on every window, early looks included) moves that boundary. Scored at the file level over
 * w x the calibration grid through the eval's streaming path, like calibrate.ts.
 *   UW_GRID=1,0.7,0.5,0.35,0.25 node --import tsx scripts/voice/experiments/unknown-weight.ts [--model M] [--val DIR]
 * With UW_ONLY=w:th it scores that one setting on --val (any folder, e.g. the flite/festival set).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VOICE_LABELS, VOICE_NON_COMMANDS } from '../../../src/core/types';
import { initBackend } from '../../../src/perception/backend';
import { recognizeSignal } from '../../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../../src/perception/voice/voice-model';
import type { VoiceClassifier } from '../../../src/perception/voice/voice-recognizer';
import { resampleSignal } from '../../../src/sensors/audio/resampler';
import { labelFromFileName, summarize, type EvalItem } from '../../lib/eval-report';
import { CALIBRATION_GRID, CALIBRATION_MAX_FT, loadValidationSignals, parseTuningArgs } from '../calibrate';
import { diskModelHandler } from '../disk-io';
import { fileLabel } from '../eval';
import { readWav } from '../wav-io';

const UNKNOWN = VOICE_LABELS.indexOf('unknown');
const { model: modelPath, val } = parseTuningArgs(process.argv.slice(2), 'unknown-weight');
const only = process.env.UW_ONLY?.split(':').map(Number);
const signals = only
  ? readdirSync(val)
      .filter((f) => /\.wav$/i.test(f))
      .sort()
      .map((f) => {
        const w = readWav(join(val, f));
        return { f, x: resampleSignal(w.samples, w.sampleRate) };
      })
  : loadValidationSignals(val, 'unknown-weight');
await initBackend(['wasm', 'cpu']);
const model = await loadVoiceModel({ modelUrl: diskModelHandler(modelPath) });
const weights = only ? [only[0]] : (process.env.UW_GRID ?? '1,0.7,0.5,0.35,0.25').split(',').map(Number);
const grid = only ? [only[1]] : CALIBRATION_GRID;
const rows: { w: number; th: number; accuracy: number; falseTriggers: number }[] = [];
for (const w of weights) {
  for (const th of grid) {
    const at: VoiceClassifier = {
      settings: { ...model.settings, commandThreshold: th },
      async estimate(x, out) {
        await model.estimate(x, out);
        out[UNKNOWN] *= w;
        let sum = 0;
        for (let i = 0; i < out.length; i++) sum += out[i];
        for (let i = 0; i < out.length; i++) out[i] /= sum;
      },
    };
    const items: EvalItem[] = [];
    for (const { f, x } of signals) {
      const r = await recognizeSignal(x, at);
      items.push({ file: f, truth: labelFromFileName(f), predicted: fileLabel(r.percepts), ms: 0 });
    }
    const s = summarize(items, VOICE_NON_COMMANDS);
    rows.push({ w, th, accuracy: s.accuracy, falseTriggers: s.falseTriggers });
    console.log(`w=${w} th=${th} accuracy=${s.accuracy.toFixed(4)} false_triggers=${s.falseTriggers.toFixed(4)} (${signals.length} files)`);
  }
}
model.dispose();
const ok = rows.filter((r) => r.falseTriggers <= CALIBRATION_MAX_FT);
// Best accuracy; ties to the larger w (less change), then the higher threshold.
ok.sort((a, b) => b.accuracy - a.accuracy || b.w - a.w || b.th - a.th);
if (!only) console.log(ok.length ? `chosen: w=${ok[0].w} th=${ok[0].th} accuracy=${ok[0].accuracy.toFixed(4)} false_triggers=${ok[0].falseTriggers.toFixed(4)}` : 'no setting within the false-trigger limit');
