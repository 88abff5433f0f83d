/**
 * The small-op fast path of `src/core/ops/arithmetic.ts`: plain tensors of the same shape, or a
 * tensor and a number, skip `apply` and the broadcasting machinery. These tests compare it
 * with the general path (the primitive applied through `apply`, as before the fast path) on
 * random shapes, dtypes and values, NaN, ±0 and ±∞ included, and check that differentiated
 * tensors and duals still take the general path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { grad, jvp } from '../../../src/core/autodiff/index.js';
import { binaryRules, unaryRules } from '../../../src/core/autodiff/rules.js';
import { apply } from '../../../src/core/autodiff/trace.js';
import * as T from '../../../src/core/tensor/index.js';

type BinaryName = keyof typeof binaryRules;
type UnaryName = keyof typeof unaryRules;

const binaryNames = Object.keys(binaryRules) as BinaryName[];
const unaryNames = Object.keys(unaryRules) as UnaryName[];
const binaryOps: Record<BinaryName, (a: T.Tensor | number, b: T.Tensor | number) => T.Tensor> = {
  add: T.add,
  sub: T.sub,
  mul: T.mul,
  div: T.div,
  pow: T.pow,
  maximum: T.maximum,
  minimum: T.minimum,
  greater: T.greater,
  less: T.less,
  equal: T.equal,
};
const unaryOps: Record<UnaryName, (x: T.Tensor) => T.Tensor> = {
  neg: T.neg,
  exp: T.exp,
  log: T.log,
  log1p: T.log1p,
  expm1: T.expm1,
  sin: T.sin,
  cos: T.cos,
  tanh: T.tanh,
  sqrt: T.sqrt,
  abs: T.abs,
  sign: T.sign,
  sigmoid: T.sigmoid,
  softplus: T.softplus,
  relu: T.relu,
  step: T.step,
};

const dtype = fc.constantFrom<T.DType>('float64', 'float32');
const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
/** Any double, NaN, ±0 and ±∞ included. */
const value = fc.double();

function filled(dims: readonly number[], values: readonly number[], type: T.DType): T.Tensor {
  const size = dims.reduce((p, d) => p * d, 1);
  return T.tensor(
    Array.from({ length: size }, (_, i) => values[i % Math.max(values.length, 1)] ?? 0),
    { shape: dims, dtype: type },
  );
}

/** Same dtype, same shape, and every entry the same double (Object.is: NaN = NaN, 0 ≠ −0). */
function assertSame(actual: T.Tensor, expected: T.Tensor): void {
  assert.equal(actual.dtype, expected.dtype);
  assert.deepEqual(actual.shape, expected.shape);
  assert.equal(actual.data.length, expected.data.length);
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i]))
      assert.fail(`entry ${i}: ${actual.data[i]} ≠ ${expected.data[i]}`);
  }
  assert.ok(Object.isFrozen(actual.shape));
  assert.equal(actual.requiresGrad, false);
  assert.equal(actual.node, null);
  assert.equal(actual.forward, null);
}

describe('small-op fast path', () => {
  it('binary ops on same-shape plain tensors match the general path, any dtypes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...binaryNames),
        shape,
        dtype,
        dtype,
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.array(value, { minLength: 1, maxLength: 8 }),
        (name, dims, typeA, typeB, valuesA, valuesB) => {
          const a = filled(dims, valuesA, typeA);
          const b = filled(dims, valuesB, typeB);
          assertSame(binaryOps[name](a, b), apply(binaryRules[name], [a, b], undefined));
        },
      ),
      { seed: 71, numRuns: 600 },
    );
  });

  it('binary ops of a tensor and a number match the general path, on either side', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...binaryNames),
        shape,
        dtype,
        fc.array(value, { minLength: 1, maxLength: 8 }),
        value,
        fc.boolean(),
        (name, dims, type, values, number, numberFirst) => {
          const x = filled(dims, values, type);
          // The general path turns the number into a scalar tensor of the tensor's dtype.
          const s = T.scalar(number, type);
          const [fast, general] = numberFirst
            ? [binaryOps[name](number, x), apply(binaryRules[name], [s, x], undefined)]
            : [binaryOps[name](x, number), apply(binaryRules[name], [x, s], undefined)];
          assertSame(fast, general);
        },
      ),
      { seed: 72, numRuns: 600 },
    );
  });

  it('unary ops on plain tensors match the general path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...unaryNames),
        shape,
        dtype,
        fc.array(value, { minLength: 1, maxLength: 8 }),
        (name, dims, type, values) => {
          const x = filled(dims, values, type);
          assertSame(unaryOps[name](x), apply(unaryRules[name], [x], undefined));
        },
      ),
      { seed: 73, numRuns: 600 },
    );
  });

  it('broadcasting operands still take the general path and broadcast', () => {
    const a = T.tensor([1, 2, 3]);
    const b = T.tensor([[10], [20]]);
    const sum = T.add(a, b);
    assert.deepEqual(sum.shape, [2, 3]);
    assert.deepEqual(Array.from(sum.data), [11, 12, 13, 21, 22, 23]);
    // A one-entry tensor is not a number: [1, 1] against [3] broadcasts to [1, 3].
    assert.deepEqual(T.mul(T.tensor([[2]]), a).shape, [1, 3]);
    assert.throws(() => T.add(a, T.tensor([1, 2])), /cannot be broadcast/);
  });

  it('a number against a float32 tensor is rounded to float32 first, as a scalar tensor is', () => {
    const x = T.tensor([1, 7], { dtype: 'float32' });
    const third = 1 / 3;
    for (const out of [T.mul(x, third), T.mul(third, x)]) {
      assert.equal(out.dtype, 'float32');
      assert.equal(out.data[0], Math.fround(third));
      // 2.3333334922790527; without rounding 1/3 first it would be 2.3333332538604736.
      assert.equal(out.data[1], Math.fround(7 * Math.fround(third)));
      assert.notEqual(out.data[1], Math.fround(7 * third));
    }
  });

  it('differentiated tensors are still recorded, and duals still carry tangents', () => {
    const x = T.tensor([0.5, -1, 2]);
    const c = T.tensor([3, 4, 5]);
    // d/dx Σ tanh(x·c + 1) − x = c·(1 − tanh²) − 1
    const g = grad((v: T.Tensor) => T.sum(T.sub(T.tanh(T.add(T.mul(v, c), 1)), v)))(x);
    for (let i = 0; i < 3; i++) {
      const t = Math.tanh(x.data[i] * c.data[i] + 1);
      assert.ok(Math.abs(g.data[i] - (c.data[i] * (1 - t * t) - 1)) < 1e-12);
    }
    const [value, tangent] = jvp((v: T.Tensor) => T.mul(T.add(v, 2), c), [x], [T.onesLike(x)]);
    assert.deepEqual(Array.from(value.data), [7.5, 4, 20]);
    assert.deepEqual(Array.from(tangent.data), [3, 4, 5]);
  });

  it('shares a frozen shape but copies a mutable one', () => {
    const x = T.tensor([1, 2, 3, 4], { shape: [2, 2] });
    assert.equal(T.add(x, x).shape, x.shape);
    const dims = [2, 2];
    const y = T.fromData(new Float64Array(4), dims);
    dims[0] = 4;
    assert.deepEqual(y.shape, [2, 2]);
    assert.ok(Object.isFrozen(y.shape));
  });
});
