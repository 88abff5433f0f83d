/**
 * Newton's method: solve `(H + λI)·p = −∇U` for the step, then move along p (unit step, or a
 * strong-Wolfe line search starting at α = 1, which near a minimum with c₁ < ½ accepts the
 * unit step and so keeps quadratic convergence). Two ways to get p:
 * - `hessian: 'exact'`: the energy's dense `hessian(x)` and a Cholesky solve. Where H is not
 *   positive definite the Cholesky fails, and we add the smallest multiple of the identity
 *   (doubling from a scale-aware start, Nocedal & Wright Alg. 3.3) that makes it succeed:
 *   Levenberg damping, which turns the step toward steepest descent.
 * - `hessian: 'hessian-free'`: truncated Newton (Newton–CG, Nocedal & Wright Alg. 7.1):
 *   conjugate gradients on `H·p = −g` using only Hessian-vector products (exact when the
 *   energy has `hessianVector`, else finite differences of gradients), stopped at the
 *   residual `η_k·‖g‖` with the forcing term `η_k = min(½, ‖g‖/‖g₀‖)` (g₀ the gradient where
 *   the run started: scale-free, and locally quadratic convergence, Dembo–Eisenstat–Steihaug
 *   1982; on Rosenbrock and ill-conditioned quadratics it needed fewer steps and fewer H·v than
 *   N&W's `min(½, √‖g‖)`), or at the first direction of non-positive curvature. The core `conjugateGradient` throws on negative curvature,
 *   which is right for a linear solver but not here, so the short loop is written out.
 *
 * Newton needs the energy (Hessian or Hessian-vector products), so it is an
 * {@link EnergyOptimizer}: run it with `minimize(energy, x0, newton())`.
 */
import { cholesky, choleskySolve } from '../core/linalg/index.js';
import type { Energy } from '../energies/energy.js';
import { hessianVectorOperator } from './hessian-vector.js';
import { type LineSearch, strongWolfe } from './line-search.js';
import { type EnergyOptimizer, evaluateIterate } from './optimizer.js';

/** Options of {@link newton}. */
export interface NewtonOptions {
  /** `'exact'` (dense Hessian + Cholesky, default) or `'hessian-free'` (H·v + CG). */
  hessian?: 'exact' | 'hessian-free';
  /** Levenberg damping λ ≥ 0 added to H (default 0; raised automatically where H is not PD). */
  damping?: number;
  /** A line search, or `'none'` for the pure unit step (default `strongWolfe()`). */
  lineSearch?: LineSearch | 'none';
  /** Largest number of CG iterations per step for `'hessian-free'` (default 2·n). */
  maxConjugateGradientIterations?: number;
}

/** State of {@link newton}: what the last step did. */
export interface NewtonState {
  readonly iteration: number;
  /** The damping λ used in the last step (> the requested one when H was not PD). */
  readonly damping: number;
  /** CG iterations of the last step (hessian-free only). */
  readonly conjugateGradientIterations: number;
  /** Whether the last CG solve stopped at a direction of non-positive curvature. */
  readonly negativeCurvature: boolean;
  /** α accepted by the last line search (1 without one). */
  readonly stepLength: number;
  /** ‖∇U‖ where the run started (scales the CG forcing term). */
  readonly initialGradientNorm: number;
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Solves `(H + λI)p = −g` by Cholesky, raising λ until H + λI is positive definite. */
function dampedNewtonStep(
  hessian: Float64Array,
  gradient: Float64Array,
  damping: number,
): [Float64Array, number] {
  const n = gradient.length;
  const symmetric = new Float64Array(n * n);
  let largestDiagonal = 0;
  let smallestDiagonal = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) symmetric[i * n + j] = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
    const d = symmetric[i * n + i];
    if (!Number.isFinite(d)) throw new Error(`newton: the Hessian is not finite (H[${i}][${i}] = ${d})`);
    largestDiagonal = Math.max(largestDiagonal, Math.abs(d));
    smallestDiagonal = Math.min(smallestDiagonal, d);
  }
  const minimumShift = 1e-3 * Math.max(largestDiagonal, 1e-8);
  let shift = damping > 0 ? damping : smallestDiagonal > 0 ? 0 : minimumShift - smallestDiagonal;
  const rhs = gradient.map((g) => -g);
  for (let attempt = 0; attempt < 100; attempt++) {
    const shifted = Float64Array.from(symmetric);
    for (let i = 0; i < n; i++) shifted[i * n + i] += shift;
    let factor: ReturnType<typeof cholesky> | undefined;
    try {
      factor = cholesky({ rows: n, cols: n, data: shifted });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('not positive definite')) throw error;
    }
    if (factor) return [choleskySolve(factor, rhs), shift];
    shift = Math.max(2 * shift, minimumShift);
  }
  throw new Error(`newton: could not make H + λI positive definite (λ reached ${shift})`);
}

/** Newton–CG: an approximate solution of `(H + λI)p = −g`, stopping at negative curvature. */
function truncatedNewtonStep(
  energy: Energy,
  position: Float64Array,
  gradient: Float64Array,
  damping: number,
  maxIterations: number,
  initialGradientNorm: number,
): { direction: Float64Array; iterations: number; negativeCurvature: boolean } {
  const n = gradient.length;
  const { apply } = hessianVectorOperator(energy, position);
  const gradientNorm = Math.sqrt(dot(gradient, gradient));
  const forcing = Math.min(0.5, gradientNorm / initialGradientNorm);
  const tolerance = forcing * gradientNorm;
  const z = new Float64Array(n);
  const r = Float64Array.from(gradient);
  const d = gradient.map((g) => -g);
  const hd = new Float64Array(n);
  let rr = dot(r, r);
  for (let j = 0; j < maxIterations; j++) {
    apply(d, hd);
    for (let i = 0; i < n; i++) hd[i] += damping * d[i];
    const curvature = dot(d, hd);
    if (!(curvature > 0)) {
      // No positive curvature along d: the first direction is steepest descent, later ones
      // keep what CG built so far (Nocedal & Wright Alg. 7.1).
      return { direction: j === 0 ? gradient.map((g) => -g) : z, iterations: j + 1, negativeCurvature: true };
    }
    const alpha = rr / curvature;
    for (let i = 0; i < n; i++) {
      z[i] += alpha * d[i];
      r[i] += alpha * hd[i];
    }
    const rrNext = dot(r, r);
    if (Math.sqrt(rrNext) <= tolerance) return { direction: z, iterations: j + 1, negativeCurvature: false };
    const beta = rrNext / rr;
    for (let i = 0; i < n; i++) d[i] = -r[i] + beta * d[i];
    rr = rrNext;
  }
  return { direction: z, iterations: maxIterations, negativeCurvature: false };
}

/** Newton's method with an exact or a Hessian-free (CG) solve and an optional line search. */
export function newton(options: NewtonOptions = {}): EnergyOptimizer<NewtonState> {
  const mode = options.hessian ?? 'exact';
  if (mode !== 'exact' && mode !== 'hessian-free') {
    throw new Error(`newton: hessian must be 'exact' or 'hessian-free', got ${String(mode)}`);
  }
  const damping = options.damping ?? 0;
  if (!(damping >= 0) || !Number.isFinite(damping)) {
    throw new Error(`newton: damping must be a finite number ≥ 0, got ${damping}`);
  }
  const lineSearch = options.lineSearch ?? strongWolfe();
  const maxCg = options.maxConjugateGradientIterations;
  if (maxCg !== undefined && (!Number.isInteger(maxCg) || maxCg < 1)) {
    throw new Error(`newton: maxConjugateGradientIterations must be an integer ≥ 1, got ${maxCg}`);
  }
  return {
    name: mode === 'exact' ? 'Newton' : 'Newton-CG',
    init(energy, point) {
      if (mode === 'exact' && typeof energy.hessian !== 'function') {
        throw new Error(
          `newton: hessian: 'exact' needs an energy with a hessian(x) method, and energy '${energy.name}' has ` +
            "none; use hessian: 'hessian-free' (Hessian-vector products or finite differences of gradients)",
        );
      }
      let initialGradientNorm = 0;
      for (let i = 0; i < point.gradient.length; i++) initialGradientNorm += point.gradient[i] ** 2;
      initialGradientNorm = Math.sqrt(initialGradientNorm) || 1;
      return {
        iteration: 0,
        damping,
        conjugateGradientIterations: 0,
        negativeCurvature: false,
        stepLength: 1,
        initialGradientNorm,
      };
    },
    step(energy, point, state) {
      const n = point.position.length;
      let direction: Float64Array;
      let usedDamping = damping;
      let iterations = 0;
      let negativeCurvature = false;
      if (mode === 'exact') {
        const hessian = energy.hessian!(point.position);
        if (hessian.length !== n * n) {
          throw new Error(
            `newton: energy.hessian returned ${hessian.length} entries, expected n² = ${n * n}`,
          );
        }
        [direction, usedDamping] = dampedNewtonStep(hessian, point.gradient, damping);
      } else {
        ({ direction, iterations, negativeCurvature } = truncatedNewtonStep(
          energy,
          point.position,
          point.gradient,
          damping,
          maxCg ?? 2 * n,
          state.initialGradientNorm,
        ));
      }
      const report = {
        damping: usedDamping,
        conjugateGradientIterations: iterations,
        negativeCurvature,
        initialGradientNorm: state.initialGradientNorm,
      };
      if (lineSearch === 'none') {
        const position = new Float64Array(n);
        for (let i = 0; i < n; i++) position[i] = point.position[i] + direction[i];
        const next = evaluateIterate(energy, position);
        return { point: next, state: { ...report, iteration: state.iteration + 1, stepLength: 1 } };
      }
      const search = lineSearch.search(energy, point, direction, 1);
      if (!search.converged) {
        return {
          point,
          state: { ...report, iteration: state.iteration, stepLength: 0 },
          stalled: `the line search found no acceptable step along the Newton direction (${search.failure})`,
        };
      }
      return {
        point: search.point,
        state: { ...report, iteration: state.iteration + 1, stepLength: search.stepLength },
      };
    },
  };
}
