/**
 * A Fourier pseudo-spectral solver for viscous Burgers u_t + (u²/2)_x = ν u_xx on [−1, 1) with
 * periodic boundaries and u(x, 0) = −sin πx. The data is 2-periodic and odd, and Burgers keeps
 * both symmetries, so u(±1, t) = 0 holds for all t: this is the Dirichlet problem of the PINN
 * benchmark, solved independently of the Cole–Hopf formula.
 *
 * Space: N equispaced points x_j = −1 + 2j/N, derivatives by a real FFT (real-fft.ts), the
 * quadratic term dealiased by the 2/3 rule (modes |k| ≥ N/3 of u² are dropped). Time: ETDRK4 (Cox & Matthews 2002), the
 * diffusion −νκ² integrated exactly, its φ-function coefficients evaluated by contour
 * integrals as in Kassam & Trefethen (2005) so that no cancellation occurs for small νκ²h.
 *
 * Output: u on the grid at equally spaced times, and an interpolant: trigonometric (exact for
 * the discrete solution) in x and cubic Lagrange in t between stored times.
 *
 * Accuracy against Cole–Hopf (max over the grid, ν = 0.01/π, t ≤ 1): N = 1024 is limited by
 * the shock to 1e-5; N = 2048 gives 1.1e-7 with h = 1/1024 and 7.5e-9 with h = 1/2048
 * (fourth order in h).
 */
import { BURGERS_VISCOSITY } from './burgers-cole-hopf.js';
import { etdrk4Coefficients } from './etdrk4-coefficients.js';
import { realFftPlan } from './real-fft.js';

/** A half spectrum k = 0…N/2. */
interface Spectrum {
  re: Float64Array;
  im: Float64Array;
}

/** Options of {@link solveBurgersSpectral}. */
export interface BurgersSpectralOptions {
  /** ν > 0 (default 0.01/π). */
  viscosity?: number;
  /** Grid points N, a power of two in [64, 65536] (default 2048). */
  points?: number;
  /** Final time (> 0, default 1). */
  duration?: number;
  /** Stored times, t = 0 and the final time included (integer in [2, 10001], default 101). */
  snapshots?: number;
  /** The largest time step (> 0; default 1/N: a CFL number h·max|u|/Δx ≤ 1/2, as |u| ≤ 1). */
  maxTimeStep?: number;
}

/** The discrete solution and its interpolant. */
export interface BurgersSpectralSolution {
  readonly viscosity: number;
  /** Grid points x_j = −1 + 2j/N, j = 0…N−1. */
  readonly x: Float64Array;
  /** Stored times, ascending, from 0 to the final time. */
  readonly times: Float64Array;
  /** u at (times[i], x[j]) at index i·N + j. */
  readonly values: Float64Array;
  /** The time step used and the number of steps taken. */
  readonly timeStep: number;
  readonly steps: number;
  /** u at any (x, t) with t in [0, final time]: trigonometric in x, cubic in t. */
  at(x: number, t: number): number;
  /** u at points given row-major `count × 2` as (x, t). */
  uAt(points: ArrayLike<number>): Float64Array;
}

function checkPositive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`${name} must be a finite number > 0, got ${String(value)}`);
  return value;
}

/** Solves viscous Burgers from u(x, 0) = −sin πx; see the file comment. */
export function solveBurgersSpectral(options: BurgersSpectralOptions = {}): BurgersSpectralSolution {
  const viscosity = checkPositive(options.viscosity ?? BURGERS_VISCOSITY, 'viscosity');
  const n = options.points ?? 2048;
  if (!Number.isInteger(n) || n < 64 || n > 65536 || (n & (n - 1)) !== 0) {
    throw new Error(`points must be a power of two in [64, 65536], got ${String(n)}`);
  }
  const duration = checkPositive(options.duration ?? 1, 'duration');
  const snapshots = options.snapshots ?? 101;
  if (!Number.isInteger(snapshots) || snapshots < 2 || snapshots > 10001) {
    throw new Error(`snapshots must be an integer in [2, 10001], got ${String(snapshots)}`);
  }
  const maxTimeStep = checkPositive(options.maxTimeStep ?? 1 / n, 'maxTimeStep');
  if (n * snapshots > 2 ** 26) throw new Error(`points × snapshots must be at most ${2 ** 26}`);

  const interval = duration / (snapshots - 1);
  const stepsPerSnapshot = Math.ceil(interval / maxTimeStep - 1e-9);
  const h = interval / stepsPerSnapshot;
  // Half spectra k = 0…N/2: wavenumbers κ = πk of the period-2 grid (none for the Nyquist
  // mode, which stays 0), and the 2/3 rule on the quadratic term.
  const modes = n / 2 + 1;
  const wavenumber = new Float64Array(modes);
  const keep = new Uint8Array(modes);
  const linear = new Float64Array(modes);
  for (let k = 0; k < modes; k++) {
    wavenumber[k] = k === n / 2 ? 0 : Math.PI * k;
    keep[k] = k < n / 3 ? 1 : 0;
    linear[k] = -viscosity * (Math.PI * k) ** 2;
  }
  const c = etdrk4Coefficients(linear, h);
  const plan = realFftPlan(n);

  const physical = new Float64Array(n);
  const squareRe = new Float64Array(modes);
  const squareIm = new Float64Array(modes);
  /** N̂(v) = −(iκ/2)·FFT(u²) with u = IFFT(v), dealiased; written into `out`. */
  const nonlinear = (v: Spectrum, out: Spectrum) => {
    plan.inverse(v.re, v.im, physical);
    for (let j = 0; j < n; j++) physical[j] *= physical[j];
    plan.forward(physical, squareRe, squareIm);
    for (let k = 0; k < modes; k++) {
      const factor = keep[k] ? 0.5 * wavenumber[k] : 0;
      // −(iκ/2)(a + ib) = (κ/2)b − i(κ/2)a
      out.re[k] = factor * squareIm[k];
      out.im[k] = -factor * squareRe[k];
    }
  };
  const spectrum = (): Spectrum => ({ re: new Float64Array(modes), im: new Float64Array(modes) });
  const v = spectrum();
  const nv = spectrum();
  const a = spectrum();
  const na = spectrum();
  const b = spectrum();
  const nb = spectrum();
  const cc = spectrum();
  const nc = spectrum();
  /** out = E₂·from + Q·(forcing (− minus)), componentwise. */
  const stage = (from: Spectrum, forcing: Spectrum, minus: Spectrum | null, out: Spectrum) => {
    for (let k = 0; k < modes; k++) {
      const fr = minus === null ? forcing.re[k] : 2 * forcing.re[k] - minus.re[k];
      const fi = minus === null ? forcing.im[k] : 2 * forcing.im[k] - minus.im[k];
      out.re[k] = c.e2[k] * from.re[k] + c.q[k] * fr;
      out.im[k] = c.e2[k] * from.im[k] + c.q[k] * fi;
    }
  };

  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = -1 + (2 * j) / n;
  const values = new Float64Array(snapshots * n);
  const times = new Float64Array(snapshots);
  for (let j = 0; j < n; j++) physical[j] = -Math.sin(Math.PI * x[j]);
  plan.forward(physical, v.re, v.im);
  const spectra: Spectrum[] = [];
  const store = (index: number) => {
    spectra.push({ re: Float64Array.from(v.re), im: Float64Array.from(v.im) });
    plan.inverse(v.re, v.im, physical);
    values.set(physical, index * n);
    times[index] = index * interval;
  };
  store(0);
  for (let s = 1; s < snapshots; s++) {
    for (let step = 0; step < stepsPerSnapshot; step++) {
      nonlinear(v, nv);
      stage(v, nv, null, a);
      nonlinear(a, na);
      stage(v, na, null, b);
      nonlinear(b, nb);
      stage(a, nb, nv, cc);
      nonlinear(cc, nc);
      for (let k = 0; k < modes; k++) {
        v.re[k] =
          c.e[k] * v.re[k] + c.f1[k] * nv.re[k] + 2 * c.f2[k] * (na.re[k] + nb.re[k]) + c.f3[k] * nc.re[k];
        v.im[k] =
          c.e[k] * v.im[k] + c.f1[k] * nv.im[k] + 2 * c.f2[k] * (na.im[k] + nb.im[k]) + c.f3[k] * nc.im[k];
      }
    }
    store(s);
  }
  times[snapshots - 1] = duration;

  const interpolant = trigonometricInterpolant(spectra, n);
  const at = (px: number, t: number): number => {
    if (!Number.isFinite(px)) throw new Error(`x must be a finite number, got ${String(px)}`);
    if (!(t >= 0 && t <= duration)) throw new Error(`t must be in [0, ${duration}], got ${String(t)}`);
    const position = t / interval;
    const nearest = Math.round(position);
    if (Math.abs(position - nearest) < 1e-9) return interpolant(nearest, px);
    // Cubic Lagrange through the four stored times around t (shifted inwards at the ends).
    const first = Math.min(Math.max(Math.floor(position) - 1, 0), snapshots - 4);
    if (snapshots < 4) {
      const low = Math.floor(position);
      const w = position - low;
      return (1 - w) * interpolant(low, px) + w * interpolant(low + 1, px);
    }
    let sum = 0;
    for (let i = first; i < first + 4; i++) {
      let weight = 1;
      for (let m = first; m < first + 4; m++) if (m !== i) weight *= (position - m) / (i - m);
      sum += weight * interpolant(i, px);
    }
    return sum;
  };
  return {
    viscosity,
    x,
    times,
    values,
    timeStep: h,
    steps: stepsPerSnapshot * (snapshots - 1),
    at,
    uAt(points) {
      if (points.length % 2 !== 0) {
        throw new Error(`points must hold (x, t) pairs, got ${points.length} coordinates`);
      }
      const out = new Float64Array(points.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = at(points[2 * i], points[2 * i + 1]);
      return out;
    },
  };
}

/**
 * The trigonometric interpolant of stored snapshot `index` at x:
 * (1/N)(Û₀ + 2 Re Σ_{k=1}^{K} Û_k e^{iπk(x+1)}), K the last mode above round-off (the Nyquist
 * mode is 0).
 */
function trigonometricInterpolant(
  spectra: readonly Spectrum[],
  n: number,
): (index: number, x: number) => number {
  const lastModes = spectra.map(({ re, im }) => {
    const scale = Math.abs(re[0]) + Math.abs(re[1]) + Math.abs(im[1]);
    let last = n / 2 - 1;
    while (last > 1 && Math.abs(re[last]) + Math.abs(im[last]) < 1e-18 * scale) last--;
    return last;
  });
  return (index, x) => {
    const { re, im } = spectra[index];
    const last = lastModes[index];
    const angle = Math.PI * (x + 1);
    const stepRe = Math.cos(angle);
    const stepIm = Math.sin(angle);
    let zRe = 1;
    let zIm = 0;
    let sum = 0;
    for (let k = 1; k <= last; k++) {
      const nextRe = zRe * stepRe - zIm * stepIm;
      zIm = zRe * stepIm + zIm * stepRe;
      zRe = nextRe;
      sum += re[k] * zRe - im[k] * zIm;
    }
    return (re[0] + 2 * sum) / n;
  };
}
