import { useEffect, useMemo, useRef } from 'react';
import { CanvasTexture, SRGBColorSpace, Vector3 } from 'three';
import type { Mesh } from 'three';
import type { HudDrawable } from '../hud/hud-system';

const goal = new Vector3();
const W = 512;
const H = 200;

/**
 * The HUD in XR: an in-world panel redrawn by the HUD system a few times a second, easing to a
 * spot below and in front of the head so it stays readable without being stuck to the face.
 */
export function XrHudPanel({ drawables }: { drawables: Set<HudDrawable> }) {
  const mesh = useRef<Mesh>(null);
  const { canvas, texture } = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = W;
    c.height = H;
    const t = new CanvasTexture(c);
    t.colorSpace = SRGBColorSpace;
    return { canvas: c, texture: t };
  }, []);

  useEffect(() => {
    const ctx = canvas.getContext('2d');
    const drawable: HudDrawable = {
      draw(rt, lines) {
        if (ctx) {
          ctx.fillStyle = 'rgba(10,12,20,0.85)';
          ctx.fillRect(0, 0, W, H);
          ctx.fillStyle = '#f4f4f4';
          ctx.font = '26px system-ui, sans-serif';
          lines.forEach((line, i) => ctx.fillText(line, 16, 40 + i * 42));
          texture.needsUpdate = true;
        }
        const m = mesh.current;
        if (m) {
          // Ease toward 1 m ahead of the head, 0.35 m below eye level, facing the head.
          const f = rt.rig.forwardWorld;
          const h = rt.rig.headWorld;
          m.position.lerp(goal.set(h.x + f.x, h.y - 0.35, h.z + f.z), 0.5);
          m.lookAt(h);
        }
      },
    };
    drawables.add(drawable);
    return () => {
      drawables.delete(drawable);
      texture.dispose();
    };
  }, [canvas, texture, drawables]);

  return (
    <mesh ref={mesh} renderOrder={10} position={[0, 1.2, -1]}>
      <planeGeometry args={[0.5, (0.5 * H) / W]} />
      <meshBasicMaterial map={texture} transparent depthTest={false} />
    </mesh>
  );
}
