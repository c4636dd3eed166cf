/**
 * Where the built app serves tfjs-backend-wasm's binaries. Vite emits each `.wasm` file as a hashed
 * asset and gives its URL; without this map the wasm backend would look for the files next to the
 * page and fail in a production build. Browser builds only (Vite `?url` imports).
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The wasm file URLs by the file names tfjs-backend-wasm asks for. */
export const WASM_URLS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};
