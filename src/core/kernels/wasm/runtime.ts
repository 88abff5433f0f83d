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
import { KERNELS_WASM_BASE64 } from './generated/kernels-binary.js';

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
  const text = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
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
  return { exports, arena: new WasmArena(exports.memory, exports.heapBase()) };
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
 * the shared runtime's per-call arena would overwrite). Undefined where WebAssembly SIMD is
 * missing or synchronous compilation is refused; never throws.
 */
export function instantiateKernelsModule(): WebAssembly.Instance | undefined {
  try {
    if (compiled === undefined) compiled = wasmSimdSupported() ? new WebAssembly.Module(binary()) : null;
  } catch {
    compiled = null;
  }
  if (compiled === null) return undefined;
  try {
    return new WebAssembly.Instance(compiled, IMPORTS);
  } catch {
    return undefined;
  }
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
