import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portableCos, portableSin } from '../../../src/core/math/index.js';
import { type HalfPiRemainder, reduceHalfPi } from '../../../src/core/math/reduce-half-pi.js';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import { assertSameBits, assertUlps, SPECIAL_INPUTS, spreadDouble } from './ulps.js';

describe('portableSin and portableCos', () => {
  it('are within 1 ulp of Math.sin and Math.cos near the origin, in the medium range and beyond', () => {
    const stream = new RandomStream(makeKey(21));
    for (let i = 0; i < 20000; i++) {
      // |x| < 10 (the kernels and the first multiples of π/2), < 2^19·π/2 (Cody–Waite), anything.
      for (const x of [
        (stream.nextUniform() - 0.5) * 20,
        (stream.nextUniform() - 0.5) * 2 ** 21,
        spreadDouble(stream),
      ]) {
        assertUlps(portableSin(x), Math.sin(x), 1, `sin(${x})`);
        assertUlps(portableCos(x), Math.cos(x), 1, `cos(${x})`);
      }
    }
  });

  it('are within 1 ulp of Math.sin and Math.cos right next to multiples of π/2, where reduction cancels', () => {
    for (let n = -40; n <= 40; n++) {
      let x = (n * Math.PI) / 2;
      for (let step = 0; step < 3; step++) {
        assertUlps(portableSin(x), Math.sin(x), 1, `sin(${x})`);
        assertUlps(portableCos(x), Math.cos(x), 1, `cos(${x})`);
        x = x === 0 ? Number.MIN_VALUE : x * (1 + Number.EPSILON);
      }
    }
    // The double nearest a multiple of π/2 with the most cancellation below 2^1024: 6381956970095103·2^797.
    const worst = 6381956970095103 * 2 ** 797;
    assertUlps(portableSin(worst), Math.sin(worst), 1, 'sin(6381956970095103·2^797)');
    assertUlps(portableCos(worst), Math.cos(worst), 1, 'cos(6381956970095103·2^797)');
  });

  it('get the special values right', () => {
    for (const x of SPECIAL_INPUTS) {
      assertSameBits(portableSin(x), Math.sin(x), `sin(${x})`);
      assertSameBits(portableCos(x), Math.cos(x), `cos(${x})`);
    }
    assertSameBits(portableSin(-0), -0, 'sin(−0)');
    assert.equal(portableCos(0), 1);
    assert.ok(Number.isNaN(portableSin(Number.POSITIVE_INFINITY)));
    assert.ok(Number.isNaN(portableCos(Number.NEGATIVE_INFINITY)));
  });

  it('reduce huge arguments with all the bits of 2/π (Payne–Hanek)', () => {
    // sin(10^22) and cos(10^22), correctly rounded (a classic test of the reduction).
    assert.equal(portableSin(1e22), -0.8522008497671888);
    assert.equal(portableCos(1e22), 0.523214785395139);
    assert.equal(portableSin(Number.MAX_VALUE), 0.004961954789184062);
    assert.equal(portableCos(Number.MAX_VALUE), -0.9999876894265599);
  });

  it('satisfy sin² + cos² = 1 to rounding', () => {
    const stream = new RandomStream(makeKey(22));
    for (let i = 0; i < 5000; i++) {
      const x = spreadDouble(stream, -30, 1023);
      const s = portableSin(x);
      const c = portableCos(x);
      assert.ok(Math.abs(s * s + c * c - 1) < 4e-16, `x = ${x}`);
    }
  });

  it('return the same bits as fdlibm for pinned inputs (regression)', () => {
    const inputs = [0.1, 1, 2, 3, 100, -7.5, 12345.678, 2 ** 30, 1e100];
    assert.deepEqual(
      inputs.map(portableSin),
      [
        0.09983341664682815, 0.8414709848078965, 0.9092974268256817, 0.1411200080598672, -0.5063656411097588,
        -0.9379999767747389, -0.7040813137533816, -0.6173264150460421, -0.3806377310050287,
      ],
    );
    assert.deepEqual(
      inputs.map(portableCos),
      [
        0.9950041652780257, 0.5403023058681398, -0.4161468365471424, -0.9899924966004454, 0.8623188722876839,
        0.3466353178350258, 0.7101193587160628, 0.7867071229411882, 0.9247242387519338,
      ],
    );
  });
});

describe('reduceHalfPi', () => {
  it('returns r = x − n·π/2 with |r| ≤ π/4 and a tail of at most an ulp of the head', () => {
    const stream = new RandomStream(makeKey(23));
    const out: HalfPiRemainder = { head: 0, tail: 0 };
    for (let i = 0; i < 5000; i++) {
      const x = spreadDouble(stream, -5, 1023);
      reduceHalfPi(x, out);
      assert.ok(Math.abs(out.head) <= Math.PI / 4 + 1e-15, `head ${out.head} for ${x}`);
      assert.ok(Math.abs(out.tail) <= Math.abs(out.head) * Number.EPSILON, `tail ${out.tail} for ${x}`);
    }
  });

  it('gives the quadrant of moderate arguments exactly', () => {
    const out: HalfPiRemainder = { head: 0, tail: 0 };
    for (let n = -1000; n <= 1000; n++) {
      const x = (n * Math.PI) / 2 + 0.3;
      assert.equal(reduceHalfPi(x, out), n, `n for ${x}`);
      assert.ok(Math.abs(out.head - 0.3) < 1e-12, `r for ${x}: ${out.head}`);
    }
  });

  it('leaves |x| ≤ π/4 alone and gives NaN for non-finite input', () => {
    const out: HalfPiRemainder = { head: 0, tail: 0 };
    assert.equal(reduceHalfPi(0.5, out), 0);
    assert.deepEqual(out, { head: 0.5, tail: 0 });
    assert.equal(reduceHalfPi(Number.POSITIVE_INFINITY, out), 0);
    assert.ok(Number.isNaN(out.head) && Number.isNaN(out.tail));
  });
});
