import { describe, expect, it } from 'vitest';
import { createResampler, resampleSignal } from '../src/sensors/audio/resampler';
import { LOG_MEL, computeLogMel, createLogMelExtractor } from '../src/sensors/audio/log-mel';

const tone = (hz: number, rate: number, seconds: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));

const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);

describe('resampler', () => {
  it('keeps an in-band tone and its length when going 44.1 kHz -> 16 kHz', () => {
    const out = resampleSignal(tone(1000, 44100, 1), 44100);
    expect(out.length).toBe(16000);
    expect(rms(out.subarray(200, 15800))).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('removes content above the new Nyquist instead of aliasing it', () => {
    const out = resampleSignal(tone(12000, 48000, 1), 48000);
    expect(rms(out.subarray(200, 15800))).toBeLessThan(0.01);
  });

  it('gives the same samples streamed in odd-sized chunks as in one go', () => {
    const x = tone(440, 48000, 0.5);
    const whole = resampleSignal(x, 48000);
    const r = createResampler(48000);
    const out = new Float32Array(whole.length + 100);
    let n = 0;
    const tmp = new Float32Array(r.maxOutput(128));
    for (let i = 0; i < x.length; i += 128) {
      const k = r.process(x.subarray(i, i + 128), tmp);
      out.set(tmp.subarray(0, k), n);
      n += k;
    }
    for (let i = 0; i < n; i++) expect(out[i]).toBeCloseTo(whole[i], 5);
  });
});

describe('log-mel', () => {
  it('makes 100 frames a second of nMels values, peaking in the band of a tone', () => {
    const { frames, data } = computeLogMel(tone(1000, 16000, 1));
    expect(frames).toBe(98);
    expect(data.length).toBe(98 * LOG_MEL.nMels);
    const row = data.subarray(50 * LOG_MEL.nMels, 51 * LOG_MEL.nMels);
    const peak = row.indexOf(Math.max(...row));
    // 1 kHz sits near mel bin 15 of 40 between 60 Hz and 7.6 kHz.
    expect(peak).toBeGreaterThan(11);
    expect(peak).toBeLessThan(19);
  });

  it('streams to the same frames as the offline function', () => {
    const x = tone(300, 16000, 0.5);
    const { data } = computeLogMel(x);
    const ex = createLogMelExtractor();
    const got: number[] = [];
    for (let i = 0; i < x.length; i += 77) ex.process(x.subarray(i, i + 77), (f) => got.push(...f));
    expect(got.length).toBe(data.length);
    for (let i = 0; i < got.length; i += 37) expect(got[i]).toBeCloseTo(data[i], 4);
  });
});
