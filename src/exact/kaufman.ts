/**
 * Kaufman's exact partition function of the 2D Ising model on a periodic n × m torus in zero
 * field (B. Kaufman, Phys. Rev. 76, 1232 (1949)), with K = J/T:
 *
 *   Z = ½ (2 sinh 2K)^{nm/2} (Z₁ + Z₂ + Z₃ + Z₄),
 *   Z₁ = Π_{r=0}^{n−1} 2 cosh(m γ_{2r+1}/2),   Z₂ = Π 2 sinh(m γ_{2r+1}/2),
 *   Z₃ = Π_{r=0}^{n−1} 2 cosh(m γ_{2r}/2),     Z₄ = Π 2 sinh(m γ_{2r}/2),
 *   cosh γ_j = cosh 2K coth 2K − cos(jπ/n)  (j ≥ 1),   γ₀ = 2K + ln tanh K.
 *
 * ⚠ γ₀ is signed: negative above T_c, where it makes Z₄ negative; taking it from the arccosh
 * (always ≥ 0) gives a wrong Z above T_c. The products are summed in the log domain (each factor
 * through ln(2 cosh x) or ln(2 sinh x) without overflow), so lattices of any size are fine.
 *
 * The energy and specific heat are derivatives of ln Z with respect to K, carried exactly
 * through every step by second-order Taylor arithmetic (no finite differences): the results are
 * exact to rounding, about 1e−13 relative. Counting bonds as `IsingModel` does (double bonds on
 * a periodic side of 2), the formula matches exact enumeration for every n, m ≥ 2.
 */
import * as jet from './jet.js';
import { assertFinite, assertInteger, assertPositive, describe } from './validate.js';

/** Options of `kaufmanIsing`. */
export interface KaufmanOptions {
  /** Sites along x (n), an integer in [2, 2^24]. */
  width: number;
  /** Sites along y (m), an integer in [2, 2^24]; `width` by default. */
  height?: number;
  /** Temperature T > 0, with J/T ≤ 100. */
  temperature: number;
  /** Coupling J > 0 (ferromagnetic); 1 by default. */
  coupling?: number;
}

/** Exact thermodynamics of the periodic n × m lattice in zero field. */
export interface KaufmanResult {
  /** n. */
  width: number;
  /** m. */
  height: number;
  /** Number of spins nm. */
  sites: number;
  /** T. */
  temperature: number;
  /** J. */
  coupling: number;
  /** ln Z. */
  logPartitionFunction: number;
  /** f = −T ln Z / N. */
  freeEnergyPerSpin: number;
  /** u = ⟨E⟩/N = −(J/N) ∂ln Z/∂K. */
  energyPerSpin: number;
  /** C = Var(E)/(N T²) = K² ∂²ln Z/∂K² / N. */
  specificHeat: number;
  /** s = (u − f)/T. */
  entropyPerSpin: number;
}

const MAX_SIDE = 2 ** 24;

/**
 * Exact ln Z, energy, specific heat, free energy and entropy per spin of the periodic
 * `width × height` Ising lattice at `temperature`, from Kaufman's formula.
 */
export function kaufmanIsing(options: KaufmanOptions): KaufmanResult {
  const where = 'kaufmanIsing';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object { width, height?, temperature, coupling? }`);
  }
  const n = options.width;
  assertInteger(where, 'width', n, 2, MAX_SIDE);
  const m = options.height ?? n;
  assertInteger(where, 'height', m, 2, MAX_SIDE);
  const temperature = options.temperature;
  assertPositive(where, 'temperature', temperature);
  const coupling = options.coupling ?? 1;
  assertFinite(where, 'coupling', coupling);
  if (!(coupling > 0)) {
    throw new RangeError(
      `${where}: coupling must be > 0 (ferromagnetic), got ${describe(coupling)}; an antiferromagnet on ` +
        `even sides has the same Z as the ferromagnet with |J|`,
    );
  }
  const k = coupling / temperature;
  // Beyond K = 100 the lattice is in its ground state to 1e−170 and the squared derivatives of
  // sinh 2K would overflow.
  if (!(k <= 100)) {
    throw new RangeError(`${where}: coupling/temperature must be ≤ 100, got ${k}`);
  }
  const logZ = kaufmanLogPartitionFunction(n, m, k);
  const sites = n * m;
  const logPartitionFunction = logZ.value;
  const energyPerSpin = (-coupling * logZ.first) / sites;
  const freeEnergyPerSpin = (-temperature * logPartitionFunction) / sites;
  return {
    width: n,
    height: m,
    sites,
    temperature,
    coupling,
    logPartitionFunction,
    freeEnergyPerSpin,
    energyPerSpin,
    specificHeat: (k * k * logZ.second) / sites,
    entropyPerSpin: (energyPerSpin - freeEnergyPerSpin) / temperature,
  };
}

/** ln Z as a jet in K (value, ∂/∂K, ∂²/∂K²). */
function kaufmanLogPartitionFunction(n: number, m: number, k: number): jet.Jet {
  const kJet = jet.variable(k);
  const sinh2K = jet.sinh(jet.scale(kJet, 2));
  // cosh 2K coth 2K = sinh 2K + 1/sinh 2K, which avoids a cosh² that overflows first.
  const base = jet.add(sinh2K, jet.reciprocal(sinh2K));
  const gamma = (j: number): jet.Jet => jet.acosh(jet.shift(base, -Math.cos((j * Math.PI) / n)));
  const gamma0 = jet.add(jet.scale(kJet, 2), jet.log(jet.tanh(kJet)));
  let log1 = jet.constant(0);
  let log2 = jet.constant(0);
  let log3 = jet.logTwoCosh(jet.scale(gamma0, m / 2));
  let log4 = jet.constant(0);
  for (let r = 0; r < n; r++) {
    const odd = jet.scale(gamma(2 * r + 1), m / 2);
    log1 = jet.add(log1, jet.logTwoCosh(odd));
    log2 = jet.add(log2, jet.logTwoSinh(odd));
    if (r > 0) {
      const even = jet.scale(gamma(2 * r), m / 2);
      log3 = jet.add(log3, jet.logTwoCosh(even));
      log4 = jet.add(log4, jet.logTwoSinh(even));
    }
  }
  // Z₄ = 2 sinh(m γ₀/2) · exp(log4): the signed factor stays linear, finite even where γ₀ = 0.
  const factor0 = jet.scale(jet.sinh(jet.scale(gamma0, m / 2)), 2);
  let top = Math.max(log1.value, log2.value, log3.value);
  if (factor0.value !== 0) top = Math.max(top, log4.value + Math.log(Math.abs(factor0.value)));
  const term = (logTerm: jet.Jet) => jet.exp(jet.shift(logTerm, -top));
  let sum = jet.add(jet.add(term(log1), term(log2)), term(log3));
  sum = jet.add(sum, jet.multiply(factor0, term(log4)));
  const prefactor = jet.scale(jet.log(jet.scale(sinh2K, 2)), (n * m) / 2);
  return jet.shift(jet.add(prefactor, jet.log(sum)), top - Math.LN2);
}
