/**
 * Experiment `hmc`: Hamiltonian Monte Carlo and the No-U-Turn Sampler, both tuned by Stan's
 * warmup (dual averaging of the step size, a diagonal mass matrix from windowed variance
 * estimates), on a high-dimensional correlated Gaussian and on Neal's funnel.
 *
 * Every chain starts from a point drawn uniformly in [−2, 2]ⁿ (as Stan does), warms up, then
 * draws. The draws are checked against the exact target: the error of each coordinate's mean
 * and variance in units of its Monte Carlo standard error (MCSE = sd/√ESS), the relative
 * Frobenius error of the covariance, rank-normalised split R̂ over the chains, divergences.
 * Efficiency is the effective sample size per gradient evaluation (the smallest over the
 * coordinates), the cost measure that is fair between HMC's fixed trajectories and NUTS'
 * adaptive ones.
 *
 * HMC's trajectory length is set by `integrationTime` (L = ⌈time/ε⌉ steps once ε is tuned) and,
 * by default, drawn afresh in 1 … 2L − 1 at every transition (`hmc`'s `jitterIntegrationSteps`);
 * with `randomizeLength: false` a fixed length resonates on the Gaussian (at integration time 4
 * its ESS collapses, and at 2 the MCSEs are too small for a few near-resonant directions). NUTS
 * picks its own length. The funnel has no single good step size: both samplers diverge in its
 * neck and under-sample it (compare the lower-tail fraction of v with the exact Φ(−1)); those
 * divergences are reported, not hidden, and the funnel run has no pass/fail check.
 *
 * The statistics live in `hmc-summary.ts`, the plots and the table in `hmc-report.ts`.
 * Checkpoints: one per (sampler, chain) unit, with that unit's draws stored as base64 float64
 * (`encodeFloat64`).
 */
import { z } from 'zod';
import { fold, type Key, split, uniform } from '../core/random/index.js';
import { funnelEnergy, gaussianEnergy, randomCovariance } from '../energies/index.js';
import { type AdaptedParameters, type HmcState, hmc, nuts, warmup } from '../mcmc/hmc/index.js';
import type { SamplerInfo, SamplingAlgorithm } from '../mcmc/sampler.js';
import { encodeFloat64 } from './framework/checkpoint-codec.js';
import {
  type Check,
  defineExperiment,
  type ExperimentContext,
  type ExperimentOutput,
  type MetricValue,
} from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import { samplerPlots, samplerTable } from './hmc-report.js';
import {
  type ExactTarget,
  type SamplerName,
  type SamplerSummary,
  samplerNames,
  samplerTitles,
  summarizeSampler,
  type UnitRecord,
} from './hmc-summary.js';

/** The most numbers the draws of a run may hold (8 bytes each, both samplers): 400 MB. */
const maxStoredNumbers = 50_000_000;
/** Φ(−1): the probability that a normal variable falls more than one sd below its mean. */
const standardNormalBelowMinusOne = 0.15865525393145707;
/** Divergent points kept per unit, for the funnel's scatter plot. */
const maxDivergentPoints = 200;

function normalDensity(x: number, mean: number, sd: number): number {
  const u = (x - mean) / sd;
  return Math.exp(-0.5 * u * u) / (sd * Math.sqrt(2 * Math.PI));
}

/** The Gaussian N(0, Σ) with eigenvalues log-spaced in [1, κ] and a random rotation, or the funnel. */
function buildTarget(
  kind: 'gaussian' | 'funnel',
  dimension: number,
  conditionNumber: number,
  key: Key,
): ExactTarget {
  if (kind === 'gaussian') {
    const { covariance } = randomCovariance({ dimension, conditionNumber, key });
    const energy = gaussianEnergy({ covariance });
    const sd = Math.sqrt(covariance.data[0]);
    return {
      name: `${dimension}-d Gaussian (κ = ${conditionNumber})`,
      energy,
      mean: new Float64Array(dimension),
      covariance: Float64Array.from(covariance.data),
      marginalDensity: (x) => normalDensity(x, 0, sd),
    };
  }
  const energy = funnelEnergy({ dimension });
  const scale = energy.scale;
  const covariance = new Float64Array(dimension * dimension);
  covariance[0] = scale * scale;
  // Var(x_i) = E[Var(x_i | v)] = E[e^v] = e^{s²/2}.
  for (let i = 1; i < dimension; i++) covariance[i * dimension + i] = Math.exp((scale * scale) / 2);
  return {
    name: `${dimension}-d Neal's funnel`,
    energy,
    mean: new Float64Array(dimension),
    covariance,
    marginalDensity: (x) => normalDensity(x, 0, scale),
  };
}

interface RunState {
  /** units[s·chains + c]: sampler s, chain c. */
  units: UnitRecord[];
}

type AnyAlgorithm = SamplingAlgorithm<HmcState, SamplerInfo>;

/** Warmup then sampling for one chain of one sampler. */
function runUnit(
  sampler: SamplerName,
  target: ExactTarget,
  params: HmcParams,
  dimension: number,
  key: Key,
  onProgress: (fraction: number) => void,
): UnitRecord {
  const { energy } = target;
  const [initKey, warmupKey, sampleKey] = split(key, 3);
  const factory = (adapted: AdaptedParameters): AnyAlgorithm => {
    if (sampler === 'nuts') return nuts({ energy, ...adapted, maxTreeDepth: params.maxTreeDepth });
    // Stan's static HMC: a fixed integration time, L = ⌈time/ε⌉ steps (at most 1024).
    const steps = Math.min(1024, Math.max(1, Math.ceil(params.integrationTime / adapted.stepSize)));
    return hmc({
      energy,
      ...adapted,
      numIntegrationSteps: steps,
      jitterIntegrationSteps: params.randomizeLength,
    });
  };
  const start = uniform(initKey, dimension, { low: -2, high: 2 });
  const tuned = warmup(factory, start, warmupKey, {
    numSteps: params.warmupSteps,
    energy,
    targetAcceptance: params.targetAcceptance,
  });
  const algorithm = factory(tuned);
  let state = algorithm.init(tuned.position);
  const draws = new Float64Array(params.draws * dimension);
  let gradientEvaluations = 0;
  let acceptanceSum = 0;
  let divergences = 0;
  const divergentPoints: number[] = [];
  const every = Math.max(1, Math.floor(params.draws / 10));
  for (let t = 0; t < params.draws; t++) {
    const before = state;
    const [next, info] = algorithm.step(fold(sampleKey, t), state);
    state = next;
    gradientEvaluations += info.gradientEvaluations ?? 0;
    acceptanceSum += info.acceptanceProbability;
    if (info.divergent === true) {
      divergences++;
      if (divergentPoints.length < 2 * maxDivergentPoints) {
        divergentPoints.push(before.position[0], before.position[Math.min(1, dimension - 1)]);
      }
    }
    draws.set(state.position, t * dimension);
    if ((t + 1) % every === 0) onProgress((t + 1) / params.draws);
  }
  return {
    draws: encodeFloat64(draws),
    stepSize: tuned.stepSize,
    warmupGradientEvaluations: tuned.gradientEvaluations,
    gradientEvaluations,
    acceptanceSum,
    divergences,
    divergentPoints,
  };
}

/** The parameters of `hmc`. */
const hmcParams = z.object({
  target: z
    .enum(['gaussian', 'funnel'])
    .default('gaussian')
    .describe("the target: a correlated Gaussian or Neal's funnel"),
  dimension: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(0)
    .describe('dimension n; 0 picks 100 for the Gaussian and 10 for the funnel (which needs n ≥ 2)'),
  conditionNumber: z
    .number()
    .min(1)
    .max(1e6)
    .default(100)
    .describe('condition number κ of the Gaussian covariance (eigenvalues log-spaced in [1, κ])'),
  chains: z.number().int().min(2).max(16).default(4).describe('independent chains per sampler'),
  warmupSteps: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(500)
    .describe('warmup transitions per chain (step size and diagonal mass adaptation)'),
  draws: z.number().int().min(20).max(1_000_000).default(1000).describe('draws per chain after warmup'),
  integrationTime: z
    .number()
    .min(0.01)
    .max(100)
    .default(2)
    .describe('HMC trajectory length L·ε (L = ⌈time/ε⌉ leapfrog steps, at most 1024)'),
  randomizeLength: z
    .boolean()
    .default(true)
    .describe(
      'HMC: draw the number of leapfrog steps uniformly in 1…2L−1 at each transition (false: fixed L)',
    ),
  maxTreeDepth: z.number().int().min(1).max(15).default(10).describe('NUTS: largest number of doublings'),
  targetAcceptance: z
    .number()
    .min(0.5)
    .max(0.99)
    .default(0.8)
    .describe('mean acceptance statistic that dual averaging aims at'),
});

type HmcParams = z.output<typeof hmcParams>;

/** Metric names per sampler, with their descriptions. */
function samplerMetrics(sampler: SamplerName) {
  const title = samplerTitles[sampler];
  return {
    [`${sampler}MeanError`]: {
      description: `${title}: the coordinate mean farthest from the exact one in MCSE units, with its MCSE`,
    },
    [`${sampler}MeanErrorRms`]: {
      description: `${title}: root mean square over coordinates of (mean − exact)/MCSE (≈ 1 when MCSEs are honest)`,
    },
    [`${sampler}VarianceError`]: {
      description: `${title}: the coordinate variance farthest from the exact one in MCSE units, with its MCSE`,
    },
    [`${sampler}CovarianceError`]: {
      description: `${title}: relative Frobenius error ‖Σ̂ − Σ‖/‖Σ‖ of the covariance about the exact mean`,
    },
    [`${sampler}EssPerGradient`]: {
      description: `${title}: smallest effective sample size over the coordinates per gradient evaluation (sampling phase)`,
    },
    [`${sampler}MinimumEss`]: {
      description: `${title}: smallest effective sample size over the coordinates`,
    },
    [`${sampler}RHat`]: { description: `${title}: largest rank-normalised split R̂ over the coordinates` },
    [`${sampler}Divergences`]: { description: `${title}: divergent transitions after warmup, all chains` },
    [`${sampler}Acceptance`]: { description: `${title}: mean acceptance statistic after warmup` },
    [`${sampler}StepSize`]: { description: `${title}: adapted step size ε (mean over chains)` },
    [`${sampler}GradientsPerDraw`]: { description: `${title}: gradient evaluations per draw after warmup` },
    [`${sampler}LowerTail`]: {
      description: `${title}: fraction of draws with x₀ < μ₀ − σ₀ (the funnel's neck for v); exact Φ(−1)`,
    },
  };
}

/** HMC and NUTS, with Stan's warmup, on a 100-d correlated Gaussian and on Neal's funnel. */
export const hmcExperiment = defineExperiment({
  name: 'hmc',
  title: 'HMC and NUTS on a 100-dimensional correlated Gaussian and on Neal’s funnel',
  description:
    'Hamiltonian Monte Carlo (fixed integration time) and the No-U-Turn Sampler, both tuned by Stan’s warmup ' +
    '(dual averaging of the step size, diagonal mass matrix), run several chains from overdispersed starts. The ' +
    'draws are checked against the exact target: each coordinate’s mean and variance in units of its Monte Carlo ' +
    'standard error, the covariance, split R̂ < 1.05, no divergences on the Gaussian. Efficiency: effective ' +
    'sample size per gradient evaluation. On the funnel both samplers diverge in the neck and under-sample it; ' +
    'the divergences are reported (no pass/fail check there).',
  params: hmcParams,
  metrics: { ...samplerMetrics('hmc'), ...samplerMetrics('nuts') },
  tour: { dimension: 20, chains: 2, warmupSteps: 200, draws: 300 },
  async run(params, context) {
    return runHmc(params, context);
  },
});

async function runHmc(params: HmcParams, context: ExperimentContext): Promise<ExperimentOutput> {
  const dimension = params.dimension > 0 ? params.dimension : params.target === 'gaussian' ? 100 : 10;
  if (params.target === 'funnel' && dimension < 2) {
    throw new ParameterError(
      `parameter "dimension" of hmc must be at least 2 for the funnel (v and one x), or 0 for 10; got ${dimension}`,
    );
  }
  const stored = 2 * params.chains * params.draws * dimension;
  if (stored > maxStoredNumbers) {
    throw new ParameterError(
      `parameters "chains", "draws" and "dimension" of hmc: chains·draws·dimension must be at most ${maxStoredNumbers / 2} (the draws are kept in memory); got ${stored / 2}`,
    );
  }
  const target = buildTarget(params.target, dimension, params.conditionNumber, fold(context.key, 0));
  const state = context.checkpoint.load<RunState>() ?? { units: [] };
  const totalUnits = samplerNames.length * params.chains;
  for (let u = state.units.length; u < totalUnits; u++) {
    const sampler = samplerNames[Math.floor(u / params.chains)];
    const chain = u % params.chains;
    const label = `${samplerTitles[sampler]}, chain ${chain + 1}/${params.chains}`;
    const key = fold(fold(context.key, 1 + Math.floor(u / params.chains)), chain);
    state.units.push(
      runUnit(sampler, target, params, dimension, key, (fraction) =>
        context.progress(u + fraction, totalUnits, label),
      ),
    );
    context.checkpoint.save(state);
  }
  const summaries = Object.fromEntries(
    samplerNames.map((sampler, s) => [
      sampler,
      summarizeSampler(
        state.units.slice(s * params.chains, (s + 1) * params.chains),
        target,
        dimension,
        params.draws,
      ),
    ]),
  ) as Record<SamplerName, SamplerSummary>;
  return buildOutput(params, target, dimension, summaries);
}

function buildOutput(
  params: HmcParams,
  target: ExactTarget,
  dimension: number,
  summaries: Record<SamplerName, SamplerSummary>,
): ExperimentOutput {
  const metrics: Record<string, MetricValue> = {};
  const reference: Record<string, number | string> = {};
  const checks: Check[] = [];
  for (const sampler of samplerNames) {
    const s = summaries[sampler];
    Object.assign(metrics, {
      [`${sampler}MeanError`]: s.meanError,
      [`${sampler}MeanErrorRms`]: s.meanErrorRms,
      [`${sampler}VarianceError`]: s.varianceError,
      [`${sampler}CovarianceError`]: s.covarianceError,
      [`${sampler}EssPerGradient`]: s.essPerGradient,
      [`${sampler}MinimumEss`]: s.minimumEss,
      [`${sampler}RHat`]: s.rHat,
      [`${sampler}Divergences`]: s.divergences,
      [`${sampler}Acceptance`]: s.acceptance,
      [`${sampler}StepSize`]: s.stepSize,
      [`${sampler}GradientsPerDraw`]: s.gradientsPerDraw,
      [`${sampler}LowerTail`]: s.lowerTail,
    });
    const exactVariance = target.covariance[s.varianceErrorCoordinate * (dimension + 1)];
    Object.assign(reference, {
      [`${sampler}MeanError`]: target.mean[s.meanErrorCoordinate],
      [`${sampler}MeanErrorRms`]: 1,
      [`${sampler}VarianceError`]: exactVariance,
      [`${sampler}CovarianceError`]: 0,
      [`${sampler}RHat`]: 1,
      [`${sampler}Divergences`]: 0,
      [`${sampler}LowerTail`]: standardNormalBelowMinusOne,
    });
    if (params.target === 'gaussian') {
      // 4.5 MCSE for the worst of n means: false failures ≈ 2n·7e-6 (0.3% at n = 100, both
      // samplers). 5 MCSE for the variances: the error of a variance estimate, in units of its own
      // MCSE, has a heavier lower tail (a low estimate comes with a small MCSE).
      checks.push(
        {
          metric: `${sampler}MeanError`,
          reference: target.mean[s.meanErrorCoordinate],
          tolerance: 4.5,
          kind: 'stderr',
        },
        { metric: `${sampler}VarianceError`, reference: exactVariance, tolerance: 5, kind: 'stderr' },
        { metric: `${sampler}RHat`, reference: 1, tolerance: 0.05, kind: 'absolute' },
        { metric: `${sampler}Divergences`, reference: 0, tolerance: 0, kind: 'absolute' },
      );
    }
  }
  reference.target = `${target.name}: exact mean and covariance`;

  const plots = samplerPlots(params.target, target, summaries);
  return { metrics, reference, checks, plots, tables: [samplerTable(target, summaries)] };
}
