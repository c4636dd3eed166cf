/**
 * What NPCs say: persona lines by situation with defaults, picked deterministically per
 * occurrence, with `{name}`, `{user}`, `{poi}` and `{text}` substituted.
 */
import type { LineSituation, Persona } from './persona';

/** Lines used when a persona has none for a situation. */
export const DEFAULT_LINES: Record<LineSituation, string[]> = {
  greet: ['Hello! I am {name}.', 'Hi there, welcome! I am {name}.'],
  notice: ['Oh, hello there.'],
  follow: ['Right behind you.', 'Lead the way.'],
  come: ['Coming!', 'On my way.'],
  goAway: ['Sorry, I will give you some space.', 'Of course, stepping back.'],
  stop: ['Stopping.', 'All right, I stop here.'],
  tourStart: ['Welcome to {poi}.', 'Here we are: {poi}.'],
  next: ['Next up: {poi}. This way, please.', 'Let us move on to {poi}.'],
  tourEnd: ['That was the last stop. Thank you for joining the tour!'],
  explain: ['{poi}: {text}'],
  askMoveOn: ['Shall we move on?', 'Ready for the next stop?'],
  offerTour: ['Would you like a tour?'],
  offerHelp: ['Can I help you?'],
  yes: ['Great!', 'Wonderful.'],
  no: ['No problem.', 'All right.'],
  help: [
    'You can say hello, follow me, come here, go away, stop, next, tell me more or help. Nod or shake your head to answer me.',
  ],
  idle: ['...'],
};

/** Substitute `{name}`, `{user}`, `{poi}` and `{text}` in `line`. */
export function formatLine(line: string, name: string, user: string, poi: string, text: string): string {
  // Event-level (once per spoken line), so plain replaces are fine here.
  return line.replace(/\{name\}/g, name).replace(/\{user\}/g, user).replace(/\{poi\}/g, poi).replace(/\{text\}/g, text);
}

/** The `occurrence`-th line of `situation` for `persona` (rotating, deterministic per NPC `salt`). */
export function pickLine(persona: Persona, situation: LineSituation, occurrence: number, salt: number): string {
  const own = persona.lines[situation];
  const lines = own && own.length > 0 ? own : DEFAULT_LINES[situation];
  return lines[(occurrence + salt) % lines.length];
}
