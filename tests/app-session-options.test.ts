import { describe, expect, it } from 'vitest';
import { sessionOptionsFromUrl } from '../src/app/scene-session';

describe('sessionOptionsFromUrl', () => {
  it('reads the benchmark options and falls back to the defaults', () => {
    expect(sessionOptionsFromUrl('?scene=plaza&npcs=20&brain=off')).toEqual({ npcs: 20, brain: false });
    expect(sessionOptionsFromUrl('?scene=plaza')).toEqual({ npcs: 0, brain: true });
    expect(sessionOptionsFromUrl('?npcs=-3&brain=on')).toEqual({ npcs: 0, brain: true });
    expect(sessionOptionsFromUrl('?npcs=2.5').npcs).toBe(0);
    expect(sessionOptionsFromUrl('?npcs=99999').npcs).toBe(2000);
  });
});
