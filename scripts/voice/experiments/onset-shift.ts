/**
 * How much a voice model depends on where the gate puts the window's start: every file of an
 * espeak-ng/MBROLA validation folder (never flite/festival) goes through the eval's streaming path
 * with the window started DELTA seconds later (+) or earlier (-) than the model's preroll says, as
 * when another voice's weak onset (/h/, a glide) opens the gate later or a noise earlier.
 *   MODEL=public/models/voice/model.json VAL=data/voice-espeak-val-pool DELTAS=0,-0.04,-0.08,0.04,0.08 \
 *   node --import tsx scripts/voice/experiments/onset-shift.ts
 * Prints file-level accuracy, false triggers (at the model's own threshold) and recall per command.
 */
import { initBackend } from '../../../src/perception/backend';
import { recognizeSignal } from '../../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../../src/perception/voice/voice-model';
import { VOICE_NON_COMMANDS } from '../../../src/core/types';
import { labelFromFileName, summarize, type EvalItem } from '../../lib/eval-report';
import { loadValidationSignals } from '../calibrate';
import { diskModelHandler } from '../disk-io';
import { fileLabel } from '../eval';
const sigs = loadValidationSignals(process.env.VAL ?? 'data/voice-espeak-val-pool', 'onset-shift');
await initBackend(['wasm', 'cpu']);
const model = await loadVoiceModel({ modelUrl: diskModelHandler(process.env.MODEL ?? 'public/models/voice/model.json') });
console.log('preroll', model.settings.prerollSec);
for (const d of (process.env.DELTAS ?? '0,-0.04,-0.08,0.04,0.08').split(',').map(Number)) {
  const m2 = { settings: { ...model.settings, prerollSec: model.settings.prerollSec + d }, estimate: model.estimate.bind(model) };
  const items: EvalItem[] = [];
  for (const s of sigs) {
    const r = await recognizeSignal(s.x, m2 as never);
    items.push({ file: s.f, truth: labelFromFileName(s.f), predicted: fileLabel(r.percepts), ms: 0 });
  }
  const sum = summarize(items, VOICE_NON_COMMANDS);
  const per: Record<string, [number, number]> = {};
  for (const it of items) { if (VOICE_NON_COMMANDS.includes(it.truth as never)) continue; per[it.truth] ??= [0, 0]; per[it.truth][1]++; if (it.predicted === it.truth) per[it.truth][0]++; }
  console.log(`delta ${d}: acc ${sum.accuracy.toFixed(4)} ft ${sum.falseTriggers.toFixed(4)} | ` + Object.entries(per).map(([k, [a, b]]) => `${k} ${a}/${b}`).join(' '));
}
