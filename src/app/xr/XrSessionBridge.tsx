import { useEffect } from 'react';
import { useXR } from '@react-three/xr';
import { now } from '../../core/clock';
import type { Runtime } from '../runtime';

/**
 * Binds the XR session to the runtime: mode changes in the app store, selects counted per hand,
 * and push-to-talk on a held squeeze (grip) button. (The rig is handed between flat and XR by the
 * motion system, in frame order.)
 */
export function XrSessionBridge({ runtime }: { runtime: Runtime }) {
  const session = useXR((s) => s.session);
  const mode = useXR((s) => s.mode);

  useEffect(() => {
    if (!session) return;
    const { setMode, setTalking } = runtime.store.getState();
    runtime.input.xrFrames = 0;
    runtime.frameStats.reset();
    setMode(mode === 'immersive-ar' ? 'ar' : 'vr');
    const handOf = (e: XRInputSourceEvent) => (e.inputSource.handedness === 'left' ? 'left' : 'right');
    const onSelect = (e: XRInputSourceEvent) => {
      const hand = handOf(e);
      runtime.input.selectCount[hand]++;
      runtime.input.lastSelect = { hand, t: now() };
    };
    const onSqueezeStart = () => setTalking(true);
    const onSqueezeEnd = () => setTalking(false);
    const onEnd = () => {
      runtime.frameStats.reset();
      setTalking(false);
      setMode('flat');
    };
    session.addEventListener('select', onSelect);
    session.addEventListener('squeezestart', onSqueezeStart);
    session.addEventListener('squeezeend', onSqueezeEnd);
    session.addEventListener('end', onEnd);
    return () => {
      session.removeEventListener('select', onSelect);
      session.removeEventListener('squeezestart', onSqueezeStart);
      session.removeEventListener('squeezeend', onSqueezeEnd);
      session.removeEventListener('end', onEnd);
    };
  }, [session, mode, runtime]);

  return null;
}
