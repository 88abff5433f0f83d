/**
 * Shared tools of the spin-glass tests: brute-force references (every configuration, the energy
 * summed bond by bond, no incremental updates), small-instance factories, and the statistical
 * thresholds.
 *
 * Thresholds: a χ² p-value must exceed `P_THRESHOLD` (1e-5) and a z-score must stay within
 * `Z_LIMIT` (4.5, two-sided probability 6.8e-6), so a correct implementation fails a check with
 * probability about 1e-5 for a random seed; the seeds are fixed, so outcomes are deterministic.
 */
import type { SpinSystem } from '../../../src/models/spin-glass/index.js';

/** Smallest p-value a correct sampler is allowed. */
export const P_THRESHOLD = 1e-5;
/** Largest |z| a correct sampler is allowed. */
export const Z_LIMIT = 4.5;

/** The spins of configuration `code` (bit i set ⇔ spin i = −1), independently of the library. */
export function spinsOf(code: number, size: number): Int8Array {
  return Int8Array.from({ length: size }, (_, i) => ((code >> i) & 1 ? -1 : 1));
}

/** Every energy H(s), by a plain loop over all 2^N codes summing bond by bond (no incremental updates). */
export function bruteForceEnergies(system: SpinSystem): Float64Array {
  const count = 2 ** system.size;
  const { bondFirst, bondSecond, bondCouplings, fields } = system;
  const energies = new Float64Array(count);
  for (let code = 0; code < count; code++) {
    let energy = 0;
    for (let b = 0; b < bondFirst.length; b++) {
      const sameSign = ((code >> bondFirst[b]) ^ (code >> bondSecond[b])) & 1 ? -1 : 1;
      energy -= bondCouplings[b] * sameSign;
    }
    for (let i = 0; i < system.size; i++) energy -= fields[i] * ((code >> i) & 1 ? -1 : 1);
    energies[code] = energy;
  }
  return energies;
}

/** Ground-state energy and degeneracy by brute force. */
export function bruteForceGroundState(
  system: SpinSystem,
  tolerance = 1e-9,
): { energy: number; degeneracy: number } {
  const energies = bruteForceEnergies(system);
  let energy = Number.POSITIVE_INFINITY;
  for (const e of energies) energy = Math.min(energy, e);
  let degeneracy = 0;
  for (const e of energies) if (e <= energy + tolerance) degeneracy++;
  return { energy, degeneracy };
}

/** Spot check that the brute force agrees with `spinEnergy` (so the reference itself is tested). */
export function spotCheckEnergies(
  system: SpinSystem,
  energies: Float64Array,
  check: (spins: Int8Array) => number,
): number {
  let worst = 0;
  for (let code = 0; code < energies.length; code += 97) {
    worst = Math.max(worst, Math.abs(check(spinsOf(code, system.size)) - energies[code]));
  }
  return worst;
}
