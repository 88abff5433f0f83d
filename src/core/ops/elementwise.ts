/**
 * Differentiable elementwise functions. sigmoid and softplus are primitives (not compositions)
 * so that their values and derivatives stay exact at ±1000, where naive formulas overflow.
 */
import type { unaryRules } from '../autodiff/rules.js';
import type { Tensor } from '../tensor/tensor.js';
import { neg, unaryOp } from './arithmetic.js';
import type { TensorLike } from './coerce.js';

const unary = (rule: keyof typeof unaryRules, x: TensorLike): Tensor => unaryOp(rule, x);

export const exp = (x: TensorLike): Tensor => unary('exp', x);
export const log = (x: TensorLike): Tensor => unary('log', x);
/** log(1 + x), accurate for small x. */
export const log1p = (x: TensorLike): Tensor => unary('log1p', x);
/** eˣ − 1, accurate for small x. */
export const expm1 = (x: TensorLike): Tensor => unary('expm1', x);
export const sin = (x: TensorLike): Tensor => unary('sin', x);
export const cos = (x: TensorLike): Tensor => unary('cos', x);
export const tanh = (x: TensorLike): Tensor => unary('tanh', x);
export const sqrt = (x: TensorLike): Tensor => unary('sqrt', x);
export const abs = (x: TensorLike): Tensor => unary('abs', x);
/** The logistic function 1/(1+e^{−x}), stable for any x. */
export const sigmoid = (x: TensorLike): Tensor => unary('sigmoid', x);
/** log(1 + eˣ), stable for any x; its derivative is sigmoid. */
export const softplus = (x: TensorLike): Tensor => unary('softplus', x);
/** log σ(x) = −softplus(−x), stable for any x. */
export const logSigmoid = (x: TensorLike): Tensor => neg(softplus(neg(x)));
export const relu = (x: TensorLike): Tensor => unary('relu', x);
/** Heaviside step: 1 where x > 0, else 0 (no derivative). */
export const step = (x: TensorLike): Tensor => unary('step', x);
