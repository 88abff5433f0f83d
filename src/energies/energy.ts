/**
 * The one contract of the dynamics engine: a potential energy U(x) on ℝⁿ.
 *
 * A model is an energy; an optimizer or a sampler is a dynamics on it. Sign convention,
 * everywhere in physml: `energy` = −log density (up to a constant), so p(x) ∝ exp(−U(x)/T).
 * Hot loops call `energyAndGradient` with preallocated buffers, so a step allocates nothing.
 */
import { hvp, valueAndGrad } from '../core/autodiff/index.js';
import { noGrad } from '../core/autodiff/trace.js';
import { Tensor } from '../core/tensor/index.js';

export interface Energy {
  /** Human-readable name, e.g. "rosenbrock". */
  readonly name: string;
  /** Dimension n of x. */
  readonly dimension: number;
  /** U(x). */
  energy(x: Float64Array): number;
  /** Writes ∇U(x) into `gradient` and returns U(x). */
  energyAndGradient(x: Float64Array, gradient: Float64Array): number;
  /** Writes H(x)·v into `out` (exact, when available). */
  hessianVector?(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** The dense n×n Hessian, row-major (exact, when available). */
  hessian?(x: Float64Array): Float64Array;
}

/** Turns a differentiable tensor function into an Energy: gradients and H·v by autodiff. */
export function energyFromTensorFunction(name: string, dimension: number, f: (x: Tensor) => Tensor): Energy {
  const wrap = (x: Float64Array) => new Tensor(x, [dimension]);
  return {
    name,
    dimension,
    energy: (x) => noGrad(() => f(wrap(x)).data[0]),
    energyAndGradient(x, gradient) {
      const [value, g] = valueAndGrad(f)(wrap(x));
      gradient.set((g as Tensor).data);
      return value.data[0];
    },
    hessianVector(x, v, out) {
      out.set(hvp(f, wrap(x), new Tensor(v, [dimension])).data);
    },
    hessian(x) {
      const h = new Float64Array(dimension * dimension);
      const e = new Float64Array(dimension);
      const column = new Float64Array(dimension);
      for (let j = 0; j < dimension; j++) {
        e.fill(0);
        e[j] = 1;
        column.set(hvp(f, wrap(x), new Tensor(e, [dimension])).data);
        for (let i = 0; i < dimension; i++) h[i * dimension + j] = column[i];
      }
      return h;
    },
  };
}

/** The gradient of an Energy as a fresh array (convenience for tests and small problems). */
export function gradientOf(energy: Energy, x: Float64Array): Float64Array {
  const g = new Float64Array(energy.dimension);
  energy.energyAndGradient(x, g);
  return g;
}
