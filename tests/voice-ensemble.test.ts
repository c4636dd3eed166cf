import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeMembers } from '../scripts/lib/merge-members';
import { diskModelHandler, diskSaveHandler } from '../scripts/voice/disk-io';
import { mergeVoiceMembers } from '../scripts/voice/ensemble';
import { buildVoiceNet } from '../scripts/voice/train';
import { DEFAULT_VOICE_SETTINGS, type VoiceSettings } from '../src/perception/voice/voice-settings';

// The shipped voice model is an ensemble merged into one layers model (scripts/lib/merge-members.ts):
// its output must be the members' average, also after a save/load round trip (what the app loads).
describe('merged voice ensemble', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('outputs the average of its members, through JSON and back', async () => {
    // A member with the fixed cepstral layer and one with the mel-band branch: both are graphs
    // with crops and concatenations, not plain chains.
    const a = buildVoiceNet(81, 40, 1, false, 13);
    const b = buildVoiceNet(81, 40, 2, true, 0);
    const merged = mergeMembers([a, b], [81, 40], { input: 'log_mel_window', model: 'voice_commands_ensemble' });
    const x = tf.randomNormal([3, 81, 40], 0, 1, 'float32', 5);
    const pa = a.predict(x) as tf.Tensor;
    const pb = b.predict(x) as tf.Tensor;
    const want = (await tf.div(tf.add(pa, pb), 2).array()) as number[][];
    expect(await (merged.predict(x) as tf.Tensor).array()).toEqual(want.map((r) => r.map((v) => expect.closeTo(v, 6))));

    let saved: tf.io.ModelArtifacts | undefined;
    await merged.save(tf.io.withSaveHandler(async (art) => ((saved = art), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(await (loaded.predict(x) as tf.Tensor).array()).toEqual(want.map((r) => r.map((v) => expect.closeTo(v, 6))));
    // The untrained cepstral layer came along (a second branch that forgot it would differ above).
    expect(loaded.layers.some((l) => l.name === 'm1_cepstral_smoothing' && !l.trainable)).toBe(true);
    [a, b, merged, loaded].forEach((m) => m.dispose());
    tf.dispose([x, pa, pb]);
  });

  it('merges a log-mel member with a phonetic one: the wider rows go in, the log-mel member reads their first 40 columns', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'voice-merge-'));
    try {
      const save = async (m: tf.LayersModel, dir: string, settings: VoiceSettings) => {
        m.setUserDefinedMetadata({ voice: settings as unknown as Record<string, unknown> });
        await m.save(diskSaveHandler(dir));
      };
      const plain = buildVoiceNet(81, 40, 3, false, 13);
      const wideIn = tf.input({ shape: [81, 79] });
      const wideOut = tf.layers.dense({ units: 12, activation: 'softmax' }).apply(tf.layers.flatten().apply(wideIn)) as tf.SymbolicTensor;
      const wide = tf.model({ inputs: wideIn, outputs: wideOut });
      await save(plain, join(tmp, 'a'), DEFAULT_VOICE_SETTINGS);
      await save(wide, join(tmp, 'b'), { ...DEFAULT_VOICE_SETTINGS, phonetic: true });
      const { settings } = await mergeVoiceMembers([join(tmp, 'a'), join(tmp, 'b')], join(tmp, 'ab'));
      expect(settings.phonetic).toBe(true);
      const merged = await tf.loadLayersModel(diskModelHandler(join(tmp, 'ab', 'model.json')));
      expect(merged.inputs[0].shape).toEqual([null, 81, 79]);
      const x = tf.randomNormal([2, 81, 79], 0, 1, 'float32', 9);
      const got = (await (merged.predict(x) as tf.Tensor).array()) as number[][];
      const pa = plain.predict(tf.slice(x, [0, 0, 0], [2, 81, 40])) as tf.Tensor;
      const pb = wide.predict(x) as tf.Tensor;
      const want = (await tf.div(tf.add(pa, pb), 2).array()) as number[][];
      expect(got).toEqual(want.map((r) => r.map((v) => expect.closeTo(v, 6))));
      [plain, wide, merged].forEach((m) => m.dispose());
      tf.dispose([x, pa, pb]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
