/**
 * Fast Fourier transforms planned once for a fixed length, for solvers that transform the same
 * length thousands of times: the twiddle factors and the bit-reversal permutation are
 * tabulated at planning (diagnostics/fft.ts recomputes them per call, which dominates at the
 * lengths a spectral solver uses), and a real signal of length N is transformed through a
 * complex one of length N/2 (even samples as real parts, odd samples as imaginary parts).
 *
 * Convention: X_k = Σ_j x_j e^{−2πi jk/N}; the inverse carries the 1/N. A real signal's
 * spectrum is kept as its half k = 0…N/2 (the rest is the complex conjugate).
 */

/** An in-place complex FFT of one length. */
export interface ComplexFftPlan {
  readonly length: number;
  /** X = DFT(x), in place. */
  forward(re: Float64Array, im: Float64Array): void;
  /** x = IDFT(X) with the 1/N, in place. */
  inverse(re: Float64Array, im: Float64Array): void;
}

/** A real FFT of one even length N through a complex plan of length N/2. */
export interface RealFftPlan {
  readonly length: number;
  /** The half spectrum (k = 0…N/2, arrays of length N/2 + 1) of the real signal `input`. */
  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void;
  /** The real signal (length N) whose half spectrum is (inRe, inIm); the inputs are kept. */
  inverse(inRe: Float64Array, inIm: Float64Array, output: Float64Array): void;
}

function assertPowerOfTwo(n: number, least: number, name: string): void {
  if (!Number.isInteger(n) || n < least || n > 2 ** 24 || (n & (n - 1)) !== 0) {
    throw new Error(`${name} must be a power of two in [${least}, ${2 ** 24}], got ${String(n)}`);
  }
}

/** Plans the complex FFT of length n (a power of two ≥ 1). */
export function complexFftPlan(n: number): ComplexFftPlan {
  assertPowerOfTwo(n, 1, 'length');
  // Twiddles e^{−2πi k/n} for k < n/2, each from cos/sin directly (round-off O(ε), no recurrence).
  const cosines = new Float64Array(Math.max(n / 2, 1));
  const sines = new Float64Array(Math.max(n / 2, 1));
  for (let k = 0; k < n / 2; k++) {
    cosines[k] = Math.cos((2 * Math.PI * k) / n);
    sines[k] = -Math.sin((2 * Math.PI * k) / n);
  }
  const reversed = new Uint32Array(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    reversed[i] = j;
  }
  const transform = (re: Float64Array, im: Float64Array, sign: number) => {
    if (re.length !== n || im.length !== n) {
      throw new Error(`re and im must have length ${n}, got ${re.length} and ${im.length}`);
    }
    for (let i = 1; i < n; i++) {
      const j = reversed[i];
      if (i < j) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (let size = 2; size <= n; size *= 2) {
      const half = size / 2;
      const stride = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = cosines[k * stride];
          const wi = sign * sines[k * stride];
          const a = start + k;
          const b = a + half;
          const tr = wr * re[b] - wi * im[b];
          const ti = wr * im[b] + wi * re[b];
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  };
  return {
    length: n,
    forward: (re, im) => transform(re, im, 1),
    inverse(re, im) {
      transform(re, im, -1);
      for (let i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    },
  };
}

/** Plans the real FFT of length n (a power of two ≥ 2). */
export function realFftPlan(n: number): RealFftPlan {
  assertPowerOfTwo(n, 2, 'length');
  const m = n / 2;
  const plan = complexFftPlan(m);
  const zRe = new Float64Array(m);
  const zIm = new Float64Array(m);
  // w^k = e^{−2πi k/n}, k = 0…m.
  const wr = new Float64Array(m + 1);
  const wi = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) {
    wr[k] = Math.cos((2 * Math.PI * k) / n);
    wi[k] = -Math.sin((2 * Math.PI * k) / n);
  }
  const check = (re: Float64Array, im: Float64Array, signal: Float64Array) => {
    if (re.length !== m + 1 || im.length !== m + 1 || signal.length !== n) {
      throw new Error(
        `the half spectrum must have length ${m + 1} and the signal ${n}, got ${re.length}, ${im.length}, ${signal.length}`,
      );
    }
  };
  return {
    length: n,
    forward(input, outRe, outIm) {
      check(outRe, outIm, input);
      for (let j = 0; j < m; j++) {
        zRe[j] = input[2 * j];
        zIm[j] = input[2 * j + 1];
      }
      plan.forward(zRe, zIm);
      for (let k = 0; k <= m; k++) {
        // E_k = (Z_k + conj Z_{m−k})/2 and O_k = (Z_k − conj Z_{m−k})/(2i) are the spectra of
        // the even and odd samples; X_k = E_k + w^k O_k.
        const a = k % m;
        const b = (m - k) % m;
        const er = (zRe[a] + zRe[b]) / 2;
        const ei = (zIm[a] - zIm[b]) / 2;
        const or = (zIm[a] + zIm[b]) / 2;
        const oi = -(zRe[a] - zRe[b]) / 2;
        outRe[k] = er + wr[k] * or - wi[k] * oi;
        outIm[k] = ei + wr[k] * oi + wi[k] * or;
      }
    },
    inverse(inRe, inIm, output) {
      check(inRe, inIm, output);
      for (let k = 0; k < m; k++) {
        // E_k = (X_k + conj X_{m−k})/2, O_k = (X_k − conj X_{m−k}) w^{−k}/2, Z_k = E_k + i O_k.
        const er = (inRe[k] + inRe[m - k]) / 2;
        const ei = (inIm[k] - inIm[m - k]) / 2;
        const dr = (inRe[k] - inRe[m - k]) / 2;
        const di = (inIm[k] + inIm[m - k]) / 2;
        const or = dr * wr[k] + di * wi[k];
        const oi = di * wr[k] - dr * wi[k];
        zRe[k] = er - oi;
        zIm[k] = ei + or;
      }
      plan.inverse(zRe, zIm);
      for (let j = 0; j < m; j++) {
        output[2 * j] = zRe[j];
        output[2 * j + 1] = zIm[j];
      }
    },
  };
}
