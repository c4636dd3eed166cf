import type { CSSProperties } from 'react';
import { listScenes } from '../../scenes';
import { SceneManifestError, UnknownSceneError, formatIssue, type SceneSummary } from '../../world';
import { ScenePicker } from './ScenePicker';

/** Props of `SceneErrorView`. */
export interface SceneErrorViewProps {
  /** What `loadScene` / `openScene` threw. */
  error: unknown;
  /** Scenes to offer instead. @default every scene of this build but the broken one */
  scenes?: SceneSummary[];
  /** Switch scenes in place instead of navigating. @default none */
  onPick?: (id: string) => void;
}

const overlay: CSSProperties = {
  position: 'fixed',
  inset: 0,
  overflow: 'auto',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: '#171a21',
  color: '#eef2f7',
  font: '15px/1.45 system-ui, sans-serif',
  zIndex: 20,
};

/**
 * Shown when a scene cannot open: the error that names the scene, the field and what was expected
 * (every problem for a bad manifest), and links to the other scenes so the visitor goes on.
 */
export function SceneErrorView({ error, scenes, onPick }: SceneErrorViewProps) {
  const brokenId = error instanceof SceneManifestError || error instanceof UnknownSceneError ? error.sceneId : (error as { sceneId?: string } | null)?.sceneId;
  const others = (scenes ?? listScenes()).filter((s) => s.id !== brokenId);
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof SceneManifestError && error.issues.length > 1 ? error.issues : [];
  return (
    <div style={overlay} role="alert" data-testid="scene-error">
      <div style={{ width: 'min(640px, 90vw)', display: 'grid', gap: 14 }}>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{brokenId ? `Scene "${brokenId}" could not be opened` : 'The scene could not be opened'}</div>
        <pre data-testid="scene-error-message" style={{ whiteSpace: 'pre-wrap', margin: 0, padding: 12, borderRadius: 8, background: '#2a1e22', color: '#ffb4a9', font: '14px/1.4 ui-monospace, monospace' }}>
          {message}
        </pre>
        {issues.length > 0 && (
          <details>
            <summary>All {issues.length} problems</summary>
            <ul style={{ font: '13px/1.4 ui-monospace, monospace' }}>
              {issues.map((i, k) => (
                <li key={k}>{formatIssue(i)}</li>
              ))}
            </ul>
          </details>
        )}
        {others.length > 0 ? <ScenePicker scenes={others} onPick={onPick} heading="Open another scene" /> : <div>No other scenes are available.</div>}
      </div>
    </div>
  );
}
