/**
 * `npm run bench`: the project's speed and size figures in one run, written to
 * bench/results.json and bench/results.md (the README's table comes from the latter).
 * Not part of the test command. Comparisons are ratios measured in the same run.
 *
 * Measured now: cognition at 1/100/1,000 NPCs vs the Yuka baseline (Node), cold load to
 * `metaverse:ready`, frame time p50/p95 in headless Chromium with brains on and off, bundle and
 * model sizes. Keys not measured yet are null with a reason in `missing`.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runCognitionBench } from '../bench/cognition';
import { launchApp, waitForReady } from '../e2e/fixtures';

const PORT = 4179;
const BASE = `http://localhost:${PORT}`;
const args = new Set(process.argv.slice(2));

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

async function browserFigures(missing: string[]) {
  if (args.has('--no-build') && existsSync('dist/index.html')) console.log('using the existing dist/ (--no-build)');
  else {
    console.log('building (vite build --mode test) ...');
    execSync('npx vite build --mode test', { stdio: 'inherit' });
  }
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  try {
    await waitForServer(BASE);
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
    return {
      frame: { brainOff: off, brainOn: on, ratioP95: round(on.p95 !== null && off.p95 ? on.p95 / off.p95 : null) },
      readyMs: round(med(readyMs), 0),
    };
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

async function main() {
  const missing: string[] = [];
  console.log('cognition (Node) ...');
  const cog = await runCognitionBench({ repeats: args.has('--quick') ? 1 : 3, seconds: args.has('--quick') ? 2 : 4 });
  const browser = args.has('--node-only') ? null : await browserFigures(missing);
  if (!browser) missing.push('browser figures skipped (--node-only)');
  missing.push('latency (utterance end -> percept -> NPC response) not measured by the bench yet');
  missing.push('inference per backend not measured by the bench yet (eval prints ms_per_item on the Node CPU/wasm backends)');

  const results = {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, Chromium headless (SwiftShader, no GPU)`,
    date: new Date().toISOString(),
    frame: browser?.frame ?? null,
    latency: { perceptMs: null, responseMs: null },
    inference: { webgpu: null, webgl: null, wasm: null, cpu: null, warmupMs: null },
    cognition: {
      n1: round(cog.n1),
      n100: round(cog.n100),
      n1000: round(cog.n1000),
      yuka1000: round(cog.yuka1000),
      // ours over Yuka's: below 1 is faster.
      ratioVsYuka: round(cog.yuka1000 ? cog.n1000 / cog.yuka1000 : null),
      brainTick1000: round(cog.brainTick1000),
      scenario: cog.scenario,
    },
    load: {
      readyMs: browser?.readyMs ?? null,
      bundleBytes: dirBytes('dist/assets', (f) => /\.(js|css|wasm)$/.test(f)),
      modelBytes: dirBytes('public/models'),
    },
    missing,
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  const f = (x: number | null | undefined, unit = ' ms') => (x === null || x === undefined ? 'not measured' : `${x}${unit}`);
  const md = [
    `Machine: ${results.machine}; ${results.date.slice(0, 10)}.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| frame p50 / p95, plaza with 20 NPCs, brains off | ${f(results.frame?.brainOff.p50)} / ${f(results.frame?.brainOff.p95)} |`,
    `| frame p50 / p95, brains on | ${f(results.frame?.brainOn.p50)} / ${f(results.frame?.brainOn.p95)} |`,
    `| frame p95 ratio on/off (target <= 1.10) | ${f(results.frame?.ratioP95, '')} |`,
    `| cognition + agents, ms per 60 Hz tick: 1 / 100 / 1,000 NPCs | ${f(results.cognition.n1)} / ${f(results.cognition.n100)} / ${f(results.cognition.n1000)} |`,
    `| Yuka baseline, 1,000 NPCs | ${f(results.cognition.yuka1000)} |`,
    `| ours / Yuka (below 1 is faster) | ${f(results.cognition.ratioVsYuka, '')} |`,
    `| cold load to metaverse:ready (plaza) | ${f(results.load.readyMs)} |`,
    `| bundle (js, css, wasm) | ${(results.load.bundleBytes / 1e6).toFixed(2)} MB |`,
    `| models | ${(results.load.modelBytes / 1e6).toFixed(2)} MB |`,
    '',
    ...missing.map((m) => `- ${m}`),
  ].join('\n');
  writeFileSync('bench/results.md', md + '\n');
  console.log('\n' + md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
