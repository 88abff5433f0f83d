/** The one-word coin decides exactly as `nextUniform() < p` would from the same two words. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniformFromWords } from '../../../src/core/random/bits.js';
import { coinThreshold, flipCoin } from '../../../src/models/ising/coin.js';

function scripted(words: number[]) {
  let position = 0;
  return {
    source: {
      nextUint32: () => words[position++],
      nextInt: () => {
        throw new Error('not used');
      },
    },
    used: () => position,
  };
}

describe('flipCoin', () => {
  it('agrees with uniformFromWords(high, low) < p for any words and p', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 1 }),
        (high, low, p) => {
          const { source } = scripted([high, low]);
          assert.equal(flipCoin(source, coinThreshold(p)), uniformFromWords(high, low) < p);
        },
      ),
      { numRuns: 2000, seed: 17 },
    );
  });

  it('reads the second word only when the first leaves the test undecided', () => {
    const p = 0.3;
    const q = coinThreshold(p);
    const boundaryHigh = Math.floor(q) * 32; // top 27 bits equal ⌊q⌋: undecided
    for (const [high, words] of [
      [0, 1],
      [2 ** 32 - 1, 1],
      [boundaryHigh, 2],
    ]) {
      for (const low of [0, 2 ** 32 - 1, 123456789]) {
        const { source, used } = scripted([high, low]);
        assert.equal(flipCoin(source, q), uniformFromWords(high, low) < p);
        assert.equal(used(), words);
      }
    }
  });

  it('is sure for p ≥ 1 and impossible for p ≤ 0', () => {
    for (const word of [0, 2 ** 31, 2 ** 32 - 1]) {
      assert.equal(flipCoin(scripted([word, word]).source, coinThreshold(1)), true);
      assert.equal(flipCoin(scripted([word, word]).source, coinThreshold(0)), false);
    }
  });
});
