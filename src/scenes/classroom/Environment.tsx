/** The classroom's look: window light, blackboard with chalk, chairs, books, a clock and a globe. */
import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { BLACKBOARD, CHAIR_OFFSET, DESK_COLUMNS, DESK_ROWS, DESK_SIZE, ROOM, SHELF, TEACHER_DESK } from './layout';

// The blackboard's chalk is drawn on a canvas: a lesson on the solar system, no image files.
function useChalkTexture() {
  const texture = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1024;
    canvas.height = 320;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.fillStyle = '#23392c';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.strokeStyle = 'rgba(240,240,230,0.85)';
      ctx.fillStyle = 'rgba(240,240,230,0.9)';
      ctx.lineWidth = 3;
      ctx.font = '42px sans-serif';
      ctx.fillText('Today: the Solar System', 40, 70);
      ctx.font = '30px sans-serif';
      ctx.fillText('1. Why do planets orbit?', 40, 130);
      ctx.fillText('2. How far is the Sun?  ~150 million km', 40, 180);
      ctx.beginPath();
      ctx.arc(820, 170, 30, 0, Math.PI * 2);
      ctx.stroke();
      for (const r of [70, 110]) {
        ctx.beginPath();
        ctx.ellipse(820, 170, r, r * 0.45, 0, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
    const tex = new CanvasTexture(canvas);
    tex.colorSpace = SRGBColorSpace;
    return tex;
  }, []);
  useEffect(() => () => texture.dispose(), [texture]);
  return texture;
}

function Chair({ at }: { at: [number, number, number] }) {
  return (
    <group position={at}>
      <mesh position={[0, 0.44, 0]} castShadow receiveShadow>
        <boxGeometry args={[0.42, 0.04, 0.4]} />
        <meshStandardMaterial color="#3d6fa0" roughness={0.6} />
      </mesh>
      <mesh position={[0, 0.7, 0.19]} castShadow>
        <boxGeometry args={[0.42, 0.4, 0.03]} />
        <meshStandardMaterial color="#3d6fa0" roughness={0.6} />
      </mesh>
      {[-0.18, 0.18].flatMap((x) =>
        [-0.17, 0.17].map((z) => (
          <mesh key={`${x},${z}`} position={[x, 0.21, z]}>
            <cylinderGeometry args={[0.015, 0.015, 0.42, 6]} />
            <meshStandardMaterial color="#888" metalness={0.7} roughness={0.4} />
          </mesh>
        )),
      )}
    </group>
  );
}

/** Window light, ceiling lamps, the blackboard, chairs behind each desk, books, a clock and a globe. */
export function ClassroomEnvironment() {
  const chalk = useChalkTexture();
  const { hx, hz, height, wall } = ROOM;
  const chairs: [number, number, number][] = DESK_ROWS.flatMap((row) =>
    DESK_COLUMNS.flatMap((col) => [-0.38, 0.38].map((dx) => [col.x + dx, 0, row.z + CHAIR_OFFSET] as [number, number, number])),
  );
  return (
    <>
      <hemisphereLight args={['#fffaf0', '#8a9a8a', 0.9]} />
      {/* Sun through the east windows. */}
      <directionalLight position={[9, 6, 1]} intensity={1.8} color="#fff0d0" castShadow shadow-mapSize={[1024, 1024]} />
      <mesh position={[0, height, 0]} rotation={[Math.PI / 2, 0, 0]}>
        <planeGeometry args={[hx * 2, hz * 2]} />
        {/* Bounce light as emissive: the hemisphere light leaves downward faces dark. */}
        <meshStandardMaterial color="#fbf8f1" roughness={1} emissive="#9a968e" />
      </mesh>
      {[-1.5, 1.5].map((z) => (
        <mesh key={z} position={[0, height - 0.05, z]}>
          <boxGeometry args={[3, 0.06, 0.3]} />
          <meshStandardMaterial color="#ffffff" emissive="#fffdf5" emissiveIntensity={1} />
        </mesh>
      ))}
      {/* East windows: bright panes with mullions. */}
      {[-2.2, 0.2, 2.6].map((z) => (
        <group key={z} position={[hx - wall - 0.01, 1.7, z]} rotation={[0, -Math.PI / 2, 0]}>
          <mesh>
            <planeGeometry args={[1.6, 1.5]} />
            <meshStandardMaterial color="#dff1ff" emissive="#cfe9ff" emissiveIntensity={0.9} />
          </mesh>
          <mesh position={[0, 0, 0.01]}>
            <boxGeometry args={[0.05, 1.5, 0.02]} />
            <meshStandardMaterial color="#f3ead7" />
          </mesh>
          <mesh position={[0, 0, 0.01]}>
            <boxGeometry args={[1.6, 0.05, 0.02]} />
            <meshStandardMaterial color="#f3ead7" />
          </mesh>
        </group>
      ))}
      {/* Blackboard with a wooden frame and chalk tray. */}
      <group position={BLACKBOARD.at}>
        <mesh position={[0, 0, -0.01]}>
          <boxGeometry args={[BLACKBOARD.size[0] + 0.12, BLACKBOARD.size[1] + 0.12, 0.03]} />
          <meshStandardMaterial color="#7b5233" roughness={0.7} />
        </mesh>
        <mesh position={[0, 0, 0.01]}>
          <planeGeometry args={BLACKBOARD.size} />
          <meshStandardMaterial map={chalk} roughness={0.95} />
        </mesh>
        <mesh position={[0, -BLACKBOARD.size[1] / 2 - 0.06, 0.05]}>
          <boxGeometry args={[BLACKBOARD.size[0], 0.03, 0.08]} />
          <meshStandardMaterial color="#7b5233" roughness={0.7} />
        </mesh>
      </group>
      {/* Clock above the blackboard. */}
      <group position={[0, 2.75, -hz + wall + 0.03]}>
        <mesh rotation={[Math.PI / 2, 0, 0]}>
          <cylinderGeometry args={[0.22, 0.22, 0.04, 32]} />
          <meshStandardMaterial color="#ffffff" roughness={0.4} />
        </mesh>
        <mesh position={[0, 0.07, 0.03]}>
          <boxGeometry args={[0.02, 0.14, 0.01]} />
          <meshStandardMaterial color="#222" />
        </mesh>
        <mesh position={[0.05, 0, 0.03]} rotation={[0, 0, -Math.PI / 2]}>
          <boxGeometry args={[0.02, 0.1, 0.01]} />
          <meshStandardMaterial color="#222" />
        </mesh>
      </group>
      {chairs.map((c, i) => (
        <Chair key={i} at={c} />
      ))}
      {/* Exercise books on the desks. */}
      {DESK_ROWS.flatMap((row, r) =>
        DESK_COLUMNS.map((col, c) => (
          <mesh key={`${r}${c}`} position={[col.x + (c ? 0.3 : -0.3), DESK_SIZE[1] + 0.01, row.z + 0.05]} rotation={[0, 0.2 * (r - 1), 0]}>
            <boxGeometry args={[0.3, 0.02, 0.22]} />
            <meshStandardMaterial color={['#e74c3c', '#3498db', '#f1c40f'][(r + c) % 3]} roughness={0.8} />
          </mesh>
        )),
      )}
      {/* Globe on the teacher's desk. */}
      <group position={[TEACHER_DESK.at[0] + 0.5, TEACHER_DESK.size[1], TEACHER_DESK.at[2]]}>
        <mesh position={[0, 0.08, 0]}>
          <cylinderGeometry args={[0.06, 0.09, 0.16, 12]} />
          <meshStandardMaterial color="#b8892e" metalness={0.7} roughness={0.3} />
        </mesh>
        <mesh position={[0, 0.34, 0]} rotation={[0, 0, 0.41]}>
          <sphereGeometry args={[0.18, 24, 16]} />
          <meshStandardMaterial color="#3a78b5" roughness={0.5} />
        </mesh>
      </group>
      {/* Books on the shelf. */}
      {[0.45, 0.95, 1.45].map((y) => (
        <mesh key={y} position={[SHELF.at[0] + SHELF.size[0] / 2 + 0.08, y, SHELF.at[2]]}>
          <boxGeometry args={[0.16, 0.03, SHELF.size[2]]} />
          <meshStandardMaterial color="#6a4a2f" />
        </mesh>
      ))}
      {[0.45, 0.95, 1.45].flatMap((y, s) =>
        Array.from({ length: 7 }, (_, i) => (
          <mesh key={`${s}-${i}`} position={[SHELF.at[0] + SHELF.size[0] / 2 + 0.07, y + 0.15, SHELF.at[2] - 0.6 + i * 0.18]}>
            <boxGeometry args={[0.14, 0.28 - (i % 3) * 0.03, 0.12]} />
            <meshStandardMaterial color={['#8e44ad', '#c0392b', '#16a085', '#d35400', '#2c3e50'][(i + s) % 5]} roughness={0.8} />
          </mesh>
        )),
      )}
      {/* Skirting and a doormat at the back. */}
      <mesh position={[0, 0.004, hz - 0.8]} rotation={[-Math.PI / 2, 0, 0]} receiveShadow>
        <planeGeometry args={[1.4, 0.8]} />
        <meshStandardMaterial color="#6b5a4a" roughness={1} />
      </mesh>
    </>
  );
}
