/**
 * x^y, bit-identical in every JavaScript engine (error below about 1 ulp, exact for exact integer
 * powers): FreeBSD msun's `__ieee754_pow` (fdlibm 5.3), computing log2(x) to about 64 bits as a
 * head + tail, multiplying by y in pieces and taking 2^(y·log2 x) with only `+ − × ÷`,
 * `Math.sqrt` (correctly rounded) and exact bit manipulation. The special cases follow
 * ECMAScript's `**` rather than C's: 1^NaN and (±1)^±Infinity are NaN. Both `Math.pow` and
 * `**` are "implementation-approximated" and their last bits vary between engines.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

const TWO_53 = 9007199254740992;
const HUGE = 1e300;
const TINY = 1e-300;
// Coefficients of (3/2)·(log(x) − 2s − (2/3)s³) in s², s = (x − 1)/(x + 1).
const L1 = 0.5999999999999946; // 0x3fe33333 33333303
const L2 = 0.4285714285785502; // 0x3fdb6db6 db6fabff
const L3 = 0.33333332981837743; // 0x3fd55555 518f264d
const L4 = 0.272728123808534; // 0x3fd17460 a91d4101
const L5 = 0.23066074577556175; // 0x3fcd864a 93c9db65
const L6 = 0.20697501780033842; // 0x3fca7e28 4a454eef
// Remez coefficients of exp on [−ln2/2, ln2/2] (the same as portableExp's).
const P1 = 0.16666666666666602; // 0x3fc55555 5555553e
const P2 = -0.0027777777777015593; // 0xbf66c16c 16bebd93
const P3 = 6.613756321437934e-5; // 0x3f11566a af25de2c
const P4 = -1.6533902205465252e-6; // 0xbebbbd41 c5d26bf1
const P5 = 4.1381367970572385e-8; // 0x3e663769 72bea4d0
const LG2_HIGH = 0.6931471824645996; // 0x3fe62e43 00000000
const LG2_LOW = -1.904654299957768e-9; // 0xbe205c61 0ca86c39
const OVERFLOW_MARGIN = 8.008566259537294e-17; // −(1024 − log2(largest double + ulp/2))
const CP = 0.9617966939259756; // 0x3feec709 dc3a03fd = 2/(3·ln2)
const CP_HIGH = 0.9617967009544373; // 0x3feec709 e0000000
const CP_LOW = -7.028461650952758e-9; // 0xbe3e2fe0 145b01f5
const INVERSE_LN2_HIGH = 1.4426950216293335; // 0x3ff71547 60000000
const INVERSE_LN2_LOW = 1.9259629911266175e-8; // 0x3e54ae0b f85ddf44
const DP_HIGH_1 = 0.5849624872207642; // 0x3fe2b803 40000000: log2(1.5) head
const DP_LOW_1 = 1.350039202129749e-8; // 0x3e4cfdeb 43cfd006: log2(1.5) tail

/** The float64 x with its low word cleared (a head whose products with short numbers are exact). */
function clearLow(x: number): number {
  return fromWords(highWord(x), 0);
}

/** Whether y (not NaN or infinite) is an odd integer (1), an even integer (2), or neither (0). */
function integerKind(hy: number, ly: number): number {
  const iy = hy & 0x7fffffff;
  if (iy >= 0x43400000) return 2; // |y| ≥ 2^53: even
  if (iy < 0x3ff00000) return 0; // |y| < 1
  const k = (iy >> 20) - 0x3ff; // the exponent
  if (k > 20) {
    const j = ly >>> (52 - k);
    return (j << (52 - k)) >>> 0 === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) return 0;
  const j = iy >> (20 - k);
  return j << (20 - k) === iy ? 2 - (j & 1) : 0;
}

/** x^y, bit-identical across engines, with the special values of ECMAScript's `**`. */
export function portablePow(x: number, y: number): number {
  if (Number.isNaN(y)) return Number.NaN;
  if (y === 0) return 1;
  if (Number.isNaN(x)) return Number.NaN;
  if ((x === 1 || x === -1) && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY))
    return Number.NaN;
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if (hx === 0x3ff00000 && lx === 0) return 1;
  const yKind = hx < 0 ? integerKind(hy, ly) : 0;

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±Infinity: (|x| > 1)^+∞ = ∞, (|x| < 1)^−∞ = ∞, the others 0
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±Infinity, −1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yKind) === 0)
        z = Number.NaN; // (−1)^non-integer
      else if (yKind === 1) z = -z; // (negative)^odd
    }
    return z;
  }

  if (hx < 0 && yKind === 0) return Number.NaN; // (negative)^non-integer
  const sign = hx < 0 && yKind === 1 ? -1 : 1;

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow unless x = ±1
      if (ix <= 0x3fefffff) return hy < 0 ? Number.POSITIVE_INFINITY : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Number.POSITIVE_INFINITY : 0;
    }
    // Overflow or underflow unless x is within 2^-20 of 1.
    if (ix < 0x3fefffff) return hy < 0 ? sign * HUGE * HUGE : sign * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? sign * HUGE * HUGE : sign * TINY * TINY;
    // |1 − x| ≤ 2^-20: log2(x) from the series x − x²/2 + x³/3 − x⁴/4.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = INVERSE_LN2_HIGH * t;
    const v = t * INVERSE_LN2_LOW - w * Math.LOG2E;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    // log2(ax) = n + log2(m), m in [1, √3) reduced around 1 or 1.5.
    let n = 0;
    if (ix < 0x00100000) {
      ax *= TWO_53; // subnormal
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e)
      k = 0; // m < √(3/2)
    else if (j < 0xbb67a)
      k = 1; // m < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = fromWords(ix, lowWord(ax));
    const base = k === 0 ? 1 : 1.5;
    // ss = s_h + s_l = (m − base)/(m + base)
    let u = ax - base;
    let v = 1 / (ax + base);
    const ss = u * v;
    const sHigh = clearLow(ss);
    let tHigh = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // m + base, head
    let tLow = ax - (tHigh - base);
    const sLow = v * (u - sHigh * tHigh - sHigh * tLow);
    // log(m) = 2s + (2/3)s³ + …
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sLow * (sHigh + ss);
    s2 = sHigh * sHigh;
    tHigh = clearLow(3 + s2 + r);
    tLow = r - (tHigh - 3 - s2);
    // u + v = ss·(1 + …)
    u = sHigh * tHigh;
    v = sLow * tHigh + tLow * ss;
    // 2/(3·ln2)·(ss + …)
    const pHigh = clearLow(u + v);
    const pLow = v - (pHigh - u);
    const zHigh = CP_HIGH * pHigh;
    const zLow = CP_LOW * pHigh + pLow * CP + (k === 0 ? 0 : DP_LOW_1);
    // log2(ax) = n + dp_h + z_h + z_l
    const dpHigh = k === 0 ? 0 : DP_HIGH_1;
    t1 = clearLow(zHigh + zLow + dpHigh + n);
    t2 = zLow - (t1 - n - dpHigh - zHigh);
  }

  // y·log2(x) = (y1 + y2)·(t1 + t2), y1 the head of y.
  const y1 = clearLow(y);
  const pLow = (y - y1) * t1 + y * t2;
  let pHigh = y1 * t1;
  let z = pLow + pHigh;
  let j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return sign * HUGE * HUGE;
    if (pLow + OVERFLOW_MARGIN > z - pHigh) return sign * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return sign * TINY * TINY;
    if (pLow <= z - pHigh) return sign * TINY * TINY;
  }

  // 2^(pHigh + pLow) = 2^n·2^(remainder), |remainder| ≤ ½.
  const magnitude = j & 0x7fffffff;
  let k = (magnitude >> 20) - 0x3ff;
  let n = 0;
  if (magnitude > 0x3fe00000) {
    // |z| > ½: n = nearest integer of z
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pHigh -= t;
  }
  const t = clearLow(pLow + pHigh);
  const u = t * LG2_HIGH;
  const v = (pLow - (t - pHigh)) * Math.LN2 + t * LG2_LOW;
  z = u + v;
  const w = v - (z - u);
  const square = z * z;
  const c = z - square * (P1 + square * (P2 + square * (P3 + square * (P4 + square * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0) return sign * scaleByPowerOfTwo(z, n); // subnormal result
  return sign * fromWords(j, lowWord(z));
}

/** z·2^n for z near 1 and n ≤ −1000 or so, rounded once (like C's scalbn). */
function scaleByPowerOfTwo(z: number, n: number): number {
  // The first factor keeps the product normal (exact); the second rounds into the subnormals.
  return z * fromWords((n + 1000 + 1023) << 20, 0) * fromWords((1023 - 1000) << 20, 0);
}
