import { useRef } from 'react';
import type { FlatInputState } from './flat-input';

const RADIUS = 48;

/** On-screen joystick for phones: writes `input.joystick` (x right, y forward) while dragged. */
export function TouchJoystick({ input }: { input: FlatInputState }) {
  const knob = useRef<HTMLDivElement>(null);
  const centre = useRef<{ x: number; y: number; id: number } | null>(null);

  const move = (clientX: number, clientY: number) => {
    const c = centre.current;
    if (!c) return;
    let dx = clientX - c.x;
    let dy = clientY - c.y;
    const len = Math.hypot(dx, dy);
    if (len > RADIUS) {
      dx = (dx / len) * RADIUS;
      dy = (dy / len) * RADIUS;
    }
    input.joystick.x = dx / RADIUS;
    input.joystick.y = -dy / RADIUS;
    if (knob.current) knob.current.style.transform = `translate(${dx}px, ${dy}px)`;
  };
  const end = () => {
    centre.current = null;
    input.joystick.x = input.joystick.y = 0;
    if (knob.current) knob.current.style.transform = '';
  };

  return (
    <div
      className="mv-joystick"
      aria-label="Walk joystick"
      onPointerDown={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        centre.current = { x: r.left + r.width / 2, y: r.top + r.height / 2, id: e.pointerId };
        e.currentTarget.setPointerCapture(e.pointerId);
        move(e.clientX, e.clientY);
      }}
      onPointerMove={(e) => {
        if (centre.current?.id === e.pointerId) move(e.clientX, e.clientY);
      }}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <div ref={knob} className="mv-joystick-knob" />
    </div>
  );
}
