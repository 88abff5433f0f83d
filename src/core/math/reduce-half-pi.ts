/**
 * Argument reduction for sin and cos: x = n·π/2 + r with |r| ≲ π/4, r returned as head + tail
 * (a double-double), bit-identical in every engine.
 *
 * A transcription of fdlibm 5.3's `__ieee754_rem_pio2` as V8 ships it (so Node's `Math.sin` and
 * `Math.cos`, which use the same code, agree with ours): for |x| ≤ 2^19·π/2 a Cody–Waite
 * reduction by π/2 split into three 33-bit pieces (up to 151 bits of π/2, enough for every double
 * in that range), and above it `__kernel_rem_pio2`, the full Payne–Hanek reduction that multiplies
 * x by the 24-bit chunks of 2/π it needs. Both use only `+ − × ÷`, truncation of values below
 * 2^31 and exact bit manipulation, so every engine gets the same n, head and tail, from the
 * tiniest argument to the largest double.
 */
import { fromWords, highWord, lowWord } from '../random/elementary.js';

/** Where {@link reduceHalfPi} writes the remainder r = head + tail. */
export interface HalfPiRemainder {
  head: number;
  tail: number;
}

const TWO_24 = 16777216; // 2^24
const TWO_MINUS_24 = 5.9604644775390625e-8; // 2^-24
const INVERSE_HALF_PI = 0.6366197723675814; // 0x3fe45f30 6dc9c883, 53 bits of 2/π
// π/2 as PIO2_1 + PIO2_2 + PIO2_3 + PIO2_3T, each of the first three with 33 significant bits so
// that n·PIO2_k is exact for n < 2^20; PIO2_kT is π/2 minus the pieces before it.
const PIO2_1 = 1.5707963267341256; // 0x3ff921fb 54400000
const PIO2_1T = 6.077100506506192e-11; // 0x3dd0b461 1a626331
const PIO2_2 = 6.077100506303966e-11; // 0x3dd0b461 1a600000
const PIO2_2T = 2.0222662487959506e-21; // 0x3ba3198a 2e037073
const PIO2_3 = 2.0222662487111665e-21; // 0x3ba3198a 2e000000
const PIO2_3T = 8.4784276603689e-32; // 0x397b839a 252049c1

/** 2^k for an integer k in [−1022, 1023], exact. */
function powerOfTwo(k: number): number {
  return fromWords((k + 1023) << 20, 0);
}

/** High words of n·π/2 for n = 1 … 32: an argument this close to one may lose bits to cancellation. */
const NEAR_MULTIPLE_HIGH_WORDS = Int32Array.of(
  0x3ff921fb,
  0x400921fb,
  0x4012d97c,
  0x401921fb,
  0x401f6a7a,
  0x4022d97c,
  0x4025fdbb,
  0x402921fb,
  0x402c463a,
  0x402f6a7a,
  0x4031475c,
  0x4032d97c,
  0x40346b9c,
  0x4035fdbb,
  0x40378fdb,
  0x403921fb,
  0x403ab41b,
  0x403c463a,
  0x403dd85a,
  0x403f6a7a,
  0x40407e4c,
  0x4041475c,
  0x4042106c,
  0x4042d97c,
  0x4043a28c,
  0x40446b9c,
  0x404534ac,
  0x4045fdbb,
  0x4046c6cb,
  0x40478fdb,
  0x404858eb,
  0x404921fb,
);

/**
 * Writes r = x − n·π/2 into `out` (head + tail, |head| ≲ π/4, |tail| ≲ ulp(head)) and returns
 * n (for |x| > 2^19·π/2 only n mod 8, enough for the quadrant). For |x| ≤ π/4 it gives n = 0 and
 * r = x; NaN and ±Infinity give n = 0 and r = NaN.
 */
export function reduceHalfPi(x: number, out: HalfPiRemainder): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    out.head = x;
    out.tail = 0;
    return 0;
  }
  if (ix < 0x4002d97c) return reduceNearHalfPi(x, hx, ix, out);
  if (ix <= 0x413921fb) return reduceMedium(x, hx, ix, out);
  if (ix >= 0x7ff00000) {
    out.head = Number.NaN;
    out.tail = Number.NaN;
    return 0;
  }
  return reduceLarge(x, hx, ix, out);
}

/** π/4 < |x| < 3π/4: n = ±1, with a second piece of π/2 right next to π/2 itself. */
function reduceNearHalfPi(x: number, hx: number, ix: number, out: HalfPiRemainder): number {
  const sign = hx > 0 ? 1 : -1;
  let z = x - sign * PIO2_1;
  if (ix !== 0x3ff921fb) {
    // 33 + 53 bits of π/2 are enough.
    out.head = z - sign * PIO2_1T;
    out.tail = z - out.head - sign * PIO2_1T;
  } else {
    // Near π/2: 33 + 33 + 53 bits.
    z -= sign * PIO2_2;
    out.head = z - sign * PIO2_2T;
    out.tail = z - out.head - sign * PIO2_2T;
  }
  return sign;
}

/** Cody–Waite reduction for |x| ≤ 2^19·π/2: one, two or three pieces of π/2 as cancellation needs. */
function reduceMedium(x: number, hx: number, ix: number, out: HalfPiRemainder): number {
  const t0 = Math.abs(x);
  const n = (t0 * INVERSE_HALF_PI + 0.5) | 0;
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // the first round is good to 85 bits
  let head = r - w;
  if (n >= 32 || ix === NEAR_MULTIPLE_HIGH_WORDS[n - 1]) {
    const exponent = ix >> 20;
    if (exponent - ((highWord(head) >> 20) & 0x7ff) > 16) {
      // Lost more than 16 bits to cancellation: a second round, good to 118 bits.
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      head = r - w;
      if (exponent - ((highWord(head) >> 20) & 0x7ff) > 49) {
        // A third round, 151 bits: enough for every double in this range.
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        head = r - w;
      }
    }
  }
  const tail = r - head - w;
  if (hx < 0) {
    out.head = -head;
    out.tail = -tail;
    return -n;
  }
  out.head = head;
  out.tail = tail;
  return n;
}

/** 24-bit chunks of 2/π: entry i holds bits 24i … 24i + 23 after the binary point (enough for doubles). */
const TWO_OVER_PI = Int32Array.of(
  0xa2f983,
  0x6e4e44,
  0x1529fc,
  0x2757d1,
  0xf534dd,
  0xc0db62,
  0x95993c,
  0x439041,
  0xfe5163,
  0xabdebb,
  0xc561b7,
  0x246e3a,
  0x424dd2,
  0xe00649,
  0x2eea09,
  0xd1921c,
  0xfe1deb,
  0x1cb129,
  0xa73ee8,
  0x8235f5,
  0x2ebb44,
  0x84e99c,
  0x7026b4,
  0x5f7e41,
  0x3991d6,
  0x398353,
  0x39f49c,
  0x845f8b,
  0xbdf928,
  0x3b1ff8,
  0x97ffde,
  0x05980f,
  0xef2f11,
  0x8b5a0a,
  0x6d1f6d,
  0x367ecf,
  0x27cb09,
  0xb74f46,
  0x3f669e,
  0x5fea2d,
  0x7527ba,
  0xc7ebe5,
  0xf17b3d,
  0x0739f7,
  0x8a5292,
  0xea6bfb,
  0x5fb11f,
  0x8d5d08,
  0x560330,
  0x46fc7b,
  0x6babf0,
  0xcfbc20,
  0x9af436,
  0x1da9e3,
  0x91615e,
  0xe61b08,
  0x659985,
  0x5f14a0,
  0x68408d,
  0xffd880,
  0x4d7327,
  0x310606,
  0x1556ca,
  0x73a8c9,
  0x60e27b,
  0xc08c6b,
);

/** π/2 in 24-bit pieces: PIO2_CHUNKS[k] holds bits 24k … 24k + 23 of π/2. */
const PIO2_CHUNKS = Float64Array.of(
  1.5707962512969971, // 0x3ff921fb 40000000
  7.549789415861596e-8, // 0x3e74442d 00000000
  5.390302529957765e-15, // 0x3cf84698 80000000
  3.282003415807913e-22, // 0x3b78cc51 60000000
  1.270655753080676e-29, // 0x39f01b83 80000000
  1.2293330898111133e-36, // 0x387a2520 40000000
  2.7337005381646456e-44, // 0x36e38222 80000000
  2.1674168387780482e-51, // 0x3569f31d 00000000
);

// Scratch of the Payne–Hanek reduction (every entry read is written first in the same call).
const xChunks = new Float64Array(3);
const product = new Float64Array(20);
const twoOverPiChunks = new Float64Array(20);
const productChunks = new Int32Array(20);
const piProduct = new Float64Array(20);

/** Payne–Hanek reduction of a finite |x| > 2^19·π/2 (fdlibm `__kernel_rem_pio2` for doubles). */
function reduceLarge(x: number, hx: number, ix: number, out: HalfPiRemainder): number {
  // |x| = (xChunks[0] + xChunks[1]·2^-24 + xChunks[2]·2^-48)·2^e0, each chunk a 24-bit integer.
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  for (let i = 0; i < 2; i++) {
    xChunks[i] = Math.trunc(z);
    z = (z - xChunks[i]) * TWO_24;
  }
  xChunks[2] = z;
  let nx = 3;
  while (xChunks[nx - 1] === 0) nx--;
  const n = multiplyByTwoOverPi(e0, nx, out);
  if (hx < 0) {
    out.head = -out.head;
    out.tail = -out.tail;
    return -n;
  }
  return n;
}

/**
 * The fraction of (2/π)·|x| times π/2 into `out`, and its integer part mod 8, skipping the chunks
 * of 2/π whose product with x is a multiple of 8 (`__kernel_rem_pio2`, precision 53 bits).
 */
function multiplyByTwoOverPi(e0: number, nx: number, out: HalfPiRemainder): number {
  const jk = 4; // initial terms of 2/π beyond x's (jk + 1 = 5 for double precision)
  const jx = nx - 1;
  const jv = Math.max(0, Math.trunc((e0 - 3) / 24));
  let q0 = e0 - 24 * (jv + 1);
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) twoOverPiChunks[i] = j < 0 ? 0 : TWO_OVER_PI[j];
  for (let i = 0; i <= jk; i++) {
    let sum = 0;
    for (let j = 0; j <= jx; j++) sum += xChunks[j] * twoOverPiChunks[jx + i - j];
    product[i] = sum;
  }
  let jz = jk;
  let n = 0;
  let ih = 0;
  let z = 0;
  for (;;) {
    // Distill product[] into 24-bit integer chunks, most significant last.
    z = product[jz];
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const high = Math.trunc(TWO_MINUS_24 * z);
      productChunks[i] = z - TWO_24 * high;
      z = product[j - 1] + high;
    }
    z *= powerOfTwo(q0);
    z -= 8 * Math.floor(z * 0.125); // drop the multiple of 8
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      // The integer part also takes the top bits of the next chunk.
      const carried = productChunks[jz - 1] >> (24 - q0);
      n += carried;
      productChunks[jz - 1] -= carried << (24 - q0);
      ih = productChunks[jz - 1] >> (23 - q0);
    } else if (q0 === 0) ih = productChunks[jz - 1] >> 23;
    else if (z >= 0.5) ih = 2;
    if (ih > 0) {
      // The fraction is ≥ ½: take 1 − fraction, and n + 1.
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const chunk = productChunks[i];
        if (carry === 0) {
          if (chunk !== 0) {
            carry = 1;
            productChunks[i] = 0x1000000 - chunk;
          }
        } else productChunks[i] = 0xffffff - chunk;
      }
      if (q0 === 1) productChunks[jz - 1] &= 0x7fffff;
      else if (q0 === 2) productChunks[jz - 1] &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= powerOfTwo(q0);
      }
    }
    if (z !== 0) break;
    let any = 0;
    for (let i = jz - 1; i >= jk; i--) any |= productChunks[i];
    if (any !== 0) break;
    // The fraction cancelled to zero so far: bring in more chunks of 2/π and recompute.
    let k = 1;
    while (jk >= k && productChunks[jk - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      twoOverPiChunks[jx + i] = TWO_OVER_PI[jv + i];
      let sum = 0;
      for (let j = 0; j <= jx; j++) sum += xChunks[j] * twoOverPiChunks[jx + i - j];
      product[i] = sum;
    }
    jz += k;
  }
  // Chop off zero chunks, or break the last z into 24-bit chunks.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (productChunks[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z *= powerOfTwo(-q0);
    if (z >= TWO_24) {
      const high = Math.trunc(TWO_MINUS_24 * z);
      productChunks[jz] = z - TWO_24 * high;
      jz += 1;
      q0 += 24;
      productChunks[jz] = high;
    } else productChunks[jz] = z;
  }
  // The chunks as doubles, then their product with π/2.
  let scale = powerOfTwo(q0);
  for (let i = jz; i >= 0; i--) {
    product[i] = scale * productChunks[i];
    scale *= TWO_MINUS_24;
  }
  for (let i = jz; i >= 0; i--) {
    let sum = 0;
    for (let k = 0; k <= jk && k <= jz - i; k++) sum += PIO2_CHUNKS[k] * product[i + k];
    piProduct[jz - i] = sum;
  }
  let head = 0;
  for (let i = jz; i >= 0; i--) head += piProduct[i];
  let tail = piProduct[0] - head;
  for (let i = 1; i <= jz; i++) tail += piProduct[i];
  out.head = ih === 0 ? head : -head;
  out.tail = ih === 0 ? tail : -tail;
  return n & 7;
}
