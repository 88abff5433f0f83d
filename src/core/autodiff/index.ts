/** Automatic differentiation: reverse and forward mode, nestable to any order. */
export { checkGrad, type CheckGradOptions, type CheckGradReport } from './check-grad.js';
export { derivative, grad, type GradOptions, hessian, hvp, jacobian, jvp, valueAndGrad, type VjpResult, vjp } from './functional.js';
export { noGrad, type Primitive } from './trace.js';
