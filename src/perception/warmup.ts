/**
 * A model's first inference behind the loading bar: on WebGPU and WebGL it compiles every shader
 * program the network needs (seconds on a software GPU for the conv voice net), which would
 * otherwise stall the frame where the first utterance or gesture is classified.
 */

/** Run `estimate` once on an all-zero input; returns the milliseconds it took. Throws when the output is not finite (e.g. corrupt weights). */
export async function warmUpModel(
  what: string,
  estimate: (input: Float32Array, out: Float32Array) => Promise<void>,
  inputSize: number,
  outputSize: number,
): Promise<number> {
  const input = new Float32Array(inputSize);
  const out = new Float32Array(outputSize).fill(Number.NaN);
  const t0 = performance.now();
  await estimate(input, out);
  const ms = performance.now() - t0;
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`${what}: the first inference gave a non-finite output (index ${bad}: ${out[bad]}); the weights may be corrupt`);
  return ms;
}
