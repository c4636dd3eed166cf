/**
 * Merge voice member models into one ensemble and set its threshold by calibrate's rule on the
 * espeak-ng pool (as `npm run train -- voice` does), for candidate ensembles in experiments.
 *
 *   node --import tsx scripts/voice/experiments/candidate-ensemble.ts OUT_DIR MEMBER_DIR...
 */
import { calibrateVoiceThreshold, ensureEspeakValidation } from '../calibrate';
import { mergeVoiceMembers } from '../ensemble';

const POOL = 'data/voice-espeak-val-pool';
const [out, ...dirs] = process.argv.slice(2);
if (!out || !dirs.length) throw new Error('usage: candidate-ensemble.ts OUT_DIR MEMBER_DIR...');
const { params } = dirs.length > 1 ? await mergeVoiceMembers(dirs, out) : { params: 0 };
console.log(`merged ${dirs.length} members into ${out} (${params} parameters)`);
ensureEspeakValidation(POOL);
await calibrateVoiceThreshold(`${dirs.length > 1 ? out : dirs[0]}/model.json`, POOL);
