/** Finite-difference references for derivative tests. */
import { grad, hvp, jvp } from '../../src/core/autodiff/index.js';
import { noGrad } from '../../src/core/autodiff/trace.js';
import { type Key, normal, split } from '../../src/core/random/index.js';
import { mul, sum, Tensor } from '../../src/core/tensor/index.js';

export function randomTensor(key: Key, shape: number[], transform: (v: number) => number = (v) => v): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  const values = normal(key, size).map(transform);
  return new Tensor(values, shape);
}

function perturb(x: Tensor, v: ArrayLike<number>, h: number): Tensor {
  const data = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) data[i] = x.data[i] + h * v[i];
  return new Tensor(data, x.shape);
}

function relError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

export interface DerivativeErrors {
  /** ∇f·v against a central difference of f. */
  gradient: number;
  /** jvp against ∇f·v. */
  forward: number;
  /** Forward-over-reverse H·v against a central difference of ∇f. */
  hessianVector: number;
  /** Reverse-over-reverse H·v against forward-over-reverse. */
  reverseOverReverse: number;
}

/** Errors of every derivative of scalar f at x along a random direction. */
export function derivativeErrors(f: (x: Tensor) => Tensor, x: Tensor, key: Key): DerivativeErrors {
  const [kv] = split(key, 1);
  const v = new Tensor(normal(kv, x.size), x.shape);
  const h1 = 1e-5;
  const h2 = 1e-4;
  const g = grad(f)(x);
  let gv = 0;
  for (let i = 0; i < x.size; i++) gv += g.data[i] * v.data[i];
  const fd = noGrad(
    () => (f(perturb(x, v.data, h1)).data[0] - f(perturb(x, v.data, -h1)).data[0]) / (2 * h1),
  );
  const [, tangent] = jvp(f, [x], [v]);
  const hv = hvp(f, x, v);
  const gPlus = grad(f)(perturb(x, v.data, h2));
  const gMinus = grad(f)(perturb(x, v.data, -h2));
  // ∇(∇f·v) with v constant is H·v.
  const rr = grad((y: Tensor) => sum(mul(grad(f)(y), v)))(x);
  let hessianVector = 0;
  let reverseOverReverse = 0;
  for (let i = 0; i < x.size; i++) {
    hessianVector = Math.max(
      hessianVector,
      relError(hv.data[i], (gPlus.data[i] - gMinus.data[i]) / (2 * h2)),
    );
    reverseOverReverse = Math.max(reverseOverReverse, relError(hv.data[i], rr.data[i]));
  }
  return {
    gradient: relError(gv, fd),
    forward: relError(tangent.data[0], gv),
    hessianVector,
    reverseOverReverse,
  };
}
