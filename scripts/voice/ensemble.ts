/**
 * The voice model as an ensemble of differently trained members, in ONE tfjs layers model: each
 * member is a full single-model training run (train.ts with its own flags), copied into a parallel
 * branch of a functional model whose output is the average of the members' probabilities
 * (scripts/lib/merge-members.ts). The app and the eval load it like any voice model; its settings
 * (window, gate, decision) are the members' shared ones, with its own command threshold.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS } from '../../src/core/types';
import { initBackend } from '../../src/perception/backend';
import { EARLY_DECISION_SEC } from '../../src/perception/voice/voice-recognizer';
import { DEFAULT_VOICE_SETTINGS, inputWidth, modelFrames, parseVoiceSettings, type VoiceSettings } from '../../src/perception/voice/voice-settings';
import { memberIsCurrent, mergeMembers, trainMemberInto } from '../lib/merge-members';
import { buildVoiceData, DEFAULT_COUNTS } from './build-data';
import { checkVoicePackages } from './espeak';
import { calibrateVoiceThreshold, CALIBRATION_MAX_FT, ensureEspeakValidation, ESPEAK_VAL_DIR } from './calibrate';
import { diskModelHandler, diskSaveHandler } from './disk-io';
import { torchPython } from '../lib/torch';

/** Merge the voice models in `dirs` into `outDir` (model.json + weights.bin); returns the settings and size. */
export async function mergeVoiceMembers(dirs: string[], outDir: string): Promise<{ settings: VoiceSettings; params: number }> {
  const settingsOf = (d: string) => {
    const json = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')) as { userDefinedMetadata?: { voice?: unknown } };
    return parseVoiceSettings(json.userDefinedMetadata?.voice, `voice member ${d}`);
  };
  const all = dirs.map(settingsOf);
  // Members may differ in `phonetic` only: the ensemble then takes the wider rows, and a log-mel
  // member reads their first nMels columns (a crop; prepareVoiceWindow writes the same log-mels).
  const same = (s: VoiceSettings) => JSON.stringify({ ...s, commandThreshold: 0, phonetic: undefined });
  for (let i = 1; i < all.length; i++)
    if (same(all[i]) !== same(all[0])) throw new Error(`voice ensemble: member ${dirs[i]} has other window/gate settings than ${dirs[0]}; members must share them`);
  const phonetic = all.some((s) => s.phonetic);
  const settings: VoiceSettings = { ...all[0], gate: { ...all[0].gate }, ...(phonetic ? { phonetic: true } : {}) };
  const members = await Promise.all(dirs.map((d) => tf.loadLayersModel(diskModelHandler(join(d, 'model.json')))));
  const frames = modelFrames(settings);
  const width = inputWidth(settings);
  const crop = (input: tf.SymbolicTensor, k: number) => {
    const img = tf.layers.reshape({ targetShape: [frames, width, 1], name: `m${k + 1}_rows` }).apply(input) as tf.SymbolicTensor;
    const mels = tf.layers.cropping2D({ cropping: [[0, 0], [0, width - settings.nMels]], name: `m${k + 1}_log_mels` }).apply(img) as tf.SymbolicTensor;
    return tf.layers.reshape({ targetShape: [frames, settings.nMels], name: `m${k + 1}_mel_rows` }).apply(mels) as tf.SymbolicTensor;
  };
  const model = mergeMembers(members, [frames, width], { input: 'log_mel_window', model: 'voice_commands_ensemble' }, all.map((s) => (phonetic && !s.phonetic ? crop : undefined)));
  members.forEach((m) => m.dispose());
  model.setUserDefinedMetadata({ voice: settings as unknown as Record<string, unknown> });
  await model.save(diskSaveHandler(outDir));
  const params = model.countParams();
  model.dispose();
  return { settings, params };
}

/**
 * The shipped recipe: two convolutional members (session 9, PyTorch-trained, train-conv.ts) that
 * see the same espeak-ng speech differently, one through a fixed cepstral smoothing of its input
 * (--lifter 13: no pitch harmonics, no fine spectral detail), one trained with half of its copies
 * resynthesised with new voice sources (--vocode 0.5); and since session 12 the same two trained
 * on speech of which a quarter comes from espeak-ng's English voices on other languages' MBROLA
 * databases (--accents 0.25: thirteen more recorded speakers). Chosen on the espeak-ng pools
 * (docs/voice.md).
 */
export const VOICE_MEMBERS: { name: string; args: string[] }[] = [
  { name: 'conv-lifter13', args: ['--conv', '--lifter', '13'] },
  { name: 'conv-vocode50', args: ['--conv', '--vocode', '0.5'] },
  { name: 'conv-lifter13-accents25', args: ['--conv', '--lifter', '13', '--accents', '0.25'] },
  { name: 'conv-vocode50-accents25', args: ['--conv', '--vocode', '0.5', '--accents', '0.25'] },
];
/** The `--accents` share a member's arguments ask for (0 without). */
export function memberAccentShare(args: readonly string[]): number {
  const i = args.indexOf('--accents');
  return i >= 0 ? Number(args[i + 1]) : 0;
}
/** Where the ensemble's threshold is chosen: held-out espeak-ng/MBROLA voices, three draws. */
export const VOICE_POOL = { dir: 'data/voice-espeak-val-pool', seeds: [2024, 2025, 2026] };

function runMember(args: string[], tag: string, threads: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Members run side by side, one per core: a PyTorch-trained (--conv) member takes its share of the cores.
    const env = { ...process.env, VOICE_TORCH_THREADS: String(threads) };
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/train.ts', 'voice', '--single', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const relay = (stream: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
      let rest = '';
      stream.on('data', (b: Buffer) => {
        const lines = (rest + b.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) to.write(`[${tag}] ${l}\n`);
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`train voice: member ${tag} (npm run train -- voice --single ${args.join(' ')}) failed with exit code ${code}`))));
  });
}

/**
 * `npm run train -- voice [--out DIR] [--members-dir DIR]`: builds the shared speech data once,
 * trains the members in parallel child processes (one per core; each reused when its folder
 * already holds a model trained with the same arguments), merges them into `--out`
 * (public/models/voice), chooses the command threshold on the 615-file espeak pool, and writes the
 * model card.
 */
export async function trainVoiceEnsemble(args: string[]): Promise<void> {
  let outDir = 'public/models/voice';
  let membersDir = 'data/voice-members';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') outDir = args[++i];
    else if (args[i] === '--members-dir') membersDir = args[++i];
    else throw new Error(`train voice: ${args[i]} is an option of one model; use npm run train -- voice --single ${args[i]} ... (the ensemble takes --out DIR and --members-dir DIR)`);
  }
  if (!outDir || !membersDir) throw new Error('train voice: --out and --members-dir need a folder');
  const t0 = Date.now();
  const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] train voice: ${m}`);
  const dirs = VOICE_MEMBERS.map((m) => join(membersDir, m.name));
  const keys = VOICE_MEMBERS.map((m) => JSON.stringify(m.args));
  const toTrain = VOICE_MEMBERS.map((_, k) => k).filter((k) => !memberIsCurrent(dirs[k], keys[k]));
  VOICE_MEMBERS.forEach((m, k) => {
    if (!toTrain.includes(k)) log(`member ${m.name}: reusing ${dirs[k]}`);
  });
  await initBackend(['wasm', 'cpu']);
  // A member trained by PyTorch needs it: say so before any data is built.
  if (toTrain.some((k) => VOICE_MEMBERS[k].args.includes('--conv'))) log(`PyTorch: ${torchPython()}`);
  if (toTrain.length) {
    // The speech the members hear, synthesised once per voice mix (the members then run side by
    // side and never synthesise the same file at the same time).
    const settings: VoiceSettings = { ...DEFAULT_VOICE_SETTINGS, gate: { ...DEFAULT_VOICE_SETTINGS.gate } };
    const accentShares = [...new Set(toTrain.map((k) => memberAccentShare(VOICE_MEMBERS[k].args)))];
    // Every package any member needs, checked before the first build rather than after it.
    checkVoicePackages(undefined, { accents: accentShares.some((a) => a > 0) });
    for (const accentShare of accentShares)
      await buildVoiceData({ dataDir: 'data/voice', seed: 7, settings, counts: accentShare ? { ...DEFAULT_COUNTS, accentShare } : DEFAULT_COUNTS, log });
    // Each member picks its own threshold on the 205-file validation set and builds it when it is
    // missing; build it here once, so two members never write the same files at the same time.
    ensureEspeakValidation(ESPEAK_VAL_DIR);
    await Promise.all(
      toTrain.map((k) => {
        const m = VOICE_MEMBERS[k];
        log(`member ${m.name}: training (--single ${m.args.join(' ')} --out ${dirs[k]})`);
        return trainMemberInto(dirs[k], keys[k], () => runMember([...m.args, '--out', dirs[k]], m.name, Math.max(1, Math.floor(cpus().length / toTrain.length))));
      }),
    );
  }
  const trained = toTrain.length;
  ensureEspeakValidation(VOICE_POOL.dir, VOICE_POOL.seeds);
  const { params } = await mergeVoiceMembers(dirs, outDir);
  const calib = await calibrateVoiceThreshold(join(outDir, 'model.json'), VOICE_POOL.dir, log);
  const totalSec = (Date.now() - t0) / 1000;
  writeEnsembleCard(outDir, dirs, params, calib, totalSec, trained);
  log(`wrote ${outDir}: ${params} parameters, threshold ${calib.chosen.th}, ${totalSec.toFixed(0)} s in all`);
}

function writeEnsembleCard(outDir: string, dirs: string[], params: number, calib: Awaited<ReturnType<typeof calibrateVoiceThreshold>>, totalSec: number, trained: number): void {
  const members = VOICE_MEMBERS.map((m, k) => {
    const card = readFileSync(join(dirs[k], 'model-card.md'), 'utf8');
    writeFileSync(join(outDir, `member-${m.name}.md`), card);
    const chosen = card.match(/\*\*Chosen ([0-9.]*[0-9])\*\*: accuracy ([0-9.]*[0-9]), false triggers ([0-9.]*[0-9])/);
    const own = chosen ? `${chosen[2]} / ${chosen[3]} (threshold ${chosen[1]})` : 'see its card';
    return `| ${m.name} | \`--single ${m.args.join(' ')}\` | member-${m.name}.md (beside this card) | ${own} |`;
  });
  const rows = calib.rows.map((r) => `${r.th}: acc ${r.accuracy.toFixed(3)} / ft ${r.falseTriggers.toFixed(3)}`).join('; ');
  const card = `# Voice-command model card (ensemble)

Generated by \`npm run train -- voice\` (scripts/voice/train.ts, scripts/voice/ensemble.ts); do not edit by hand.

## What it does
Classifies one utterance window of log-mel frames into 12 labels, in this order:
${VOICE_LABELS.map((l) => `\`${l}\``).join(', ')}. The streaming recognizer
(src/perception/voice/voice-recognizer.ts) cuts utterances with the voice-activity gate and asks the
model once per utterance (and once early, after ${EARLY_DECISION_SEC} s of silence, for a sure command).

## What it is
${VOICE_MEMBERS.length} members, each a full single-model training run on the same espeak-ng/MBROLA speech (seed 7), copied into
parallel branches of one tfjs layers model whose output is the average of their probabilities
(scripts/lib/merge-members.ts). ${params} parameters, ${((params * 4) / 1024).toFixed(0)} KB float32. The app and the eval load it like
a single model; window, features and gate are the members' shared settings. Each member's data,
architecture, training and validation are in its own card (a copy of the one its training wrote in
\`data/voice-members/<name>/\`):

| member | trained by \`npm run train -- voice\` ... | card | its own file-level validation (205 files, its own threshold) |
| --- | --- | --- | --- |
${members.join('\n')}

All are convolutional nets (four 3x3 convolutions over frames x mels, mean and max over time, Dense 64)
trained with PyTorch on the CPU and rebuilt in tfjs layers (scripts/voice/train_conv.py, conv-export.ts).
- conv-lifter13: a fixed first layer keeps the first 13 DCT coefficients of each frame's 40 log-mels and maps
  them back (cepstral smoothing, as MFCCs do), so pitch harmonics and fine spectral detail of one
  synthesizer never reach the net.
- conv-vocode50: half of the augmented training copies are LPC-resynthesised first (scripts/voice/vocode.ts):
  espeak-ng's vocal-tract envelope with a new voice source (pitch 0.75-1.3x, intonation x0.4-1.6,
  jitter, shimmer, spectral tilt, breath noise).
- conv-lifter13-accents25 and conv-vocode50-accents25: the same two recipes on speech of which a quarter
  is spoken by espeak-ng's English voices on other languages' MBROLA databases (\`--accents 0.25\`:
  accented English from thirteen more recorded speakers; three more are held out for validation).

Why an ensemble: the members make different mistakes on unseen voices; their average is surer of
commands and less often fooled by other speech than any one (docs/voice.md has the figures). The
accent-trained pair hears held-out accent voices much better (espeak-ng accent pool 0.847 with the
four against 0.797 with the first two) at the cost of twice the inference.

## Decision threshold
Chosen at the file level (scripts/voice/calibrate.ts) on ${calib.files} validation files in \`${VOICE_POOL.dir}\`
(\`make-heldout.ts --engine espeak-val --seeds ${VOICE_POOL.seeds.join(',')}\`: espeak-ng/MBROLA voices and variants no member
trained on, three draws), streamed through the same path as the eval: best accuracy with false triggers
<= ${CALIBRATION_MAX_FT}, ties to the higher threshold. flite and festival are never read.
${rows}.
**Chosen ${calib.chosen.th}**: accuracy ${calib.chosen.accuracy.toFixed(4)}, false triggers ${calib.chosen.falseTriggers.toFixed(4)}.

File-level figures on held-out synthesizers (flite, festival) are in docs/voice.md (\`npm run eval -- voice DIR\`).

## Cost
${totalSec.toFixed(0)} s wall for the command that wrote this card, ${trained} of ${VOICE_MEMBERS.length} members trained in it (the others
reused from their folders); each member's own data and training time are in its card. Members train side by side,
each PyTorch trainer with its share of the cores, so the whole costs about the members' summed CPU time over the cores plus the shared data builds and the calibration.
`;
  writeFileSync(join(outDir, 'model-card.md'), card);
}
