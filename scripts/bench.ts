/**
 * `npm run bench`: the project's speed and size figures in one run, written to
 * bench/results.json and bench/results.md (the README's table comes from the latter).
 * Not part of the test command. Comparisons are ratios measured in the same run.
 *
 * Measured: cognition at 1/100/1,000 NPCs vs the Yuka baseline (Node), cold load to
 * `metaverse:ready`, frame time p50/p95 in headless Chromium with brains on and off, latency from
 * the end of an utterance in the fake microphone to the voice percept and to the NPC's response
 * (scripts/bench-latency.ts), perception inference per tfjs backend in one browser run
 * (bench/inference/), bundle and model sizes. Anything not measured is null with a reason in
 * `missing`. How latency and inference are measured: docs/runtime.md, "Benchmark".
 *
 *   npm run bench [-- --no-build] [-- --quick] [-- --node-only] [-- --only=latency,inference]
 *
 * `--only` runs some parts (cognition, frame, latency, inference) and prints them without writing
 * bench/results.*. BENCH_PORT (default 4179) and BENCH_DIST (default dist) let it run beside other
 * browser runs on one machine.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { runCognitionBench } from '../bench/cognition';
import { launchApp, waitForReady } from '../e2e/fixtures';
import { measureLatency, type LatencyFigures } from './bench-latency';
import { EARLY_DECISION_SEC } from '../src/perception/voice/voice-recognizer';
import type { BackendFigures } from '../bench/inference/main';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const DIST = process.env.BENCH_DIST ?? 'dist';
const BASE = `http://localhost:${PORT}`;
const args = new Set(process.argv.slice(2));
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const PARTS = ['cognition', 'frame', 'latency', 'inference'] as const;
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
for (const p of only ?? []) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: unknown part "${p}" (one of ${PARTS.join(', ')})`);
const want = (part: (typeof PARTS)[number]) => !only || only.has(part);

function dirBytes(dir: string, filter: (f: string) => boolean = () => true): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    total += st.isDirectory() ? dirBytes(p, filter) : filter(p) ? st.size : 0;
  }
  return total;
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const round = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

async function waitForServer(url: string, timeoutMs = 30000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs} ms`);
}

/** Frame times (ms between animation frames) over `seconds` in the page. */
async function sampleFrames(page: import('@playwright/test').Page, seconds: number): Promise<number[]> {
  return page.evaluate(
    (sec) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + sec * 1000;
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(out.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    seconds,
  );
}

/** Build the inference page (bench/inference/) into `<DIST>/bench-inference/` with the wasm files beside it. */
async function buildInferencePage(): Promise<void> {
  const { build } = await import('vite');
  const outDir = resolve(DIST, 'bench-inference');
  await build({
    configFile: false,
    root: resolve('bench/inference'),
    base: '/bench-inference/',
    publicDir: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000 },
  });
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const f of readdirSync(wasmDir)) if (f.endsWith('.wasm')) copyFileSync(join(wasmDir, f), join(outDir, f));
}

/** Rates used to turn per-window inference times into a per-frame budget (see perFrameAt90Hz). */
const GESTURE_HZ: number = (JSON.parse(readFileSync('public/models/gesture/settings.json', 'utf8')) as { inferenceHz: number }).inferenceHz;
const VOICE_WINDOWS_PER_S = 1;

/** Perception inference per backend in ONE browser (WebGPU flags on, so all four can start). */
async function inferenceFigures(repeats: number): Promise<BackendFigures[]> {
  const session = await launchApp(BASE, { webgpu: true });
  try {
    await session.page.goto('/bench-inference/index.html');
    await session.page.waitForFunction(() => typeof window.runInferenceBench === 'function');
    return await session.page.evaluate((r) => window.runInferenceBench!({ backends: ['webgpu', 'webgl', 'wasm', 'cpu'], repeats: r }), repeats);
  } finally {
    await session.close();
  }
}

interface BrowserFigures {
  frame: { brainOff: { p50: number | null; p95: number | null }; brainOn: { p50: number | null; p95: number | null }; ratioP95: number | null } | null;
  readyMs: number | null;
  latency: Record<'webgpu' | 'webgl' | 'wasm', LatencyFigures> | null;
  inference: BackendFigures[] | null;
}

async function browserFigures(missing: string[]): Promise<BrowserFigures> {
  if (args.has('--no-build') && existsSync(join(DIST, 'index.html'))) console.log(`using the existing ${DIST}/ (--no-build)`);
  else {
    console.log(`building (vite build --mode test --outDir ${DIST}) ...`);
    execSync(`npx vite build --mode test --outDir ${DIST}`, { stdio: 'inherit' });
  }
  if (want('inference') && !(args.has('--no-build') && existsSync(join(DIST, 'bench-inference/index.html')))) {
    console.log('building the inference page (bench/inference) ...');
    await buildInferencePage();
  }
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: 'ignore', detached: true });
  const out: BrowserFigures = { frame: null, readyMs: null, latency: null, inference: null };
  try {
    await waitForServer(BASE);
    if (want('frame')) {
      console.log('frame time and cold load (plaza, 20 NPCs, brains on/off) ...');
      const readyMs: number[] = [];
      const frame: Record<'brainOn' | 'brainOff', number[]> = { brainOn: [], brainOff: [] };
      const repeats = 3;
      for (let i = 0; i < repeats; i++) {
        for (const brain of ['on', 'off'] as const) {
          const session = await launchApp(BASE, { webgpu: false });
          try {
            // tsx (esbuild, keepNames) wraps inner functions of evaluated code in a __name helper the page lacks.
            await session.context.addInitScript('globalThis.__name = (f) => f;');
            await session.context.addInitScript(() => {
              window.addEventListener('metaverse:ready', () => ((window as unknown as { __mvReadyAt: number }).__mvReadyAt = performance.now()));
            });
            await session.page.goto(`/?scene=plaza&npcs=20&brain=${brain}&mic=off`);
            await waitForReady(session.page);
            if (brain === 'on') readyMs.push(await session.page.evaluate(() => (window as unknown as { __mvReadyAt: number }).__mvReadyAt));
            await session.page.waitForTimeout(1500); // let shaders compile and NPCs start moving
            const frames = await sampleFrames(session.page, 6);
            frame[brain === 'on' ? 'brainOn' : 'brainOff'].push(pct(frames, 0.5), pct(frames, 0.95));
          } finally {
            await session.close();
          }
        }
      }
      const med = (xs: number[]) => pct(xs, 0.5);
      const split = (xs: number[]) => ({ p50: round(med(xs.filter((_, i) => i % 2 === 0)), 2), p95: round(med(xs.filter((_, i) => i % 2 === 1)), 2) });
      const on = split(frame.brainOn);
      const off = split(frame.brainOff);
      missing.push('frame: WebGL on SwiftShader (CPU); the GPU-bound frame hides most CPU differences');
      out.frame = { brainOff: off, brainOn: on, ratioP95: round(on.p95 !== null && off.p95 ? on.p95 / off.p95 : null) };
      out.readyMs = round(med(readyMs), 0);
    }
    if (want('latency')) {
      const seconds = args.has('--quick') ? 30 : 56;
      const latency = {} as Record<'webgpu' | 'webgl' | 'wasm', LatencyFigures>;
      // wasm: the same loop with inference that costs ~2 ms, i.e. what is left is the gate's wait
      // and waiting for the (software-rendered) main thread.
      for (const backend of ['webgpu', 'webgl', 'wasm'] as const) {
        console.log(`latency: utterance end -> percept -> NPC response (museum, ${backend}, ${seconds} s of e2e/fixtures/follow-stop-bench.wav) ...`);
        latency[backend] = await measureLatency(BASE, { backend, seconds, traceFile: `bench/out/latency-${backend}.json` });
        console.log(`  ${JSON.stringify({ ...latency[backend], utterances: undefined })}`);
      }
      out.latency = latency;
    }
    if (want('inference')) {
      console.log('inference per backend (one browser: webgpu, webgl, wasm, cpu) ...');
      out.inference = await inferenceFigures(args.has('--quick') ? 10 : 30);
    }
    return out;
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

async function main() {
  const missing: string[] = [];
  // The machine may be shared: its load at the start and end says how much the figures can be trusted.
  const loadStart = loadavg().map((x) => round(x, 2));
  if (want('cognition')) console.log('cognition (Node) ...');
  const cog = want('cognition')
    ? await runCognitionBench({ repeats: args.has('--quick') ? 1 : 3, seconds: args.has('--quick') ? 2 : 4 })
    : { n1: NaN, n100: NaN, n1000: NaN, yuka1000: NaN, brainTick1000: NaN, response1000: null, scenario: 'not run (--only)' };
  const browser = args.has('--node-only') ? null : await browserFigures(missing);
  if (!browser) missing.push('browser figures skipped (--node-only)');

  // Latency: the app's default backend chain (WebGPU here) is the headline; WebGL is the same run
  // forced with ?backend=webgl.
  const lat = browser?.latency ?? null;
  if (lat && lat.webgpu.perceptMs === null) missing.push(`latency: no utterance heard on webgpu (${lat.webgpu.note})`);
  const inf = browser?.inference ?? null;
  const byBackend = (name: string) => inf?.find((b) => b.backend === name) ?? null;
  const infFig = (name: string) => {
    const b = byBackend(name);
    return b ? { voiceMs: round(b.voiceMs, 2), gestureMs: round(b.gestureMs, 2) } : null;
  };
  const gpu = byBackend('webgpu');
  // The wasm voice window's median, measured in this run (not a number written into the text).
  const wasmVoice = byBackend('wasm')?.voiceMs;
  const wasmInference = wasmVoice !== undefined ? `inference ${round(wasmVoice, 1)} ms a voice window` : 'inference: see the inference rows';
  if (lat)
    missing.push(
      `latency: SwiftShader (CPU) WebGPU/WebGL on 2 shared cores, where an inference waits behind the software-rendered scene (decideMs); the wasm run (${wasmInference}) shows the latency without that. The recognizer waits for ${EARLY_DECISION_SEC * 1000} ms (a sure command) to 300 ms (a less sure one, decided at the gate's close) of silence before deciding (bench/out/latency-<backend>.json has each utterance). Utterance ends come from the WAV's table, aligned by energy envelope (scripts/lib/utterance-align.ts)`,
    );
  if (inf) missing.push('inference: SwiftShader WebGPU/WebGL are CPU emulations; compare backends on a real GPU before choosing one');

  const results = {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, Chromium headless (SwiftShader, no GPU)`,
    date: new Date().toISOString(),
    loadAvg: { start: loadStart, end: loadavg().map((x) => round(x, 2)) },
    frame: browser?.frame ?? null,
    latency: {
      perceptMs: lat?.webgpu.perceptMs ?? null,
      responseMs: lat?.webgpu.responseMs ?? null,
      backend: lat ? 'webgpu' : null,
      // Median of the parts, and the same on WebGL; utterances are in bench/out/latency-*.json.
      webgpu: lat ? { ...lat.webgpu, utterances: undefined } : null,
      webgl: lat ? { ...lat.webgl, utterances: undefined } : null,
      wasm: lat ? { ...lat.wasm, utterances: undefined } : null,
    },
    inference: {
      webgpu: infFig('webgpu'),
      webgl: infFig('webgl'),
      wasm: infFig('wasm'),
      cpu: infFig('cpu'),
      // The app's default backend (WebGPU): its first voice window plus its first gesture window.
      warmupMs: gpu ? round(gpu.firstVoiceMs + gpu.firstGestureMs, 1) : null,
      warmup: inf
        ? Object.fromEntries(
            inf.map((b) => [b.backend, { initMs: round(b.initMs, 1), loadMs: round(b.loadMs, 1), firstVoiceMs: round(b.firstVoiceMs, 1), firstGestureMs: round(b.firstGestureMs, 1) }]),
          )
        : null,
      repeats: inf ? inf[0].voiceAll.length : null,
      // The issue's budget: all perception under 4 ms per frame on average at 90 Hz. The gesture
      // model runs at its settings' inferenceHz (10); the voice model once per utterance, counted here as one window a
      // second (continuous talk gives fewer: one per 1.62 s window). Inference is asynchronous, so
      // charging its whole wall time to frames is an upper bound on what it takes from them.
      perFrameAt90Hz: inf
        ? Object.fromEntries(inf.map((b) => [b.backend, round((b.gestureMs * GESTURE_HZ + b.voiceMs * VOICE_WINDOWS_PER_S) / 90, 2)]))
        : null,
    },
    cognition: {
      n1: round(cog.n1),
      n100: round(cog.n100),
      n1000: round(cog.n1000),
      yuka1000: round(cog.yuka1000),
      // ours over Yuka's: below 1 is faster.
      ratioVsYuka: round(cog.yuka1000 ? cog.n1000 / cog.yuka1000 : null),
      brainTick1000: round(cog.brainTick1000),
      // Percept -> first visible response (turn, gesture or subtitle) at 1,000 NPCs, simulated ms.
      response1000: cog.response1000 ? { p50: round(cog.response1000.p50), p95: round(cog.response1000.p95), within250: cog.response1000.within250 } : null,
      scenario: cog.scenario,
    },
    load: {
      readyMs: browser?.readyMs ?? null,
      bundleBytes: dirBytes(join(DIST, 'assets'), (f) => /\.(js|css|wasm)$/.test(f)),
      modelBytes: dirBytes('public/models'),
    },
    missing,
  };
  if (!only) {
    mkdirSync('bench', { recursive: true });
    writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  }
  const f = (x: number | null | undefined, unit = ' ms') => (x === null || x === undefined ? 'not measured' : `${x}${unit}`);
  const md = [
    `Machine: ${results.machine}; ${results.date.slice(0, 10)}; load average (1/5/15 min) ${results.loadAvg.start.join(' / ')} at the start, ${results.loadAvg.end.join(' / ')} at the end.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| frame p50 / p95, plaza with 20 NPCs, brains off | ${f(results.frame?.brainOff.p50)} / ${f(results.frame?.brainOff.p95)} |`,
    `| frame p50 / p95, brains on | ${f(results.frame?.brainOn.p50)} / ${f(results.frame?.brainOn.p95)} |`,
    `| frame p95 ratio on/off (target <= 1.10) | ${f(results.frame?.ratioP95, '')} |`,
    `| utterance end -> voice percept, median (target 150 ms), WebGPU / WebGL / wasm | ${f(results.latency.webgpu?.perceptMs)} / ${f(results.latency.webgl?.perceptMs)} / ${f(results.latency.wasm?.perceptMs)} |`,
    `| utterance end -> NPC response (goal + line), median (target 250 ms), WebGPU / WebGL / wasm | ${f(results.latency.webgpu?.responseMs)} / ${f(results.latency.webgl?.responseMs)} / ${f(results.latency.wasm?.responseMs)} |`,
    `| latency parts, WebGPU: end -> deciding frame (silence waited) / deciding frame -> percept (chunk delivery, inference, read-back) / frame time meanwhile | ${f(results.latency.webgpu?.gateMs)} / ${f(results.latency.webgpu?.decideMs)} / ${f(results.latency.webgpu?.frameMs)} |`,
    `| latency parts, wasm (${wasmInference}): end -> deciding frame / deciding frame -> percept / frame time meanwhile | ${f(results.latency.wasm?.gateMs)} / ${f(results.latency.wasm?.decideMs)} / ${f(results.latency.wasm?.frameMs)} |`,
    `| utterance ends: WAV's table aligned by energy (median correlation, WebGPU run) / how much later than a halfway-level threshold's end / microphone input latency counted | ${f(results.latency.webgpu?.alignCorr, '')} / ${f(results.latency.webgpu?.thresholdEndShiftMs)} / ${f(results.latency.webgpu?.inputLatencyMs)} |`,
    `| utterances timed (heard as commands / in the file), WebGPU / WebGL / wasm | ${(['webgpu', 'webgl', 'wasm'] as const).map((b) => { const l = results.latency[b]; return l ? `${l.n} / ${l.said}` : '-'; }).join(' / ')} |`,
    ...(['webgpu', 'webgl', 'wasm', 'cpu'] as const).map(
      (b) => `| inference ${b}: voice / gesture window, median of ${results.inference.repeats ?? '-'} | ${f(results.inference[b]?.voiceMs)} / ${f(results.inference[b]?.gestureMs)} |`,
    ),
    `| perception per 90 Hz frame, average (gesture ${GESTURE_HZ} Hz + one voice window a second; target < 4 ms), webgpu / webgl / wasm / cpu | ${(['webgpu', 'webgl', 'wasm', 'cpu'] as const).map((b) => f(results.inference.perFrameAt90Hz?.[b])).join(' / ')} |`,
    `| warm-up, WebGPU: first voice + first gesture window | ${f(results.inference.warmupMs)} |`,
    `| cognition + agents, ms per 60 Hz tick: 1 / 100 / 1,000 NPCs | ${f(results.cognition.n1)} / ${f(results.cognition.n100)} / ${f(results.cognition.n1000)} |`,
    `| Yuka baseline, 1,000 NPCs | ${f(results.cognition.yuka1000)} |`,
    `| ours / Yuka (below 1 is faster) | ${f(results.cognition.ratioVsYuka, '')} |`,
    `| NPC percept -> first visible response at 1,000 NPCs (p50 / p95, simulated) | ${f(results.cognition.response1000?.p50)} / ${f(results.cognition.response1000?.p95)} |`,
    `| cold load to metaverse:ready (plaza) | ${f(results.load.readyMs)} |`,
    `| bundle (js, css, wasm) | ${(results.load.bundleBytes / 1e6).toFixed(2)} MB |`,
    `| models | ${(results.load.modelBytes / 1e6).toFixed(2)} MB |`,
    '',
    ...missing.map((m) => `- ${m}`),
  ].join('\n');
  if (!only) writeFileSync('bench/results.md', md + '\n');
  else console.log(`(--only ${[...only].join(',')}: bench/results.* left as they were)`);
  console.log('\n' + md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
