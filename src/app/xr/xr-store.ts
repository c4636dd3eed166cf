/**
 * The @react-three/xr store. Controller and hand profiles are served from this origin
 * (`public/xr-profiles/`, a subset of @webxr-input-profiles/assets) because the library's default
 * is a CDN, and nothing may be fetched from elsewhere at run time.
 */
import { createXRStore, type XRStore } from '@react-three/xr';

/** Create the XR store (after any emulator is installed). */
export function createAppXrStore(): XRStore {
  const base = new URL(`${import.meta.env.BASE_URL}xr-profiles/`, window.location.href).href;
  return createXRStore({
    // Emulation is installed by ./emulator.ts (the store's own skips Chromium's native navigator.xr).
    emulate: false,
    offerSession: false,
    baseAssetPath: base,
    // Only the Quest Touch Plus profile ships; other controllers fall back to its layout and model.
    defaultControllerProfileId: 'meta-quest-touch-plus',
    defaultXRHandProfileId: 'generic-hand',
    controller: { teleportPointer: true },
    hand: { teleportPointer: true },
    handTracking: true,
    // No AR plane/mesh/anchor features: they are not used and prompt on some devices.
    planeDetection: false,
    meshDetection: false,
    anchors: false,
    hitTest: false,
    layers: false,
    domOverlay: false,
  });
}
