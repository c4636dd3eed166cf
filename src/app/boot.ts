/**
 * Loading behind the loading bar: the tfjs backend (WebGPU -> WebGL -> wasm -> CPU, or the one
 * `?backend=` forces), then the models and the scene. Every step may fail on its own: the failure
 * becomes an issue the HUD shows and loading goes on, so the app always becomes interactive.
 */
import type { Runtime } from './runtime';

/** Ask the browser which immersive modes it offers and store the answer (buttons show only for these). */
export async function detectXrSupport(runtime: Runtime): Promise<void> {
  const xr = typeof navigator !== 'undefined' ? navigator.xr : undefined;
  const ask = async (mode: XRSessionMode) => {
    try {
      return !!(await xr?.isSessionSupported(mode));
    } catch {
      return false;
    }
  };
  const [vr, ar] = await Promise.all([ask('immersive-vr'), ask('immersive-ar')]);
  runtime.store.getState().setXrSupport({ vr, ar });
}

/** Pick and start the tfjs backend; reports which runs (or why none does). */
export async function loadBackend(runtime: Runtime, search: string): Promise<void> {
  const { setBackend, reportIssue, setLoading } = runtime.store.getState();
  setLoading(0.05, 'starting the ML backend');
  try {
    const { initBackend, isBackendName, BACKEND_ORDER, setWasmLocation } = await import('../perception/backend');
    const forced = new URLSearchParams(search).get('backend');
    // The wasm binaries are hashed assets of the build; tell the wasm backend where they are.
    if (forced === null || forced === 'wasm') setWasmLocation((await import('../perception/wasm-urls')).WASM_URLS);
    let order: readonly (typeof BACKEND_ORDER)[number][] = BACKEND_ORDER;
    if (forced !== null) {
      if (isBackendName(forced)) order = [forced];
      else reportIssue('backend-param', `?backend=${forced} is not one of ${BACKEND_ORDER.join(', ')}; using the default order`);
    }
    const report = await initBackend(order);
    setBackend(report.name);
    if (report.skipped.length > 0)
      reportIssue('backend', `ML on ${report.name}; skipped ${report.skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`);
    // A CPU-emulated GPU runs the voice net several times slower than wasm (bench: 302 against 2 ms
    // a window on SwiftShader); the order stays WebGPU first, but the visitor is told how to switch.
    if (report.softwareAdapter)
      reportIssue('backend-adapter', `ML on WebGPU through a software GPU (${report.adapter}): slower than wasm for these models; open with ?backend=wasm to switch`);
  } catch (err) {
    setBackend('none');
    reportIssue('backend', `no ML backend: ${err instanceof Error ? err.message : String(err)}; perception is off`);
  }
}

/** Start the microphone if the visitor has not turned it off (never blocks loading). */
export function startMicIfWanted(runtime: Runtime, search = ''): void {
  const { settings } = runtime.store.getState();
  runtime.voice.setListening(settings.talkMode === 'always');
  // `?mic=off` (kiosks, the frame benchmark) wins over the saved setting and does not change it.
  if (new URLSearchParams(search).get('mic') === 'off') runtime.store.getState().setMic('off', 'microphone turned off by ?mic=off');
  else if (settings.micEnabled) void runtime.voice.start();
  else runtime.store.getState().setMic('off', 'microphone turned off in settings');
}
