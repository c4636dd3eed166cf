import { useEffect, useMemo } from 'react';
import { BackSide, Color, ShaderMaterial } from 'three';

/** Props of `GradientSky`. */
export interface GradientSkyProps {
  /** Colour straight up. */
  top: string;
  /** Colour at the horizon. */
  horizon: string;
  /** Colour below the horizon. @default horizon */
  bottom?: string;
  /** Sphere radius, metres; keep it inside the camera's far plane. @default 200 */
  radius?: number;
}

/** A procedural sky: a large inside-out sphere shaded from `bottom` through `horizon` to `top` (no textures, no network). */
export function GradientSky({ top, horizon, bottom, radius = 200 }: GradientSkyProps) {
  const material = useMemo(
    () =>
      new ShaderMaterial({
        side: BackSide,
        depthWrite: false,
        fog: false,
        uniforms: {
          top: { value: new Color(top) },
          horizon: { value: new Color(horizon) },
          bottom: { value: new Color(bottom ?? horizon) },
        },
        vertexShader: `varying vec3 vDir; void main() { vDir = normalize(position); gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }`,
        fragmentShader: `uniform vec3 top; uniform vec3 horizon; uniform vec3 bottom; varying vec3 vDir;
          void main() { float h = vDir.y; vec3 c = h > 0.0 ? mix(horizon, top, pow(h, 0.6)) : mix(horizon, bottom, min(1.0, -h * 4.0)); gl_FragColor = vec4(c, 1.0); }`,
      }),
    [top, horizon, bottom],
  );
  useEffect(() => () => material.dispose(), [material]);
  return (
    <mesh material={material} renderOrder={-1} frustumCulled={false}>
      <sphereGeometry args={[radius, 32, 16]} />
    </mesh>
  );
}
