import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, randomBits } from '../../src/core/random/index.js';
import {
  countAntiAlignedBonds,
  countUpSpins,
  createPackedLattice,
  packedEnergyAndMagnetization,
  packSpins,
} from '../../src/lattice/index.js';
import { isingEnergy, isingMagnetization, isingModel } from '../../src/models/ising/index.js';
import { energyAndMagnetization, randomSpins } from './helpers.js';

describe('packedEnergyAndMagnetization', () => {
  it('equals the Int8Array formulas E = −J Σ sᵢ(s_right + s_down) − h M and M = Σ sᵢ', () => {
    for (const size of [2, 4, 6, 12, 64, 128, 192]) {
      for (let seed = 0; seed < 4; seed++) {
        // Biased spins too (seed ≥ 2: three words ANDed), so that M and E are far from 0.
        const words = randomBits(makeKey(1000 * size + seed), Math.ceil((size * size) / 32));
        if (seed >= 2) {
          const more = randomBits(makeKey(1000 * size + seed + 500), 2 * words.length);
          for (let i = 0; i < words.length; i++) words[i] &= more[2 * i] & more[2 * i + 1];
        }
        const spins = randomSpins(size, words);
        const lattice = packSpins(spins, size);
        for (const [coupling, field] of [
          [1, 0],
          [0.7, -0.3],
        ]) {
          const expected = energyAndMagnetization(spins, size, coupling, field);
          const actual = packedEnergyAndMagnetization(lattice, coupling, field);
          assert.ok(Math.abs(actual.energy - expected.energy) < 1e-9 * size * size, `size ${size}`);
          assert.equal(actual.magnetization, expected.magnetization);
        }
      }
    }
  });

  it('agrees with the simple Int8Array Ising model (src/models/ising)', () => {
    for (const size of [2, 8, 64]) {
      const spins = randomSpins(size, randomBits(makeKey(size), Math.ceil((size * size) / 32)));
      const model = isingModel({ dimension: 2, length: size, coupling: 1.3, field: 0.2 });
      const packed = packedEnergyAndMagnetization(packSpins(spins, size), 1.3, 0.2);
      assert.ok(Math.abs(packed.energy - isingEnergy({ model, spins })) < 1e-9);
      assert.equal(packed.magnetization, isingMagnetization({ model, spins }));
    }
  });

  it('gives the ground states: E = −2N J, M = ±N', () => {
    for (const size of [4, 64]) {
      const up = createPackedLattice(size);
      const down = createPackedLattice(size, { initial: 'down' });
      assert.deepEqual(packedEnergyAndMagnetization(up), {
        energy: -2 * size * size,
        magnetization: size * size,
      });
      assert.deepEqual(packedEnergyAndMagnetization(down), {
        energy: -2 * size * size,
        magnetization: -size * size,
      });
      assert.equal(countUpSpins(down), 0);
      assert.equal(countAntiAlignedBonds(up), 0);
    }
  });

  it('rejects non-finite coupling or field', () => {
    const lattice = createPackedLattice(4);
    assert.throws(
      () => packedEnergyAndMagnetization(lattice, Number.NaN),
      /coupling must be a finite number/,
    );
    assert.throws(
      () => packedEnergyAndMagnetization(lattice, 1, Number.POSITIVE_INFINITY),
      /field must be a finite number/,
    );
  });
});
