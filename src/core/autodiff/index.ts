/** Automatic differentiation: reverse and forward mode, nestable to any order. */
export { type CheckGradOptions, type CheckGradReport, checkGrad } from './check-grad.js';
export {
  derivative,
  type GradOptions,
  grad,
  hessian,
  hvp,
  jacobian,
  jvp,
  type VjpResult,
  valueAndGrad,
  vjp,
} from './functional.js';
export { noGrad, type Primitive } from './trace.js';
