/** The museum's look: gallery lighting, ceiling, procedural paintings and the exhibits themselves. */
import { useEffect, useMemo, type ComponentType } from 'react';
import { CanvasTexture, DoubleSide, LatheGeometry, SRGBColorSpace, Vector2 } from 'three';
import { HALL, PAINTINGS, PEDESTALS } from './layout';

type Painter = (ctx: CanvasRenderingContext2D, w: number, h: number) => void;

// Paintings are drawn, not downloaded: a few strokes of canvas 2D per picture.
const paintSea: Painter = (ctx, w, h) => {
  const sky = ctx.createLinearGradient(0, 0, 0, h * 0.55);
  sky.addColorStop(0, '#f6c28b');
  sky.addColorStop(1, '#f7e7c6');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#f29e4c';
  ctx.beginPath();
  ctx.arc(w * 0.7, h * 0.45, h * 0.12, 0, Math.PI * 2);
  ctx.fill();
  for (let i = 0; i < 14; i++) {
    const y = h * 0.5 + i * h * 0.037;
    ctx.fillStyle = `hsl(${205 + i * 2}, 55%, ${48 - i * 2}%)`;
    ctx.beginPath();
    ctx.moveTo(0, y);
    for (let x = 0; x <= w; x += 8) ctx.lineTo(x, y + Math.sin(x * 0.05 + i) * 4);
    ctx.lineTo(w, h);
    ctx.lineTo(0, h);
    ctx.fill();
  }
};

const paintForest: Painter = (ctx, w, h) => {
  ctx.fillStyle = '#dfe9d8';
  ctx.fillRect(0, 0, w, h);
  for (let layer = 0; layer < 4; layer++) {
    ctx.fillStyle = ['#9bb89a', '#6f9a6e', '#46744a', '#2c4f31'][layer];
    for (let i = 0; i < 9; i++) {
      const x = ((i * 97 + layer * 41) % 100) / 100 * w;
      const base = h * (0.55 + layer * 0.12);
      const tall = h * (0.25 + ((i * 13 + layer * 7) % 10) / 40);
      ctx.beginPath();
      ctx.moveTo(x - tall * 0.28, base);
      ctx.lineTo(x, base - tall);
      ctx.lineTo(x + tall * 0.28, base);
      ctx.fill();
    }
  }
  ctx.fillStyle = '#2c4f31';
  ctx.fillRect(0, h * 0.9, w, h * 0.1);
};

const PAINTERS: Record<string, Painter> = { 'exhibit-sea': paintSea, 'exhibit-forest': paintForest };

function Painting({ id, at, size }: { id: string; at: [number, number, number]; size: [number, number] }) {
  const texture = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 512;
    canvas.height = Math.round((512 * size[1]) / size[0]);
    const ctx = canvas.getContext('2d');
    if (ctx) PAINTERS[id]?.(ctx, canvas.width, canvas.height);
    const tex = new CanvasTexture(canvas);
    tex.colorSpace = SRGBColorSpace;
    return tex;
  }, [id, size]);
  useEffect(() => () => texture.dispose(), [texture]);
  return (
    <group position={at}>
      <mesh position={[0, 0, -0.01]} castShadow>
        <boxGeometry args={[size[0] + 0.2, size[1] + 0.2, 0.06]} />
        <meshStandardMaterial color="#8a6a2f" metalness={0.6} roughness={0.35} />
      </mesh>
      <mesh position={[0, 0, 0.025]}>
        <planeGeometry args={size} />
        <meshStandardMaterial map={texture} roughness={0.9} />
      </mesh>
      <pointLight position={[0, 1.3, 1.2]} intensity={3} distance={4} color="#fff1d6" />
    </group>
  );
}

function Orrery({ top }: { top: number }) {
  return (
    <group position={[0, top, 0]}>
      <mesh position={[0, 0.55, 0]}>
        <sphereGeometry args={[0.16, 24, 16]} />
        <meshStandardMaterial color="#ffcc55" emissive="#ffaa22" emissiveIntensity={0.9} />
      </mesh>
      {[0.3, 0.45, 0.6].map((r, i) => (
        <group key={r} position={[0, 0.55, 0]} rotation={[0.2 * i, i, 0]}>
          <mesh rotation={[Math.PI / 2, 0, 0]}>
            <torusGeometry args={[r, 0.008, 6, 64]} />
            <meshStandardMaterial color="#b8892e" metalness={0.9} roughness={0.3} />
          </mesh>
          <mesh position={[r, 0, 0]}>
            <sphereGeometry args={[0.04 + i * 0.02, 16, 12]} />
            <meshStandardMaterial color={['#9aa3ad', '#d9a066', '#4f7ec2'][i]} roughness={0.5} />
          </mesh>
        </group>
      ))}
      <mesh position={[0, 0.2, 0]}>
        <cylinderGeometry args={[0.02, 0.06, 0.4, 8]} />
        <meshStandardMaterial color="#b8892e" metalness={0.9} roughness={0.3} />
      </mesh>
    </group>
  );
}

function Crystal({ top }: { top: number }) {
  return (
    <group position={[0, top, 0]}>
      <mesh position={[0, 0.35, 0]} rotation={[0.3, 0.5, 0.1]} castShadow>
        <octahedronGeometry args={[0.3, 0]} />
        <meshStandardMaterial color="#7fd4ff" emissive="#2a7fbf" emissiveIntensity={0.6} roughness={0.1} metalness={0.1} transparent opacity={0.85} />
      </mesh>
      <mesh position={[0.15, 0.18, 0.1]} rotation={[0.7, 0.2, 0.4]}>
        <octahedronGeometry args={[0.14, 0]} />
        <meshStandardMaterial color="#b49cff" emissive="#5a3fbf" emissiveIntensity={0.5} roughness={0.1} />
      </mesh>
    </group>
  );
}

function Bust({ top }: { top: number }) {
  return (
    <group position={[0, top, 0]}>
      <mesh position={[0, 0.12, 0]} castShadow>
        <cylinderGeometry args={[0.2, 0.26, 0.24, 24]} />
        <meshStandardMaterial color="#eeeae2" roughness={0.35} />
      </mesh>
      <mesh position={[0, 0.34, 0]} castShadow>
        <cylinderGeometry args={[0.07, 0.09, 0.2, 16]} />
        <meshStandardMaterial color="#eeeae2" roughness={0.35} />
      </mesh>
      <mesh position={[0, 0.56, 0]} scale={[0.85, 1.05, 0.95]} castShadow>
        <sphereGeometry args={[0.16, 24, 18]} />
        <meshStandardMaterial color="#eeeae2" roughness={0.35} />
      </mesh>
      <mesh position={[0, 0.55, 0.15]} rotation={[0.3, 0, 0]}>
        <coneGeometry args={[0.025, 0.07, 8]} />
        <meshStandardMaterial color="#eeeae2" roughness={0.35} />
      </mesh>
    </group>
  );
}

function Vase({ top }: { top: number }) {
  const geometry = useMemo(() => {
    const profile = [0, 0.12, 0.2, 0.24, 0.2, 0.11, 0.09, 0.12, 0.13].map((r, i) => new Vector2(r, i * 0.07));
    return new LatheGeometry(profile, 40);
  }, []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry} position={[0, top, 0]} castShadow>
      <meshStandardMaterial color="#2f6fa3" roughness={0.25} metalness={0.1} side={DoubleSide} />
    </mesh>
  );
}

const EXHIBITS: Record<string, ComponentType<{ top: number }>> = {
  'exhibit-orrery': Orrery,
  'exhibit-crystal': Crystal,
  'exhibit-bust': Bust,
  'exhibit-vase': Vase,
};

/** Gallery light, a coffered ceiling with skylights, paintings, the exhibits and their plaques. */
export function MuseumEnvironment() {
  const { hx, hz, height } = HALL;
  return (
    <>
      <hemisphereLight args={['#fff8ee', '#6b5440', 0.9]} />
      <directionalLight position={[4, 10, 6]} intensity={1.2} color="#fff4e0" castShadow shadow-mapSize={[1024, 1024]} />
      {/* Ceiling and skylights. */}
      <mesh position={[0, height, 0]} rotation={[Math.PI / 2, 0, 0]}>
        <planeGeometry args={[hx * 2, hz * 2]} />
        {/* The hemisphere light's ground colour would leave a downward face dark: bounce light as emissive. */}
        <meshStandardMaterial color="#f4f1ea" roughness={1} emissive="#8c857a" />
      </mesh>
      {[-6, 6].map((x) => (
        <mesh key={x} position={[x, height - 0.01, 0]} rotation={[Math.PI / 2, 0, 0]}>
          <planeGeometry args={[4, 8]} />
          <meshStandardMaterial color="#ffffff" emissive="#fffaf0" emissiveIntensity={1} />
        </mesh>
      ))}
      {/* Parquet joints every half metre. */}
      <gridHelper args={[hx * 2, hx * 4, '#8f6440', '#8f6440']} position={[0, 0.002, 0]} scale={[1, 1, hz / hx]} />
      {/* A runner rug. */}
      <mesh position={[0, 0.005, 0]} rotation={[-Math.PI / 2, 0, 0]} receiveShadow>
        <planeGeometry args={[hx * 2 - 3, 1.6]} />
        <meshStandardMaterial color="#7a2331" roughness={1} />
      </mesh>
      {PAINTINGS.map((p) => (
        <Painting key={p.id} id={p.id} at={p.at} size={p.size} />
      ))}
      {PEDESTALS.map((p) => {
        const Exhibit = EXHIBITS[p.id];
        return (
          <group key={p.id} position={p.at}>
            {Exhibit && <Exhibit top={p.size[1]} />}
            {/* Brass plaque on the pedestal's south face. */}
            <mesh position={[0, p.size[1] - 0.25, p.size[2] / 2 + 0.005]}>
              <planeGeometry args={[0.35, 0.12]} />
              <meshStandardMaterial color="#b8892e" metalness={0.8} roughness={0.3} />
            </mesh>
            <pointLight position={[0, p.size[1] + 1.4, 0.4]} intensity={2.5} distance={3.5} color="#fff1d6" />
          </group>
        );
      })}
    </>
  );
}
