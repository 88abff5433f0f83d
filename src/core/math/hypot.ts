/**
 * √(x² + y²) without overflow or underflow, bit-identical in every JavaScript engine (error below
 * 1 ulp): FreeBSD msun's `__ieee754_hypot` (fdlibm 5.3, with its later fix for subnormal
 * arguments). It scales by exact powers of two, splits the operands so that their squares are
 * exact in two pieces, and takes `Math.sqrt`, correctly rounded in IEEE 754 and so the same
 * everywhere. `Math.hypot` is "implementation-approximated": engines differ in how they sum.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

/** √(x² + y²), bit-identical across engines; Infinity if either is ±Infinity, else NaN for NaN. */
export function portableHypot(x: number, y: number): number {
  if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  let ha = highWord(x) & 0x7fffffff;
  let hb = highWord(y) & 0x7fffffff;
  // a ≥ b by their high words.
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (hb > ha) {
    [a, b] = [b, a];
    [ha, hb] = [hb, ha];
  }
  if (ha - hb > 0x3c00000) return a + b; // a/b > 2^60: b is below a's last bit
  let k = 0;
  if (ha > 0x5f300000) {
    // a > 2^500: scale both by 2^-600
    ha -= 0x25800000;
    hb -= 0x25800000;
    k += 600;
    a = fromWords(ha, lowWord(a));
    b = fromWords(hb, lowWord(b));
  }
  if (hb < 0x20b00000) {
    // b < 2^-500
    if (hb <= 0x000fffff) {
      // b subnormal or zero
      if (b === 0) return a;
      const twoPow1022 = fromWords(0x7fd00000, 0);
      b *= twoPow1022;
      a *= twoPow1022;
      k -= 1022;
      ha = highWord(a);
      hb = highWord(b);
      if (hb > ha) {
        [a, b] = [b, a];
        [ha, hb] = [hb, ha];
      }
    } else {
      // scale both by 2^600
      ha += 0x25800000;
      hb += 0x25800000;
      k -= 600;
      a = fromWords(ha, lowWord(a));
      b = fromWords(hb, lowWord(b));
    }
  }
  // Medium a and b: √(a² + b²) with a² (or 4ab, when a − b ≤ b) split into exact pieces.
  let w = a - b;
  if (w > b) {
    const aHigh = fromWords(ha, 0);
    const aLow = a - aHigh;
    w = Math.sqrt(aHigh * aHigh - (b * -b - aLow * (a + aHigh)));
  } else {
    a = a + a;
    const bHigh = fromWords(hb, 0);
    const bLow = b - bHigh;
    const aHigh = fromWords(ha + 0x00100000, 0);
    const aLow = a - aHigh;
    w = Math.sqrt(aHigh * bHigh - (w * -w - (aHigh * bLow + aLow * b)));
  }
  return k === 0 ? w : fromWords(0x3ff00000 + (k << 20), 0) * w;
}
