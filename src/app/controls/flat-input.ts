/**
 * Flat-mode input (keyboard, mouse with pointer lock, touch look, the on-screen joystick) collected
 * from DOM events into one mutable state object that the systems runner's input system reads each
 * frame. No React here: `attachFlatInput` binds the listeners and returns the detach function.
 */

/** Mutable flat-mode input, read once a frame. */
export interface FlatInputState {
  /** Movement keys held: forward/back/left/right. */
  keys: { forward: boolean; back: boolean; left: boolean; right: boolean };
  /** The on-screen joystick, x right and y forward in [-1, 1]. */
  joystick: { x: number; y: number };
  /** Look deltas in pixels accumulated since the last frame (the input system consumes them). */
  lookDx: number;
  lookDy: number;
  /** Pointer position in normalized device coordinates (the centre while the pointer is locked). */
  pointerNdc: { x: number; y: number };
  /** Whether the mouse is captured (pointer lock). */
  locked: boolean;
  /** Clicks not yet handled by the input system. */
  pendingClicks: number;
}

/** Options of `attachFlatInput`. */
export interface FlatInputOptions {
  /** Push-to-talk key pressed or released. */
  onTalk?: (down: boolean) => void;
  /** The help key. */
  onHelp?: () => void;
}

/** Create an idle input state. */
export function createFlatInputState(): FlatInputState {
  return {
    keys: { forward: false, back: false, left: false, right: false },
    joystick: { x: 0, y: 0 },
    lookDx: 0,
    lookDy: 0,
    pointerNdc: { x: 0, y: 0 },
    locked: false,
    pendingClicks: 0,
  };
}

const MOVE_KEYS: Record<string, keyof FlatInputState['keys']> = {
  KeyW: 'forward',
  ArrowUp: 'forward',
  KeyS: 'back',
  ArrowDown: 'back',
  KeyA: 'left',
  ArrowLeft: 'left',
  KeyD: 'right',
  ArrowRight: 'right',
};

/** The push-to-talk key (held). */
export const TALK_KEY = 'KeyT';
/** The help key. */
export const HELP_KEY = 'KeyH';

/** Whether a key event comes from a text field (then it is typing, not walking). */
const isTyping = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
};

/** Bind keyboard, mouse and touch listeners for flat mode on `canvas`; returns the detach function. */
export function attachFlatInput(canvas: HTMLElement, state: FlatInputState, options: FlatInputOptions = {}): () => void {
  const doc = canvas.ownerDocument;
  const win = doc.defaultView ?? window;
  let dragging = false;
  let dragDistance = 0;
  let lookTouch: number | null = null;
  let lastX = 0;
  let lastY = 0;

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTyping(e)) return;
    const k = MOVE_KEYS[e.code];
    if (k) {
      state.keys[k] = true;
      e.preventDefault();
    } else if (e.code === TALK_KEY && !e.repeat) options.onTalk?.(true);
    else if (e.code === HELP_KEY && !e.repeat) options.onHelp?.();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    const k = MOVE_KEYS[e.code];
    if (k) state.keys[k] = false;
    else if (e.code === TALK_KEY) options.onTalk?.(false);
  };
  const onBlur = () => {
    state.keys.forward = state.keys.back = state.keys.left = state.keys.right = false;
    options.onTalk?.(false);
  };
  const setNdc = (clientX: number, clientY: number) => {
    const r = canvas.getBoundingClientRect();
    state.pointerNdc.x = ((clientX - r.left) / r.width) * 2 - 1;
    state.pointerNdc.y = -((clientY - r.top) / r.height) * 2 + 1;
  };
  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0) return;
    dragging = true;
    dragDistance = 0;
    lastX = e.clientX;
    lastY = e.clientY;
  };
  const onMouseMove = (e: MouseEvent) => {
    if (state.locked) {
      state.lookDx += e.movementX;
      state.lookDy += e.movementY;
      return;
    }
    setNdc(e.clientX, e.clientY);
    if (dragging) {
      // Without pointer lock (refused, or a browser without it) dragging looks around.
      state.lookDx += e.clientX - lastX;
      state.lookDy += e.clientY - lastY;
      dragDistance += Math.abs(e.clientX - lastX) + Math.abs(e.clientY - lastY);
      lastX = e.clientX;
      lastY = e.clientY;
    }
  };
  const onMouseUp = () => {
    dragging = false;
  };
  const onClick = (e: MouseEvent) => {
    if (!state.locked && dragDistance > 6) return; // the end of a drag-to-look, not a click
    if (!state.locked) setNdc(e.clientX, e.clientY);
    state.pendingClicks++;
    if (!state.locked && canvas.requestPointerLock) {
      // Chrome returns a promise that rejects when lock is refused (e.g. headless); older ones return undefined.
      const p = canvas.requestPointerLock() as unknown as Promise<void> | undefined;
      p?.catch?.(() => undefined);
    }
  };
  const onLockChange = () => {
    state.locked = doc.pointerLockElement === canvas;
    if (state.locked) state.pointerNdc.x = state.pointerNdc.y = 0;
  };
  const onTouchStart = (e: TouchEvent) => {
    for (const t of Array.from(e.changedTouches)) {
      if (lookTouch === null) {
        lookTouch = t.identifier;
        lastX = t.clientX;
        lastY = t.clientY;
        setNdc(t.clientX, t.clientY);
      }
    }
  };
  const onTouchMove = (e: TouchEvent) => {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier !== lookTouch) continue;
      state.lookDx += t.clientX - lastX;
      state.lookDy += t.clientY - lastY;
      lastX = t.clientX;
      lastY = t.clientY;
      e.preventDefault();
    }
  };
  const onTouchEnd = (e: TouchEvent) => {
    for (const t of Array.from(e.changedTouches)) if (t.identifier === lookTouch) lookTouch = null;
  };

  win.addEventListener('keydown', onKeyDown);
  win.addEventListener('keyup', onKeyUp);
  win.addEventListener('blur', onBlur);
  canvas.addEventListener('mousedown', onMouseDown);
  win.addEventListener('mousemove', onMouseMove);
  win.addEventListener('mouseup', onMouseUp);
  canvas.addEventListener('click', onClick);
  doc.addEventListener('pointerlockchange', onLockChange);
  canvas.addEventListener('touchstart', onTouchStart, { passive: true });
  canvas.addEventListener('touchmove', onTouchMove, { passive: false });
  canvas.addEventListener('touchend', onTouchEnd);
  canvas.addEventListener('touchcancel', onTouchEnd);
  return () => {
    win.removeEventListener('keydown', onKeyDown);
    win.removeEventListener('keyup', onKeyUp);
    win.removeEventListener('blur', onBlur);
    canvas.removeEventListener('mousedown', onMouseDown);
    win.removeEventListener('mousemove', onMouseMove);
    win.removeEventListener('mouseup', onMouseUp);
    canvas.removeEventListener('click', onClick);
    doc.removeEventListener('pointerlockchange', onLockChange);
    canvas.removeEventListener('touchstart', onTouchStart);
    canvas.removeEventListener('touchmove', onTouchMove);
    canvas.removeEventListener('touchend', onTouchEnd);
    canvas.removeEventListener('touchcancel', onTouchEnd);
  };
}
