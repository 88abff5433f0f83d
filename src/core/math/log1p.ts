/**
 * log(1 + x) without cancellation near 0, bit-identical in every JavaScript engine (error below
 * 1 ulp): FreeBSD msun's `log1p` (fdlibm 5.3), only `+ − × ÷` and exact bit manipulation.
 * `Math.log1p` is "implementation-approximated" and its last bit varies between engines.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

const LN2_HIGH = 0.6931471803691238; // 0x3fe62e42 fee00000
const LN2_LOW = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
// Remez coefficients of log(1 + f) (the same as portableLog's).
const LP1 = 0.6666666666666735; // 0x3fe55555 55555593
const LP2 = 0.3999999999940942; // 0x3fd99999 9997fa04
const LP3 = 0.2857142874366239; // 0x3fd24924 94229359
const LP4 = 0.22222198432149784; // 0x3fcc71c5 1d8e78af
const LP5 = 0.1818357216161805; // 0x3fc74664 96cb03de
const LP6 = 0.15313837699209373; // 0x3fc39a09 d078c69f
const LP7 = 0.14798198605116586; // 0x3fc2f112 df3e5244

/** log(1 + x), bit-identical across engines; −Infinity at −1, NaN below −1 and for NaN. */
export function portableLog1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2 (and every negative x)
    if (ax >= 0x3ff00000) return x === -1 ? Number.NEGATIVE_INFINITY : Number.NaN; // x ≤ −1, NaN
    if (ax < 0x3e200000) {
      // |x| < 2^-29: x, or x − x²/2 above 2^-54
      return ax < 0x3c900000 ? x : x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2 ≲ 1 + x < √2: no reduction needed
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of 1 + x
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = fromWords(hu | 0x3ff00000, lowWord(u)); // u ≲ √2: normalize u
    } else {
      k += 1;
      u = fromWords(hu | 0x3fe00000, lowWord(u)); // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const halfSquare = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LOW;
      return k * LN2_HIGH + c;
    }
    const r = halfSquare * (1 - 0.6666666666666666 * f);
    if (k === 0) return f - r;
    return k * LN2_HIGH - (r - (k * LN2_LOW + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
  if (k === 0) return f - (halfSquare - s * (halfSquare + r));
  return k * LN2_HIGH - (halfSquare - (s * (halfSquare + r) + (k * LN2_LOW + c)) - f);
}
