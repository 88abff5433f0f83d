/**
 * tanh, bit-identical in every JavaScript engine (error below about 1 ulp): FreeBSD msun's `tanh`
 * (fdlibm 5.3) on top of {@link portableExpm1}. `Math.tanh` is "implementation-approximated"
 * and its last bit varies between engines.
 */
import { highWord } from '../random/elementary.js';
import { portableExpm1 } from './expm1.js';

/** tanh(x), bit-identical across engines; ±1 at ±Infinity, NaN for NaN, tanh(−0) = −0. */
export function portableTanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    if (Number.isNaN(x)) return x;
    return jx >= 0 ? 1 : -1;
  }
  let z: number;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28: tanh(x) rounds to x
    if (ix >= 0x3ff00000) {
      // |x| ≥ 1: 1 − 2/(e^{2|x|} + 1)
      const t = portableExpm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = portableExpm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1; // |x| ≥ 22: tanh(x) rounds to ±1
  }
  return jx >= 0 ? z : -z;
}
