import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream, randomBits } from '../../src/core/random/index.js';
import {
  createPackedLattice,
  getSpin,
  MAX_PACKED_LATTICE_SIZE,
  packedLatticeBytes,
  packedLatticeView,
  packSpins,
  randomizeSpins,
  setSpin,
  unpackSpins,
} from '../../src/lattice/index.js';
import { randomSpins } from './helpers.js';

const SIZES = [2, 4, 6, 10, 30, 62, 64, 128, 192];

describe('packed lattice layout', () => {
  it('accepts even sides up to 64 and multiples of 64, and names the rule otherwise', () => {
    for (const size of SIZES) assert.equal(createPackedLattice(size).size, size);
    for (const size of [0, 1, 3, 65, 66, 100, 130, 2.5, Number.NaN, -64, MAX_PACKED_LATTICE_SIZE + 64]) {
      assert.throws(
        () => createPackedLattice(size),
        (error: Error) =>
          error instanceof RangeError &&
          /size must be an even integer in \[2, 64\] or a multiple of 64/.test(error.message),
        `size ${size}`,
      );
    }
  });

  it('stores one bit per spin: L²/8 bytes, 2 MiB for L = 4096', () => {
    assert.equal(packedLatticeBytes(64), (64 * 64) / 8);
    assert.equal(packedLatticeBytes(4096), 2 * 1024 * 1024);
    assert.ok(packedLatticeBytes(4096) < 8 * 1024 * 1024);
    const lattice = createPackedLattice(4096);
    assert.equal(lattice.buffer.byteLength, 2 * 1024 * 1024);
    assert.equal(lattice.black.length + lattice.white.length, (4096 * 4096) / 32);
  });

  it('round-trips Int8Array spins through the packed layout for every supported shape', () => {
    for (const size of SIZES) {
      const spins = randomSpins(size, randomBits(makeKey(size), Math.ceil((size * size) / 32)));
      const lattice = packSpins(spins, size);
      assert.deepEqual(unpackSpins(lattice), spins, `size ${size}`);
      for (let row = 0; row < size; row += Math.max(1, size >> 3)) {
        for (let column = 0; column < size; column++) {
          assert.equal(getSpin(lattice, row, column), spins[row * size + column]);
        }
      }
    }
  });

  it('places site (row, column) at bit k mod 32 of word k/32 of its colour row, k = ⌊column/2⌋', () => {
    const lattice = createPackedLattice(128, { initial: 'down' });
    setSpin(lattice, 3, 70, 1); // white (3 + 70 odd): k = 35 → word 1 of row 3, bit 3
    assert.equal(lattice.white[3 * 2 + 1], 1 << 3);
    setSpin(lattice, 5, 1, 1); // black (5 + 1 even): k = 0 → word 0 of row 5, bit 0
    assert.equal(lattice.black[5 * 2], 1);
    assert.equal(getSpin(lattice, 5, 1), 1);
    setSpin(lattice, 5, 1, -1);
    assert.equal(lattice.black[5 * 2], 0);
    assert.throws(() => setSpin(lattice, 0, 0, 0), /spin must be \+1 or -1/);
    assert.throws(() => getSpin(lattice, 128, 0), /row must be an integer in \[0, 127\]/);
  });

  it('keeps the unused high bits of partial words clear', () => {
    const lattice = createPackedLattice(6);
    assert.equal(lattice.validMask, 0b111);
    randomizeSpins(lattice, new RandomStream(makeKey(1)));
    for (const word of [...lattice.black, ...lattice.white]) assert.equal(word & ~0b111, 0);
    assert.ok([...lattice.black].some((word) => word !== 0));
  });

  it('shares memory through views of a SharedArrayBuffer', () => {
    const lattice = createPackedLattice(64, { shared: true, initial: 'down' });
    assert.ok(lattice.buffer instanceof SharedArrayBuffer);
    const view = packedLatticeView(64, lattice.buffer);
    setSpin(view, 10, 11, 1);
    assert.equal(getSpin(lattice, 10, 11), 1);
    assert.throws(
      () => packedLatticeView(128, lattice.buffer),
      /buffer must hold exactly 2048 bytes for size 128/,
    );
  });

  it('validates packSpins input', () => {
    assert.throws(() => packSpins(new Int8Array(15), 4), /spins must be an Int8Array of size² = 16 entries/);
    assert.throws(() => packSpins(new Int8Array(16), 4), /spins\[0\] must be \+1 or -1, got 0/);
  });
});

describe('memory guard', () => {
  it('refuses, before allocating, a lattice over options.maxBytes, naming both figures', () => {
    assert.throws(
      () => createPackedLattice(4096, { maxBytes: 1024 * 1024 }),
      (error: Error) =>
        error instanceof RangeError &&
        error.message.includes('a 4096 × 4096 lattice needs 2.00 MiB of spin storage') &&
        error.message.includes('limit of 1.00 MiB (options.maxBytes)'),
    );
    assert.equal(createPackedLattice(4096, { maxBytes: 2 * 1024 * 1024 }).size, 4096);
  });

  it('by default refuses a lattice larger than half the free memory', () => {
    // 2^20 × 2^20 spins need 128 GiB, far beyond half the free memory of a test machine.
    assert.throws(
      () => createPackedLattice(MAX_PACKED_LATTICE_SIZE),
      (error: Error) =>
        error instanceof RangeError &&
        error.message.includes('needs 128 GiB of spin storage') &&
        error.message.includes('(50% of the free memory; os.freemem() = '),
    );
  });

  it('validates maxBytes and initial', () => {
    assert.throws(
      () => createPackedLattice(64, { maxBytes: 0 }),
      /options.maxBytes must be a positive number/,
    );
    assert.throws(
      () => createPackedLattice(64, { initial: 'random' as 'up' }),
      /options.initial must be 'up' or 'down', got "random"/,
    );
  });
});
