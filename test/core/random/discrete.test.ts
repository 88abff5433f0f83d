import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bernoulli,
  categorical,
  fold,
  type Key,
  makeKey,
  permutation,
  RandomStream,
  randint,
  randomBits,
  uniform,
} from '../../../src/core/random/index.js';
import { multiplyHigh } from '../../../src/core/random/philox.js';
import { chiSquareTest, histogram, P_VALUE_THRESHOLD } from './statistics.js';

const SAMPLES = 100_000;

function assertFits(observed: ArrayLike<number>, probabilities: ArrayLike<number>, label: string): void {
  const { statistic, pValue } = chiSquareTest(observed, probabilities);
  assert.ok(pValue > P_VALUE_THRESHOLD, `${label}: χ² = ${statistic.toFixed(1)}, p = ${pValue}`);
}

function assertRejects(observed: ArrayLike<number>, probabilities: ArrayLike<number>, label: string): void {
  const { pValue } = chiSquareTest(observed, probabilities);
  assert.ok(
    pValue < P_VALUE_THRESHOLD,
    `negative control ${label}: the χ² test should reject, p = ${pValue}`,
  );
}

/** Exact softmax probabilities with log-sum-exp (the reference the sampler is checked against). */
function softmax(logits: number[]): number[] {
  const largest = Math.max(...logits);
  const weights = logits.map((l) => Math.exp(l - largest));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

describe('bernoulli', () => {
  it('succeeds with the given probability (χ², n = 1e5) and is uniform(key) < p exactly', () => {
    const key = makeKey(40);
    const trials = bernoulli(key, SAMPLES, 0.3);
    const counts = histogram(trials, 2);
    assertFits(counts, [0.7, 0.3], 'p = 0.3');
    assertRejects(counts, [0.69, 0.31], 'p = 0.31');
    const u = uniform(key, SAMPLES);
    assert.ok(trials.every((t, i) => t === (u[i] < 0.3 ? 1 : 0)));
  });

  it('never succeeds at p = 0 and always at p = 1', () => {
    assert.ok(bernoulli(makeKey(41), 10_000, 0).every((t) => t === 0));
    assert.ok(bernoulli(makeKey(41), 10_000, 1).every((t) => t === 1));
  });

  it('accepts one probability per trial', () => {
    const probabilities = Float64Array.from({ length: SAMPLES }, (_, i) => [0.1, 0.9, 0, 1][i % 4]);
    const trials = bernoulli(makeKey(42), SAMPLES, probabilities);
    for (const [phase, p] of [0.1, 0.9, 0, 1].entries()) {
      const subset = trials.filter((_, i) => i % 4 === phase);
      assertFits(histogram(subset, 2), [1 - p, p], `per-trial p = ${p}`);
    }
  });

  it('rejects probabilities outside [0, 1] and arrays of the wrong length, naming the entry', () => {
    const key = makeKey(1);
    for (const p of [-0.1, 1.1, Number.NaN]) {
      assert.throws(() => bernoulli(key, 3, p), /bernoulli: probability must be a probability in \[0, 1\]/);
    }
    assert.throws(() => bernoulli(key, 3, [0.5, 0.5]), /one entry per trial \(length 3\), got length 2/);
    assert.throws(
      () => bernoulli(key, 3, [0.5, 2, 0.5]),
      /bernoulli: probability\[1\] must be a probability in \[0, 1\], got 2/,
    );
    assert.throws(
      () => bernoulli(key, 3, '0.5' as unknown as number),
      /bernoulli: probability must be an array/,
    );
    assert.throws(() => bernoulli(key, -1, 0.5), /bernoulli: count must be an integer in \[0, 2\^30\]/);
  });
});

describe('categorical', () => {
  it('draws categories with probabilities softmax(logits) (χ², n = 1e5)', () => {
    const logits = [0.1, 0.2, 0.3, 0.4].map((p) => Math.log(p) + 5);
    const draws = categorical(makeKey(50), logits, SAMPLES);
    const counts = histogram(draws, 4);
    assertFits(counts, [0.1, 0.2, 0.3, 0.4], 'logits log p + 5');
    assertRejects(counts, [0.11, 0.19, 0.3, 0.4], 'shifted probabilities');
  });

  it('is stable for logits of ±1000, where a naive softmax overflows', () => {
    const logits = [1000, 1000 + Math.LN2, -1000, 999];
    assert.ok(Number.isNaN(Math.exp(1000) / Math.exp(1000)), 'the naive softmax would fail');
    const draws = categorical(makeKey(51), logits, SAMPLES);
    assertFits(histogram(draws, 4), softmax(logits), 'logits ±1000');
    assert.ok(!draws.includes(2), 'e^-2000 is never drawn');
    const low = [-1000, -1001, -1002];
    assertFits(histogram(categorical(makeKey(52), low, SAMPLES), 3), softmax(low), 'logits near −1000');
  });

  it('never draws a category with logit −Infinity', () => {
    const logits = [Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY, 1, Number.NEGATIVE_INFINITY];
    const counts = histogram(categorical(makeKey(53), logits, SAMPLES), 5);
    assert.deepEqual([counts[0], counts[2], counts[4]], [0, 0, 0]);
    assertFits(counts, softmax(logits), 'with −Infinity entries');
    assert.ok(categorical(makeKey(54), [Number.NEGATIVE_INFINITY, 3], 1000).every((c) => c === 1));
    assert.ok(categorical(makeKey(54), [3, Number.NEGATIVE_INFINITY], 1000).every((c) => c === 0));
    assert.ok(categorical(makeKey(54), [7], 100).every((c) => c === 0));
  });

  it('is deterministic and prefix-consistent, for arrays and typed arrays alike', () => {
    const logits = [0.5, -1, 2];
    const long = categorical(makeKey(55), logits, 3000);
    assert.deepEqual(categorical(makeKey(55), Float64Array.from(logits), 1500), long.subarray(0, 1500));
  });

  it('rejects bad logits, naming the entry', () => {
    const key = makeKey(1);
    assert.throws(() => categorical(key, [], 3), /categorical: logits must have at least one entry/);
    assert.throws(
      () => categorical(key, [0, Number.NaN], 3),
      /categorical: logits\[1\] must be a finite number or -Infinity, got NaN/,
    );
    assert.throws(
      () => categorical(key, [Number.POSITIVE_INFINITY], 3),
      /logits\[0\] must be a finite number or -Infinity, got Infinity/,
    );
    assert.throws(
      () => categorical(key, [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], 3),
      /categorical: at least one logit must be finite/,
    );
    assert.throws(
      () => categorical(key, 'abc' as unknown as number[], 3),
      /categorical: logits must be an array/,
    );
    assert.throws(
      () => categorical(key, [1, 2], -3),
      /categorical: count must be an integer in \[0, 2\^30\]/,
    );
  });
});

describe('randint', () => {
  it('is uniform on [low, high) (χ², n = 1e5), including negative bounds', () => {
    const values = randint(makeKey(60), SAMPLES, -3, 4);
    assert.ok(values.every((v) => v >= -3 && v < 4));
    assertFits(
      histogram(
        values.map((v) => v + 3),
        7,
      ),
      new Array(7).fill(1 / 7),
      'randint(-3, 4)',
    );
    assert.ok(randint(makeKey(61), 100, 5, 6).every((v) => v === 5));
  });

  it('has no modulo or multiply bias for a range of 3·2^30 (where naive methods are far off)', () => {
    const low = -(2 ** 31);
    const range = 3 * 2 ** 30;
    const offsets = Float64Array.from(randint(makeKey(62), SAMPLES, low, low + range), (v) => v - low);
    const thirds = new Array(3).fill(1 / 3);
    assertFits(
      histogram(
        offsets.map((v) => Math.floor(v / 2 ** 30)),
        3,
      ),
      thirds,
      'coarse bins',
    );
    assertFits(
      histogram(
        offsets.map((v) => v % 3),
        3,
      ),
      thirds,
      'residues mod 3',
    );
    // Negative controls on the same words: `word % range` puts half the mass in the first third;
    // `floor(word · range / 2^32)` without rejection makes residue 0 mod 3 twice as likely.
    const words = randomBits(makeKey(62), SAMPLES);
    const modulo = Float64Array.from(words, (w) => Math.floor((w % range) / 2 ** 30));
    assertRejects(histogram(modulo, 3), thirds, 'word % range');
    const multiplied = Float64Array.from(words, (w) => multiplyHigh(w, range) % 3);
    assertRejects(histogram(multiplied, 3), thirds, 'multiply without rejection');
  });

  it('covers the full Int32 range [-2^31, 2^31)', () => {
    const values = randint(makeKey(63), SAMPLES, -(2 ** 31), 2 ** 31);
    const octants = Float64Array.from(values, (v) => Math.floor((v + 2 ** 31) / 2 ** 29));
    assertFits(histogram(octants, 8), new Array(8).fill(1 / 8), 'octants of the full range');
  });

  it('stays in range for any bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 ** 32 }),
        (low, width) => {
          const high = Math.min(2 ** 31, low + width);
          for (const v of randint(makeKey(width), 50, low, high)) assert.ok(v >= low && v < high);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('rejects bad bounds, naming the parameter and the range', () => {
    const key = makeKey(1);
    assert.throws(() => randint(key, 3, 4, 4), /randint: low must be less than high, got low = 4, high = 4/);
    assert.throws(
      () => randint(key, 3, 0.5, 4),
      /randint: low must be an integer in \[-2\^31, 2\^31 - 1\], got 0.5/,
    );
    assert.throws(
      () => randint(key, 3, 0, 2 ** 31 + 1),
      /randint: high must be an integer in \[-2\^31 \+ 1, 2\^31\]/,
    );
    assert.throws(() => randint(key, 3, -(2 ** 31) - 1, 0), /randint: low must be an integer/);
    assert.throws(() => randint(key, 3, 0, Number.NaN), /randint: high must be an integer/);
  });
});

describe('permutation', () => {
  it('draws all 24 orders of 4 elements equally often (χ², n = 24 000)', () => {
    const base = makeKey(70);
    const index = (p: ArrayLike<number>) => ((p[0] * 4 + p[1]) * 4 + p[2]) * 4 + p[3];
    const orders = new Map<number, number>();
    const samples = 24_000;
    const observed = (draw: (key: Key) => ArrayLike<number>) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < samples; i++) {
        const code = index(draw(fold(base, i)));
        counts.set(code, (counts.get(code) ?? 0) + 1);
      }
      return counts;
    };
    for (const [code, count] of observed((key) => permutation(key, 4))) orders.set(code, count);
    assert.equal(orders.size, 24);
    const uniform24 = new Array(24).fill(1 / 24);
    assertFits([...orders.values()], uniform24, 'Fisher–Yates');
    // Negative control: the classic wrong shuffle (swap with any position) is far from uniform.
    const naive = observed((key) => {
      const stream = new RandomStream(key);
      const p = [0, 1, 2, 3];
      for (let i = 0; i < 4; i++) {
        const j = stream.nextInt(4);
        [p[i], p[j]] = [p[j], p[i]];
      }
      return p;
    });
    assertRejects([...naive.values()], uniform24, 'naive shuffle');
  });

  it('returns a permutation of 0 … n − 1 (property), with the edge cases n = 0 and 1', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(), (n, seed) => {
        const p = permutation(makeKey(seed), n);
        assert.deepEqual(
          Array.from(p).sort((a, b) => a - b),
          Array.from({ length: n }, (_, i) => i),
        );
      }),
      { seed: 8, numRuns: 100 },
    );
    assert.deepEqual(permutation(makeKey(1), 0), new Int32Array(0));
    assert.deepEqual(permutation(makeKey(1), 1), Int32Array.of(0));
    assert.throws(
      () => permutation(makeKey(1), -1),
      /permutation: n must be an integer in \[0, 2\^30\], got -1/,
    );
  });
});
