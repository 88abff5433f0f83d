/**
 * Runs every benchmark in turn, each in its own process (so one's allocations and JIT state
 * do not disturb the next), and prints their tables.
 *
 *   npm run bench              # full sizes (tens of minutes on 2 cores)
 *   npm run bench -- --quick   # small sizes, to check that everything runs
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const benches = [
  'matmul',
  'multiply-add',
  'resident-copies',
  'small-ops',
  'autodiff',
  'samplers',
  'ising',
  'ising-wolff',
  'hopfield',
  'rbm',
  'pinn-step',
  'hnn-step',
];
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name}.ts${quick ? ' --quick' : ''} ===`);
  const args = ['--expose-gc', '--import', 'tsx', `bench/${name}.ts`, ...(quick ? ['--quick'] : [])];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name}.ts exited with status ${result.status}`);
  }
}
console.log(`\n${benches.length - failed} benchmarks ran, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
