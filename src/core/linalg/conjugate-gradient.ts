/**
 * (Preconditioned) conjugate gradients for `A·x = b` with A symmetric positive definite.
 *
 * CG minimizes `½xᵀAx − bᵀx` over growing Krylov spaces: exact after n steps in exact
 * arithmetic, and `‖e_k‖_A ≤ 2((√κ − 1)/(√κ + 1))^k ‖e_0‖_A` in general. A needs to be
 * known only through its product with a vector, so Hessian-vector products work as well.
 * In floating point the n-step termination is delayed on widely spread spectra (the basis
 * of search directions loses A-orthogonality), so `maxIterations` defaults to 10·n.
 */
import { type Matrix, matVec } from './matrix.js';
import { axpy, dot, norm2 } from './vector.js';

/** A linear operator given by its action: writes `A·x` into `out` (which never aliases `x`). */
export type LinearOperator = (x: Float64Array, out: Float64Array) => void;

/** What {@link ConjugateGradientOptions.onIteration} receives after every step. */
export interface ConjugateGradientIterationInfo {
  /** Number of completed steps (1 after the first). */
  iteration: number;
  /** `‖r‖₂` of the updated residual `r = b − A·x`. */
  residualNorm: number;
  /** The current iterate; live and reused: copy it to keep it. */
  x: Float64Array;
}

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions {
  /** Initial guess (default zero); copied, never modified. */
  x0?: Float64Array;
  /** Stop when `‖b − A·x‖ ≤ tolerance·‖b‖` (default 1e-10). */
  tolerance?: number;
  /** Largest number of steps (default 10·n). */
  maxIterations?: number;
  /** Applies M⁻¹ for a symmetric positive-definite preconditioner M: writes `M⁻¹·r` into `out`. */
  preconditioner?: (r: Float64Array, out: Float64Array) => void;
  /** Called after every step, e.g. for logging or plotting convergence. */
  onIteration?: (info: ConjugateGradientIterationInfo) => void;
}

/** The outcome of {@link conjugateGradient}. */
export interface ConjugateGradientResult {
  x: Float64Array;
  /** Number of steps taken (operator applications, not counting residual checks). */
  iterations: number;
  /** The true residual `‖b − A·x‖₂`, recomputed from x at the end. */
  residualNorm: number;
  /** Whether `residualNorm ≤ tolerance·‖b‖`. */
  converged: boolean;
  /** `‖r‖₂` of the recursively updated residual: before the first step, then after each one. */
  residualHistory: number[];
}

function positiveNumber(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new Error(`conjugateGradient: ${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

/**
 * Solves `A·x = b` for symmetric positive-definite A given as a matrix or as an operator
 * `(x, out) => void`. Throws, naming the iteration, if a search direction p has `pᵀAp ≤ 0`
 * (A is not positive definite) or the preconditioner is not positive definite.
 */
export function conjugateGradient(
  operator: Matrix | LinearOperator,
  b: Float64Array,
  options: ConjugateGradientOptions = {},
): ConjugateGradientResult {
  const n = b.length;
  let apply: LinearOperator;
  if (typeof operator === 'function') {
    apply = operator;
  } else {
    if (operator.rows !== n || operator.cols !== n) {
      throw new Error(
        `conjugateGradient: the matrix must be ${n}×${n} to match b, got ${operator.rows}×${operator.cols}`,
      );
    }
    apply = (x, out) => matVec(operator, x, out);
  }
  const tolerance = positiveNumber(options.tolerance ?? 1e-10, 'tolerance');
  const maxIterations = options.maxIterations ?? 10 * n;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(`conjugateGradient: maxIterations must be an integer ≥ 0, got ${maxIterations}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(b[i])) throw new Error(`conjugateGradient: b must be finite, but b[${i}] = ${b[i]}`);
  }
  const { preconditioner, onIteration } = options;

  const x = new Float64Array(n);
  if (options.x0 !== undefined) {
    if (options.x0.length !== n) {
      throw new Error(`conjugateGradient: x0 must have b.length = ${n} entries, got ${options.x0.length}`);
    }
    x.set(options.x0);
  }
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);

  /** r ← b − A·x, returning ‖r‖. */
  const trueResidual = (): number => {
    apply(x, q);
    for (let i = 0; i < n; i++) r[i] = b[i] - q[i];
    return norm2(r);
  };
  /** z ← M⁻¹r, returning rᵀz (> 0 for a positive-definite preconditioner and r ≠ 0). */
  const applyPreconditioner = (iteration: number): number => {
    if (preconditioner) preconditioner(r, z);
    else z.set(r);
    const rz = dot(r, z);
    if (!(rz > 0)) {
      throw new Error(
        `conjugateGradient: the preconditioner is not positive definite: rᵀM⁻¹r = ${rz} ≤ 0 at iteration ${iteration}`,
      );
    }
    return rz;
  };

  const bNorm = norm2(b);
  if (bNorm === 0) {
    // The solution is exactly zero, whatever x0 says.
    return { x: new Float64Array(n), iterations: 0, residualNorm: 0, converged: true, residualHistory: [0] };
  }
  const target = tolerance * bNorm;
  let residualNorm = options.x0 === undefined ? bNorm : trueResidual();
  if (options.x0 === undefined) r.set(b);
  const residualHistory = [residualNorm];
  let iterations = 0;
  let converged = residualNorm <= target;
  let rz = converged ? 0 : applyPreconditioner(0);
  p.set(z);

  while (!converged && iterations < maxIterations) {
    apply(p, q);
    const curvature = dot(p, q);
    if (!(curvature > 0)) {
      throw new Error(
        `conjugateGradient: the operator is not positive definite: a search direction has ` +
          `pᵀAp = ${curvature} ≤ 0 at iteration ${iterations + 1}`,
      );
    }
    const stepLength = rz / curvature;
    axpy(stepLength, p, x);
    axpy(-stepLength, q, r);
    iterations++;
    residualNorm = norm2(r);
    residualHistory.push(residualNorm);
    onIteration?.({ iteration: iterations, residualNorm, x });
    if (residualNorm <= target) {
      // The recursive residual drifts from b − A·x in floating point: confirm it. If the true
      // residual is still too large, carry on from it (residual replacement), keeping p.
      residualNorm = trueResidual();
      if (residualNorm <= target) {
        converged = true;
        break;
      }
    }
    const rzNext = applyPreconditioner(iterations);
    const momentum = rzNext / rz;
    for (let i = 0; i < n; i++) p[i] = z[i] + momentum * p[i];
    rz = rzNext;
  }
  if (!converged) residualNorm = trueResidual();
  return { x, iterations, residualNorm, converged: residualNorm <= target, residualHistory };
}
