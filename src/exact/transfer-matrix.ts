/**
 * Exact thermodynamics of the 1D Ising chain in a field by the transfer matrix, for any length.
 *
 * The matrix is taken over a semiring of *moments* rather than of numbers: entry (s, s′) of Tⁿ
 * holds, for the configurations of a segment of n bonds running from spin s to spin s′, the Gibbs
 * entropy S = ln W + β⟨E⟩ of their total weight W together with the mean and variance of their
 * energy E and magnetisation M. Two segments joined at a fixed spin are independent, so entropies,
 * means and variances add; two disjoint sets of configurations are merged as a weighted mixture
 * (Chan's update: variances about the mean, never Σw·E² − (Σw·E)²). Then
 * - periodic ring of N sites: the sets Tᴺ(s, s), s = ±, merged;
 * - open chain: the first spin's field term joined to T^{N−1}(s, s′), all four merged;
 * with Tⁿ by repeated squaring, O(log N) for either boundary.
 *
 * Why not the eigenvalues λ± = e^K cosh H ± √(e^{2K} sinh² H + e^{−2K}) and derivatives of
 * ln Z = ln(λ₊^N + λ₋^N), as before? C = ∂²ln Z/∂β² and χ come out as differences such as
 * λ″/λ − (λ′/λ)² that cancel catastrophically once the energy distribution is sharp (low T: the
 * absolute error stays near ε while C falls like e^{−βΔE}; an open chain at T = 0.02, J = −5,
 * h = 5 was off by 10⁻⁹ to 10⁻⁷ relative), and the chain rule through √(… + e^{−2K}) squared a
 * derivative of order e^{−2K}, which overflowed to a silently dropped term for K ≲ −175 (a ring at
 * T = 0.02, J = −5, h = 3 gave C ≈ −1.25·10⁵ instead of ≈ 10⁻²⁹⁸).
 * Here every weight enters only through a ratio e^{ΔS − βΔ⟨E⟩} ≤ 1 of two sets, the energy
 * difference taken before β multiplies it, and every variance is a weighted sum of non-negative
 * terms: each result is accurate to a few ulps relative at any temperature, down to the underflow
 * of e^{−βΔE} (a variance below about 10⁻³⁰⁰ loses digits, as it must). Mean energies are
 * carried in double-double (see `ConfigurationSet`); splittings of the energy below about 10⁻³⁰
 * of its size (a field of 10⁻²⁹ against J = 1) are not resolved.
 *
 * ⟨|M|⟩ and the Binder cumulant need the whole distribution of M and are not given here (use
 * `isingRowTransfer` for N ≤ 1024 or `isingDensityOfStates` for N ≤ 25).
 */
import type { IsingBoundary } from '../models/ising/model.js';
import { assertFinite, assertInteger, assertPositive, describe } from './validate.js';

/** Options of `isingChainTransferMatrix`. */
export interface ChainTransferMatrixOptions {
  /** Number of sites N, an integer in [2, 2^40]. */
  length: number;
  /** Temperature T > 0. */
  temperature: number;
  /** Coupling J, finite; 1 by default. */
  coupling?: number;
  /** Field h, finite; 0 by default. */
  field?: number;
  /** `'periodic'` (default) or `'open'`. */
  boundary?: IsingBoundary;
}

/** Exact thermodynamics of a finite chain. */
export interface ChainTransferMatrixResult {
  /** N. */
  length: number;
  /** T. */
  temperature: number;
  /** ln Z. */
  logPartitionFunction: number;
  /** f = −T ln Z / N. */
  freeEnergyPerSpin: number;
  /** u = ⟨E⟩/N. */
  energyPerSpin: number;
  /** C = Var(E)/(N T²). */
  specificHeat: number;
  /** s = (u − f)/T = (ln Z + ⟨E⟩/T)/N, computed without the cancellation of u − f at low T. */
  entropyPerSpin: number;
  /** ⟨m⟩ = ⟨M⟩/N. */
  magnetizationPerSpin: number;
  /** N(⟨m²⟩ − ⟨m⟩²)/T = Var(M)/(N T). */
  susceptibilityConnected: number;
  /** N⟨m²⟩/T. */
  susceptibilityFromSecondMoment: number;
}

/**
 * A set of configurations: ln of its total weight is `entropy − β·⟨E⟩`. Keeping the entropy
 * rather than ln W keeps the large β⟨E⟩ apart, so two sets are compared through their energy
 * difference. ⟨E⟩ is a double-double `energyMean + energyMeanLow` (about 32 digits): sums of a
 * non-dyadic J in different orders round differently, and two sets of equal true mean energy
 * would otherwise differ by an ulp, a spurious variance of (ε E)² ≈ 10⁻³² that would swamp a
 * true variance of e^{−βΔE} at low temperature.
 */
interface ConfigurationSet {
  entropy: number;
  energyMean: number;
  energyMeanLow: number;
  energyVariance: number;
  magnetizationMean: number;
  magnetizationVariance: number;
}

/** Entries (+, +), (+, −), (−, +), (−, −) over the end spins of a segment. */
type SegmentMatrix = [ConfigurationSet, ConfigurationSet, ConfigurationSet, ConfigurationSet];

/** The exact double-double (high, low) of high + low for |high| ≥ |low| or high = 0 (Dekker's fast two-sum). */
function normalize(high: number, low: number): [number, number] {
  const sum = high + low;
  return [sum, low - (sum - high)];
}

/** a + b exactly, as a double-double (Knuth's two-sum). */
function twoSum(a: number, b: number): [number, number] {
  const sum = a + b;
  const b1 = sum - a;
  return [sum, a - (sum - b1) + (b - b1)];
}

/** (high + low) + c as a double-double. */
function addToDoubleDouble(high: number, low: number, c: number): [number, number] {
  const [sum, error] = twoSum(high, c);
  return normalize(sum, error + low);
}

/** ⟨E⟩_b − ⟨E⟩_a, correctly rounded to a double however close the two means are. */
function energyDifference(a: ConfigurationSet, b: ConfigurationSet): number {
  const [difference, error] = twoSum(b.energyMean, -a.energyMean);
  return difference + (error + (b.energyMeanLow - a.energyMeanLow));
}

/** Every configuration of `a` followed by every one of `b` (independent given the shared spin). */
function join(a: ConfigurationSet, b: ConfigurationSet): ConfigurationSet {
  const [sum, error] = twoSum(a.energyMean, b.energyMean);
  const [energyMean, energyMeanLow] = normalize(sum, error + a.energyMeanLow + b.energyMeanLow);
  return {
    entropy: a.entropy + b.entropy,
    energyMean,
    energyMeanLow,
    energyVariance: a.energyVariance + b.energyVariance,
    magnetizationMean: a.magnetizationMean + b.magnetizationMean,
    magnetizationVariance: a.magnetizationVariance + b.magnetizationVariance,
  };
}

/** The union of two disjoint sets at inverse temperature `beta`: a mixture of the two. */
function merge(first: ConfigurationSet, second: ConfigurationSet, beta: number): ConfigurationSet {
  let a = first;
  let b = second;
  let energyDelta = energyDifference(a, b);
  // ln(W_b/W_a), the energy difference taken before β multiplies it.
  let logRatio = b.entropy - a.entropy - beta * energyDelta;
  if (logRatio > 0) {
    [a, b] = [b, a];
    logRatio = -logRatio;
    energyDelta = -energyDelta;
  }
  const ratio = Math.exp(logRatio); // ≤ 1: W_b/W_a
  const p = ratio / (1 + ratio); // share of b
  const q = 1 / (1 + ratio); // share of a
  const [energyMean, energyMeanLow] = addToDoubleDouble(a.energyMean, a.energyMeanLow, p * energyDelta);
  const magnetizationDelta = b.magnetizationMean - a.magnetizationMean;
  return {
    // S = ln W + β⟨E⟩ with ln W = ln W_a + ln(1 + ratio) and ⟨E⟩ = ⟨E⟩_a + p·ΔE.
    entropy: a.entropy + Math.log1p(ratio) + beta * p * energyDelta,
    energyMean,
    energyMeanLow,
    energyVariance: q * a.energyVariance + p * b.energyVariance + p * q * energyDelta * energyDelta,
    // M is a sum of ±1: exact, and the same along every path, so a double is enough. The convex
    // form is symmetric in a and b at a tie, so a spin-flip-symmetric chain (h = 0) gets ⟨M⟩ = 0.
    magnetizationMean: q * a.magnetizationMean + p * b.magnetizationMean,
    magnetizationVariance:
      q * a.magnetizationVariance +
      p * b.magnetizationVariance +
      p * q * magnetizationDelta * magnetizationDelta,
  };
}

/** The segment a·b: entry (s, s″) merges, over the middle spin m, a(s, m) joined to b(m, s″). */
function multiply(a: SegmentMatrix, b: SegmentMatrix, beta: number): SegmentMatrix {
  const entry = (row: number, column: number) =>
    merge(join(a[2 * row], b[column]), join(a[2 * row + 1], b[2 + column]), beta);
  return [entry(0, 0), entry(0, 1), entry(1, 0), entry(1, 1)];
}

/** One configuration of energy `bondEnergy + fieldEnergy` (kept exact) and magnetisation M. */
function single(bondEnergy: number, fieldEnergy: number, magnetization: number): ConfigurationSet {
  const [energyMean, energyMeanLow] = twoSum(bondEnergy, fieldEnergy);
  return {
    entropy: 0,
    energyMean,
    energyMeanLow,
    energyVariance: 0,
    magnetizationMean: magnetization,
    magnetizationVariance: 0,
  };
}

/** Tⁿ for n ≥ 1 by repeated squaring; T(s, s′) is the bond s–s′ and the field on s′. */
function power(n: number, coupling: number, field: number, beta: number): SegmentMatrix {
  const step = (s: number, r: number) => single(-coupling * s * r, -field * r, r);
  let square: SegmentMatrix = [step(1, 1), step(1, -1), step(-1, 1), step(-1, -1)];
  let result: SegmentMatrix | undefined;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = result === undefined ? square : multiply(result, square, beta);
    if (e > 1) square = multiply(square, square, beta);
  }
  return result as SegmentMatrix;
}

/**
 * Exact ln Z, energy, specific heat, entropy, magnetisation and susceptibilities of a 1D Ising
 * chain of any length, in O(log N), accurate to rounding at any temperature (see the module
 * comment).
 */
export function isingChainTransferMatrix(options: ChainTransferMatrixOptions): ChainTransferMatrixResult {
  const where = 'isingChainTransferMatrix';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `${where}: options must be an object { length, temperature, coupling?, field?, boundary? }`,
    );
  }
  const n = options.length;
  assertInteger(where, 'length', n, 2, 2 ** 40);
  const temperature = options.temperature;
  assertPositive(where, 'temperature', temperature);
  const coupling = options.coupling ?? 1;
  assertFinite(where, 'coupling', coupling);
  const field = options.field ?? 0;
  assertFinite(where, 'field', field);
  const boundary = options.boundary ?? 'periodic';
  if (boundary !== 'periodic' && boundary !== 'open') {
    throw new RangeError(`${where}: boundary must be 'periodic' or 'open', got ${describe(boundary)}`);
  }
  const beta = 1 / temperature;
  const k = coupling * beta;
  const h = field * beta;
  if (!(Math.abs(k) <= 300 && Math.abs(h) <= 300)) {
    throw new RangeError(
      `${where}: |coupling|/temperature and |field|/temperature must be ≤ 300, got ${k} and ${h}`,
    );
  }
  let chain: ConfigurationSet;
  if (boundary === 'periodic') {
    // Tᴺ(s, s): N bonds closing the ring onto the first spin, whose field is the last step's.
    const ring = power(n, coupling, field, beta);
    chain = merge(ring[0], ring[3], beta);
  } else {
    // The first spin's field, then N − 1 steps.
    const body = power(n - 1, coupling, field, beta);
    const up = single(0, -field, 1);
    const down = single(0, field, -1);
    chain = merge(
      merge(join(up, body[0]), join(up, body[1]), beta),
      merge(join(down, body[2]), join(down, body[3]), beta),
      beta,
    );
  }
  // ⟨E⟩ ≤ 0 (it is 0 at β = 0 and falls as β grows), so ln Z = S − β⟨E⟩ adds two terms ≥ 0.
  const meanE = chain.energyMean + chain.energyMeanLow;
  const logPartitionFunction = chain.entropy - beta * meanE;
  const meanM = chain.magnetizationMean;
  const varianceM = chain.magnetizationVariance;
  return {
    length: n,
    temperature,
    logPartitionFunction,
    freeEnergyPerSpin: (-temperature * logPartitionFunction) / n,
    energyPerSpin: meanE / n,
    specificHeat: (chain.energyVariance * beta * beta) / n,
    entropyPerSpin: chain.entropy / n,
    magnetizationPerSpin: meanM / n,
    susceptibilityConnected: varianceM / (n * temperature),
    susceptibilityFromSecondMoment: (varianceM + meanM * meanM) / (n * temperature),
  };
}
