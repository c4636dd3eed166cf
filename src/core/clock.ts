/** The one clock every stream and percept is stamped with: seconds since page (or process) start. */
export function now(): number {
  return performance.now() / 1000;
}
