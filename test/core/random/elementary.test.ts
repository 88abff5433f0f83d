import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextDown } from '../../../src/core/random/elementary.js';
import {
  makeKey,
  portableCosPi,
  portableExp,
  portableLog,
  portableSinPi,
  RandomStream,
} from '../../../src/core/random/index.js';

const pair = new Float64Array(2);
const pairBits = new BigInt64Array(pair.buffer);

/** Distance in units in the last place between two finite numbers of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  pair[0] = a;
  pair[1] = b;
  const difference = pairBits[0] - pairBits[1];
  return Number(difference < 0n ? -difference : difference);
}

function assertUlps(actual: number, expected: number, limit: number, label: string): void {
  const distance = ulps(actual, expected);
  assert.ok(distance <= limit, `${label}: got ${actual}, expected ${expected} (${distance} ulp)`);
}

describe('portableLog', () => {
  it('is within 1 ulp of Math.log from subnormals to the largest double', () => {
    const stream = new RandomStream(makeKey(10));
    for (let i = 0; i < 20000; i++) {
      // Exponents spread over the whole range, mantissas uniform.
      const x = (1 + stream.nextUniform()) * 2 ** (stream.nextInt(2098) - 1074);
      if (x === 0 || !Number.isFinite(x)) continue;
      assertUlps(portableLog(x), Math.log(x), 1, `log(${x})`);
    }
  });

  it('gets the special values and exact points right', () => {
    assert.equal(portableLog(1), 0);
    assert.equal(portableLog(0), Number.NEGATIVE_INFINITY);
    assert.equal(portableLog(-0), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(portableLog(-1)));
    assert.ok(Number.isNaN(portableLog(Number.NaN)));
    assert.equal(portableLog(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    assert.equal(portableLog(2), Math.LN2);
    assert.equal(portableLog(10), Math.LN10);
    assertUlps(portableLog(Math.E), 1, 1, 'log(e)');
    assertUlps(portableLog(Number.MIN_VALUE), -1074 * Math.LN2, 1, 'log(2^-1074)');
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    assert.deepEqual(
      [0.2, 1e-300, 5e-324, 0.75, 3, 1e300].map(portableLog),
      [
        -1.6094379124341003, -690.7755278982137, -744.4400719213812, -0.2876820724517809, 1.0986122886681096,
        690.7755278982137,
      ],
    );
  });
});

describe('portableExp', () => {
  it('is within 1 ulp of Math.exp over its whole finite range', () => {
    const stream = new RandomStream(makeKey(11));
    for (let i = 0; i < 20000; i++) {
      const x = -745 + 1455 * stream.nextUniform();
      const expected = Math.exp(x);
      if (expected === 0 || !Number.isFinite(expected)) continue;
      assertUlps(portableExp(x), expected, 1, `exp(${x})`);
    }
    for (let i = 0; i < 2000; i++) {
      const x = (stream.nextUniform() - 0.5) * 2 ** -20; // the small-argument branches
      assertUlps(portableExp(x), Math.exp(x), 1, `exp(${x})`);
    }
  });

  it('gets the special values and exact points right', () => {
    assert.equal(portableExp(0), 1);
    assert.equal(portableExp(1), Math.E);
    assert.equal(portableExp(Number.NEGATIVE_INFINITY), 0);
    assert.equal(portableExp(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(portableExp(Number.NaN)));
    assert.equal(portableExp(710), Number.POSITIVE_INFINITY);
    assert.equal(portableExp(-746), 0);
    assert.ok(portableExp(709.78) < Number.POSITIVE_INFINITY);
    assert.ok(portableExp(-745) > 0, 'subnormal results survive');
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    assert.deepEqual(
      [-0.5, 1e-10, 0.75, 10, -700, 709, -740].map(portableExp),
      [
        0.6065306597126334, 1.0000000001, 2.117000016612675, 22026.465794806718, 9.85967654375977e-305,
        8.218407461554972e307, 4.2e-322,
      ],
    );
  });
});

describe('portableSinPi and portableCosPi', () => {
  it('agree with Math.sin(πx) and Math.cos(πx)', () => {
    const stream = new RandomStream(makeKey(12));
    for (let i = 0; i < 20000; i++) {
      const small = (stream.nextUniform() - 0.5) / 2; // |πx| ≤ π/4: only the kernels
      assertUlps(portableSinPi(small), Math.sin(Math.PI * small), 2, `sinPi(${small})`);
      assertUlps(portableCosPi(small), Math.cos(Math.PI * small), 2, `cosPi(${small})`);
      const x = (stream.nextUniform() - 0.5) * 4;
      // Math.PI·x is itself rounded, so compare with an absolute tolerance of a few ulp of 1.
      assert.ok(Math.abs(portableSinPi(x) - Math.sin(Math.PI * x)) < 1e-15, `sinPi(${x})`);
      assert.ok(Math.abs(portableCosPi(x) - Math.cos(Math.PI * x)) < 1e-15, `cosPi(${x})`);
    }
  });

  it('reduce the argument exactly: integers and half-integers give exact zeros and ±1', () => {
    for (const n of [-3, -2, -1, 0, 1, 2, 3, 1e6, 2 ** 50]) {
      assert.equal(Math.abs(portableSinPi(n)), 0, `sinPi(${n})`);
      assert.equal(portableCosPi(n), n % 2 === 0 ? 1 : -1, `cosPi(${n})`);
      assert.equal(Math.abs(portableCosPi(n + 0.5)), 0, `cosPi(${n} + 1/2)`);
    }
    assert.equal(portableSinPi(0.5), 1);
    assert.equal(portableSinPi(-0.5), -1);
    assertUlps(portableSinPi(0.25), Math.SQRT1_2, 1, 'sinPi(1/4)');
    assertUlps(portableCosPi(1 / 3), 0.5, 1, 'cosPi(1/3)');
    // Far from 0, sin(πx) is still exact to 1 ulp, unlike Math.sin(Math.PI * x).
    assertUlps(portableSinPi(1e6 + 0.25), Math.SQRT1_2, 1, 'sinPi(10^6 + 1/4)');
    assert.ok(Number.isNaN(portableSinPi(Number.POSITIVE_INFINITY)));
    assert.ok(Number.isNaN(portableCosPi(Number.NaN)));
  });

  it('satisfy sin² + cos² = 1 to rounding', () => {
    const stream = new RandomStream(makeKey(13));
    for (let i = 0; i < 5000; i++) {
      const x = (stream.nextUniform() - 0.5) * 100;
      const s = portableSinPi(x);
      const c = portableCosPi(x);
      assert.ok(Math.abs(s * s + c * c - 1) < 4e-16, `x = ${x}`);
    }
  });
});

describe('nextDown', () => {
  it('steps to the adjacent float64 below, across exponent boundaries and zero', () => {
    assert.equal(nextDown(1), 1 - 2 ** -53);
    assert.equal(nextDown(2), 2 - 2 ** -52);
    assert.equal(nextDown(-1), -1 - 2 ** -52);
    assert.equal(nextDown(0), -Number.MIN_VALUE);
    assert.equal(nextDown(Number.MIN_VALUE), 0);
    assert.equal(nextDown(-Number.MAX_VALUE), Number.NEGATIVE_INFINITY);
    assert.equal(nextDown(Number.POSITIVE_INFINITY), Number.MAX_VALUE);
    assert.equal(nextDown(2 ** -1022), 2 ** -1022 - Number.MIN_VALUE);
  });
});
