/**
 * Two more synthesizer families for the voice training data, so the model hears speech that was
 * not made by espeak-ng's phoneme rules and prosody: SVOX Pico (`pico2wave`, Debian non-free
 * `libttspico-utils`; voices en-US and en-GB) and RHVoice (`RHVoice-test`, HTS statistical
 * parametric; English voices alan, bdl, clb). RHVoice's `slt` is never used: it is the same CMU
 * ARCTIC speaker as flite's/festival's held-out `slt`. flite and festival stay out of training.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pico voices, as `pico-<lang>`. */
export const PICO_VOICES = ['pico-en-US', 'pico-en-GB'];
/** RHVoice English voices, as `rh-<name>` (not `slt`: see above). */
export const RHVOICE_VOICES = ['rh-alan', 'rh-bdl', 'rh-clb'];
/** Of these, held out of training for validation and model selection (a voice of a non-espeak family). */
export const OTHER_VALIDATION_VOICES = ['rh-clb'];

export function isPicoVoice(voice: string): boolean {
  return voice.startsWith('pico-');
}
export function isRhVoice(voice: string): boolean {
  return voice.startsWith('rh-');
}

/**
 * Pico: `speed` and `pitch` are its markup's percent levels (`<speed level>`, `<pitch level>`,
 * 100 = the voice's own). RHVoice: `speed` is `-r` (rate percent), `pitch` is `-t` (pitch percent).
 */
export async function synthOther(text: string, voice: string, speed: number, pitch: number, out: string): Promise<void> {
  if (existsSync(out)) return;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp.wav`;
  if (isPicoVoice(voice)) {
    const markup = `<pitch level='${pitch}'><speed level='${speed}'>${text.replace(/[<>&'"]/g, ' ')}</speed></pitch>`;
    await run('pico2wave', ['-l', voice.slice(5), '-w', tmp, markup]);
  } else if (isRhVoice(voice)) {
    const name = voice.slice(3);
    if (name === 'slt') throw new Error('voice data: RHVoice slt is the held-out flite/festival speaker and is never used');
    await new Promise<void>((resolve, reject) => {
      const p = spawn('RHVoice-test', ['-p', name, '-r', String(speed), '-t', String(pitch), '-o', tmp], { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('error', reject);
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`RHVoice-test -p ${name} failed (${code}) on "${text}": ${err}`))));
      p.stdin.end(`${text}\n`);
    });
  } else throw new Error(`voice data: unknown synthesizer voice ${voice}`);
  renameSync(tmp, out);
}
