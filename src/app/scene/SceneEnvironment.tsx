import { useEffect, type ReactNode } from 'react';
import { Color, Fog, type Mesh, type Object3D } from 'three';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import type { Vec3 } from '../../core/types';
import type { LoadedScene } from '../../world';

/** Props of `SceneEnvironment`. */
export interface SceneEnvironmentProps {
  /** A scene from `loadScene` / `openScene`. */
  scene: LoadedScene;
  /** Called with the world point when a walkable surface is clicked or selected (teleport, "go there"). @default none */
  onFloorSelect?: (point: Vec3) => void;
  /** Extra children rendered inside the scene group (NPC views, the XR picker...). */
  children?: ReactNode;
}

/** Name of the group holding the walkable meshes (for raycasts: `scene.getObjectByName(WALKABLE_GROUP)`). */
export const WALKABLE_GROUP = 'scene-walkable';
/** Name of the group holding the blocking props. */
export const OBSTACLE_GROUP = 'scene-obstacles';

function disposeGeometries(roots: readonly Object3D[]) {
  for (const root of roots) root.traverse((o) => (o as Mesh).isMesh && (o as Mesh).geometry.dispose());
}

/**
 * Renders a loaded scene: background colour and fog, its walkable and obstacle meshes (the same
 * objects its navmesh was built from) and its `Environment`. Mount inside the R3F `<Canvas>`.
 */
export function SceneEnvironment({ scene, onFloorSelect, children }: SceneEnvironmentProps) {
  const { manifest, geometry } = scene;
  const { Environment } = manifest;
  const fog = manifest.atmosphere.fog;
  const obstacles = geometry.obstacles ?? [];
  const root = useThree((s) => s.scene);
  useEffect(() => () => disposeGeometries([...geometry.walkable, ...(geometry.obstacles ?? [])]), [geometry]);
  // Background and fog belong to the root scene, wherever this component is mounted.
  useEffect(() => {
    const prev = { background: root.background, fog: root.fog };
    root.background = new Color(manifest.atmosphere.background);
    root.fog = fog ? new Fog(fog.color, fog.near, fog.far) : null;
    return () => {
      root.background = prev.background;
      root.fog = prev.fog;
    };
  }, [root, manifest.atmosphere.background, fog]);
  const onClick = onFloorSelect
    ? (e: ThreeEvent<MouseEvent>) => {
        e.stopPropagation();
        onFloorSelect([e.point.x, e.point.y, e.point.z]);
      }
    : undefined;
  return (
    <group name={`scene-${manifest.id}`}>
      <group name={WALKABLE_GROUP} userData={{ walkable: true }} onClick={onClick}>
        {geometry.walkable.map((o) => (
          <primitive key={o.uuid} object={o} />
        ))}
      </group>
      <group name={OBSTACLE_GROUP}>
        {obstacles.map((o) => (
          <primitive key={o.uuid} object={o} />
        ))}
      </group>
      <Environment />
      {children}
    </group>
  );
}
