/**
 * The exact overlap distribution of two independent replicas at temperature T, by enumeration:
 *
 *   P(q) = Σ_{s,t} p(s) p(t) δ(q − q(s, t)),   p(s) = exp(−H(s)/T)/Z,
 *
 * the reference against which sampled overlaps are tested. The double sum over 4^N pairs is
 * done in O(N·2^N): q(s, t) = 1 − 2·popcount(s ⊕ t)/N depends on the pair only through the XOR
 * x = s ⊕ t of their codes, and the XOR autocorrelation c(x) = Σ_s p(s) p(s ⊕ x) is diagonal in
 * the Walsh–Hadamard basis: ĉ = p̂², so c = WHT(WHT(p)²)/2^N. Then P(q = 1 − 2d/N) is the sum of
 * c(x) over the codes x with d bits set.
 */

import { portableExp } from '../../core/math/index.js';
import { assertPositive, describe } from '../../core/validate.js';
import { forEachEnergyBlock } from './enumeration.js';
import { type OverlapDistribution, overlapMoments } from './overlap.js';
import type { SpinSystem } from './spin-system.js';

/** Largest N: 2^20 probabilities, 8 MiB, about 0.2 s. */
const MAX_SIZE = 20;

/** In-place unnormalised Walsh–Hadamard transform of a length-2^n array. */
function walshHadamard(values: Float64Array): void {
  const n = values.length;
  for (let half = 1; half < n; half *= 2) {
    for (let start = 0; start < n; start += 2 * half) {
      for (let i = start; i < start + half; i++) {
        const a = values[i];
        const b = values[i + half];
        values[i] = a + b;
        values[i + half] = a - b;
      }
    }
  }
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The Boltzmann probabilities exp(−H/T)/Z of all 2^N configurations, indexed by code. */
export function boltzmannProbabilities(system: SpinSystem, temperature: number): Float64Array {
  const where = 'boltzmannProbabilities';
  if (system?.size > MAX_SIZE)
    throw new RangeError(`${where}: system.size must be ≤ ${MAX_SIZE}, got ${system.size}`);
  assertPositive(where, 'temperature', temperature);
  const probabilities = new Float64Array(2 ** system.size);
  let minimum = Number.POSITIVE_INFINITY;
  forEachEnergyBlock(
    system,
    (energies, outerCode) => {
      probabilities.set(energies, outerCode * energies.length);
      for (const energy of energies) if (energy < minimum) minimum = energy;
    },
    { useSymmetry: false },
  );
  let total = 0;
  for (let c = 0; c < probabilities.length; c++) {
    const weight = portableExp(-(probabilities[c] - minimum) / temperature);
    probabilities[c] = weight;
    total += weight;
  }
  for (let c = 0; c < probabilities.length; c++) probabilities[c] /= total;
  return probabilities;
}

/**
 * The exact P(q) of two independent replicas at temperature T > 0, for N ≤ 20, with its
 * moments, χ_SG and Binder ratio.
 *
 * ```ts
 * const exact = exactOverlapDistribution(sherringtonKirkpatrick({ size: 8, key }), 0.5);
 * exact.probabilities;   // P(q) at q = −1, −3/4, …, 1
 * ```
 */
export function exactOverlapDistribution(system: SpinSystem, temperature: number): OverlapDistribution {
  const where = 'exactOverlapDistribution';
  if (system === null || typeof system !== 'object' || typeof system.size !== 'number') {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  const n = system.size;
  if (n > MAX_SIZE) throw new RangeError(`${where}: system.size must be ≤ ${MAX_SIZE}, got ${n}`);
  const correlation = boltzmannProbabilities(system, temperature);
  walshHadamard(correlation);
  for (let k = 0; k < correlation.length; k++) correlation[k] *= correlation[k];
  walshHadamard(correlation);
  const byDistance = new Float64Array(n + 1);
  for (let x = 0; x < correlation.length; x++) byDistance[popcount(x)] += correlation[x];
  // q = 1 − 2d/N = −1 + 2k/N with k = N − d; the transform left a factor 2^N.
  const probabilities = new Float64Array(n + 1);
  for (let d = 0; d <= n; d++) probabilities[n - d] = Math.max(0, byDistance[d] / correlation.length);
  const overlaps = Float64Array.from({ length: n + 1 }, (_, k) => -1 + (2 * k) / n);
  let absolute = 0;
  let second = 0;
  let fourth = 0;
  for (let k = 0; k <= n; k++) {
    const q = overlaps[k];
    absolute += probabilities[k] * Math.abs(q);
    second += probabilities[k] * q * q;
    fourth += probabilities[k] * q ** 4;
  }
  return { ...overlapMoments(n, absolute, second, fourth), overlaps, probabilities };
}
