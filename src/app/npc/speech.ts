/**
 * NPC speech through the Web Speech API's `speechSynthesis`, where the browser has voices. Without
 * it (or with no voices, as in headless Chromium) it is a no-op that says why; subtitles are shown
 * either way, so nothing depends on audio.
 */
import type { NpcState, NpcWorld } from '../../agents/npc-world';

/** Options of one utterance. */
export interface SpeakOptions {
  /** Part of a voice name or a language tag to prefer (e.g. 'en-GB', 'Samantha'). */
  voiceHint?: string;
  /** @default 1 */
  rate?: number;
  /** @default 1 */
  pitch?: number;
}

/** A speech output; see `createSpeech`. */
export interface Speech {
  /** True when lines are actually spoken. */
  readonly available: boolean;
  /** Why speech is off (null when available). */
  readonly reason: string | null;
  /** Speak `text`; returns false (and does nothing) when unavailable. */
  speak(text: string, options?: SpeakOptions): boolean;
  /** Stop whatever is being said. */
  cancel(): void;
  /** Stop listening for voice changes. */
  dispose(): void;
}

/** Create a speech output over `speechSynthesis` (pass another for tests). */
export function createSpeech(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): Speech {
  let voices: SpeechSynthesisVoice[] = [];
  let reason: string | null = null;
  const refresh = () => {
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
      reason = 'speechSynthesis is not supported in this browser (subtitles only)';
      voices = [];
      return;
    }
    voices = synth.getVoices();
    reason = voices.length > 0 ? null : 'the browser has no speech voices installed (subtitles only)';
  };
  refresh();
  // Voices often load asynchronously after page start.
  synth?.addEventListener?.('voiceschanged', refresh);

  function pickVoice(hint?: string): SpeechSynthesisVoice | null {
    if (hint) {
      const h = hint.toLowerCase();
      const v = voices.find((x) => x.name.toLowerCase().includes(h) || x.lang.toLowerCase().startsWith(h));
      if (v) return v;
    }
    return voices.find((x) => x.lang.toLowerCase().startsWith('en')) ?? voices[0] ?? null;
  }

  return {
    get available() {
      return reason === null;
    },
    get reason() {
      return reason;
    },
    speak(text, options = {}) {
      if (reason !== null || !synth) return false;
      // Keep speech close to the subtitles: drop a backlog rather than lag behind.
      if (synth.pending) synth.cancel();
      const u = new SpeechSynthesisUtterance(text);
      const voice = pickVoice(options.voiceHint);
      if (voice) u.voice = voice;
      u.rate = options.rate ?? 1;
      u.pitch = options.pitch ?? 1;
      synth.speak(u);
      return true;
    },
    cancel() {
      synth?.cancel();
    },
    dispose() {
      synth?.removeEventListener?.('voiceschanged', refresh);
    },
  };
}

/**
 * Speak every NPC line of `world` through `speech`, each NPC at its own pitch (stable per id),
 * only for NPCs within `maxDistance` of `listener()` when given. Returns unsubscribe.
 */
export function attachNpcSpeech(
  world: NpcWorld,
  speech: Speech,
  options: { voiceHint?: string; maxDistance?: number; listener?: () => readonly [number, number, number] } = {},
): () => void {
  return world.onSay((npc: NpcState, text: string) => {
    if (options.listener && options.maxDistance !== undefined) {
      const l = options.listener();
      if (Math.hypot(npc.position[0] - l[0], npc.position[2] - l[2]) > options.maxDistance) return;
    }
    speech.speak(text, { voiceHint: options.voiceHint, pitch: pitchFor(npc.id) });
  });
}

/** A stable pitch in [0.8, 1.25] for an NPC id, so voices differ without configuration. */
export function pitchFor(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return 0.8 + ((h % 1000) / 1000) * 0.45;
}
