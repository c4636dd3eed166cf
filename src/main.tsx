import { createRoot } from 'react-dom/client';
import workletUrl from './sensors/audio/voice-capture.worklet.ts?worker&url';
import { App } from './app/App';
import { createAppStore } from './app/store';
import { createRuntime } from './app/runtime';
import { createAppXrStore } from './app/xr/xr-store';

/** Boot: the emulator (dev/test) before the XR store, then the store, runtime and React tree. */
async function main() {
  const rootEl = document.getElementById('root');
  if (!rootEl) throw new Error('index.html has no #root element');
  // Dev and test builds only: the branch is removed from production bundles, so iwer is never
  // on the production main path.
  if (import.meta.env.MODE !== 'production') {
    const { installXrEmulator, shouldEmulateXr } = await import('./app/xr/emulator');
    if (shouldEmulateXr(import.meta.env.MODE, window.location.search)) await installXrEmulator();
  }
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined; // storage blocked: settings last for this visit only
  }
  const store = createAppStore(storage);
  const runtime = createRuntime(store, workletUrl);
  const xrStore = createAppXrStore();
  if (import.meta.env.MODE !== 'production') (await import('./app/automation')).installAutomation(runtime);
  createRoot(rootEl).render(<App runtime={runtime} xrStore={xrStore} search={window.location.search} />);
}

void main();
