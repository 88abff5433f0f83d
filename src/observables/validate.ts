/**
 * Argument checks shared by the observables (internal; not re-exported from `index.ts`).
 */

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

/** Throws unless `series` is an array-like of at least `minimum` finite numbers. */
export function assertSeries(where: string, name: string, series: unknown, minimum: number): void {
  const candidate = series as ArrayLike<number> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.length !== 'number') {
    throw new TypeError(`${where}: ${name} must be an array of numbers, got ${describe(series)}`);
  }
  if (candidate.length < minimum) {
    throw new RangeError(`${where}: ${name} must hold at least ${minimum} values, got ${candidate.length}`);
  }
  for (let t = 0; t < candidate.length; t++) {
    if (!Number.isFinite(candidate[t])) {
      throw new RangeError(`${where}: ${name}[${t}] must be finite, got ${describe(candidate[t])}`);
    }
  }
}

/** `value` if it is an integer in [min, max], `fallback` if undefined; throws otherwise. */
export function integerOption(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${where}: ${name} must be ${range}, got ${describe(value)}`);
  }
  return value;
}

/** `value` if it is a finite number > 0, `fallback` if undefined; throws otherwise. */
export function positiveOption(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/** `value` if it is an integer ≥ min; throws otherwise (also when undefined). */
export function requiredInteger(where: string, name: string, value: unknown, min: number): number {
  if (value === undefined) throw new TypeError(`${where}: ${name} is required (an integer ≥ ${min})`);
  return integerOption(where, name, value, min, min);
}

/** `value` if it is a finite number > 0; throws otherwise (also when undefined). */
export function requiredPositive(where: string, name: string, value: unknown): number {
  if (value === undefined) throw new TypeError(`${where}: ${name} is required (a finite number > 0)`);
  return positiveOption(where, name, value, 1);
}
