/**
 * A small radix-2 fast Fourier transform, enough for autocorrelations: O(n log n) instead of the
 * O(n²) direct sum, so the autocovariance of a chain of 10⁶ draws takes milliseconds.
 *
 * Convention: X[k] = Σⱼ x[j]·exp(−2πi·jk/n) forward, and the inverse carries the 1/n, so
 * `inverseFft(fft(x)) = x`. Twiddle factors are computed directly from cos/sin of each angle
 * (no recurrence), which keeps the round-off at O(ε log n).
 */

/** The smallest power of two ≥ `n` (and ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  if (!(Number.isInteger(n) && n >= 0 && n <= 2 ** 30)) {
    throw new RangeError(`nextPowerOfTwo: n must be an integer in [0, 2^30], got ${n}`);
  }
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function assertSignal(where: string, real: Float64Array, imaginary: Float64Array): void {
  const n = real.length;
  if (imaginary.length !== n) {
    throw new RangeError(
      `${where}: real and imaginary parts must have the same length, got ${n} and ${imaginary.length}`,
    );
  }
  if (n === 0 || (n & (n - 1)) !== 0) {
    throw new RangeError(
      `${where}: the length must be a power of two (zero-pad with nextPowerOfTwo), got ${n}`,
    );
  }
}

/** In-place iterative Cooley–Tukey; `sign` is −1 for the forward transform, +1 for the inverse. */
function transform(real: Float64Array, imaginary: Float64Array, sign: number): void {
  const n = real.length;
  // Bit-reversal permutation, so the butterflies can run in place.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = real[i];
      real[i] = real[j];
      real[j] = t;
      t = imaginary[i];
      imaginary[i] = imaginary[j];
      imaginary[j] = t;
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = (sign * 2 * Math.PI) / size;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = 0; start < n; start += size) {
        const a = start + k;
        const b = a + half;
        const tr = wr * real[b] - wi * imaginary[b];
        const ti = wr * imaginary[b] + wi * real[b];
        real[b] = real[a] - tr;
        imaginary[b] = imaginary[a] - ti;
        real[a] += tr;
        imaginary[a] += ti;
      }
    }
  }
}

/**
 * The discrete Fourier transform X[k] = Σⱼ x[j]·exp(−2πi·jk/n), in place.
 *
 * @param real real parts of x on input, of X on output; length a power of two.
 * @param imaginary imaginary parts, same length.
 */
export function fft(real: Float64Array, imaginary: Float64Array): void {
  assertSignal('fft', real, imaginary);
  transform(real, imaginary, -1);
}

/** The inverse transform x[j] = (1/n)·Σₖ X[k]·exp(+2πi·jk/n), in place. */
export function inverseFft(real: Float64Array, imaginary: Float64Array): void {
  assertSignal('inverseFft', real, imaginary);
  transform(real, imaginary, 1);
  const n = real.length;
  for (let i = 0; i < n; i++) {
    real[i] /= n;
    imaginary[i] /= n;
  }
}
