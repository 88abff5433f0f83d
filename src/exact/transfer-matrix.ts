/**
 * Exact thermodynamics of the 1D Ising chain in a field by the transfer matrix, for any length.
 *
 * With K = J/T, H = h/T and T_{ss'} = exp(K s s' + H (s + s')/2):
 * - periodic ring of N sites: Z = Tr T^N = λ₊^N + λ₋^N, where
 *   λ± = e^K cosh H ± √(e^{2K} sinh² H + e^{−2K}); λ₋ is taken as det T / λ₊ = 2 sinh 2K / λ₊,
 *   which avoids the cancellation of the ± form, and ln Z = N ln λ₊ + ln(1 + (λ₋/λ₊)^N);
 * - open chain: Z = uᵀ T^{N−1} u with u_s = e^{H s/2}, by repeated squaring, rescaling by
 *   plain numbers (constants, which leave every derivative of ln Z unchanged) against overflow.
 *
 * Observables are derivatives of ln Z, computed exactly (to rounding) by second-order Taylor
 * arithmetic: along β (K = βJ, H = βh) for ⟨E⟩ = −∂ ln Z/∂β and Var(E) = ∂² ln Z/∂β², and along
 * H at fixed K for ⟨M⟩ = ∂ ln Z/∂H and Var(M) = ∂² ln Z/∂H². ⟨|M|⟩ and the Binder cumulant need
 * the whole distribution of M and are not given here (use `isingDensityOfStates` for N ≤ 25).
 */
import type { IsingBoundary } from '../models/ising/model.js';
import * as jet from './jet.js';
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
  /** s = (u − f)/T. */
  entropyPerSpin: number;
  /** ⟨m⟩ = ⟨M⟩/N. */
  magnetizationPerSpin: number;
  /** N(⟨m²⟩ − ⟨m⟩²)/T = Var(M)/(N T). */
  susceptibilityConnected: number;
  /** N⟨m²⟩/T. */
  susceptibilityFromSecondMoment: number;
}

type Matrix2 = [jet.Jet, jet.Jet, jet.Jet, jet.Jet];

function multiply2(a: Matrix2, b: Matrix2): Matrix2 {
  const dot = (p: jet.Jet, q: jet.Jet, r: jet.Jet, s: jet.Jet) =>
    jet.add(jet.multiply(p, q), jet.multiply(r, s));
  return [
    dot(a[0], b[0], a[1], b[2]),
    dot(a[0], b[1], a[1], b[3]),
    dot(a[2], b[0], a[3], b[2]),
    dot(a[2], b[1], a[3], b[3]),
  ];
}

/** Divides by the largest |entry| value (a plain number) and returns its log. */
function rescale(a: Matrix2): [Matrix2, number] {
  const c = Math.max(...a.map((entry) => Math.abs(entry.value)));
  return [a.map((entry) => jet.scale(entry, 1 / c)) as Matrix2, Math.log(c)];
}

/** ln Z of the chain as a jet in the direction (dK, dH). */
function logPartitionJet(
  n: number,
  k: number,
  h: number,
  directionK: number,
  directionH: number,
  periodic: boolean,
): jet.Jet {
  // K and H move together along t: K = k + dK·t, H = h + dH·t.
  const t = jet.variable(0);
  const kJet = jet.shift(jet.scale(t, directionK), k);
  const hJet = jet.shift(jet.scale(t, directionH), h);
  if (periodic) {
    const eK = jet.exp(kJet);
    const root = jet.sqrt(
      jet.add(
        jet.multiply(jet.multiply(eK, eK), jet.multiply(jet.sinh(hJet), jet.sinh(hJet))),
        jet.exp(jet.scale(kJet, -2)),
      ),
    );
    const plus = jet.add(jet.multiply(eK, jet.cosh(hJet)), root);
    const minus = jet.divide(jet.scale(jet.sinh(jet.scale(kJet, 2)), 2), plus);
    let onePlusRatioPower: jet.Jet;
    if (minus.value < 0 && n % 2 === 1) {
      // Frustrated ring (J < 0, N odd): (λ₋/λ₊)^N → −1 and 1 + (λ₋/λ₊)^N would cancel. With
      // δ = 1 + λ₋/λ₊ = 2 e^K cosh H / λ₊ (exact: λ₊ + λ₋ = 2 e^K cosh H), it is 1 − (1 − δ)^N.
      const delta = jet.divide(jet.scale(jet.multiply(eK, jet.cosh(hJet)), 2), plus);
      onePlusRatioPower = jet.scale(jet.expm1(jet.scale(jet.log1p(jet.scale(delta, -1)), n)), -1);
    } else {
      onePlusRatioPower = jet.shift(jet.powerInteger(jet.divide(minus, plus), n), 1);
    }
    return jet.add(jet.scale(jet.log(plus), n), jet.log(onePlusRatioPower));
  }
  // T_{ss'} = exp(K s s' + H (s + s')/2), indices (+, −).
  const entry = (s: number, r: number) =>
    jet.exp(jet.add(jet.scale(kJet, s * r), jet.scale(hJet, (s + r) / 2)));
  let power: Matrix2 = [entry(1, 1), entry(1, -1), entry(-1, 1), entry(-1, -1)];
  let powerLog = 0;
  let result: Matrix2 | null = null;
  let resultLog = 0;
  // Binary powering of T^{N−1}; each matrix is (true matrix)/exp(log scale), the scale a constant.
  for (let e = n - 1; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      const [scaled, logScale] = rescale(result === null ? power : multiply2(result, power));
      resultLog = (result === null ? 0 : resultLog) + powerLog + logScale;
      result = scaled;
    }
    if (e > 1) {
      const [scaled, logScale] = rescale(multiply2(power, power));
      power = scaled;
      powerLog = 2 * powerLog + logScale;
    }
  }
  const r = result as Matrix2;
  const up = jet.exp(jet.scale(hJet, 0.5));
  const down = jet.exp(jet.scale(hJet, -0.5));
  const z = jet.add(
    jet.multiply(up, jet.add(jet.multiply(r[0], up), jet.multiply(r[1], down))),
    jet.multiply(down, jet.add(jet.multiply(r[2], up), jet.multiply(r[3], down))),
  );
  return jet.shift(jet.log(z), resultLog);
}

/**
 * Exact ln Z, energy, specific heat, magnetisation and susceptibilities of a 1D Ising chain of
 * any length (O(1) for a ring, O(log N) for an open chain).
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
  const periodic = boundary === 'periodic';
  // d/dβ moves K by J and H by h per unit β.
  const alongBeta = logPartitionJet(n, k, h, coupling, field, periodic);
  const alongField = logPartitionJet(n, k, h, 0, 1, periodic);
  const logPartitionFunction = alongBeta.value;
  const energyPerSpin = -alongBeta.first / n;
  const freeEnergyPerSpin = (-temperature * logPartitionFunction) / n;
  const meanM = alongField.first;
  const varianceM = alongField.second;
  return {
    length: n,
    temperature,
    logPartitionFunction,
    freeEnergyPerSpin,
    energyPerSpin,
    specificHeat: (alongBeta.second * beta * beta) / n,
    entropyPerSpin: (energyPerSpin - freeEnergyPerSpin) / temperature,
    magnetizationPerSpin: meanM / n,
    susceptibilityConnected: varianceM / (n * temperature),
    susceptibilityFromSecondMoment: (varianceM + meanM * meanM) / (n * temperature),
  };
}
