// The multi-source option of the gesture trainer (`--sources`, docs/gesture.md): it must never
// train on an evaluation set or committed sample, so a seed that would regenerate one is refused
// before any training, and bad source lists get a clear error.
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/gesture/train';

// Small runs: these all stop while the data is being built, before a model exists.
const tiny = ['--per-label', '1', '--val-per-label', '1', '--source-per-label', '1', '--source-val-per-label', '1', '--out', 'data/never-written'];

describe('gesture trainer --sources', () => {
  it('refuses an unknown generator, and the evaluation-only fifteenth', async () => {
    await expect(main(['--sources', 'train,sixteenth', ...tiny])).rejects.toThrow(/unknown source "sixteenth"/);
    // synth-fifteenth.ts is session 14's judge: not a source at all.
    await expect(main(['--sources', 'train,fifteenth', ...tiny])).rejects.toThrow(/unknown source "fifteenth"/);
  });

  it('refuses a source list without the training generator', async () => {
    await expect(main(['--sources', 'heldout,fourth', ...tiny])).rejects.toThrow(/must include "train"/);
  });

  it('refuses seeds that would regenerate an evaluation set or committed sample', async () => {
    // fourth's training clips use --seed + 103: -72 + 103 = 31, the fourth model's evaluation seed.
    await expect(main(['--sources', 'train,fourth', '--seed', '-72', ...tiny])).rejects.toThrow(/seed 31 for fourth is an evaluation seed/);
    // heldout's validation clips use --seed + 301: -280 + 301 = 21, the committed heldout sample.
    await expect(main(['--sources', 'train,heldout', '--seed', '-280', ...tiny])).rejects.toThrow(/seed 21 for heldout is an evaluation seed/);
    // The generators that joined training in session 11 keep their evaluation seeds too: seventh's
    // training clips use --seed + 106: -35 + 106 = 71, its evaluation set; fifth's validation clips
    // --seed + 304: -251 + 304 = 53, its committed sample.
    await expect(main(['--sources', 'train,seventh', '--seed', '-35', ...tiny])).rejects.toThrow(/seed 71 for seventh is an evaluation seed/);
    // The eighth to tenth can be sources (session 12) but never with their evaluation seeds:
    // ninth's training clips use --seed + 108: -17 + 108 = 91, its first evaluation set; tenth's
    // validation clips --seed + 309: -206 + 309 = 103, its committed sample.
    await expect(main(['--sources', 'train,ninth', '--seed', '-17', ...tiny])).rejects.toThrow(/seed 91 for ninth is an evaluation seed/);
    await expect(main(['--sources', 'train,tenth', '--seed', '-206', ...tiny])).rejects.toThrow(/seed 103 for tenth is an evaluation seed/);
    await expect(main(['--sources', 'train,fifth', '--seed', '-251', ...tiny])).rejects.toThrow(/seed 53 for fifth is an evaluation seed/);
    // The eleventh to fourteenth can be sources since session 14, never with their evaluation
    // seeds: eleventh's training clips use --seed + 110: 1 + 110 = 111, its first evaluation set;
    // fourteenth's validation clips --seed + 313: -170 + 313 = 143, its committed sample.
    await expect(main(['--sources', 'train,eleventh', '--seed', '1', ...tiny])).rejects.toThrow(/seed 111 for eleventh is an evaluation seed/);
    await expect(main(['--sources', 'train,fourteenth', '--seed', '-170', ...tiny])).rejects.toThrow(/seed 143 for fourteenth is an evaluation seed/);
  });

  it('rejects bad phase-window options (--rhythm-windows, --hold-windows and their spans)', async () => {
    await expect(main(['--rhythm-windows', '-1', ...tiny])).rejects.toThrow(/--rhythm-windows must be a whole number >= 0/);
    await expect(main(['--hold-windows', '1.5', ...tiny])).rejects.toThrow(/--hold-windows must be a whole number >= 0/);
    await expect(main(['--rhythm-windows', '2', '--rhythm-span', '3', ...tiny])).rejects.toThrow(/--rhythm-span must be 0.05-1.5 s/);
    await expect(main(['--hold-windows', '2', '--hold-span', '0', ...tiny])).rejects.toThrow(/--hold-span must be 0.05-1.5 s/);
  });

  it('rejects a share that is not a positive integer', async () => {
    await expect(main(['--sources', 'train,third', ...tiny, '--source-per-label', '0'])).rejects.toThrow(/--source-per-label must be a positive integer/);
  });
});
