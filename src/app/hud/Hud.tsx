import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { XRStore } from '@react-three/xr';
import { useAppStore, type AppState } from '../store';
import type { Runtime } from '../runtime';
import type { FlatInputState } from '../controls/flat-input';
import { TouchJoystick } from '../controls/TouchJoystick';
import type { HudElements } from './hud-system';
import { HelpOverlay } from './HelpOverlay';
import { buttonSpeechPercept, VOICE_COMMAND_TEXT, VOICE_COMMANDS } from './voice-commands';
import { ScenePicker } from '../scene';
import './hud.css';

/** Props of the DOM HUD. */
export interface HudProps {
  runtime: Runtime;
  xrStore: XRStore;
  elements: HudElements;
  flatInput: FlatInputState;
  /** Start or stop the microphone (the app owns the stream's lifecycle). */
  onMicToggle: () => void;
}

const isTouch = () => typeof window !== 'undefined' && (window.matchMedia?.('(pointer: coarse)').matches ?? false);

/** The flat-mode HUD: status (frame time, backend, mic/camera with LIVE badges), XR buttons, help, voice buttons. */
export function Hud({ runtime, xrStore, elements, flatInput, onMicToggle }: HudProps) {
  const store: StoreApi<AppState> = runtime.store;
  const mode = useAppStore(store, (s) => s.mode);
  const backend = useAppStore(store, (s) => s.backend);
  const mic = useAppStore(store, (s) => s.mic);
  const camera = useAppStore(store, (s) => s.camera);
  const talking = useAppStore(store, (s) => s.talking);
  const xrSupport = useAppStore(store, (s) => s.xrSupport);
  const helpOpen = useAppStore(store, (s) => s.helpOpen);
  const settings = useAppStore(store, (s) => s.settings);
  const issues = useAppStore(store, (s) => s.issues);
  const sceneId = useAppStore(store, (s) => s.sceneId);
  const frameRef = useRef<HTMLElement>(null);
  const voiceRef = useRef<HTMLElement>(null);
  const [pickerOpen, setPickerOpen] = useState(false);

  useEffect(() => {
    elements.frameMs = frameRef.current;
    elements.voice = voiceRef.current;
    return () => {
      elements.frameMs = null;
      elements.voice = null;
    };
  }, [elements, mode]);

  if (mode !== 'flat') return null;
  const { setHelpOpen, updateSettings, setTalking } = store.getState();
  const push = settings.talkMode === 'push';

  return (
    <div className="mv-hud" data-testid="hud">
      <div className="mv-crosshair" />
      <dl className="mv-status" data-testid="hud-status">
        <dt>scene</dt>
        <dd>{sceneId ?? '–'}</dd>
        <dt>frame</dt>
        <dd>
          <span ref={frameRef} data-testid="hud-frame-ms">–</span>
        </dd>
        <dt>ML</dt>
        <dd data-testid="hud-backend">{backend}</dd>
        <dt>mic</dt>
        <dd data-testid="hud-mic" data-state={mic.state}>
          {mic.state === 'live' ? (
            <>
              {push ? (talking ? 'talking' : 'push-to-talk (hold T)') : 'always listening'}
              {(!push || talking) && <span className="mv-live" aria-label="microphone live">● LIVE</span>}
            </>
          ) : (
            <span className="mv-off">{mic.state}: {mic.reason}</span>
          )}
        </dd>
        <dt>voice</dt>
        <dd>
          <span ref={voiceRef} data-testid="hud-voice">–</span>
        </dd>
        <dt>camera</dt>
        <dd data-testid="hud-camera" data-state={camera.state}>
          {camera.state === 'live' ? <span className="mv-live" aria-label="camera live">● LIVE</span> : <span className="mv-off">{camera.state}: {camera.reason}</span>}
        </dd>
        {issues.length > 0 && (
          <ul className="mv-issues" data-testid="hud-issues">
            {issues.map((i) => (
              <li key={i.key}>{i.message}</li>
            ))}
          </ul>
        )}
      </dl>
      <div className="mv-toolbar">
        {xrSupport.vr && <button onClick={() => void xrStore.enterVR()}>Enter VR</button>}
        {xrSupport.ar && <button onClick={() => void xrStore.enterAR()}>Enter AR</button>}
        <button onClick={onMicToggle}>{mic.state === 'live' || mic.state === 'requesting' ? 'Mic off' : 'Mic on'}</button>
        <button aria-pressed={push} onClick={() => updateSettings({ talkMode: push ? 'always' : 'push' })} title="Always listening or push-to-talk (remembered)">
          {push ? 'Push-to-talk' : 'Always listening'}
        </button>
        {push && (
          <button
            aria-pressed={talking}
            onPointerDown={() => setTalking(true)}
            onPointerUp={() => setTalking(false)}
            onPointerLeave={() => setTalking(false)}
          >
            Hold to talk
          </button>
        )}
        <button
          onClick={() => (camera.state === 'live' ? runtime.camera.stop() : void runtime.camera.start())}
          title="Opt-in webcam for perception (stays on this device)"
        >
          {camera.state === 'live' ? 'Camera off' : 'Camera on'}
        </button>
        <button aria-pressed={pickerOpen} onClick={() => setPickerOpen(!pickerOpen)}>
          Scenes
        </button>
        <button aria-pressed={helpOpen} onClick={() => setHelpOpen(!helpOpen)}>
          Help (H)
        </button>
      </div>
      <div className="mv-commands" role="group" aria-label="Voice commands">
        {VOICE_COMMANDS.map((label) => (
          <button key={label} data-command={label} onClick={() => runtime.rawPercepts.emit(buttonSpeechPercept(label))}>
            “{VOICE_COMMAND_TEXT[label]}”
          </button>
        ))}
      </div>
      {isTouch() && <TouchJoystick input={flatInput} />}
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {pickerOpen && (
        <div className="mv-help" role="dialog" aria-label="Scenes">
          {/* Links to ?scene=<id>: a scene switch reloads the page, which releases the old scene's wasm and GPU memory. */}
          <ScenePicker currentId={sceneId} />
          <button onClick={() => setPickerOpen(false)}>Close</button>
        </div>
      )}
    </div>
  );
}
