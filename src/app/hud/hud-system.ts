/**
 * The HUD's per-frame text (frame time, voice frames, gate) written straight into DOM nodes and
 * the XR panel's canvas a few times a second: no React state per frame.
 */
import type { System } from '../../core/systems-runner';
import type { Runtime } from '../runtime';

/** DOM nodes the HUD registers for live text (null while unmounted). */
export interface HudElements {
  frameMs: HTMLElement | null;
  voice: HTMLElement | null;
}

/** Something that redraws from the runtime at the HUD rate (the XR panel). */
export interface HudDrawable {
  draw(runtime: Runtime, lines: readonly string[]): void;
}

/** Shown while someone seems to talk too quietly for the voice gate (`VoiceFrameSink.faintSpeech`). */
export const FAINT_SPEECH_HINT = 'speech too faint to hear: come closer or raise the microphone level';

/** Rate the HUD text refreshes at. */
export const HUD_RATE_HZ = 4;

/** Create the registry the HUD fills and the system reads. */
export function createHudElements(): HudElements {
  return { frameMs: null, voice: null };
}

/** Text lines describing the live state (shared by the DOM HUD and the XR panel). */
export function hudLines(runtime: Runtime): string[] {
  const s = runtime.store.getState();
  const ms = runtime.frameStats.median();
  const v = runtime.voice;
  return [
    `frame ${Number.isFinite(ms) ? ms.toFixed(1) : '–'} ms  backend ${s.backend}`,
    `mic ${s.mic.state}${s.mic.state === 'live' ? (v.listening ? ' (listening)' : ' (hold T/trigger to talk)') : ` – ${s.mic.reason}`}`,
    `camera ${s.camera.state}${s.camera.state === 'live' ? '' : ` – ${s.camera.reason}`}`,
    `voice frames ${v.buffer.written}  gate ${v.gate.isOpen ? 'OPEN' : 'shut'} (${v.gateOpenCount})`,
    ...(v.faintSpeech ? [FAINT_SPEECH_HINT] : []),
  ];
}

/** The views system that refreshes HUD text and drawables at `HUD_RATE_HZ`. */
export function createHudSystem(runtime: Runtime, elements: HudElements, drawables: Set<HudDrawable>): System {
  return {
    name: 'views.hud',
    rateHz: HUD_RATE_HZ,
    update() {
      const ms = runtime.frameStats.median();
      if (elements.frameMs) {
        elements.frameMs.textContent = Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–';
        elements.frameMs.dataset.frameMs = Number.isFinite(ms) ? ms.toFixed(2) : '';
      }
      const v = runtime.voice;
      if (elements.voice) {
        elements.voice.textContent = `${v.buffer.written} frames, gate ${v.gate.isOpen ? 'open' : 'shut'}${v.faintSpeech ? ` – ${FAINT_SPEECH_HINT}` : ''}`;
        elements.voice.dataset.faint = v.faintSpeech ? 'true' : 'false';
      }
      if (drawables.size > 0) {
        const lines = hudLines(runtime);
        for (const d of drawables) d.draw(runtime, lines);
      }
    },
  };
}
