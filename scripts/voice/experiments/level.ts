import { initBackend } from '../../../src/perception/backend';
import { recognizeSignal } from '../../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../../src/perception/voice/voice-model';
import { VOICE_NON_COMMANDS } from '../../../src/core/types';
import { labelFromFileName, summarize, type EvalItem } from '../../lib/eval-report';
import { loadValidationSignals } from '../calibrate';
import { diskModelHandler } from '../disk-io';
import { fileLabel } from '../eval';
/**
 * Level robustness: every file of a folder through the eval's streaming path (the model's own
 * settings, its gate included) after scaling by each GAIN in dB (clipped at full scale). A
 * recording's level says nothing about what was said; a gate or feature that depends on it shows
 * here.
 *   MODEL=public/models/voice/model.json VAL=data/voice-espeak-val-pool GAINS=0,-20,-40 \
 *   node --import tsx scripts/voice/experiments/level.ts
 */
const sigs = loadValidationSignals(process.env.VAL ?? 'data/voice-espeak-val-pool', 'level');
await initBackend(['wasm', 'cpu']);
const model = await loadVoiceModel({ modelUrl: diskModelHandler(process.env.MODEL ?? 'public/models/voice/model.json') });
console.log('gate', JSON.stringify(model.settings.gate), 'threshold', model.settings.commandThreshold);
for (const db of (process.env.GAINS ?? '0,-20,-40').split(',').map(Number)) {
  const g = 10 ** (db / 20);
  const items: EvalItem[] = [];
  for (const s of sigs) {
    const x = s.x.map((v) => Math.max(-1, Math.min(1, v * g)));
    const r = await recognizeSignal(x, model);
    items.push({ file: s.f, truth: labelFromFileName(s.f), predicted: fileLabel(r.percepts), ms: 0 });
  }
  const sum = summarize(items, VOICE_NON_COMMANDS);
  console.log(`gain ${db} dB: acc ${sum.accuracy.toFixed(4)} ft ${sum.falseTriggers.toFixed(4)}`);
}
