/**
 * Euler–Maruyama for overdamped Langevin dynamics dx = −μ∇U(x) dt + √(2μT) dW (μ a diagonal
 * mobility, the identity by default):
 *
 *   x ← x − h μ∇U(x) + √(2 h μ T) ξ,   ξ ~ N(0, I).
 *
 * This is the unadjusted Langevin algorithm (ULA). Its stationary law is exp(−U/T) up to an O(h)
 * bias (weak order 1): on U = ½kx² the stationary variance is T/(k(1 − hk/2)) exactly, not
 * T/k. At T = 0 the step is exactly gradient descent with learning rate h·μ: an optimizer is
 * this sampler at zero temperature.
 */
import type { Energy } from '../energies/energy.js';
import {
  type NoiseSource,
  noiseStream,
  type OverdampedState,
  type StochasticIntegrator,
} from './stochastic.js';
import { assertEnergy, assertNonNegative, assertStep, inverseMassOf } from './validate.js';

/** Options of {@link eulerMaruyama}. */
export interface EulerMaruyamaOptions {
  /** Temperature T ≥ 0; 1 by default. Settable between steps. */
  temperature?: number;
  /** Diagonal mobility μ > 0 (a diagonal preconditioner; read at every step); ones by default. */
  mobility?: Float64Array;
}

/**
 * Overdamped Langevin by Euler–Maruyama. Works on any state with a position, U and ∇U (an
 * `OverdampedState`, or a `PhaseSpaceState` whose momentum it ignores). One gradient per step;
 * draws n normals (none at T = 0); allocates nothing given a stream.
 */
export function eulerMaruyama(
  energy: Energy,
  options: EulerMaruyamaOptions = {},
): StochasticIntegrator<OverdampedState> {
  const where = 'eulerMaruyama';
  assertEnergy(where, energy);
  // A mobility has the same checks as an inverse mass: n finite positive entries.
  const mobility = inverseMassOf(where, energy, options.mobility, 'mobility');
  let temperature = options.temperature ?? 1;
  assertNonNegative(where, 'temperature', temperature);
  const n = energy.dimension;
  return {
    name: 'euler-maruyama',
    weakOrder: 1,
    gradientEvaluationsPerStep: 1,
    get temperature() {
      return temperature;
    },
    set temperature(value: number) {
      assertNonNegative(`${where}.temperature`, 'temperature', value);
      temperature = value;
    },
    step<State extends OverdampedState>(state: State, stepSize: number, noise: NoiseSource): State {
      assertStep(where, n, state.position, stepSize, true);
      const { position: x, gradient: g } = state;
      if (temperature > 0) {
        const stream = noiseStream(where, noise);
        const scale = Math.sqrt(2 * stepSize * temperature);
        for (let i = 0; i < n; i++) {
          x[i] += -stepSize * mobility[i] * g[i] + scale * Math.sqrt(mobility[i]) * stream.nextNormal();
        }
      } else {
        for (let i = 0; i < n; i++) x[i] -= stepSize * mobility[i] * g[i];
      }
      state.potentialEnergy = energy.energyAndGradient(x, g);
      return state;
    },
  };
}
