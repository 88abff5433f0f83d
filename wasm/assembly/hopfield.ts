/**
 * The field computations of Hopfield dynamics over a float32 weight matrix W (row-major,
 * rows × cols), with WebAssembly SIMD. The first two work in float64: each float32 weight is
 * widened exactly (two at a time, f64x2.promote_low_f32x4), so the results are those of the
 * plain TypeScript loops up to the order of the additions. The exact kernels further down
 * (float32 and int16 sums for ±1 states) are for weights on a grid where no sum rounds.
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

// ---------------------------------------------------------------------------------------------
// Exact fast paths for ±1 states. When every weight is an integer multiple k·q of one power of
// two q and every row's Σ_j |k_ij| is small enough (the host checks: src/models/hopfield/), the
// sums below are exact, so their results are bit-identical to the float64 sums above whatever
// the order of the additions:
// - float32 sums are exact while every partial sum is k·q with |k| ≤ 2^24;
// - int16 products summed in int32 are exact while |k_ij| ≤ 32767 and Σ_j |k_ij| < 2^31.
// Hebbian weights of N = 2^m neurons and P patterns are k/N with |k| ≤ P: both hold.
// ---------------------------------------------------------------------------------------------

const SIGN: i32 = 0x80000000;

/** Lanes of a, with the sign flipped where the float32 ±1 lanes at x are −1. */
function signed(a: v128, xmask: v128): v128 {
  return v128.xor(a, xmask);
}

/** The sign-bit mask of the four float32 ±1 entries at x. */
function signMask(x: usize): v128 {
  return v128.and(v128.load(x), i32x4.splat(SIGN));
}

/** Horizontal sum of the four float32 lanes. */
function sum4(a: v128): f32 {
  return (
    f32x4.extract_lane(a, 0) +
    f32x4.extract_lane(a, 1) +
    (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3))
  );
}

/**
 * h[i] = Σ_j W[i, j] x[j] for a float32 ±1 vector x (h float64), summed in float32: exact only
 * under the conditions above. Four rows per pass, one f32x4 accumulator each; the ±1 factors
 * are applied by flipping sign bits. Reads all of W (any W, symmetric or not).
 */
export function hopfieldMatVecExactF32(w: usize, x: usize, h: usize, rows: i32, cols: i32): void {
  const stride = (<usize>cols) << 2;
  let i = 0;
  for (; i < rows; i += 4) {
    const count = min(4, rows - i);
    const w0 = w + <usize>i * stride;
    // Rows past the end repeat the block's first row; their sums are not stored.
    const w1 = count > 1 ? w0 + stride : w0;
    const w2 = count > 2 ? w0 + 2 * stride : w0;
    const w3 = count > 3 ? w0 + 3 * stride : w0;
    let a0 = f32x4.splat(0);
    let a1 = a0;
    let a2 = a0;
    let a3 = a0;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      const m = signMask(x + ((<usize>j) << 2));
      const o = (<usize>j) << 2;
      a0 = f32x4.add(a0, signed(v128.load(w0 + o), m));
      a1 = f32x4.add(a1, signed(v128.load(w1 + o), m));
      a2 = f32x4.add(a2, signed(v128.load(w2 + o), m));
      a3 = f32x4.add(a3, signed(v128.load(w3 + o), m));
    }
    let s0 = sum4(a0);
    let s1 = sum4(a1);
    let s2 = sum4(a2);
    let s3 = sum4(a3);
    for (; j < cols; j++) {
      const o = (<usize>j) << 2;
      const xv = load<f32>(x + o);
      s0 += load<f32>(w0 + o) * xv;
      s1 += load<f32>(w1 + o) * xv;
      s2 += load<f32>(w2 + o) * xv;
      s3 += load<f32>(w3 + o) * xv;
    }
    const hi = h + ((<usize>i) << 3);
    store<f64>(hi, <f64>s0);
    if (count > 1) store<f64>(hi, <f64>s1, 8);
    if (count > 2) store<f64>(hi, <f64>s2, 16);
    if (count > 3) store<f64>(hi, <f64>s3, 24);
  }
}

/**
 * h = W·x for a SYMMETRIC n×n W and a float32 ±1 vector x, reading only the blocks on and
 * above the diagonal: each W[i, j] (j beyond row i's 4×4 diagonal block) is used twice, for
 * h[i] += W[i, j] x[j] and for h[j] += W[i, j] x[i] = W[j, i] x[i]. Half the memory traffic of
 * a full product, float32 sums (exact only under the conditions above). `acc` is n float32
 * scratch; h is float64.
 */
export function hopfieldSymMatVecExactF32(w: usize, x: usize, h: usize, n: i32, acc: usize): void {
  memory.fill(acc, 0, (<usize>n) << 2);
  const stride = (<usize>n) << 2;
  const full = n & ~3;
  for (let i = 0; i < full; i += 4) {
    const w0 = w + <usize>i * stride;
    const w1 = w0 + stride;
    const w2 = w1 + stride;
    const w3 = w2 + stride;
    const xi = x + ((<usize>i) << 2);
    const m0 = i32x4.splat(load<i32>(xi) & SIGN);
    const m1 = i32x4.splat(load<i32>(xi, 4) & SIGN);
    const m2 = i32x4.splat(load<i32>(xi, 8) & SIGN);
    const m3 = i32x4.splat(load<i32>(xi, 12) & SIGN);
    // The diagonal block, row side only: h[i + r] += Σ_c W[i + r, i + c] x[i + c].
    const md = signMask(xi);
    const oi = (<usize>i) << 2;
    let a0 = signed(v128.load(w0 + oi), md);
    let a1 = signed(v128.load(w1 + oi), md);
    let a2 = signed(v128.load(w2 + oi), md);
    let a3 = signed(v128.load(w3 + oi), md);
    let j = i + 4;
    for (; j + 3 < n; j += 4) {
      const o = (<usize>j) << 2;
      const m = signMask(x + o);
      const v0 = v128.load(w0 + o);
      const v1 = v128.load(w1 + o);
      const v2 = v128.load(w2 + o);
      const v3 = v128.load(w3 + o);
      a0 = f32x4.add(a0, signed(v0, m));
      a1 = f32x4.add(a1, signed(v1, m));
      a2 = f32x4.add(a2, signed(v2, m));
      a3 = f32x4.add(a3, signed(v3, m));
      const t = f32x4.add(
        f32x4.add(signed(v0, m0), signed(v1, m1)),
        f32x4.add(signed(v2, m2), signed(v3, m3)),
      );
      v128.store(acc + o, f32x4.add(v128.load(acc + o), t));
    }
    let s0 = sum4(a0);
    let s1 = sum4(a1);
    let s2 = sum4(a2);
    let s3 = sum4(a3);
    const x0 = load<f32>(xi);
    const x1 = load<f32>(xi, 4);
    const x2 = load<f32>(xi, 8);
    const x3 = load<f32>(xi, 12);
    for (; j < n; j++) {
      const o = (<usize>j) << 2;
      const xv = load<f32>(x + o);
      const v0 = load<f32>(w0 + o);
      const v1 = load<f32>(w1 + o);
      const v2 = load<f32>(w2 + o);
      const v3 = load<f32>(w3 + o);
      s0 += v0 * xv;
      s1 += v1 * xv;
      s2 += v2 * xv;
      s3 += v3 * xv;
      store<f32>(acc + o, load<f32>(acc + o) + (v0 * x0 + v1 * x1 + (v2 * x2 + v3 * x3)));
    }
    const ai = acc + oi;
    store<f32>(ai, load<f32>(ai) + s0);
    store<f32>(ai, load<f32>(ai, 4) + s1, 4);
    store<f32>(ai, load<f32>(ai, 8) + s2, 8);
    store<f32>(ai, load<f32>(ai, 12) + s3, 12);
  }
  // The last n mod 4 rows: their diagonal block, row side (the columns before it were added above).
  for (let i = full; i < n; i++) {
    const wi = w + <usize>i * stride;
    let s: f32 = 0;
    for (let j = full; j < n; j++) s += load<f32>(wi + ((<usize>j) << 2)) * load<f32>(x + ((<usize>j) << 2));
    const ai = acc + ((<usize>i) << 2);
    store<f32>(ai, load<f32>(ai) + s);
  }
  for (let i = 0; i < n; i++) store<f64>(h + ((<usize>i) << 3), <f64>load<f32>(acc + ((<usize>i) << 2)));
}

/** 1.5·2^23: adding it to a float32 integer |v| < 2^22 leaves v in the low mantissa bits. */
const MAGIC: f32 = 12582912.0;
const MAGIC_BITS: i32 = 0x4b400000;

/**
 * The four float32 lanes of a times `k`, as int32 — exact for integer products |v| < 2^22
 * (cheaper than i32x4.trunc_sat_f32x4_s, which V8 expands into a fix-up sequence).
 */
function toInt(a: v128, k: v128): v128 {
  return i32x4.sub(f32x4.add(f32x4.mul(a, k), f32x4.splat(MAGIC)), i32x4.splat(MAGIC_BITS));
}

/**
 * Rows `row` and `row + 1` (the second repeats the first when `pair` is false) of W, times
 * `scale` (a power of two that makes them integers), as int16 into `panel`, interleaved by
 * blocks of eight columns: columns 8t…8t + 7 of the first row at panel + 32t, of the second at
 * panel + 32t + 16 (`padded` columns, zero past `cols`).
 */
function packRowsI16(w: usize, row: i32, pair: bool, cols: i32, padded: i32, scale: f32, panel: usize): void {
  const stride = (<usize>cols) << 2;
  const r0 = w + <usize>row * stride;
  const r1 = pair ? r0 + stride : r0;
  const k = f32x4.splat(scale);
  let j = 0;
  for (; j + 7 < cols; j += 8) {
    const o = (<usize>j) << 2;
    const q = panel + ((<usize>j) << 2);
    v128.store(q, i16x8.narrow_i32x4_s(toInt(v128.load(r0 + o), k), toInt(v128.load(r0 + o, 16), k)));
    v128.store(q, i16x8.narrow_i32x4_s(toInt(v128.load(r1 + o), k), toInt(v128.load(r1 + o, 16), k)), 16);
  }
  for (; j < padded; j++) {
    const q = panel + ((<usize>(j & ~7)) << 2) + ((<usize>(j & 7)) << 1);
    const o = (<usize>j) << 2;
    store<i16>(q, j < cols ? <i16>(<i32>(load<f32>(r0 + o) * scale)) : 0);
    store<i16>(q, j < cols ? <i16>(<i32>(load<f32>(r1 + o) * scale)) : 0, 16);
  }
}

function sumI32(a: v128): i32 {
  return (
    i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3)
  );
}

/**
 * out[b·rows + i] = Σ_j (W[i, j]·scale) s_b[j] for b < probes, i < rows, in int32: W float32
 * rows × cols; `scale` a power of two making every W[i, j]·scale an integer in [−32767, 32767];
 * the int16 states in blocks of four probes, `padded` = cols rounded up to 8 (zero past cols):
 * block k (probes 4k … 4k + 3, a probe past `probes` all zero) starts at s + 8k·padded bytes,
 * and columns 8t…8t + 7 of its probe q lie at 64t + 16q within it. `panel` is scratch of
 * 2 × padded int16. Two rows of W are converted at a time into the panel, then dotted with
 * every probe, four at a time (i32x4.dot_i16x8_s: eight products per instruction; every load at
 * a constant offset from two moving pointers), so W streams from memory once per call whatever
 * the number of probes. Exact (int32 sums) while every row's Σ_j |W[i, j]·scale·s_j| < 2^31.
 */
export function hopfieldMatMulI16(
  w: usize,
  rows: i32,
  cols: i32,
  scale: f32,
  s: usize,
  probes: i32,
  out: usize,
  panel: usize,
): void {
  const padded = (cols + 7) & ~7;
  const blockBytes = (<usize>padded) << 3;
  const panelEnd = panel + ((<usize>padded) << 2);
  const outStride = (<usize>rows) << 2;
  for (let i = 0; i < rows; i += 2) {
    const pair = i + 1 < rows;
    packRowsI16(w, i, pair, cols, padded, scale, panel);
    for (let b = 0; b < probes; b += 4) {
      let sp = s + (<usize>b >> 2) * blockBytes;
      let a00 = i32x4.splat(0);
      let a01 = a00;
      let a02 = a00;
      let a03 = a00;
      let a10 = a00;
      let a11 = a00;
      let a12 = a00;
      let a13 = a00;
      for (let pp = panel; pp < panelEnd; pp += 32) {
        const u0 = v128.load(pp);
        const u1 = v128.load(pp, 16);
        const v0 = v128.load(sp);
        const v1 = v128.load(sp, 16);
        const v2 = v128.load(sp, 32);
        const v3 = v128.load(sp, 48);
        a00 = i32x4.add(a00, i32x4.dot_i16x8_s(u0, v0));
        a01 = i32x4.add(a01, i32x4.dot_i16x8_s(u0, v1));
        a02 = i32x4.add(a02, i32x4.dot_i16x8_s(u0, v2));
        a03 = i32x4.add(a03, i32x4.dot_i16x8_s(u0, v3));
        a10 = i32x4.add(a10, i32x4.dot_i16x8_s(u1, v0));
        a11 = i32x4.add(a11, i32x4.dot_i16x8_s(u1, v1));
        a12 = i32x4.add(a12, i32x4.dot_i16x8_s(u1, v2));
        a13 = i32x4.add(a13, i32x4.dot_i16x8_s(u1, v3));
        sp += 64;
      }
      const o = out + <usize>b * outStride + ((<usize>i) << 2);
      const left = probes - b;
      store<i32>(o, sumI32(a00));
      if (pair) store<i32>(o, sumI32(a10), 4);
      if (left > 1) {
        store<i32>(o + outStride, sumI32(a01));
        if (pair) store<i32>(o + outStride, sumI32(a11), 4);
      }
      if (left > 2) {
        store<i32>(o + 2 * outStride, sumI32(a02));
        if (pair) store<i32>(o + 2 * outStride, sumI32(a12), 4);
      }
      if (left > 3) {
        store<i32>(o + 3 * outStride, sumI32(a03));
        if (pair) store<i32>(o + 3 * outStride, sumI32(a13), 4);
      }
    }
  }
}

/**
 * h[k] += Σ_t scales[t] · W[rows[t], k] as hopfieldAddRowsF32, but summed in float32: h
 * (float64) is copied to the float32 scratch `acc`, the rows are added there four at a time
 * (f32x4), and the result is copied back. EXACT — bit-identical to the float64 kernel — only
 * when h, every scale·weight and every partial sum are integers times one power of two q with
 * magnitude ≤ 2^24·q (the caller checks: Hopfield fields of weights on such a grid, scales ±2).
 */
export function hopfieldAddRowsExactF32(
  w: usize,
  h: usize,
  cols: i32,
  rowList: usize,
  scaleList: usize,
  count: i32,
  acc: usize,
): void {
  for (let k = 0; k < cols; k++) store<f32>(acc + ((<usize>k) << 2), <f32>load<f64>(h + ((<usize>k) << 3)));
  const stride = (<usize>cols) << 2;
  let t = 0;
  for (; t + 3 < count; t += 4) {
    const r = rowList + ((<usize>t) << 2);
    const s = scaleList + ((<usize>t) << 3);
    const w0 = w + <usize>load<i32>(r) * stride;
    const w1 = w + <usize>load<i32>(r, 4) * stride;
    const w2 = w + <usize>load<i32>(r, 8) * stride;
    const w3 = w + <usize>load<i32>(r, 12) * stride;
    const c0 = <f32>load<f64>(s);
    const c1 = <f32>load<f64>(s, 8);
    const c2 = <f32>load<f64>(s, 16);
    const c3 = <f32>load<f64>(s, 24);
    const d0 = f32x4.splat(c0);
    const d1 = f32x4.splat(c1);
    const d2 = f32x4.splat(c2);
    const d3 = f32x4.splat(c3);
    let k = 0;
    for (; k + 3 < cols; k += 4) {
      const o = (<usize>k) << 2;
      let v = v128.load(acc + o);
      v = f32x4.add(v, f32x4.mul(d0, v128.load(w0 + o)));
      v = f32x4.add(v, f32x4.mul(d1, v128.load(w1 + o)));
      v = f32x4.add(v, f32x4.mul(d2, v128.load(w2 + o)));
      v = f32x4.add(v, f32x4.mul(d3, v128.load(w3 + o)));
      v128.store(acc + o, v);
    }
    for (; k < cols; k++) {
      const o = (<usize>k) << 2;
      let v = load<f32>(acc + o);
      v += c0 * load<f32>(w0 + o);
      v += c1 * load<f32>(w1 + o);
      v += c2 * load<f32>(w2 + o);
      v += c3 * load<f32>(w3 + o);
      store<f32>(acc + o, v);
    }
  }
  for (; t < count; t++) {
    const w0 = w + <usize>load<i32>(rowList + ((<usize>t) << 2)) * stride;
    const c0 = <f32>load<f64>(scaleList + ((<usize>t) << 3));
    const d0 = f32x4.splat(c0);
    let k = 0;
    for (; k + 3 < cols; k += 4) {
      const o = (<usize>k) << 2;
      v128.store(acc + o, f32x4.add(v128.load(acc + o), f32x4.mul(d0, v128.load(w0 + o))));
    }
    for (; k < cols; k++) {
      const o = (<usize>k) << 2;
      store<f32>(acc + o, load<f32>(acc + o) + c0 * load<f32>(w0 + o));
    }
  }
  for (let k = 0; k < cols; k++) store<f64>(h + ((<usize>k) << 3), <f64>load<f32>(acc + ((<usize>k) << 2)));
}
