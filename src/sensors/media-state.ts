/** State of a capture device (microphone or camera) as the HUD shows it. */
export type MediaState =
  /** Not requested (camera is opt-in) or stopped by the user. */
  | 'off'
  /** Waiting for the permission prompt or the device. */
  | 'requesting'
  /** Capturing: the live indicator is on. */
  | 'live'
  /** The user or the browser's policy refused permission. */
  | 'denied'
  /** No such device, or the browser lacks the API (e.g. an insecure origin). */
  | 'unavailable'
  /** Anything else went wrong; see the stream's `error`. */
  | 'error';

/** Map a getUserMedia / Web Audio failure to a `MediaState` and a sentence for the HUD. */
export function classifyMediaError(err: unknown, device: 'microphone' | 'camera'): { state: MediaState; reason: string } {
  const name = err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException) ? (err as Error).name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return { state: 'denied', reason: `${device} permission was denied (${message || name})` };
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return { state: 'unavailable', reason: `no ${device} found (${message || name})` };
  if (name === 'NotReadableError') return { state: 'error', reason: `the ${device} is in use or failed to start (${message || name})` };
  return { state: 'error', reason: `${device} failed: ${message || name || 'unknown error'}` };
}
