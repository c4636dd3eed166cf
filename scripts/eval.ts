/**
 * `npm run eval -- voice DIR` / `npm run eval -- gesture DIR` (PERCEPTION.md): scores the shipped
 * model on a folder of labelled files with the browser's model files and feature code, on the tfjs
 * CPU backend in Node. The last line printed is the contract's summary line.
 */
export {};
const [kind, dir, ...rest] = process.argv.slice(2);
const runners: Record<string, () => Promise<{ main: (dir: string, args: string[]) => Promise<void> }>> = {
  voice: () => import('./voice/eval.ts'),
  gesture: () => import('./gesture/eval.ts'),
};
if (!kind || !runners[kind] || !dir) {
  console.error(`usage: npm run eval -- <${Object.keys(runners).join('|')}> DIR`);
  process.exit(2);
}
await (await runners[kind]()).main(dir, rest);
