/**
 * Reductions over the middle axis of x viewed as [outer, length, inner] (sum, max, min) and the
 * dot product, with WebAssembly SIMD. x is float64 (the F64 exports) or float32 (F32: each
 * entry is widened to float64 exactly); results are float64, written to `out` (outer·inner
 * entries) by the reductions and returned by dot. T is the storage type, resolved at compile
 * time, so each export is its own loop.
 *
 * Sums are compensated as in the TypeScript kernels (Knuth's branch-free TwoSum, the error of
 * every addition carried in a second accumulator): each output is within about one rounding
 * of the exact sum. A sum that is not finite is returned as the plain running sum (NaN
 * propagates, +∞ + (−∞) is NaN).
 *
 * max and min give what Math.max / Math.min give (NaN if any entry is NaN, max(−0, +0) = +0,
 * −∞ / +∞ over an empty axis). min is computed as −max(−x), one loop for both. The loop uses
 * pmax (one instruction: `a < b ? b : a`), notes NaN in a separate mask, and, in the rare case
 * that the result is a zero, whose sign pmax may get wrong, scans the slice again exactly.
 */

/** Two float64 entries of x at `at`, widened from float32 storage when T is f32. */
function pair<T>(at: usize): v128 {
  if (sizeof<T>() === 8) return v128.load(at);
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

function entry<T>(at: usize): f64 {
  return <f64>load<T>(at);
}

/** The compensated total of a running sum s and its error c (the plain sum if not finite). */
function finish(s: f64, c: f64): f64 {
  return s - s !== 0 ? s : s + c;
}

// The scalar running sum of `contiguousSum` and its accumulated error.
let runSum: f64 = 0;
let runError: f64 = 0;

function addCompensated(v: f64): void {
  const s = runSum;
  const t = s + v;
  const z = t - s;
  runError += s - (t - z) + (v - z);
  runSum = t;
}

/** Compensated sum of `count` contiguous entries from `at`. */
function contiguousSum<T>(at: usize, count: i32): f64 {
  const size = <usize>sizeof<T>();
  let s0 = f64x2.splat(0);
  let c0 = s0;
  let s1 = s0;
  let c1 = s0;
  let i = 0;
  for (; i + 3 < count; i += 4) {
    let v = pair<T>(at);
    let t = f64x2.add(s0, v);
    let z = f64x2.sub(t, s0);
    c0 = f64x2.add(c0, f64x2.add(f64x2.sub(s0, f64x2.sub(t, z)), f64x2.sub(v, z)));
    s0 = t;
    v = pair<T>(at + 2 * size);
    t = f64x2.add(s1, v);
    z = f64x2.sub(t, s1);
    c1 = f64x2.add(c1, f64x2.add(f64x2.sub(s1, f64x2.sub(t, z)), f64x2.sub(v, z)));
    s1 = t;
    at += 4 * size;
  }
  // The remaining entries go to a scalar lane, then every vector lane joins it through TwoSum.
  const c = f64x2.add(c0, c1);
  runSum = 0;
  runError = f64x2.extract_lane(c, 0) + f64x2.extract_lane(c, 1);
  for (; i < count; i++) {
    addCompensated(entry<T>(at));
    at += size;
  }
  addCompensated(f64x2.extract_lane(s0, 0));
  addCompensated(f64x2.extract_lane(s0, 1));
  addCompensated(f64x2.extract_lane(s1, 0));
  addCompensated(f64x2.extract_lane(s1, 1));
  return finish(runSum, runError);
}

/**
 * Compensated sums of columns [i, i + 2) of one outer slice, walking down `length` rows from
 * `at` (row stride `step` bytes); written to out[0] and out[1].
 */
function columnPairSum<T>(at: usize, step: usize, length: i32, out: usize): void {
  let s = f64x2.splat(0);
  let c = s;
  for (let j = 0; j < length; j++) {
    const v = pair<T>(at);
    const t = f64x2.add(s, v);
    const z = f64x2.sub(t, s);
    c = f64x2.add(c, f64x2.add(f64x2.sub(s, f64x2.sub(t, z)), f64x2.sub(v, z)));
    s = t;
    at += step;
  }
  store<f64>(out, finish(f64x2.extract_lane(s, 0), f64x2.extract_lane(c, 0)));
  store<f64>(out, finish(f64x2.extract_lane(s, 1), f64x2.extract_lane(c, 1)), 8);
}

/** Compensated sum of one column (see `columnPairSum`). */
function columnSum<T>(at: usize, step: usize, length: i32): f64 {
  let s = 0.0;
  let c = 0.0;
  for (let j = 0; j < length; j++) {
    const v = entry<T>(at);
    const t = s + v;
    const z = t - s;
    c += s - (t - z) + (v - z);
    s = t;
    at += step;
  }
  return finish(s, c);
}

/**
 * max (flip = 0) or −max(−x) = min (flip = the sign bit) of `count` entries from `at`, `step`
 * bytes apart; exact as described in the file comment.
 */
function extreme<T>(at: usize, step: usize, count: i32, minimum: bool): f64 {
  const flip = minimum ? i64x2.splat(i64.MIN_VALUE) : i64x2.splat(0);
  let a0 = f64x2.splat(-Infinity);
  let a1 = a0;
  let nan = i64x2.splat(0);
  let i = 0;
  let p = at;
  if (step === <usize>sizeof<T>()) {
    for (; i + 3 < count; i += 4) {
      const v0 = v128.xor(pair<T>(p), flip);
      const v1 = v128.xor(pair<T>(p + 2 * step), flip);
      a0 = f64x2.pmax(a0, v0);
      a1 = f64x2.pmax(a1, v1);
      nan = v128.or(nan, v128.or(f64x2.ne(v0, v0), f64x2.ne(v1, v1)));
      p += 4 * step;
    }
  }
  a0 = f64x2.pmax(a0, a1);
  let best = max<f64>(f64x2.extract_lane(a0, 0), f64x2.extract_lane(a0, 1));
  const flipScalar: f64 = minimum ? -1 : 1;
  for (; i < count; i++) {
    best = max<f64>(best, flipScalar * entry<T>(p));
    p += step;
  }
  if (v128.any_true(nan)) return NaN;
  if (best === 0) {
    // pmax keeps the first of two equal entries, and −0 == +0: redo the slice exactly.
    best = -Infinity;
    p = at;
    for (let j = 0; j < count; j++) {
      best = max<f64>(best, flipScalar * entry<T>(p));
      p += step;
    }
  }
  return flipScalar * best;
}

function sum<T>(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  const size = <usize>sizeof<T>();
  const step = <usize>inner * size;
  for (let o = 0; o < outer; o++) {
    const slice = x + <usize>o * <usize>length * step;
    const target = out + ((<usize>o * <usize>inner) << 3);
    if (inner === 1) {
      store<f64>(target, contiguousSum<T>(slice, length));
      continue;
    }
    let i = 0;
    for (; i + 1 < inner; i += 2)
      columnPairSum<T>(slice + <usize>i * size, step, length, target + ((<usize>i) << 3));
    if (i < inner)
      store<f64>(target + ((<usize>i) << 3), columnSum<T>(slice + <usize>i * size, step, length));
  }
}

/**
 * max or min (as in `extreme`) of columns [i, i + 2) of one outer slice, walking down `length`
 * rows from `at` (row stride `step` bytes); written to out[0] and out[1].
 */
function columnPairExtreme<T>(at: usize, step: usize, length: i32, minimum: bool, out: usize): void {
  const flip = minimum ? i64x2.splat(i64.MIN_VALUE) : i64x2.splat(0);
  let a = f64x2.splat(-Infinity);
  let nan = i64x2.splat(0);
  let p = at;
  for (let j = 0; j < length; j++) {
    const v = v128.xor(pair<T>(p), flip);
    a = f64x2.pmax(a, v);
    nan = v128.or(nan, f64x2.ne(v, v));
    p += step;
  }
  const sign: f64 = minimum ? -1 : 1;
  const size = <usize>sizeof<T>();
  for (let lane = 0; lane < 2; lane++) {
    let best = lane === 0 ? f64x2.extract_lane(a, 0) : f64x2.extract_lane(a, 1);
    const sawNaN = lane === 0 ? i64x2.extract_lane(nan, 0) : i64x2.extract_lane(nan, 1);
    if (sawNaN !== 0) best = NaN;
    else if (best === 0) best = sign * extreme<T>(at + <usize>lane * size, step, length, minimum);
    store<f64>(out + ((<usize>lane) << 3), sign * best);
  }
}

function extremes<T>(x: usize, out: usize, outer: i32, length: i32, inner: i32, minimum: bool): void {
  const size = <usize>sizeof<T>();
  const step = <usize>inner * size;
  for (let o = 0; o < outer; o++) {
    const slice = x + <usize>o * <usize>length * step;
    const target = out + ((<usize>o * <usize>inner) << 3);
    let i = 0;
    if (inner > 1) {
      for (; i + 1 < inner; i += 2) {
        columnPairExtreme<T>(slice + <usize>i * size, step, length, minimum, target + ((<usize>i) << 3));
      }
    }
    for (; i < inner; i++) {
      store<f64>(target + ((<usize>i) << 3), extreme<T>(slice + <usize>i * size, step, length, minimum));
    }
  }
}

export function sumF64(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  sum<f64>(x, out, outer, length, inner);
}
export function sumF32(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  sum<f32>(x, out, outer, length, inner);
}
export function maxF64(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  extremes<f64>(x, out, outer, length, inner, false);
}
export function maxF32(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  extremes<f32>(x, out, outer, length, inner, false);
}
export function minF64(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  extremes<f64>(x, out, outer, length, inner, true);
}
export function minF32(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  extremes<f32>(x, out, outer, length, inner, true);
}

/**
 * Σ x[i]·y[i] over the first n entries in float64, in four lanes (lane l takes i ≡ l mod 4,
 * the tail goes to lane 0) added as (l0 + l1) + (l2 + l3): the same operations, in the same
 * order, as the TypeScript kernel, so the result is bit-identical to it.
 */
function dot<T>(x: usize, y: usize, n: i32): f64 {
  const size = <usize>sizeof<T>();
  let s01 = f64x2.splat(0);
  let s23 = s01;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s01 = f64x2.add(s01, f64x2.mul(pair<T>(x), pair<T>(y)));
    s23 = f64x2.add(s23, f64x2.mul(pair<T>(x + 2 * size), pair<T>(y + 2 * size)));
    x += 4 * size;
    y += 4 * size;
  }
  let s0 = f64x2.extract_lane(s01, 0);
  for (; i < n; i++) {
    s0 += entry<T>(x) * entry<T>(y);
    x += size;
    y += size;
  }
  return s0 + f64x2.extract_lane(s01, 1) + (f64x2.extract_lane(s23, 0) + f64x2.extract_lane(s23, 1));
}

export function dotF64(x: usize, y: usize, n: i32): f64 {
  return dot<f64>(x, y, n);
}
export function dotF32(x: usize, y: usize, n: i32): f64 {
  return dot<f32>(x, y, n);
}
