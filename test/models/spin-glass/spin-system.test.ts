import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import {
  couplingMatrix,
  createSpinState,
  flipSpin,
  greedyDescent,
  localFields,
  randomSpinState,
  refreshSpinState,
  sherringtonKirkpatrick,
  spinEnergy,
  spinSystem,
  spinSystemFromMatrix,
} from '../../../src/models/spin-glass/index.js';

describe('spinSystem', () => {
  it('sums −Σ J s s − Σ h s over the bonds, merging repeated pairs', () => {
    const system = spinSystem({
      size: 3,
      bonds: [
        [0, 1, 1],
        [2, 1, 0.5],
        [1, 0, 0.25],
      ],
      fields: [0.1, 0, -0.2],
    });
    assert.equal(system.bondCouplings.length, 2);
    assert.deepEqual(Array.from(system.bondFirst), [0, 1]);
    assert.deepEqual(Array.from(system.bondCouplings), [1.25, 0.5]);
    // s = (+1, −1, +1): −(1.25·(−1) + 0.5·(−1)) − (0.1 − 0.2) = 1.75 + 0.1
    assert.ok(Math.abs(spinEnergy(system, [1, -1, 1]) - 1.85) < 1e-15);
    assert.equal(system.hasField, true);
    assert.ok(Math.abs(system.energyScale - (1.25 + 0.5 + 0.3)) < 1e-15);
  });

  it('round-trips through the dense coupling matrix', () => {
    const sk = sherringtonKirkpatrick({ size: 9, key: makeKey(3) });
    const again = spinSystemFromMatrix(couplingMatrix(sk));
    assert.deepEqual(again.bondCouplings, sk.bondCouplings);
    assert.deepEqual(again.neighbors, sk.neighbors);
  });

  it('rejects bad input with messages naming the parameter', () => {
    assert.throws(() => spinSystem({ size: 0, bonds: [] }), /size must be an integer in \[1/);
    assert.throws(
      () => spinSystem({ size: 2, bonds: [[0, 2, 1]] }),
      /bond 0 second spin must be an integer in \[0, 1\]/,
    );
    assert.throws(() => spinSystem({ size: 2, bonds: [[1, 1, 1]] }), /joins spin 1 to itself/);
    assert.throws(
      () => spinSystem({ size: 2, bonds: [[0, 1, Number.NaN]] }),
      /bond couplings\[0\] must be a finite/,
    );
    assert.throws(() => spinSystem({ size: 2, bonds: [], fields: [1] }), /fields must have 2 entries/);
    assert.throws(() => spinSystemFromMatrix([1, 2, 3]), /N·N numbers/);
    assert.throws(() => spinSystemFromMatrix([0, 1, 2, 0]), /symmetric/);
    assert.throws(() => spinSystemFromMatrix([1, 0, 0, 0]), /diagonal/);
    const system = spinSystem({ size: 2, bonds: [[0, 1, 1]] });
    assert.throws(() => spinEnergy(system, [1, 0]), /spins\[1\] must be −1 or \+1/);
    assert.throws(() => createSpinState(system, [1]), /must hold 2 spins/);
  });
});

describe('SpinState bookkeeping', () => {
  const system = sherringtonKirkpatrick({ size: 12, key: makeKey(11), fields: 0.3 });

  it('keeps local fields and energy exact through any sequence of flips (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 60 }),
        fc.nat(1000),
        (flips, seed) => {
          const state = randomSpinState(system, makeKey(seed));
          for (const i of flips) {
            const before = spinEnergy(system, state.spins);
            const change = flipSpin(state, i);
            assert.ok(Math.abs(spinEnergy(system, state.spins) - before - change) < 1e-12);
          }
          const fields = localFields(system, state.spins);
          for (let i = 0; i < 12; i++) assert.ok(Math.abs(fields[i] - state.localFields[i]) < 1e-12);
          assert.ok(Math.abs(state.energy - spinEnergy(system, state.spins)) < 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refreshes the energy from scratch, and greedy descent ends one-flip stable', () => {
    const state = randomSpinState(system, makeKey(5));
    state.energy += 1;
    refreshSpinState(state);
    assert.ok(Math.abs(state.energy - spinEnergy(system, state.spins)) < 1e-12);
    const stream = new RandomStream(makeKey(6));
    for (let t = 0; t < 5; t++) flipSpin(state, stream.nextInt(12));
    const start = state.energy;
    greedyDescent(state);
    assert.ok(state.energy <= start);
    for (let i = 0; i < 12; i++) assert.ok(2 * state.spins[i] * state.localFields[i] >= -1e-12);
  });
});
