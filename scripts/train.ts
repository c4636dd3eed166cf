/** `npm run train -- voice|gesture [options]`: builds the data and trains a model from a fixed seed. */
export {};
const [kind, ...rest] = process.argv.slice(2);
const runners: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  voice: () => import('./voice/train.ts'),
  gesture: () => import('./gesture/train.ts'),
};
if (!kind || !runners[kind]) {
  console.error(`usage: npm run train -- <${Object.keys(runners).join('|')}> [options]`);
  process.exit(2);
}
await (await runners[kind]()).main(rest);
