// Origin offload: how many requests reach the origin in a simulated day, against the design's
// bound (places viewed x updates per day).
import { printSetups, type SetupFigures } from './support/offload/report.ts';

const setups: SetupFigures[] = [];
if (process.env.BENCH_REPLAY !== '0') {
  const { replayed } = await import('./support/offload/replay.ts');
  setups.push(replayed);
}
console.log('\norigin offload, summary:');
printSetups(setups);
