/**
 * The strong-Wolfe line search of Nocedal & Wright (Numerical Optimization, 2nd ed.,
 * Algorithms 3.5 and 3.6). Along a descent direction d, with φ(α) = U(x + αd), it finds α
 * satisfying
 * - sufficient decrease (Armijo): `φ(α) ≤ φ(0) + c₁·α·φ'(0)`, and
 * - the strong curvature condition: `|φ'(α)| ≤ c₂·|φ'(0)|`,
 * with 0 < c₁ < c₂ < 1. The second condition keeps sᵀy > 0, so quasi-Newton updates (L-BFGS)
 * stay positive definite. Phase one grows α until it brackets an acceptable step; phase two
 * ("zoom") shrinks the bracket, choosing each trial as the minimizer of the cubic that
 * interpolates φ and φ' at the two ends (safeguarded; quadratic or bisection as fallbacks).
 * Every trial evaluates U and ∇U together (one gradient evaluation).
 */
import type { Energy } from '../energies/energy.js';
import type { Iterate } from './optimizer.js';

/** φ and φ' at a trial step α. */
export interface LinePoint {
  readonly stepLength: number;
  readonly value: number;
  readonly derivative: number;
}

/** Options of {@link strongWolfe}. */
export interface StrongWolfeOptions {
  /** Sufficient-decrease constant c₁ ∈ (0, c₂) (default 1e-4). */
  c1?: number;
  /** Curvature constant c₂ ∈ (c₁, 1) (default 0.9, the usual choice for quasi-Newton). */
  c2?: number;
  /** Largest number of trial steps (evaluations of U and ∇U), default 30. */
  maxEvaluations?: number;
  /** Largest step length α tried (default 1e10). */
  maxStepLength?: number;
}

/** The outcome of a line search. */
export interface LineSearchResult {
  /** Whether both strong-Wolfe conditions hold at the returned step. */
  readonly converged: boolean;
  /** The accepted α (when not converged: the best α with sufficient decrease, or 0). */
  readonly stepLength: number;
  /** The point x + αd with its energy and gradient (the start point when α = 0). */
  readonly point: Iterate;
  /** Trial evaluations of U and ∇U. */
  readonly evaluations: number;
  /** Why the search failed, when it did. */
  readonly failure?: string;
}

/** A line search along a direction from an evaluated point. */
export interface LineSearch {
  readonly name: string;
  /** c₁. */
  readonly c1: number;
  /** c₂. */
  readonly c2: number;
  /** Searches along `direction` from `point`, starting with the trial `initialStepLength`. */
  search(
    energy: Energy,
    point: Iterate,
    direction: Float64Array,
    initialStepLength: number,
  ): LineSearchResult;
}

/** The outcome of {@link strongWolfeSearch} on a scalar function. */
export interface ScalarLineSearchResult {
  readonly converged: boolean;
  /** The accepted trial (or the best one with sufficient decrease, or α = 0). */
  readonly best: LinePoint;
  readonly evaluations: number;
  readonly failure?: string;
}

function minimizerOfCubic(a: LinePoint, b: LinePoint): number {
  // Nocedal & Wright (3.59): the minimizer of the cubic matching φ, φ' at a and b.
  const d1 = a.derivative + b.derivative - (3 * (a.value - b.value)) / (a.stepLength - b.stepLength);
  const discriminant = d1 * d1 - a.derivative * b.derivative;
  if (!(discriminant >= 0)) return Number.NaN;
  const d2 = Math.sign(b.stepLength - a.stepLength) * Math.sqrt(discriminant);
  return (
    b.stepLength -
    ((b.stepLength - a.stepLength) * (b.derivative + d2 - d1)) / (b.derivative - a.derivative + 2 * d2)
  );
}

function minimizerOfQuadratic(a: LinePoint, b: LinePoint): number {
  // The quadratic through φ(a), φ'(a) and φ(b).
  const h = b.stepLength - a.stepLength;
  const curvature = b.value - a.value - a.derivative * h;
  return a.stepLength - (a.derivative * h * h) / (2 * curvature);
}

/**
 * A trial strictly inside the bracket [lo, hi] (either order): the cubic minimizer, else the
 * quadratic one (the secant zero of φ' where φ itself is flat to rounding), kept at least 1% of the width away from either end (a minimizer next to an
 * end is common, e.g. a long first trial on a quadratic, so it is clamped rather than
 * discarded); bisection when asked to, or when neither model has a minimizer inside.
 */
function interpolate(lo: LinePoint, hi: LinePoint, bisect: boolean): number {
  const left = Math.min(lo.stepLength, hi.stepLength);
  const right = Math.max(lo.stepLength, hi.stepLength);
  const margin = 0.01 * (right - left);
  const middle = 0.5 * (left + right);
  if (bisect) return middle;
  const clamp = (t: number) => Math.min(Math.max(t, left + margin), right - margin);
  const flat = Math.abs(hi.value - lo.value) <= 16 * Number.EPSILON * Math.abs(lo.value);
  if (flat && lo.derivative * hi.derivative < 0) {
    // φ is flat to rounding across the bracket, so models built on φ are noise: find the
    // zero of φ' by the secant through the two derivatives instead.
    const secant =
      lo.stepLength - (lo.derivative * (hi.stepLength - lo.stepLength)) / (hi.derivative - lo.derivative);
    if (secant > left && secant < right) return clamp(secant);
  }
  if (Number.isFinite(hi.value) && Number.isFinite(hi.derivative)) {
    const cubic = minimizerOfCubic(lo, hi);
    if (cubic > left && cubic < right) return clamp(cubic);
  }
  if (Number.isFinite(hi.value)) {
    const quadratic = minimizerOfQuadratic(lo, hi);
    if (quadratic > left && quadratic < right) return clamp(quadratic);
  }
  return middle;
}

/** The next trial beyond `current` while bracketing: a safeguarded cubic extrapolation. */
function extrapolate(previous: LinePoint, current: LinePoint, maxStepLength: number): number {
  const width = current.stepLength - previous.stepLength;
  const low = current.stepLength + 1.1 * width;
  const high = current.stepLength + 4 * width;
  const cubic = minimizerOfCubic(previous, current);
  const next = cubic > current.stepLength ? Math.min(Math.max(cubic, low), high) : high;
  return Math.min(next, maxStepLength);
}

/**
 * The strong-Wolfe search on a scalar function `phi(α) → {value, derivative}`, given φ(0)
 * and φ'(0) < 0 in `start`. Non-finite values count as "too far" (the bracket shrinks).
 */
export function strongWolfeSearch(
  phi: (stepLength: number) => LinePoint,
  start: LinePoint,
  initialStepLength: number,
  options: StrongWolfeOptions = {},
): ScalarLineSearchResult {
  const { c1, c2, maxEvaluations, maxStepLength } = validated(options);
  if (!(start.derivative < 0)) {
    return {
      converged: false,
      best: start,
      evaluations: 0,
      failure: `not a descent direction: φ'(0) = ${start.derivative}`,
    };
  }
  if (!(initialStepLength > 0) || !Number.isFinite(initialStepLength)) {
    throw new Error(`strongWolfe: initialStepLength must be a finite number > 0, got ${initialStepLength}`);
  }
  const armijoSlope = c1 * start.derivative;
  const curvatureBound = -c2 * start.derivative;
  const sufficientDecrease = (p: LinePoint) =>
    p.value <= start.value + p.stepLength * armijoSlope && Number.isFinite(p.derivative);
  let evaluations = 0;
  // Near a minimizer, φ(α) − φ(0) drowns in rounding and the conditions become undecidable:
  // after a few such trials in a row the search gives up instead of spending its budget.
  const roundingLevel = 64 * Number.EPSILON * Math.abs(start.value);
  let trialsAtRoundingLevel = 0;
  const evaluate = (alpha: number): LinePoint => {
    evaluations++;
    const point = phi(alpha);
    trialsAtRoundingLevel =
      Math.abs(point.value - start.value) <= roundingLevel ? trialsAtRoundingLevel + 1 : 0;
    return point;
  };
  const ROUNDING_FAILURE =
    'the energy changes along the line are at rounding level, so the minimum is resolved as far as ' +
    'energies can tell';

  const zoom = (lo: LinePoint, hi: LinePoint): ScalarLineSearchResult => {
    // Invariants (N&W §3.5): lo has sufficient decrease and the lowest φ so far among such
    // trials; φ'(lo)·(hi − lo) < 0, so the bracket holds a step satisfying both conditions.
    // Interpolation can shrink the bracket slowly (trials hugging one end): when the last
    // two trials together did not halve it, the next trial bisects.
    const widths: number[] = [];
    while (evaluations < maxEvaluations) {
      const width = Math.abs(hi.stepLength - lo.stepLength);
      if (width <= 4 * Number.EPSILON * Math.max(lo.stepLength, hi.stepLength)) {
        const failure = trialsAtRoundingLevel > 0 ? ROUNDING_FAILURE : 'the bracket shrank to rounding level';
        return { converged: false, best: lo, evaluations, failure };
      }
      widths.push(width);
      const slow = widths.length >= 3 && width > 0.5 * widths[widths.length - 3];
      if (trialsAtRoundingLevel >= 4) {
        return { converged: false, best: lo, evaluations, failure: ROUNDING_FAILURE };
      }
      const trial = evaluate(interpolate(lo, hi, slow));
      // "Higher than lo" must be decided beyond rounding: where φ is flat to machine precision
      // (a sharp minimum of a large φ) only φ' can tell, and the branch below uses its sign.
      const higher = trial.value - lo.value > 16 * Number.EPSILON * Math.abs(lo.value);
      if (!sufficientDecrease(trial) || higher) {
        hi = trial;
      } else {
        if (Math.abs(trial.derivative) <= curvatureBound) {
          return { converged: true, best: trial, evaluations };
        }
        if (trial.derivative * (hi.stepLength - lo.stepLength) >= 0) hi = lo;
        lo = trial;
      }
    }
    return {
      converged: false,
      best: lo,
      evaluations,
      failure: `no strong-Wolfe step in ${maxEvaluations} evaluations`,
    };
  };

  let previous = start;
  let alpha = Math.min(initialStepLength, maxStepLength);
  for (;;) {
    const current = evaluate(alpha);
    if (!sufficientDecrease(current) || (previous !== start && current.value >= previous.value)) {
      return zoom(previous, current);
    }
    if (Math.abs(current.derivative) <= curvatureBound) {
      return { converged: true, best: current, evaluations };
    }
    if (current.derivative >= 0) return zoom(current, previous);
    if (alpha >= maxStepLength) {
      return {
        converged: false,
        best: current,
        evaluations,
        failure: `reached maxStepLength = ${maxStepLength}`,
      };
    }
    if (evaluations >= maxEvaluations) {
      return {
        converged: false,
        best: current,
        evaluations,
        failure: `no bracket in ${maxEvaluations} evaluations`,
      };
    }
    alpha = extrapolate(previous, current, maxStepLength);
    previous = current;
  }
}

function validated(options: StrongWolfeOptions) {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  if (!(c1 > 0 && c1 < 1)) throw new Error(`strongWolfe: c1 must be a number in (0, 1), got ${c1}`);
  if (!(c2 > c1 && c2 < 1)) throw new Error(`strongWolfe: c2 must be a number in (c1 = ${c1}, 1), got ${c2}`);
  const maxEvaluations = options.maxEvaluations ?? 30;
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < 1) {
    throw new Error(`strongWolfe: maxEvaluations must be an integer ≥ 1, got ${maxEvaluations}`);
  }
  const maxStepLength = options.maxStepLength ?? 1e10;
  if (!(maxStepLength > 0))
    throw new Error(`strongWolfe: maxStepLength must be a number > 0, got ${maxStepLength}`);
  return { c1, c2, maxEvaluations, maxStepLength };
}

/** A strong-Wolfe line search for U along a direction (see {@link strongWolfeSearch}). */
export function strongWolfe(options: StrongWolfeOptions = {}): LineSearch {
  const { c1, c2 } = validated(options);
  return {
    name: `strong Wolfe (c1 = ${c1}, c2 = ${c2})`,
    c1,
    c2,
    search(energy, point, direction, initialStepLength) {
      const n = point.position.length;
      if (direction.length !== n) {
        throw new Error(`strongWolfe: direction must have ${n} entries, got ${direction.length}`);
      }
      // Each trial's iterate is kept so the accepted one needs no second evaluation.
      const trials = new Map<number, Iterate>();
      const phi = (alpha: number): LinePoint => {
        const position = new Float64Array(n);
        for (let i = 0; i < n; i++) position[i] = point.position[i] + alpha * direction[i];
        const gradient = new Float64Array(n);
        const value = energy.energyAndGradient(position, gradient);
        trials.set(alpha, { position, energy: value, gradient });
        return { stepLength: alpha, value, derivative: dot(gradient, direction) };
      };
      const start: LinePoint = {
        stepLength: 0,
        value: point.energy,
        derivative: dot(point.gradient, direction),
      };
      const result = strongWolfeSearch(phi, start, initialStepLength, options);
      const alpha = result.best.stepLength;
      const accepted = alpha === 0 ? point : trials.get(alpha)!;
      return {
        converged: result.converged,
        stepLength: alpha,
        point: accepted,
        evaluations: result.evaluations,
        failure: result.failure,
      };
    },
  };
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}
