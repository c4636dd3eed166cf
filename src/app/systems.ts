/**
 * The app's systems, run by the one `SystemsRunner` (src/core/systems-runner.ts) from a single
 * `useFrame` with a negative priority: input -> sensors -> perception -> cognition -> agents ->
 * views, each at its own rate. Everything here mutates the runtime in place; nothing allocates per
 * frame (scratch objects at module level).
 */
import { Euler, Matrix4, Quaternion, Vector3, type Camera, type Object3D, type WebGLRenderer } from 'three';
import type { System } from '../core/systems-runner';
import type { Pose } from '../core/types';
import type { FlatInputState } from './controls/flat-input';
import type { PoseSlot, Runtime } from './runtime';

/** Things the systems need from the scene graph, read when they run. */
export interface SystemsContext {
  runtime: Runtime;
  flatInput: FlatInputState;
  /** The renderer, camera and XR origin group (null before mount). */
  three: () => { gl: WebGLRenderer; camera: Camera; origin: Object3D | null };
  /**
   * Keep a walking position on walkable ground (the scene's navmesh when it has one); writes the
   * allowed position into `out`. Defaults to no constraint.
   */
  constrain?: (from: Vector3, to: Vector3, out: Vector3) => void;
  /** Perception, cognition and agent systems, in that order (added as their modules land). */
  pipeline?: System[];
  /** View systems (HUD text, XR panel), run last. */
  views?: System[];
}

/** Walking speed in flat mode, m/s. */
export const WALK_SPEED = 2;
/** Mouse-look sensitivity, radians per pixel. */
export const LOOK_SENSITIVITY = 0.0025;

const euler = new Euler(0, 0, 0, 'YXZ');
const quat = new Quaternion();
const yawQuat = new Quaternion();
const invYawQuat = new Quaternion();
const v1 = new Vector3();
const v2 = new Vector3();
const target = new Vector3();
const mat = new Matrix4();
const UP = new Vector3(0, 1, 0);

function writePose(slot: PoseSlot, p: { x: number; y: number; z: number }, q: { x: number; y: number; z: number; w: number }) {
  slot.tracked = true;
  const pose = slot.pose;
  pose.p[0] = p.x;
  pose.p[1] = p.y;
  pose.p[2] = p.z;
  pose.q[0] = q.x;
  pose.q[1] = q.y;
  pose.q[2] = q.z;
  pose.q[3] = q.w;
}

function writeXrPose(slot: PoseSlot, pose: XRPose | null | undefined) {
  if (!pose) {
    slot.tracked = false;
    return;
  }
  const { position: p, orientation: q } = pose.transform;
  writePose(slot, p, q);
}

const orNull = (slot: PoseSlot): Pose | null => (slot.tracked ? slot.pose : null);

/** The flat-mode input system: mouse/touch look, walking, clicks as right-hand selects, the camera. */
export function createFlatInputSystem(ctx: SystemsContext): System {
  const { runtime, flatInput } = ctx;
  const { rig, input } = runtime;
  return {
    name: 'input.flat',
    update(dt, t) {
      const { camera, origin } = ctx.three();
      const mode = runtime.store.getState().mode;
      if (origin) {
        // The XR origin follows the rig in every mode (teleport and snap turn edit the rig).
        origin.position.copy(rig.position);
        origin.rotation.set(0, rig.yaw, 0);
      }
      if (mode !== 'flat') {
        flatInput.lookDx = flatInput.lookDy = 0;
        flatInput.pendingClicks = 0;
        return;
      }
      rig.lookYaw -= flatInput.lookDx * LOOK_SENSITIVITY;
      rig.lookPitch = Math.max(-1.45, Math.min(1.45, rig.lookPitch - flatInput.lookDy * LOOK_SENSITIVITY));
      flatInput.lookDx = flatInput.lookDy = 0;

      const k = flatInput.keys;
      let fwd = (k.forward ? 1 : 0) - (k.back ? 1 : 0) + flatInput.joystick.y;
      let side = (k.right ? 1 : 0) - (k.left ? 1 : 0) + flatInput.joystick.x;
      const len = Math.hypot(fwd, side);
      if (len > 1) {
        fwd /= len;
        side /= len;
      }
      if (len > 0.01) {
        const heading = rig.yaw + rig.lookYaw;
        // Facing -z at heading 0: forward is (-sin, 0, -cos), right is (cos, 0, -sin).
        target.set(
          rig.position.x + (-Math.sin(heading) * fwd + Math.cos(heading) * side) * WALK_SPEED * dt,
          rig.position.y,
          rig.position.z + (-Math.cos(heading) * fwd - Math.sin(heading) * side) * WALK_SPEED * dt,
        );
        if (ctx.constrain) ctx.constrain(rig.position, target, rig.position);
        else rig.position.copy(target);
      }

      camera.position.set(0, rig.eyeHeight, 0).applyAxisAngle(UP, rig.yaw).add(rig.position);
      camera.quaternion.setFromEuler(euler.set(rig.lookPitch, rig.yaw + rig.lookYaw, 0, 'YXZ'));
      camera.updateMatrixWorld();

      while (flatInput.pendingClicks > 0) {
        flatInput.pendingClicks--;
        input.selectCount.right++;
        input.lastSelect = { hand: 'right', t };
      }
    },
  };
}

/**
 * The motion sensor: head and both controllers' target rays (or wrists) in local-floor space into
 * the motion buffer, each frame. In flat mode the camera is the head and the mouse ray the right
 * controller. Also updates the rig's world head position and forward direction.
 */
export function createMotionSystem(ctx: SystemsContext): System {
  const { runtime, flatInput } = ctx;
  const { rig, input } = runtime;
  let wasPresenting = false;
  return {
    name: 'sensors.motion',
    update(_dt, t) {
      const { gl, camera } = ctx.three();
      const presenting = gl.xr.isPresenting;
      // Hand the rig over between flat and XR here, in frame order, rather than in session
      // events whose order against the XR store's own listeners is not ours to rely on.
      if (presenting && !wasPresenting) rigToXr(runtime);
      if (!presenting && wasPresenting) rigFromXrHead(runtime);
      wasPresenting = presenting;
      const frame = presenting ? gl.xr.getFrame() : null;
      const ref = presenting ? gl.xr.getReferenceSpace() : null;
      if (frame && ref) {
        input.xrFrames++;
        writeXrPose(input.head, frame.getViewerPose(ref));
        input.left.tracked = input.right.tracked = false;
        for (const source of frame.session.inputSources) {
          if (source.handedness !== 'left' && source.handedness !== 'right') continue;
          const slot = source.handedness === 'left' ? input.left : input.right;
          const wrist = source.hand?.get('wrist');
          // Tracked hands give their wrist (PERCEPTION.md); controllers their target ray.
          const pose = wrist && frame.getJointPose ? frame.getJointPose(wrist, ref) : frame.getPose(source.targetRaySpace, ref);
          writeXrPose(slot, pose);
        }
      } else {
        // Flat: local-floor is the rig frame; the head sits at eye height and turns with the mouse.
        quat.setFromEuler(euler.set(rig.lookPitch, rig.lookYaw, 0, 'YXZ'));
        v1.set(0, rig.eyeHeight, 0);
        writePose(input.head, v1, quat);
        // The mouse ray (through the cursor, or the screen centre when locked) is the right controller.
        v2.set(flatInput.pointerNdc.x, flatInput.pointerNdc.y, 0.5).unproject(camera).sub(camera.position).normalize();
        invYawQuat.setFromAxisAngle(UP, -rig.yaw);
        v2.applyQuaternion(invYawQuat);
        quat.setFromUnitVectors(v1.set(0, 0, -1), v2);
        v1.set(0, rig.eyeHeight, 0);
        writePose(input.right, v1, quat);
        input.left.tracked = false;
      }
      // The mouse ray starts at the eyes: it is the flat pointer for fusion and clicks, not a hand, so
      // the gesture model does not see it (a still "hand" at the head reads as a point).
      runtime.motion.push(t, orNull(input.head), orNull(input.left), frame ? orNull(input.right) : null);

      // World head = rig origin + yaw-rotated local head.
      if (input.head.tracked) {
        const p = input.head.pose.p;
        const q = input.head.pose.q;
        yawQuat.setFromAxisAngle(UP, rig.yaw);
        rig.headWorld.set(p[0], p[1], p[2]).applyQuaternion(yawQuat).add(rig.position);
        quat.set(q[0], q[1], q[2], q[3]).premultiply(yawQuat);
        v1.set(0, 0, -1).applyQuaternion(quat);
        rig.gazeWorld.copy(v1);
        v1.y = 0;
        if (v1.lengthSq() > 1e-8) rig.forwardWorld.copy(v1.normalize());
      }
    },
  };
}

/** The camera sensor: takes a downscaled webcam frame at the stream's rate when the camera is live. */
export function createCameraSystem(ctx: SystemsContext): System {
  const cam = ctx.runtime.camera;
  return { name: 'sensors.camera', rateHz: cam.rateHz, update: (_dt, t) => cam.sample(t) };
}

/** All systems in pipeline order. */
export function createAppSystems(ctx: SystemsContext): System[] {
  return [createFlatInputSystem(ctx), createMotionSystem(ctx), createCameraSystem(ctx), ...(ctx.pipeline ?? []), ...(ctx.views ?? [])];
}

/** Place the flat rig where the XR head was when a session ends (so the visitor stays put). */
export function rigFromXrHead(runtime: Runtime): void {
  const { rig, input } = runtime;
  if (!input.head.tracked) return;
  const q = input.head.pose.q;
  quat.set(q[0], q[1], q[2], q[3]);
  euler.setFromQuaternion(quat, 'YXZ');
  rig.position.set(rig.headWorld.x, rig.position.y, rig.headWorld.z);
  rig.yaw += euler.y;
  rig.lookYaw = 0;
  rig.lookPitch = 0;
}

/** Prepare the rig for an XR session: look direction becomes the origin's yaw (the headset faces -z). */
export function rigToXr(runtime: Runtime): void {
  const { rig } = runtime;
  rig.yaw += rig.lookYaw;
  rig.lookYaw = 0;
  rig.lookPitch = 0;
}

/** Teleport: put the visitor's feet (the head's floor point) at `point`, keeping the room offset. */
export function teleportRig(runtime: Runtime, point: Vector3): void {
  const { rig, input } = runtime;
  const p = input.head.tracked ? input.head.pose.p : null;
  yawQuat.setFromAxisAngle(UP, rig.yaw);
  v1.set(p ? p[0] : 0, 0, p ? p[2] : 0).applyQuaternion(yawQuat);
  rig.position.set(point.x - v1.x, point.y, point.z - v1.z);
}

/** Turn the rig by `dYaw` around the head (so snap turn does not swing the visitor across the room). */
export function turnRigAroundHead(runtime: Runtime, dYaw: number): void {
  const { rig } = runtime;
  mat.makeRotationY(dYaw);
  v1.set(rig.position.x - rig.headWorld.x, 0, rig.position.z - rig.headWorld.z).applyMatrix4(mat);
  rig.position.set(rig.headWorld.x + v1.x, rig.position.y, rig.headWorld.z + v1.z);
  rig.yaw += dYaw;
}
