/**
 * General argument checks shared across the library (internal; not re-exported from an
 * `index.ts`).
 *
 * Every helper takes the caller's context (`where`, e.g. `'gaussian'` or `'hmc.init'`) and the
 * parameter's name, so each failure names the function, the parameter, the allowed range and
 * the value received, and a user can fix the call without reading the source. Module-specific
 * checks (matrix shapes, energies, spins…) live beside their module and build on these.
 */
import type { Key } from './random/index.js';

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

/** Throws a RangeError unless `value` is a finite number. */
export function assertFinite(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number, got ${describe(value)}`);
  }
}

/** `value` if it is a finite number, `fallback` if undefined; throws a RangeError otherwise. */
export function finiteOption(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  assertFinite(where, name, value);
  return value;
}

/** Throws a RangeError unless `value` is a finite number > 0. */
export function assertPositive(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
}

/** Throws a RangeError unless `value` is a finite number ≥ 0. */
export function assertNonNegative(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${describe(value)}`);
  }
}

/** Throws a RangeError unless `value` is a finite number in [min, max] (inclusive). */
export function assertInRange(
  where: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(
      `${where}: ${name} must be a finite number in [${min}, ${max}], got ${describe(value)}`,
    );
  }
}

/**
 * Throws a RangeError unless `value` is an integer in [min, max]; with no `max` the message
 * reads "an integer ≥ min".
 */
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

/** Throws a RangeError unless `value` is one of the strings in `allowed`. */
export function assertOneOf<T extends string>(
  where: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(
      `${where}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`,
    );
  }
}

/** Throws a TypeError unless `options` is an object (not null). */
export function assertOptions(where: string, options: unknown): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
}

/** Throws a TypeError unless `value` is a function. */
export function assertFunction(where: string, name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  }
}

/** Throws a TypeError unless `key` is a 2-word `Uint32Array` (a random key). */
export function assertKey(where: string, key: unknown, name = 'key'): asserts key is Key {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(
      `${where}: ${name} must be a Uint32Array of 2 words (from makeKey, split or fold), got ${describe(key)}`,
    );
  }
}

/**
 * A copy of `values` (an array or typed array) as a fresh Float64Array, each entry finite and,
 * when `length` is given, exactly `length` entries; throws naming the first bad entry.
 */
export function finiteArray(where: string, name: string, values: unknown, length?: number): Float64Array {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number'
  ) {
    throw new TypeError(`${where}: ${name} must be an array of numbers, got ${describe(values)}`);
  }
  const array = values as ArrayLike<unknown>;
  if (length !== undefined && array.length !== length) {
    throw new RangeError(`${where}: ${name} must have ${length} entries, got ${array.length}`);
  }
  const copy = new Float64Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${where}: ${name}[${i}] must be a finite number, got ${describe(value)}`);
    }
    copy[i] = value;
  }
  return copy;
}
