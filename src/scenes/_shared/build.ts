/**
 * Procedural building blocks for scene geometry. Plain three.js (no textures, no DOM), so a
 * scene's `geometry()` runs in Node tests as in the browser.
 */
import { BoxGeometry, CylinderGeometry, Mesh, MeshStandardMaterial, PlaneGeometry, type BufferGeometry } from 'three';
import type { Vec3 } from '../../core/types';

/** Surface look of a procedural mesh. */
export interface SurfaceOptions {
  /** @default 0.8 */
  roughness?: number;
  /** @default 0 */
  metalness?: number;
  /** Emissive colour, for lamps and screens. @default none */
  emissive?: string;
}

const materials = new Map<string, MeshStandardMaterial>();

/** A shared standard material per colour and surface (scenes reuse a handful of colours). */
export function surface(color: string, opts: SurfaceOptions = {}): MeshStandardMaterial {
  const key = `${color}|${opts.roughness ?? 0.8}|${opts.metalness ?? 0}|${opts.emissive ?? ''}`;
  let m = materials.get(key);
  if (!m) {
    m = new MeshStandardMaterial({ color, roughness: opts.roughness ?? 0.8, metalness: opts.metalness ?? 0 });
    if (opts.emissive) {
      m.emissive.set(opts.emissive);
      m.emissiveIntensity = 1;
    }
    materials.set(key, m);
  }
  return m;
}

function place(geometry: BufferGeometry, color: string, position: Vec3, opts: SurfaceOptions & { yawDeg?: number; name?: string }): Mesh {
  const mesh = new Mesh(geometry, surface(color, opts));
  mesh.position.set(position[0], position[1], position[2]);
  if (opts.yawDeg) mesh.rotation.y = (opts.yawDeg * Math.PI) / 180;
  mesh.castShadow = true;
  mesh.receiveShadow = true;
  if (opts.name) mesh.name = opts.name;
  return mesh;
}

/** A horizontal floor `width` x `depth` metres centred at `center` (its top is at `center[1]`). */
export function floor(width: number, depth: number, color: string, center: Vec3 = [0, 0, 0], opts: SurfaceOptions & { name?: string } = {}): Mesh {
  const g = new PlaneGeometry(width, depth);
  g.rotateX(-Math.PI / 2);
  const mesh = place(g, color, center, { roughness: 0.95, ...opts });
  mesh.castShadow = false;
  return mesh;
}

/** A box standing on `base` (the bottom face's centre), `size` = [width, height, depth]. */
export function block(size: Vec3, color: string, base: Vec3, opts: SurfaceOptions & { yawDeg?: number; name?: string } = {}): Mesh {
  const g = new BoxGeometry(size[0], size[1], size[2]);
  g.translate(0, size[1] / 2, 0);
  return place(g, color, base, opts);
}

/** A cylinder standing on `base`. */
export function column(radius: number, height: number, color: string, base: Vec3, opts: SurfaceOptions & { radiusTop?: number; segments?: number; name?: string } = {}): Mesh {
  const g = new CylinderGeometry(opts.radiusTop ?? radius, radius, height, opts.segments ?? 24);
  g.translate(0, height / 2, 0);
  return place(g, color, base, opts);
}

/** Four walls of a `width` x `depth` room (outer faces flush with the bounds), `height` tall, `thickness` thick. */
export function roomWalls(width: number, depth: number, height: number, color: string, thickness = 0.2, opts: SurfaceOptions = {}): Mesh[] {
  const hw = width / 2;
  const hd = depth / 2;
  const t = thickness;
  return [
    block([width, height, t], color, [0, 0, -hd + t / 2], { ...opts, name: 'wall-north' }),
    block([width, height, t], color, [0, 0, hd - t / 2], { ...opts, name: 'wall-south' }),
    block([t, height, depth - 2 * t], color, [-hw + t / 2, 0, 0], { ...opts, name: 'wall-west' }),
    block([t, height, depth - 2 * t], color, [hw - t / 2, 0, 0], { ...opts, name: 'wall-east' }),
  ];
}
