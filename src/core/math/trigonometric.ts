/**
 * sin and cos that return the same bits in every JavaScript engine, with errors below 1 ulp.
 *
 * ECMAScript leaves `Math.sin` and `Math.cos` "implementation-approximated", and V8 versions do
 * differ in the last bit (Node 20 and Debian's Chromium disagree on about 1 input in 80). These
 * are fdlibm 5.3's `sin` and `cos` as V8 ships them (kernels on [−π/4, π/4] after the reduction of
 * `reduce-half-pi.ts`), so they agree with Node 20's `Math.sin` and `Math.cos`; only `+ − × ÷`
 * and exact bit manipulation, so the bits never vary.
 */
import { fromWords, highWord } from '../random/elementary.js';
import { type HalfPiRemainder, reduceHalfPi } from './reduce-half-pi.js';

// Remez coefficients of sin and cos on [−π/4, π/4]; fdlibm's bit patterns in the comments.
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

/**
 * sin(x + tail) for |x| ≲ π/4, tail a correction below ulp(x)/2 (fdlibm `__kernel_sin`); a
 * reduced argument always takes the tail's formula (`reduced`), even when its tail is 0.
 */
function kernelSin(x: number, tail: number, reduced: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27: sin rounds to x
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!reduced) return x + v * (S1 + z * r);
  return x - (z * (0.5 * tail - v * r) - tail - v * S1);
}

/** cos(x + tail) for |x| ≲ π/4 (fdlibm `__kernel_cos`). */
function kernelCos(x: number, tail: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27: cos rounds to 1
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * tail)); // |x| < 0.3
  // 1 − x²/2 as (1 − qx) − (x²/2 − qx), both differences exact, qx ≈ |x|/4 cut to 21 bits.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  return 1 - qx - (0.5 * z - qx - (z * r - x * tail));
}

const remainder: HalfPiRemainder = { head: 0, tail: 0 };

/** sin(x), bit-identical across engines; NaN for NaN and ±Infinity, sin(−0) = −0. */
export function portableSin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≲ π/4
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduceHalfPi(x, remainder);
  const { head, tail } = remainder;
  switch (n & 3) {
    case 0:
      return kernelSin(head, tail, true);
    case 1:
      return kernelCos(head, tail);
    case 2:
      return -kernelSin(head, tail, true);
    default:
      return -kernelCos(head, tail);
  }
}

/** cos(x), bit-identical across engines; NaN for NaN and ±Infinity. */
export function portableCos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≲ π/4
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduceHalfPi(x, remainder);
  const { head, tail } = remainder;
  switch (n & 3) {
    case 0:
      return kernelCos(head, tail);
    case 1:
      return -kernelSin(head, tail, true);
    case 2:
      return -kernelCos(head, tail);
    default:
      return kernelSin(head, tail, true);
  }
}
