import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, split } from '../../src/core/random/index.js';
import {
  createPackedLattice,
  packedEnergyAndMagnetization,
  packedMetropolis,
  runPackedChain,
} from '../../src/lattice/index.js';

describe('runPackedChain', () => {
  it('records every measureEvery-th sweep after the burn-in', () => {
    const result = runPackedChain({
      size: 64,
      temperature: 2.5,
      key: makeKey(1),
      sweeps: 30,
      burnIn: 7,
      measureEvery: 4,
    });
    assert.equal(result.energyPerSpin.length, 7);
    assert.equal(result.magnetizationPerSpin.length, 7);
    assert.equal(result.totalSweeps, 37);
    assert.equal(result.words.length, (64 * 64) / 32);
    for (const e of result.energyPerSpin) assert.ok(e >= -2 && e <= 2);
  });

  it('is the sweep of packedMetropolis with the second key of split(key), from the requested start', () => {
    const key = makeKey(2);
    const result = runPackedChain({ size: 64, temperature: 2.2, key, sweeps: 5, initial: 'down' });
    const lattice = createPackedLattice(64, { initial: 'down' });
    packedMetropolis(lattice, split(key)[1], { temperature: 2.2 }).sweep(5);
    assert.deepEqual(result.words.subarray(0, lattice.black.length), lattice.black);
    assert.deepEqual(result.words.subarray(lattice.black.length), lattice.white);
    assert.equal(result.energyPerSpin[4], packedEnergyAndMagnetization(lattice).energy / (64 * 64));
  });

  it('keeps a cold start in its ground state at T = 0', () => {
    const result = runPackedChain({ size: 8, temperature: 0, key: makeKey(3), sweeps: 10, initial: 'up' });
    assert.deepEqual([...result.energyPerSpin], new Array(10).fill(-2));
    assert.deepEqual([...result.magnetizationPerSpin], new Array(10).fill(1));
  });

  it('validates the task', () => {
    const task = { size: 64, temperature: 2, key: makeKey(1), sweeps: 10 };
    assert.throws(
      () => runPackedChain({ ...task, sweeps: -1 }),
      /task.sweeps must be an integer ≥ 0, got -1/,
    );
    assert.throws(
      () => runPackedChain({ ...task, measureEvery: 0 }),
      /task.measureEvery must be an integer ≥ 1/,
    );
    assert.throws(
      () => runPackedChain({ ...task, initial: 'hot' as 'random' }),
      /task.initial must be 'random', 'up' or 'down', got hot/,
    );
    assert.throws(
      () => runPackedChain({ ...task, maxBytes: 100 }),
      /needs 512 bytes of spin storage, more than the limit of 100 bytes/,
    );
  });
});
