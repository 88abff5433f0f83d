/**
 * Argument checks shared by the random module.
 *
 * Every public function validates its inputs before touching them, and every failure names the
 * function, the parameter, the allowed range and the value received, so a user can fix the call
 * without reading the source. These helpers are internal (not re-exported from `index.ts`).
 */

/** Largest number of values one call may produce (2^30): about 8 GiB of float64 output. */
export const MAX_COUNT = 2 ** 30;

/** Short, safe description of any value for an error message (never dumps a whole array). */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${value.constructor.name}(${length ?? value.byteLength})`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}

/** Throws unless `value` is an integer in `[min, max]`; `range` is how the bounds are written. */
export function assertInteger(
  where: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
  range = `[${min}, ${max}]`,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be an integer in ${range}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a count: an integer in `[0, 2^30]`. */
export function assertCount(where: string, value: unknown, name = 'count'): asserts value is number {
  assertInteger(where, name, value, 0, MAX_COUNT, '[0, 2^30]');
}

/** Throws unless `value` is a finite number. */
export function assertFinite(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a probability: a number in `[0, 1]`. */
export function assertProbability(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${where}: ${name} must be a probability in [0, 1], got ${describeValue(value)}`);
  }
}

/** Throws unless `value` has a non-negative integer `length` (an array or typed array). */
export function assertArrayLike(
  where: string,
  name: string,
  value: unknown,
): asserts value is ArrayLike<unknown> {
  const length =
    value !== null && (typeof value === 'object' || typeof value === 'function')
      ? (value as { length?: unknown }).length
      : undefined;
  if (typeof value === 'string' || typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
    throw new TypeError(
      `${where}: ${name} must be an array or typed array of numbers, got ${describeValue(value)}`,
    );
  }
}
