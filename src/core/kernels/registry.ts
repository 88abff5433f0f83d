/**
 * The active kernels. Everything above the kernel layer calls `getKernels()` at the moment
 * it computes, so `setKernels` switches implementation (say, to WebAssembly SIMD) for all
 * later work without touching the code above.
 */
import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';

const METHODS = ['matmul', 'sum', 'max', 'min', 'dot'] as const;

let active: Kernels = jsKernels;

/** The kernels in use (initially `jsKernels`, named `'js-blocked'`). */
export function getKernels(): Kernels {
  return active;
}

/**
 * Makes `kernels` the active implementation for every later call.
 * @throws Error if `kernels` lacks a non-empty `name` or any of the methods
 *   `matmul`, `sum`, `max`, `min`, `dot`.
 */
export function setKernels(kernels: Kernels): void {
  if (typeof kernels !== 'object' || kernels === null) {
    throw new Error(`setKernels: kernels must be an object implementing Kernels, got ${String(kernels)}`);
  }
  if (typeof kernels.name !== 'string' || kernels.name.length === 0) {
    throw new Error('setKernels: kernels.name must be a non-empty string');
  }
  const record = kernels as unknown as Record<string, unknown>;
  const missing = METHODS.filter((method) => typeof record[method] !== 'function');
  if (missing.length > 0) {
    throw new Error(`setKernels: kernels '${kernels.name}' lacks the method(s) ${missing.join(', ')}`);
  }
  active = kernels;
}

/**
 * Runs `fn` with `kernels` active, then restores the previous kernels, also when `fn`
 * throws. If `fn` returns a promise, the previous kernels come back when it settles; any
 * other code that runs meanwhile (concurrent tests) also sees `kernels`.
 */
export function withKernels<T>(kernels: Kernels, fn: () => T): T {
  const previous = active;
  setKernels(kernels);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    active = previous;
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(() => {
      active = previous;
    }) as T;
  }
  active = previous;
  return result;
}
