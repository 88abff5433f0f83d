/**
 * atan and acos, bit-identical in every JavaScript engine (errors below 1 ulp): FreeBSD msun's
 * `atan` and `__ieee754_acos` (fdlibm 5.3), only `+ − × ÷`, `Math.sqrt` (correctly rounded in
 * IEEE 754, hence the same everywhere) and exact bit manipulation. `Math.atan` and `Math.acos`
 * are "implementation-approximated" and their last bits vary between engines.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

// atan of 0.5, 1, 1.5 and ∞ as high + low parts.
const ATAN_HIGH = Float64Array.of(
  0.4636476090008061, // 0x3fddac67 0561bb4f
  0.7853981633974483, // 0x3fe921fb 54442d18
  0.982793723247329, // 0x3fef730b d281f69b
  1.5707963267948966, // 0x3ff921fb 54442d18
);
const ATAN_LOW = Float64Array.of(
  2.2698777452961687e-17, // 0x3c7a2b7f 222f65e2
  3.061616997868383e-17, // 0x3c81a626 33145c07
  1.3903311031230998e-17, // 0x3c700788 7af0cbbd
  6.123233995736766e-17, // 0x3c91a626 33145c07
);
// Remez coefficients of atan(x)/x − 1 in x² on [0, 7/16].
const AT0 = 0.3333333333333293; // 0x3fd55555 5555550d
const AT1 = -0.19999999999876483; // 0xbfc99999 9998ebc4
const AT2 = 0.14285714272503466; // 0x3fc24924 920083ff
const AT3 = -0.11111110405462356; // 0xbfbc71c6 fe231671
const AT4 = 0.09090887133436507; // 0x3fb745cd c54c206e
const AT5 = -0.0769187620504483; // 0xbfb3b0f2 af749a6d
const AT6 = 0.06661073137387531; // 0x3fb10d66 a0d03d51
const AT7 = -0.058335701337905735; // 0xbfadde2d 52defd9a
const AT8 = 0.049768779946159324; // 0x3fa97b4b 24760deb
const AT9 = -0.036531572744216916; // 0xbfa2b444 2c6a6c2f
const AT10 = 0.016285820115365782; // 0x3f90ad3a e322da11

/** atan(x), bit-identical across engines; ±π/2 at ±Infinity, NaN for NaN, atan(−0) = −0. */
export function portableAtan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x44100000) {
    // |x| ≥ 2^66: atan(x) rounds to ±π/2
    if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lowWord(x) !== 0)) return x + x; // NaN
    return hx > 0 ? ATAN_HIGH[3] + ATAN_LOW[3] : -ATAN_HIGH[3] - ATAN_LOW[3];
  }
  if (ix < 0x3fdc0000) {
    // |x| < 7/16
    if (ix < 0x3e200000) return x; // |x| < 2^-29: atan(x) rounds to x
    id = -1;
  } else {
    // Reduce to |t| ≤ 7/16 around the nearest of 0.5, 1, 1.5, ∞.
    x = Math.abs(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) {
        id = 0; // 7/16 ≤ |x| < 11/16
        x = (2 * x - 1) / (2 + x);
      } else {
        id = 1; // 11/16 ≤ |x| < 19/16
        x = (x - 1) / (x + 1);
      }
    } else if (ix < 0x40038000) {
      id = 2; // 19/16 ≤ |x| < 39/16
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      id = 3; // 39/16 ≤ |x| < 2^66
      x = -1 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  // The odd and even halves of the polynomial in z.
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return x - x * (s1 + s2);
  const result = ATAN_HIGH[id] - (x * (s1 + s2) - ATAN_LOW[id] - x);
  return hx < 0 ? -result : result;
}

const HALF_PI_HIGH = 1.5707963267948966; // 0x3ff921fb 54442d18
const HALF_PI_LOW = 6.123233995736766e-17; // 0x3c91a626 33145c07
// Rational approximation of (asin(√z) − √z)/√z = z·P(z)/Q(z).
const PS0 = 0.16666666666666666; // 0x3fc55555 55555555
const PS1 = -0.3255658186224009; // 0xbfd4d612 03eb6f7d
const PS2 = 0.20121253213486293; // 0x3fc9c155 0e884455
const PS3 = -0.04005553450067941; // 0xbfa48228 b5688f3b
const PS4 = 7.915349942898145e-4; // 0x3f49efe0 7501b288
const PS5 = 3.479331075960212e-5; // 0x3f023de1 0dfdf709
const QS1 = -2.403394911734414; // 0xc0033a27 1c8a2d4b
const QS2 = 2.0209457602335057; // 0x40002ae5 9c598ac8
const QS3 = -0.6882839716054533; // 0xbfe6066c 1b8d0159
const QS4 = 0.07703815055590194; // 0x3fb3b8c5 b12e9282

/** z·P(z)/Q(z), the correction of asin(√z) ≈ √z. */
function asinCorrection(z: number): number {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/** acos(x), bit-identical across engines; NaN outside [−1, 1] and for NaN. */
export function portableAcos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| ≥ 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx > 0 ? 0 : Math.PI + 2 * HALF_PI_LOW;
    return Number.NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5: π/2 − asin(x)
    if (ix <= 0x3c600000) return HALF_PI_HIGH + HALF_PI_LOW; // |x| ≤ 2^-57
    const r = asinCorrection(x * x);
    return HALF_PI_HIGH - (x - (HALF_PI_LOW - x * r));
  }
  if (hx < 0) {
    // x < −0.5: π − 2·asin(√((1 + x)/2))
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = asinCorrection(z) * s - HALF_PI_LOW;
    return Math.PI - 2 * (s + w);
  }
  // x > 0.5: 2·asin(√((1 − x)/2)), with √ split into a 32-bit head and a correction.
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const head = fromWords(highWord(s), 0);
  const c = (z - head * head) / (s + head);
  const w = asinCorrection(z) * s + c;
  return 2 * (head + w);
}
