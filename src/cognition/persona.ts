/**
 * Personas: NPCs differ by goal biases and by their lines, never by code forks. Scene manifests
 * declare these; the brain reads them.
 */

/** Goals every brain can pursue. */
export const GOAL_NAMES = [
  'idle',
  'wander',
  'greet',
  'follow',
  'come',
  'keepDistance',
  'tour',
  'explain',
  'ask',
  'help',
  'stop',
] as const;
/** A goal name. */
export type GoalName = (typeof GOAL_NAMES)[number];

/**
 * Situations an NPC has lines for; `{name}`, `{user}`, `{poi}` (and `{text}`, a POI's text) are
 * substituted. `offerTour`/`offerHelp` are the questions an NPC asks unprompted.
 */
export const LINE_SITUATIONS = [
  'greet',
  'follow',
  'come',
  'goAway',
  'stop',
  'tourStart',
  'next',
  'tourEnd',
  'explain',
  'askMoveOn',
  'yes',
  'no',
  'help',
  'idle',
  'notice',
  'offerTour',
  'offerHelp',
] as const;
/** A situation with lines. */
export type LineSituation = (typeof LINE_SITUATIONS)[number];

/** How an NPC weighs goals and what it says. */
export interface Persona {
  /** Multipliers on each goal's desirability (default 1; 0 disables a goal). */
  biases: Partial<Record<GoalName, number>>;
  /** Lines by situation; one is picked deterministically per occurrence. */
  lines: Partial<Record<LineSituation, string[]>>;
}
