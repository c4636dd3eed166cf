/** The plaza's look: sun and sky, surrounding houses, trees, lamps, water and café details. */
import { useMemo } from 'react';
import { DoubleSide } from 'three';
import { GradientSky } from '../_shared/GradientSky';
import { BENCHES, CAFE_TABLES, FOUNTAIN, HALF, KIOSK, LAMPS, NOTICE_BOARD, PLANTERS } from './layout';

const HOUSE_COLORS = ['#e8c8a0', '#d9896a', '#f0e2c4', '#b7c9c4', '#e3b45c', '#c98f8f', '#d8d2c0'];
const ROOF_COLORS = ['#8b3a2b', '#5e4a3a', '#7b2f2a'];

interface House {
  x: number;
  z: number;
  w: number;
  h: number;
  d: number;
  yaw: number;
  color: string;
  roof: string;
}

// Deterministic pseudo-random numbers so the town looks the same on every visit.
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

function useHouses(): House[] {
  return useMemo(() => {
    const rand = seeded(7);
    const houses: House[] = [];
    const edge = HALF + 3;
    for (const side of [0, 1, 2, 3]) {
      for (let u = -HALF; u < HALF; ) {
        const w = 4 + rand() * 3;
        const h = 6 + rand() * 6;
        const d = 5;
        const along = u + w / 2;
        const [x, z, yaw] =
          side === 0 ? [along, -edge, 0] : side === 1 ? [along, edge, Math.PI] : side === 2 ? [-edge, along, Math.PI / 2] : [edge, along, -Math.PI / 2];
        // Leave a street gap on the south side so the square opens to the town.
        if (!(side === 1 && Math.abs(along) < 3)) {
          houses.push({ x, z, w: w - 0.2, h, d, yaw, color: HOUSE_COLORS[Math.floor(rand() * HOUSE_COLORS.length)], roof: ROOF_COLORS[Math.floor(rand() * ROOF_COLORS.length)] });
        }
        u += w;
      }
    }
    return houses;
  }, []);
}

function HouseView({ house }: { house: House }) {
  const windows: [number, number][] = [];
  for (let y = 1.6; y < house.h - 1; y += 2.6) {
    for (let x = -house.w / 2 + 1; x <= house.w / 2 - 1; x += 1.6) windows.push([x, y]);
  }
  return (
    <group position={[house.x, 0, house.z]} rotation={[0, house.yaw, 0]}>
      <mesh position={[0, house.h / 2, -house.d / 2]} castShadow receiveShadow>
        <boxGeometry args={[house.w, house.h, house.d]} />
        <meshStandardMaterial color={house.color} roughness={0.9} />
      </mesh>
      <mesh position={[0, house.h + 0.9, -house.d / 2]} rotation={[0, Math.PI / 4, 0]} scale={[house.w / 1.35, 1, house.d / 1.35]} castShadow>
        <coneGeometry args={[1, 1.8, 4]} />
        <meshStandardMaterial color={house.roof} roughness={0.8} />
      </mesh>
      {windows.map(([x, y], i) => (
        <mesh key={i} position={[x, y, 0.01]}>
          <planeGeometry args={[0.8, 1.2]} />
          <meshStandardMaterial color="#2c3e50" roughness={0.2} metalness={0.3} emissive="#f4d27a" emissiveIntensity={(i * 7) % 5 === 0 ? 0.5 : 0} />
        </mesh>
      ))}
      <mesh position={[0, 1.1, 0.01]}>
        <planeGeometry args={[1.1, 2.2]} />
        <meshStandardMaterial color="#4a2f1e" roughness={0.7} />
      </mesh>
    </group>
  );
}

function Tree({ at }: { at: [number, number, number] }) {
  return (
    <group position={at}>
      <mesh position={[0, 0.51, 0]} receiveShadow>
        <boxGeometry args={[1.3, 0.02, 1.3]} />
        <meshStandardMaterial color="#4b3a2a" roughness={1} />
      </mesh>
      <mesh position={[0, 1.6, 0]} castShadow>
        <cylinderGeometry args={[0.12, 0.18, 2.2, 8]} />
        <meshStandardMaterial color="#6b4a2f" roughness={1} />
      </mesh>
      <mesh position={[0, 3.2, 0]} castShadow>
        <icosahedronGeometry args={[1.4, 1]} />
        <meshStandardMaterial color="#4f8a3c" roughness={0.9} flatShading />
      </mesh>
      <mesh position={[0.5, 3.9, 0.3]} castShadow>
        <icosahedronGeometry args={[0.9, 1]} />
        <meshStandardMaterial color="#5e9c48" roughness={0.9} flatShading />
      </mesh>
    </group>
  );
}

/** Sun, sky, houses, trees, lamps, fountain water and statue, café umbrellas and bench backs. */
export function PlazaEnvironment() {
  const houses = useHouses();
  return (
    <>
      <GradientSky top="#4a90d9" horizon="#cfe6f5" bottom="#b8b0a0" />
      <hemisphereLight args={['#dfefff', '#8a7a60', 0.8]} />
      <directionalLight
        position={[12, 20, 8]}
        intensity={2.2}
        color="#fff3dd"
        castShadow
        shadow-mapSize={[1024, 1024]}
        shadow-camera-left={-20}
        shadow-camera-right={20}
        shadow-camera-top={20}
        shadow-camera-bottom={-20}
      />
      {/* Street and ground beyond the pavement. */}
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, -0.02, 0]} receiveShadow>
        <planeGeometry args={[120, 120]} />
        <meshStandardMaterial color="#9a9184" roughness={1} />
      </mesh>
      {/* Paving joints: a 1 m grid just above the pavement. */}
      <gridHelper args={[HALF * 2, HALF * 2, '#b3a58f', '#b3a58f']} position={[0, 0.003, 0]} />
      {/* Cobbled rings around the fountain. */}
      {[3.2, 6.8].map((r) => (
        <mesh key={r} rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.005, 0]} receiveShadow>
          <ringGeometry args={[r - 0.35, r, 64]} />
          <meshStandardMaterial color="#a89a84" roughness={1} />
        </mesh>
      ))}
      {houses.map((h, i) => (
        <HouseView key={i} house={h} />
      ))}
      {/* Fountain: water, rim, centre column and a bowl. */}
      <mesh position={[0, FOUNTAIN.height - 0.08, 0]} rotation={[-Math.PI / 2, 0, 0]}>
        <circleGeometry args={[FOUNTAIN.radius - 0.2, 40]} />
        <meshStandardMaterial color="#3f8fb8" roughness={0.1} metalness={0.2} transparent opacity={0.85} />
      </mesh>
      <mesh position={[0, FOUNTAIN.height, 0]} rotation={[Math.PI / 2, 0, 0]} castShadow>
        <torusGeometry args={[FOUNTAIN.radius - 0.1, 0.12, 8, 48]} />
        <meshStandardMaterial color="#d6d0c4" roughness={0.6} />
      </mesh>
      <mesh position={[0, 1.3, 0]} castShadow>
        <cylinderGeometry args={[0.18, 0.3, 1.6, 12]} />
        <meshStandardMaterial color="#d6d0c4" roughness={0.6} />
      </mesh>
      <mesh position={[0, 2.15, 0]} castShadow>
        <cylinderGeometry args={[0.8, 0.25, 0.3, 24]} />
        <meshStandardMaterial color="#d6d0c4" roughness={0.6} />
      </mesh>
      <mesh position={[0, 2.55, 0]}>
        <sphereGeometry args={[0.25, 16, 12]} />
        <meshStandardMaterial color="#b08d57" metalness={0.8} roughness={0.3} />
      </mesh>
      {/* Bench backs. */}
      {BENCHES.map((b, i) => (
        <group key={i} position={[b.at[0], 0.8, b.at[2]]} rotation={[0, (b.yawDeg * Math.PI) / 180, 0]}>
          <mesh position={[0, 0, 0.26]} castShadow>
            <boxGeometry args={[1.8, 0.5, 0.06]} />
            <meshStandardMaterial color="#7a4e2d" roughness={0.8} />
          </mesh>
        </group>
      ))}
      {PLANTERS.map((p, i) => (
        <Tree key={i} at={p} />
      ))}
      {/* Lamps: heads glow a little even by day. */}
      {LAMPS.map((l, i) => (
        <group key={i} position={l}>
          <mesh position={[0, 3.35, 0]}>
            <sphereGeometry args={[0.22, 12, 10]} />
            <meshStandardMaterial color="#fff6d8" emissive="#ffd98a" emissiveIntensity={0.8} />
          </mesh>
        </group>
      ))}
      {/* Café: umbrellas over the tables and an awning on the kiosk. */}
      {CAFE_TABLES.map((t, i) => (
        <group key={i} position={t}>
          <mesh position={[0, 1.4, 0]}>
            <cylinderGeometry args={[0.03, 0.03, 1.4, 6]} />
            <meshStandardMaterial color="#444" />
          </mesh>
          <mesh position={[0, 2.15, 0]} castShadow>
            <coneGeometry args={[1.2, 0.5, 8, 1, true]} />
            <meshStandardMaterial color={i % 2 ? '#c0392b' : '#f5f0e6'} side={DoubleSide} roughness={0.8} />
          </mesh>
        </group>
      ))}
      <mesh position={[KIOSK.at[0] - KIOSK.size[0] / 2 - 0.5, 2.6, KIOSK.at[2]]} rotation={[0, 0, -0.35]} castShadow>
        <boxGeometry args={[1.2, 0.05, KIOSK.size[2] + 0.2]} />
        <meshStandardMaterial color="#c0392b" roughness={0.8} />
      </mesh>
      {/* Notice board papers. */}
      {[-0.7, 0, 0.7].map((dz, i) => (
        <mesh key={i} position={[NOTICE_BOARD.at[0] + 0.11, 1.4 + (i % 2) * 0.2, NOTICE_BOARD.at[2] + dz]} rotation={[0, Math.PI / 2, (i - 1) * 0.08]}>
          <planeGeometry args={[0.5, 0.65]} />
          <meshStandardMaterial color={['#fdf6e3', '#fce38a', '#e0f0ff'][i]} roughness={1} />
        </mesh>
      ))}
    </>
  );
}
