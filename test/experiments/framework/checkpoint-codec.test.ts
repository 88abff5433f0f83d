import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeFloat64, encodeFloat64 } from '../../../src/experiments/framework/checkpoint-codec.js';

/** True when `a` and `b` hold the same numbers bit for bit (NaN equal to NaN, −0 apart from 0). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

describe('checkpoint codec', () => {
  it('round-trips the special values bit for bit', () => {
    const values = Float64Array.of(0, -0, 1.5, -2e-310, Number.MAX_VALUE, Math.PI, Number.NaN, Infinity);
    const decoded = decodeFloat64(encodeFloat64(values));
    assert.equal(decoded.length, values.length);
    for (let i = 0; i < values.length; i++) assert.ok(Object.is(decoded[i], values[i]), `entry ${i}`);
    assert.equal(decodeFloat64(encodeFloat64(new Float64Array(0))).length, 0);
  });

  it('writes little-endian IEEE 754 bytes as standard base64', () => {
    // 1 = 0x3FF0000000000000 → bytes 00 00 00 00 00 00 F0 3F; −2 = 0xC000000000000000.
    assert.equal(encodeFloat64(Float64Array.of(1)), 'AAAAAAAA8D8=');
    assert.equal(encodeFloat64(Float64Array.of(1, -2)), 'AAAAAAAA8D8AAAAAAAAAwA==');
    assert.deepEqual(decodeFloat64('AAAAAAAA8D8AAAAAAAAAwA=='), Float64Array.of(1, -2));
  });

  it('round-trips arrays longer than one encoding chunk', () => {
    // 50 000 numbers = 400 000 bytes: more than twelve 32 KiB chunks, the last one partial.
    const long = Float64Array.from({ length: 50_000 }, (_, i) => Math.sin(i) * 1e3);
    assert.ok(sameBits(decodeFloat64(encodeFloat64(long)), long));
  });

  it('round-trips any float64 array (property)', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 64 }), (values) =>
        sameBits(decodeFloat64(encodeFloat64(values)), values),
      ),
      { seed: 17, numRuns: 300 },
    );
  });

  it('refuses text that is not whole float64 numbers', () => {
    assert.throws(() => decodeFloat64('AAAA'), /3 bytes is not a whole number of float64 values/);
  });
});
