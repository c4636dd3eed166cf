import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { Object3D } from 'three';
import { now } from '../core/clock';
import { createSystemsRunner, type System } from '../core/systems-runner';
import { createAppSystems, type SystemsContext } from './systems';
import type { FlatInputState } from './controls/flat-input';
import { attachFlatInput } from './controls/flat-input';
import type { Runtime } from './runtime';

/** Frame budget (ms) above which rate-limited systems slow down proportionally. */
export const BUDGET_MS = 33;

/** Props of `SystemsFrame`. */
export interface SystemsFrameProps {
  runtime: Runtime;
  flatInput: FlatInputState;
  origin: { current: Object3D | null };
  pipeline: System[];
  views: System[];
  constrain?: SystemsContext['constrain'];
  /** Called after the first frame is rendered (the app dispatches metaverse:ready from it when loaded). */
  onFrame?: () => void;
}

/**
 * The one `useFrame` of the app (priority -1, before the render): records the frame time and
 * steps the systems runner (input -> sensors -> perception -> cognition -> agents -> views).
 */
export function SystemsFrame({ runtime, flatInput, origin, pipeline, views, constrain, onFrame }: SystemsFrameProps) {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const runner = useMemo(() => {
    const ctx: SystemsContext = { runtime, flatInput, three: () => ({ gl, camera, origin: origin.current }), pipeline, views, constrain };
    const r = createSystemsRunner(createAppSystems(ctx));
    runtime.systemStats = r.stats;
    return r;
  }, [runtime, flatInput, gl, camera, origin, pipeline, views, constrain]);

  useEffect(() => {
    const { setTalking, setHelpOpen } = runtime.store.getState();
    return attachFlatInput(gl.domElement, flatInput, {
      onTalk: (down) => setTalking(down),
      onHelp: () => setHelpOpen(!runtime.store.getState().helpOpen),
    });
  }, [gl, flatInput, runtime]);

  useFrame((_state, delta) => {
    const stats = runtime.frameStats;
    stats.record(delta * 1000);
    // Once a second or so, slow the rate-limited systems when frames run long (30 fps budget).
    if (stats.frames % 64 === 0) {
      const median = stats.median();
      runner.setRateScale(median > BUDGET_MS ? BUDGET_MS / median : 1);
    }
    runner.step(now());
    onFrame?.();
  }, -1);
  return null;
}
