/**
 * Argument checks shared by the Hopfield code (internal; not re-exported from `index.ts`): the
 * general checks live in `core/validate.ts`; the spin check is Hopfield's own. Every failure
 * names the function, the parameter, the allowed range and the value received.
 */
import { describe } from '../../core/validate.js';

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
