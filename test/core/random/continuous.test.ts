import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mapToInterval } from '../../../src/core/random/continuous.js';
import { nextDown } from '../../../src/core/random/elementary.js';
import {
  fold,
  type Key,
  makeKey,
  normal,
  randomBits,
  split,
  uniform,
} from '../../../src/core/random/index.js';
import {
  kolmogorovSmirnovTest,
  momentZScores,
  normalCdf,
  normalMoments,
  P_VALUE_THRESHOLD,
  uniformMoments,
  Z_THRESHOLD,
} from './statistics.js';

const SAMPLES = 200_000;
const KAT_ZERO = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]; // philox4x32-10, counter 0, key 0

function assertMoments(samples: ArrayLike<number>, scores: number[], label: string): void {
  const names = ['mean', 'variance', 'skewness', 'kurtosis'];
  scores.forEach((z, k) => {
    assert.ok(Math.abs(z) < Z_THRESHOLD, `${label} ${names[k]}: z = ${z.toFixed(2)} (n = ${samples.length})`);
  });
}

/** Pearson correlation of two equally long samples, scaled by √n: ≈ N(0, 1) if independent. */
function correlationZ(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] / n;
    meanB += b[i] / n;
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - meanA) * (b[i] - meanB);
    aa += (a[i] - meanA) ** 2;
    bb += (b[i] - meanB) ** 2;
  }
  return (ab / Math.sqrt(aa * bb)) * Math.sqrt(n);
}

describe('randomBits', () => {
  it('is the Philox4x32-10 stream of the key: makeKey(0) gives the Random123 zero vector', () => {
    assert.deepEqual(Array.from(randomBits(makeKey(0), 4)), KAT_ZERO);
  });

  it('is deterministic, and longer requests extend shorter ones', () => {
    const key = makeKey(123);
    fc.assert(
      fc.property(fc.nat(600), fc.nat(600), (a, b) => {
        const [short, long] = a < b ? [a, b] : [b, a];
        assert.deepEqual(randomBits(key, long).subarray(0, short), randomBits(key, short));
      }),
      { seed: 5, numRuns: 50 },
    );
  });

  it('has balanced bits: every bit position is set half the time', () => {
    const words = randomBits(makeKey(17), SAMPLES);
    for (let bit = 0; bit < 32; bit++) {
      let ones = 0;
      for (let i = 0; i < words.length; i++) ones += (words[i] >>> bit) & 1;
      const z = (ones - SAMPLES / 2) / Math.sqrt(SAMPLES / 4);
      assert.ok(Math.abs(z) < Z_THRESHOLD, `bit ${bit}: z = ${z.toFixed(2)}`);
    }
  });

  it('rejects bad keys and counts', () => {
    assert.throws(
      () => randomBits(makeKey(1), -1),
      /randomBits: count must be an integer in \[0, 2\^30\], got -1/,
    );
    assert.throws(() => randomBits(makeKey(1), 2 ** 30 + 1), /count must be an integer in \[0, 2\^30\]/);
    assert.throws(
      () => randomBits(new Float64Array(2) as unknown as Key, 1),
      /randomBits: key must be a Uint32Array/,
    );
  });
});

describe('uniform', () => {
  it('turns two words into one 53-bit number, exactly (checked with BigInt)', () => {
    const [u] = uniform(makeKey(0), 1);
    const expected = Number((BigInt(KAT_ZERO[0] >>> 5) << 26n) | BigInt(KAT_ZERO[1] >>> 6)) / 2 ** 53;
    assert.equal(u, expected);
    const values = uniform(makeKey(3), 10_000);
    let odd = 0;
    for (const v of values) {
      assert.ok(Number.isInteger(v * 2 ** 53), 'on the 2^-53 grid');
      odd += (v * 2 ** 53) % 2;
    }
    assert.ok(Math.abs(odd - 5000) < 5 * 50, `the lowest of the 53 bits is random too (${odd} odd)`);
  });

  it('has the moments and the distribution of U[0, 1) (KS test, n = 2e5)', () => {
    const values = uniform(makeKey(20), SAMPLES);
    assert.ok(values.every((v) => v >= 0 && v < 1));
    assertMoments(values, momentZScores(values, uniformMoments(0, 1)), 'U[0,1)');
    const ks = kolmogorovSmirnovTest(values, (x) => x);
    assert.ok(ks.pValue > P_VALUE_THRESHOLD, `KS p = ${ks.pValue}`);
    // Negative control: the same test rejects u^1.02, a distortion of at most 0.0074 in the CDF.
    const distorted = kolmogorovSmirnovTest(
      values.map((v) => v ** 1.02),
      (x) => x,
    );
    assert.ok(distorted.pValue < P_VALUE_THRESHOLD, `KS must reject u^1.02, p = ${distorted.pValue}`);
  });

  it('maps to [low, high) with the right moments', () => {
    const values = uniform(makeKey(21), SAMPLES, { low: -3, high: 5 });
    assert.ok(values.every((v) => v >= -3 && v < 5));
    assertMoments(values, momentZScores(values, uniformMoments(-3, 5)), 'U[-3,5)');
    const ks = kolmogorovSmirnovTest(values, (x) => (x + 3) / 8);
    assert.ok(ks.pValue > P_VALUE_THRESHOLD, `KS p = ${ks.pValue}`);
  });

  it('never returns high, even where low + (high - low)·u rounds up to it', () => {
    const largest = 1 - 2 ** -53;
    assert.equal(1 + 1 * largest, 2, 'the rounding this guards against');
    assert.equal(mapToInterval(largest, 1, 2, nextDown(2)), nextDown(2));
    assert.equal(mapToInterval(0, 1, 2, nextDown(2)), 1);
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
        fc.double({ min: 0, max: 1e300 }),
        (low, width) => {
          const high = low + width;
          fc.pre(low < high && Number.isFinite(high - low));
          for (const v of uniform(makeKey(1), 20, { low, high })) assert.ok(v >= low && v < high, `${v}`);
          assert.ok(mapToInterval(largest, low, high, nextDown(high)) < high);
        },
      ),
      { seed: 6, numRuns: 200 },
    );
  });

  it('is deterministic and prefix-consistent across chunk boundaries', () => {
    const key = makeKey(22);
    const long = uniform(key, 5000);
    assert.deepEqual(uniform(key, 5000), long);
    assert.deepEqual(uniform(key, 1025), long.subarray(0, 1025));
    assert.deepEqual(uniform(key, 0), new Float64Array(0));
  });

  it('gives independent numbers for split and folded keys', () => {
    const [a, b] = split(makeKey(23));
    assert.ok(Math.abs(correlationZ(uniform(a, SAMPLES), uniform(b, SAMPLES))) < Z_THRESHOLD, 'split');
    const base = makeKey(24);
    const z = correlationZ(uniform(fold(base, 0), SAMPLES), uniform(fold(base, 1), SAMPLES));
    assert.ok(Math.abs(z) < Z_THRESHOLD, `fold: z = ${z}`);
    const serial = uniform(a, SAMPLES + 1);
    assert.ok(
      Math.abs(correlationZ(serial.subarray(1), serial.subarray(0, SAMPLES))) < Z_THRESHOLD,
      'serial',
    );
  });

  it('rejects bad intervals and options, naming the parameter', () => {
    const key = makeKey(1);
    assert.throws(
      () => uniform(key, 3, { low: 1, high: 1 }),
      /uniform: low must be less than high, got low = 1, high = 1/,
    );
    assert.throws(
      () => uniform(key, 3, { low: Number.NaN }),
      /uniform: low must be a finite number, got NaN/,
    );
    assert.throws(
      () => uniform(key, 3, { high: Number.POSITIVE_INFINITY }),
      /uniform: high must be a finite number/,
    );
    assert.throws(() => uniform(key, 3, { low: -1e308, high: 1e308 }), /uniform: high - low must be finite/);
    assert.throws(() => uniform(key, 3, null as unknown as object), /uniform: options must be an object/);
    assert.throws(() => uniform(key, 1.5), /uniform: count must be an integer in \[0, 2\^30\], got 1.5/);
  });
});

describe('normal', () => {
  it('has the moments and the distribution of N(0, 1) (KS test, n = 2e5)', () => {
    const values = normal(makeKey(30), SAMPLES);
    assert.ok(values.every((v) => Number.isFinite(v) && Math.abs(v) < 8.58));
    assertMoments(values, momentZScores(values, normalMoments(0, 1)), 'N(0,1)');
    const ks = kolmogorovSmirnovTest(values, normalCdf);
    assert.ok(ks.pValue > P_VALUE_THRESHOLD, `KS p = ${ks.pValue}`);
    // Negative control: a shift of 0.02σ is caught.
    const shifted = kolmogorovSmirnovTest(
      values.map((v) => v + 0.02),
      normalCdf,
    );
    assert.ok(shifted.pValue < P_VALUE_THRESHOLD, `KS must reject a 0.02σ shift, p = ${shifted.pValue}`);
  });

  it('makes independent pairs: cos and sin halves are each normal, uncorrelated, with exponential r²', () => {
    const values = normal(makeKey(31), SAMPLES);
    const first = values.filter((_, i) => i % 2 === 0);
    const second = values.filter((_, i) => i % 2 === 1);
    for (const [label, half] of [
      ['cos', first],
      ['sin', second],
    ] as const) {
      const ks = kolmogorovSmirnovTest(half, normalCdf);
      assert.ok(ks.pValue > P_VALUE_THRESHOLD, `${label} half: KS p = ${ks.pValue}`);
    }
    assert.ok(Math.abs(correlationZ(first, second)) < Z_THRESHOLD, 'pair correlation');
    const squaredRadius = first.map((x, i) => x * x + second[i] * second[i]);
    const ks = kolmogorovSmirnovTest(squaredRadius, (r2) => 1 - Math.exp(-r2 / 2));
    assert.ok(ks.pValue > P_VALUE_THRESHOLD, `r² ~ χ²₂: KS p = ${ks.pValue}`);
  });

  it('applies mean and std exactly, and std = 0 gives the mean', () => {
    const key = makeKey(32);
    const standard = normal(key, 1001);
    const scaled = normal(key, 1001, { mean: 3, std: 2 });
    assert.deepEqual(
      scaled,
      standard.map((z) => 3 + 2 * z),
    );
    assert.ok(normal(key, 10, { mean: -4, std: 0 }).every((v) => v === -4));
    const values = normal(makeKey(33), SAMPLES, { mean: 10, std: 0.5 });
    assertMoments(values, momentZScores(values, normalMoments(10, 0.5)), 'N(10, 0.25)');
  });

  it('is Box–Muller on the key words, with pinned values (regression across engines)', () => {
    const [z0, z1] = normal(makeKey(0), 2);
    const u1 = uniform(makeKey(0), 2)[0];
    const u2 = uniform(makeKey(0), 2)[1];
    const radius = Math.sqrt(-2 * Math.log(1 - u1));
    assert.ok(Math.abs(z0 - radius * Math.cos(2 * Math.PI * u2)) < 1e-15);
    assert.ok(Math.abs(z1 - radius * Math.sin(2 * Math.PI * u2)) < 1e-15);
    assert.deepEqual(Array.from(normal(makeKey(42), 4)), PINNED_NORMALS);
  });

  it('is prefix-consistent for odd counts and across chunks', () => {
    const key = makeKey(34);
    const long = normal(key, 3001);
    assert.deepEqual(normal(key, 5), long.subarray(0, 5));
    assert.deepEqual(normal(key, 2049), long.subarray(0, 2049));
  });

  it('rejects bad options, naming the parameter', () => {
    const key = makeKey(1);
    assert.throws(() => normal(key, 3, { std: -1 }), /normal: std must be a finite number >= 0, got -1/);
    assert.throws(
      () => normal(key, 3, { std: Number.NaN }),
      /normal: std must be a finite number >= 0, got NaN/,
    );
    assert.throws(
      () => normal(key, 3, { mean: Number.POSITIVE_INFINITY }),
      /normal: mean must be a finite number/,
    );
    assert.throws(() => normal(key, -2), /normal: count must be an integer in \[0, 2\^30\], got -2/);
  });
});

// normal(makeKey(42), 4), pinned so that any change to the words, the pairing or the portable
// log/cos/sin shows up here (and so a browser run can be compared with Node's).
const PINNED_NORMALS = [-0.4874592196285983, -0.5827376831240932, 0.19847897780352466, 0.3695654769780607];
