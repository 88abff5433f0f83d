import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, portableExp, randomBits } from '../../src/core/random/index.js';
import {
  bernoulliLanes,
  binaryExpansionMasks,
  countBitsOfFour,
  metropolisClasses,
  packedAcceptance,
  popcount32,
  Xoshiro128StarStar,
} from '../../src/lattice/index.js';
import { Z_LIMIT } from './helpers.js';

const bit = (word: number, lane: number) => (word >>> lane) & 1;

describe('popcount32', () => {
  it('counts the set bits of edge cases and random words', () => {
    assert.equal(popcount32(0), 0);
    assert.equal(popcount32(-1), 32);
    assert.equal(popcount32(0xffffffff), 32);
    assert.equal(popcount32(0x80000000), 1);
    for (const word of randomBits(makeKey(1), 500)) {
      let count = 0;
      for (let lane = 0; lane < 32; lane++) count += bit(word, lane);
      assert.equal(popcount32(word), count);
    }
  });
});

describe('neighbour counting with adders', () => {
  it('countBitsOfFour equals the arithmetic count for all 16 patterns', () => {
    // Lane p (and lane p + 16, with inputs complemented) holds pattern p of the four inputs.
    const input = (i: number) => {
      let word = 0;
      for (let p = 0; p < 16; p++) word |= (bit(p, i) << p) | ((1 - bit(p, i)) << (p + 16));
      return word;
    };
    const [ones, twos, fours] = countBitsOfFour(input(0), input(1), input(2), input(3));
    for (let lane = 0; lane < 32; lane++) {
      const pattern = lane < 16 ? lane : ~(lane - 16) & 15;
      const expected = bit(pattern, 0) + bit(pattern, 1) + bit(pattern, 2) + bit(pattern, 3);
      assert.equal(bit(ones, lane) + 2 * bit(twos, lane) + 4 * bit(fours, lane), expected, `lane ${lane}`);
    }
  });

  it('metropolisClasses matches ΔE = 2 s Σ sⱼ for all 16 neighbour patterns × 2 spin values', () => {
    // Lane i: neighbour j is up (+1) when bit j of i is set; the spin is up when bit 4 is set.
    let spin = 0;
    const neighbours = [0, 0, 0, 0];
    for (let lane = 0; lane < 32; lane++) {
      spin |= bit(lane, 4) << lane;
      for (let j = 0; j < 4; j++) neighbours[j] |= bit(lane, j) << lane;
    }
    const classes = metropolisClasses(spin, neighbours[0], neighbours[1], neighbours[2], neighbours[3]);
    for (let lane = 0; lane < 32; lane++) {
      const s = bit(lane, 4) ? 1 : -1;
      let sum = 0;
      for (let j = 0; j < 4; j++) sum += bit(lane, j) ? 1 : -1;
      const deltaEnergy = 2 * s * sum; // J = 1
      assert.equal(bit(classes.atLeastTwo, lane), deltaEnergy <= 0 ? 1 : 0, `lane ${lane}`);
      assert.equal(bit(classes.one, lane), deltaEnergy === 4 ? 1 : 0, `lane ${lane}`);
      assert.equal(bit(classes.none, lane), deltaEnergy === 8 ? 1 : 0, `lane ${lane}`);
    }
  });
});

describe('binary expansions', () => {
  it('are exact: the bits sum back to p', () => {
    assert.deepEqual([...binaryExpansionMasks(0)], []);
    assert.deepEqual([...binaryExpansionMasks(0.5)], [-1]);
    assert.deepEqual([...binaryExpansionMasks(0.625)], [-1, 0, -1]);
    for (const p of [
      portableExp(-4 / 2.269185314213022),
      portableExp(-8 / 1.5),
      1e-300,
      5e-324,
      1 - 2 ** -53,
    ]) {
      const bits = binaryExpansionMasks(p);
      let sum = 0;
      for (let k = bits.length - 1; k >= 0; k--) sum += bits[k] ? 2 ** -(k + 1) : 0;
      assert.equal(sum, p);
      assert.ok(bits.length <= 1074);
    }
    assert.throws(() => binaryExpansionMasks(1), /probability must be in \[0, 1\), got 1/);
  });
});

describe('exact Bernoulli lanes', () => {
  /** Lane frequencies of `bernoulliLanes` over `draws` calls with all 32 lanes in one class. */
  function laneCounts(p: number, draws: number, seed: number): number[] {
    const expansion = binaryExpansionMasks(p);
    const interleaved = new Int32Array(2 * expansion.length);
    for (let k = 0; k < expansion.length; k++) interleaved[2 * k] = expansion[k];
    const source = new Xoshiro128StarStar(makeKey(seed));
    const counts = new Array(32).fill(0);
    for (let n = 0; n < draws; n++) {
      const mask = bernoulliLanes(-1, 0, interleaved, expansion.length, source);
      for (let lane = 0; lane < 32; lane++) counts[lane] += bit(mask, lane);
    }
    return counts;
  }

  for (const p of [portableExp(-4 / 2.269185314213022), 0.5, 0.03, 0.9]) {
    it(`set each lane with probability p = ${p.toPrecision(4)}, independently of its neighbour`, () => {
      const draws = 20000;
      const counts = laneCounts(p, draws, 7);
      const total = counts.reduce((a, b) => a + b, 0);
      const n = 32 * draws;
      const z = (total - n * p) / Math.sqrt(n * p * (1 - p));
      assert.ok(Math.abs(z) < Z_LIMIT, `overall z = ${z}`);
      for (let lane = 0; lane < 32; lane++) {
        const zLane = (counts[lane] - draws * p) / Math.sqrt(draws * p * (1 - p));
        assert.ok(Math.abs(zLane) < Z_LIMIT, `lane ${lane}: z = ${zLane}`);
      }
    });
  }

  it('draw two probabilities in disjoint lanes, with independent lanes', () => {
    const acceptance = packedAcceptance({ temperature: 2.269185314213022 });
    const { probabilityFour: pA, probabilityEight: pB } = acceptance;
    const source = new Xoshiro128StarStar(makeKey(11));
    const lanesA = 0x0000ffff;
    const lanesB = 0x7fff0000; // lane 31 in neither class: must stay 0
    const draws = 40000;
    let countA = 0;
    let countB = 0;
    let both = 0; // lanes 0 and 1 both set: ≈ pA²
    for (let n = 0; n < draws; n++) {
      const mask = bernoulliLanes(lanesA, lanesB, acceptance.expansions, acceptance.depth, source);
      assert.equal(bit(mask, 31), 0);
      countA += popcount32(mask & lanesA);
      countB += popcount32(mask & lanesB);
      both += bit(mask, 0) & bit(mask, 1);
    }
    const z = (count: number, n: number, p: number) => (count - n * p) / Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(z(countA, 16 * draws, pA)) < Z_LIMIT, `A: z = ${z(countA, 16 * draws, pA)}`);
    assert.ok(Math.abs(z(countB, 15 * draws, pB)) < Z_LIMIT, `B: z = ${z(countB, 15 * draws, pB)}`);
    assert.ok(Math.abs(z(both, draws, pA * pA)) < Z_LIMIT, `pairs: z = ${z(both, draws, pA * pA)}`);
  });

  it('use about log₂(lanes) + 1.3 words per call, and none when no lane needs one', () => {
    const acceptance = packedAcceptance({ temperature: 2.269185314213022 });
    let words = 0;
    const source = {
      inner: new Xoshiro128StarStar(makeKey(3)),
      nextUint32() {
        words++;
        return this.inner.nextUint32();
      },
    };
    assert.equal(bernoulliLanes(0, 0, acceptance.expansions, acceptance.depth, source), 0);
    assert.equal(words, 0);
    for (let n = 0; n < 1000; n++) bernoulliLanes(-1, 0, acceptance.expansions, acceptance.depth, source);
    assert.ok(words / 1000 > 5.5 && words / 1000 < 7.5, `words per call ${words / 1000}`);
  });

  it('negative control: the frequency check rejects a biased p', () => {
    const draws = 20000;
    const counts = laneCounts(0.52, draws, 7);
    const total = counts.reduce((a, b) => a + b, 0);
    const n = 32 * draws;
    assert.ok(Math.abs((total - n * 0.5) / Math.sqrt(n * 0.25)) > Z_LIMIT);
  });
});
