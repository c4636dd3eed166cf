import type { CSSProperties } from 'react';
import { useStore } from 'zustand';
import { LOAD_STAGES, type LoadProgress } from '../../world';

/** Props of `LoadingScreen`. */
export interface LoadingScreenProps {
  /** The store loaders report into (`createLoadProgress()`). */
  progress: LoadProgress;
  /** What is loading, e.g. the scene's title. @default 'Loading' */
  title?: string;
  /** Keep showing after every stage settled (e.g. while the app waits for its first frame). @default false */
  keepWhenFinished?: boolean;
}

const overlay: CSSProperties = {
  position: 'fixed',
  inset: 0,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: 'radial-gradient(circle at 50% 35%, #2d3a4f, #11151c)',
  color: '#eef2f7',
  font: '15px/1.4 system-ui, sans-serif',
  zIndex: 20,
};
const card: CSSProperties = { width: 'min(420px, 86vw)', display: 'grid', gap: 12 };
const track: CSSProperties = { height: 8, borderRadius: 4, background: 'rgba(255,255,255,0.15)', overflow: 'hidden' };
const STATUS_MARK = { pending: '○', running: '◐', done: '●', skipped: '–', error: '✕' } as const;

/**
 * A full-screen loading card with an overall bar and one row per stage (scene assets, navmesh,
 * AI models), so there is never a blank screen. Re-renders only when a loader reports.
 */
export function LoadingScreen({ progress, title = 'Loading', keepWhenFinished = false }: LoadingScreenProps) {
  const state = useStore(progress);
  if (state.finished && !keepWhenFinished) return null;
  const pct = Math.round(state.overall * 100);
  return (
    <div style={overlay} data-testid="loading-screen" role="status" aria-live="polite">
      <div style={card}>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{title}</div>
        <div style={track} role="progressbar" aria-label="Loading progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div style={{ width: `${pct}%`, height: '100%', background: 'linear-gradient(90deg, #5fb0ff, #8de0c0)', transition: 'width 0.2s' }} />
        </div>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
          {LOAD_STAGES.map((name) => {
            const s = state.stages[name];
            return (
              <li key={name} data-stage={name} data-status={s.status} style={{ display: 'grid', gridTemplateColumns: '1.4em 9em 1fr 3.2em', gap: 8, alignItems: 'center', opacity: s.status === 'pending' ? 0.6 : 1 }}>
                <span aria-hidden style={{ color: s.status === 'error' ? '#ff8a80' : undefined }}>{STATUS_MARK[s.status]}</span>
                <span>{s.label}</span>
                <span style={{ fontSize: 13, opacity: 0.8, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: s.status === 'error' ? '#ff8a80' : undefined }}>{s.detail}</span>
                <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{s.status === 'skipped' ? 'off' : `${Math.round(s.fraction * 100)}%`}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
