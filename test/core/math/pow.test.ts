import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portablePow } from '../../../src/core/math/index.js';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import { assertSameBits, assertUlps, SPECIAL_INPUTS, spreadDouble } from './ulps.js';

describe('portablePow', () => {
  it('is within 1 ulp of ** for positive bases and exponents of every size', () => {
    const stream = new RandomStream(makeKey(51));
    for (let i = 0; i < 20000; i++) {
      const x = Math.abs(spreadDouble(stream));
      for (const y of [
        (stream.nextUniform() - 0.5) * 20,
        -2 / 3,
        ((stream.nextUniform() - 0.5) * 2000) / Math.max(1, Math.abs(Math.log2(x))),
      ]) {
        const expected = x ** y;
        if (expected === 0 || !Number.isFinite(expected)) continue;
        assertUlps(portablePow(x, y), expected, 1, `${x} ** ${y}`);
      }
    }
  });

  it('is within 1 ulp of ** for negative bases and integer exponents, with the right sign', () => {
    const stream = new RandomStream(makeKey(52));
    for (let i = 0; i < 5000; i++) {
      const x = -(0.5 + 4 * stream.nextUniform());
      const y = stream.nextInt(61) - 30;
      assertUlps(portablePow(x, y), x ** y, 1, `${x} ** ${y}`);
      assert.equal(Math.sign(portablePow(x, y)), y % 2 === 0 ? 1 : -1, `sign of ${x} ** ${y}`);
    }
  });

  it('is exact for exact integer powers', () => {
    for (let k = -1074; k <= 1023; k += 7) assert.equal(portablePow(2, k), 2 ** k, `2 ** ${k}`);
    for (let n = 0; n <= 22; n++) assert.equal(portablePow(10, n), Number(`1e${n}`), `10 ** ${n}`);
    assert.equal(portablePow(3, 30), 205891132094649);
    assert.equal(portablePow(-3, 3), -27);
    assert.equal(portablePow(9, 0.5), 3);
  });

  it('gets every special case of ECMAScript’s ** right', () => {
    for (const x of SPECIAL_INPUTS) {
      for (const y of SPECIAL_INPUTS) assertSameBits(portablePow(x, y), x ** y, `${x} ** ${y}`);
      for (const y of [3, -3, 4, -4, 0.5, -0.5, 2.5, 1e20, -1e20]) {
        assertSameBits(portablePow(x, y), x ** y, `${x} ** ${y}`);
      }
    }
    assert.ok(Number.isNaN(portablePow(1, Number.NaN)), '1 ** NaN is NaN in JavaScript');
    assert.ok(Number.isNaN(portablePow(-1, Number.POSITIVE_INFINITY)), '(−1) ** ∞ is NaN in JavaScript');
    assert.equal(portablePow(Number.NaN, 0), 1);
    assert.ok(Number.isNaN(portablePow(-8, 1 / 3)), 'a negative base to a non-integer power');
    assertSameBits(portablePow(-0, 3), -0, '(−0) ** 3');
    assert.equal(portablePow(-0, -3), Number.NEGATIVE_INFINITY);
    assert.equal(portablePow(1 + 2 ** -30, 2 ** 40), (1 + 2 ** -30) ** (2 ** 40));
  });

  it('overflows and underflows where ** does, and reaches the subnormals', () => {
    assert.equal(portablePow(10, 309), Number.POSITIVE_INFINITY);
    assert.equal(portablePow(10, -400), 0);
    assert.equal(portablePow(2, -1074), Number.MIN_VALUE);
    assertUlps(portablePow(10, -310), 1e-310, 1, '10 ** −310');
    assertUlps(portablePow(Number.MAX_VALUE, 1), Number.MAX_VALUE, 0, 'max ** 1');
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    const pairs = [
      [2, 0.5],
      [10, -2 / 3],
      [0.3, 7.7],
      [1.0000001, 1e9],
      [3, 100],
      [12, -2 / 3],
      [7, 1 / 3],
    ];
    assert.deepEqual(
      pairs.map(([x, y]) => portablePow(x, y)),
      [
        Math.SQRT2,
        0.2154434690031884,
        0.00009415289134866056,
        2.6881038582144647e43,
        5.153775207320113e47,
        0.19078570709222198,
        1.912931182772389,
      ],
    );
  });
});
