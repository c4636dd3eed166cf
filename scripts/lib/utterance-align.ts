/**
 * Finds where a fixture WAV's utterances sit in a captured microphone stream, by their energy
 * envelopes: the latency bench (scripts/bench-latency.ts) times each utterance from the end the
 * fixture's table gives, not from a level threshold on the capture (which cuts weak word endings
 * such as the release of a final /p/). Energies come from the app's own log-mel code, so the
 * fixture's and the captured frames are computed alike; the match is a plain Pearson correlation
 * over the utterance and 0.3 s either side (gain differences are an offset in dB and drop out).
 */
import { computeLogMel, LOG_MEL } from '../../src/sensors/audio/log-mel';
import { logMelFrameEnergyDb } from '../../src/sensors/audio/vad';

/** One utterance of the fixture as energies per 10 ms frame, from the app's own log-mel code. */
export interface UtteranceTemplate {
  label: string;
  /** Frame energies (dB) from `first`, covering the utterance and 0.3 s either side. */
  db: Float64Array;
  /** The fixture frame index of `db[0]`. */
  first: number;
  /** Fixture frame (fractional) whose last sample is the utterance's first / last sample. */
  startFrame: number;
  endFrame: number;
}

/** Utterance table of a fixture WAV (e2e/fixtures/*.json). */
export interface FixtureUtterance {
  label: string;
  startSec: number;
  endSec: number;
}

/** Energy (dB, `logMelFrameEnergyDb`) of every log-mel frame of 16 kHz samples: what the app's timeline records. */
export function signalFrameEnergies(samples: Float32Array): Float64Array {
  const { frames, data } = computeLogMel(samples);
  const db = new Float64Array(frames);
  for (let i = 0; i < frames; i++) db[i] = logMelFrameEnergyDb(data.subarray(i * LOG_MEL.nMels, (i + 1) * LOG_MEL.nMels));
  return db;
}

/** One template per label (the fixture repeats identical utterances), from 16 kHz samples. */
export function utteranceTemplates(samples: Float32Array, utterances: FixtureUtterance[]): UtteranceTemplate[] {
  const energies = signalFrameEnergies(samples);
  const frames = energies.length;
  const { sampleRate, hop, frameLength } = LOG_MEL;
  const out: UtteranceTemplate[] = [];
  for (const u of utterances) {
    if (out.some((t) => t.label === u.label)) continue;
    const frameOf = (sec: number) => (sec * sampleRate - frameLength) / hop;
    const first = Math.max(0, Math.floor(frameOf(u.startSec) - 30));
    const last = Math.min(frames - 1, Math.ceil(frameOf(u.endSec) + 30));
    out.push({ label: u.label, db: energies.slice(first, last + 1), first, startFrame: frameOf(u.startSec), endFrame: frameOf(u.endSec) });
  }
  return out;
}

function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): number {
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Where a template sits in captured frame energies `db` (contiguous frames; position j holds frame
 * `firstIndex + j`) near the captured frame `nearStart` (the voiced segment's first frame): the
 * offset (captured index - fixture index) with the highest correlation within +-`searchFrames`.
 */
export function alignTemplate(db: ArrayLike<number>, firstIndex: number, nearStart: number, tpl: UtteranceTemplate, searchFrames = 40): { offset: number; corr: number } {
  const n = tpl.db.length;
  const nominal = Math.round(nearStart - tpl.startFrame);
  const window = new Float64Array(n);
  let best = { offset: nominal, corr: -Infinity };
  for (let off = nominal - searchFrames; off <= nominal + searchFrames; off++) {
    const j0 = tpl.first + off - firstIndex;
    if (j0 < 0 || j0 + n > db.length) continue;
    for (let i = 0; i < n; i++) window[i] = db[j0 + i];
    const c = correlation(tpl.db, window, n);
    if (c > best.corr) best = { offset: off, corr: c };
  }
  return best;
}
