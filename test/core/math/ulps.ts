// Helpers of the portable-math tests: distances in units in the last place, and random doubles
// spread over every exponent.
import assert from 'node:assert/strict';
import type { RandomStream } from '../../../src/core/random/index.js';

const pair = new Float64Array(2);
const pairBits = new BigInt64Array(pair.buffer);

/** Distance in ulps between two numbers of the same sign (0 for equal values or two NaNs). */
export function ulps(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  pair[0] = a;
  pair[1] = b;
  const difference = pairBits[0] - pairBits[1];
  return Number(difference < 0n ? -difference : difference);
}

/** Asserts that `actual` is within `limit` ulps of `expected`. */
export function assertUlps(actual: number, expected: number, limit: number, label: string): void {
  const distance = ulps(actual, expected);
  assert.ok(distance <= limit, `${label}: got ${actual}, expected ${expected} (${distance} ulp)`);
}

/** Asserts that `actual` is `expected` to the bit, the sign of zero included. */
export function assertSameBits(actual: number, expected: number, label: string): void {
  assert.ok(Object.is(actual, expected), `${label}: got ${actual}, expected ${expected}`);
}

/** A double of random sign with exponent uniform in [minExponent, maxExponent] and a uniform mantissa. */
export function spreadDouble(stream: RandomStream, minExponent = -1074, maxExponent = 1023): number {
  const sign = stream.nextUniform() < 0.5 ? -1 : 1;
  return (
    sign * (1 + stream.nextUniform()) * 2 ** (minExponent + stream.nextInt(maxExponent - minExponent + 1))
  );
}

/** The special inputs every function is checked on. */
export const SPECIAL_INPUTS: readonly number[] = [
  0,
  -0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308, // the smallest normal
  1e-310, // subnormal
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  1,
  -1,
  0.5,
  -0.5,
  2,
  1e-300,
  1e300,
];
