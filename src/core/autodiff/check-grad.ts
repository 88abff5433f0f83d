/**
 * `checkGrad`: compares autodiff derivatives with central finite differences, to first
 * and (optionally) second order. Used throughout the test suite and available to users
 * who write their own energies.
 */
import { type Key, makeKey, normal, split } from '../random/index.js';
import { Tensor } from '../tensor/tensor.js';
import { grad, hvp } from './functional.js';
import { noGrad } from './trace.js';

export interface CheckGradOptions {
  /** Finite-difference step (default 1e-5 for first order, 1e-4 for second). */
  step?: number;
  /** Allowed error relative to max(1, |exact|) (default 1e-6). */
  tolerance?: number;
  /** Number of random directions to probe (default 3). */
  directions?: number;
  /** Also check Hessian–vector products against differences of gradients. */
  secondOrder?: boolean;
  key?: Key;
  /** Throw (default) or only report. */
  throwOnFailure?: boolean;
}

export interface CheckGradReport {
  ok: boolean;
  /** Worst |autodiff − finite difference| / max(1, |autodiff|) for directional derivatives. */
  firstOrderError: number;
  /** Same for Hessian–vector products (NaN when not checked). */
  secondOrderError: number;
}

function shifted(x: Tensor, v: Float64Array, h: number): Tensor {
  const data = x.dtype === 'float32' ? new Float32Array(x.size) : new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) data[i] = x.data[i] + h * v[i];
  return new Tensor(data, x.shape);
}

function dotData(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Checks ∇f (and optionally H·v) of scalar f at x along random directions. */
export function checkGrad(
  f: (x: Tensor) => Tensor,
  x: Tensor,
  options: CheckGradOptions = {},
): CheckGradReport {
  const tolerance = options.tolerance ?? 1e-6;
  const count = options.directions ?? 3;
  const keys = split(options.key ?? makeKey(0), count);
  const gradient = noGrad(() => grad(f)(x));
  let firstOrderError = 0;
  let secondOrderError = Number.NaN;
  for (let d = 0; d < count; d++) {
    const v = normal(keys[d], x.size);
    const h = options.step ?? 1e-5;
    const fd = noGrad(() => (f(shifted(x, v, h)).data[0] - f(shifted(x, v, -h)).data[0]) / (2 * h));
    const exact = dotData(gradient.data, v);
    firstOrderError = Math.max(firstOrderError, Math.abs(exact - fd) / Math.max(1, Math.abs(exact)));
    if (options.secondOrder) {
      const h2 = options.step ?? 1e-4;
      const hv = hvp(f, x, new Tensor(Float64Array.from(v), x.shape));
      const gPlus = noGrad(() => grad(f)(shifted(x, v, h2)));
      const gMinus = noGrad(() => grad(f)(shifted(x, v, -h2)));
      let err = 0;
      for (let i = 0; i < x.size; i++) {
        const fdi = (gPlus.data[i] - gMinus.data[i]) / (2 * h2);
        err = Math.max(err, Math.abs(hv.data[i] - fdi) / Math.max(1, Math.abs(hv.data[i])));
      }
      secondOrderError = Number.isNaN(secondOrderError) ? err : Math.max(secondOrderError, err);
    }
  }
  const ok =
    firstOrderError <= tolerance && (Number.isNaN(secondOrderError) || secondOrderError <= tolerance);
  if (!ok && options.throwOnFailure !== false) {
    throw new Error(
      `checkGrad failed: first-order error ${firstOrderError.toExponential(2)}, second-order error ${secondOrderError.toExponential(2)} (tolerance ${tolerance})`,
    );
  }
  return { ok, firstOrderError, secondOrderError };
}
