/**
 * Every differentiation rule of physml in one table. Each rule is written with the public
 * differentiable ops, so the derivative of a derivative is exact: no rule ever drops to raw
 * arrays, and forward (jvp) and reverse (vjp) rules are tested against each other and against
 * finite differences.
 */

import { add, div, maximumMask, mul, neg, pow as powRaw, sign, sub } from '../ops/arithmetic.js';
import { cos, log as logRaw, sigmoid, sin, step } from '../ops/elementwise.js';
import { matmulRaw } from '../ops/matmul.js';
import { maxMask, sum, sumTo } from '../ops/reduce.js';
import { cast, select } from '../ops/select.js';
import { broadcastTo, concat, gather, pad, permute, reshape, scatterAdd, slice } from '../ops/shape.js';
import * as compute from '../tensor/compute.js';
import { shapesEqual } from '../tensor/shape.js';
import { allocate, type DType, type Tensor, zeros } from '../tensor/tensor.js';
import type { Primitive } from './trace.js';

type Derivative = (x: Tensor, y: Tensor) => Tensor;

function unaryPrimitive(name: compute.UnaryOp, derivative: Derivative | null): Primitive<undefined> {
  return {
    name,
    nondifferentiable: derivative === null,
    forward([x]) {
      const out = allocate(x.dtype, x.size);
      compute.unary(name, x.data, out);
      return { data: out, shape: x.shape };
    },
    vjp: (g, [x], y) => [derivative === null ? null : mul(g, derivative(x, y))],
    jvp: ([t], [x], y) => (derivative === null || t === null ? null : mul(t, derivative(x, y))),
  };
}

export const unaryRules = {
  neg: {
    name: 'neg',
    forward([x]) {
      const out = allocate(x.dtype, x.size);
      compute.unary('neg', x.data, out);
      return { data: out, shape: x.shape };
    },
    vjp: (g) => [neg(g)],
    jvp: ([t]) => (t === null ? null : neg(t)),
  } satisfies Primitive<undefined>,
  exp: unaryPrimitive('exp', (_x, y) => y),
  log: unaryPrimitive('log', (x) => div(1, x)),
  log1p: unaryPrimitive('log1p', (x) => div(1, add(x, 1))),
  expm1: unaryPrimitive('expm1', (_x, y) => add(y, 1)),
  sin: unaryPrimitive('sin', (x) => cos(x)),
  cos: unaryPrimitive('cos', (x) => neg(sin(x))),
  tanh: unaryPrimitive('tanh', (_x, y) => sub(1, mul(y, y))),
  sqrt: unaryPrimitive('sqrt', (_x, y) => div(0.5, y)),
  abs: unaryPrimitive('abs', (x) => sign(x)),
  sigmoid: unaryPrimitive('sigmoid', (_x, y) => mul(y, sub(1, y))),
  softplus: unaryPrimitive('softplus', (x) => sigmoid(x)),
  relu: unaryPrimitive('relu', (x) => step(x)),
  sign: unaryPrimitive('sign', null),
  step: unaryPrimitive('step', null),
};

function binaryForward(op: compute.BinaryOp) {
  return ([a, b]: readonly Tensor[]) =>
    compute.binary(op, a.data, a.shape, b.data, b.shape, compute.resultDType(a.dtype, b.dtype));
}

/** Gives a tangent the output's (broadcast) shape. */
function fit(t: Tensor, output: Tensor): Tensor {
  return shapesEqual(t.shape, output.shape) ? t : broadcastTo(t, output.shape);
}

function sumTangents(parts: Array<Tensor | null>, output: Tensor): Tensor | null {
  let total: Tensor | null = null;
  for (const p of parts) if (p !== null) total = total === null ? p : add(total, p);
  return total === null ? null : fit(total, output);
}

function binaryPrimitive(
  op: compute.BinaryOp,
  partialA: ((a: Tensor, b: Tensor, y: Tensor) => Tensor) | null,
  partialB: ((a: Tensor, b: Tensor, y: Tensor) => Tensor) | null,
): Primitive<undefined> {
  const nondifferentiable = partialA === null && partialB === null;
  return {
    name: op,
    nondifferentiable,
    forward: binaryForward(op),
    vjp: (g, [a, b], y, _attrs, needs) => [
      needs[0] && partialA !== null ? sumTo(mul(g, partialA(a, b, y)), a.shape) : null,
      needs[1] && partialB !== null ? sumTo(mul(g, partialB(a, b, y)), b.shape) : null,
    ],
    jvp: ([ta, tb], [a, b], y) =>
      sumTangents(
        [
          ta === null || partialA === null ? null : mul(ta, partialA(a, b, y)),
          tb === null || partialB === null ? null : mul(tb, partialB(a, b, y)),
        ],
        y,
      ),
  };
}

export const binaryRules = {
  add: {
    name: 'add',
    forward: binaryForward('add'),
    vjp: (g, [a, b], _y, _attrs, needs) => [
      needs[0] ? sumTo(g, a.shape) : null,
      needs[1] ? sumTo(g, b.shape) : null,
    ],
    jvp: ([ta, tb], _inputs, y) => sumTangents([ta, tb], y),
  } satisfies Primitive<undefined>,
  sub: {
    name: 'sub',
    forward: binaryForward('sub'),
    vjp: (g, [a, b], _y, _attrs, needs) => [
      needs[0] ? sumTo(g, a.shape) : null,
      needs[1] ? sumTo(neg(g), b.shape) : null,
    ],
    jvp: ([ta, tb], _inputs, y) => sumTangents([ta, tb === null ? null : neg(tb)], y),
  } satisfies Primitive<undefined>,
  mul: binaryPrimitive(
    'mul',
    (_a, b) => b,
    (a) => a,
  ),
  div: binaryPrimitive(
    'div',
    (_a, b) => div(1, b),
    (_a, b, y) => neg(div(y, b)),
  ),
  pow: binaryPrimitive(
    'pow',
    (a, b) => mul(b, powRaw(a, sub(b, 1))),
    (a, _b, y) => mul(y, logRaw(a)),
  ),
  // Ties split the gradient evenly, which keeps max(a, b) + min(a, b) = a + b exact.
  maximum: binaryPrimitive(
    'maximum',
    (a, b) => maximumMask(a, b),
    (a, b) => maximumMask(b, a),
  ),
  minimum: binaryPrimitive(
    'minimum',
    (a, b) => maximumMask(b, a),
    (a, b) => maximumMask(a, b),
  ),
  greater: binaryPrimitive('greater', null, null),
  less: binaryPrimitive('less', null, null),
  equal: binaryPrimitive('equal', null, null),
};

/** `where(cond, a, b)`: cond is a constant mask. */
export const selectRule: Primitive<undefined> = {
  name: 'where',
  forward([c, a, b]) {
    return compute.select(
      c.data,
      c.shape,
      a.data,
      a.shape,
      b.data,
      b.shape,
      compute.resultDType(a.dtype, b.dtype),
    );
  },
  vjp: (g, [c, a, b], _y, _attrs, needs) => [
    null,
    needs[1] ? sumTo(select(c, g, 0), a.shape) : null,
    needs[2] ? sumTo(select(c, 0, g), b.shape) : null,
  ],
  jvp: ([, ta, tb], [c], y) => (ta === null && tb === null ? null : fit(select(c, ta ?? 0, tb ?? 0), y)),
};

export interface ReduceAttrs {
  readonly axes: readonly number[];
  /** The output shape with reduced axes kept as size 1. */
  readonly keptShape: readonly number[];
  readonly outShape: readonly number[];
}

export const sumRule: Primitive<ReduceAttrs> = {
  name: 'sum',
  forward([x], { axes, outShape }) {
    return { data: compute.reduce('sum', x.data, x.shape, axes, x.dtype), shape: outShape };
  },
  vjp: (g, [x], _y, { keptShape }) => [broadcastTo(reshape(g, keptShape), x.shape)],
  jvp: ([t], _inputs, y, { axes }) => (t === null ? null : reshape(sum(t, axes, true), y.shape)),
};

function extremumRule(op: 'max' | 'min'): Primitive<ReduceAttrs> {
  return {
    name: op,
    forward([x], { axes, outShape }) {
      return { data: compute.reduce(op, x.data, x.shape, axes, x.dtype), shape: outShape };
    },
    // The gradient goes to the arg-extremum; ties share it evenly (a constant mask).
    vjp: (g, [x], y, { axes, keptShape }) => [
      mul(broadcastTo(reshape(g, keptShape), x.shape), maxMask(x, y, axes, keptShape)),
    ],
    jvp: ([t], [x], y, { axes, keptShape }) =>
      t === null ? null : reshape(sum(mul(t, maxMask(x, y, axes, keptShape)), axes, true), y.shape),
  };
}

export const maxRule = extremumRule('max');
export const minRule = extremumRule('min');

export const reshapeRule: Primitive<{ shape: readonly number[] }> = {
  name: 'reshape',
  forward: ([x], { shape }) => ({ data: x.data, shape }),
  vjp: (g, [x]) => [reshape(g, x.shape)],
  jvp: ([t], _inputs, _y, { shape }) => (t === null ? null : reshape(t, shape)),
};

export const broadcastRule: Primitive<{ shape: readonly number[] }> = {
  name: 'broadcastTo',
  forward: ([x], { shape }) => ({ data: compute.broadcastTo(x.data, x.shape, shape, x.dtype), shape }),
  vjp: (g, [x]) => [sumTo(g, x.shape)],
  jvp: ([t], _inputs, _y, { shape }) => (t === null ? null : broadcastTo(t, shape)),
};

export const permuteRule: Primitive<{ perm: readonly number[] }> = {
  name: 'permute',
  forward: ([x], { perm }) => ({
    data: compute.permute(x.data, x.shape, perm, x.dtype),
    shape: perm.map((p) => x.shape[p]),
  }),
  vjp: (g, _inputs, _y, { perm }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => {
      inverse[p] = i;
    });
    return [permute(g, inverse)];
  },
  jvp: ([t], _inputs, _y, { perm }) => (t === null ? null : permute(t, perm)),
};

export const sliceRule: Primitive<{ starts: readonly number[]; ends: readonly number[] }> = {
  name: 'slice',
  forward: ([x], { starts, ends }) => compute.slice(x.data, x.shape, starts, ends, x.dtype),
  vjp: (g, [x], _y, { starts, ends }) => [
    pad(
      g,
      starts,
      ends.map((e, a) => x.shape[a] - e),
    ),
  ],
  jvp: ([t], _inputs, _y, { starts, ends }) => (t === null ? null : slice(t, starts, ends)),
};

export const padRule: Primitive<{ before: readonly number[]; after: readonly number[] }> = {
  name: 'pad',
  forward: ([x], { before, after }) => compute.pad(x.data, x.shape, before, after, x.dtype),
  vjp: (g, [x], _y, { before }) => [
    slice(
      g,
      before,
      before.map((b, a) => b + x.shape[a]),
    ),
  ],
  jvp: ([t], _inputs, _y, { before, after }) => (t === null ? null : pad(t, before, after)),
};

export const concatRule: Primitive<{ axis: number }> = {
  name: 'concat',
  forward: (inputs, { axis }) => {
    const dtype = inputs.some((t) => t.dtype === 'float64') ? 'float64' : 'float32';
    return compute.concat(
      inputs.map((t) => ({
        data: t.dtype === dtype ? t.data : compute.castArray(t.data, dtype),
        shape: t.shape,
      })),
      axis,
      dtype,
    );
  },
  vjp: (g, inputs, _y, { axis }, needs) => {
    let offset = 0;
    return inputs.map((t, i) => {
      const starts = g.shape.map((_, a) => (a === axis ? offset : 0));
      const ends = g.shape.map((d, a) => (a === axis ? offset + t.shape[axis] : d));
      offset += t.shape[axis];
      return needs[i] ? slice(g, starts, ends) : null;
    });
  },
  jvp: (tangents, inputs, _y, { axis }) =>
    concat(
      tangents.map((t, i) => t ?? zerosOf(inputs[i])),
      axis,
    ),
};

function zerosOf(t: Tensor): Tensor {
  return zeros(t.shape, t.dtype);
}

export interface IndexAttrs {
  readonly axis: number;
  readonly indices: Int32Array;
}

export const gatherRule: Primitive<IndexAttrs> = {
  name: 'gather',
  forward: ([x], { axis, indices }) => {
    const shape = [...x.shape];
    shape[axis] = indices.length;
    return { data: compute.gather(x.data, x.shape, axis, indices, x.dtype), shape };
  },
  vjp: (g, [x], _y, { axis, indices }) => [scatterAdd(zeros(x.shape, g.dtype), axis, indices, g)],
  jvp: ([t], _inputs, _y, { axis, indices }) => (t === null ? null : gather(t, axis, indices)),
};

/** scatterAdd(base, updates): base plus updates added at `indices` along `axis`. */
export const scatterAddRule: Primitive<IndexAttrs> = {
  name: 'scatterAdd',
  forward: ([base, updates], { axis, indices }) => ({
    data: compute.scatterAdd(
      base.data,
      base.shape,
      axis,
      indices,
      updates.data,
      compute.resultDType(base.dtype, updates.dtype),
    ),
    shape: base.shape,
  }),
  vjp: (g, _inputs, _y, { axis, indices }, needs) => [
    needs[0] ? g : null,
    needs[1] ? gather(g, axis, indices) : null,
  ],
  jvp: ([tb, tu], [base, updates], _y, { axis, indices }) =>
    tb === null && tu === null
      ? null
      : scatterAdd(tb ?? zerosOf(base), axis, indices, tu ?? zerosOf(updates)),
};

export interface MatmulAttrs {
  readonly transA: boolean;
  readonly transB: boolean;
}

/** C = op(A)·op(B) on the last two axes, batch axes broadcast; transposes are read, never copied. */
export const matmulRule: Primitive<MatmulAttrs> = {
  name: 'matmul',
  forward: ([a, b], { transA, transB }) =>
    compute.matmul(a.data, a.shape, b.data, b.shape, transA, transB, compute.resultDType(a.dtype, b.dtype)),
  vjp: (g, [a, b], _y, { transA, transB }, needs) => [
    needs[0]
      ? sumTo(transA ? matmulRaw(b, g, transB, true) : matmulRaw(g, b, false, !transB), a.shape)
      : null,
    needs[1]
      ? sumTo(transB ? matmulRaw(g, a, true, transA) : matmulRaw(a, g, !transA, false), b.shape)
      : null,
  ],
  jvp: ([ta, tb], [a, b], y, { transA, transB }) =>
    sumTangents(
      [
        ta === null ? null : matmulRaw(ta, b, transA, transB),
        tb === null ? null : matmulRaw(a, tb, transA, transB),
      ],
      y,
    ),
};

export const castRule: Primitive<{ dtype: DType }> = {
  name: 'cast',
  forward: ([x], { dtype }) => ({ data: compute.castArray(x.data, dtype), shape: x.shape }),
  vjp: (g, [x]) => [cast(g, x.dtype)],
  jvp: ([t], _inputs, _y, { dtype }) => (t === null ? null : cast(t, dtype)),
};

export const identityRule: Primitive<undefined> = {
  name: 'identity',
  forward: ([x]) => ({ data: x.data, shape: x.shape }),
  vjp: (g) => [g],
  jvp: ([t]) => t,
};

/** Blocks derivatives: the value passes, the derivative is zero. */
export const stopGradientRule: Primitive<undefined> = {
  name: 'stopGradient',
  nondifferentiable: true,
  forward: ([x]) => ({ data: x.data, shape: x.shape }),
  vjp: () => [null],
  jvp: () => null,
};
