/**
 * Argument checks shared by the samplers (internal; not re-exported from `index.ts`): the
 * general checks live in `core/validate.ts`; the sampler-specific ones are defined here.
 *
 * Every failure names the sampler, the parameter, the allowed range and the value received, so
 * a user can fix the call without reading the source. Checks run when a sampler is built or
 * initialised; `step` itself only checks what it cannot know in advance (a schedule's value).
 */
import { assertNonNegative, assertPositive, describe } from '../core/validate.js';

/**
 * The temperature option: a finite number > 0 (or ≥ 0 when `allowZero`, for dynamics whose
 * T = 0 limit is an optimizer); 1 when undefined.
 */
export function temperatureOption(where: string, value: unknown, allowZero: boolean): number {
  if (value === undefined) return 1;
  if (allowZero) assertNonNegative(where, 'temperature', value);
  else assertPositive(where, 'temperature', value);
  return value;
}

/** Throws unless `energy` has an `energy(x)` method (and `energyAndGradient` when `gradient`). */
export function assertEnergy(where: string, energy: unknown, gradient: boolean): void {
  const candidate = energy as { energy?: unknown; energyAndGradient?: unknown } | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.energy !== 'function') {
    throw new TypeError(
      `${where}: energy must be an object with an energy(x) method, got ${describe(energy)}`,
    );
  }
  if (gradient && typeof candidate.energyAndGradient !== 'function') {
    throw new TypeError(
      `${where}: energy must have an energyAndGradient(x, gradient) method (a gradient sampler)`,
    );
  }
}

/**
 * A copy of an initial position as a `Float64Array`: at least one entry, all finite, and of
 * length `dimension` when the target declares one.
 */
export function initialPosition(where: string, position: unknown, dimension?: number): Float64Array {
  const length = (position as { length?: unknown } | null)?.length;
  if (position === null || typeof position !== 'object' || typeof length !== 'number') {
    throw new TypeError(
      `${where}: position must be an array or typed array of numbers, got ${describe(position)}`,
    );
  }
  const x = Float64Array.from(position as ArrayLike<number>);
  if (x.length === 0) throw new RangeError(`${where}: position must have at least one entry, got length 0`);
  if (dimension !== undefined && x.length !== dimension) {
    throw new RangeError(
      `${where}: position must have length ${dimension} (the energy's dimension), got ${x.length}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]))
      throw new RangeError(`${where}: position[${i}] must be finite, got ${describe(x[i])}`);
  }
  return x;
}

/**
 * A step size given as one number or one per dimension: validated now (every entry finite and
 * > 0), expanded to `dimension` entries by the returned function (which checks the length).
 */
export function perDimension(
  where: string,
  name: string,
  value: unknown,
): (dimension: number) => Float64Array {
  if (typeof value === 'number') {
    assertPositive(where, name, value);
    return (dimension) => new Float64Array(dimension).fill(value);
  }
  const length = (value as { length?: unknown } | null)?.length;
  if (value === null || typeof value !== 'object' || typeof length !== 'number' || length === 0) {
    throw new TypeError(
      `${where}: ${name} must be a number or a non-empty array of numbers, got ${describe(value)}`,
    );
  }
  const values = Float64Array.from(value as ArrayLike<number>);
  for (let i = 0; i < values.length; i++) assertPositive(where, `${name}[${i}]`, values[i]);
  return (dimension) => {
    if (values.length !== dimension) {
      throw new RangeError(
        `${where}: ${name} has ${values.length} entries but the position has dimension ${dimension}`,
      );
    }
    return values.slice();
  };
}

/** A value of a schedule at `step`, checked: finite and ≥ 0 (or > 0 when `positive`). */
export function scheduleValue(
  where: string,
  name: string,
  schedule: (step: number) => number,
  step: number,
  positive: boolean,
): number {
  const value = schedule(step);
  if (typeof value !== 'number' || !Number.isFinite(value) || (positive ? !(value > 0) : !(value >= 0))) {
    throw new RangeError(
      `${where}: ${name}(${step}) must be a finite number ${positive ? '> 0' : '≥ 0'}, got ${describe(value)}`,
    );
  }
  return value;
}
