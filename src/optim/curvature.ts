/**
 * The largest eigenvalue λmax of the local Hessian, by a few Lanczos iterations on
 * Hessian-vector products (exact when the energy has them, finite differences of gradients
 * otherwise). λmax sets the stability bound of every explicit method: gradient descent is
 * stable on a quadratic iff η < 2/λmax. Lanczos needs only O(√κ)-ish products to pin the
 * top of the spectrum, never the dense Hessian.
 */
import { lanczos } from '../core/linalg/index.js';
import { type Key, makeKey } from '../core/random/index.js';
import type { Energy } from '../energies/energy.js';
import { type HessianVectorSource, hessianVectorOperator } from './hessian-vector.js';

/** Options of {@link largestCurvature}. */
export interface LargestCurvatureOptions {
  /** Largest number of Lanczos iterations (Hessian-vector products), default min(n, 30). */
  maxIterations?: number;
  /** Relative tolerance on the Ritz residual (default 1e-8 exact, 1e-5 with finite differences). */
  tolerance?: number;
  /** Key for the random start vector (default `makeKey(0)`, so results are reproducible). */
  key?: Key;
}

/** The outcome of {@link largestCurvature}. */
export interface LargestCurvatureResult {
  /** The largest Ritz value: λmax of the Hessian (a lower bound that converges from below). */
  value: number;
  /** Hessian-vector products used. */
  iterations: number;
  /** Whether the Ritz residual met the tolerance. */
  converged: boolean;
  /** Whether H·v was exact or a finite difference of gradients. */
  source: HessianVectorSource;
}

/** Estimates the largest eigenvalue of the Hessian of `energy` at `position`. */
export function largestCurvature(
  energy: Energy,
  position: Float64Array,
  options: LargestCurvatureOptions = {},
): LargestCurvatureResult {
  const n = position.length;
  if (n !== energy.dimension) {
    throw new Error(
      `largestCurvature: position must have energy.dimension = ${energy.dimension} entries, got ${n}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(position[i])) {
      throw new Error(`largestCurvature: position must be finite, but position[${i}] = ${position[i]}`);
    }
  }
  const { apply, source } = hessianVectorOperator(energy, position);
  const maxIterations = Math.min(options.maxIterations ?? 30, n);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new Error(`largestCurvature: maxIterations must be an integer ≥ 1, got ${options.maxIterations}`);
  }
  const tolerance = options.tolerance ?? (source === 'exact' ? 1e-8 : 1e-5);
  const result = lanczos(apply, n, {
    which: 'largest',
    count: 1,
    maxIterations,
    tolerance,
    key: options.key ?? makeKey(0),
  });
  return { value: result.values[0], iterations: result.iterations, converged: result.converged, source };
}
