/**
 * Free energy and entropy from log Z, in units where k_B = 1:
 *
 *   F = −T log Z,   S = (⟨E⟩ − F)/T = β⟨E⟩ + log Z,
 *
 * both reported per spin. At β = 0 the free energy per spin is −∞ (F = −T·N ln 2 with T = ∞),
 * while the entropy per spin is finite (ln 2 for Ising spins).
 */
import { assertFinite, assertInteger, assertNonNegative } from '../core/validate.js';

/** F/N = −log Z/(βN); −∞ at β = 0 when log Z > 0. */
export function freeEnergyPerSpin(
  logPartitionFunction: number,
  inverseTemperature: number,
  size: number,
): number {
  const where = 'freeEnergyPerSpin';
  assertFinite(where, 'logPartitionFunction', logPartitionFunction);
  assertNonNegative(where, 'inverseTemperature', inverseTemperature);
  assertInteger(where, 'size', size, 1);
  if (inverseTemperature === 0) {
    return logPartitionFunction === 0
      ? Number.NaN
      : -Math.sign(logPartitionFunction) * Number.POSITIVE_INFINITY;
  }
  return -logPartitionFunction / (inverseTemperature * size);
}

/** S/N = (β⟨E⟩ + log Z)/N = (⟨E⟩ − F)/(NT). */
export function entropyPerSpin(
  meanEnergy: number,
  logPartitionFunction: number,
  inverseTemperature: number,
  size: number,
): number {
  const where = 'entropyPerSpin';
  assertFinite(where, 'meanEnergy', meanEnergy);
  assertFinite(where, 'logPartitionFunction', logPartitionFunction);
  assertNonNegative(where, 'inverseTemperature', inverseTemperature);
  assertInteger(where, 'size', size, 1);
  return (inverseTemperature * meanEnergy + logPartitionFunction) / size;
}
