/**
 * Argument checks shared by the samplers (internal; not re-exported from `index.ts`).
 *
 * Every failure names the sampler, the parameter, the allowed range and the value received, so
 * a user can fix the call without reading the source. Checks run when a sampler is built or
 * initialised; `step` itself only checks what it cannot know in advance (a schedule's value).
 */
import type { Key } from '../core/random/index.js';

/** Short, safe description of a value for an error message (never dumps a whole array). */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function assertNonNegative(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertInteger(
  where: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${where}: ${name} must be ${range}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a function. */
export function assertFunction(where: string, name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  }
}

/** Throws unless `options` is an object. */
export function assertOptions(where: string, options: unknown): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
}

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

/** Throws unless `key` is a 2-word `Uint32Array` (a random key). */
export function assertKey(where: string, key: unknown): asserts key is Key {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(
      `${where}: key must be a Uint32Array of 2 words (from makeKey, split or fold), got ${describe(key)}`,
    );
  }
}
