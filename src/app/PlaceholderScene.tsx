import { TeleportTarget } from '@react-three/xr';
import type { Vector3 } from 'three';

/**
 * TEMPORARY stand-in until the scenes layer (src/world, src/scenes) lands: a lit floor with a few
 * landmarks, so walking, pointing and teleport have something to act on. Replaced by the loaded
 * scene's environment in App.tsx.
 */
export function PlaceholderScene({ onTeleport }: { onTeleport: (point: Vector3) => void }) {
  return (
    <>
      <color attach="background" args={['#8fb7d9']} />
      <hemisphereLight args={['#ffffff', '#445566', 1.2]} />
      <directionalLight position={[5, 10, 4]} intensity={1.5} />
      <TeleportTarget onTeleport={onTeleport}>
        <mesh rotation-x={-Math.PI / 2} receiveShadow>
          <planeGeometry args={[40, 40]} />
          <meshStandardMaterial color="#6b8f5a" />
        </mesh>
      </TeleportTarget>
      <mesh position={[0, 0.75, -4]}>
        <boxGeometry args={[1.5, 1.5, 1.5]} />
        <meshStandardMaterial color="#d9822b" />
      </mesh>
      <mesh position={[-4, 1, -2]}>
        <cylinderGeometry args={[0.4, 0.4, 2, 24]} />
        <meshStandardMaterial color="#5b6fd9" />
      </mesh>
      <mesh position={[4, 0.6, -3]}>
        <sphereGeometry args={[0.6, 24, 16]} />
        <meshStandardMaterial color="#c94f6d" />
      </mesh>
    </>
  );
}
