/**
 * Portable elementary functions: `log`, `exp`, `sin(πx)`, `cos(πx)` that return the same bits
 * in every JavaScript engine.
 *
 * ECMAScript leaves the accuracy of `Math.log`, `Math.exp`, `Math.sin` and `Math.cos`
 * "implementation-approximated", and engines do differ in the last bit. One flipped bit in a
 * Box–Muller normal or in a Metropolis test `u < exp(−ΔE/T)` sends a whole Markov chain down a
 * different path, so the samplers here use these functions instead. They are transcriptions of
 * fdlibm 5.3 (Sun Microsystems, the source of V8's own implementations): only `+ − × ÷`, which
 * IEEE 754 rounds correctly everywhere, and exact bit manipulation. Errors are below 1 ulp for
 * `log` and `exp`, and about 1 ulp for `sin(πx)` and `cos(πx)`. The other portable functions
 * (sin, cos, tanh, expm1, log1p, atan, acos, pow, hypot) are in `src/core/math`, which also
 * re-exports these four.
 */

// One shared float64 with its two 32-bit halves, for exact bit access (endianness detected once).
const floatView = new Float64Array(1);
const wordView = new Uint32Array(floatView.buffer);
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** High 32 bits (sign, exponent, top of mantissa) of a float64, as a signed integer. */
export function highWord(x: number): number {
  floatView[0] = x;
  return wordView[HIGH] | 0;
}

/** Low 32 bits of a float64's mantissa, as an unsigned integer. */
export function lowWord(x: number): number {
  floatView[0] = x;
  return wordView[LOW];
}

/** The float64 with the given high and low words. */
export function fromWords(high: number, low: number): number {
  wordView[HIGH] = high;
  wordView[LOW] = low;
  return floatView[0];
}

/** The largest float64 strictly below a finite `x`. */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const high = highWord(x) >>> 0;
  const low = lowWord(x);
  // A float64's bit pattern, read as a sign-magnitude integer, is monotone in its value.
  if (x > 0) return low === 0 ? fromWords(high - 1, 0xffffffff) : fromWords(high, low - 1);
  return low === 0xffffffff ? fromWords(high + 1, 0) : fromWords(high, low + 1);
}

const LN2_HIGH = 0.6931471803691238; // 0x3fe62e42 fee00000: k·LN2_HIGH is exact
const LN2_LOW = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const TWO_POW_54 = 2 ** 54;
// Remez coefficients of log(1 + f); fdlibm's bit patterns in the comments.
const LG1 = 0.6666666666666735; // 0x3fe55555 55555593
const LG2 = 0.3999999999940942; // 0x3fd99999 9997fa04
const LG3 = 0.2857142874366239; // 0x3fd24924 94229359
const LG4 = 0.22222198432149784; // 0x3fcc71c5 1d8e78af
const LG5 = 0.1818357216161805; // 0x3fc74664 96cb03de
const LG6 = 0.15313837699209373; // 0x3fc39a09 d078c69f
const LG7 = 0.14798198605116586; // 0x3fc2f112 df3e5244

/**
 * Natural logarithm, bit-identical across engines (fdlibm `__ieee754_log`).
 * `portableLog(0) = −Infinity`; negative input and NaN give NaN.
 */
export function portableLog(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return Number.NEGATIVE_INFINITY;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO_POW_54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // Normalize x (or x/2) into [√2/2, √2).
  x = fromWords(hx | (i ^ 0x3ff00000), lowWord(x));
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HIGH + k * LN2_LOW;
    const r = f * f * (0.5 - (1 / 3) * f);
    return k === 0 ? f - r : k * LN2_HIGH - (r - k * LN2_LOW - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const halfSquare = 0.5 * f * f;
    if (k === 0) return f - (halfSquare - s * (halfSquare + r));
    return k * LN2_HIGH - (halfSquare - (s * (halfSquare + r) + k * LN2_LOW) - f);
  }
  if (k === 0) return f - s * (f - r);
  return k * LN2_HIGH - (s * (f - r) - k * LN2_LOW - f);
}

const EXP_OVERFLOW = 709.782712893384; // 0x40862e42 fefa39ef
const EXP_UNDERFLOW = -745.1332191019411; // 0xc0874910 d52d3051
const INVERSE_LN2 = 1 / Math.LN2; // 0x3ff71547 652b82fe
const TWO_POW_MINUS_1000 = 2 ** -1000;
// Remez coefficients of the rational approximation of exp on [−ln2/2, ln2/2].
const P1 = 0.16666666666666602; // 0x3fc55555 5555553e
const P2 = -0.0027777777777015593; // 0xbf66c16c 16bebd93
const P3 = 6.613756321437934e-5; // 0x3f11566a af25de2c
const P4 = -1.6533902205465252e-6; // 0xbebbbd41 c5d26bf1
const P5 = 4.1381367970572385e-8; // 0x3e663769 72bea4d0

/**
 * Exponential, bit-identical across engines (fdlibm `__ieee754_exp`).
 * Overflows to `Infinity` above ≈ 709.78 and underflows to 0 below ≈ −745.13.
 */
export function portableExp(x: number): number {
  let hx = highWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, infinities, overflow, underflow.
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x;
      return negative ? 0 : x;
    }
    if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
    if (x < EXP_UNDERFLOW) return 0;
  }
  // fdlibm gives 2.7182818284590455 here; V8 and the correctly rounded value say Math.E.
  if (x === 1) return Math.E;
  let high = 0;
  let low = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2: reduce to x = k·ln2 + r with |r| ≤ ln2 / 2.
    if (hx < 0x3ff0a2b2) {
      high = negative ? x + LN2_HIGH : x - LN2_HIGH;
      low = negative ? -LN2_LOW : LN2_LOW;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INVERSE_LN2 * x + (negative ? -0.5 : 0.5));
      high = x - k * LN2_HIGH;
      low = k * LN2_LOW;
    }
    x = high - low;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (low - (x * c) / (2 - c) - high);
  // Scale by 2^k through the exponent field (exact).
  if (k >= -1021) return fromWords(highWord(y) + (k << 20), lowWord(y));
  return fromWords(highWord(y) + ((k + 1000) << 20), lowWord(y)) * TWO_POW_MINUS_1000;
}

// Remez coefficients of sin and cos on [−π/4, π/4].
const S1 = -0.16666666666666632; // 0xbfc55555 55555549
const S2 = 0.00833333333332249; // 0x3f811111 1110f8a6
const S3 = -1.984126982985795e-4; // 0xbf2a01a0 19c161d5
const S4 = 2.7557313707070068e-6; // 0x3ec71de3 57b1fe7d
const S5 = -2.5050760253406863e-8; // 0xbe5ae5e6 8a2b9ceb
const S6 = 1.58969099521155e-10; // 0x3de5d93a 5acfd57c
const C1 = 0.0416666666666666; // 0x3fa55555 5555554c
const C2 = -0.001388888888887411; // 0xbf56c16c 16c15177
const C3 = 2.480158728947673e-5; // 0x3efa01a0 19cb1590
const C4 = -2.7557314351390663e-7; // 0xbe927e4f 809c52ad
const C5 = 2.087572321298175e-9; // 0x3e21ee9e bdb4b1c4
const C6 = -1.1359647557788195e-11; // 0xbda8fae9 be8838d4

/** sin(x) for |x| ≤ π/4 (fdlibm `__kernel_sin` with zero tail). */
function kernelSin(x: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/** cos(x) for |x| ≤ π/4 (FreeBSD msun `__kernel_cos` with zero tail). */
function kernelCos(x: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const halfZ = 0.5 * z;
  const oneMinus = 1 - halfZ;
  return oneMinus + (1 - oneMinus - halfZ + z * r);
}

/**
 * Reduces πx to the quadrant and the remainder: x = 2·(quadrant + 4j) / 4 + r, |r| ≤ 1/4.
 * Unlike reducing πx by a rounded π, this is exact: `x % 2` and the subtraction lose no bits.
 */
function reducePi(x: number, out: { quadrant: number; angle: number }): void {
  const y = x % 2;
  const quadrant = Math.round(2 * y);
  out.quadrant = quadrant & 3;
  out.angle = (y - quadrant / 2) * Math.PI;
}

const reduced = { quadrant: 0, angle: 0 };

/** sin(πx), bit-identical across engines; exact argument reduction, so sinPi(n) = ±0 exactly. */
export function portableSinPi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  reducePi(x, reduced);
  const angle = reduced.angle;
  switch (reduced.quadrant) {
    case 0:
      return kernelSin(angle);
    case 1:
      return kernelCos(angle);
    case 2:
      return -kernelSin(angle);
    default:
      return -kernelCos(angle);
  }
}

/** cos(πx), bit-identical across engines; exact argument reduction, so cosPi(n + ½) = ±0. */
export function portableCosPi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  reducePi(x, reduced);
  const angle = reduced.angle;
  switch (reduced.quadrant) {
    case 0:
      return kernelCos(angle);
    case 1:
      return -kernelSin(angle);
    case 2:
      return -kernelCos(angle);
    default:
      return kernelSin(angle);
  }
}
