import { useEffect, useRef } from 'react';
import type { NpcState, NpcWorld } from '../../agents/npc-world';

/** Lines shown at once (the newest last). */
const MAX_LINES = 3;

/**
 * NPC lines as HUD subtitles (flat mode; in VR the world-space subtitle above each head is the
 * readable one). Subscribes to the world's lines and writes the DOM directly: no React state, no
 * per-frame work; each line is removed when its speaking time is over.
 */
export function HudSubtitles({ world }: { world: NpcWorld | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!world || !el) return;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const rows = new Map<string, HTMLDivElement>();
    const drop = (id: string) => {
      rows.get(id)?.remove();
      rows.delete(id);
      timers.delete(id);
    };
    const off = world.onSay((npc: NpcState, text: string) => {
      let row = rows.get(npc.id);
      if (!row) {
        row = document.createElement('div');
        row.className = 'npc-subtitle';
        row.dataset.npc = npc.id;
        row.style.cssText = 'background: rgba(0,0,0,0.55); border-radius: 6px; padding: 4px 10px; margin-top: 4px';
        rows.set(npc.id, row);
      }
      row.textContent = `${npc.name}: ${text}`;
      el.appendChild(row); // (re)appended: the newest line is last
      while (el.childElementCount > MAX_LINES) {
        const first = el.firstElementChild as HTMLDivElement;
        const id = first.dataset.npc ?? '';
        clearTimeout(timers.get(id));
        drop(id);
      }
      clearTimeout(timers.get(npc.id));
      const seconds = Math.max(1, world.brains.sayUntil[npc.index] - world.brains.sayStart[npc.index]);
      timers.set(npc.id, setTimeout(() => drop(npc.id), seconds * 1000));
    });
    return () => {
      off();
      for (const t of timers.values()) clearTimeout(t);
      for (const id of [...rows.keys()]) drop(id);
    };
  }, [world]);
  return (
    <div
      ref={box}
      data-testid="npc-subtitles"
      aria-live="polite"
      style={{
        position: 'fixed',
        left: '50%',
        bottom: '12%',
        transform: 'translateX(-50%)',
        maxWidth: '70vw',
        textAlign: 'center',
        color: '#fff',
        font: '16px/1.35 system-ui, sans-serif',
        pointerEvents: 'none',
        zIndex: 20,
      }}
    />
  );
}
