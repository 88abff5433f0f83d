/**
 * `allocate`, the one allocation point of tensor data: small arrays are views carved from
 * shared slabs (see src/core/tensor/tensor.ts). Every array must still be zero-filled, of the
 * right type and length, aligned, and disjoint from every other array.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as T from '../../../src/core/tensor/index.js';
import { allocate, type DType, type FloatArray } from '../../../src/core/tensor/tensor.js';

/** Allocates, checks that it is fresh, and marks every entry with `mark`. */
function fresh(dtype: DType, size: number, mark: number): FloatArray {
  const data = allocate(dtype, size);
  assert.ok(dtype === 'float32' ? data instanceof Float32Array : data instanceof Float64Array);
  assert.equal(data.length, size);
  for (let i = 0; i < size; i++) if (data[i] !== 0) assert.fail(`entry ${i} of a new array is ${data[i]}`);
  data.fill(mark);
  return data;
}

describe('allocate', () => {
  it('gives zero-filled, disjoint arrays across many slabs, for every size and both dtypes', () => {
    const arrays: FloatArray[] = [];
    // Sizes around each threshold (64 bytes on the V8 heap, 512 bytes pooled), odd float32
    // sizes that leave the next float64 misaligned unless rounded, and enough of them to
    // fill dozens of 8 KiB slabs.
    const sizes: Array<[DType, number]> = [];
    for (const n of [1, 7, 8, 9, 16, 17, 33, 63, 64, 65, 100]) sizes.push(['float64', n]);
    for (const n of [1, 15, 16, 17, 31, 33, 127, 128, 129, 250]) sizes.push(['float32', n]);
    for (let round = 0; round < 40; round++)
      for (const [dtype, n] of sizes) arrays.push(fresh(dtype, n, arrays.length + 1));
    arrays.forEach((data, k) => {
      for (let i = 0; i < data.length; i++) if (data[i] !== k + 1) assert.fail(`array ${k} was overwritten`);
    });
  });

  it('keeps arrays of 64 bytes or less and over 512 bytes in their own buffers', () => {
    for (const [dtype, n] of [
      ['float64', 8],
      ['float32', 16],
      ['float64', 65],
      ['float32', 129],
    ] as const) {
      const data = allocate(dtype, n);
      assert.equal(data.byteOffset, 0);
      assert.equal(data.buffer.byteLength, data.byteLength);
    }
    const pooled = allocate('float64', 16);
    assert.equal(pooled.byteOffset % 8, 0);
    assert.ok(pooled.buffer.byteLength > pooled.byteLength);
  });

  it('gives the same lengths as a typed-array constructor for odd sizes, and throws where it throws', () => {
    assert.equal(allocate('float64', 10.5).length, 10);
    assert.equal(allocate('float64', Number.NaN).length, 0);
    assert.throws(() => allocate('float64', -1), RangeError);
    assert.throws(() => allocate('float32', -3), RangeError);
  });

  it('zeros, full and the ops still fill small tensors correctly', () => {
    const z = T.zeros([4, 4]);
    const f = T.full([4, 4], 2.5);
    const e = T.eye(4);
    assert.deepEqual(Array.from(T.add(z, f).data), new Array(16).fill(2.5));
    assert.equal(T.sum(e).data[0], 4);
    assert.deepEqual(Array.from(T.sub(f, 1).data), new Array(16).fill(1.5));
  });
});
