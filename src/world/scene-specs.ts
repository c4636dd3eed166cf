/**
 * Bridges a scene manifest to the NPC brains' input types (src/cognition/brains.ts), so the
 * runtime hands a loaded scene to `createNpcWorld` without knowing manifest details.
 */
import type { NpcSpec, PoiSpec } from '../cognition/brains';
import type { SceneManifest } from './define-scene';

const DEG = Math.PI / 180;

/** The scene's NPCs as brain specs (heading converted from degrees to radians). */
export function npcSpecsOf(manifest: SceneManifest): NpcSpec[] {
  return manifest.npcs.map((n) => ({
    id: n.id,
    name: n.name,
    persona: n.persona,
    spawn: { position: n.spawn.position, yaw: (n.spawn.yawDeg ?? 0) * DEG },
    pois: n.pois,
    wanderRadius: n.wanderRadius,
  }));
}

/** The scene's points of interest as brain specs. */
export function poiSpecsOf(manifest: SceneManifest): PoiSpec[] {
  return manifest.pois.map((p) => ({ id: p.id, position: p.position, title: p.title, text: p.text, details: p.details }));
}
