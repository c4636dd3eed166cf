/**
 * The app's rare state (mode, scene, backend, readiness, device states, settings) in one zustand
 * vanilla store, split into slices with their actions beside them; `useAppStore` is the thin React
 * binding. Per-frame data never goes here (it lives in the runtime and is read by refs).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { MediaState } from '../sensors/media-state';

/** How the visitor is in the world. */
export type AppMode = 'flat' | 'vr' | 'ar';

/** How the microphone takes speech. */
export type TalkMode = 'always' | 'push';

/** Settings remembered in localStorage. */
export interface AppSettings {
  /** Always-listening, or only while the push-to-talk key/button is held. */
  talkMode: TalkMode;
  /** Whether to ask for the microphone at all. */
  micEnabled: boolean;
  /** Smooth thumbstick locomotion in VR (snap turn and teleport are always on). */
  smoothLocomotion: boolean;
}

/** A subsystem that is off or degraded, shown in the HUD ("what is off"). */
export interface AppIssue {
  /** Stable key, e.g. 'backend', 'voice-model', 'scene'. */
  key: string;
  message: string;
}

/** The app store's state and actions. */
export interface AppState {
  ready: boolean;
  mode: AppMode;
  sceneId: string | null;
  /** The tfjs backend in use ('none' until chosen or if none started). */
  backend: string;
  /** Loading progress in [0, 1] and what is loading. */
  loading: { progress: number; label: string };
  /** How long each model's first inference took behind the loading bar (ms; null until it ran, or if the model is off). */
  modelWarmupMs: { voice: number | null; gesture: number | null };
  mic: { state: MediaState; reason: string };
  camera: { state: MediaState; reason: string };
  /** Whether push-to-talk is held right now. */
  talking: boolean;
  /** Whether immersive sessions are offered by this browser. */
  xrSupport: { vr: boolean; ar: boolean };
  helpOpen: boolean;
  settings: AppSettings;
  issues: AppIssue[];
  setReady(ready: boolean): void;
  setMode(mode: AppMode): void;
  setScene(sceneId: string | null): void;
  setBackend(name: string): void;
  setLoading(progress: number, label: string): void;
  setModelWarmup(model: 'voice' | 'gesture', ms: number): void;
  setMic(state: MediaState, reason: string): void;
  setCamera(state: MediaState, reason: string): void;
  setTalking(on: boolean): void;
  setXrSupport(support: { vr: boolean; ar: boolean }): void;
  setHelpOpen(open: boolean): void;
  updateSettings(patch: Partial<AppSettings>): void;
  /** Add or replace the issue with `key`. */
  reportIssue(key: string, message: string): void;
  clearIssue(key: string): void;
}

/** localStorage key of the settings. */
export const SETTINGS_KEY = 'metaverse.settings.v1';

/** Settings a new visitor starts with. */
export const DEFAULT_SETTINGS: AppSettings = { talkMode: 'always', micEnabled: true, smoothLocomotion: false };

/** Minimal storage the settings need (window.localStorage, or a Map-backed stand-in in tests). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Read settings, ignoring (and reporting through `onError`) anything malformed. */
export function loadSettings(storage: SettingsStorage | undefined, onError?: (message: string) => void): AppSettings {
  if (!storage) return { ...DEFAULT_SETTINGS };
  try {
    const raw = storage.getItem(SETTINGS_KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    const v = JSON.parse(raw) as Partial<AppSettings>;
    return {
      talkMode: v.talkMode === 'push' || v.talkMode === 'always' ? v.talkMode : DEFAULT_SETTINGS.talkMode,
      micEnabled: typeof v.micEnabled === 'boolean' ? v.micEnabled : DEFAULT_SETTINGS.micEnabled,
      smoothLocomotion: typeof v.smoothLocomotion === 'boolean' ? v.smoothLocomotion : DEFAULT_SETTINGS.smoothLocomotion,
    };
  } catch (err) {
    onError?.(`settings in localStorage["${SETTINGS_KEY}"] are not valid JSON; using defaults (${String(err)})`);
    return { ...DEFAULT_SETTINGS };
  }
}

/** Create the app store; settings are read from and written to `storage`. */
export function createAppStore(storage?: SettingsStorage): StoreApi<AppState> {
  const issues: AppIssue[] = [];
  const settings = loadSettings(storage, (message) => issues.push({ key: 'settings', message }));
  return createStore<AppState>()((set, get) => ({
    ready: false,
    mode: 'flat',
    sceneId: null,
    backend: 'none',
    loading: { progress: 0, label: 'starting' },
    modelWarmupMs: { voice: null, gesture: null },
    mic: { state: 'off', reason: 'microphone not started' },
    camera: { state: 'off', reason: 'camera is off (opt-in)' },
    talking: false,
    xrSupport: { vr: false, ar: false },
    helpOpen: false,
    settings,
    issues,
    setReady: (ready) => set({ ready }),
    setMode: (mode) => set({ mode }),
    setScene: (sceneId) => set({ sceneId }),
    setBackend: (backend) => set({ backend }),
    setLoading: (progress, label) => set({ loading: { progress: Math.min(1, Math.max(0, progress)), label } }),
    setModelWarmup: (model, ms) => set({ modelWarmupMs: { ...get().modelWarmupMs, [model]: ms } }),
    setMic: (state, reason) => set({ mic: { state, reason } }),
    setCamera: (state, reason) => set({ camera: { state, reason } }),
    setTalking: (talking) => set({ talking }),
    setXrSupport: (xrSupport) => set({ xrSupport }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    updateSettings: (patch) => {
      const next = { ...get().settings, ...patch };
      set({ settings: next });
      try {
        storage?.setItem(SETTINGS_KEY, JSON.stringify(next));
      } catch {
        // Private browsing or a full quota: the setting still applies to this visit.
      }
    },
    reportIssue: (key, message) => set({ issues: [...get().issues.filter((i) => i.key !== key), { key, message }] }),
    clearIssue: (key) => set({ issues: get().issues.filter((i) => i.key !== key) }),
  }));
}

/** React binding: subscribe a component to a slice of the app store. */
export function useAppStore<T>(store: StoreApi<AppState>, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}
