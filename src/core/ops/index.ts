/** Differentiable tensor operations. */
export {
  add,
  div,
  equal,
  greater,
  less,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  reciprocal,
  sign,
  square,
  sub,
} from './arithmetic.js';
export type { TensorLike } from './coerce.js';
export { contract } from './contract.js';
export {
  abs,
  cos,
  exp,
  expm1,
  log,
  log1p,
  logSigmoid,
  relu,
  sigmoid,
  sin,
  softplus,
  sqrt,
  step,
  tanh,
} from './elementwise.js';
export { diagonal, dot, matmul, matmulRaw, outer, trace } from './matmul.js';
export { type Axes, max, mean, min, sum, sumTo, variance } from './reduce.js';
export { cast, identity, select, stopGradient } from './select.js';
export {
  broadcastTo,
  concat,
  expandDims,
  flatten,
  gather,
  pad,
  permute,
  reshape,
  scatterAdd,
  slice,
  squeeze,
  stack,
  transpose,
} from './shape.js';
export { logSoftmax, logsumexp, softmax } from './stable.js';
