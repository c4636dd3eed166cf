// The voice trainer's optional phonetic side task (`--phones W`): espeak-ng's own transcription
// of each utterance, turned into a multi-hot target, and a loss that ignores masked windows.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { espeakPhonemes, parsePhonemes, phonemeBag, phonemeInventory } from '../scripts/voice/phonemes';
import { maskedBinaryCrossentropy } from '../scripts/voice/train';

describe('phonetic side task', () => {
  it('reads espeak-ng IPA with stress and length marks dropped, diphthongs kept whole', () => {
    expect(parsePhonemes('h_ə_l_ˈoʊ\n')).toEqual(['h', 'ə', 'l', 'oʊ']);
    expect(parsePhonemes('s_t_ˈɑː_p k_ˈʌ_m')).toEqual(['s', 't', 'ɑ', 'p', 'k', 'ʌ', 'm']);
  });

  it('transcribes with the voice that speaks (en-us is rhotic, en-gb is not)', async () => {
    expect(await espeakPhonemes('help', 'en-us')).toEqual(['h', 'ɛ', 'l', 'p']);
    const us = await espeakPhonemes('tell me more', 'en-us');
    const gb = await espeakPhonemes('tell me more', 'en-gb');
    expect(us.some((p) => p.includes('ɹ'))).toBe(true);
    expect(gb.some((p) => p.includes('ɹ'))).toBe(false);
  });

  it('keeps phonemes seen often enough, most frequent first, and makes multi-hot bags', () => {
    const t = [['a', 'b'], ['a', 'c'], ['a', 'b', 'b'], ['d']];
    const inv = phonemeInventory(t, 2);
    expect(inv).toEqual(['a', 'b']);
    const out = new Float32Array(2).fill(7);
    phonemeBag(['b', 'z'], inv, out);
    expect(Array.from(out)).toEqual([0, 1]);
  });

  it('scores only labelled windows, scaled by its weight', () => {
    const yTrue = tf.tensor2d([[1, 0], [-1, -1]]);
    const pred = tf.tensor2d([[0.8, 0.3], [0.01, 0.99]]);
    const loss = maskedBinaryCrossentropy(2)(yTrue, pred);
    // Mean over the 2 labelled entries, +1 in the denominator (as the code does): 2 x (-ln 0.8 - ln 0.7) / 3.
    expect(loss.dataSync()[0]).toBeCloseTo((2 * (-Math.log(0.8) - Math.log(0.7))) / 3, 5);
    const allMasked = maskedBinaryCrossentropy(1)(tf.tensor2d([[-1, -1]]), tf.tensor2d([[0.5, 0.5]]));
    expect(allMasked.dataSync()[0]).toBe(0);
    tf.dispose([yTrue, pred, loss, allMasked]);
  });
});
