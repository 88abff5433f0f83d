/**
 * Loading the WebAssembly SIMD kernels (built from `wasm/assembly/` by `scripts/build-wasm.mjs`)
 * and holding the one instance that every WebAssembly kernel call uses.
 *
 * Node and Web Workers may compile synchronously, so the first kernel call loads the module
 * by itself. A browser's main thread may not (Chrome refuses to compile a module over 4 KB
 * synchronously there): it awaits `loadWasmRuntime()` once, after which the same instance
 * serves synchronous calls. Where WebAssembly SIMD is missing, loading fails with an Error
 * that says so, and nothing else breaks.
 */

import { WasmArena } from './arena.js';
import { kernelsBinary, type MultiplyAddVariant } from './multiply-add-variant.js';
import { ResidentCopies, type ResidentCopyStats } from './resident-copies.js';

/** The functions the module exports (pointers are byte offsets into its memory). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmulF32(...args: number[]): void;
  matmulF64(...args: number[]): void;
  sumF64(x: number, out: number, outer: number, length: number, inner: number): void;
  sumF32(x: number, out: number, outer: number, length: number, inner: number): void;
  maxF64(x: number, out: number, outer: number, length: number, inner: number): void;
  maxF32(x: number, out: number, outer: number, length: number, inner: number): void;
  minF64(x: number, out: number, outer: number, length: number, inner: number): void;
  minF32(x: number, out: number, outer: number, length: number, inner: number): void;
  dotF64(x: number, y: number, n: number): number;
  dotF32(x: number, y: number, n: number): number;
}

/** A loaded module: its exports and the arena that places operands in its memory. */
export interface WasmRuntime {
  exports: KernelExports;
  arena: WasmArena;
  /** Copies of immutable operands kept between calls (absent: every operand is copied per call). */
  resident?: ResidentCopies;
}

const REQUIRED = [
  'memory',
  'heapBase',
  'matmulF32',
  'matmulF64',
  'sumF64',
  'sumF32',
  'maxF64',
  'maxF32',
  'minF64',
  'minF32',
  'dotF64',
  'dotF32',
] as const;

// A module whose only function returns a v128 (i32.const 0; i8x16.splat): valid only where
// fixed-width SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

let runtime: WasmRuntime | undefined;
let compiled: WebAssembly.Module | null | undefined;
let syncFailure: Error | undefined;
let pending: Promise<WasmRuntime> | undefined;

/** True when this JavaScript engine has WebAssembly with fixed-width SIMD (v128). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

function binary(): Uint8Array<ArrayBuffer> {
  return kernelsBinary();
}

// The module needs one import: AssemblyScript's abort, never reached with --noAssert.
const IMPORTS = {
  env: {
    abort(): never {
      throw new Error('WebAssembly kernels: abort');
    },
  },
};

function unsupported(): Error {
  return new Error('WebAssembly kernels: this JavaScript engine lacks WebAssembly fixed-width SIMD');
}

function wrap(instance: WebAssembly.Instance): WasmRuntime {
  const exports = instance.exports as unknown as KernelExports;
  const missing = REQUIRED.filter((name) => !(name in exports));
  if (missing.length > 0) {
    throw new Error(
      `WebAssembly kernels: the module lacks ${missing.join(', ')} (rebuild: npm run build:wasm)`,
    );
  }
  const base = Math.ceil(exports.heapBase() / 64) * 64;
  const resident = new ResidentCopies(base, residentCapacity());
  // The per-call arena lies above the resident region, so committing it also covers the region.
  return { exports, arena: new WasmArena(exports.memory, resident.end), resident };
}

/** Bytes of WebAssembly memory for resident copies of tensors, unless PHYSML_WASM_RESIDENT_MIB says otherwise. */
export const DEFAULT_RESIDENT_MIB = 64;

/**
 * The resident region's size in bytes from `PHYSML_WASM_RESIDENT_MIB` (Node; a whole number of
 * MiB from 0, which turns resident copies off, to 1024), else DEFAULT_RESIDENT_MIB.
 * @throws Error naming the variable and the allowed range for anything else.
 */
export function residentCapacity(
  setting = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.PHYSML_WASM_RESIDENT_MIB,
): number {
  const text = (setting ?? '').trim();
  if (text === '') return DEFAULT_RESIDENT_MIB * 2 ** 20;
  const mib = Number(text);
  if (!Number.isInteger(mib) || mib < 0 || mib > 1024) {
    throw new Error(
      `PHYSML_WASM_RESIDENT_MIB must be a whole number of MiB from 0 to 1024, got '${setting}'`,
    );
  }
  return mib * 2 ** 20;
}

/** Counters of the shared runtime's resident copies (undefined before it has loaded). */
export function wasmResidentStats(): ResidentCopyStats | undefined {
  return runtime?.resident?.stats();
}

/**
 * The loaded runtime, compiling it synchronously on first use if no load has happened yet.
 * @throws Error when WebAssembly SIMD is missing or synchronous compilation is refused (a
 *   browser's main thread: await `loadWasmRuntime()` first); later calls throw the same error
 *   without trying again, until an asynchronous load succeeds.
 */
export function wasmRuntime(): WasmRuntime {
  if (runtime !== undefined) return runtime;
  if (syncFailure !== undefined) throw syncFailure;
  try {
    if (!wasmSimdSupported()) throw unsupported();
    runtime = wrap(new WebAssembly.Instance(new WebAssembly.Module(binary()), IMPORTS));
    return runtime;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    syncFailure = new Error(
      `WebAssembly kernels: cannot load synchronously (${reason}); in a browser's main thread, await loadWasmKernels() first`,
    );
    throw syncFailure;
  }
}

/**
 * A new, separate instance of the kernels module, with its own memory (for work that keeps
 * data in WebAssembly memory between calls, such as the tape of a fused Taylor-mode pass, which
 * the shared runtime's per-call arena would overwrite), of the multiply-add variant in use
 * unless `variant` names one. Undefined where WebAssembly SIMD is missing, the variant does not
 * validate, or synchronous compilation is refused; never throws.
 */
export function instantiateKernelsModule(variant?: MultiplyAddVariant): WebAssembly.Instance | undefined {
  let module: WebAssembly.Module | null;
  try {
    if (variant !== undefined) {
      // An explicit variant (tests compare the two): compiled afresh, never cached.
      module = wasmSimdSupported() ? new WebAssembly.Module(kernelsBinary(variant)) : null;
    } else {
      if (compiled === undefined) compiled = wasmSimdSupported() ? new WebAssembly.Module(binary()) : null;
      module = compiled;
    }
  } catch {
    if (variant === undefined) compiled = null;
    module = null;
  }
  if (module === null) return undefined;
  try {
    return new WebAssembly.Instance(module, IMPORTS);
  } catch {
    return undefined;
  }
}

/**
 * A separate runtime of the named multiply-add build, whichever build the shared runtime uses
 * (tests check both against the reference). Undefined where that build cannot load.
 */
export function wasmRuntimeOfVariant(variant: MultiplyAddVariant): WasmRuntime | undefined {
  const instance = instantiateKernelsModule(variant);
  return instance === undefined ? undefined : wrap(instance);
}

/** The runtime if it is loaded or loads synchronously now, else undefined (never throws). */
export function wasmRuntimeIfAvailable(): WasmRuntime | undefined {
  if (runtime !== undefined) return runtime;
  if (syncFailure !== undefined) return undefined;
  try {
    return wasmRuntime();
  } catch {
    return undefined;
  }
}

/**
 * Loads the runtime asynchronously (allowed everywhere, including a browser's main thread).
 * Resolves to the same instance on every call.
 * @throws Error (as a rejection) when WebAssembly SIMD is missing.
 */
export function loadWasmRuntime(): Promise<WasmRuntime> {
  if (runtime !== undefined) return Promise.resolve(runtime);
  pending ??= (async () => {
    if (!wasmSimdSupported()) throw unsupported();
    const { instance } = await WebAssembly.instantiate(binary(), IMPORTS);
    runtime ??= wrap(instance);
    return runtime;
  })();
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}
