/**
 * The fused elementwise passes of a Taylor-mode MLP layer (value, first and pure second input
 * derivatives carried together), with WebAssembly SIMD, for float64 (f64x2) and float32
 * (f32x4). T is the storage type, resolved at compile time.
 *
 * A layer's pre-activations are "streams" laid out one after the other, each `count` entries
 * (batch × width): stream 0 is z, streams 1..d are ∂z/∂xᵢ, and streams d+1..d+q are ∂²z/∂x_{aⱼ}²
 * for the axes aⱼ listed at `axes` (i32). With σ′, σ″, σ‴ at z:
 *
 *   forward    a = σ(z),  aᵢ = σ′ zᵢ,  a_{jj} = σ″ z_{aⱼ}² + σ′ z_{jj}
 *   backward   ḡ_z = σ′ g + σ″ Σᵢ zᵢ gᵢ + Σⱼ (σ‴ z_{aⱼ}² + σ″ z_{jj}) g_{jj}
 *              ḡᵢ = σ′ gᵢ + Σ_{j: aⱼ = i} 2 σ″ zᵢ g_{jj},   ḡ_{jj} = σ′ g_{jj}
 *
 * `activationFactors` writes σ (into the output's stream 0) and σ′, σ″, σ‴ (three arrays);
 * `taylorStreams` and `taylorStreamsBackward` combine them with the streams. exp and expm1 are
 * evaluated in SIMD by range reduction (x = k ln 2 + r, |r| ≤ ln 2 / 2) and the Taylor series of
 * expm1(r) to degree 13 (float64: truncation below 2e−17 relative) or 7 (float32: below 2e−8),
 * so tanh and the logistic function are correct to a few units in the last place; sin, cos and
 * log1p (softplus) go lane by lane through the standard library.
 */

/** Activation codes, as the host passes them. */
const TANH: i32 = 1;
const RELU: i32 = 2;
const SOFTPLUS: i32 = 3;
const SIGMOID: i32 = 4;
const SIN: i32 = 5;
const SWISH: i32 = 6;

// e^x = 2^k (1 + p) with k = round(x / ln 2), r = x − k ln 2 and p = expm1(r) by its series.
// Everything is inlined and passed in registers: no module globals in the hot loops.

/** k = round(x / ln 2) per lane, after clamping x to the range the scale can represent. */
function expK<T>(x: v128): v128 {
  return v128.nearest<T>(v128.mul<T>(x, v128.splat<T>(<T>Math.LOG2E)));
}

/** The clamp of x to [−700, 700] (float64) or [−86, 86] (float32). */
function clampExp<T>(x: v128): v128 {
  const limit = v128.splat<T>(sizeof<T>() === 8 ? <T>700.0 : <T>86.0);
  // pmin/pmax (one instruction each; NaN in x propagates as the first operand).
  return v128.pmin<T>(v128.pmax<T>(x, v128.neg<T>(limit)), limit);
}

/** p = expm1(x − k ln 2), |x − k ln 2| ≤ ln 2 / 2. */
function expPoly<T>(x: v128, k: v128): v128 {
  if (sizeof<T>() === 8) {
    const r = f64x2.sub(
      f64x2.sub(x, f64x2.mul(k, f64x2.splat(0.6931471803691238))),
      f64x2.mul(k, f64x2.splat(1.9082149292705877e-10)),
    );
    let p = f64x2.splat(1.0 / 6227020800.0); // 1/13!
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 479001600.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 39916800.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 3628800.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 362880.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 40320.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 5040.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 720.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 120.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 24.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 6.0));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
    p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
    return f64x2.mul(p, r);
  }
  const r = f32x4.sub(
    f32x4.sub(x, f32x4.mul(k, f32x4.splat(0.693145751953125))),
    f32x4.mul(k, f32x4.splat(1.428606765330187e-6)),
  );
  let p = f32x4.splat(<f32>(1.0 / 5040.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 720.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  return f32x4.mul(p, r);
}

/** 2^k per lane (k integral and in the normal range). */
function expScale<T>(k: v128): v128 {
  if (sizeof<T>() === 8) {
    const integer = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
    return i64x2.shl(i64x2.add(integer, i64x2.splat(1023)), 52);
  }
  return i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
}

/** e^x per lane. */
function vexp<T>(x: v128): v128 {
  const clamped = clampExp<T>(x);
  const k = expK<T>(clamped);
  const scale = expScale<T>(k);
  return v128.add<T>(v128.mul<T>(scale, expPoly<T>(clamped, k)), scale);
}

/** e^x − 1 per lane, without cancellation near 0; x must already lie in the clamp range. */
function vexpm1<T>(x: v128): v128 {
  const k = expK<T>(x);
  const scale = expScale<T>(k);
  return v128.add<T>(v128.mul<T>(scale, expPoly<T>(x, k)), v128.sub<T>(scale, v128.splat<T>(<T>1)));
}

/** The sign bits of x. */
function signOf<T>(x: v128): v128 {
  return v128.and(x, v128.splat<T>(<T>-0.0));
}

/** tanh per lane: −expm1(−2|z|) / (2 + expm1(−2|z|)) with z's sign (|z| capped where tanh = ±1). */
function vtanh<T>(z: v128): v128 {
  const cap = v128.splat<T>(sizeof<T>() === 8 ? <T>20.0 : <T>10.0);
  const m = vexpm1<T>(v128.mul<T>(v128.pmin<T>(v128.abs<T>(z), cap), v128.splat<T>(<T>-2)));
  const magnitude = v128.div<T>(v128.neg<T>(m), v128.add<T>(m, v128.splat<T>(<T>2)));
  return v128.or(magnitude, signOf<T>(z));
}

/** The logistic function per lane, from e = exp(−|z|) without cancellation on either side. */
function vsigmoid<T>(z: v128): v128 {
  const e = vexp<T>(v128.neg<T>(v128.abs<T>(z)));
  const one = v128.splat<T>(<T>1);
  const denominator = v128.add<T>(one, e);
  const positive = v128.div<T>(one, denominator);
  const negative = v128.div<T>(e, denominator);
  return v128.bitselect(negative, positive, v128.lt<T>(z, v128.splat<T>(<T>0)));
}

const SCRATCH: usize = memory.data(16, 16);

/** Applies a scalar function lane by lane: 0 sin, 1 cos, 2 log1p (lanes go through memory). */
function mapLanes<T>(x: v128, kind: i32): v128 {
  v128.store(SCRATCH, x);
  const size = <usize>sizeof<T>();
  for (let at: usize = 0; at < 16; at += size) {
    const value = <f64>load<T>(SCRATCH + at);
    const result = kind === 0 ? Math.sin(value) : kind === 1 ? Math.cos(value) : Math.log1p(value);
    store<T>(SCRATCH + at, <T>result);
  }
  return v128.load(SCRATCH);
}

/**
 * σ(z) into `value`, and σ′, σ″, σ‴ into d1, d2, d3, for `count` entries of z (pointers to T;
 * `value` may be z itself). `kind` is one of the activation codes above.
 */
function factors<T>(kind: i32, z: usize, value: usize, d1: usize, d2: usize, d3: usize, count: i32): void {
  // One loop per activation (kind is a constant inside each after inlining), so no loop body
  // carries the other activations' code and registers.
  if (kind === TANH) factorLoop<T>(TANH, z, value, d1, d2, d3, count);
  else if (kind === SIGMOID) factorLoop<T>(SIGMOID, z, value, d1, d2, d3, count);
  else if (kind === SOFTPLUS) factorLoop<T>(SOFTPLUS, z, value, d1, d2, d3, count);
  else if (kind === SWISH) factorLoop<T>(SWISH, z, value, d1, d2, d3, count);
  else if (kind === SIN) factorLoop<T>(SIN, z, value, d1, d2, d3, count);
  else if (kind === RELU) factorLoop<T>(RELU, z, value, d1, d2, d3, count);
  else factorLoop<T>(0, z, value, d1, d2, d3, count);
}

function factorLoop<T>(kind: i32, z: usize, value: usize, d1: usize, d2: usize, d3: usize, count: i32): void {
  const lanesPerVector = <i32>(16 / sizeof<T>());
  const one = v128.splat<T>(<T>1);
  const two = v128.splat<T>(<T>2);
  const zero = v128.splat<T>(<T>0);
  let i = 0;
  for (; i + lanesPerVector <= count; i += lanesPerVector) {
    const at = <usize>i * sizeof<T>();
    const x = v128.load(z + at);
    let v: v128;
    let f1: v128;
    let f2: v128;
    let f3: v128;
    if (kind === TANH) {
      const t = vtanh<T>(x);
      const t2 = v128.mul<T>(t, t);
      f1 = v128.sub<T>(one, t2);
      f2 = v128.mul<T>(v128.mul<T>(v128.splat<T>(<T>-2), t), f1);
      f3 = v128.mul<T>(f1, v128.sub<T>(v128.mul<T>(v128.splat<T>(<T>6), t2), two));
      v = t;
    } else if (kind === SIGMOID || kind === SOFTPLUS) {
      const s = vsigmoid<T>(x);
      const logistic = v128.mul<T>(s, v128.sub<T>(one, s));
      const oneMinusTwoS = v128.sub<T>(one, v128.mul<T>(two, s));
      if (kind === SIGMOID) {
        v = s;
        f1 = logistic;
        f2 = v128.mul<T>(logistic, oneMinusTwoS);
        // σ‴ = s(1 − s)(1 − 6s + 6s²)
        const six = v128.splat<T>(<T>6);
        f3 = v128.mul<T>(
          logistic,
          v128.add<T>(v128.sub<T>(one, v128.mul<T>(six, s)), v128.mul<T>(six, v128.mul<T>(s, s))),
        );
      } else {
        // softplus(z) = max(z, 0) + log1p(e^{−|z|})
        const e = vexp<T>(v128.neg<T>(v128.abs<T>(x)));
        v = v128.add<T>(v128.max<T>(x, zero), mapLanes<T>(e, 2));
        f1 = s;
        f2 = logistic;
        f3 = v128.mul<T>(logistic, oneMinusTwoS);
      }
    } else if (kind === SWISH) {
      const s = vsigmoid<T>(x);
      const logistic = v128.mul<T>(s, v128.sub<T>(one, s));
      const oneMinusTwoS = v128.sub<T>(one, v128.mul<T>(two, s));
      v = v128.mul<T>(x, s);
      f1 = v128.add<T>(s, v128.mul<T>(x, logistic));
      f2 = v128.mul<T>(logistic, v128.add<T>(two, v128.mul<T>(x, oneMinusTwoS)));
      // σ‴ = s(1 − s)[(1 − 2s)(3 + z(1 − 2s)) − 2 z s(1 − s)]
      const inner = v128.mul<T>(oneMinusTwoS, v128.add<T>(v128.splat<T>(<T>3), v128.mul<T>(x, oneMinusTwoS)));
      f3 = v128.mul<T>(logistic, v128.sub<T>(inner, v128.mul<T>(two, v128.mul<T>(x, logistic))));
    } else if (kind === SIN) {
      const s = mapLanes<T>(x, 0);
      const c = mapLanes<T>(x, 1);
      v = s;
      f1 = c;
      f2 = v128.neg<T>(s);
      f3 = v128.neg<T>(c);
    } else if (kind === RELU) {
      v = v128.max<T>(x, zero);
      f1 = v128.and(one, v128.gt<T>(x, zero));
      f2 = zero;
      f3 = zero;
    } else {
      v = x;
      f1 = one;
      f2 = zero;
      f3 = zero;
    }
    v128.store(value + at, v);
    v128.store(d1 + at, f1);
    v128.store(d2 + at, f2);
    v128.store(d3 + at, f3);
  }
  if (i < count) {
    // The tail: pad one vector with zeros in the scratch vector, compute, store the live lanes.
    const tail = count - i;
    const pad = PAD;
    for (let lane = 0; lane < lanesPerVector; lane++) {
      store<T>(
        pad + <usize>lane * sizeof<T>(),
        lane < tail ? load<T>(z + <usize>(i + lane) * sizeof<T>()) : <T>0,
      );
    }
    const out = pad + 16;
    factors<T>(kind, pad, out, out + 16, out + 32, out + 48, lanesPerVector);
    for (let lane = 0; lane < tail; lane++) {
      const from = <usize>lane * sizeof<T>();
      const to = <usize>(i + lane) * sizeof<T>();
      store<T>(value + to, load<T>(out + from));
      store<T>(d1 + to, load<T>(out + 16 + from));
      store<T>(d2 + to, load<T>(out + 32 + from));
      store<T>(d3 + to, load<T>(out + 48 + from));
    }
  }
}

const PAD: usize = memory.data(16 * 5, 16);

export function activationFactorsF64(
  kind: i32,
  z: usize,
  value: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  count: i32,
): void {
  factors<f64>(kind, z, value, d1, d2, d3, count);
}

export function activationFactorsF32(
  kind: i32,
  z: usize,
  value: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  count: i32,
): void {
  factors<f32>(kind, z, value, d1, d2, d3, count);
}

/**
 * out[i] = f[i]·a[i] (+ g[i]·b[i]²) over `count` entries of streams `streamLength` entries
 * apart (count = streamLength for a whole pass; less for one block of a threaded pass),
 * vectorised with a scalar tail.
 */
function streams<T>(
  z: usize,
  a: usize,
  d1: usize,
  d2: usize,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const size = <usize>sizeof<T>();
  const stride = <usize>streamLength * size;
  const bytes = <usize>count * size;
  for (let i = 0; i < d; i++) {
    const from = z + <usize>(1 + i) * stride;
    const to = a + <usize>(1 + i) * stride;
    let at: usize = 0;
    for (; at + 16 <= bytes; at += 16) {
      v128.store(to + at, v128.mul<T>(v128.load(d1 + at), v128.load(from + at)));
    }
    for (; at < bytes; at += size) store<T>(to + at, load<T>(d1 + at) * load<T>(from + at));
  }
  for (let j = 0; j < q; j++) {
    const axis = load<i32>(axes + ((<usize>j) << 2));
    const first = z + <usize>(1 + axis) * stride;
    const from = z + <usize>(1 + d + j) * stride;
    const to = a + <usize>(1 + d + j) * stride;
    let at: usize = 0;
    for (; at + 16 <= bytes; at += 16) {
      const zi = v128.load(first + at);
      const curvature = v128.mul<T>(v128.load(d2 + at), v128.mul<T>(zi, zi));
      v128.store(to + at, v128.add<T>(curvature, v128.mul<T>(v128.load(d1 + at), v128.load(from + at))));
    }
    for (; at < bytes; at += size) {
      const zi = load<T>(first + at);
      store<T>(to + at, load<T>(d2 + at) * zi * zi + load<T>(d1 + at) * load<T>(from + at));
    }
  }
}

export function taylorStreamsF64(
  z: usize,
  a: usize,
  d1: usize,
  d2: usize,
  count: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  streams<f64>(z, a, d1, d2, count, count, d, axes, q);
}

export function taylorStreamsF32(
  z: usize,
  a: usize,
  d1: usize,
  d2: usize,
  count: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  streams<f32>(z, a, d1, d2, count, count, d, axes, q);
}

/** The backward pass of `streams` and `factors`, in place on the cotangent streams at g. */
function streamsBackward<T>(
  z: usize,
  g: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const size = <usize>sizeof<T>();
  const stride = <usize>streamLength * size;
  const bytes = <usize>count * size;
  const two = v128.splat<T>(<T>2);
  // ḡ_z: every stream's cotangent contributes; stream 0 is rewritten last per entry.
  let at: usize = 0;
  for (; at + 16 <= bytes; at += 16) {
    const f2 = v128.load(d2 + at);
    const f3 = v128.load(d3 + at);
    let acc = v128.mul<T>(v128.load(d1 + at), v128.load(g + at));
    let firsts = v128.splat<T>(<T>0);
    for (let i = 0; i < d; i++) {
      const offset = <usize>(1 + i) * stride + at;
      firsts = v128.add<T>(firsts, v128.mul<T>(v128.load(z + offset), v128.load(g + offset)));
    }
    acc = v128.add<T>(acc, v128.mul<T>(f2, firsts));
    for (let j = 0; j < q; j++) {
      const axis = load<i32>(axes + ((<usize>j) << 2));
      const zi = v128.load(z + <usize>(1 + axis) * stride + at);
      const offset = <usize>(1 + d + j) * stride + at;
      const weight = v128.add<T>(
        v128.mul<T>(f3, v128.mul<T>(zi, zi)),
        v128.mul<T>(f2, v128.load(z + offset)),
      );
      acc = v128.add<T>(acc, v128.mul<T>(weight, v128.load(g + offset)));
    }
    v128.store(g + at, acc);
  }
  for (; at < bytes; at += size) {
    const f2 = load<T>(d2 + at);
    const f3 = load<T>(d3 + at);
    let acc: T = load<T>(d1 + at) * load<T>(g + at);
    let firsts: T = 0;
    for (let i = 0; i < d; i++) {
      const offset = <usize>(1 + i) * stride + at;
      firsts += load<T>(z + offset) * load<T>(g + offset);
    }
    acc += f2 * firsts;
    for (let j = 0; j < q; j++) {
      const axis = load<i32>(axes + ((<usize>j) << 2));
      const zi = load<T>(z + <usize>(1 + axis) * stride + at);
      const offset = <usize>(1 + d + j) * stride + at;
      acc += (f3 * zi * zi + f2 * load<T>(z + offset)) * load<T>(g + offset);
    }
    store<T>(g + at, acc);
  }
  // ḡᵢ = σ′ gᵢ + Σ_{j: aⱼ = i} 2σ″ zᵢ g_{jj} (reads g_{jj} before the last loop scales it).
  for (let i = 0; i < d; i++) {
    const offset = <usize>(1 + i) * stride;
    at = 0;
    for (; at + 16 <= bytes; at += 16) {
      v128.store(g + offset + at, v128.mul<T>(v128.load(d1 + at), v128.load(g + offset + at)));
    }
    for (; at < bytes; at += size) store<T>(g + offset + at, load<T>(d1 + at) * load<T>(g + offset + at));
    for (let j = 0; j < q; j++) {
      if (load<i32>(axes + ((<usize>j) << 2)) !== i) continue;
      const second = <usize>(1 + d + j) * stride;
      at = 0;
      for (; at + 16 <= bytes; at += 16) {
        const term = v128.mul<T>(
          v128.mul<T>(two, v128.load(d2 + at)),
          v128.mul<T>(v128.load(z + offset + at), v128.load(g + second + at)),
        );
        v128.store(g + offset + at, v128.add<T>(v128.load(g + offset + at), term));
      }
      for (; at < bytes; at += size) {
        const term = <T>2 * load<T>(d2 + at) * load<T>(z + offset + at) * load<T>(g + second + at);
        store<T>(g + offset + at, load<T>(g + offset + at) + term);
      }
    }
  }
  for (let j = 0; j < q; j++) {
    const offset = <usize>(1 + d + j) * stride;
    at = 0;
    for (; at + 16 <= bytes; at += 16) {
      v128.store(g + offset + at, v128.mul<T>(v128.load(d1 + at), v128.load(g + offset + at)));
    }
    for (; at < bytes; at += size) store<T>(g + offset + at, load<T>(d1 + at) * load<T>(g + offset + at));
  }
}

export function taylorStreamsBackwardF64(
  z: usize,
  g: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  count: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  streamsBackward<f64>(z, g, d1, d2, d3, count, count, d, axes, q);
}

export function taylorStreamsBackwardF32(
  z: usize,
  g: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  count: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  streamsBackward<f32>(z, g, d1, d2, d3, count, count, d, axes, q);
}

/**
 * Entries [start, start + count) of `taylorStreams*` over streams `streamLength` entries long:
 * one block of a pass split over threads (the blocks of one pass never overlap).
 */
export function taylorStreamsPartF64(
  z: usize,
  a: usize,
  d1: usize,
  d2: usize,
  start: i32,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const at = (<usize>start) << 3;
  streams<f64>(z + at, a + at, d1 + at, d2 + at, count, streamLength, d, axes, q);
}

export function taylorStreamsPartF32(
  z: usize,
  a: usize,
  d1: usize,
  d2: usize,
  start: i32,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const at = (<usize>start) << 2;
  streams<f32>(z + at, a + at, d1 + at, d2 + at, count, streamLength, d, axes, q);
}

/** Entries [start, start + count) of `taylorStreamsBackward*`, as `taylorStreamsPart*`. */
export function taylorStreamsBackwardPartF64(
  z: usize,
  g: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  start: i32,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const at = (<usize>start) << 3;
  streamsBackward<f64>(z + at, g + at, d1 + at, d2 + at, d3 + at, count, streamLength, d, axes, q);
}

export function taylorStreamsBackwardPartF32(
  z: usize,
  g: usize,
  d1: usize,
  d2: usize,
  d3: usize,
  start: i32,
  count: i32,
  streamLength: i32,
  d: i32,
  axes: usize,
  q: i32,
): void {
  const at = (<usize>start) << 2;
  streamsBackward<f32>(z + at, g + at, d1 + at, d2 + at, d3 + at, count, streamLength, d, axes, q);
}

/** z[r, c] += b[c] for r < rows, c < cols. */
function addBias<T>(z: usize, b: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const rowBytes = <usize>cols * size;
  for (let r = 0; r < rows; r++) {
    const row = z + <usize>r * rowBytes;
    let at: usize = 0;
    for (; at + 16 <= rowBytes; at += 16)
      v128.store(row + at, v128.add<T>(v128.load(row + at), v128.load(b + at)));
    for (; at < rowBytes; at += size) store<T>(row + at, load<T>(row + at) + load<T>(b + at));
  }
}

export function addBiasF64(z: usize, b: usize, rows: i32, cols: i32): void {
  addBias<f64>(z, b, rows, cols);
}

export function addBiasF32(z: usize, b: usize, rows: i32, cols: i32): void {
  addBias<f32>(z, b, rows, cols);
}
