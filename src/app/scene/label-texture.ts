/**
 * Text for in-world panels drawn on a 2D canvas: no font files, nothing fetched (drei's `<Text>`
 * would fetch a font at run time).
 */
import { CanvasTexture, SRGBColorSpace } from 'three';

/** Options of `createLabelTexture`. */
export interface LabelTextureOptions {
  /** Canvas size in pixels; keep the panel's aspect ratio. @default [512, 128] */
  size?: [number, number];
  /** Background colour. @default '#1f2633' */
  background?: string;
  /** Text colour. @default '#eef2f7' */
  color?: string;
  /** Font size of the first line, pixels; later lines are 60 % of it. @default 44 */
  fontSize?: number;
}

/** A texture with `lines` of text, the first one bold, left-aligned and vertically centred. */
export function createLabelTexture(lines: string[], options: LabelTextureOptions = {}): CanvasTexture {
  const [w, h] = options.size ?? [512, 128];
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = options.background ?? '#1f2633';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = options.color ?? '#eef2f7';
    ctx.textBaseline = 'middle';
    const big = options.fontSize ?? 44;
    const small = Math.round(big * 0.6);
    const total = big + (lines.length - 1) * small * 1.25;
    let y = (h - total) / 2 + big / 2;
    lines.forEach((line, i) => {
      ctx.font = `${i === 0 ? 'bold ' : ''}${i === 0 ? big : small}px sans-serif`;
      let text = line;
      // Ellipsise rather than overflow the button.
      while (text.length > 3 && ctx.measureText(text).width > w - 40) text = `${text.slice(0, -4)}...`;
      ctx.fillText(text, 20, y);
      y += i === 0 ? big * 0.55 + small * 0.75 : small * 1.25;
    });
  }
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  return texture;
}
