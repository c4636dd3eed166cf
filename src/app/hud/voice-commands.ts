/**
 * On-screen voice commands: one button per command of PERCEPTION.md, so nobody needs a
 * microphone. A click emits exactly the speech percept the voice model would (source the local
 * user, confidence 1).
 */
import { now } from '../../core/clock';
import { LOCAL_USER_ID, VOICE_LABELS, VOICE_NON_COMMANDS, type Percept, type VoiceLabel } from '../../core/types';

/** What is said for each command (PERCEPTION.md), shown on the buttons. */
export const VOICE_COMMAND_TEXT: Record<Exclude<VoiceLabel, 'unknown' | 'silence'>, string> = {
  hello: 'hello',
  follow_me: 'follow me',
  stop: 'stop',
  come_here: 'come here',
  go_away: 'go away',
  yes: 'yes',
  no: 'no',
  next: 'next',
  tell_me_more: 'tell me more',
  help: 'help',
};

/** The command labels, in model order. */
export const VOICE_COMMANDS = VOICE_LABELS.filter((l) => !VOICE_NON_COMMANDS.includes(l)) as (keyof typeof VOICE_COMMAND_TEXT)[];

/** The speech percept a button click stands for. */
export function buttonSpeechPercept(label: VoiceLabel, t = now()): Percept {
  return { t, kind: 'speech', label, confidence: 1, source: LOCAL_USER_ID };
}
