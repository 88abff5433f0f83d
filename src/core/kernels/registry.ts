/**
 * The active kernels. Everything above the kernel layer calls `getKernels()` at the moment
 * it computes, so `setKernels` switches implementation (say, to WebAssembly SIMD) for all
 * later work without touching the code above.
 *
 * The default is chosen once, when this module loads, by the environment variable
 * `PHYSML_KERNELS` (Node): `js` for the plain TypeScript kernels, `wasm` for WebAssembly SIMD on
 * every call, `auto` (or unset, and always in a browser) for the dispatching kernels, which
 * use WebAssembly where it is available and the call is large enough, TypeScript otherwise.
 */
import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import { autoKernels } from './wasm/auto-kernels.js';
import { wasmKernels } from './wasm/wasm-kernels.js';

const METHODS = ['matmul', 'sum', 'max', 'min', 'dot'] as const;

/** The allowed values of `PHYSML_KERNELS` and the kernels each selects. */
const SETTINGS: Record<string, Kernels> = { js: jsKernels, wasm: wasmKernels, auto: autoKernels };

/**
 * The kernels a `PHYSML_KERNELS` value selects: `js`, `wasm` or `auto`; unset or empty means `auto`.
 * @throws Error naming the variable and the allowed values for anything else.
 */
export function kernelsForSetting(setting: string | undefined): Kernels {
  const key = (setting ?? '').trim().toLowerCase() || 'auto';
  const kernels = SETTINGS[key];
  if (kernels === undefined || !Object.hasOwn(SETTINGS, key)) {
    throw new Error(`PHYSML_KERNELS must be one of js, wasm, auto (or unset), got '${setting}'`);
  }
  return kernels;
}

function environmentSetting(): string | undefined {
  const host = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return host.process?.env?.PHYSML_KERNELS;
}

const initial: Kernels = kernelsForSetting(environmentSetting());
let active: Kernels = initial;

/** The kernels in use (initially `defaultKernels()`). */
export function getKernels(): Kernels {
  return active;
}

/** The kernels this process started with: `autoKernels` unless `PHYSML_KERNELS` says otherwise. */
export function defaultKernels(): Kernels {
  return initial;
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
