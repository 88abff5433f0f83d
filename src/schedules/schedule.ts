/**
 * A schedule is a plain function from the step counter to a value (a learning rate, a
 * temperature), as in Optax: `(step) => value`. Schedules are pure, so the same step always
 * gives the same value and a run can be resumed from any step.
 *
 * Steps are counted from 0 and may be fractional (continuous time); a negative or
 * non-finite step is a bug in the caller and throws.
 */

/** A value as a function of the step counter (0, 1, 2, …). */
export type Schedule = (step: number) => number;

/**
 * Throws unless `step` is a finite number ≥ 0. Every schedule calls this first, so a
 * NaN step (a corrupted counter) fails loudly instead of silently returning NaN.
 */
export function assertStep(step: number, caller: string): void {
  if (!(step >= 0) || !Number.isFinite(step)) {
    throw new Error(`${caller}: step must be a finite number ≥ 0, got ${step}`);
  }
}

/** Throws unless `value` is a finite number ≥ 0 (a learning rate or a temperature). */
export function nonNegative(value: number, name: string, caller: string): number {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new Error(`${caller}: ${name} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function positive(value: number, name: string, caller: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${caller}: ${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is an integer ≥ `minimum`. */
export function integerAtLeast(value: number, minimum: number, name: string, caller: string): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${caller}: ${name} must be an integer ≥ ${minimum}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in the open interval (0, 1]. */
export function factorInUnitInterval(value: number, name: string, caller: string): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new Error(`${caller}: ${name} must be a number in (0, 1], got ${value}`);
  }
  return value;
}

/** Throws unless `low ≤ high`, naming both parameters. */
export function ordered(low: number, high: number, lowName: string, highName: string, caller: string): void {
  if (!(low <= high)) {
    throw new Error(
      `${caller}: ${lowName} must be ≤ ${highName}, got ${lowName} = ${low} > ${highName} = ${high}`,
    );
  }
}
