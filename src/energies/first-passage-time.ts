/**
 * Exact mean first-passage times of 1-D overdamped diffusions dx = −U′(x)dt + √(2T)dW, and the
 * crossing rates of the double well that follow from them.
 *
 * For a potential confining at −∞, the mean time to first reach `to` from `from` < `to` is
 *
 *   τ = (1/T) ∫_from^to e^{U(y)/T} ∫_{−∞}^{y} e^{−U(z)/T} dz dy,
 *
 * computed here by nested adaptive quadrature (`integrate`). It holds at every temperature;
 * Kramers' law (`DoubleWellEnergy.kramersRate`) is its low-temperature limit, 12% too fast on
 * the double well at T = 0.25 where the barrier is only 4T. Under a temperature schedule slow
 * against the in-well relaxation time, the crossing rate follows 1/τ(T(t)) adiabatically.
 *
 * ```ts
 * const tau = doubleWellPassageTime(doubleWellEnergy(), 0.25);   // 69.2636…
 * const rate = adiabaticRate(doubleWellEnergy(), (phase) => 0.3 + 0.2 * Math.cos(2 * Math.PI * phase));
 * ```
 */
import type { DoubleWellEnergy } from './double-well.js';
import { integrate } from './quadrature.js';

/**
 * The exact mean first-passage time from `from` to `to` > `from` of the overdamped diffusion
 * dx = −U′(x)dt + √(2T)dW on a potential confining at −∞:
 * τ = (1/T) ∫_from^to e^{U(y)/T} ∫_{−∞}^y e^{−U(z)/T} dz dy, by nested adaptive quadrature.
 *
 * @param potential U(x), finite, growing at −∞ fast enough for e^{−U/T} to be integrable.
 * @param temperature T > 0.
 * @param breakpoints points where the integrands change scale (minima, the barrier top).
 */
export function meanFirstPassageTime(
  potential: (x: number) => number,
  temperature: number,
  from: number,
  to: number,
  breakpoints: readonly number[] = [],
): number {
  if (!(temperature > 0 && Number.isFinite(temperature))) {
    throw new RangeError(`meanFirstPassageTime: temperature must be a finite number > 0, got ${temperature}`);
  }
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to)) {
    throw new RangeError(
      `meanFirstPassageTime: from and to must be finite with from < to, got ${from} and ${to}`,
    );
  }
  // Energies are measured from U(from) so neither exponential overflows for barriers ≲ 600 T.
  const reference = potential(from);
  const boltzmann = (z: number) => Math.exp(-(potential(z) - reference) / temperature);
  // F(y) = ∫_{−∞}^{y} e^{−U/T} = F(from) + ∫_from^y e^{−U/T}: the infinite part once, then a
  // finite piece per outer node.
  const tail = integrate(boltzmann, Number.NEGATIVE_INFINITY, from, {
    breakpoints: breakpoints.filter((b) => b < from),
    relativeTolerance: 1e-12,
  }).value;
  const inner = (y: number) =>
    tail +
    integrate(boltzmann, from, y, {
      breakpoints: breakpoints.filter((b) => b > from && b < y),
      relativeTolerance: 1e-12,
    }).value;
  const outer = integrate((y) => Math.exp((potential(y) - reference) / temperature) * inner(y), from, to, {
    breakpoints: breakpoints.filter((b) => b > from && b < to),
    relativeTolerance: 1e-10,
  });
  if (!outer.converged) {
    throw new Error(`meanFirstPassageTime: the quadrature did not converge at temperature ${temperature}`);
  }
  return outer.value / temperature;
}

/**
 * The exact mean time between crossings of the double well (minimum to minimum, one
 * coordinate) at `temperature`: the first-passage time from −1 to +1 of the diffusion on
 * U(x) = h(x² − 1)², equal to the time from +1 to −1 by symmetry.
 */
export function doubleWellPassageTime(energy: DoubleWellEnergy, temperature: number): number {
  const h = energy.barrier;
  const width = Math.sqrt(temperature / energy.curvatureAtMinimum);
  const breakpoints = [-1 - 4 * width, -1 - width, -1, -1 + width, -1 + 4 * width, 0];
  return meanFirstPassageTime((x) => h * (x * x - 1) ** 2, temperature, -1, 1, breakpoints);
}

/**
 * The adiabatic crossing rate of a periodic schedule: the cycle average of the exact rate
 * 1/τ(T(t)), valid when the temperature changes slowly against the in-well relaxation time
 * 1/U″(±1). The average of a smooth periodic function by the trapezoid rule on `points` nodes
 * converges geometrically. Temperatures below `floor` contribute a rate of 0 (e^{−h/T} < 1e-20).
 *
 * @param temperatureAt the schedule T as a function of the phase in [0, 1) of one period.
 */
export function adiabaticRate(
  energy: DoubleWellEnergy,
  temperatureAt: (phase: number) => number,
  points = 32,
): number {
  const floor = energy.barrier / 46;
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const t = temperatureAt(i / points);
    if (t > floor) sum += 1 / doubleWellPassageTime(energy, t);
  }
  return sum / points;
}
