/**
 * Two Langevin walkers on the double well U(x) = (x² − 1)², one at constant temperature T and
 * one under the cyclic schedule T(t) = T + A·cos(2πt/P) (the library's `cyclicTemperature`,
 * the same as the `double-well-annealing` experiment), each an Euler–Maruyama integrator of
 * `src/integrators` with its own random stream. Crossings are counted as the experiment counts
 * them: the walker, last at one minimum, reaches the other. A histogram of x is kept for each.
 */
import { fold, makeKey, RandomStream } from '../../../../src/core/random/index.js';
import { type DoubleWellEnergy, doubleWellEnergy } from '../../../../src/energies/double-well.js';
import { eulerMaruyama } from '../../../../src/integrators/euler-maruyama.js';
import type { OverdampedState, StochasticIntegrator } from '../../../../src/integrators/stochastic.js';
import { largestCurvature } from '../../../../src/optim/curvature.js';
import { DivergenceError } from '../../../../src/optim/divergence.js';
import { gradientDescentStability } from '../../../../src/optim/stability.js';
import { constant } from '../../../../src/schedules/decay.js';
import type { Schedule } from '../../../../src/schedules/schedule.js';
import { cyclicTemperature } from '../../../../src/schedules/temperature.js';

/** The histogram's range and bins. */
export const HISTOGRAM = { low: -2, high: 2, bins: 80 } as const;

/** Settings shared by both walkers. */
export interface WalkerSettings {
  temperature: number;
  amplitude: number;
  period: number;
  stepSize: number;
  seed: number;
}

/** One walker and what it has measured. */
export class Walker {
  readonly state: OverdampedState;
  readonly integrator: StochasticIntegrator<OverdampedState>;
  readonly histogram = new Float64Array(HISTOGRAM.bins);
  samples = 0;
  crossings = 0;
  private side = -1;
  private lastGood = -1;
  divergence: DivergenceError | undefined;

  constructor(
    readonly energy: DoubleWellEnergy,
    readonly schedule: Schedule,
    private readonly stream: RandomStream,
  ) {
    this.integrator = eulerMaruyama(energy, { temperature: schedule(0) });
    const position = Float64Array.of(-1);
    const gradient = new Float64Array(1);
    this.state = { position, potentialEnergy: energy.energyAndGradient(position, gradient), gradient };
  }

  /** Takes one step of size `stepSize` at step number `step`; records x. */
  step(step: number, stepSize: number): void {
    if (this.divergence) return;
    this.integrator.temperature = this.schedule(step);
    this.integrator.step(this.state, stepSize, this.stream);
    const x = this.state.position[0];
    if (!Number.isFinite(x) || Math.abs(x) > 1e6) {
      this.diverge(step + 1, x, stepSize);
      return;
    }
    this.lastGood = x;
    if ((this.side < 0 && x >= 1) || (this.side > 0 && x <= -1)) {
      this.side = -this.side;
      this.crossings++;
    }
    const bin = Math.floor(((x - HISTOGRAM.low) / (HISTOGRAM.high - HISTOGRAM.low)) * HISTOGRAM.bins);
    if (bin >= 0 && bin < HISTOGRAM.bins) this.histogram[bin]++;
    this.samples++;
  }

  private diverge(step: number, x: number, stepSize: number): void {
    // Euler–Maruyama's drift is gradient descent with learning rate h: η < 2/λmax applies.
    const curvature = largestCurvature(this.energy, Float64Array.of(this.lastGood)).value;
    this.divergence = new DivergenceError({
      optimizer: 'Langevin (Euler–Maruyama)',
      step,
      reason: Number.isFinite(x) ? 'position norm above bound' : 'non-finite position',
      energy: this.energy.energy(Float64Array.of(x)),
      positionNorm: Math.abs(x),
      maxNorm: 1e6,
      largestCurvature: curvature,
      curvatureStep: step - 1,
      stability: curvature > 0 ? gradientDescentStability(stepSize, curvature) : undefined,
    });
  }
}

/** Steps per cycle of the cyclic schedule (whole steps, as in the experiment). */
export function stepsPerCycle(settings: WalkerSettings): number {
  return Math.max(1, Math.round(settings.period / settings.stepSize));
}

/** The constant-T and the cyclic-T walker of `settings`. */
export function makeWalkers(settings: WalkerSettings): [Walker, Walker] {
  const energy = doubleWellEnergy();
  const key = makeKey(settings.seed);
  const amplitude = Math.min(settings.amplitude, settings.temperature);
  return [
    new Walker(energy, constant(settings.temperature), new RandomStream(fold(key, 0))),
    new Walker(
      energy,
      cyclicTemperature({
        minTemperature: settings.temperature - amplitude,
        maxTemperature: settings.temperature + amplitude,
        period: stepsPerCycle(settings),
      }),
      new RandomStream(fold(key, 1)),
    ),
  ];
}
