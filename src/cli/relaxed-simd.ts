/**
 * Turns on WebAssembly relaxed SIMD in Node 20, where it sits behind
 * `--experimental-wasm-relaxed-simd` (browsers and later Node versions enable it by default), so
 * that the kernels can run their fused multiply-add build (src/core/kernels/wasm/
 * multiply-add-variant.ts). V8 reads the flag when a module is validated, so this must run
 * before the first kernels module compiles: the CLI entry calls it before loading the CLI, the
 * test runner passes the flag on the command line, the benchmarks call it from their harness.
 * Returns whether relaxed SIMD validates afterwards.
 */
import { setFlagsFromString } from 'node:v8';

// A module with one function () -> () whose body (60 bytes) is three v128.const 0, one
// f32x4.relaxed_madd (0xfd 0x105) and a drop: valid only where relaxed SIMD is enabled.
const RELAXED_PROBE = new Uint8Array([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  4,
  1,
  96,
  0,
  0,
  3,
  2,
  1,
  0,
  10,
  62,
  1,
  60,
  0,
  ...[253, 12, ...new Array(16).fill(0)],
  ...[253, 12, ...new Array(16).fill(0)],
  ...[253, 12, ...new Array(16).fill(0)],
  ...[253, 133, 2],
  26,
  11,
]);

/** True when this engine validates relaxed-SIMD code now. */
export function relaxedSimdEnabled(): boolean {
  try {
    return WebAssembly.validate(RELAXED_PROBE);
  } catch {
    return false;
  }
}

/** Enables relaxed SIMD if it is off; returns whether it validates afterwards. */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdEnabled()) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdEnabled();
}
