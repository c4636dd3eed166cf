/**
 * A procedural humanoid built from primitives (no model files) and the one function that poses it
 * from an NPC's state: transform, head look-at, and walk / idle / wave / nod / talk animation.
 * Plain three.js, no React, so it is tested in Node and driven from any frame loop.
 */
import {
  BoxGeometry,
  CapsuleGeometry,
  Color,
  CylinderGeometry,
  Group,
  Mesh,
  MeshStandardMaterial,
  SphereGeometry,
  TorusGeometry,
  type Material,
} from 'three';
import type { NpcState } from '../../agents/npc-world';

/** How an NPC looks (a scene's `NpcAppearance` fits). */
export interface NpcRigAppearance {
  /** Skin colour (CSS). @default '#d8a982' */
  color?: string;
  /** Standing height (m). @default 1.75 */
  height?: number;
  /** Shirt colour. @default '#4a6fa5' */
  shirt?: string;
  /** Trousers colour. @default '#33373d' */
  trousers?: string;
  /** Hair colour; omitted means no hair. */
  hair?: string;
  /** One accessory. @default 'none' */
  accessory?: 'none' | 'glasses' | 'hat' | 'badge' | 'scarf';
}

/** The posable parts of a humanoid; `root` goes into the scene. */
export interface NpcRig {
  /** Positioned at the NPC's feet; not rotated (so children can billboard). */
  root: Group;
  /** Rotated to the body's heading. */
  body: Group;
  hips: Group;
  torso: Mesh;
  head: Group;
  mouth: Mesh;
  leftArm: Group;
  rightArm: Group;
  leftLeg: Group;
  rightLeg: Group;
  /** Height of the top of the head (m), for placing subtitles. */
  top: number;
  materials: Material[];
}

// Unit geometries shared by every NPC (scaled per part); never disposed with a rig.
const SPHERE = new SphereGeometry(1, 20, 14);
const BOX = new BoxGeometry(1, 1, 1);
const LIMB = new CapsuleGeometry(0.5, 1, 4, 10);
const CYLINDER = new CylinderGeometry(1, 1, 1, 20);
const TORUS = new TorusGeometry(1, 0.3, 8, 20);

/** Build a humanoid for `appearance` (height-scaled, facing -z). */
export function createNpcRig(appearance: NpcRigAppearance = {}): NpcRig {
  const h = clampHeight(appearance.height);
  const s = h / 1.75;
  const skin = material(appearance.color ?? '#d8a982');
  const shirt = material(appearance.shirt ?? '#4a6fa5');
  const trousers = material(appearance.trousers ?? '#33373d');
  const dark = material('#1b1d22');
  const materials: Material[] = [skin, shirt, trousers, dark];

  const root = new Group();
  root.name = 'npc';
  const body = new Group();
  root.add(body);
  const hips = new Group();
  hips.position.y = 0.95 * s;
  body.add(hips);

  const torso = part(LIMB, shirt, 0.34 * s, 0.5 * s, 0.22 * s);
  torso.position.y = 0.3 * s;
  hips.add(torso);

  const legGeom = (side: number) => {
    const pivot = new Group();
    pivot.position.set(side * 0.1 * s, 0, 0);
    const leg = part(LIMB, trousers, 0.14 * s, 0.82 * s, 0.14 * s);
    leg.position.y = -0.45 * s;
    pivot.add(leg);
    const foot = part(BOX, dark, 0.11 * s, 0.06 * s, 0.24 * s);
    foot.position.set(0, -0.92 * s, -0.05 * s);
    pivot.add(foot);
    hips.add(pivot);
    return pivot;
  };
  const leftLeg = legGeom(-1);
  const rightLeg = legGeom(1);

  const armGeom = (side: number) => {
    const pivot = new Group();
    pivot.position.set(side * 0.22 * s, 0.5 * s, 0);
    const arm = part(LIMB, shirt, 0.1 * s, 0.55 * s, 0.1 * s);
    arm.position.y = -0.28 * s;
    pivot.add(arm);
    const hand = part(SPHERE, skin, 0.05 * s, 0.06 * s, 0.05 * s);
    hand.position.y = -0.6 * s;
    pivot.add(hand);
    hips.add(pivot);
    return pivot;
  };
  const leftArm = armGeom(-1);
  const rightArm = armGeom(1);

  const head = new Group();
  head.position.y = 0.62 * s;
  hips.add(head);
  const neck = part(CYLINDER, skin, 0.05 * s, 0.08 * s, 0.05 * s);
  neck.position.y = 0.02 * s;
  head.add(neck);
  const skull = part(SPHERE, skin, 0.1 * s, 0.12 * s, 0.11 * s);
  skull.position.y = 0.15 * s;
  head.add(skull);
  for (const side of [-1, 1]) {
    const eye = part(SPHERE, dark, 0.014 * s, 0.018 * s, 0.01 * s);
    eye.position.set(side * 0.037 * s, 0.17 * s, -0.1 * s);
    head.add(eye);
  }
  const mouth = part(BOX, dark, 0.04 * s, 0.01 * s, 0.01 * s);
  mouth.position.set(0, 0.1 * s, -0.102 * s);
  head.add(mouth);
  if (appearance.hair) {
    const hair = material(appearance.hair);
    materials.push(hair);
    const cap = part(SPHERE, hair, 0.106 * s, 0.09 * s, 0.115 * s);
    cap.position.set(0, 0.2 * s, 0.01 * s);
    head.add(cap);
  }
  switch (appearance.accessory) {
    case 'hat': {
      const hat = part(CYLINDER, dark, 0.12 * s, 0.12 * s, 0.12 * s);
      hat.position.y = 0.3 * s;
      head.add(hat);
      const brim = part(CYLINDER, dark, 0.18 * s, 0.01 * s, 0.18 * s);
      brim.position.y = 0.25 * s;
      head.add(brim);
      break;
    }
    case 'glasses':
      for (const side of [-1, 1]) {
        const lens = part(TORUS, dark, 0.025 * s, 0.025 * s, 0.01 * s);
        lens.position.set(side * 0.037 * s, 0.17 * s, -0.11 * s);
        head.add(lens);
      }
      break;
    case 'badge': {
      const badge = part(BOX, material('#e3c14b'), 0.06 * s, 0.04 * s, 0.01 * s);
      materials.push(badge.material as Material);
      badge.position.set(0.08 * s, 0.42 * s, -0.12 * s);
      hips.add(badge);
      break;
    }
    case 'scarf': {
      const scarf = part(TORUS, material('#b33a3a'), 0.08 * s, 0.08 * s, 0.12 * s);
      materials.push(scarf.material as Material);
      scarf.rotation.x = Math.PI / 2;
      scarf.position.y = 0.58 * s;
      hips.add(scarf);
      break;
    }
  }
  return { root, body, hips, torso, head, mouth, leftArm, rightArm, leftLeg, rightLeg, top: h, materials };
}

/** Free the rig's materials (geometries are shared). */
export function disposeNpcRig(rig: NpcRig): void {
  for (const m of rig.materials) m.dispose();
}

/**
 * Pose `rig` from `npc` at clock time `t` (s): position, heading, head look-at, walk cycle,
 * breathing, wave, nod and talking mouth. Mutates only; allocates nothing.
 */
export function poseNpcRig(rig: NpcRig, npc: NpcState, t: number): void {
  rig.root.position.set(npc.position[0], npc.position[1], npc.position[2]);
  rig.body.rotation.y = npc.yaw;
  const walk = Math.min(1, npc.speed / 1.2);
  const phase = npc.walkPhase;
  const swing = Math.sin(phase) * 0.55 * walk;
  rig.leftLeg.rotation.x = swing;
  rig.rightLeg.rotation.x = -swing;
  // A little bounce while walking, breathing while standing.
  rig.hips.position.y = rig.top * (0.95 / 1.75) + Math.abs(Math.cos(phase)) * 0.03 * walk;
  rig.torso.scale.set(1, 1, 1);
  const breathe = 1 + Math.sin(t * 1.7 + npc.index) * 0.012 * (1 - walk);
  rig.torso.scale.y = breathe;
  // Arms swing opposite the legs unless gesturing.
  rig.leftArm.rotation.set(-swing * 0.8, 0, 0.06);
  rig.rightArm.rotation.set(swing * 0.8, 0, -0.06);
  let nod = 0;
  const g = npc.gesture;
  const gt = npc.gestureTime;
  if (g === 'wave') {
    // Raise the right arm overhead (ease in/out over 0.25 s) and wave it side to side.
    const lift = Math.min(1, gt / 0.25);
    rig.rightArm.rotation.set(0, 0, -lift * 2.6 + Math.sin(gt * 11) * 0.35 * lift);
  } else if (g === 'nod') {
    nod = Math.sin(gt * 14) * 0.22 * Math.max(0, 1 - gt / 0.9);
  } else if (g === 'talk') {
    // Small hand movement while talking.
    rig.rightArm.rotation.x = -0.35 + Math.sin(t * 3.1) * 0.15;
    rig.rightArm.rotation.z = -0.15;
  }
  rig.head.rotation.set(npc.headPitch - nod, npc.headYaw, 0, 'YXZ');
  rig.mouth.scale.y = 1 + npc.talk * 3;
}

function material(color: string): MeshStandardMaterial {
  return new MeshStandardMaterial({ color: new Color(color), roughness: 0.8 });
}

function part(geometry: SphereGeometry | BoxGeometry | CapsuleGeometry | CylinderGeometry | TorusGeometry, m: Material, sx: number, sy: number, sz: number): Mesh {
  const mesh = new Mesh(geometry, m);
  mesh.scale.set(sx, sy, sz);
  mesh.castShadow = true;
  return mesh;
}

function clampHeight(h: number | undefined): number {
  if (h === undefined) return 1.75;
  if (!(h >= 0.5 && h <= 3)) throw new Error(`createNpcRig: appearance.height must be in [0.5, 3] m (got ${h})`);
  return h;
}
