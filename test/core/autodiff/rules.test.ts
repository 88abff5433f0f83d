/**
 * Every differentiable op against central finite differences, to first AND second order,
 * on random inputs; forward mode against reverse mode; reverse-over-reverse against
 * forward-over-reverse. One table, so a new op cannot slip in untested.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, split } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { derivativeErrors, randomTensor } from '../../support/finite-differences.js';

type Case = {
  name: string;
  /** Shapes of the inputs. */
  shapes: number[][];
  /** Maps a standard normal draw into the op's domain (per input). */
  domain?: Array<((v: number) => number) | undefined>;
  op: (...xs: T.Tensor[]) => T.Tensor;
};

const positive = (v: number) => 0.5 + Math.abs(v);
const awayFromZero = (v: number) => (v >= 0 ? 0.3 + v : -0.3 + v);
const aboveMinusOne = (v: number) => -0.5 + Math.abs(v);

const cases: Case[] = [
  { name: 'neg', shapes: [[5]], op: T.neg },
  { name: 'exp', shapes: [[5]], op: T.exp },
  { name: 'log', shapes: [[5]], domain: [positive], op: T.log },
  { name: 'log1p', shapes: [[5]], domain: [aboveMinusOne], op: T.log1p },
  { name: 'expm1', shapes: [[5]], op: T.expm1 },
  { name: 'sin', shapes: [[5]], op: T.sin },
  { name: 'cos', shapes: [[5]], op: T.cos },
  { name: 'tanh', shapes: [[5]], op: T.tanh },
  { name: 'sqrt', shapes: [[5]], domain: [positive], op: T.sqrt },
  { name: 'abs', shapes: [[5]], domain: [awayFromZero], op: T.abs },
  { name: 'sigmoid', shapes: [[5]], op: T.sigmoid },
  { name: 'softplus', shapes: [[5]], op: T.softplus },
  { name: 'logSigmoid', shapes: [[5]], op: T.logSigmoid },
  { name: 'relu', shapes: [[5]], domain: [awayFromZero], op: T.relu },
  { name: 'square', shapes: [[5]], op: T.square },
  { name: 'reciprocal', shapes: [[5]], domain: [awayFromZero], op: T.reciprocal },
  { name: 'add (broadcast)', shapes: [[3, 4], [4]], op: T.add },
  {
    name: 'sub (broadcast)',
    shapes: [
      [2, 1, 3],
      [4, 1],
    ],
    op: T.sub,
  },
  {
    name: 'mul (broadcast)',
    shapes: [
      [3, 4],
      [3, 1],
    ],
    op: T.mul,
  },
  { name: 'div (broadcast)', shapes: [[3, 4], [4]], domain: [undefined, awayFromZero], op: T.div },
  { name: 'pow', shapes: [[4], [4]], domain: [positive, undefined], op: T.pow },
  { name: 'pow (constant exponent)', shapes: [[4]], op: (x) => T.pow(x, 3) },
  { name: 'maximum', shapes: [[6], [6]], op: T.maximum },
  { name: 'minimum', shapes: [[2, 3], [3]], op: T.minimum },
  { name: 'sum (all)', shapes: [[3, 4]], op: (x) => T.sum(T.mul(x, x)) },
  { name: 'sum (axis, keepDims)', shapes: [[3, 4, 2]], op: (x) => T.exp(T.sum(x, [0, 2], true)) },
  { name: 'mean', shapes: [[3, 4]], op: (x) => T.sin(T.mean(x, 1)) },
  { name: 'variance', shapes: [[3, 5]], op: (x) => T.variance(x, 1, false, 1) },
  { name: 'max (axis)', shapes: [[3, 4]], op: (x) => T.mul(T.max(x, 1), T.max(x, 1)) },
  { name: 'min (all)', shapes: [[7]], op: (x) => T.exp(T.min(x)) },
  { name: 'logsumexp', shapes: [[3, 4]], op: (x) => T.logsumexp(x, 1) },
  { name: 'softmax', shapes: [[2, 5]], op: (x) => T.softmax(x) },
  { name: 'logSoftmax', shapes: [[2, 5]], op: (x) => T.logSoftmax(x, 0) },
  { name: 'reshape', shapes: [[3, 4]], op: (x) => T.mul(T.reshape(x, [2, 6]), T.arange(6)) },
  { name: 'broadcastTo', shapes: [[3, 1]], op: (x) => T.mul(T.broadcastTo(x, [2, 3, 4]), T.arange(4)) },
  { name: 'permute', shapes: [[2, 3, 4]], op: (x) => T.mul(T.permute(x, [2, 0, 1]), T.arange(3)) },
  { name: 'transpose', shapes: [[3, 4]], op: (x) => T.matmul(T.transpose(x), x) },
  { name: 'slice', shapes: [[4, 5]], op: (x) => T.exp(T.slice(x, [1, 2], [3, 5])) },
  { name: 'pad', shapes: [[2, 3]], op: (x) => T.mul(T.pad(x, [1, 0], [2, 1]), T.arange(4)) },
  {
    name: 'concat',
    shapes: [
      [2, 3],
      [2, 2],
    ],
    op: (a, b) => T.sin(T.concat([a, b, a], 1)),
  },
  { name: 'stack', shapes: [[3], [3]], op: (a, b) => T.mul(T.stack([a, b], 1), T.stack([b, a], 1)) },
  { name: 'gather (repeats)', shapes: [[5, 2]], op: (x) => T.exp(T.gather(x, 0, [4, 0, 4, 2])) },
  {
    name: 'scatterAdd',
    shapes: [
      [4, 2],
      [3, 2],
    ],
    op: (b, u) => T.square(T.scatterAdd(b, 0, [1, 3, 1], u)),
  },
  { name: 'squeeze/expandDims', shapes: [[3, 1]], op: (x) => T.exp(T.expandDims(T.squeeze(x), 0)) },
  { name: 'select', shapes: [[6], [6]], op: (a, b) => T.select(T.greater(a, 0), T.exp(a), T.square(b)) },
  {
    name: 'matmul',
    shapes: [
      [3, 4],
      [4, 2],
    ],
    op: (a, b) => T.tanh(T.matmul(a, b)),
  },
  {
    name: 'matmul (batch broadcast)',
    shapes: [
      [2, 3, 4],
      [4, 2],
    ],
    op: (a, b) => T.sin(T.matmul(a, b)),
  },
  { name: 'matmul (vector · matrix)', shapes: [[4], [4, 3]], op: (a, b) => T.exp(T.matmul(a, b)) },
  { name: 'matmul (matrix · vector)', shapes: [[3, 4], [4]], op: (a, b) => T.exp(T.matmul(a, b)) },
  {
    name: 'matmulRaw transA',
    shapes: [
      [4, 3],
      [4, 2],
    ],
    op: (a, b) => T.sin(T.matmulRaw(a, b, true, false)),
  },
  {
    name: 'matmulRaw transB',
    shapes: [
      [3, 4],
      [2, 4],
    ],
    op: (a, b) => T.sin(T.matmulRaw(a, b, false, true)),
  },
  {
    name: 'matmulRaw transA transB',
    shapes: [
      [2, 4, 3],
      [2, 2, 4],
    ],
    op: (a, b) => T.sin(T.matmulRaw(a, b, true, true)),
  },
  { name: 'dot', shapes: [[5], [5]], op: (a, b) => T.exp(T.dot(a, b)) },
  { name: 'outer', shapes: [[3], [2]], op: (a, b) => T.sin(T.outer(a, b)) },
  { name: 'trace', shapes: [[4, 4]], op: (x) => T.square(T.trace(T.matmul(x, x))) },
  {
    name: 'contract ij,jk->ik',
    shapes: [
      [3, 4],
      [4, 2],
    ],
    op: (a, b) => T.sin(T.contract('ij,jk->ik', a, b)),
  },
  { name: 'contract ii->i', shapes: [[4, 4]], op: (a) => T.exp(T.contract('ii->i', a)) },
  {
    name: 'contract bij,bjk->bik',
    shapes: [
      [2, 3, 3],
      [2, 3, 2],
    ],
    op: (a, b) => T.sin(T.contract('bij,bjk->bik', a, b)),
  },
  {
    name: 'contract ...ij,jk',
    shapes: [
      [2, 3, 4],
      [4, 2],
    ],
    op: (a, b) => T.sin(T.contract('...ij,jk->...ik', a, b)),
  },
  {
    name: 'contract ij,ij-> (Frobenius)',
    shapes: [
      [3, 4],
      [3, 4],
    ],
    op: (a, b) => T.square(T.contract('ij,ij->', a, b)),
  },
  { name: 'contract iij->j', shapes: [[3, 3, 2]], op: (a) => T.exp(T.contract('iij->j', a)) },
];

describe('every op against finite differences (first and second order)', () => {
  const root = makeKey(20261122);
  cases.forEach((c, caseIndex) => {
    it(c.name, () => {
      const caseKey = fold(root, caseIndex);
      const [inputKey, weightKey, directionKey] = split(caseKey, 3);
      const inputKeys = split(inputKey, c.shapes.length);
      const inputs = c.shapes.map((shape, i) => randomTensor(inputKeys[i], shape, c.domain?.[i]));
      const outputShape = c.op(...inputs).shape as number[];
      // Random weights make the scalar loss sensitive to every output entry.
      const weights = randomTensor(weightKey, outputShape);
      for (let arg = 0; arg < inputs.length; arg++) {
        const f = (x: T.Tensor) => {
          const args = inputs.map((t, i) => (i === arg ? x : t));
          return T.sum(T.mul(weights, c.op(...args)));
        };
        const errors = derivativeErrors(f, inputs[arg], fold(directionKey, arg));
        const where = `${c.name}, argument ${arg}`;
        assert.ok(errors.gradient < 1e-7, `${where}: gradient error ${errors.gradient}`);
        assert.ok(errors.forward < 1e-12, `${where}: jvp differs from grad·v by ${errors.forward}`);
        assert.ok(errors.hessianVector < 1e-6, `${where}: Hessian-vector error ${errors.hessianVector}`);
        assert.ok(
          errors.reverseOverReverse < 1e-12,
          `${where}: reverse-over-reverse differs by ${errors.reverseOverReverse}`,
        );
      }
    });
  });
});
