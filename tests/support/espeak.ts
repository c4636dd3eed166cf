import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resampleSignal } from '../../src/sensors/audio/resampler';
import { readWav } from '../../scripts/voice/wav-io';

/** `text` spoken by espeak-ng (voice en-us), as 16 kHz mono samples. */
export function espeak(text: string): Float32Array {
  const file = join(mkdtempSync(join(tmpdir(), 'voice-')), 'a.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', file, text]);
  const { samples, sampleRate } = readWav(file);
  return resampleSignal(samples, sampleRate);
}
