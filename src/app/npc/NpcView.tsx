import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Vector3 } from 'three';
import type { NpcState } from '../../agents/npc-world';
import { createNpcRig, disposeNpcRig, poseNpcRig, type NpcRigAppearance } from './npc-rig';
import { createSubtitle } from './subtitle';

/** Props of `NpcView`. */
export interface NpcViewProps {
  /** The NPC's state object from `createNpcWorld(...).npcs` (read every frame, never copied). */
  npc: NpcState;
  /** Colours, height and accessory. @default a generic adult */
  appearance?: NpcRigAppearance;
  /** Show the world-space subtitle above the head. @default true */
  subtitles?: boolean;
}

// Scratch objects shared by every NpcView (frames run one at a time).
const cameraPos = new Vector3();
const subtitlePos = new Vector3();

/**
 * A procedural humanoid that follows `npc`: transform, head look-at and walk / idle / wave / nod /
 * talk animation are mutated in `useFrame` (after the systems runner, which runs at priority -1);
 * the subtitle above the head is redrawn only when the line changes and always faces the viewer.
 */
export function NpcView({ npc, appearance, subtitles = true }: NpcViewProps) {
  const { color, height, shirt, trousers, hair, accessory } = appearance ?? {};
  const rig = useMemo(
    () => createNpcRig({ color, height, shirt, trousers, hair, accessory }),
    [color, height, shirt, trousers, hair, accessory],
  );
  const subtitle = useMemo(() => (subtitles ? createSubtitle() : null), [subtitles]);
  useEffect(() => {
    if (subtitle) rig.root.add(subtitle.mesh);
    return () => {
      if (subtitle) {
        rig.root.remove(subtitle.mesh);
        subtitle.dispose();
      }
    };
  }, [rig, subtitle]);
  useEffect(() => () => disposeNpcRig(rig), [rig]);

  // The last line drawn, per mounted view (mutable; not React state).
  const shown = useRef({ version: -1, visible: false });

  useFrame((state) => {
    const t = state.clock.elapsedTime;
    poseNpcRig(rig, npc, t);
    if (!subtitle) return;
    const visible = npc.saying !== null;
    const last = shown.current;
    if (npc.sayingVersion !== last.version || visible !== last.visible) {
      subtitle.set(npc.saying, npc.name);
      last.version = npc.sayingVersion;
      last.visible = visible;
    }
    if (visible) {
      // Float above the head and turn to the viewer (XR cameras included: three updates the
      // user camera's world matrix from the headset pose).
      subtitle.mesh.position.set(0, rig.top + 0.35, 0);
      state.camera.getWorldPosition(cameraPos);
      subtitle.mesh.getWorldPosition(subtitlePos);
      subtitle.mesh.lookAt(cameraPos.x, subtitlePos.y, cameraPos.z);
    }
  });

  return <primitive object={rig.root} />;
}
