/**
 * Picks the tfjs backend: WebGPU first, then WebGL, wasm, CPU (or a forced one), and reports which
 * runs and why the others did not. Only `perception/` imports tfjs.
 */
import * as tf from '@tensorflow/tfjs';

/** Backends in order of preference. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** A tfjs backend name this runtime knows. */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** What backend selection found. */
export interface BackendReport {
  /** The backend in use. */
  name: BackendName;
  /** Backends tried before it, with the reason each was skipped. */
  skipped: { name: BackendName; reason: string }[];
  /** WebGPU only: the adapter's vendor and architecture as the browser reports them (may be empty). */
  adapter?: string;
  /** WebGPU only: the adapter is a CPU emulation (SwiftShader, llvmpipe...), slower than wasm for small models. */
  softwareAdapter?: boolean;
}

/** Adapter names of CPU emulations of a GPU (Chrome's SwiftShader, Mesa's llvmpipe/lavapipe, Windows' WARP). */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** Whether an adapter description names a software (CPU-emulated) GPU. */
export function isSoftwareAdapter(description: string): boolean {
  return SOFTWARE_ADAPTER.test(description);
}

/** The WebGPU backend's adapter description ("vendor architecture"), read from tfjs's backend object. */
function webgpuAdapter(): string {
  const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  return [info?.vendor, info?.architecture].filter((x): x is string => !!x).join(' ');
}

const registrars: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: async () => undefined, // registered by @tensorflow/tfjs
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmPaths) wasm.setWasmPaths(wasmPaths);
  },
  cpu: async () => undefined,
};

let wasmPaths: string | Record<string, string> | undefined;

/** Where the wasm backend finds its `.wasm` files (a URL prefix or a map by file name). */
export function setWasmLocation(paths: string | Record<string, string>): void {
  wasmPaths = paths;
}

/** Whether a string names a known backend. */
export function isBackendName(s: string | null | undefined): s is BackendName {
  return !!s && (BACKEND_ORDER as readonly string[]).includes(s);
}

/**
 * Activate the first backend of `order` that initialises. Each attempt is bounded by `timeoutMs`
 * so a hanging adapter request cannot stall loading.
 */
export async function initBackend(order: readonly BackendName[] = BACKEND_ORDER, timeoutMs = 15000): Promise<BackendReport> {
  const skipped: BackendReport['skipped'] = [];
  for (const name of order) {
    try {
      if (name === 'webgpu' && typeof navigator !== 'undefined' && !('gpu' in navigator)) throw new Error('navigator.gpu is missing (no WebGPU in this browser)');
      if (name === 'webgl' && typeof document === 'undefined') throw new Error('no DOM for WebGL');
      await registrars[name]();
      const ok = await Promise.race([
        tf.setBackend(name),
        new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)),
      ]);
      if (!ok) throw new Error('backend failed to initialise');
      await tf.ready();
      if (name === 'webgpu') {
        const adapter = webgpuAdapter();
        return { name, skipped, adapter, softwareAdapter: isSoftwareAdapter(adapter) };
      }
      return { name, skipped };
    } catch (err) {
      skipped.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No tfjs backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}
