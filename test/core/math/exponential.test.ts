import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portableExpm1, portableLog1p, portableTanh } from '../../../src/core/math/index.js';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import { assertSameBits, assertUlps, SPECIAL_INPUTS, spreadDouble } from './ulps.js';

describe('portableExpm1', () => {
  it('is within 1 ulp of Math.expm1 over its whole range, tiny arguments included', () => {
    const stream = new RandomStream(makeKey(31));
    for (let i = 0; i < 20000; i++) {
      for (const x of [
        (stream.nextUniform() - 0.5) * 1500,
        (stream.nextUniform() - 0.5) * 3,
        spreadDouble(stream, -1074, 9),
      ]) {
        assertUlps(portableExpm1(x), Math.expm1(x), 1, `expm1(${x})`);
      }
    }
  });

  it('gets the special values right', () => {
    for (const x of SPECIAL_INPUTS) assertSameBits(portableExpm1(x), Math.expm1(x), `expm1(${x})`);
    assertSameBits(portableExpm1(-0), -0, 'expm1(−0)');
    assert.equal(portableExpm1(Number.NEGATIVE_INFINITY), -1);
    assert.equal(portableExpm1(-50), -1);
    assert.equal(portableExpm1(710), Number.POSITIVE_INFINITY);
    assert.equal(portableExpm1(5e-324), 5e-324, 'expm1 of a subnormal is itself');
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    assert.deepEqual(
      [-40, -1, -1e-5, 1e-10, 0.3, 1, 5, 30, 700].map(portableExpm1),
      [
        -1, -0.6321205588285577, -0.000009999950000166666, 1.00000000005e-10, 0.3498588075760031,
        1.718281828459045, 147.4131591025766, 10686474581523.463, 1.0142320547350045e304,
      ],
    );
  });
});

describe('portableLog1p', () => {
  it('is within 1 ulp of Math.log1p from −1 to the largest double', () => {
    const stream = new RandomStream(makeKey(32));
    for (let i = 0; i < 20000; i++) {
      const magnitude = Math.abs(spreadDouble(stream));
      for (const x of [
        magnitude,
        -stream.nextUniform(),
        (stream.nextUniform() - 0.5) * 2 ** -20,
        -Math.min(magnitude, 1),
      ]) {
        assertUlps(portableLog1p(x), Math.log1p(x), 1, `log1p(${x})`);
      }
    }
  });

  it('gets the special values right', () => {
    for (const x of SPECIAL_INPUTS) assertSameBits(portableLog1p(x), Math.log1p(x), `log1p(${x})`);
    assertSameBits(portableLog1p(-0), -0, 'log1p(−0)');
    assert.equal(portableLog1p(-1), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(portableLog1p(-1.5)));
    assert.ok(Number.isNaN(portableLog1p(Number.NEGATIVE_INFINITY)));
    assert.equal(portableLog1p(1), Math.LN2);
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    assert.deepEqual([-0.999, -0.5, -1e-5, 1e-10, 0.3, 1, 5, 1e10, 1e300].map(portableLog1p), [
      -6.907755278982136,
      -Math.LN2,
      -0.000010000050000333337,
      9.999999999500001e-11,
      0.26236426446749106,
      Math.LN2,
      1.791759469228055,
      23.025850930040455,
      690.7755278982137,
    ]);
  });
});

describe('portableTanh', () => {
  it('is within 1 ulp of Math.tanh', () => {
    const stream = new RandomStream(makeKey(33));
    for (let i = 0; i < 20000; i++) {
      for (const x of [
        (stream.nextUniform() - 0.5) * 50,
        (stream.nextUniform() - 0.5) * 2,
        spreadDouble(stream),
      ]) {
        assertUlps(portableTanh(x), Math.tanh(x), 1, `tanh(${x})`);
      }
    }
  });

  it('gets the special values right and is odd', () => {
    for (const x of SPECIAL_INPUTS) assertSameBits(portableTanh(x), Math.tanh(x), `tanh(${x})`);
    assert.equal(portableTanh(Number.POSITIVE_INFINITY), 1);
    assert.equal(portableTanh(Number.NEGATIVE_INFINITY), -1);
    assertSameBits(portableTanh(-0), -0, 'tanh(−0)');
    const stream = new RandomStream(makeKey(34));
    for (let i = 0; i < 1000; i++) {
      const x = (stream.nextUniform() - 0.5) * 60;
      assert.equal(portableTanh(-x), -portableTanh(x), `tanh(−${x})`);
    }
  });

  it('returns the same bits as fdlibm for pinned inputs (regression)', () => {
    assert.deepEqual(
      [-30, -2, -0.5, 1e-10, 0.2, 0.9, 1, 3, 21].map(portableTanh),
      [
        -1, -0.9640275800758169, -0.46211715726000974, 1e-10, 0.197375320224904, 0.7162978701990245,
        0.7615941559557649, 0.9950547536867305, 1,
      ],
    );
  });
});
