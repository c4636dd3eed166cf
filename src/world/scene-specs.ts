/**
 * Bridges a scene manifest to the NPC brains' input types (src/cognition/brains.ts), so the
 * runtime hands a loaded scene to `createNpcWorld` without knowing manifest details.
 */
import type { NpcSpec, PoiSpec } from '../cognition/brains';
import type { Vec3 } from '../core/types';
import type { SceneManifest } from './define-scene';
import type { SceneNavMesh } from './navmesh';

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

/** How far (m) from a POI a guide may stand to present it. */
const STAND_SEARCH = 5;

/**
 * The scene's points of interest as brain specs. With a navmesh each gets `standAt`, the reachable
 * walkable point nearest to it (POIs often sit inside obstacles, e.g. the plaza fountain's basin,
 * where no agent can arrive); without one, or with none within 5 m, the guide heads for the POI itself.
 */
export function poiSpecsOf(manifest: SceneManifest, nav?: Pick<SceneNavMesh, 'closestWalkable'> | null): PoiSpec[] {
  return manifest.pois.map((p) => {
    const standAt = nav ? nav.closestWalkable(p.position, [0, 0, 0] as Vec3, STAND_SEARCH) : null;
    return { id: p.id, position: p.position, title: p.title, text: p.text, details: p.details, ...(standAt ? { standAt } : {}) };
  });
}
