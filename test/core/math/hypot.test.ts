import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portableHypot } from '../../../src/core/math/index.js';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import { assertSameBits, assertUlps, SPECIAL_INPUTS, spreadDouble } from './ulps.js';

const view = new Float64Array(1);
const bits = new BigUint64Array(view.buffer);

/** |x| = mantissa · 2^exponent with an integer mantissa, exactly. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view[0] = Math.abs(x);
  const biased = Number(bits[0] >> 52n);
  const fraction = bits[0] & ((1n << 52n) - 1n);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** ⌊√n⌋ by Newton's method on integers. */
function integerSquareRoot(n: bigint): bigint {
  if (n < 2n) return n;
  // Start above the root (2^⌈bits/2⌉) so that Newton's steps decrease to ⌊√n⌋.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) break;
    x = next;
  }
  return x;
}

/** √(x² + y²) correctly rounded (for results in the normal range), from exact integer arithmetic. */
function exactHypot(x: number, y: number): number {
  const a = decompose(x);
  const b = decompose(y);
  const e = Math.min(a.exponent, b.exponent);
  // x² + y² = sum · 4^e exactly.
  const sum = (a.mantissa << BigInt(a.exponent - e)) ** 2n + (b.mantissa << BigInt(b.exponent - e)) ** 2n;
  if (sum === 0n) return 0;
  // Scale by 4^k so that the root has at least 64 bits, then keep a sticky bit for correct rounding.
  const k = Math.max(0, 64 - Math.floor(sum.toString(2).length / 2));
  const scaled = sum << BigInt(2 * k);
  const root = integerSquareRoot(scaled);
  let withSticky = (root << 1n) | (root * root === scaled ? 0n : 1n);
  // Keep 64 bits (dropped bits go into the sticky bit) so that Number() cannot overflow.
  const drop = Math.max(0, withSticky.toString(2).length - 64);
  const dropped = withSticky & ((1n << BigInt(drop)) - 1n);
  withSticky = (withSticky >> BigInt(drop)) | (dropped === 0n ? 0n : 1n);
  return Number(withSticky) * 2 ** (e - k - 1 + drop);
}

describe('portableHypot', () => {
  it('is within 1 ulp of the exact √(x² + y²) and of Math.hypot', () => {
    const stream = new RandomStream(makeKey(61));
    for (let i = 0; i < 10000; i++) {
      const x = spreadDouble(stream, -900, 900);
      // y within 2^±70 of x (where both terms count), or anywhere in the range.
      const y =
        stream.nextUniform() < 0.7 ? x * spreadDouble(stream, -70, 70) : spreadDouble(stream, -900, 900);
      const exact = exactHypot(x, y);
      assertUlps(portableHypot(x, y), exact, 1, `hypot(${x}, ${y})`);
      // Math.hypot may itself be up to an ulp off, so the two may be 2 ulps apart.
      assertUlps(portableHypot(x, y), Math.hypot(x, y), 2, `hypot(${x}, ${y}) against Math.hypot`);
    }
  });

  it('does not overflow or underflow in between, subnormals included', () => {
    for (const [x, y] of [
      [3e300, 4e300],
      [3e-300, 4e-300],
      [1e-300, 1e-300],
      [1e308, 1e308],
      [1e-200, 1e-180],
    ]) {
      assertUlps(portableHypot(x, y), exactHypot(x, y), 1, `hypot(${x}, ${y})`);
    }
    assert.equal(portableHypot(3 * Number.MIN_VALUE, 4 * Number.MIN_VALUE), 5 * Number.MIN_VALUE);
    assert.equal(portableHypot(Number.MIN_VALUE, 0), Number.MIN_VALUE);
    assert.equal(portableHypot(1e-310, 1), 1);
  });

  it('gets the special values right and is symmetric in its arguments and their signs', () => {
    for (const x of SPECIAL_INPUTS) {
      for (const y of SPECIAL_INPUTS) {
        const label = `hypot(${x}, ${y})`;
        if (Number.isFinite(x) && Number.isFinite(y))
          assertUlps(portableHypot(x, y), Math.hypot(x, y), 2, label);
        else assertSameBits(portableHypot(x, y), Math.hypot(x, y), label);
      }
    }
    assert.equal(portableHypot(Number.NaN, Number.NEGATIVE_INFINITY), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(portableHypot(Number.NaN, 1)));
    assert.equal(portableHypot(-0, -0), 0);
    const stream = new RandomStream(makeKey(62));
    for (let i = 0; i < 1000; i++) {
      const x = spreadDouble(stream);
      const y = spreadDouble(stream);
      const value = portableHypot(x, y);
      assert.equal(portableHypot(y, x), value);
      assert.equal(portableHypot(-x, y), value);
      assert.equal(portableHypot(x, -y), value);
    }
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    const pairs = [
      [3, 4],
      [1, 1e-10],
      [1e-310, 3e-310],
      [0.1, 0.2],
      [-7, 24],
    ];
    assert.deepEqual(
      pairs.map(([x, y]) => portableHypot(x, y)),
      [5, 1, 3.1622776601684e-310, 0.22360679774997896, 25],
    );
  });
});
