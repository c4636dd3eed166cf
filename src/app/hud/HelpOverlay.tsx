import { HELP_KEY, TALK_KEY } from '../controls/flat-input';

const key = (code: string) => code.replace(/^Key/, '');

/** The controls, listed for flat mode, phones and VR. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="mv-help" role="dialog" aria-label="Controls">
      <h2>Controls</h2>
      <table>
        <tbody>
          <tr><td>W A S D / arrow keys</td><td>walk</td></tr>
          <tr><td>click the view</td><td>capture the mouse (mouse-look) and interact with what the cursor points at</td></tr>
          <tr><td>mouse</td><td>look around (drag if the mouse is not captured)</td></tr>
          <tr><td>Esc</td><td>release the mouse</td></tr>
          <tr><td>hold {key(TALK_KEY)}</td><td>push-to-talk (when the talk mode is "push")</td></tr>
          <tr><td>{key(HELP_KEY)}</td><td>show or hide this help</td></tr>
          <tr><td>command buttons</td><td>say a voice command without a microphone</td></tr>
          <tr><td>phone</td><td>drag to look, joystick to walk, tap to interact</td></tr>
          <tr><td>VR: trigger</td><td>select / interact with what the ray points at</td></tr>
          <tr><td>VR: trigger on the floor</td><td>teleport there (the curved ray shows where you land)</td></tr>
          <tr><td>VR: hold squeeze (grip)</td><td>push-to-talk (when the talk mode is "push")</td></tr>
          <tr><td>VR: right thumbstick left/right</td><td>snap turn 45° (smooth locomotion on the left stick if enabled)</td></tr>
        </tbody>
      </table>
      <p>
        The microphone and camera are used only on this device; a red LIVE badge shows whenever one is on.
      </p>
      <button onClick={onClose}>Close</button>
    </div>
  );
}
