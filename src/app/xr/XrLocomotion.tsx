import { useXRControllerLocomotion } from '@react-three/xr';
import type { Vector3 } from 'three';
import type { Runtime } from '../runtime';
import { turnRigAroundHead } from '../systems';

/**
 * Thumbstick locomotion in XR: snap turn (45°) on the right stick always, smooth walking on the
 * left stick when the setting is on. Moves the rig; the systems runner syncs the XR origin.
 */
export function XrLocomotion({ runtime, smooth }: { runtime: Runtime; smooth: boolean }) {
  useXRControllerLocomotion(
    (velocity: Vector3, rotationY: number, delta: number) => {
      if (rotationY) turnRigAroundHead(runtime, rotationY);
      if (smooth) {
        runtime.rig.position.x += velocity.x * delta;
        runtime.rig.position.z += velocity.z * delta;
      }
    },
    smooth ? { speed: 1.5 } : false,
    { type: 'snap', degrees: 45 },
    'left',
  );
  return null;
}
