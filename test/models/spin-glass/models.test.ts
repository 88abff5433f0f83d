import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  edwardsAnderson,
  edwardsAndersonFromCouplings,
  neighborSite,
  PARISI_GROUND_STATE_ENERGY,
  sherringtonKirkpatrick,
} from '../../../src/models/spin-glass/index.js';
import { Z_LIMIT } from './helpers.js';

describe('sherringtonKirkpatrick', () => {
  const size = 200;
  const gaussian = sherringtonKirkpatrick({ size, key: makeKey(1) });

  it('draws N(N − 1)/2 symmetric couplings of mean 0 and variance J²/N', () => {
    const count = (size * (size - 1)) / 2;
    assert.equal(gaussian.bondCouplings.length, count);
    assert.equal(gaussian.neighbors.length, 2 * count);
    // √N·J_ij ~ N(0, 1): the sample mean has sd 1/√count, the sample variance sd √(2/count).
    let mean = 0;
    let second = 0;
    for (const j of gaussian.bondCouplings) {
      mean += (j * Math.sqrt(size)) / count;
      second += (j * j * size) / count;
    }
    assert.ok(Math.abs(mean) * Math.sqrt(count) < Z_LIMIT, `mean ${mean}`);
    assert.ok(Math.abs(second - 1) / Math.sqrt(2 / count) < Z_LIMIT, `variance ${second}`);
    // Symmetry: the CSR row of i lists J_ij, the row of j lists the same J_ji.
    const { neighborOffsets, neighbors, neighborCouplings } = gaussian;
    for (const [i, j] of [
      [0, 1],
      [17, 150],
      [199, 3],
    ]) {
      const find = (a: number, b: number) => {
        for (let k = neighborOffsets[a]; k < neighborOffsets[a + 1]; k++)
          if (neighbors[k] === b) return neighborCouplings[k];
        return Number.NaN;
      };
      assert.equal(find(i, j), find(j, i));
      assert.ok(find(i, j) !== 0);
    }
  });

  it('draws ±J/√N couplings with equal probability, scaled by couplingScale', () => {
    const bimodal = sherringtonKirkpatrick({
      size,
      key: makeKey(2),
      couplingDistribution: 'bimodal',
      couplingScale: 2,
    });
    const magnitude = 2 / Math.sqrt(size);
    let positive = 0;
    for (const j of bimodal.bondCouplings) {
      assert.ok(Math.abs(Math.abs(j) - magnitude) < 1e-15);
      if (j > 0) positive++;
    }
    const count = bimodal.bondCouplings.length;
    assert.ok(Math.abs(positive - count / 2) / Math.sqrt(count / 4) < Z_LIMIT);
  });

  it('is a pure function of the key', () => {
    assert.deepEqual(
      sherringtonKirkpatrick({ size: 30, key: makeKey(9) }).bondCouplings,
      sherringtonKirkpatrick({ size: 30, key: makeKey(9) }).bondCouplings,
    );
    assert.notDeepEqual(
      sherringtonKirkpatrick({ size: 30, key: makeKey(9) }).bondCouplings,
      sherringtonKirkpatrick({ size: 30, key: makeKey(10) }).bondCouplings,
    );
    assert.equal(PARISI_GROUND_STATE_ENERGY, -0.7631667);
  });

  it('rejects bad options', () => {
    assert.throws(
      () => sherringtonKirkpatrick({ size: 1, key: makeKey(1) }),
      /size must be an integer in \[2, 4096\]/,
    );
    assert.throws(
      () =>
        sherringtonKirkpatrick({ size: 4, key: makeKey(1), couplingDistribution: 'cauchy' as 'gaussian' }),
      /couplingDistribution must be one of 'gaussian', 'bimodal'/,
    );
    assert.throws(
      () => sherringtonKirkpatrick({ size: 4, key: makeKey(1), couplingScale: 0 }),
      /couplingScale must be a finite number > 0/,
    );
    assert.throws(
      () => sherringtonKirkpatrick({ size: 4, key: [1, 2] as unknown as Uint32Array }),
      /key must be a Uint32Array/,
    );
  });
});

describe('edwardsAnderson', () => {
  it('builds periodic 2D and 3D lattices with 2d neighbours per site', () => {
    for (const [dimension, length] of [
      [2, 5],
      [3, 4],
    ] as const) {
      const ea = edwardsAnderson({ dimension, length, key: makeKey(3) });
      const size = length ** dimension;
      assert.equal(ea.size, size);
      assert.equal(ea.bondCouplings.length, dimension * size);
      for (let i = 0; i < size; i++)
        assert.equal(ea.neighborOffsets[i + 1] - ea.neighborOffsets[i], 2 * dimension);
      for (const j of ea.bondCouplings) assert.ok(j === 1 || j === -1);
    }
    // Wrap-around: in a 5×5 lattice, site (4, 2) = 14 has +x neighbour (0, 2) = 10 and +y (4, 3) = 19.
    const lattice = { dimension: 2, length: 5 };
    assert.equal(neighborSite(lattice, 14, 0), 10);
    assert.equal(neighborSite(lattice, 14, 1), 19);
    assert.equal(neighborSite({ dimension: 3, length: 4 }, 63, 2), 15);
  });

  it('uses the given couplings, and merges the doubled bonds of L = 2', () => {
    const ferromagnet = edwardsAndersonFromCouplings({
      dimension: 2,
      length: 3,
      latticeCouplings: new Float64Array(18).fill(1),
    });
    assert.equal(ferromagnet.bondCouplings.length, 18);
    const small = edwardsAndersonFromCouplings({
      dimension: 2,
      length: 2,
      latticeCouplings: [1, 1, 1, 1, 1, 1, 1, 1],
    });
    // 4 sites, each pair of lattice neighbours joined twice: 4 merged bonds of J = 2.
    assert.deepEqual(Array.from(small.bondCouplings), [2, 2, 2, 2]);
    assert.throws(
      () => edwardsAndersonFromCouplings({ dimension: 2, length: 3, latticeCouplings: [1] }),
      /latticeCouplings must have 18 entries/,
    );
    assert.throws(
      () => edwardsAnderson({ dimension: 4 as 2, length: 3, key: makeKey(1) }),
      /dimension must be 2 or 3/,
    );
  });
});
