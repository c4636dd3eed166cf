/**
 * A world-space subtitle: a canvas texture on a plane, redrawn only when the line changes, readable
 * in VR (large, high-contrast, word-wrapped). No font files (drei's `<Text>` fetches one at run time).
 */
import { CanvasTexture, Mesh, MeshBasicMaterial, PlaneGeometry, SRGBColorSpace } from 'three';

/** A subtitle panel; add `mesh` to the scene. */
export interface Subtitle {
  mesh: Mesh;
  /** Show `text` (with the speaker's `name`), or hide the panel when null. */
  set(text: string | null, name?: string): void;
  dispose(): void;
}

const WIDTH_PX = 768;
const HEIGHT_PX = 224;
/** Panel width in metres (1 m is readable at ~3 m in a headset). */
const WIDTH_M = 1.3;

/** Create a subtitle panel (hidden until `set`). */
export function createSubtitle(): Subtitle {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH_PX;
  canvas.height = HEIGHT_PX;
  const ctx = canvas.getContext('2d');
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  const material = new MeshBasicMaterial({ map: texture, transparent: true, depthWrite: false, toneMapped: false });
  const geometry = new PlaneGeometry(WIDTH_M, (WIDTH_M * HEIGHT_PX) / WIDTH_PX);
  const mesh = new Mesh(geometry, material);
  mesh.name = 'subtitle';
  mesh.visible = false;
  mesh.renderOrder = 10;

  return {
    mesh,
    set(text, name) {
      if (!text || !ctx) {
        mesh.visible = false;
        return;
      }
      ctx.clearRect(0, 0, WIDTH_PX, HEIGHT_PX);
      ctx.fillStyle = 'rgba(12, 14, 20, 0.82)';
      roundRect(ctx, 4, 4, WIDTH_PX - 8, HEIGHT_PX - 8, 28);
      ctx.fill();
      let y = 48;
      if (name) {
        ctx.font = 'bold 34px sans-serif';
        ctx.fillStyle = '#ffd479';
        ctx.textBaseline = 'middle';
        ctx.fillText(name, 28, y);
        y += 46;
      }
      ctx.font = '40px sans-serif';
      ctx.fillStyle = '#ffffff';
      const lines = wrap(ctx, text, WIDTH_PX - 56, name ? 3 : 4);
      for (const line of lines) {
        ctx.fillText(line, 28, y);
        y += 46;
      }
      texture.needsUpdate = true;
      mesh.visible = true;
    },
    dispose() {
      texture.dispose();
      material.dispose();
      geometry.dispose();
    },
  };
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (ctx.measureText(next).width <= width || !line) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1].replace(/\s+\S*$/, '')} ...`;
  }
  return lines;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
