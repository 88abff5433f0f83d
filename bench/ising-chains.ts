/**
 * Independent chains on the lattice worker pool: throughput with two worker threads against
 * one, for the small lattices where a shared-lattice parallel sweep loses to its barriers.
 *
 *   node --import tsx bench/ising-chains.ts
 *
 * Four chains per size at T_c; each pool is started and warmed before timing, so thread
 * start-up is not counted. Chains own their keys, so the results are the same whatever the
 * thread count (checked here on the final energies).
 */
import { fold, makeKey } from '../src/core/random/index.js';
import { CRITICAL_TEMPERATURE } from '../src/exact/index.js';
import { LatticeWorkerPool, type PackedChainTask } from '../src/lattice/index.js';

const sizes = [64, 128, 256];
const chains = 4;

function tasks(size: number, sweeps: number): PackedChainTask[] {
  return Array.from({ length: chains }, (_, c) => ({
    size,
    temperature: CRITICAL_TEMPERATURE,
    key: fold(makeKey(11), size * 100 + c),
    sweeps,
    measureEvery: sweeps,
  }));
}

async function timed(threads: number, size: number, sweeps: number) {
  const pool = new LatticeWorkerPool({ threads });
  try {
    await pool.runChains(tasks(size, 8));
    const start = performance.now();
    const results = await pool.runChains(tasks(size, sweeps));
    const seconds = (performance.now() - start) / 1000;
    return { seconds, results };
  } finally {
    await pool.close();
  }
}

console.log(`Independent 2D Ising chains at T_c, ${chains} chains per size; node ${process.version}`);
console.log(
  '| L | sweeps per chain | 1 thread (flips/ns) | 2 threads (flips/ns) | speed-up | same results |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const size of sizes) {
  const sweeps = Math.round((2 ** 26 / (size * size)) * 2);
  const one = await timed(1, size, sweeps);
  const two = await timed(2, size, sweeps);
  const flips = chains * sweeps * size * size;
  const same = JSON.stringify(one.results) === JSON.stringify(two.results);
  const rate = (s: number) => (flips / (s * 1e9)).toFixed(2);
  console.log(
    `| ${size} | ${sweeps} | ${rate(one.seconds)} | ${rate(two.seconds)} | ${(one.seconds / two.seconds).toFixed(2)}× | ${same ? 'yes' : 'NO'} |`,
  );
}
