/**
 * The two field computations of Hopfield dynamics over a float32 weight matrix W (row-major,
 * rows × cols), with WebAssembly SIMD. Every product and sum is in float64: each float32
 * weight is widened exactly (two at a time, f64x2.promote_low_f32x4), so the results are
 * those of the plain TypeScript loops up to the order of the additions.
 *
 * - `hopfieldMatVecF32`: h = W·x for a float64 vector x (the dense local fields). Four rows at
 *   a time share each load of x; two f64x2 accumulators per row. Memory-bound at large N: W
 *   is read once, in order.
 * - `hopfieldAddRowsF32`: h += Σ_t scale_t · W[row_t, ·] (the incremental field update after
 *   flips, h += 2 s_j W_j·). Four rows per pass over h, added to each entry in the order
 *   given, so the result is bit-identical to adding the rows one after the other.
 */

/** Two float32 entries at `at`, widened to float64. */
function pair(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** Horizontal sum of the two lanes of a and b: (a0 + a1) + (b0 + b1). */
function total(a: v128, b: v128): f64 {
  return (
    f64x2.extract_lane(a, 0) +
    f64x2.extract_lane(a, 1) +
    (f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1))
  );
}

/** One row of W dotted with x (float64). */
function rowDot(w: usize, x: usize, cols: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const xj = x + ((<usize>j) << 3);
    const wj = w + ((<usize>j) << 2);
    a = f64x2.add(a, f64x2.mul(pair(wj), v128.load(xj)));
    b = f64x2.add(b, f64x2.mul(pair(wj + 8), v128.load(xj, 16)));
  }
  let sum = total(a, b);
  for (; j < cols; j++) sum += <f64>load<f32>(w + ((<usize>j) << 2)) * load<f64>(x + ((<usize>j) << 3));
  return sum;
}

/** h[i] = Σ_j W[i, j] x[j] for i < rows (W float32 rows × cols at `w`; x, h float64). */
export function hopfieldMatVecF32(w: usize, x: usize, h: usize, rows: i32, cols: i32): void {
  const stride = (<usize>cols) << 2;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const w0 = w + <usize>i * stride;
    const w1 = w0 + stride;
    const w2 = w1 + stride;
    const w3 = w2 + stride;
    let a0 = f64x2.splat(0);
    let b0 = a0;
    let a1 = a0;
    let b1 = a0;
    let a2 = a0;
    let b2 = a0;
    let a3 = a0;
    let b3 = a0;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      const xj = x + ((<usize>j) << 3);
      const xl = v128.load(xj);
      const xh = v128.load(xj, 16);
      const o = (<usize>j) << 2;
      a0 = f64x2.add(a0, f64x2.mul(pair(w0 + o), xl));
      b0 = f64x2.add(b0, f64x2.mul(pair(w0 + o + 8), xh));
      a1 = f64x2.add(a1, f64x2.mul(pair(w1 + o), xl));
      b1 = f64x2.add(b1, f64x2.mul(pair(w1 + o + 8), xh));
      a2 = f64x2.add(a2, f64x2.mul(pair(w2 + o), xl));
      b2 = f64x2.add(b2, f64x2.mul(pair(w2 + o + 8), xh));
      a3 = f64x2.add(a3, f64x2.mul(pair(w3 + o), xl));
      b3 = f64x2.add(b3, f64x2.mul(pair(w3 + o + 8), xh));
    }
    let s0 = total(a0, b0);
    let s1 = total(a1, b1);
    let s2 = total(a2, b2);
    let s3 = total(a3, b3);
    for (; j < cols; j++) {
      const xv = load<f64>(x + ((<usize>j) << 3));
      const o = (<usize>j) << 2;
      s0 += <f64>load<f32>(w0 + o) * xv;
      s1 += <f64>load<f32>(w1 + o) * xv;
      s2 += <f64>load<f32>(w2 + o) * xv;
      s3 += <f64>load<f32>(w3 + o) * xv;
    }
    const hi = h + ((<usize>i) << 3);
    store<f64>(hi, s0);
    store<f64>(hi, s1, 8);
    store<f64>(hi, s2, 16);
    store<f64>(hi, s3, 24);
  }
  for (; i < rows; i++) store<f64>(h + ((<usize>i) << 3), rowDot(w + <usize>i * stride, x, cols));
}

/**
 * h[k] += Σ_t scales[t] · W[rows[t], k] for k < cols, t < count (rows: int32 indices at
 * `rowList`; scales float64 at `scaleList`), each entry's terms added in the order of t.
 */
export function hopfieldAddRowsF32(
  w: usize,
  h: usize,
  cols: i32,
  rowList: usize,
  scaleList: usize,
  count: i32,
): void {
  const stride = (<usize>cols) << 2;
  let t = 0;
  for (; t + 3 < count; t += 4) {
    const r = rowList + ((<usize>t) << 2);
    const s = scaleList + ((<usize>t) << 3);
    const w0 = w + <usize>load<i32>(r) * stride;
    const w1 = w + <usize>load<i32>(r, 4) * stride;
    const w2 = w + <usize>load<i32>(r, 8) * stride;
    const w3 = w + <usize>load<i32>(r, 12) * stride;
    const c0 = load<f64>(s);
    const c1 = load<f64>(s, 8);
    const c2 = load<f64>(s, 16);
    const c3 = load<f64>(s, 24);
    const d0 = f64x2.splat(c0);
    const d1 = f64x2.splat(c1);
    const d2 = f64x2.splat(c2);
    const d3 = f64x2.splat(c3);
    let k = 0;
    for (; k + 1 < cols; k += 2) {
      const hk = h + ((<usize>k) << 3);
      const o = (<usize>k) << 2;
      let v = v128.load(hk);
      v = f64x2.add(v, f64x2.mul(d0, pair(w0 + o)));
      v = f64x2.add(v, f64x2.mul(d1, pair(w1 + o)));
      v = f64x2.add(v, f64x2.mul(d2, pair(w2 + o)));
      v = f64x2.add(v, f64x2.mul(d3, pair(w3 + o)));
      v128.store(hk, v);
    }
    for (; k < cols; k++) {
      const hk = h + ((<usize>k) << 3);
      const o = (<usize>k) << 2;
      let v = load<f64>(hk);
      v += c0 * <f64>load<f32>(w0 + o);
      v += c1 * <f64>load<f32>(w1 + o);
      v += c2 * <f64>load<f32>(w2 + o);
      v += c3 * <f64>load<f32>(w3 + o);
      store<f64>(hk, v);
    }
  }
  for (; t < count; t++) {
    const w0 = w + <usize>load<i32>(rowList + ((<usize>t) << 2)) * stride;
    const c0 = load<f64>(scaleList + ((<usize>t) << 3));
    const d0 = f64x2.splat(c0);
    let k = 0;
    for (; k + 1 < cols; k += 2) {
      const hk = h + ((<usize>k) << 3);
      v128.store(hk, f64x2.add(v128.load(hk), f64x2.mul(d0, pair(w0 + ((<usize>k) << 2)))));
    }
    for (; k < cols; k++) {
      const hk = h + ((<usize>k) << 3);
      store<f64>(hk, load<f64>(hk) + c0 * <f64>load<f32>(w0 + ((<usize>k) << 2)));
    }
  }
}
