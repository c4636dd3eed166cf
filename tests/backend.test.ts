import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER, initBackend, isSoftwareAdapter } from '../src/perception/backend';

describe('tfjs backend choice', () => {
  it('tells CPU-emulated GPUs from real ones by the adapter the browser reports', () => {
    // What Chrome reports for SwiftShader, Mesa's software rasterisers and Windows' WARP...
    for (const sw of ['google swiftshader', 'Google SwiftShader', 'mesa llvmpipe', 'mesa lavapipe', 'microsoft basic render driver', 'microsoft warp']) expect(isSoftwareAdapter(sw), sw).toBe(true);
    // ...and for real GPUs (or nothing, when the browser hides it): no warning.
    for (const hw of ['nvidia ampere', 'apple metal-3', 'intel gen-12lp', 'amd rdna-3', 'qualcomm adreno-7xx', 'arm valhall', '']) expect(isSoftwareAdapter(hw), hw).toBe(false);
  });

  it('in Node (no WebGPU, no DOM) skips webgpu and webgl with reasons and runs a later one', async () => {
    const report = await initBackend(BACKEND_ORDER.filter((b) => b !== 'wasm'));
    expect(report.name).toBe('cpu');
    expect(report.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expect(report.skipped[0].reason).toMatch(/WebGPU|navigator|gpu/i);
    expect(report.softwareAdapter).toBeUndefined();
  });
});
