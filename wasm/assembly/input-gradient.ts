/**
 * Elementwise passes of the fused input-gradient MLP pass (reverse over reverse mode, see
 * src/core/kernels/wasm/input-gradient-engine.ts), for float64 and float32 storage T. Every
 * pointer addresses `count` entries of T; loops go 16 bytes at a time with a scalar tail.
 */

/** out = a ⊙ b. */
function multiply<T>(out: usize, a: usize, b: usize, count: i32): void {
  const size = <usize>sizeof<T>();
  const bytes = <usize>count * size;
  let at: usize = 0;
  for (; at + 16 <= bytes; at += 16) v128.store(out + at, v128.mul<T>(v128.load(a + at), v128.load(b + at)));
  for (; at < bytes; at += size) store<T>(out + at, load<T>(a + at) * load<T>(b + at));
}

export function multiplyF64(out: usize, a: usize, b: usize, count: i32): void {
  multiply<f64>(out, a, b, count);
}

export function multiplyF32(out: usize, a: usize, b: usize, count: i32): void {
  multiply<f32>(out, a, b, count);
}

/** out += a ⊙ b. */
function addProduct<T>(out: usize, a: usize, b: usize, count: i32): void {
  const size = <usize>sizeof<T>();
  const bytes = <usize>count * size;
  let at: usize = 0;
  for (; at + 16 <= bytes; at += 16) {
    v128.store(out + at, v128.add<T>(v128.load(out + at), v128.mul<T>(v128.load(a + at), v128.load(b + at))));
  }
  for (; at < bytes; at += size) store<T>(out + at, load<T>(out + at) + load<T>(a + at) * load<T>(b + at));
}

export function addProductF64(out: usize, a: usize, b: usize, count: i32): void {
  addProduct<f64>(out, a, b, count);
}

export function addProductF32(out: usize, a: usize, b: usize, count: i32): void {
  addProduct<f32>(out, a, b, count);
}

/**
 * The backward step through δ = e ⊙ σ′(z) of the input-gradient sweep, given δ̄:
 * ē = δ̄ ⊙ σ′ and z̄ = δ̄ ⊙ e ⊙ σ″ (σ′, σ″ at `d1`, `d2`).
 */
function gradientBackward<T>(
  dbar: usize,
  e: usize,
  d1: usize,
  d2: usize,
  ebar: usize,
  zbar: usize,
  count: i32,
): void {
  const size = <usize>sizeof<T>();
  const bytes = <usize>count * size;
  let at: usize = 0;
  for (; at + 16 <= bytes; at += 16) {
    const g = v128.load(dbar + at);
    v128.store(ebar + at, v128.mul<T>(g, v128.load(d1 + at)));
    v128.store(zbar + at, v128.mul<T>(v128.mul<T>(g, v128.load(e + at)), v128.load(d2 + at)));
  }
  for (; at < bytes; at += size) {
    const g = load<T>(dbar + at);
    store<T>(ebar + at, g * load<T>(d1 + at));
    store<T>(zbar + at, g * load<T>(e + at) * load<T>(d2 + at));
  }
}

export function gradientBackwardF64(
  dbar: usize,
  e: usize,
  d1: usize,
  d2: usize,
  ebar: usize,
  zbar: usize,
  count: i32,
): void {
  gradientBackward<f64>(dbar, e, d1, d2, ebar, zbar, count);
}

export function gradientBackwardF32(
  dbar: usize,
  e: usize,
  d1: usize,
  d2: usize,
  ebar: usize,
  zbar: usize,
  count: i32,
): void {
  gradientBackward<f32>(dbar, e, d1, d2, ebar, zbar, count);
}
