/**
 * The Lanczos method for a few extreme eigenvalues of a symmetric operator known only
 * through `x ↦ A·x` (a Hessian-vector product, a sparse Hamiltonian).
 *
 * Each step extends an orthonormal Krylov basis Q_m and the tridiagonal T_m = Q_mᵀ·A·Q_m;
 * the eigenvalues of T_m (Ritz values) converge first at the ends of the spectrum. We keep
 * the whole basis and orthogonalize every new vector against it (twice where cancellation
 * calls for it), which removes the spurious copies that plain Lanczos produces in floating
 * point. This costs O(n·m) memory and O(n·m²) time: fine for n up to ~1e4 and m up to a
 * few hundred (n = m = 1000 takes about a second).
 *
 * A Ritz pair (θ, y = Q_m·s) has residual `‖A·y − θ·y‖ = |β_m · s_m|` (last component of s),
 * so convergence is checked without touching A. When β_m vanishes the basis spans an
 * invariant subspace: we then restart with a fresh random vector orthogonal to it, which is
 * how eigenvalues missed by the start vector, and copies of multiple eigenvalues, are found.
 *
 * Limits worth knowing. In exact arithmetic one start vector sees each distinct eigenvalue
 * once; further copies of a multiple eigenvalue appear at a breakdown (above) or, in floating
 * point, once rounding has seeded them, which happens soon after a well-separated eigenvalue
 * converges but is not guaranteed before the other wanted values converge: when
 * multiplicities matter, ask for a few more values than needed. Convergence speed depends on
 * the relative gap of the wanted eigenvalues: ends of a dense spectrum (the 1D Laplacian's
 * gap is ~3π²/n² relative) need a Krylov dimension close to n.
 */
import { type Key, makeKey, normal, split } from '../random/index.js';
import type { LinearOperator } from './conjugate-gradient.js';
import { eighTridiagonal } from './eigh.js';
import type { Matrix } from './matrix.js';
import { ascendingOrder, tridiagonalQl } from './tridiagonal-ql.js';
import { axpy, dot, norm2 } from './vector.js';

/** Options of {@link lanczos}. */
export interface LanczosOptions {
  /** How many eigenvalues to return at each requested end of the spectrum (default 1). */
  count?: number;
  /** Which end: `'largest'` (default), `'smallest'`, or `'both'` (count at each end). */
  which?: 'largest' | 'smallest' | 'both';
  /**
   * Largest Krylov dimension m, i.e. number of operator applications (default min(n, 1000);
   * values above n act as n). The basis takes 8·n·m bytes.
   */
  maxIterations?: number;
  /** Stop when every wanted Ritz residual `|β_m s_{m,i}| ≤ tolerance · max|θ|` (default 1e-10). */
  tolerance?: number;
  /** Start vector (need not be normalized); default a standard normal vector drawn from `key`. */
  start?: Float64Array;
  /** Key for the random start and restart vectors (default `makeKey(0)`). */
  key?: Key;
  /** Also return the Ritz vectors (default false). */
  vectors?: boolean;
}

/** The outcome of {@link lanczos}. */
export interface LanczosResult {
  /** The wanted Ritz values, ascending. */
  values: Float64Array;
  /** Unit Ritz vectors as columns (n × values.length), aligned with `values`, when requested. */
  vectors?: Matrix;
  /** Number of operator applications (the final Krylov dimension). */
  iterations: number;
  /** Residual norms `‖A·y_i − θ_i·y_i‖ = |β_m s_{m,i}|`, aligned with `values`. */
  residualNorms: Float64Array;
  /**
   * Whether every wanted residual met the tolerance (always true once the basis spans ℝⁿ;
   * false when maxIterations ends the run at an invariant subspace, which may have missed
   * part of the spectrum).
   */
  converged: boolean;
}

const WHICH = ['largest', 'smallest', 'both'] as const;

function validated(n: number, options: LanczosOptions) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`lanczos: n must be an integer ≥ 1, got ${n}`);
  const which = options.which ?? 'largest';
  if (!WHICH.includes(which)) {
    throw new Error(`lanczos: which must be 'largest', 'smallest' or 'both', got ${String(which)}`);
  }
  const count = options.count ?? 1;
  const ends = which === 'both' ? 2 : 1;
  if (!Number.isInteger(count) || count < 1 || ends * count > n) {
    throw new Error(
      `lanczos: count must be an integer in [1, ${Math.floor(n / ends)}]` +
        `${which === 'both' ? " (2·count ≤ n when which is 'both')" : ''}, got ${count}`,
    );
  }
  const maxIterations = options.maxIterations ?? Math.min(n, 1000);
  if (!Number.isInteger(maxIterations) || maxIterations < ends * count) {
    throw new Error(
      `lanczos: maxIterations must be an integer ≥ the number of wanted eigenvalues (${ends * count}), ` +
        `got ${maxIterations}`,
    );
  }
  const tolerance = options.tolerance ?? 1e-10;
  if (!(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new Error(`lanczos: tolerance must be a finite number > 0, got ${tolerance}`);
  }
  if (options.start !== undefined) {
    if (options.start.length !== n) {
      throw new Error(`lanczos: start must have n = ${n} entries, got ${options.start.length}`);
    }
    if (!options.start.every(Number.isFinite) || norm2(options.start) === 0) {
      throw new Error('lanczos: start must be a finite, nonzero vector');
    }
  }
  return { which, count, wanted: ends * count, maxIterations: Math.min(maxIterations, n), tolerance };
}

/**
 * `w ← w − (q·w)·q` for a unit vector q: the hot loop of the whole method (O(n·m) per step),
 * written out with four accumulators because V8 does not vectorize.
 */
function projectOut(q: Float64Array, w: Float64Array): void {
  const n = w.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += q[i] * w[i];
    s1 += q[i + 1] * w[i + 1];
    s2 += q[i + 2] * w[i + 2];
    s3 += q[i + 3] * w[i + 3];
  }
  for (; i < n; i++) s0 += q[i] * w[i];
  const c = s0 + s1 + (s2 + s3);
  for (i = 0; i + 3 < n; i += 4) {
    w[i] -= c * q[i];
    w[i + 1] -= c * q[i + 1];
    w[i + 2] -= c * q[i + 2];
    w[i + 3] -= c * q[i + 3];
  }
  for (; i < n; i++) w[i] -= c * q[i];
}

/**
 * Removes from `w` its components along every basis vector and returns its norm. A second
 * pass runs only when the first removed much of w (the DGKS criterion): only then can the
 * rounding errors of the first pass leave w measurably non-orthogonal to the basis.
 */
function orthogonalize(w: Float64Array, basis: Float64Array[]): number {
  let before = norm2(w);
  for (let pass = 0; pass < 3; pass++) {
    for (const q of basis) projectOut(q, w);
    const after = norm2(w);
    if (after >= 0.5 * before) return after;
    before = after;
  }
  return norm2(w);
}

/**
 * Lanczos with full reorthogonalization for the extreme eigenvalues of a symmetric n×n
 * operator given as `matVec(x, out)` (writes A·x into out). Deterministic for a given key.
 */
export function lanczos(matVec: LinearOperator, n: number, options: LanczosOptions = {}): LanczosResult {
  const { which, count, wanted, maxIterations, tolerance } = validated(n, options);
  const [startKey, firstRestartKey] = split(options.key ?? makeKey(0), 2);
  let restartKey = firstRestartKey;
  const freshVector = (): Float64Array => {
    const [nextKey, useKey] = split(restartKey, 2);
    restartKey = nextKey;
    return normal(useKey, n);
  };

  const basis: Float64Array[] = [];
  const alphas: number[] = [];
  const betas: number[] = []; // betas[j] couples basis vectors j and j + 1.
  let q: Float64Array = Float64Array.from(options.start ?? normal(startKey, n));
  let scale = norm2(q);
  for (let i = 0; i < n; i++) q[i] /= scale;
  const w = new Float64Array(n);
  let operatorScale = 0;
  // β below this is rounding noise of an invariant subspace; dropping it perturbs T by less
  // than the requested accuracy.
  const breakdownRelative = Math.min(1e-12, 0.01 * tolerance);

  let selected: RitzSelection | undefined;
  let converged = false;
  let nextCheck = wanted;
  for (;;) {
    const j = basis.length;
    basis.push(q);
    w.fill(0);
    matVec(q, w);
    const applied = norm2(w);
    if (!Number.isFinite(applied)) {
      throw new Error(`lanczos: matVec returned a non-finite value at iteration ${j + 1}`);
    }
    operatorScale = Math.max(operatorScale, applied);
    const alpha = dot(q, w);
    alphas.push(alpha);
    axpy(-alpha, q, w);
    if (j > 0) axpy(-betas[j - 1], basis[j - 1], w);
    let beta = orthogonalize(w, basis);
    const m = j + 1;
    const breakdown = beta <= breakdownRelative * operatorScale;
    if (breakdown) beta = 0;
    betas.push(beta);

    const complete = m >= n;
    const atLimit = m >= maxIterations;
    // Never judge convergence at a breakdown: every Ritz residual is zero there even when
    // the start vector missed part of the spectrum. Restart first, unless nothing is left.
    if (complete || atLimit || (!breakdown && m >= nextCheck)) {
      const pairs = wantedRitzPairs(alphas, betas, which, count);
      const bound = tolerance * Math.max(Math.abs(pairs.extremes[0]), Math.abs(pairs.extremes[1]));
      // At a breakdown with no room left to restart, eigenvalues the start vector missed may
      // be absent although every residual is zero: not claimed as converged.
      converged = complete || (!breakdown && pairs.residuals.every((r) => r <= bound));
      selected = pairs;
      if (converged || atLimit) break;
      nextCheck = m + checkSpacing(m, n);
    }

    if (breakdown) {
      let restarted = false;
      for (let attempt = 0; attempt < 3 && !restarted; attempt++) {
        q = freshVector();
        const before = norm2(q);
        scale = orthogonalize(q, basis);
        restarted = scale > 1e-6 * before;
      }
      if (!restarted) {
        // ℝⁿ is exhausted up to rounding: the Ritz values are the whole spectrum.
        selected = wantedRitzPairs(alphas, betas, which, count);
        converged = true;
        break;
      }
    } else {
      q = Float64Array.from(w);
      scale = beta;
    }
    for (let i = 0; i < n; i++) q[i] /= scale;
  }

  if (selected === undefined) throw new Error('lanczos: internal error: no Ritz values were computed');
  const result: LanczosResult = {
    values: selected.values,
    iterations: basis.length,
    residualNorms: selected.residuals,
    converged,
  };
  if (options.vectors) result.vectors = ritzVectors(alphas, betas, basis, selected.indices);
  return result;
}

/**
 * Steps until the next convergence check. A check costs ~30m² flops (QL on T_m), a step
 * ~4nm (reorthogonalization); the spacing m·√(15/n) minimizes checks plus the expected
 * overshoot past convergence under that model, capped at m/8.
 */
function checkSpacing(m: number, n: number): number {
  return Math.max(1, Math.min(Math.floor(m * Math.sqrt(15 / n)), Math.floor(m / 8)));
}

/** The wanted Ritz values with their residual bounds and positions in T's ascending spectrum. */
interface RitzSelection {
  values: Float64Array;
  residuals: Float64Array;
  indices: Int32Array;
  extremes: readonly [number, number];
}

/**
 * Ritz values of T_m and their residual bounds `|β_m s_{m,i}|`, restricted to the wanted
 * ones. Only the last component of each eigenvector of T is carried through QL.
 */
function wantedRitzPairs(alphas: number[], betas: number[], which: string, count: number): RitzSelection {
  const m = alphas.length;
  const values = Float64Array.from(alphas);
  const lastComponents = new Float64Array(m);
  lastComponents[m - 1] = 1;
  tridiagonalQl(values, betas, lastComponents, 1);
  const order = ascendingOrder(values);
  const take = Math.min(count, m);
  const picked: number[] = [];
  if (which !== 'largest') for (let i = 0; i < take; i++) picked.push(order[i]);
  if (which !== 'smallest') {
    for (let i = Math.max(m - take, which === 'both' ? take : 0); i < m; i++) picked.push(order[i]);
  }
  const lastBeta = betas[m - 1];
  return {
    values: Float64Array.from(picked, (i) => values[i]),
    residuals: Float64Array.from(picked, (i) => Math.abs(lastBeta * lastComponents[i])),
    // Positions in ascending order of T's spectrum, for recomputing the vectors.
    indices: Int32Array.from(picked, (i) => order.indexOf(i)),
    extremes: [values[order[0]], values[order[m - 1]]] as const,
  };
}

/** Ritz vectors `y_i = Q_m·s_i` for the given positions in the ascending spectrum of T_m. */
function ritzVectors(alphas: number[], betas: number[], basis: Float64Array[], indices: Int32Array): Matrix {
  const m = alphas.length;
  const n = basis[0].length;
  const { vectors } = eighTridiagonal(alphas, betas.slice(0, m - 1), { vectors: true });
  const s = vectors!;
  const k = indices.length;
  const out = new Float64Array(n * k);
  const y = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    y.fill(0);
    for (let j = 0; j < m; j++) axpy(s.data[j * m + indices[c]], basis[j], y);
    const length = norm2(y);
    for (let i = 0; i < n; i++) out[i * k + c] = y[i] / length;
  }
  return { rows: n, cols: k, data: out };
}
