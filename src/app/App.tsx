import { Canvas } from '@react-three/fiber';

/** The app shell (the runtime foundation issue grows this). */
export function App() {
  return (
    <Canvas camera={{ position: [0, 1.6, 3] }}>
      <ambientLight />
      <mesh position={[0, 1, 0]}>
        <boxGeometry />
        <meshStandardMaterial color="orange" />
      </mesh>
    </Canvas>
  );
}
