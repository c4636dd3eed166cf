/**
 * Percept labels as small integer codes so the brain's memory lives in typed arrays. The string
 * labels of `core/types.ts` map to codes once, at ingest (a `Map` lookup, no allocation).
 */
import { GESTURE_LABELS, VOICE_LABELS } from '../core/types';

/** Code of each label the brain reacts to; 0 is "no label". */
export const L = {
  none: 0,
  hello: 1,
  follow_me: 2,
  stop: 3,
  come_here: 4,
  go_away: 5,
  yes: 6,
  no: 7,
  next: 8,
  tell_me_more: 9,
  help: 10,
  wave: 11,
  beckon: 12,
  point: 13,
  push: 14,
  nod: 15,
  shake: 16,
  look: 17,
  affectPositive: 18,
  affectNegative: 19,
} as const;
/** A label code. */
export type LabelCode = (typeof L)[keyof typeof L];

const POSITIVE_AFFECT = ['happy', 'joy', 'surprise', 'positive', 'smile'];
const NEGATIVE_AFFECT = ['sad', 'angry', 'fear', 'disgust', 'negative', 'frown'];

const codes = new Map<string, LabelCode>();
for (const v of VOICE_LABELS) if (v in L) codes.set(`speech:${v}`, L[v as keyof typeof L]);
for (const g of GESTURE_LABELS) if (g in L) codes.set(`gesture:${g}`, L[g as keyof typeof L]);
codes.set('attention:look', L.look);
codes.set('attention:point', L.point);
for (const a of POSITIVE_AFFECT) codes.set(`affect:${a}`, L.affectPositive);
for (const a of NEGATIVE_AFFECT) codes.set(`affect:${a}`, L.affectNegative);
// Percepts arrive with kind and label apart; the brain keys on both so a `point` gesture and a
// `point` attention shift both land on `L.point`. Pre-built keys avoid string concatenation per
// percept for the common kinds.
const byKind = {
  speech: new Map<string, LabelCode>(),
  gesture: new Map<string, LabelCode>(),
  attention: new Map<string, LabelCode>(),
  affect: new Map<string, LabelCode>(),
};
for (const [key, code] of codes) {
  const [kind, label] = key.split(':') as [keyof typeof byKind, string];
  byKind[kind].set(label, code);
}

/** The code of a percept's kind and label, or `L.none` when the brain does not react to it. */
export function labelCode(kind: string, label: string): LabelCode {
  const m = byKind[kind as keyof typeof byKind];
  return (m && m.get(label)) ?? L.none;
}
