import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as T from '../../../src/core/tensor/index.js';

const values = (t: T.Tensor) => Array.from(t.data);

describe('tensor creation', () => {
  it('from nested arrays, numbers and typed arrays; float64 by default, float32 on request', () => {
    const a = T.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(a.shape, [2, 3]);
    assert.equal(a.dtype, 'float64');
    assert.deepEqual(T.toNested(a), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const s = T.tensor(2.5);
    assert.deepEqual(s.shape, []);
    assert.equal(T.item(s), 2.5);
    const f = T.tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2], dtype: 'float32' });
    assert.equal(f.dtype, 'float32');
    assert.ok(f.data instanceof Float32Array);
    assert.deepEqual(values(T.eye(3)), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(values(T.arange(2, 8, 2)), [2, 4, 6]);
    assert.deepEqual(values(T.linspace(0, 1, 5)), [0, 0.25, 0.5, 0.75, 1]);
    assert.equal(T.sum(T.delta(4, 3)).data[0], 4);
    assert.equal(T.delta(4, 3).data[1 * 16 + 1 * 4 + 1], 1);
  });

  it('rejects ragged arrays, wrong sizes and bad shapes with clear messages', () => {
    assert.throws(() => T.tensor([[1, 2], [3]]), /ragged/);
    assert.throws(() => T.tensor([1, 2, 3], { shape: [2, 2] }), /length 3 does not fit shape \[2, 2\]/);
    assert.throws(() => T.zeros([2, -1]), /non-negative integers/);
    assert.throws(() => T.item(T.zeros([2])), /one element/);
  });
});

describe('broadcasting and elementwise ops', () => {
  it('follows NumPy rules', () => {
    const a = T.tensor([[1], [2], [3]]);
    const b = T.tensor([10, 20]);
    const c = T.add(a, b);
    assert.deepEqual(c.shape, [3, 2]);
    assert.deepEqual(values(c), [11, 21, 12, 22, 13, 23]);
    assert.deepEqual(values(T.mul(T.tensor([1, 2, 3]), 2)), [2, 4, 6]);
    assert.deepEqual(values(T.sub(1, T.tensor([1, 2]))), [0, -1]);
    assert.deepEqual(T.add(T.zeros([2, 1, 4]), T.zeros([3, 1])).shape, [2, 3, 4]);
    assert.throws(
      () => T.add(T.zeros([2, 3]), T.zeros([4])),
      /shapes \[2, 3\] and \[4\] cannot be broadcast/,
    );
  });

  it('float32 stays float32; mixing with float64 promotes', () => {
    const f = T.ones([3], 'float32');
    assert.equal(T.mul(f, 2).dtype, 'float32');
    assert.equal(T.add(f, T.ones([3])).dtype, 'float64');
    assert.equal(T.cast(f, 'float64').dtype, 'float64');
  });

  it('maximum, minimum, select and comparisons', () => {
    const a = T.tensor([1, 5, 3]);
    const b = T.tensor([4, 2, 3]);
    assert.deepEqual(values(T.maximum(a, b)), [4, 5, 3]);
    assert.deepEqual(values(T.minimum(a, b)), [1, 2, 3]);
    assert.deepEqual(values(T.greater(a, b)), [0, 1, 0]);
    assert.deepEqual(values(T.equal(a, b)), [0, 0, 1]);
    assert.deepEqual(values(T.select(T.less(a, b), a, b)), [1, 2, 3]);
    assert.ok(Number.isNaN(T.maximum(T.tensor([Number.NaN]), 1).data[0]));
  });
});

describe('reductions', () => {
  const x = T.tensor([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [5, 6],
      [7, 8],
    ],
  ]);
  it('over one axis, several axes, all axes, with and without keepDims', () => {
    assert.deepEqual(values(T.sum(x)), [36]);
    assert.deepEqual(values(T.sum(x, 0)), [6, 8, 10, 12]);
    assert.deepEqual(values(T.sum(x, [0, 2])), [14, 22]);
    assert.deepEqual(T.sum(x, [0, 2], true).shape, [1, 2, 1]);
    assert.deepEqual(values(T.mean(x, -1)), [1.5, 3.5, 5.5, 7.5]);
    assert.deepEqual(values(T.max(x, [1, 2])), [4, 8]);
    assert.deepEqual(values(T.min(x, 1)), [1, 2, 5, 6]);
    assert.equal(T.variance(T.tensor([1, 2, 3, 4]), undefined, false, 1).data[0], 5 / 3);
    assert.throws(() => T.sum(x, 3), /axis 3 is out of range for a tensor of rank 3/);
  });
});

describe('shape ops', () => {
  const x = T.arange(6);
  it('reshape (with −1), transpose, permute, slice, pad, concat, stack, gather, scatterAdd', () => {
    const m = T.reshape(x, [2, -1]);
    assert.deepEqual(m.shape, [2, 3]);
    assert.deepEqual(values(T.transpose(m)), [0, 3, 1, 4, 2, 5]);
    assert.deepEqual(T.permute(T.zeros([2, 3, 4]), [2, 0, 1]).shape, [4, 2, 3]);
    assert.deepEqual(values(T.slice(m, [0, 1], [2, 3])), [1, 2, 4, 5]);
    assert.deepEqual(values(T.pad(T.tensor([1, 2]), [1], [2])), [0, 1, 2, 0, 0]);
    assert.deepEqual(values(T.concat([m, m], 1)), [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
    assert.deepEqual(T.stack([m, m]).shape, [2, 2, 3]);
    assert.deepEqual(values(T.gather(m, 1, [2, 0, 2])), [2, 0, 2, 5, 3, 5]);
    assert.deepEqual(values(T.scatterAdd(T.zeros([3]), 0, [0, 2, 0], T.tensor([1, 2, 3]))), [4, 0, 2]);
    assert.throws(() => T.reshape(x, [4, 2]), /cannot reshape \[6\] \(size 6\) to \[4, 2\]/);
    assert.throws(() => T.slice(m, [0, 2], [2, 4]), /out of range for axis 1 of size 3/);
    assert.throws(() => T.gather(m, 1, [3]), /index 3 is out of range \[0, 3\)/);
  });
});

describe('matmul', () => {
  it('matrix, batched with broadcast, vectors', () => {
    const a = T.tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = T.tensor([
      [5, 6],
      [7, 8],
    ]);
    assert.deepEqual(values(T.matmul(a, b)), [19, 22, 43, 50]);
    const batch = T.stack([a, b]);
    assert.deepEqual(values(T.matmul(batch, a)), [7, 10, 15, 22, 23, 34, 31, 46]);
    assert.deepEqual(values(T.matmul(T.tensor([1, 1]), a)), [4, 6]);
    assert.deepEqual(values(T.matmul(a, T.tensor([1, 1]))), [3, 7]);
    assert.equal(T.dot(T.tensor([1, 2]), T.tensor([3, 4])).data[0], 11);
    assert.deepEqual(values(T.matmulRaw(a, b, true, true)), [23, 31, 34, 46]);
    assert.throws(() => T.matmul(a, T.zeros([3, 2])), /inner dimensions differ/);
  });
});
