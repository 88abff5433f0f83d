/**
 * Checks shared by the integrators (internal; not re-exported from `index.ts`). Construction
 * checks everything once; a step checks only what costs a compare (lengths, a finite step).
 */
import type { Energy } from '../energies/energy.js';

/** Throws unless `energy` looks like an `Energy` (a dimension and an `energyAndGradient`). */
export function assertEnergy(where: string, energy: unknown): asserts energy is Energy {
  const e = energy as Energy;
  if (
    e === null ||
    typeof e !== 'object' ||
    typeof e.energyAndGradient !== 'function' ||
    !Number.isInteger(e.dimension) ||
    e.dimension < 1
  ) {
    throw new TypeError(
      `${where}: energy must be an Energy with a dimension ≥ 1 and an energyAndGradient method`,
    );
  }
}

/**
 * The diagonal of M⁻¹: all ones when `inverseMassDiagonal` is undefined, otherwise the given
 * array itself (not a copy, so a sampler that adapts the metric in place is seen at the next
 * step), checked to have the energy's dimension and finite positive entries.
 */
export function inverseMassOf(
  where: string,
  energy: Energy,
  inverseMassDiagonal?: Float64Array,
  name = 'inverseMassDiagonal',
): Float64Array {
  if (inverseMassDiagonal === undefined) return new Float64Array(energy.dimension).fill(1);
  if (!(inverseMassDiagonal instanceof Float64Array)) {
    throw new TypeError(`${where}: ${name} must be a Float64Array`);
  }
  if (inverseMassDiagonal.length !== energy.dimension) {
    throw new RangeError(
      `${where}: ${name} must have the energy's dimension ${energy.dimension}, got ${inverseMassDiagonal.length}`,
    );
  }
  for (let i = 0; i < inverseMassDiagonal.length; i++) {
    const m = inverseMassDiagonal[i];
    if (!(Number.isFinite(m) && m > 0)) {
      throw new RangeError(`${where}: ${name}[${i}] must be a finite number > 0, got ${m}`);
    }
  }
  return inverseMassDiagonal;
}

/** Per-step check: a finite step size and a state of the right dimension. */
export function assertStep(
  where: string,
  dimension: number,
  position: Float64Array,
  stepSize: number,
  positiveStep = false,
): void {
  if (!Number.isFinite(stepSize) || (positiveStep && !(stepSize > 0))) {
    throw new RangeError(
      `${where}: stepSize must be a finite number${positiveStep ? ' > 0' : ''}, got ${stepSize}`,
    );
  }
  if (position.length !== dimension) {
    throw new RangeError(`${where}: the state has dimension ${position.length}, the energy ${dimension}`);
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function assertNonNegative(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}
