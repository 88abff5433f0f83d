/**
 * The Sherrington–Kirkpatrick model (1975): N Ising spins, every pair coupled,
 *
 *   H(s) = −Σ_{i<j} J_ij s_i s_j − h Σ_i s_i,
 *
 * with independent couplings of mean 0 and variance J²/N, either Gaussian, J_ij ~ N(0, J²/N), or
 * bimodal, J_ij = ±J/√N with equal probability. The 1/N scaling makes the energy extensive. The
 * spin-glass transition is at T_c = J (for h = 0); the ground-state energy per spin tends to
 * Parisi's −0.7631667·J as N → ∞ (Crisanti and Rizzo 2002), approached roughly as
 * e(N) ≈ e∞ + a·N^{−2/3}. Both coupling laws share the N → ∞ limit (universality), not the
 * finite-N corrections.
 */
import { type Key, normal, RandomStream } from '../../core/random/index.js';
import { assertInteger, assertKey, assertOneOf, assertOptions, assertPositive } from '../../core/validate.js';
import { buildSpinSystem, fieldArray, type SpinSystem } from './spin-system.js';

/** The law of the couplings of a disordered system. */
export type CouplingDistribution = 'gaussian' | 'bimodal';

/** The coupling laws, for validation and option lists. */
export const COUPLING_DISTRIBUTIONS: readonly CouplingDistribution[] = ['gaussian', 'bimodal'];

/** Options of {@link sherringtonKirkpatrick}. */
export interface SherringtonKirkpatrickOptions {
  /** Number of spins N, an integer in [2, 4096]. */
  size: number;
  /** The key that fixes the couplings (one instance of the disorder per key). */
  key: Key;
  /** 'gaussian' (default): J_ij ~ N(0, J²/N); 'bimodal': J_ij = ±J/√N. */
  couplingDistribution?: CouplingDistribution;
  /** The coupling scale J > 0 (default 1), which is also T_c. */
  couplingScale?: number;
  /** External field: one number for every spin, or N numbers (default 0). */
  fields?: number | ArrayLike<number>;
}

/** An SK instance: a complete-graph `SpinSystem` plus how it was drawn. */
export interface SherringtonKirkpatrickSystem extends SpinSystem {
  readonly model: 'sherrington-kirkpatrick';
  /** The coupling law. */
  readonly couplingDistribution: CouplingDistribution;
  /** J: the couplings have variance J²/N. */
  readonly couplingScale: number;
}

/** Largest N: the complete graph holds N(N − 1) CSR entries, 134 MB of couplings at 4096. */
const MAX_SIZE = 4096;

/**
 * A Sherrington–Kirkpatrick instance drawn from `key`. The couplings J_ij (i < j) are drawn in
 * row-major order of the upper triangle: N(N − 1)/2 normals from `normal(key, ·)`, or as many
 * 32-bit words from a `RandomStream` (sign = top bit) for bimodal couplings. Every bond is kept,
 * even one that rounds to zero, so the graph is always complete.
 *
 * ```ts
 * const sk = sherringtonKirkpatrick({ size: 20, key: makeKey(1) });
 * exactGroundState(sk).energyPerSpin;   // ≈ −0.66 ± 0.07 over N = 20 instances
 * ```
 */
export function sherringtonKirkpatrick(options: SherringtonKirkpatrickOptions): SherringtonKirkpatrickSystem {
  const where = 'sherringtonKirkpatrick';
  assertOptions(where, options);
  const { size, key } = options;
  assertInteger(where, 'size', size, 2, MAX_SIZE);
  assertKey(where, key);
  const couplingDistribution = options.couplingDistribution ?? 'gaussian';
  assertOneOf(where, 'couplingDistribution', couplingDistribution, COUPLING_DISTRIBUTIONS);
  const couplingScale = options.couplingScale ?? 1;
  assertPositive(where, 'couplingScale', couplingScale);
  const fields = fieldArray(where, options.fields, size);

  const count = (size * (size - 1)) / 2;
  const standardDeviation = couplingScale / Math.sqrt(size);
  let couplings: Float64Array;
  if (couplingDistribution === 'gaussian') {
    couplings = normal(key, count, { std: standardDeviation });
  } else {
    const stream = new RandomStream(key);
    couplings = new Float64Array(count);
    for (let k = 0; k < count; k++)
      couplings[k] = stream.nextUint32() >>> 31 ? -standardDeviation : standardDeviation;
  }
  const first = new Int32Array(count);
  const second = new Int32Array(count);
  for (let i = 0, k = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++, k++) {
      first[k] = i;
      second[k] = j;
    }
  }
  const system = buildSpinSystem(size, first, second, couplings, fields);
  return { ...system, model: 'sherrington-kirkpatrick', couplingDistribution, couplingScale };
}

/** Parisi's ground-state energy per spin of the SK model at N → ∞ (Crisanti and Rizzo 2002), in units of J. */
export const PARISI_GROUND_STATE_ENERGY = -0.7631667;

/** The replica-symmetric (SK 1975) ground-state energy per spin, −√(2/π), in units of J: wrong, for comparison. */
export const REPLICA_SYMMETRIC_GROUND_STATE_ENERGY = -Math.sqrt(2 / Math.PI);
