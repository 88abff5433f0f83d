/**
 * A 1-D landscape with a wide and a narrow minimum of exactly equal depth: the smallest model of
 * the entropic preference for flat minima. At temperature T the dynamics occupies each basin in
 * proportion to its Boltzmann weight ∫ exp(−U/T), which at low T is ∝ width, not depth.
 *
 * Two Gaussian holes of depth D and widths w_w, w_n are multiplied (not added) into a plain,
 * and quartic walls outside the wells make exp(−U/T) normalizable:
 *
 *   U(x) = D·[ (1 − g_w(x))(1 − g_n(x)) − 1 ] + D·[ (relu(c_L − x)/w_L)⁴ + (relu(x − c_R)/w_R)⁴ ],
 *   g_k(x) = exp(−(x − c_k)²/(2w_k²)),
 *
 * with c_L < c_R the two centres and w_L, w_R their widths. Because each factor vanishes to
 * second order at its own centre and the walls are zero (to third order) inside [c_L, c_R],
 * both minima are exactly at U = −D with zero gradient, and U > −D everywhere else. Near a
 * centre U ≈ −D + D(1 − g_other(c))·(x − c)²/(2w²): at temperature T a well is locally a
 * Gaussian of standard deviation ≈ w·√(T/D). Between well-separated wells U ≈ 0, so the
 * barrier is ≈ D (exactly `barrierHeight`). The walls are C³, enough for every dynamics here.
 */

import { assertFinite, assertPositive } from '../core/validate.js';
import type { Energy } from './energy.js';
import { integrate } from './quadrature.js';
import { assertLength } from './validate.js';

/** Options of {@link wideNarrowWellEnergy}. */
export interface WideNarrowWellOptions {
  /** Centre of the wide well; −1 by default. */
  wideCenter?: number;
  /** Centre of the narrow well (≠ wideCenter); 1 by default. */
  narrowCenter?: number;
  /** Width of the wide well (> 0); 0.5 by default. */
  wideWidth?: number;
  /** Width of the narrow well (> 0); 0.2 by default. */
  narrowWidth?: number;
  /** Depth D > 0 of both minima (U = −D there); 1 by default. */
  depth?: number;
}

/** Boltzmann weights of the two basins at one temperature, from adaptive quadrature. */
export interface BasinProbabilities {
  /** P(wide basin) = Z_wide / (Z_wide + Z_narrow). */
  wide: number;
  /** P(narrow basin). */
  narrow: number;
  /** Z_wide / Z_narrow. */
  ratio: number;
  /** Z_wide = ∫_{wide basin} exp(−(U(x) + D)/T) dx (shifted by the depth so it cannot overflow). */
  wideWeight: number;
  /** Z_narrow, shifted the same way. */
  narrowWeight: number;
  /** Bound on the absolute quadrature error of the probabilities. */
  errorEstimate: number;
}

/** The wide/narrow landscape with everything its exact reference needs. */
export interface WideNarrowWellEnergy extends Energy {
  readonly wideCenter: number;
  readonly narrowCenter: number;
  readonly wideWidth: number;
  readonly narrowWidth: number;
  readonly depth: number;
  /** U'' at the wide minimum, exactly D(1 − g_n(c_w))/w_w² (≈ D/w_w² for separated wells). */
  readonly wideCurvature: number;
  /** U'' at the narrow minimum, exactly D(1 − g_w(c_n))/w_n². */
  readonly narrowCurvature: number;
  /** The barrier top between the wells (the maximum of U there): the border of the two basins. */
  readonly dividingPoint: number;
  /** U(dividingPoint) + D: the barrier seen from either minimum. */
  readonly barrierHeight: number;
  /** The T → 0 limit of Z_wide/Z_narrow: √(narrowCurvature / wideCurvature). */
  readonly lowTemperatureRatio: number;
  /** Exact basin probabilities at `temperature` > 0 (adaptive Gauss–Kronrod, relative error ~1e-10). */
  basinProbabilities(temperature: number): BasinProbabilities;
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** The 1-D wide/narrow equal-depth landscape; `energyAndGradient` allocates nothing. */
export function wideNarrowWellEnergy(options: WideNarrowWellOptions = {}): WideNarrowWellEnergy {
  const where = 'wideNarrowWellEnergy';
  const { wideCenter = -1, narrowCenter = 1, wideWidth = 0.5, narrowWidth = 0.2, depth = 1 } = options;
  assertFinite(where, 'wideCenter', wideCenter);
  assertFinite(where, 'narrowCenter', narrowCenter);
  if (wideCenter === narrowCenter) {
    throw new RangeError(`${where}: narrowCenter must differ from wideCenter, both are ${wideCenter}`);
  }
  assertPositive(where, 'wideWidth', wideWidth);
  assertPositive(where, 'narrowWidth', narrowWidth);
  assertPositive(where, 'depth', depth);
  const wideOnLeft = wideCenter < narrowCenter;
  const left = wideOnLeft ? wideCenter : narrowCenter;
  const right = wideOnLeft ? narrowCenter : wideCenter;
  const leftWall = (wideOnLeft ? wideWidth : narrowWidth) ** -4;
  const rightWall = (wideOnLeft ? narrowWidth : wideWidth) ** -4;
  const wideScale = 1 / (wideWidth * wideWidth);
  const narrowScale = 1 / (narrowWidth * narrowWidth);

  /** U at x; with `derivatives`, also writes U' and U'' there. */
  const evaluate = (x: number, derivatives?: Float64Array): number => {
    const dw = x - wideCenter;
    const dn = x - narrowCenter;
    const gw = Math.exp(-0.5 * dw * dw * wideScale);
    const gn = Math.exp(-0.5 * dn * dn * narrowScale);
    const a = 1 - gw;
    const b = 1 - gn;
    const outLeft = x < left ? left - x : 0;
    const outRight = x > right ? x - right : 0;
    const value = depth * (a * b - 1) + depth * (leftWall * outLeft ** 4 + rightWall * outRight ** 4);
    if (derivatives !== undefined) {
      // a = 1 − g: a' = g·(x − c)/w², a'' = g/w²·(1 − (x − c)²/w²).
      const da = gw * dw * wideScale;
      const db = gn * dn * narrowScale;
      const dda = gw * wideScale * (1 - dw * dw * wideScale);
      const ddb = gn * narrowScale * (1 - dn * dn * narrowScale);
      derivatives[0] =
        depth * (da * b + a * db) + 4 * depth * (rightWall * outRight ** 3 - leftWall * outLeft ** 3);
      derivatives[1] =
        depth * (dda * b + 2 * da * db + a * ddb) +
        12 * depth * (rightWall * outRight * outRight + leftWall * outLeft * outLeft);
    }
    return value;
  };

  const scratch = new Float64Array(2);
  const slope = (x: number) => {
    evaluate(x, scratch);
    return scratch[0];
  };
  const curvature = (x: number) => {
    evaluate(x, scratch);
    return scratch[1];
  };
  // The barrier top, by bisection on U' (> 0 just right of the left minimum, < 0 just left of the
  // right one). It is unique: between the centres U + D = D·a·b with log a and log b concave
  // (log(1 − e^{−u²/2}) is concave for u > 0), so log(U + D) is strictly concave there.
  let lo = left + 1e-9 * (right - left);
  let hi = right - 1e-9 * (right - left);
  for (let i = 0; i < 200 && hi - lo > 1e-15 * (Math.abs(lo) + Math.abs(hi) + 1); i++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  const dividingPoint = 0.5 * (lo + hi);
  const barrierHeight = evaluate(dividingPoint) + depth;
  const wideCurvature = curvature(wideCenter);
  const narrowCurvature = curvature(narrowCenter);

  const basinWeight = (temperature: number, center: number, localWidth: number) => {
    const spread = localWidth * Math.sqrt(temperature / depth);
    const integrand = (x: number) => Math.exp(-(evaluate(x) + depth) / temperature);
    const toward = center < dividingPoint ? -Infinity : Infinity;
    const [a, b] = toward === -Infinity ? [-Infinity, dividingPoint] : [dividingPoint, Infinity];
    // Breakpoints at the well bottom and at 1, 4 and 16 local standard deviations on each side,
    // so the adaptive rule sees the peak and its tails at every scale.
    const breakpoints = [center];
    for (const k of [1, 4, 16]) breakpoints.push(center - k * spread, center + k * spread);
    const result = integrate(integrand, a, b, { breakpoints, relativeTolerance: 1e-11 });
    if (!result.converged) {
      throw new Error(
        `${where}.basinProbabilities: quadrature did not converge at temperature ${temperature}`,
      );
    }
    return result;
  };

  return {
    name: 'wide-narrow-well',
    dimension: 1,
    wideCenter,
    narrowCenter,
    wideWidth,
    narrowWidth,
    depth,
    wideCurvature,
    narrowCurvature,
    dividingPoint,
    barrierHeight,
    lowTemperatureRatio: Math.sqrt(narrowCurvature / wideCurvature),
    energy(x) {
      assertLength(where, 'x', x, 1);
      return evaluate(x[0]);
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, 1);
      assertLength(where, 'gradient', gradient, 1);
      const u = evaluate(x[0], scratch);
      gradient[0] = scratch[0];
      return u;
    },
    hessianVector(x, v, out) {
      assertLength(where, 'x', x, 1);
      out[0] = curvature(x[0]) * v[0];
    },
    hessian(x) {
      assertLength(where, 'x', x, 1);
      return Float64Array.of(curvature(x[0]));
    },
    basinProbabilities(temperature) {
      assertPositive(`${where}.basinProbabilities`, 'temperature', temperature);
      const wide = basinWeight(temperature, wideCenter, wideWidth);
      const narrow = basinWeight(temperature, narrowCenter, narrowWidth);
      const total = wide.value + narrow.value;
      return {
        wide: wide.value / total,
        narrow: narrow.value / total,
        ratio: wide.value / narrow.value,
        wideWeight: wide.value,
        narrowWeight: narrow.value,
        errorEstimate: (wide.errorEstimate + narrow.errorEstimate) / total,
      };
    },
  };
}
