/**
 * The headset emulator for dev and test builds (BROWSER.md): iwer's `XRDevice(metaQuest3)`
 * installed with `forceInstall: true` (Chromium has a native `navigator.xr` with no headset, which
 * iwer would otherwise leave alone) BEFORE the XR store is created. Imported dynamically so
 * production bundles never carry iwer on the main path. No synthetic environments: they fetch
 * from the network.
 */
import type { XRDevice } from 'iwer';

declare global {
  interface Window {
    /** The emulated headset (dev/test builds only), for tests to drive. */
    xrDevice?: XRDevice;
  }
}

/** Whether this build emulates a headset (any mode but production, unless `?xr=native`). */
export function shouldEmulateXr(mode: string, search: string): boolean {
  return mode !== 'production' && new URLSearchParams(search).get('xr') !== 'native';
}

/** Install the emulated Quest 3 and expose it as `window.xrDevice`. */
export async function installXrEmulator(): Promise<XRDevice> {
  const { XRDevice, metaQuest3 } = await import('iwer');
  const device = new XRDevice(metaQuest3);
  device.installRuntime({ forceInstall: true });
  window.xrDevice = device;
  return device;
}
