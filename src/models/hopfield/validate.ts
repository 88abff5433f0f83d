/**
 * Argument checks shared by the Hopfield and TSP code (internal; not re-exported from
 * `index.ts`). Every failure names the function, the parameter, the allowed range and the
 * value received.
 */
import type { Key } from '../../core/random/index.js';

/** Short, safe description of a value for an error message (never dumps a whole array). */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}

/** Throws unless `options` is an object. */
export function assertOptions(where: string, options: unknown): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
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

/** Throws unless `value` is a finite number in [min, max] (inclusive). */
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

/** Throws unless `key` is a 2-word `Uint32Array`. */
export function assertKey(where: string, key: unknown, name = 'key'): asserts key is Key {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(
      `${where}: ${name} must be a Uint32Array of 2 words (from makeKey, split or fold), got ${describe(key)}`,
    );
  }
}

/** Throws unless `value` is one of `allowed`. */
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

/** Throws unless `values` is array-like with entries ±1, of length `size` when given. */
export function assertSpins(where: string, name: string, values: unknown, size?: number): void {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number'
  ) {
    throw new TypeError(`${where}: ${name} must be an array of ±1 values, got ${describe(values)}`);
  }
  const array = values as ArrayLike<number>;
  if (size !== undefined && array.length !== size) {
    throw new RangeError(`${where}: ${name} must have ${size} entries, got ${array.length}`);
  }
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    if (value !== 1 && value !== -1) {
      throw new RangeError(`${where}: ${name}[${i}] must be +1 or −1, got ${describe(value)}`);
    }
  }
}

/** A copy of `values` as a Float64Array, each entry finite; throws naming the first bad entry. */
export function finiteArray(where: string, name: string, values: unknown, length?: number): Float64Array {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number'
  ) {
    throw new TypeError(`${where}: ${name} must be an array of numbers, got ${describe(values)}`);
  }
  const array = values as ArrayLike<number>;
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
