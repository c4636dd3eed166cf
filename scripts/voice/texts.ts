/**
 * What is said: the command phrases of PERCEPTION.md and the `unknown` speech (near-misses,
 * sentences, dictionary words). Curated unknown texts are split in two so the held-out set
 * (make-heldout.ts) says things training never heard.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { VoiceLabel } from '../../src/core/types';
import { hashString } from './prng';

/** Phrasings of each command (punctuation changes espeak's intonation). */
export const COMMAND_TEXTS: Record<Exclude<VoiceLabel, 'unknown' | 'silence'>, string[]> = {
  hello: ['hello', 'hello!', 'hello.', 'hi', 'hi!', 'hi.', 'hello?'],
  follow_me: ['follow me', 'follow me!', 'follow me.'],
  stop: ['stop', 'stop!', 'stop.'],
  come_here: ['come here', 'come here!', 'come here.'],
  go_away: ['go away', 'go away!', 'go away.'],
  yes: ['yes', 'yes!', 'yes.', 'yes?'],
  no: ['no', 'no!', 'no.', 'no?'],
  next: ['next', 'next!', 'next.', 'next?'],
  tell_me_more: ['tell me more', 'tell me more.', 'tell me more!', 'tell me more?'],
  help: ['help', 'help!', 'help.', 'help?'],
};

/** Words and phrases that sound like a command or contain its words but are not it. */
export const NEAR_MISSES = [
  'hollow', 'fellow', 'yellow', 'hell', 'halo', 'hotel', 'hollywood', 'hilly', 'high', 'hire', 'hide',
  'follow', 'follower', 'follow up', 'swallow', 'fallow', 'follow the road', 'sorrow', 'tomorrow', 'borrow me',
  'stopwatch', 'stock', 'shop', 'top', 'step', 'stuff', 'stoppage', 'stomp', 'stoop', 'spot', 'stopped',
  'come on', 'come in', 'coming', 'comb', 'comma', 'come back', 'here', 'hear', 'hearing', 'cheer', 'come hither',
  'go ahead', 'go home', 'goal', 'away', 'a way', 'go along', 'going away', 'gateway', 'getaway', 'go where',
  'yesterday', 'yet', 'yellowstone', 'guess', 'yes sir and no sir', 'mess', 'less', 'chess',
  'know', 'nose', 'note', 'snow', 'now', 'nobody', 'nowhere', 'north', 'noble',
  'nexus', 'text', 'necks', 'nest', 'neck', 'nick', 'next door neighbour', 'mixed', 'vexed',
  'tell me', 'tell', 'tell me a story', 'more', 'mourn', 'tall', 'smell me more', 'sell me more', 'tell him more',
  'helmet', 'held', 'health', 'helper', 'kelp', 'yelp', 'whelp', 'self', 'shelf', 'helpful',
];

/** Near-misses kept out of training, for the held-out set only. */
export const HELDOUT_NEAR_MISSES = [
  'hollow point', 'mellow', 'jello', 'hydrant', 'follow through', 'wallow', 'stoplight',
  'stopper', 'stub', 'come over', 'combine', 'go away game', 'gala', 'yes man', 'yesteryear', 'nosy', 'knowing',
  'nexus seven', 'next to nothing', 'telling', 'tell me why', 'smorgasbord', 'helm', 'helping hand', 'whelk',
];

/** Everyday sentences (training). A command word inside a sentence does not make it a command. */
export const SENTENCES = [
  'what time is it', 'i would like a cup of coffee', 'the weather is nice today', 'where is the exit',
  'can you show me the paintings', 'this room is very big', 'i think we should leave soon', 'that looks interesting',
  'how much does it cost', 'my name is alex', 'do you work here', 'i am just looking around',
  'please do not stop the music', 'the bus stop is over there', 'tell me about yourself', 'i said no to him yesterday',
  'yes we can talk later', 'the next train leaves at noon', 'come here often do you', 'go away for the weekend',
  'follow me on the map', 'help yourself to some cake', 'hello kitty is a cartoon', 'i need more time',
  'the kids are playing outside', 'open the window please', 'it is getting dark', 'let us meet at the cafe',
  'turn left at the corner', 'the museum opens at nine', 'i lost my keys', 'what is your favourite colour',
  'we went to the beach', 'she reads a lot of books', 'the dog is sleeping', 'could you repeat that',
  'i do not understand', 'that was really funny', 'how are you doing', 'see you later', 'thank you very much',
  'good morning everyone', 'this is my friend', 'where did you go', 'the food was delicious', 'it is raining again',
  'i will call you tomorrow', 'the lesson starts now', 'look at that statue', 'is this seat taken',
];

/** Sentences kept out of training, for the held-out set only. */
export const HELDOUT_SENTENCES = [
  'the painting on the left is older', 'i wonder who built this place', 'can we sit down for a minute',
  'my phone battery is almost empty', 'no one told me about the party', 'stop by my office later',
  'tell me more about it some other time', 'i came here by bike', 'let us go away from the crowd',
  'say hello to your mother', 'the help desk is closed', 'yes but maybe not today', 'next week is a holiday',
  'follow me around the garden said the guide', 'what a beautiful day', 'the floor is a bit slippery',
];

const COMMAND_WORDS = new Set(['hello', 'hi', 'stop', 'yes', 'no', 'next', 'help', 'yeah', 'hey', 'nope', 'yep']);

/** Dictionary words from the `wamerican` word list (apt-get install wamerican), or [] without it. */
export function dictionaryWords(path = '/usr/share/dict/american-english'): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((w) => /^[a-z]{3,10}$/.test(w) && !COMMAND_WORDS.has(w));
}

/** Whether a text belongs to the training half (true) or the held-out half (false) by a stable hash. */
export function isTrainingText(text: string): boolean {
  return hashString(text) % 5 !== 0;
}
