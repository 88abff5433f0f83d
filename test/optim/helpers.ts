/**
 * Test energies with known minimizers, written by hand (analytic gradients and Hessians) so
 * the optimizer tests do not depend on the library energies: an ill-conditioned quadratic
 * with a prescribed spectrum and the 2-D Rosenbrock function.
 */
import { diagonalMatrix, type Matrix, multiply, qr, solve, transpose } from '../../src/core/linalg/index.js';
import { makeKey, normal } from '../../src/core/random/index.js';
import type { Energy } from '../../src/energies/energy.js';

/** `½xᵀAx − bᵀx` with its spectrum, minimizer and energy options. */
export interface TestQuadratic {
  energy: Energy;
  matrix: Matrix;
  b: Float64Array;
  minimizer: Float64Array;
  /** Eigenvalues of A, ascending. */
  spectrum: Float64Array;
}

/** Options of {@link quadratic}. */
export interface QuadraticOptions {
  /** Dimension (default 10). */
  n?: number;
  /** Condition number L/μ with μ = 1 (default 100). */
  condition?: number;
  /** Seed of the rotation and of b (default 1). */
  seed?: number;
  /** Provide `hessianVector` and `hessian` (default true). */
  withHessian?: boolean;
}

/**
 * `½xᵀAx − bᵀx` with `A = Q·diag(λ)·Qᵀ`, Q a random rotation and λ log-spaced on [1, κ]
 * (both ends present, so μ = 1 and L = κ exactly).
 */
export function quadratic(options: QuadraticOptions = {}): TestQuadratic {
  const n = options.n ?? 10;
  const condition = options.condition ?? 100;
  const seed = options.seed ?? 1;
  const spectrum = Float64Array.from({ length: n }, (_, i) => condition ** (i / (n - 1)));
  const q = qr({ rows: n, cols: n, data: normal(makeKey(seed), n * n) }).q;
  const product = multiply(multiply(q, diagonalMatrix(spectrum)), transpose(q));
  // Exactly symmetric, so that energy, gradient and Hessian agree to rounding.
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (product.data[i * n + j] + product.data[j * n + i]);
  }
  const matrix: Matrix = { rows: n, cols: n, data: a };
  const b = normal(makeKey(seed + 1000), n);
  const minimizer = solve(matrix, b);
  const multiplyA = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
      out[i] = s;
    }
  };
  const ax = new Float64Array(n);
  const energy: Energy = {
    name: `quadratic(κ = ${condition}, n = ${n})`,
    dimension: n,
    energy(x) {
      multiplyA(x, ax);
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * (0.5 * ax[i] - b[i]);
      return s;
    },
    energyAndGradient(x, gradient) {
      multiplyA(x, ax);
      let s = 0;
      for (let i = 0; i < n; i++) {
        s += x[i] * (0.5 * ax[i] - b[i]);
        gradient[i] = ax[i] - b[i];
      }
      return s;
    },
  };
  if (options.withHessian ?? true) {
    energy.hessianVector = (_x, v, out) => multiplyA(v, out);
    energy.hessian = () => Float64Array.from(a);
  }
  return { energy, matrix, b, minimizer, spectrum };
}

/** The 2-D Rosenbrock function `(1 − x)² + 100(y − x²)²`, minimum 0 at (1, 1). */
export function rosenbrock(options: { withHessian?: boolean } = {}): Energy {
  const energy: Energy = {
    name: 'rosenbrock',
    dimension: 2,
    energy: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] * p[0]) ** 2,
    energyAndGradient(p, gradient) {
      const [x, y] = p;
      const valley = y - x * x;
      gradient[0] = -2 * (1 - x) - 400 * x * valley;
      gradient[1] = 200 * valley;
      return (1 - x) ** 2 + 100 * valley * valley;
    },
  };
  if (options.withHessian ?? true) {
    const hessian = (p: Float64Array) => {
      const [x, y] = p;
      return Float64Array.of(2 - 400 * (y - x * x) + 800 * x * x, -400 * x, -400 * x, 200);
    };
    energy.hessian = hessian;
    energy.hessianVector = (p, v, out) => {
      const h = hessian(p);
      out[0] = h[0] * v[0] + h[1] * v[1];
      out[1] = h[2] * v[0] + h[3] * v[1];
    };
  }
  return energy;
}

/** ‖x − y‖₂. */
export function distance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
  return Math.sqrt(s);
}

/** Least-squares slope of `values` against their indices `first, first + 1, …`. */
export function slope(values: readonly number[], first = 0): number {
  const m = values.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const x = first + i;
    sx += x;
    sy += values[i];
    sxx += x * x;
    sxy += x * values[i];
  }
  return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}
