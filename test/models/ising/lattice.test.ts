/** Ising models and lattices: validation, memory refusal, energy convention, spin codec. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeKey } from '../../../src/core/random/index.js';
import {
  createIsingLattice,
  decodeSpins,
  encodeSpins,
  isingBondCount,
  isingBondSum,
  isingEnergy,
  isingMagnetization,
  isingMemoryBytes,
  isingModel,
  isingNeighborSum,
} from '../../../src/models/ising/index.js';

/** Bond sum written out pair by pair from coordinates, as a reference. */
function referenceBondSum(
  spins: Int8Array,
  width: number,
  height: number,
  dimension: 1 | 2,
  periodic: boolean,
) {
  let sum = 0;
  const at = (x: number, y: number) => spins[y * width + x];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x + 1 < width) sum += at(x, y) * at(x + 1, y);
      else if (periodic) sum += at(x, y) * at(0, y);
      if (dimension === 2) {
        if (y + 1 < height) sum += at(x, y) * at(x, y + 1);
        else if (periodic) sum += at(x, y) * at(x, 0);
      }
    }
  }
  return sum;
}

describe('isingModel', () => {
  it('fills defaults and freezes the description', () => {
    const model = isingModel({ dimension: 2, length: 5, height: 3 });
    assert.deepEqual(
      { ...model },
      {
        dimension: 2,
        width: 5,
        height: 3,
        sites: 15,
        coupling: 1,
        field: 0,
        boundary: 'periodic',
      },
    );
    assert.ok(Object.isFrozen(model));
    assert.equal(isingModel({ dimension: 1, length: 7, height: 9 }).height, 1);
  });

  it('rejects bad input naming the parameter and the range', () => {
    assert.throws(() => isingModel({ dimension: 3 as never, length: 4 }), /dimension must be 1 or 2, got 3/);
    assert.throws(
      () => isingModel({ dimension: 1, length: 1 }),
      /length must be an integer in \[2, 2\^26\], got 1/,
    );
    assert.throws(() => isingModel({ dimension: 2, length: 4, height: 2.5 }), /height must be an integer/);
    assert.throws(
      () => isingModel({ dimension: 2, length: 4, coupling: Number.NaN }),
      /coupling must be a finite number/,
    );
    assert.throws(
      () => isingModel({ dimension: 2, length: 4, field: Infinity }),
      /field must be a finite number/,
    );
    assert.throws(
      () => isingModel({ dimension: 2, length: 4, boundary: 'helical' as never }),
      /boundary must be/,
    );
  });

  it('refuses a lattice too large for memory before allocating it, saying how much it needs', () => {
    assert.throws(
      () => createIsingLattice({ dimension: 2, length: 16384 }, { initial: 'up' }),
      /16384 × 16384 lattice has 268435456 sites and needs 256 MiB.*at most 2\^26/,
    );
    assert.equal(isingMemoryBytes(isingModel({ dimension: 2, length: 64 }), 'swendsen-wang'), 9 * 4096);
  });
});

describe('lattice energy and magnetisation', () => {
  it('match a pair-by-pair reference on random lattices of every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1 as const, 2 as const),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 2, max: 7 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (dimension, width, height, periodic, seed) => {
          const model = isingModel({
            dimension,
            length: width,
            height,
            coupling: 0.7,
            field: -0.3,
            boundary: periodic ? 'periodic' : 'open',
          });
          const lattice = createIsingLattice(model, { key: makeKey(seed) });
          const bondSum = referenceBondSum(lattice.spins, model.width, model.height, dimension, periodic);
          assert.equal(isingBondSum(lattice), bondSum);
          const magnetization = lattice.spins.reduce((s, v) => s + v, 0);
          assert.equal(isingMagnetization(lattice), magnetization);
          assert.ok(Math.abs(isingEnergy(lattice) - (-0.7 * bondSum + 0.3 * magnetization)) < 1e-12);
          // Σ_i s_i·(neighbour sum) counts every bond twice.
          let twice = 0;
          for (let i = 0; i < model.sites; i++) twice += lattice.spins[i] * isingNeighborSum(lattice, i);
          assert.equal(twice, 2 * bondSum);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('counts the double bonds of a periodic side of 2 and the missing bonds of open sides', () => {
    const up = (options: Parameters<typeof isingModel>[0]) =>
      isingBondSum(createIsingLattice(options, { initial: 'up' }));
    assert.equal(up({ dimension: 2, length: 2 }), 8); // 2·N bonds, pairs doubled
    assert.equal(up({ dimension: 2, length: 4, height: 3, boundary: 'open' }), 3 * 3 + 4 * 2);
    assert.equal(up({ dimension: 1, length: 5, boundary: 'open' }), 4);
    assert.equal(isingBondCount(isingModel({ dimension: 2, length: 4, height: 3, boundary: 'open' })), 17);
    assert.equal(
      isingEnergy(createIsingLattice({ dimension: 2, length: 4, field: 0.5 }, { initial: 'down' })),
      -32 + 8,
    );
  });

  it('starts random, up, down or from given spins, and checks them', () => {
    const a = createIsingLattice({ dimension: 2, length: 40 }, { key: makeKey(3) });
    const b = createIsingLattice({ dimension: 2, length: 40 }, { key: makeKey(3) });
    assert.deepEqual(a.spins, b.spins);
    const m = isingMagnetization(a) / 1600;
    assert.ok(Math.abs(m) < 0.1, `a random start has m = ${m}`);
    assert.throws(() => createIsingLattice({ dimension: 1, length: 4 }), /key is required/);
    assert.throws(
      () => createIsingLattice({ dimension: 1, length: 4 }, { initial: [1, -1, 1] }),
      /initial must hold 4 spins/,
    );
    assert.throws(
      () => createIsingLattice({ dimension: 1, length: 3 }, { initial: [1, 0, 1] }),
      /initial\[1\] must be \+1 or −1/,
    );
  });

  it('encodes spins as hexadecimal text and back', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, -1), { minLength: 1, maxLength: 70 }), (values) => {
        const spins = Int8Array.from(values);
        const text = encodeSpins(spins);
        assert.equal(text.length, Math.ceil(spins.length / 4));
        assert.deepEqual(decodeSpins(text, spins.length), spins);
      }),
      { numRuns: 200, seed: 9 },
    );
    assert.throws(() => decodeSpins('f', 3), /bits set beyond the 3 sites/);
  });
});
