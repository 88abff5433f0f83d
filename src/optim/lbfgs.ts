/**
 * L-BFGS (Nocedal 1980; Liu & Nocedal 1989): a quasi-Newton method that keeps the last m
 * pairs `s = x_{k+1} − x_k`, `y = ∇U_{k+1} − ∇U_k` and applies the implied inverse-Hessian
 * approximation to the gradient by the two-loop recursion, in O(m·n) per step. The initial
 * matrix is `γ·I` with `γ = sᵀy/yᵀy` (the most recent pair), so the first trial step α = 1
 * is usually accepted. A strong-Wolfe line search keeps every `sᵀy > 0`, hence the
 * approximation positive definite.
 *
 * It needs the energy (line-search trials), so it is an {@link EnergyOptimizer}: run it with
 * `minimize(energy, x0, lbfgs())`, alone or as a later phase after Adam.
 */
import { type LineSearch, type LineSearchResult, strongWolfe } from './line-search.js';
import type { EnergyOptimizer, Iterate } from './optimizer.js';

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /** Number m of (s, y) pairs kept (integer ≥ 1, default 10). */
  historySize?: number;
  /** The line search (default `strongWolfe({ c1: 1e-4, c2: 0.9 })`). */
  lineSearch?: LineSearch;
}

/** State of {@link lbfgs}: the curvature pairs (oldest first) and the last line search. */
export interface LbfgsState {
  readonly steps: readonly Float64Array[];
  readonly gradientChanges: readonly Float64Array[];
  /** `1/(sᵀy)` for each pair. */
  readonly inverseCurvatures: readonly number[];
  /** Iterations completed. */
  readonly iteration: number;
  /** The line search of the last iteration (undefined before the first). */
  readonly lastLineSearch?: { readonly stepLength: number; readonly evaluations: number };
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** The two-loop recursion: returns `−H·g` for the L-BFGS inverse-Hessian approximation H. */
export function lbfgsDirection(gradient: Float64Array, state: LbfgsState): Float64Array {
  const n = gradient.length;
  const m = state.steps.length;
  const q = Float64Array.from(gradient);
  const alphas = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    const s = state.steps[i];
    const y = state.gradientChanges[i];
    const alpha = state.inverseCurvatures[i] * dot(s, q);
    alphas[i] = alpha;
    for (let j = 0; j < n; j++) q[j] -= alpha * y[j];
  }
  if (m > 0) {
    const y = state.gradientChanges[m - 1];
    const gamma = 1 / (state.inverseCurvatures[m - 1] * dot(y, y));
    for (let j = 0; j < n; j++) q[j] *= gamma;
  }
  for (let i = 0; i < m; i++) {
    const s = state.steps[i];
    const y = state.gradientChanges[i];
    const beta = state.inverseCurvatures[i] * dot(y, q);
    const factor = alphas[i] - beta;
    for (let j = 0; j < n; j++) q[j] += factor * s[j];
  }
  for (let j = 0; j < n; j++) q[j] = -q[j];
  return q;
}

const EMPTY: LbfgsState = { steps: [], gradientChanges: [], inverseCurvatures: [], iteration: 0 };

/** L-BFGS with a strong-Wolfe line search. */
export function lbfgs(options: LbfgsOptions = {}): EnergyOptimizer<LbfgsState> {
  const historySize = options.historySize ?? 10;
  if (!Number.isInteger(historySize) || historySize < 1) {
    throw new Error(`lbfgs: historySize must be an integer ≥ 1, got ${historySize}`);
  }
  const lineSearch = options.lineSearch ?? strongWolfe({ c1: 1e-4, c2: 0.9 });

  /** Steepest descent with a first trial of length ≤ 1: the step when no curvature is known. */
  const steepest = (point: Iterate): [Float64Array, number] => {
    const direction = point.gradient.map((g) => -g);
    const norm = Math.sqrt(dot(direction, direction));
    return [direction, Math.min(1, 1 / norm)];
  };

  return {
    name: 'L-BFGS',
    init: () => EMPTY,
    step(energy, point, state) {
      let history = state;
      let [direction, initialStep] =
        history.steps.length > 0 ? [lbfgsDirection(point.gradient, history), 1] : steepest(point);
      if (!(dot(direction, point.gradient) < 0)) {
        // Rounding can spoil the direction; curvature pairs are then worthless: start afresh.
        history = { ...EMPTY, iteration: history.iteration };
        [direction, initialStep] = steepest(point);
      }
      let search: LineSearchResult = lineSearch.search(energy, point, direction, initialStep);
      let evaluations = search.evaluations;
      if (!search.converged && history.steps.length > 0) {
        history = { ...EMPTY, iteration: history.iteration };
        [direction, initialStep] = steepest(point);
        search = lineSearch.search(energy, point, direction, initialStep);
        evaluations += search.evaluations;
      }
      if (!search.converged) {
        return {
          point,
          state: { ...history, lastLineSearch: { stepLength: 0, evaluations } },
          stalled: `the line search found no strong-Wolfe step along steepest descent (${search.failure})`,
        };
      }
      const next = search.point;
      const n = point.position.length;
      const s = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        s[i] = next.position[i] - point.position[i];
        y[i] = next.gradient[i] - point.gradient[i];
      }
      const curvature = dot(s, y);
      let { steps, gradientChanges, inverseCurvatures } = history;
      // Strong Wolfe guarantees sᵀy > 0 in exact arithmetic; skip pairs that rounding spoiled.
      if (curvature > Number.EPSILON * dot(y, y)) {
        const drop = steps.length >= historySize ? 1 : 0;
        steps = [...steps.slice(drop), s];
        gradientChanges = [...gradientChanges.slice(drop), y];
        inverseCurvatures = [...inverseCurvatures.slice(drop), 1 / curvature];
      }
      return {
        point: next,
        state: {
          steps,
          gradientChanges,
          inverseCurvatures,
          iteration: history.iteration + 1,
          lastLineSearch: { stepLength: search.stepLength, evaluations },
        },
      };
    },
  };
}
