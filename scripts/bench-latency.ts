/**
 * Latency from the end of an utterance in the fake microphone to the voice percept and to the
 * NPC's response, measured in headless Chromium (part of `npm run bench`, scripts/bench.ts).
 *
 * The microphone is e2e/fixtures/follow-stop-bench.wav ("follow me" / "stop" alternating every
 * ~3 s on digital silence; its .json says where each utterance starts and ends). The visitor
 * stands in the museum facing Iris, who is told to follow and to stop, over and over. The page's
 * `window.metaverse.timeline()` (src/app/timeline.ts) gives, on the shared clock:
 * - the mic's log-mel frames with their capture stamps and energies: each 20 ms chunk is stamped on
 *   arrival in the main thread and its frames back from there by their distance in samples;
 * - when each raw speech percept was emitted by the voice recognizer, when fusion passed it on,
 *   and when each NPC action (goal, line, gesture, move, look) was decided.
 *
 * For each utterance heard, its end is where the WAV's table says the speech ends (the last sample
 * above -40 dB of its peak, e2e/fixtures/make-voice-loop.ts), found in the captured stream by
 * matching energy envelopes: the fixture's own frame energies (computed here with the app's log-mel
 * code) are slid over the captured ones around the voiced segment the model answered, and the
 * offset with the highest correlation (about 0.99; an utterance under 0.9 is not timed) maps the
 * WAV's end to a captured frame. That frame's capture time is the end. (Until session 7 the end was
 * the last captured frame above a voiced threshold halfway between silence and speech: it cut the
 * weak ends of words, the closure and release of the /p/ in "stop" (~105 ms) and the fading vowel
 * of "follow me" (~50 ms), so the latency counted part of the word itself; `thresholdEndShiftMs`
 * keeps that difference.) Chunks reach the main thread late when it is busy (a software-rendered
 * frame), which would make the end look later and the latency shorter: capture times are therefore
 * taken from the lower envelope of `stamp - 10 ms * frameIndex` over +-30 s (the audio clock is
 * steady; the earliest arrivals are the least delayed), so the figure is not flattered by
 * main-thread lag. Percept latency = emission of the raw speech percept - utterance end; response
 * latency = the first action of the NPC the fused percept reached that carries out the command
 * (goal `follow` or `stop`, and its line) - utterance end. Medians over the utterances heard as
 * commands, the first one left out (model warm-up) and reported on its own.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchApp, waitForReady } from '../e2e/fixtures';
import type { TimelineEvent, TimelineSnapshot } from '../src/app/timeline';
import { LOG_MEL } from '../src/sensors/audio/log-mel';
import { alignTemplate, utteranceTemplates, type FixtureUtterance, type UtteranceTemplate } from './lib/utterance-align';
import { readWav } from './voice/wav-io';

/** The WAV and its utterance table (made by e2e/fixtures/make-voice-loop.ts). */
export const LATENCY_WAV = 'e2e/fixtures/follow-stop-bench.wav';
const LATENCY_WAV_META = 'e2e/fixtures/follow-stop-bench.json';

/** One utterance heard. Times in ms. */
export interface UtteranceTiming {
  /** What the model heard. */
  label: string;
  /** What the WAV says there (the best-matching utterance's label). */
  said: string;
  /** Correlation of the captured and the WAV's frame energies at the chosen offset. */
  alignCorr: number;
  /** Aligned end - the end a halfway voiced threshold gives (the bench's end until session 7). */
  thresholdEndShiftMs: number;
  target: string | null;
  /** Raw percept emission - utterance end. */
  perceptMs: number;
  /** Fused percept emission - utterance end. */
  fusedMs: number | null;
  /** First NPC action carrying out the command - utterance end (null: none within 3 s). */
  responseMs: number | null;
  /** Capture time of the gate-closing frame - utterance end (the gate's hangover, in audio). */
  gateMs: number;
  /** Percept emission - capture time of the gate-closing frame (waiting for a frame, inference). */
  decideMs: number;
  /** How much later the end frame was stamped than its capture-time estimate (main-thread lag). */
  stampLagMs: number;
  /** Voiced length above the halfway threshold in the browser, and the WAV's utterance length. */
  durationMs: number;
  wavDurationMs: number;
}

/** What `measureLatency` returns. Medians in ms; null when nothing was heard. */
export interface LatencyFigures {
  perceptMs: number | null;
  fusedMs: number | null;
  responseMs: number | null;
  gateMs: number | null;
  decideMs: number | null;
  stampLagMs: number | null;
  /** The first utterance heard (model warm-up), excluded from the medians. */
  firstPerceptMs: number | null;
  /** Utterances in the medians (heard as follow_me/stop, after the first). */
  n: number;
  /** Utterances the microphone carried while measuring (voiced segments in the audio). */
  said: number;
  /** What the model made of each utterance, counted by label. */
  heard: Record<string, number>;
  /** Median |browser - WAV| voiced length (the halfway threshold's bias, not an error of the end used). */
  durationErrMs: number | null;
  /** Median correlation of the envelope alignments. */
  alignCorr: number | null;
  /** Median of aligned end - halfway-threshold end. */
  thresholdEndShiftMs: number | null;
  /** Voiced segments answered that matched no WAV utterance (correlation < 0.9). */
  unaligned: number;
  /** Input latency the browser reported for the microphone, counted in every figure (ms). */
  inputLatencyMs: number;
  /** The app's median frame time while measuring (getState().frameMs, sampled every 2 s). */
  frameMs: number | null;
  note: string;
  utterances: UtteranceTiming[];
}

const FRAME_S = 0.01;
const HALF_WINDOW_S = 0.0125; // log-mel window 25 ms
const ENVELOPE_FRAMES = 3000; // +-30 s: main-thread stalls of over a second were seen with WebGL; clock drift over 30 s is a few ms
const EXPECTED: Record<string, string> = { follow_me: 'follow', stop: 'stop' };

const median = (xs: number[], digits = 1) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return Math.round(m * 10 ** digits) / 10 ** digits;
};
const ms = (s: number) => Math.round(s * 10000) / 10;

/** Frames merged from several snapshots, contiguous by frame index. */
interface Audio {
  index: number[];
  t: number[];
  db: number[];
  /** Capture-time estimate per frame (lower envelope, less the input latency the browser reports). */
  c: number[];
  /** The browser's input latency (s), the largest any snapshot reported (0 in traces from before session 7). */
  inputLatency: number;
}

function mergeAudio(snaps: TimelineSnapshot[]): Audio {
  const byIndex = new Map<number, { t: number; db: number }>();
  for (const s of snaps) s.audio.t.forEach((t, i) => byIndex.set(s.audio.first + i, { t, db: s.audio.db[i] }));
  const index = [...byIndex.keys()].sort((a, b) => a - b);
  const t = index.map((i) => byIndex.get(i)!.t);
  const db = index.map((i) => byIndex.get(i)!.db);
  // Lower envelope of (stamp - 10 ms * index): frame k was captured at about 10 ms * index_k + min u.
  // Stamps are arrival times in the audio graph's output; the sound was at the microphone the
  // browser's input latency before that.
  const inputLatency = Math.max(0, ...snaps.map((s) => s.audio.inputLatency ?? 0));
  const u = index.map((k, j) => t[j] - FRAME_S * k);
  const c = index.map((k, j) => {
    let m = Infinity;
    for (let q = j; q >= 0 && index[q] >= k - ENVELOPE_FRAMES; q--) m = Math.min(m, u[q]);
    for (let q = j + 1; q < index.length && index[q] <= k + ENVELOPE_FRAMES; q++) m = Math.min(m, u[q]);
    return FRAME_S * k + m - inputLatency;
  });
  return { index, t, db, c, inputLatency };
}

/** Voiced threshold: halfway (in dB) between the silence level and the speech level. */
function voicedThreshold(db: number[]): number {
  const s = [...db].sort((a, b) => a - b);
  const floor = s[Math.floor(s.length * 0.1)];
  const loud = s[Math.floor(s.length * 0.99)];
  return floor + (loud - floor) / 2;
}

/** Voiced segments [first, last] frame positions (gaps under 0.3 s joined, as the gate's hangover does). */
function segments(a: Audio, thr: number): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < a.db.length; j++) {
    if (a.db[j] <= thr) continue;
    const last = out.at(-1);
    if (last && a.index[j] - a.index[last[1]] <= 30) last[1] = j;
    else out.push([j, j]);
  }
  return out.filter(([s, e]) => a.index[e] - a.index[s] >= 5); // clicks are not utterances
}

/** Analyse a collected timeline against the fixture's utterance templates. */
export function analyseLatency(snaps: TimelineSnapshot[], templates: UtteranceTemplate[], frameMs: number[] = []): LatencyFigures {
  const audio = mergeAudio(snaps);
  const events = new Map<string, TimelineEvent>();
  for (const s of snaps) for (const e of s.events) events.set(JSON.stringify(e), e);
  const ev = [...events.values()].sort((a, b) => a.at - b.at);
  const thr = voicedThreshold(audio.db);
  const segs = segments(audio, thr);
  const raws = ev.filter((e): e is Extract<TimelineEvent, { kind: string }> => e.type === 'raw' && e.kind === 'speech' && e.source === 'local');
  const heard: Record<string, number> = {};
  const timings: UtteranceTiming[] = [];
  let unaligned = 0;
  // Captured frames are contiguous by index here (mergeAudio); the alignment reads them by position.
  const contiguous = audio.index.length > 0 && audio.index.at(-1)! - audio.index[0] + 1 === audio.index.length;
  if (!contiguous) throw new Error('latency: captured frames are not contiguous (a snapshot was missed); nothing can be aligned');
  const captureTime = (frame: number) => {
    // Capture time of a fractional frame index: the nearest captured frame's time, moved by 10 ms a frame.
    const j = Math.min(audio.index.length - 1, Math.max(0, Math.round(frame) - audio.index[0]));
    return audio.c[j] + (frame - audio.index[j]) * FRAME_S;
  };
  for (const r of raws) {
    heard[r.label] = (heard[r.label] ?? 0) + 1;
    // The frame at which the recognizer decided carries the percept's t; the utterance is the voiced
    // segment ending before it.
    let close = -1;
    for (let j = 0; j < audio.t.length && audio.t[j] <= r.t + 1e-6; j++) close = j;
    if (close < 0 || r.t - audio.t[close] > 0.02) continue; // its audio was not captured (before the first snapshot)
    const seg = segs.filter(([, e]) => e <= close && audio.index[close] - audio.index[e] < 150).at(-1);
    if (!seg) continue;
    const [s, e] = seg;
    let tpl: UtteranceTemplate | null = null;
    let fit = { offset: 0, corr: -Infinity };
    for (const t of templates) {
      const f = alignTemplate(audio.db, audio.index[0], audio.index[s], t);
      if (f.corr > fit.corr) [tpl, fit] = [t, f];
    }
    if (!tpl || fit.corr < 0.9) {
      unaligned++;
      continue;
    }
    const end = captureTime(tpl.endFrame + fit.offset);
    const thresholdEnd = audio.c[e] - HALF_WINDOW_S;
    const fused = ev.find((x) => x.type === 'percept' && x.t === r.t && x.label === r.label && x.at >= r.at);
    const target = fused && fused.type === 'percept' ? fused.target : null;
    let responseMs: number | null = null;
    const want = EXPECTED[r.label];
    if (fused && want && target?.startsWith('npc:')) {
      const npc = target.slice(4);
      const resp = ev.find((x) => x.type === 'npc' && x.npc === npc && x.at >= fused.at && x.at - fused.at < 3 && (x.action === 'goal' || x.action === 'say') && x.detail === want);
      if (resp) responseMs = ms(resp.at - end);
    }
    timings.push({
      label: r.label,
      said: tpl.label,
      alignCorr: Math.round(fit.corr * 1000) / 1000,
      thresholdEndShiftMs: ms(end - thresholdEnd),
      target,
      perceptMs: ms(r.at - end),
      fusedMs: fused ? ms(fused.at - end) : null,
      responseMs,
      gateMs: ms(audio.c[close] - end),
      decideMs: ms(r.at - audio.c[close]),
      stampLagMs: ms(audio.t[e] - audio.c[e]),
      durationMs: ms((audio.index[e] - audio.index[s]) * FRAME_S + 2 * HALF_WINDOW_S),
      wavDurationMs: ms(((tpl.endFrame - tpl.startFrame) * LOG_MEL.hop) / LOG_MEL.sampleRate),
    });
  }
  const commands = timings.filter((u) => EXPECTED[u.label]);
  const rest = commands.slice(1);
  return {
    perceptMs: median(rest.map((u) => u.perceptMs)),
    fusedMs: median(rest.flatMap((u) => (u.fusedMs === null ? [] : [u.fusedMs]))),
    responseMs: median(rest.flatMap((u) => (u.responseMs === null ? [] : [u.responseMs]))),
    gateMs: median(rest.map((u) => u.gateMs)),
    decideMs: median(rest.map((u) => u.decideMs)),
    stampLagMs: median(rest.map((u) => u.stampLagMs)),
    firstPerceptMs: commands[0]?.perceptMs ?? null,
    n: rest.length,
    said: segs.length,
    heard,
    durationErrMs: median(timings.map((u) => Math.abs(u.durationMs - u.wavDurationMs))),
    alignCorr: median(timings.map((u) => u.alignCorr), 3),
    thresholdEndShiftMs: median(rest.map((u) => u.thresholdEndShiftMs)),
    unaligned,
    inputLatencyMs: ms(audio.inputLatency),
    frameMs: median(frameMs),
    note: `${rest.filter((u) => u.responseMs !== null).length} of ${rest.length} commands answered by the NPC within 3 s; ${rest.filter((u) => u.label === u.said).length} of ${rest.length} heard as said; voiced threshold ${thr.toFixed(1)} dB`,
    utterances: timings,
  };
}

/** Templates of the latency WAV's utterances (16 kHz, as make-voice-loop.ts writes it). */
export function latencyTemplates(): UtteranceTemplate[] {
  const meta = JSON.parse(readFileSync(LATENCY_WAV_META, 'utf8')) as { utterances: FixtureUtterance[] };
  const wav = readWav(LATENCY_WAV);
  if (wav.sampleRate !== LOG_MEL.sampleRate) throw new Error(`${LATENCY_WAV}: ${wav.sampleRate} Hz, expected ${LOG_MEL.sampleRate} (re-make it with e2e/fixtures/make-voice-loop.ts)`);
  return utteranceTemplates(wav.samples, meta.utterances);
}

/** Options of `measureLatency`. */
export interface MeasureLatencyOptions {
  /** Force a backend with `?backend=` (the default chain picks WebGPU here). */
  backend: 'webgpu' | 'webgl' | 'wasm';
  /** Seconds of microphone to listen to after the app is ready. */
  seconds: number;
  /** Where to write the raw snapshots and per-utterance timings (for checking by hand). */
  traceFile?: string;
}

/** Run the museum with the latency WAV as the microphone and measure. */
export async function measureLatency(baseURL: string, options: MeasureLatencyOptions): Promise<LatencyFigures> {
  const templates = latencyTemplates();
  const session = await launchApp(baseURL, { webgpu: true, audioFile: LATENCY_WAV });
  try {
    const { page } = session;
    await page.goto(`/?scene=museum${options.backend === 'webgpu' ? '' : `&backend=${options.backend}`}`);
    await waitForReady(page);
    await page.waitForFunction(() => window.metaverse!.getState().sensors.mic === 'live', undefined, { timeout: 30_000 });
    const backend = await page.evaluate(() => window.metaverse!.getState().backend);
    if (backend !== options.backend) throw new Error(`latency: the app runs on ${backend}, not ${options.backend}`);
    const snaps: TimelineSnapshot[] = [];
    const frameMs: number[] = [];
    const end = Date.now() + options.seconds * 1000;
    // The ring buffer holds 10 s of frames: a snapshot every 2 s misses none.
    for (;;) {
      snaps.push(await page.evaluate(() => window.metaverse!.timeline()));
      frameMs.push(await page.evaluate(() => window.metaverse!.getState().frameMs));
      if (Date.now() >= end) break;
      await page.waitForTimeout(2000);
    }
    const figures = analyseLatency(snaps, templates, frameMs);
    if (options.traceFile) {
      mkdirSync(dirname(options.traceFile), { recursive: true });
      writeFileSync(options.traceFile, JSON.stringify({ backend, figures, snapshots: snaps }) + '\n');
    }
    return figures;
  } finally {
    await session.close();
  }
}
