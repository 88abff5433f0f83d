/**
 * Log-sum-exp on plain arrays, the one operation every partition function goes through:
 * log Σ exp(vᵢ) = m + log Σ exp(vᵢ − m) with m = max vᵢ, so that no term overflows and the
 * largest term contributes exactly 1 (at most n·ulp of relative error, for n terms).
 *
 * Conventions, as in scipy.special.logsumexp: an empty sum is 0, so its log is −∞; −∞ entries
 * are zero terms and are skipped; any +∞ gives +∞; any NaN gives NaN.
 * (`logsumexp` in `core/tensor` does the same for tensors, with gradients.)
 */

import { portableExp, portableLog, portableLog1p } from '../core/math/index.js';
import { describe } from '../core/validate.js';

function assertArray(where: string, values: unknown): asserts values is ArrayLike<number> {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number'
  ) {
    throw new TypeError(`${where}: values must be an array of numbers, got ${describe(values)}`);
  }
}

/** log Σᵢ exp(vᵢ), computed stably (−∞ for an empty array or all −∞). */
export function logSumExp(values: ArrayLike<number>): number {
  assertArray('logSumExp', values);
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) return Number.NaN;
    if (value > maximum) maximum = value;
  }
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += portableExp(values[i] - maximum);
  return maximum + portableLog(sum);
}

/** log((1/n) Σᵢ exp(vᵢ)): the log of a mean of weights given by their logs (−∞ when n = 0). */
export function logMeanExp(values: ArrayLike<number>): number {
  assertArray('logMeanExp', values);
  if (values.length === 0) return Number.NEGATIVE_INFINITY;
  return logSumExp(values) - portableLog(values.length);
}

/** log(exp(a) + exp(b)), stably. */
export function logAddExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  const maximum = Math.max(a, b);
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  return maximum + portableLog1p(portableExp(Math.min(a, b) - maximum));
}

/**
 * A running log-sum-exp for streams too long to store: `add(v)` in O(1), rescaling the sum
 * when a new maximum arrives, so `value` is log Σ exp(vᵢ) over everything added.
 */
export class LogSumExpAccumulator {
  #maximum = Number.NEGATIVE_INFINITY;
  #sum = 0;
  #nan = false;

  /** Adds the term exp(value). */
  add(value: number): void {
    if (Number.isNaN(value)) {
      this.#nan = true;
      return;
    }
    if (value === Number.NEGATIVE_INFINITY) return;
    if (value <= this.#maximum) {
      this.#sum += portableExp(value - this.#maximum);
      return;
    }
    // New maximum: rescale the old sum (for the first term exp(−∞) = 0; a +∞ term is never exceeded).
    this.#sum = this.#sum * portableExp(this.#maximum - value) + 1;
    this.#maximum = value;
  }

  /** log Σ exp(vᵢ) over the terms added so far. */
  get value(): number {
    if (this.#nan) return Number.NaN;
    if (this.#maximum === Number.NEGATIVE_INFINITY || this.#maximum === Number.POSITIVE_INFINITY)
      return this.#maximum;
    return this.#maximum + portableLog(this.#sum);
  }
}
