/**
 * Stan-style warmup of HMC and NUTS: dual averaging of the step size throughout, and a
 * diagonal mass matrix estimated in windows of doubling length (`window-schedule.ts`).
 *
 * 1. Find a first step size by the doubling/halving heuristic.
 * 2. Each step: run one transition with the current (step size, metric), feed its acceptance
 *    statistic to dual averaging. Inside a slow window, add the new position to a Welford
 *    variance estimate.
 * 3. At the end of each slow window: set M⁻¹ to the regularised variances, rerun the step-size
 *    heuristic for the new metric and restart dual averaging from there.
 * 4. After the last step, keep the averaged step size exp(log ε̄).
 *
 * During warmup the acceptance statistic averages to the target. As in Stan, the final averaged
 * step size sits a little below the typical adapted iterate (acceptance is concave in log ε),
 * so sampling afterwards usually accepts somewhat more than the target (0.85–0.9 for 0.8).
 *
 * ```ts
 * const tuned = warmup(
 *   ({ stepSize, inverseMassDiagonal }) => nuts({ energy, stepSize, inverseMassDiagonal }),
 *   x0, key, { numSteps: 1000 },
 * );
 * const sampler = nuts({ energy, stepSize: tuned.stepSize, inverseMassDiagonal: tuned.inverseMassDiagonal });
 * ```
 */
import { fold, type Key, split } from '../../../core/random/index.js';
import { assertInteger, assertKey, assertOptions, describe } from '../../../core/validate.js';
import type { Energy } from '../../../energies/energy.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from '../../sampler.js';
import { initialPosition, temperatureOption } from '../../validate.js';
import { inverseMassOption } from '../momentum.js';
import { type DualAveragingOptions, dualAveraging } from './dual-averaging.js';
import {
  type AcceptanceProbe,
  findReasonableStepSize,
  leapfrogAcceptanceProbe,
} from './step-size-heuristic.js';
import { WelfordVariance } from './welford.js';
import { type WarmupScheduleOptions, warmupSchedule } from './window-schedule.js';

/** The parameters warmup tunes. */
export interface AdaptedParameters {
  /** Integrator step size ε > 0. */
  readonly stepSize: number;
  /** Diagonal of M⁻¹ (the estimated marginal variances of the target). */
  readonly inverseMassDiagonal: Float64Array;
}

/**
 * Builds a sampler for given parameters, e.g.
 * `(p) => nuts({ energy, ...p })`. Called once per warmup step (cheap for `hmc` and `nuts`).
 */
export type AlgorithmFactory<State extends SamplerState, Info extends SamplerInfo> = (
  parameters: AdaptedParameters,
) => SamplingAlgorithm<State, Info>;

/** Options of `warmup`. */
export interface WarmupOptions {
  /** Number of warmup transitions, an integer ≥ 0 (1000 in Stan; a few hundred is often enough). */
  numSteps: number;
  /** The mean acceptance statistic to reach, in (0, 1); 0.8 by default. */
  targetAcceptance?: number;
  /** Start of the step-size search; 1 by default. */
  initialStepSize?: number;
  /** The metric to start from (entries > 0); ones by default. */
  initialInverseMassDiagonal?: ArrayLike<number>;
  /** Whether to estimate the mass matrix (false: step size only); true by default. */
  adaptMassMatrix?: boolean;
  /**
   * The target's energy: when given, the step-size heuristic probes single leapfrog steps on it,
   * as Stan does (cheap); otherwise it probes whole transitions of the algorithm.
   */
  energy?: Energy;
  /** The algorithm's temperature T > 0, used by the leapfrog probe only; 1 by default. */
  temperature?: number;
  /** γ, t₀, κ of dual averaging (Hoffman & Gelman's values by default). */
  dualAveraging?: Omit<DualAveragingOptions, 'targetAcceptance'>;
  /** The window schedule (Stan's 75 / 25 / 50 by default). */
  schedule?: WarmupScheduleOptions;
}

/** What `warmup` returns: the tuned parameters and where the chain stands. */
export interface WarmupResult<State extends SamplerState> extends AdaptedParameters {
  /** The last position of the warmup chain (a copy), where sampling should start. */
  readonly position: Float64Array;
  /** The last state of the warmup chain. */
  readonly state: State;
  /** Gradient evaluations spent by the warmup transitions (as reported by the algorithm). */
  readonly gradientEvaluations: number;
  /** Mean acceptance statistic over the terminal interval (after the last metric update). */
  readonly meanAcceptanceProbability: number;
}

/**
 * Tunes the step size (toward `targetAcceptance`) and the diagonal metric of an HMC-family
 * algorithm by running `numSteps` transitions from `x0`. Transition t uses the key
 * `fold(split(key)[0], t)`; the step-size searches use the other half of `key`.
 */
export function warmup<State extends SamplerState, Info extends SamplerInfo>(
  algorithmFactory: AlgorithmFactory<State, Info>,
  x0: ArrayLike<number>,
  key: Key,
  options: WarmupOptions,
): WarmupResult<State> {
  const where = 'warmup';
  if (typeof algorithmFactory !== 'function') {
    throw new TypeError(
      `${where}: algorithmFactory must be a function of { stepSize, inverseMassDiagonal }, got ${describe(algorithmFactory)}`,
    );
  }
  assertKey(where, key);
  assertOptions(where, options);
  const { numSteps, targetAcceptance = 0.8, initialStepSize = 1, adaptMassMatrix = true, energy } = options;
  assertInteger(where, 'numSteps', numSteps, 0);
  const temperature = temperatureOption(where, options.temperature, false);
  const start = initialPosition(where, x0, energy?.dimension);
  const n = start.length;
  let inverseMassDiagonal = inverseMassOption(where, options.initialInverseMassDiagonal, n);
  const adapter = dualAveraging({ ...options.dualAveraging, targetAcceptance });
  const windows = adaptMassMatrix ? warmupSchedule(numSteps, options.schedule) : [];
  const [stepKey, searchKey] = split(key);

  let algorithm = algorithmFactory({ stepSize: initialStepSize, inverseMassDiagonal });
  let state = algorithm.init(start);
  const probeAt = (current: State): AcceptanceProbe =>
    energy !== undefined
      ? leapfrogAcceptanceProbe(energy, current.position, { inverseMassDiagonal, temperature })
      : (stepSize, probeKey) =>
          algorithmFactory({ stepSize, inverseMassDiagonal }).step(probeKey, current)[1]
            .acceptanceProbability;
  let adaptation = adapter.init(findReasonableStepSize(probeAt(state), initialStepSize, fold(searchKey, 0)));

  const estimator = new WelfordVariance(n);
  let windowIndex = 0;
  let gradientEvaluations = 0;
  let terminalSum = 0;
  let terminalCount = 0;
  const terminalStart = windows.length > 0 ? windows[windows.length - 1].end : 0;
  for (let t = 0; t < numSteps; t++) {
    algorithm = algorithmFactory({ stepSize: Math.exp(adaptation.logStepSize), inverseMassDiagonal });
    const [next, info] = algorithm.step(fold(stepKey, t), state);
    state = next;
    gradientEvaluations += info.gradientEvaluations ?? 0;
    adaptation = adapter.update(adaptation, info.acceptanceProbability);
    if (t >= terminalStart) {
      terminalSum += info.acceptanceProbability;
      terminalCount++;
    }
    const window = windows[windowIndex];
    if (window === undefined || t < window.start) continue;
    estimator.add(state.position);
    if (t === window.end - 1) {
      inverseMassDiagonal = estimator.regularizedVariance();
      estimator.reset();
      windowIndex++;
      const restart = findReasonableStepSize(
        probeAt(state),
        Math.exp(adaptation.logStepSize),
        fold(searchKey, windowIndex),
      );
      adaptation = adapter.init(restart);
    }
  }
  const stepSize = Math.exp(
    adaptation.iteration > 0 ? adaptation.logAverageStepSize : adaptation.logStepSize,
  );
  return {
    stepSize,
    inverseMassDiagonal,
    position: state.position.slice(),
    state,
    gradientEvaluations,
    meanAcceptanceProbability: terminalCount > 0 ? terminalSum / terminalCount : Number.NaN,
  };
}
