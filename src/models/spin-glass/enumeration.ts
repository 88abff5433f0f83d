/**
 * Exact enumeration of all 2^N configurations of a spin system, in blocks, at a few
 * nanoseconds per configuration.
 *
 * The spins are split into an inner set A = {0, …, k − 1} (k ≤ 12) and the outer rest B. With
 * the local field of the outer spins, φ_j = h_j + Σ_{b∈B} J_jb s_b, the energy separates:
 *
 *   H(s_A, s_B) = H_B(s_B) + H_AA(s_A) − Σ_{i∈A} φ_i s_i,
 *
 * where H_AA is the energy of the bonds inside A (a table of 2^k numbers, built once) and
 * H_B = −Σ_{b<b'∈B} J s s − Σ_{b∈B} h_b s_b. The outer configurations are visited in Gray-code
 * order (one spin flip per step, O(degree) field updates); for each, the 2^k energies of the
 * block follow from the table plus a linear form filled by the recursion
 * L[a] = L[a without its lowest bit] + 2 φ_i, so a configuration costs O(1) instead of the
 * O(degree) of a plain Gray-code walk (measured ≈ 20× faster on SK with N = 24: 6 ns per
 * configuration).
 *
 * A configuration's code has bit i set when spin i is −1; block energies are indexed by the
 * inner code a, and the configuration is a + 2^k · outerCode. Without a field H(s) = H(−s), so
 * by default the last spin is held at +1 and each configuration visited stands for two.
 *
 * The outer fields and energy are recomputed from scratch every 2^10 outer steps, which bounds
 * the rounding drift of the incremental updates (≈ 1e-14 relative).
 */

import { assertNonNegative, describe } from '../../core/validate.js';
import type { SpinSystem } from './spin-system.js';

/** Largest N enumerated: 2^30 configurations (seconds); N ≤ 24 takes tens of milliseconds. */
export const MAX_ENUMERATION_SIZE = 30;

/** Largest inner block: 2^12 energies (32 KiB, cache-resident). */
const MAX_INNER_SPINS = 12;
/** Outer steps between recomputations of the outer fields from scratch. */
const REFRESH_MASK = (1 << 10) - 1;

/** Options of the enumerations. */
export interface EnumerationOptions {
  /**
   * Use H(s) = H(−s) to enumerate half the configurations (default: true when every h_i = 0).
   * Must be false, or omitted, for a system with a field.
   */
  useSymmetry?: boolean;
}

/** How an enumeration is laid out. */
export interface EnumerationPlan {
  /** Spins enumerated (N, or N − 1 with the symmetry). */
  readonly enumeratedSpins: number;
  /** Spins per block, k. */
  readonly innerSpins: number;
  /** Configurations each visited one stands for: 2 with the symmetry, else 1. */
  readonly multiplicity: number;
  /** Configurations visited: 2^enumeratedSpins. */
  readonly statesVisited: number;
}

/** Checks the system and decides on the symmetry and block size. */
export function enumerationPlan(
  where: string,
  system: SpinSystem,
  options: EnumerationOptions = {},
): EnumerationPlan {
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  if (system.size > MAX_ENUMERATION_SIZE) {
    throw new RangeError(
      `${where}: system.size must be ≤ ${MAX_ENUMERATION_SIZE} to enumerate, got ${system.size}`,
    );
  }
  if (options === null || typeof options !== 'object')
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  const useSymmetry = options.useSymmetry ?? !system.hasField;
  if (typeof useSymmetry !== 'boolean')
    throw new TypeError(`${where}: useSymmetry must be a boolean, got ${describe(useSymmetry)}`);
  if (useSymmetry && system.hasField) {
    throw new RangeError(`${where}: useSymmetry must be false for a system with a field (H(s) ≠ H(−s))`);
  }
  const enumeratedSpins = useSymmetry ? system.size - 1 : system.size;
  return {
    enumeratedSpins,
    innerSpins: Math.min(enumeratedSpins, MAX_INNER_SPINS),
    multiplicity: useSymmetry ? 2 : 1,
    statesVisited: 2 ** enumeratedSpins,
  };
}

/** H_AA for every inner code a: the bonds with both ends in {0, …, k − 1}. */
function innerEnergyTable(system: SpinSystem, k: number): Float64Array {
  const table = new Float64Array(2 ** k);
  const { bondFirst, bondSecond, bondCouplings } = system;
  for (let a = 0; a < table.length; a++) {
    let energy = 0;
    for (let b = 0; b < bondFirst.length; b++) {
      const i = bondFirst[b];
      const j = bondSecond[b];
      if (j >= k) continue;
      const sign = ((a >>> i) ^ (a >>> j)) & 1 ? -1 : 1;
      energy -= bondCouplings[b] * sign;
    }
    table[a] = energy;
  }
  return table;
}

/** Recomputes φ_j = h_j + Σ_{b∈B} J_jb s_b for all j, and H_B, from the outer spins. */
function outerFieldsAndEnergy(system: SpinSystem, spins: Int8Array, k: number, fields: Float64Array): number {
  const { neighborOffsets, neighbors, neighborCouplings } = system;
  let energy = 0;
  for (let j = 0; j < system.size; j++) {
    let field = system.fields[j];
    for (let p = neighborOffsets[j]; p < neighborOffsets[j + 1]; p++) {
      const other = neighbors[p];
      if (other >= k) field += neighborCouplings[p] * spins[other];
    }
    fields[j] = field;
    // Each B–B bond is seen from both ends, hence the ½ on the coupling part.
    if (j >= k) energy -= 0.5 * spins[j] * (field + system.fields[j]);
  }
  return energy;
}

/**
 * Calls `visit(energies, outerCode)` once per outer configuration: `energies[a]` is the energy of
 * the configuration with code a + 2^k·outerCode (bit i set ⇔ spin i = −1), for a < 2^k with
 * k = `plan.innerSpins`. The array is reused between calls: copy what you keep.
 */
export function forEachEnergyBlock(
  system: SpinSystem,
  visit: (energies: Float64Array, outerCode: number) => void,
  options: EnumerationOptions = {},
): EnumerationPlan {
  const plan = enumerationPlan('forEachEnergyBlock', system, options);
  const k = plan.innerSpins;
  const blockSize = 2 ** k;
  const table = innerEnergyTable(system, k);
  const spins = new Int8Array(system.size).fill(1);
  const fields = new Float64Array(system.size);
  let outerEnergy = outerFieldsAndEnergy(system, spins, k, fields);
  const linear = new Float64Array(blockSize);
  const energies = new Float64Array(blockSize);
  const { neighborOffsets, neighbors, neighborCouplings } = system;
  const outerCount = 2 ** (plan.enumeratedSpins - k);
  let outerCode = 0;
  for (let t = 0; t < outerCount; t++) {
    if (t > 0) {
      const b = k + 31 - Math.clz32(t & -t);
      const old = spins[b];
      outerEnergy += 2 * old * fields[b];
      spins[b] = -old;
      const delta = -2 * old;
      for (let p = neighborOffsets[b]; p < neighborOffsets[b + 1]; p++)
        fields[neighbors[p]] += delta * neighborCouplings[p];
      outerCode ^= 1 << (b - k);
      if ((t & REFRESH_MASK) === 0) outerEnergy = outerFieldsAndEnergy(system, spins, k, fields);
    }
    // L[a] = −Σ_{i<k} φ_i s_i(a): all spins up at a = 0, and setting bit i adds 2φ_i.
    let base = 0;
    for (let i = 0; i < k; i++) base -= fields[i];
    linear[0] = base;
    energies[0] = outerEnergy + table[0] + base;
    for (let a = 1; a < blockSize; a++) {
      const value = linear[a & (a - 1)] + 2 * fields[31 - Math.clz32(a & -a)];
      linear[a] = value;
      energies[a] = outerEnergy + table[a] + value;
    }
    visit(energies, outerCode >>> 0);
  }
  return plan;
}

/**
 * Calls `visit(energy, code)` for every configuration visited (bit i of `code` set ⇔ spin i is
 * −1). With the symmetry each stands for two (itself and its reversal; `multiplicity` 2). A
 * convenience over {@link forEachEnergyBlock}, which is faster for tight loops.
 */
export function forEachSpinConfiguration(
  system: SpinSystem,
  visit: (energy: number, code: number) => void,
  options: EnumerationOptions = {},
): EnumerationPlan {
  let shift = 0;
  return forEachEnergyBlock(
    system,
    (energies, outerCode) => {
      shift = energies.length;
      const high = outerCode * shift;
      for (let a = 0; a < energies.length; a++) visit(energies[a], high + a);
    },
    options,
  );
}

/** The spins of a configuration code (bit i set ⇔ spin i = −1). */
export function spinsFromCode(code: number, size: number): Int8Array {
  const spins = new Int8Array(size);
  for (let i = 0; i < size; i++) spins[i] = Math.floor(code / 2 ** i) % 2 === 1 ? -1 : 1;
  return spins;
}

/** An exact ground state. */
export interface ExactGroundState {
  /** The lowest energy E₀. */
  readonly energy: number;
  /** E₀ / N. */
  readonly energyPerSpin: number;
  /** One configuration with energy E₀ (with the symmetry, the one whose last spin is +1). */
  readonly spins: Int8Array;
  /** Number of configurations within `tolerance` of E₀, both members of each ± pair counted. */
  readonly degeneracy: number;
  /** Configurations enumerated (2^N, or 2^(N−1) with the symmetry). */
  readonly statesEnumerated: number;
  /** The energy tolerance that decided ties. */
  readonly tolerance: number;
}

/** Options of {@link exactGroundState}. */
export interface ExactGroundStateOptions extends EnumerationOptions {
  /**
   * Energies within this of the minimum count as degenerate (default 1e-9 · energyScale: far
   * above the rounding of the incremental updates, far below the level spacings of ±J or
   * Gaussian couplings in practice).
   */
  tolerance?: number;
}

/**
 * The exact ground state of a system of N ≤ 30 spins, with its energy and degeneracy.
 * SK with N = 24 (2^23 configurations by symmetry) takes about 50 ms, a 5×5 lattice 0.1 s.
 */
export function exactGroundState(
  system: SpinSystem,
  options: ExactGroundStateOptions = {},
): ExactGroundState {
  const where = 'exactGroundState';
  enumerationPlan(where, system, options);
  const tolerance = options.tolerance ?? 1e-9 * system.energyScale;
  assertNonNegative(where, 'tolerance', tolerance);
  let best = Number.POSITIVE_INFINITY;
  let bestCode = 0;
  let ties = 0;
  const plan = forEachEnergyBlock(
    system,
    (energies, outerCode) => {
      const high = outerCode * energies.length;
      for (let a = 0; a < energies.length; a++) {
        const energy = energies[a];
        if (!(energy < best + tolerance)) continue;
        if (energy < best - tolerance) {
          ties = 1;
          best = energy;
          bestCode = high + a;
        } else {
          ties++;
          if (energy < best) {
            best = energy;
            bestCode = high + a;
          }
        }
      }
    },
    options,
  );
  const spins = spinsFromCode(bestCode, system.size);
  return {
    energy: best,
    energyPerSpin: best / system.size,
    spins,
    degeneracy: ties * plan.multiplicity,
    statesEnumerated: plan.statesVisited,
    tolerance,
  };
}
