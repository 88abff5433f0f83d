/**
 * Adaptive Gauss–Kronrod quadrature (the G7–K15 pair of QUADPACK's QAGS/QAGI), used for the
 * exact references of the 1-D landscapes: Boltzmann weights ∫ exp(−U/T) over each basin.
 *
 * Globally adaptive: the interval with the largest error estimate (QUADPACK's rescaling of
 * |K15 − G7|) is bisected until the summed estimate meets the tolerance. Infinite ends are mapped to a finite range
 * (x = t/(1−t²) on ℝ, x = a + t/(1−t) on [a, ∞)); the nodes never touch the end points, so an
 * integrand is never evaluated at ±∞.
 */
import { assertFinite, assertInteger, assertNonNegative } from '../core/validate.js';

/** Options of {@link integrate}. */
export interface QuadratureOptions {
  /** Stop when the error estimate is below this (default 0: relative tolerance only). */
  absoluteTolerance?: number;
  /** Stop when the error estimate is below this times |value| (default 1e-10). */
  relativeTolerance?: number;
  /** Largest number of subintervals (default 2000). */
  maxSubdivisions?: number;
  /**
   * Points inside (lower, upper) where the integrand has a kink or a change of scale; the
   * integration starts from the pieces between them. Surround a narrow peak with breakpoints at
   * a few multiples of its width on each side (e.g. ±1, ±4, ±16 widths): the nodes never touch
   * a piece's ends, so a feature far narrower than its piece can go unseen.
   */
  breakpoints?: readonly number[];
}

/** Result of {@link integrate}. */
export interface QuadratureResult {
  /** The integral. */
  value: number;
  /** An estimate of |value − exact|: the sum of QUADPACK's per-interval estimates. */
  errorEstimate: number;
  /** Integrand evaluations. */
  evaluations: number;
  /** Subintervals at the end. */
  subdivisions: number;
  /** Whether the tolerance was met before `maxSubdivisions`. */
  converged: boolean;
}

// Kronrod nodes on [0, 1] (the rule is symmetric); odd indices are the 7 Gauss nodes.
const KRONROD_NODES = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const KRONROD_WEIGHTS = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const GAUSS_WEIGHTS = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** A piece of the range in a variable t where it is finite: the integrand g(t) = f(x(t))·x'(t) on [a, b]. */
interface Piece {
  g: (t: number) => number;
  a: number;
  b: number;
}

/**
 * K15 on [a, b] of g and QUADPACK's error estimate (Piessens et al. 1983, QK15): the raw
 * |K15 − G7| is rescaled as ρ·min(1, (200|K15 − G7|/ρ)^{3/2}) with ρ = ∫|g − mean|, which is
 * reliable yet far less pessimistic than |K15 − G7| itself, and floored at 50ε·∫|g|.
 */
function kronrod(g: (t: number) => number, a: number, b: number): [number, number] {
  const center = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const values = new Float64Array(15);
  values[7] = g(center);
  for (let j = 0; j < 7; j++) {
    const dx = half * KRONROD_NODES[j];
    values[j] = g(center - dx);
    values[14 - j] = g(center + dx);
  }
  let k = values[7] * KRONROD_WEIGHTS[7];
  let gauss = values[7] * GAUSS_WEIGHTS[3];
  let absolute = Math.abs(k);
  for (let j = 0; j < 7; j++) {
    const pair = values[j] + values[14 - j];
    k += KRONROD_WEIGHTS[j] * pair;
    absolute += KRONROD_WEIGHTS[j] * (Math.abs(values[j]) + Math.abs(values[14 - j]));
    if (j % 2 === 1) gauss += GAUSS_WEIGHTS[(j - 1) / 2] * pair;
  }
  const mean = 0.5 * k;
  let spread = KRONROD_WEIGHTS[7] * Math.abs(values[7] - mean);
  for (let j = 0; j < 7; j++) {
    spread += KRONROD_WEIGHTS[j] * (Math.abs(values[j] - mean) + Math.abs(values[14 - j] - mean));
  }
  const scale = Math.abs(half);
  let error = Math.abs((k - gauss) * half);
  spread *= scale;
  absolute *= scale;
  if (spread !== 0 && error !== 0) error = spread * Math.min(1, (200 * error) / spread) ** 1.5;
  if (absolute > Number.MIN_VALUE / (50 * Number.EPSILON))
    error = Math.max(50 * Number.EPSILON * absolute, error);
  return [k * half, error];
}

/** The pieces of [lower, upper] between breakpoints, with infinite ends mapped to finite t. */
function makePieces(f: (x: number) => number, points: number[]): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i];
    const hi = points[i + 1];
    if (lo === -Infinity && hi === Infinity) {
      pieces.push({
        g: (t) => f(t / (1 - t * t)) * ((1 + t * t) / ((1 - t * t) * (1 - t * t))),
        a: -1,
        b: 1,
      });
    } else if (hi === Infinity) {
      pieces.push({ g: (t) => f(lo + t / (1 - t)) / ((1 - t) * (1 - t)), a: 0, b: 1 });
    } else if (lo === -Infinity) {
      pieces.push({ g: (t) => f(hi - (1 - t) / t) / (t * t), a: 0, b: 1 });
    } else {
      pieces.push({ g: f, a: lo, b: hi });
    }
  }
  return pieces;
}

/**
 * ∫_lower^upper f(x) dx, adaptively, with either bound possibly infinite. Throws if f returns a
 * non-finite value (a sign that the integrand overflows: shift it, e.g. exp(−(U − Umin)/T)).
 * Reversed bounds give the negated integral.
 */
export function integrate(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  const where = 'integrate';
  const {
    absoluteTolerance = 0,
    relativeTolerance = 1e-10,
    maxSubdivisions = 2000,
    breakpoints = [],
  } = options;
  if (typeof f !== 'function') throw new TypeError(`${where}: f must be a function of one number`);
  if (Number.isNaN(lower) || Number.isNaN(upper) || typeof lower !== 'number' || typeof upper !== 'number') {
    throw new RangeError(
      `${where}: lower and upper must be numbers (±Infinity allowed), got ${lower} and ${upper}`,
    );
  }
  assertNonNegative(where, 'absoluteTolerance', absoluteTolerance);
  assertNonNegative(where, 'relativeTolerance', relativeTolerance);
  if (absoluteTolerance === 0 && relativeTolerance === 0) {
    throw new RangeError(`${where}: absoluteTolerance and relativeTolerance cannot both be 0`);
  }
  assertInteger(where, 'maxSubdivisions', maxSubdivisions, 1);
  if (lower === upper)
    return { value: 0, errorEstimate: 0, evaluations: 0, subdivisions: 0, converged: true };
  if (lower > upper) {
    const r = integrate(f, upper, lower, options);
    return { ...r, value: -r.value };
  }
  const inside = breakpoints.filter((p, i) => {
    assertFinite(where, `breakpoints[${i}]`, p);
    return p > lower && p < upper;
  });
  const points = [lower, ...[...new Set(inside)].sort((p, q) => p - q), upper];
  let evaluations = 0;
  const checked = (x: number) => {
    const y = f(x);
    evaluations++;
    if (!Number.isFinite(y))
      throw new RangeError(`${where}: the integrand is ${y} at x = ${x}; it must stay finite`);
    return y;
  };
  const pieces = makePieces(checked, points);
  // Subintervals as parallel arrays: piece index, ends, K15 value and error estimate.
  const pieceAt: number[] = [];
  const lowerAt: number[] = [];
  const upperAt: number[] = [];
  const valueAt: number[] = [];
  const errorAt: number[] = [];
  const push = (p: number, a: number, b: number) => {
    const [value, error] = kronrod(pieces[p].g, a, b);
    pieceAt.push(p);
    lowerAt.push(a);
    upperAt.push(b);
    valueAt.push(value);
    errorAt.push(error);
  };
  for (let p = 0; p < pieces.length; p++) push(p, pieces[p].a, pieces[p].b);
  const totals = () => {
    let value = 0;
    let error = 0;
    for (let i = 0; i < valueAt.length; i++) {
      value += valueAt[i];
      error += errorAt[i];
    }
    return [value, error];
  };
  let [value, error] = totals();
  const tolerance = () => Math.max(absoluteTolerance, relativeTolerance * Math.abs(value));
  while (error > tolerance() && valueAt.length < maxSubdivisions) {
    let worst = 0;
    for (let i = 1; i < errorAt.length; i++) if (errorAt[i] > errorAt[worst]) worst = i;
    const p = pieceAt[worst];
    const a = lowerAt[worst];
    const b = upperAt[worst];
    const mid = 0.5 * (a + b);
    // Interval too small to split further in floating point: accept its estimate.
    if (!(mid > a && mid < b)) break;
    // Overwrite the worst interval with its left half, append the right half.
    const [leftValue, leftError] = kronrod(pieces[p].g, a, mid);
    upperAt[worst] = mid;
    valueAt[worst] = leftValue;
    errorAt[worst] = leftError;
    push(p, mid, b);
    [value, error] = totals();
  }
  return {
    value,
    errorEstimate: error,
    evaluations,
    subdivisions: valueAt.length,
    converged: error <= tolerance(),
  };
}
