/**
 * The exact solution of viscous Burgers u_t + u u_x = ν u_xx with u(x, 0) = −sin πx (on ℝ; it
 * is 2-periodic and odd, so u(±1, t) = 0), by the Cole–Hopf transform as in Basdevant et al.
 * (1986).
 *
 * u = −2ν φ_x/φ turns Burgers into the heat equation φ_t = ν φ_xx with
 * φ(y, 0) = f(y) = exp(−cos(πy)/(2πν)) (up to a constant). Convolving with the heat kernel and
 * substituting y = x − √(4νt) z,
 *
 *   u(x, t) = −⟨sin πy⟩,   ⟨g⟩ = ∫ g(y) f(y) e^{−z²} dz / ∫ f(y) e^{−z²} dz,
 *
 * a ratio of Gauss–Hermite integrals. Differentiating in x (f' = f sin(πy)/(2ν)) gives
 *
 *   u_x(x, t) = −π⟨cos πy⟩ − Var(sin πy)/(2ν),
 *
 * written as a variance so that no two large terms cancel. For ν = 0.01/π the exponent
 * −cos(πy)/(2πν) = −50 cos πy spans ±50, and √(4νt) z reaches y-values where f is e^{100}
 * times its value at z = 0: the weights are combined in the log domain and shifted by their
 * maximum before exponentiating (log-sum-exp), which is why the rule's log-weights are used.
 */
import { gaussHermite } from './gauss-hermite.js';

/** ν = 0.01/π, the viscosity of the classic benchmark (Raissi et al. 2019). */
export const BURGERS_VISCOSITY = 0.01 / Math.PI;

/** The time of the steepest gradient in Basdevant et al. (1986): t = 1.6037/π. */
export const BURGERS_STEEPEST_TIME = 1.6037 / Math.PI;

/** Their value of u_x(0, 1.6037/π), to the published digits. */
export const BURGERS_STEEPEST_SLOPE = -152.00516;

/** Options of {@link burgersColeHopf}. */
export interface BurgersColeHopfOptions {
  /** ν > 0 (default 0.01/π). */
  viscosity?: number;
  /** Gauss–Hermite nodes (integer in [16, 4096], default 128). */
  nodes?: number;
}

/** u and u_x at one point. */
export interface BurgersValue {
  u: number;
  ux: number;
}

/** The Cole–Hopf solution: evaluators of u and u_x at (x, t), t ≥ 0. */
export interface BurgersColeHopf {
  readonly viscosity: number;
  readonly nodes: number;
  /** u(x, t). */
  u(x: number, t: number): number;
  /** u_x(x, t). */
  ux(x: number, t: number): number;
  /** Both at once (one pass over the nodes). */
  evaluate(x: number, t: number): BurgersValue;
  /** u at points given row-major `count × 2` as (x, t). */
  uAt(points: ArrayLike<number>): Float64Array;
}

/**
 * The Cole–Hopf solution for viscosity ν with an n-node Gauss–Hermite rule. With ν = 0.01/π on
 * [−1, 1] × [0, 1], 64 nodes give u to 2e-10 and 100 or more to round-off (1e-14, against
 * 3000 nodes); the default 128 reproduces Basdevant's u_x(0, 1.6037/π) = −152.00516 to all
 * eight published digits. Smaller ν needs more nodes (the heat kernel spans more periods of f).
 */
export function burgersColeHopf(options: BurgersColeHopfOptions = {}): BurgersColeHopf {
  const viscosity = options.viscosity ?? BURGERS_VISCOSITY;
  if (!(Number.isFinite(viscosity) && viscosity > 0)) {
    throw new Error(`viscosity must be a finite number > 0, got ${String(viscosity)}`);
  }
  const n = options.nodes ?? 128;
  if (!Number.isInteger(n) || n < 16 || n > 4096) {
    throw new Error(`nodes must be an integer in [16, 4096], got ${String(n)}`);
  }
  const rule = gaussHermite(n);
  const exponentScale = 1 / (2 * Math.PI * viscosity);
  const exponents = new Float64Array(n);
  const sines = new Float64Array(n);
  const cosines = new Float64Array(n);

  const evaluate = (x: number, t: number): BurgersValue => {
    if (!Number.isFinite(x)) throw new Error(`x must be a finite number, got ${String(x)}`);
    if (!(Number.isFinite(t) && t >= 0)) throw new Error(`t must be a finite number ≥ 0, got ${String(t)}`);
    if (t === 0) return { u: -Math.sin(Math.PI * x), ux: -Math.PI * Math.cos(Math.PI * x) };
    const width = Math.sqrt(4 * viscosity * t);
    let largest = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const angle = Math.PI * (x - width * rule.nodes[i]);
      const cosine = Math.cos(angle);
      sines[i] = Math.sin(angle);
      cosines[i] = cosine;
      exponents[i] = rule.logWeights[i] - exponentScale * cosine;
      if (exponents[i] > largest) largest = exponents[i];
    }
    // Normalized weights of ⟨·⟩, shifted by the largest exponent so none overflows.
    let total = 0;
    for (let i = 0; i < n; i++) {
      exponents[i] = Math.exp(exponents[i] - largest);
      total += exponents[i];
    }
    let meanSine = 0;
    let meanCosine = 0;
    for (let i = 0; i < n; i++) {
      meanSine += exponents[i] * sines[i];
      meanCosine += exponents[i] * cosines[i];
    }
    meanSine /= total;
    meanCosine /= total;
    let variance = 0;
    for (let i = 0; i < n; i++) {
      const deviation = sines[i] - meanSine;
      variance += exponents[i] * deviation * deviation;
    }
    variance /= total;
    return { u: -meanSine, ux: -Math.PI * meanCosine - variance / (2 * viscosity) };
  };

  return {
    viscosity,
    nodes: n,
    evaluate,
    u: (x, t) => evaluate(x, t).u,
    ux: (x, t) => evaluate(x, t).ux,
    uAt(points) {
      if (points.length % 2 !== 0) {
        throw new Error(`points must hold (x, t) pairs, got ${points.length} coordinates`);
      }
      const out = new Float64Array(points.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = evaluate(points[2 * i], points[2 * i + 1]).u;
      return out;
    },
  };
}
