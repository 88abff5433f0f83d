import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream, randomBits } from '../../src/core/random/index.js';
import {
  bernoulliLanes,
  blockGenerator,
  createPackedLattice,
  metropolisClasses,
  type PackedLattice,
  packedAcceptance,
  packedHalfSweep,
  packedMetropolis,
  packSpins,
  randomizeSpins,
  unpackSpins,
  Xoshiro128StarStar,
} from '../../src/lattice/index.js';
import { neighbourSum, randomSpins } from './helpers.js';

const T_CRITICAL = 2 / Math.log(1 + Math.SQRT2);

/** A random lattice of side `size` from `seed`, packed, with its Int8Array spins. */
function randomLattice(size: number, seed: number): { lattice: PackedLattice; spins: Int8Array } {
  const spins = randomSpins(size, randomBits(makeKey(seed), Math.ceil((size * size) / 32)));
  return { lattice: packSpins(spins, size), spins };
}

/**
 * The half sweep written independently of the kernel: neighbour words built lane by lane from the
 * Int8Array spins, classes by `metropolisClasses`, random lanes by `bernoulliLanes`.
 */
function referenceHalfSweep(
  lattice: PackedLattice,
  colour: number,
  temperature: number,
  source: Xoshiro128StarStar,
): void {
  const { size, wordsPerRow, bitsPerWord, validMask } = lattice;
  const spins = unpackSpins(lattice);
  const acceptance = packedAcceptance({ temperature });
  const words = colour === 0 ? lattice.black : lattice.white;
  const at = (row: number, column: number) =>
    spins[((row + size) % size) * size + ((column + size) % size)] > 0 ? 1 : 0;
  for (let row = 0; row < size; row++) {
    for (let w = 0; w < wordsPerRow; w++) {
      const neighbours = [0, 0, 0, 0];
      for (let lane = 0; lane < bitsPerWord; lane++) {
        const column = 2 * (32 * w + lane) + ((row + colour) & 1);
        const values = [at(row - 1, column), at(row + 1, column), at(row, column - 1), at(row, column + 1)];
        for (let j = 0; j < 4; j++) neighbours[j] |= values[j] << lane;
      }
      const spin = words[row * wordsPerRow + w];
      const classes = metropolisClasses(spin, neighbours[0], neighbours[1], neighbours[2], neighbours[3]);
      const accepted = bernoulliLanes(
        classes.one & validMask,
        classes.none & validMask,
        acceptance.expansions,
        acceptance.depth,
        source,
      );
      words[row * wordsPerRow + w] = spin ^ ((classes.atLeastTwo | accepted) & validMask);
    }
  }
}

describe('packed Metropolis kernel', () => {
  it('at T = 0 flips exactly the spins with ΔE ≤ 0, for every neighbour pattern and spin', () => {
    const seen = new Set<number>();
    for (const size of [2, 4, 6, 10, 64, 128, 192]) {
      for (let seed = 0; seed < 3; seed++) {
        const { lattice, spins } = randomLattice(size, 100 * size + seed);
        const generator = new Xoshiro128StarStar(makeKey(seed));
        const acceptance = packedAcceptance({ temperature: 0 });
        for (let colour = 0; colour < 2; colour++) {
          const expected = spins.slice();
          for (let row = 0; row < size; row++) {
            for (let column = 0; column < size; column++) {
              if (((row + column) & 1) !== colour) continue;
              const s = spins[row * size + column];
              const sum = neighbourSum(spins, size, row, column);
              if (2 * s * sum <= 0) expected[row * size + column] = -s;
              if (size >= 6) {
                const n = [
                  spins[((row + size - 1) % size) * size + column],
                  spins[((row + 1) % size) * size + column],
                  spins[row * size + ((column + size - 1) % size)],
                  spins[row * size + ((column + 1) % size)],
                ];
                seen.add(n.reduce((code, value, j) => code | ((value > 0 ? 1 : 0) << j), s > 0 ? 16 : 0));
              }
            }
          }
          packedHalfSweep(lattice, colour, 0, size, acceptance, generator);
          assert.deepEqual(unpackSpins(lattice), expected, `size ${size}, colour ${colour}`);
          spins.set(expected);
        }
      }
    }
    assert.equal(seen.size, 32, 'all 16 neighbour patterns × 2 spin values were exercised');
  });

  it('at T = ∞ flips every spin of the colour', () => {
    for (const size of [4, 64, 128]) {
      const { lattice, spins } = randomLattice(size, size);
      packedMetropolis(lattice, makeKey(1), { temperature: Number.POSITIVE_INFINITY }).sweep(1);
      assert.deepEqual(
        unpackSpins(lattice),
        spins.map((s) => -s),
      );
    }
  });

  it('agrees bit for bit with the half sweep rebuilt from metropolisClasses and bernoulliLanes', () => {
    for (const size of [2, 6, 64, 128]) {
      for (const temperature of [1.5, T_CRITICAL, 3.5]) {
        const { lattice } = randomLattice(size, 7 * size);
        const reference = packSpins(unpackSpins(lattice), size);
        const key = makeKey(size);
        const kernelGenerator = new Xoshiro128StarStar(key);
        const referenceGenerator = new Xoshiro128StarStar(key);
        const acceptance = packedAcceptance({ temperature });
        for (let sweep = 0; sweep < 3; sweep++) {
          for (let colour = 0; colour < 2; colour++) {
            packedHalfSweep(lattice, colour, 0, size, acceptance, kernelGenerator);
            referenceHalfSweep(reference, colour, temperature, referenceGenerator);
          }
        }
        assert.deepEqual(lattice.black, reference.black, `size ${size}, T ${temperature}`);
        assert.deepEqual(lattice.white, reference.white, `size ${size}, T ${temperature}`);
        assert.deepEqual(kernelGenerator.getState(), referenceGenerator.getState());
      }
    }
  });

  it('splits rows into blocks, each with the generator of fold(key, block)', () => {
    const size = 128;
    const start = randomLattice(size, 5).lattice;
    const blocked = packSpins(unpackSpins(start), size);
    packedMetropolis(blocked, makeKey(2), { temperature: T_CRITICAL, blockCount: 3 }).sweep(2);
    // By hand: blocks [0, 42), [42, 85), [85, 128), black then white.
    const byHand = packSpins(unpackSpins(start), size);
    const acceptance = packedAcceptance({ temperature: T_CRITICAL });
    const generators = [0, 1, 2].map((block) => blockGenerator(makeKey(2), block));
    const ranges = [
      [0, 42],
      [42, 85],
      [85, 128],
    ];
    for (let sweep = 0; sweep < 2; sweep++) {
      for (let colour = 0; colour < 2; colour++) {
        for (let block = 0; block < 3; block++) {
          packedHalfSweep(byHand, colour, ranges[block][0], ranges[block][1], acceptance, generators[block]);
        }
      }
    }
    assert.deepEqual(blocked.black, byHand.black);
    assert.deepEqual(blocked.white, byHand.white);
    const single = packSpins(unpackSpins(start), size);
    packedMetropolis(single, makeKey(2), { temperature: T_CRITICAL }).sweep(2);
    assert.notDeepEqual(single.black, blocked.black);
  });

  it('keeps unused bits of partial words clear while sweeping', () => {
    const lattice = createPackedLattice(10);
    randomizeSpins(lattice, new RandomStream(makeKey(3)));
    packedMetropolis(lattice, makeKey(4), { temperature: 0.5 }).sweep(20);
    for (const word of [...lattice.black, ...lattice.white]) assert.equal(word & ~0b11111, 0);
  });
});

describe('packed Metropolis options', () => {
  it('computes e^{−4J/T} and e^{−8J/T} with their binary expansions', () => {
    const acceptance = packedAcceptance({ temperature: 2, coupling: 0.5 });
    assert.ok(Math.abs(acceptance.probabilityFour - Math.exp(-1)) < 1e-16);
    assert.ok(Math.abs(acceptance.probabilityEight - Math.exp(-2)) < 1e-16);
    assert.equal(acceptance.expansions.length, 2 * acceptance.depth);
    assert.equal(packedAcceptance({ temperature: 0 }).depth, 0);
  });

  it('refuses a field, a non-ferromagnetic coupling and bad temperatures with clear messages', () => {
    assert.throws(
      () => packedAcceptance({ temperature: 2, field: 0.1 }),
      /field must be 0 for the packed kernel/,
    );
    assert.throws(
      () => packedAcceptance({ temperature: 2, coupling: -1 }),
      /coupling must be a finite number > 0/,
    );
    assert.throws(
      () => packedAcceptance({ temperature: -1 }),
      /temperature must be a number in \[0, ∞\], got -1/,
    );
    assert.throws(
      () => packedAcceptance({ temperature: Number.NaN }),
      /temperature must be a number in \[0, ∞\]/,
    );
    const lattice = createPackedLattice(64);
    assert.throws(
      () => packedMetropolis(lattice, makeKey(1), { temperature: 2, blockCount: 65 }),
      /blockCount must be an integer in \[1, 64\]/,
    );
    assert.throws(
      () =>
        packedHalfSweep(
          lattice,
          2,
          0,
          64,
          packedAcceptance({ temperature: 2 }),
          new Xoshiro128StarStar(makeKey(1)),
        ),
      /colour must be 0 \(black\) or 1 \(white\)/,
    );
    assert.throws(
      () => packedMetropolis(lattice, makeKey(1), { temperature: 2 }).sweep(-1),
      /count must be an integer ≥ 0/,
    );
  });
});
