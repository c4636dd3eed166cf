import { useEffect, useMemo } from 'react';
import type { Mesh, MeshBasicMaterial } from 'three';
import type { ThreeEvent } from '@react-three/fiber';
import type { Vec3 } from '../../core/types';
import { listScenes } from '../../scenes';
import type { SceneSummary } from '../../world';
import { createLabelTexture } from './label-texture';

/** Props of `XRScenePicker`. */
export interface XRScenePickerProps {
  /** Called with the picked scene id (select with a controller ray or hand, or click in flat mode). */
  onPick: (id: string) => void;
  /** Scenes to offer. @default every scene of this build */
  scenes?: SceneSummary[];
  /** The open scene (highlighted, not clickable). @default none */
  currentId?: string | null;
  /** Panel centre, world metres. @default [0, 1.4, -1.2] */
  position?: Vec3;
  /** Panel yaw, radians. @default 0 */
  yaw?: number;
}

const BUTTON_W = 0.8;
const BUTTON_H = 0.2;
const GAP = 0.04;
const IDLE = '#ffffff';
const HOVER = '#bfe6ff';

function PickerButton({ scene, current, y, onPick }: { scene: SceneSummary; current: boolean; y: number; onPick: (id: string) => void }) {
  const texture = useMemo(
    () => createLabelTexture([scene.title, scene.description], { size: [640, 160], background: current ? '#23594a' : '#1f2633', fontSize: 48 }),
    [scene.title, scene.description, current],
  );
  useEffect(() => () => texture.dispose(), [texture]);
  // Hover tints the material directly: no React state per pointer move.
  const tint = (color: string) => (e: ThreeEvent<PointerEvent>) => ((e.object as Mesh).material as MeshBasicMaterial).color.set(color);
  return (
    <mesh
      position={[0, y, 0.01]}
      name={`xr-scene-${scene.id}`}
      userData={{ sceneId: scene.id }}
      onClick={(e) => {
        e.stopPropagation();
        if (!current) onPick(scene.id);
      }}
      onPointerOver={current ? undefined : tint(HOVER)}
      onPointerOut={current ? undefined : tint(IDLE)}
    >
      <planeGeometry args={[BUTTON_W, BUTTON_H]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}

/** The in-world scene picker for XR: a panel with one button per scene. Mount inside the R3F canvas. */
export function XRScenePicker({ onPick, scenes = listScenes(), currentId = null, position = [0, 1.4, -1.2], yaw = 0 }: XRScenePickerProps) {
  const title = useMemo(() => createLabelTexture(['Choose a scene'], { size: [640, 96], background: '#11151c', fontSize: 44 }), []);
  useEffect(() => () => title.dispose(), [title]);
  const height = 0.14 + scenes.length * (BUTTON_H + GAP) + GAP;
  const top = height / 2;
  return (
    <group position={position} rotation={[0, yaw, 0]} name="xr-scene-picker">
      <mesh>
        <planeGeometry args={[BUTTON_W + 0.08, height]} />
        <meshBasicMaterial color="#11151c" transparent opacity={0.85} />
      </mesh>
      <mesh position={[0, top - 0.07, 0.01]}>
        <planeGeometry args={[BUTTON_W, 0.12]} />
        <meshBasicMaterial map={title} toneMapped={false} />
      </mesh>
      {scenes.map((s, i) => (
        <PickerButton key={s.id} scene={s} current={s.id === currentId} y={top - 0.14 - GAP - BUTTON_H / 2 - i * (BUTTON_H + GAP)} onPick={onPick} />
      ))}
    </group>
  );
}
