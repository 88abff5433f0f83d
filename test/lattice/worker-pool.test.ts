import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import {
  createPackedLattice,
  LatticeWorkerPool,
  type PackedChainTask,
  packedMetropolis,
  parallelPackedMetropolis,
  randomizeSpins,
  runPackedChain,
  runPackedChains,
} from '../../src/lattice/index.js';

const T_CRITICAL = 2 / Math.log(1 + Math.SQRT2);

/** Four small chains at different temperatures and sizes, each with its own key. */
const TASKS: PackedChainTask[] = [
  { size: 64, temperature: T_CRITICAL, key: fold(makeKey(9), 0), sweeps: 20, burnIn: 5 },
  { size: 8, temperature: 1.5, key: fold(makeKey(9), 1), sweeps: 50, initial: 'up' },
  { size: 128, temperature: 3.5, key: fold(makeKey(9), 2), sweeps: 10, measureEvery: 2, blockCount: 4 },
  { size: 64, temperature: 2.0, key: fold(makeKey(9), 3), sweeps: 15, initial: 'down' },
];

describe('LatticeWorkerPool', () => {
  const pool = new LatticeWorkerPool({ threads: 2 });
  after(() => pool.close());

  it('gives bit-identical chains on 1 thread, 2 threads and the calling thread', async () => {
    const inProcess = TASKS.map(runPackedChain);
    const one = await runPackedChains(TASKS, { threads: 1 });
    const two = await pool.runChains(TASKS);
    for (let i = 0; i < TASKS.length; i++) {
      for (const result of [one[i], two[i]]) {
        assert.deepEqual(result.words, inProcess[i].words, `task ${i}: final spins`);
        assert.deepEqual(result.energyPerSpin, inProcess[i].energyPerSpin, `task ${i}: energies`);
        assert.deepEqual(result.magnetizationPerSpin, inProcess[i].magnetizationPerSpin);
      }
    }
    assert.equal(two[2].energyPerSpin.length, 5);
    assert.equal(two[0].totalSweeps, 25);
    // Different keys give different chains (the comparison above is not vacuous).
    assert.notDeepEqual(inProcess[0].words, runPackedChain({ ...TASKS[0], key: makeKey(1) }).words);
  });

  it('reports a task error from the worker as a rejected promise', async () => {
    await assert.rejects(pool.runChains([{ ...TASKS[0], size: 65 }]), /size must be an even integer/);
  });

  it('validates threads', () => {
    assert.throws(() => new LatticeWorkerPool({ threads: 0 }), /threads must be an integer in \[1, 256\]/);
  });
});

describe('parallelPackedMetropolis', () => {
  it('sweeps a shared lattice on 2 threads exactly as the single-threaded kernel with the same blocks', async () => {
    const size = 128;
    const key = makeKey(17);
    const shared = createPackedLattice(size, { shared: true });
    randomizeSpins(shared, new RandomStream(makeKey(18)));
    const serial = createPackedLattice(size);
    serial.black.set(shared.black);
    serial.white.set(shared.white);
    const two = await parallelPackedMetropolis(shared, key, {
      temperature: T_CRITICAL,
      threads: 2,
      blockCount: 4,
    });
    try {
      await two.sweep(3);
      await two.sweep(2);
    } finally {
      await two.close();
    }
    // The single-threaded kernel with the same 4 blocks is the one-thread reference.
    packedMetropolis(serial, key, { temperature: T_CRITICAL, blockCount: 4 }).sweep(5);
    assert.deepEqual(shared.black, serial.black);
    assert.deepEqual(shared.white, serial.white);
    await assert.rejects(two.sweep(1), /the workers have been closed/);
  });

  it('refuses a lattice outside shared memory and fewer blocks than threads', async () => {
    await assert.rejects(
      parallelPackedMetropolis(createPackedLattice(64), makeKey(1), { temperature: 2 }),
      /lattice must live in shared memory; create it with createPackedLattice\(size, \{ shared: true \}\)/,
    );
    await assert.rejects(
      parallelPackedMetropolis(createPackedLattice(64, { shared: true }), makeKey(1), {
        temperature: 2,
        threads: 2,
        blockCount: 1,
      }),
      /blockCount must be at least threads \(2\), got 1/,
    );
    await assert.rejects(
      parallelPackedMetropolis(createPackedLattice(64, { shared: true }), makeKey(1), {
        temperature: 2,
        field: 1,
      }),
      /field must be 0 for the packed kernel/,
    );
  });
});
