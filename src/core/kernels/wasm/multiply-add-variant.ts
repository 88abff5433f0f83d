/**
 * Which build of the matrix-product binaries this process runs: `fused` (relaxed SIMD's fused
 * multiply-add: one rounding per a·b + c, and six-row micro-tiles; 1.3–1.5× the rate) or
 * `separate` (fixed-width SIMD only: a multiply and an add).
 *
 * Browsers enable relaxed SIMD by default; Node 20 only with `--experimental-wasm-relaxed-simd`
 * (the CLI, the tests and the benchmarks turn it on: `enableRelaxedSimdInNode`). `auto`, the
 * default, takes `fused` wherever the engine validates the fused binary.
 *
 * The choice is made once, when the first kernels module compiles, and then holds for every
 * instance (the shared runtime, the fused MLP passes' arenas, the shared-memory threads), so
 * that single-thread and threaded products stay bit-identical. Within one variant on one
 * machine every result is reproducible bit for bit; the two variants agree to round-off.
 * Node: the environment variable `PHYSML_WASM_MULTIPLY_ADD` (auto, fused, separate) sets the
 * initial request.
 */
import { KERNELS_WASM_BASE64 } from './generated/kernels-binary.js';
import { KERNELS_FUSED_WASM_BASE64 } from './generated/kernels-fused-binary.js';
import { THREADED_KERNELS_WASM_BASE64 } from './generated/threaded-kernels-binary.js';
import { THREADED_KERNELS_FUSED_WASM_BASE64 } from './generated/threaded-kernels-fused-binary.js';

/** The two builds of the matrix-product binaries. */
export type MultiplyAddVariant = 'fused' | 'separate';
/** What a caller may ask for: a variant, or `auto` (fused where the engine supports it). */
export type MultiplyAddSetting = MultiplyAddVariant | 'auto';

const SETTINGS: readonly MultiplyAddSetting[] = ['auto', 'fused', 'separate'];

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * A setting from its text: `auto`, `fused` or `separate`; unset or empty means `auto`.
 * @throws Error naming `name` and the allowed values for anything else.
 */
export function parseMultiplyAddSetting(
  text: string | undefined,
  name = 'PHYSML_WASM_MULTIPLY_ADD',
): MultiplyAddSetting {
  const key = (text ?? '').trim().toLowerCase() || 'auto';
  if (!(SETTINGS as readonly string[]).includes(key)) {
    throw new Error(`${name} must be one of auto, fused, separate (or unset), got '${text}'`);
  }
  return key as MultiplyAddSetting;
}

function environmentSetting(): string | undefined {
  const host = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return host.process?.env?.PHYSML_WASM_MULTIPLY_ADD;
}

let requested: MultiplyAddSetting = parseMultiplyAddSetting(environmentSetting());
let chosen: MultiplyAddVariant | undefined;
let fusedValid: boolean | undefined;

/** True when this engine validates the fused binary (relaxed SIMD available and enabled). */
export function fusedMultiplyAddSupported(): boolean {
  if (fusedValid === undefined) {
    try {
      fusedValid = typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNELS_FUSED_WASM_BASE64));
    } catch {
      fusedValid = false;
    }
  }
  return fusedValid;
}

function resolve(setting: MultiplyAddSetting): MultiplyAddVariant {
  if (setting === 'separate') return 'separate';
  if (fusedMultiplyAddSupported()) return 'fused';
  if (setting === 'fused') {
    throw new Error(
      "WebAssembly kernels: multiply-add 'fused' needs relaxed SIMD, which this engine lacks or has disabled (Node 20: --experimental-wasm-relaxed-simd)",
    );
  }
  return 'separate';
}

/**
 * Asks for a variant before any kernels module has compiled.
 * @throws Error for a setting other than auto, fused, separate; for `fused` where relaxed SIMD
 *   is missing; and when a different variant is already in use (modules have compiled).
 */
export function setWasmMultiplyAdd(setting: MultiplyAddSetting): void {
  const parsed = parseMultiplyAddSetting(setting, 'setWasmMultiplyAdd: setting');
  if (chosen !== undefined) {
    if (resolve(parsed) !== chosen) {
      throw new Error(
        `setWasmMultiplyAdd: the '${chosen}' kernels are already compiled and in use; choose the variant before the first WebAssembly kernel call`,
      );
    }
    return;
  }
  resolve(parsed);
  requested = parsed;
}

/** The variant in use, fixing it now if nothing has compiled yet. */
export function wasmMultiplyAdd(): MultiplyAddVariant {
  chosen ??= resolve(requested);
  return chosen;
}

/** The kernels binary of `variant` (default: the variant in use). */
export function kernelsBinary(variant: MultiplyAddVariant = wasmMultiplyAdd()): Uint8Array<ArrayBuffer> {
  return decode(variant === 'fused' ? KERNELS_FUSED_WASM_BASE64 : KERNELS_WASM_BASE64);
}

/** The shared-memory matrix-product binary of the variant in use. */
export function threadedKernelsBinary(): Uint8Array<ArrayBuffer> {
  return decode(
    wasmMultiplyAdd() === 'fused' ? THREADED_KERNELS_FUSED_WASM_BASE64 : THREADED_KERNELS_WASM_BASE64,
  );
}
