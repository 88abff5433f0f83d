/**
 * e^x − 1 without cancellation near 0, bit-identical in every JavaScript engine (error below
 * 1 ulp): FreeBSD msun's `expm1` (fdlibm 5.3), only `+ − × ÷` and exact bit manipulation.
 * `Math.expm1` is "implementation-approximated" and its last bit varies between engines.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

const OVERFLOW_THRESHOLD = 709.782712893384; // 0x40862e42 fefa39ef
const LN2_HIGH = 0.6931471803691238; // 0x3fe62e42 fee00000: k·LN2_HIGH is exact
const LN2_LOW = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
// Scaled Remez coefficients of the rational approximation on [−ln2/2, ln2/2].
const Q1 = -0.03333333333333313; // 0xbfa11111 111110f4
const Q2 = 0.0015873015872548146; // 0x3f5a01a0 19fe5585
const Q3 = -7.93650757867488e-5; // 0xbf14ce19 9eaadbb7
const Q4 = 4.008217827329362e-6; // 0x3ed0cfca 86e65239
const Q5 = -2.0109921818362437e-7; // 0xbe8afdb7 6e09c32d
const TWO_POW_1023 = 8.98846567431158e307;

/** e^x − 1, bit-identical across engines; −1 for −Infinity, Infinity above ≈ 709.78, NaN for NaN. */
export function portableExpm1(x: number): number {
  let hx = highWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x;
        return negative ? -1 : x;
      }
      if (x > OVERFLOW_THRESHOLD) return Number.POSITIVE_INFINITY;
    }
    if (negative) return -1; // e^x < 2^-56: −1 after rounding
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: x = k·ln2 + (high − low), with c the rounding error of high − low.
    let high: number;
    let low: number;
    if (hx < 0x3ff0a2b2) {
      high = negative ? x + LN2_HIGH : x - LN2_HIGH;
      low = negative ? -LN2_LOW : LN2_LOW;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(Math.LOG2E * x + (negative ? -0.5 : 0.5));
      high = x - k * LN2_HIGH;
      low = k * LN2_LOW;
    }
    x = high - low;
    c = high - x - low;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^-54
  }
  const halfX = 0.5 * x;
  const halfSquare = x * halfX;
  const r1 =
    1 + halfSquare * (Q1 + halfSquare * (Q2 + halfSquare * (Q3 + halfSquare * (Q4 + halfSquare * Q5))));
  let t = 3 - r1 * halfX;
  let e = halfSquare * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - halfSquare);
  e = x * (e - c) - c;
  e -= halfSquare;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    // e^x − 1 = 2^k·(1 + r) − 1 loses nothing here.
    const y = 1 - (e - x);
    if (k === 1024) return y * 2 * TWO_POW_1023 - 1;
    return y * fromWords(0x3ff00000 + (k << 20), 0) - 1;
  }
  const twoPowK = fromWords(0x3ff00000 + (k << 20), 0);
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^-k
    return (t - (e - x)) * twoPowK;
  }
  t = fromWords((0x3ff - k) << 20, 0); // 2^-k
  return (x - (e + t) + 1) * twoPowK;
}
