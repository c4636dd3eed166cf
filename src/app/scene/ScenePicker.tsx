import type { CSSProperties, MouseEvent } from 'react';
import { listScenes } from '../../scenes';
import type { SceneSummary } from '../../world';
import { sceneHref } from './open-scene';

/** Props of `ScenePicker`. */
export interface ScenePickerProps {
  /** Scenes to offer. @default every scene of this build (`listScenes()`) */
  scenes?: SceneSummary[];
  /** The open scene, marked as current. @default none */
  currentId?: string | null;
  /** Switch scenes in place; without it the links navigate to `?scene=<id>`. @default none */
  onPick?: (id: string) => void;
  /** Heading above the list. @default 'Scenes' */
  heading?: string;
  /** Extra style for the container (placement is the app's choice). */
  style?: CSSProperties;
}

const item: CSSProperties = {
  display: 'block',
  padding: '8px 10px',
  borderRadius: 8,
  color: 'inherit',
  textDecoration: 'none',
  background: 'rgba(255,255,255,0.08)',
  border: '1px solid rgba(255,255,255,0.15)',
};

/** The flat-mode scene picker: one link per scene with its title and description (`?scene=<id>`). */
export function ScenePicker({ scenes = listScenes(), currentId = null, onPick, heading = 'Scenes', style }: ScenePickerProps) {
  const click = (id: string) => (e: MouseEvent) => {
    if (!onPick || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    onPick(id);
  };
  return (
    <nav aria-label="Scene picker" data-testid="scene-picker" style={{ display: 'grid', gap: 8, font: '14px/1.35 system-ui, sans-serif', ...style }}>
      <div style={{ fontWeight: 600 }}>{heading}</div>
      {scenes.map((s) => (
        <a
          key={s.id}
          href={sceneHref(s.id)}
          onClick={click(s.id)}
          aria-current={s.id === currentId ? 'page' : undefined}
          data-scene-id={s.id}
          style={{ ...item, ...(s.id === currentId ? { borderColor: '#8de0c0', background: 'rgba(141,224,192,0.15)' } : null) }}
        >
          <div style={{ fontWeight: 600 }}>{s.title}</div>
          <div style={{ opacity: 0.8, fontSize: 13 }}>{s.description}</div>
        </a>
      ))}
    </nav>
  );
}
