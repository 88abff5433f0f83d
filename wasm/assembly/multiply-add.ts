/**
 * a·b + c on vectors: one fused multiply-add (one rounding) where the build enables relaxed
 * SIMD and the CPU has FMA, else a multiply and an add (two roundings). The binary built with
 * `--enable relaxed-simd` (`scripts/build-wasm.mjs`) is the "fused" variant; within one
 * variant on one machine every result is reproducible bit for bit.
 */

export function mulAddF64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f64>(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

export function mulAddF32(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f32>(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
