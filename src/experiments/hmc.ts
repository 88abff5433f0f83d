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
 * by default, randomized around it at every transition; with `randomizeLength: false` a fixed
 * length resonates on the Gaussian (at integration time 4 its ESS collapses, and at 2 the MCSEs
 * are too small for a few near-resonant directions). NUTS picks its own length. The funnel has no single good step size: both samplers diverge in its
 * neck and under-sample it (compare the lower-tail fraction of v with the exact Φ(−1)); those
 * divergences are reported, not hidden, and the funnel run has no pass/fail check.
 *
 * Checkpoints: one per (sampler, chain) unit, with that unit's draws stored as base64 float64.
 */
import { z } from 'zod';
import { fold, type Key, split, uniform } from '../core/random/index.js';
import { effectiveSampleSize, monteCarloStandardError, rHat } from '../diagnostics/index.js';
import { type Energy, funnelEnergy, gaussianEnergy, randomCovariance } from '../energies/index.js';
import { type AdaptedParameters, type HmcInfo, type HmcState, hmc, nuts, warmup } from '../mcmc/hmc/index.js';
import type { SamplerInfo, SamplingAlgorithm } from '../mcmc/sampler.js';
import {
  type Check,
  defineExperiment,
  type ExperimentContext,
  type ExperimentOutput,
  type MetricValue,
  type Table,
} from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import type { PlotSpec } from './framework/plot-spec.js';

/** The two samplers compared, in report order. */
const samplerNames = ['hmc', 'nuts'] as const;
type SamplerName = (typeof samplerNames)[number];
const samplerTitles: Record<SamplerName, string> = { hmc: 'HMC', nuts: 'NUTS' };

/** The most numbers the draws of a run may hold (8 bytes each, both samplers): 400 MB. */
const maxStoredNumbers = 50_000_000;
/** Φ(−1): the probability that a normal variable falls more than one sd below its mean. */
const standardNormalBelowMinusOne = 0.15865525393145707;
/** Divergent points kept per unit, for the funnel's scatter plot. */
const maxDivergentPoints = 200;

/** Encodes a Float64Array as base64 (little-endian bytes), so a checkpoint holds draws compactly. */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Decodes `encodeFloat64`; throws when the text is not base64 of whole float64 numbers. */
export function decodeFloat64(text: string): Float64Array {
  const binary = atob(text);
  if (binary.length % 8 !== 0) {
    throw new Error(`decodeFloat64: ${binary.length} bytes is not a whole number of float64 values`);
  }
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  return Float64Array.from({ length: binary.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

/** A target with the exact moments the draws are checked against. */
interface Target {
  name: string;
  energy: Energy;
  mean: Float64Array;
  /** n×n row-major. */
  covariance: Float64Array;
  /** The exact marginal density of coordinate 0 (v for the funnel). */
  marginalDensity(x: number): number;
}

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
): Target {
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

/** What one (sampler, chain) unit leaves in the checkpoint. */
interface UnitRecord {
  /** draws × dimension, row-major, base64 float64. */
  draws: string;
  stepSize: number;
  warmupGradientEvaluations: number;
  gradientEvaluations: number;
  acceptanceSum: number;
  divergences: number;
  /** (x₀, x₁) of the points where a divergent transition started (at most `maxDivergentPoints`). */
  divergentPoints: number[];
}

interface RunState {
  /** units[s·chains + c]: sampler s, chain c. */
  units: UnitRecord[];
}

type AnyAlgorithm = SamplingAlgorithm<HmcState, SamplerInfo>;

/**
 * HMC whose number of leapfrog steps is drawn afresh at every transition, uniformly in
 * 1 … 2L̄ − 1 (mean L̄), independently of the state (Neal 2011, "MCMC using Hamiltonian
 * dynamics", §5.4.2.2). A mixture of exact HMC kernels is exact; the randomization breaks the
 * resonances of a fixed trajectory, where a mode whose period divides L·ε barely moves. On the
 * 100-d Gaussian a fixed length left some coordinates 1.3–1.5 times farther from the truth
 * than their MCSE (RMS over coordinates, four seeds); the randomized length gives 1.0–1.08.
 */
function randomizedLengthHmc(
  energy: Energy,
  adapted: AdaptedParameters,
  meanSteps: number,
): SamplingAlgorithm<HmcState, HmcInfo> {
  const samplers = new Map<number, SamplingAlgorithm<HmcState, HmcInfo>>();
  const withSteps = (numIntegrationSteps: number) => {
    let sampler = samplers.get(numIntegrationSteps);
    if (sampler === undefined) {
      sampler = hmc({ energy, ...adapted, numIntegrationSteps });
      samplers.set(numIntegrationSteps, sampler);
    }
    return sampler;
  };
  return {
    name: 'hmc-randomized-length',
    init: (position) => withSteps(meanSteps).init(position),
    step(key, state) {
      const [lengthKey, stepKey] = split(key);
      const steps = 1 + Math.floor(uniform(lengthKey, 1)[0] * (2 * meanSteps - 1));
      return withSteps(steps).step(stepKey, state);
    },
  };
}

/** Warmup then sampling for one chain of one sampler. */
function runUnit(
  sampler: SamplerName,
  target: Target,
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
    return params.randomizeLength
      ? randomizedLengthHmc(energy, adapted, steps)
      : hmc({ energy, ...adapted, numIntegrationSteps: steps });
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

/** What the analysis of one sampler's chains gives. */
interface SamplerSummary {
  meanError: { mean: number; stderr: number };
  meanErrorCoordinate: number;
  meanErrorRms: number;
  varianceError: { mean: number; stderr: number };
  varianceErrorCoordinate: number;
  covarianceError: number;
  essPerGradient: number;
  essPerCoordinate: number[];
  minimumEss: number;
  rHat: number;
  divergences: number;
  acceptance: number;
  stepSize: number;
  gradientsPerDraw: number;
  lowerTail: { mean: number; stderr: number };
  /** [chains][draws] of coordinate 0. */
  firstCoordinate: Float64Array[];
  /** Coordinate 1 of every draw of every chain (for the funnel scatter). */
  secondCoordinate: Float64Array[];
  divergentPoints: number[];
}

/** Mean and MCSE of `draws`, with a fallback when the chains never moved (MCSE undefined). */
function meanAndError(draws: Float64Array[]): { mean: number; stderr: number } {
  let sum = 0;
  let count = 0;
  for (const chain of draws) {
    for (const value of chain) {
      sum += value;
      count++;
    }
  }
  const stderr = monteCarloStandardError(draws);
  return { mean: sum / count, stderr: Number.isFinite(stderr) ? stderr : 0 };
}

/** |estimate − exact| in standard errors: +∞ for a wrong value with no error bar, 0 for an exact one. */
function zScore(estimate: { mean: number; stderr: number }, exact: number): number {
  const error = Math.abs(estimate.mean - exact);
  if (estimate.stderr > 0) return error / estimate.stderr;
  return error === 0 ? 0 : Number.POSITIVE_INFINITY;
}

function summarize(units: UnitRecord[], target: Target, dimension: number, draws: number): SamplerSummary {
  const chains = units.map((unit) => decodeFloat64(unit.draws));
  const coordinate = (i: number) =>
    chains.map((chain) => Float64Array.from({ length: draws }, (_, t) => chain[t * dimension + i]));
  const gradients = units.reduce((sum, unit) => sum + unit.gradientEvaluations, 0);
  let worstMean = { z: -1, index: 0, value: { mean: 0, stderr: 0 } };
  let worstVariance = { z: -1, index: 0, value: { mean: 0, stderr: 0 } };
  let squaredZ = 0;
  let finiteZ = 0;
  let minimumEss = Number.POSITIVE_INFINITY;
  let worstRHat = 0;
  const essPerCoordinate: number[] = [];
  for (let i = 0; i < dimension; i++) {
    const x = coordinate(i);
    const mu = target.mean[i];
    const mean = meanAndError(x);
    const z = zScore(mean, mu);
    if (Number.isFinite(z)) {
      squaredZ += z * z;
      finiteZ++;
    }
    if (z > worstMean.z) worstMean = { z, index: i, value: mean };
    const squares = x.map((chain) => chain.map((value) => (value - mu) ** 2));
    const variance = meanAndError(squares);
    const zVariance = zScore(variance, target.covariance[i * dimension + i]);
    if (zVariance > worstVariance.z) worstVariance = { z: zVariance, index: i, value: variance };
    // Chains that never moved have no ESS (0) and no R̂ (reported as 1e9, so its check fails).
    const ess = effectiveSampleSize(x);
    const finiteEss = Number.isFinite(ess) ? ess : 0;
    essPerCoordinate.push(finiteEss / gradients);
    minimumEss = Math.min(minimumEss, finiteEss);
    const r = rHat(x);
    worstRHat = Math.max(worstRHat, Number.isFinite(r) ? r : 1e9);
  }
  // The covariance about the exact mean, E[(x − μ)(x − μ)ᵀ], from all draws.
  const estimate = new Float64Array(dimension * dimension);
  const centred = new Float64Array(dimension);
  for (const chain of chains) {
    for (let t = 0; t < draws; t++) {
      for (let i = 0; i < dimension; i++) centred[i] = chain[t * dimension + i] - target.mean[i];
      for (let i = 0; i < dimension; i++) {
        const ci = centred[i];
        for (let j = 0; j <= i; j++) estimate[i * dimension + j] += ci * centred[j];
      }
    }
  }
  let difference = 0;
  let norm = 0;
  const total = chains.length * draws;
  for (let i = 0; i < dimension; i++) {
    for (let j = 0; j <= i; j++) {
      const weight = i === j ? 1 : 2;
      const exact = target.covariance[i * dimension + j];
      difference += weight * (estimate[i * dimension + j] / total - exact) ** 2;
      norm += weight * exact * exact;
    }
  }
  const first = coordinate(0);
  const threshold = target.mean[0] - Math.sqrt(target.covariance[0]);
  const lowerTail = meanAndError(first.map((chain) => chain.map((value) => (value < threshold ? 1 : 0))));
  return {
    meanError: worstMean.value,
    meanErrorCoordinate: worstMean.index,
    meanErrorRms: finiteZ > 0 ? Math.sqrt(squaredZ / finiteZ) : 0,
    varianceError: worstVariance.value,
    varianceErrorCoordinate: worstVariance.index,
    covarianceError: Math.sqrt(difference / norm),
    essPerGradient: minimumEss / gradients,
    essPerCoordinate,
    minimumEss,
    rHat: worstRHat,
    divergences: units.reduce((sum, unit) => sum + unit.divergences, 0),
    acceptance: units.reduce((sum, unit) => sum + unit.acceptanceSum, 0) / total,
    stepSize: units.reduce((sum, unit) => sum + unit.stepSize, 0) / units.length,
    gradientsPerDraw: gradients / total,
    lowerTail,
    firstCoordinate: first,
    secondCoordinate: coordinate(Math.min(1, dimension - 1)),
    divergentPoints: units.flatMap((unit) => unit.divergentPoints),
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
      summarize(
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
  target: Target,
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

  const first = (sampler: SamplerName) => summaries[sampler].firstCoordinate;
  const pooled = (sampler: SamplerName) => first(sampler).flatMap((chain) => Array.from(chain));
  const all = [...pooled('hmc'), ...pooled('nuts')];
  const sd0 = Math.sqrt(target.covariance[0]);
  let low = target.mean[0] - sd0;
  let high = target.mean[0] + sd0;
  for (const x of all) {
    low = Math.min(low, x);
    high = Math.max(high, x);
  }
  const grid = Array.from({ length: 300 }, (_, i) => low + ((high - low) * i) / 299);
  const coordinateName = params.target === 'funnel' ? 'v' : 'x₀';
  const plots: PlotSpec[] = [
    {
      kind: 'line',
      title: `Trace of ${coordinateName} (chain 1, after warmup)`,
      caption: 'Both samplers move freely through the target; NUTS adapts its trajectory length per draw.',
      x: { title: 'draw' },
      y: { title: coordinateName },
      series: samplerNames.map((sampler) => ({
        name: samplerTitles[sampler],
        x: Array.from(first(sampler)[0], (_, t) => t),
        y: first(sampler)[0],
      })),
    },
    {
      kind: 'histogram',
      title: `Marginal of ${coordinateName}, all chains`,
      caption:
        params.target === 'funnel'
          ? 'The exact marginal of v is N(0, 3²); the samplers miss part of its left tail (the neck of the funnel).'
          : 'The exact marginal is N(0, Σ₀₀).',
      x: { title: coordinateName },
      samples: samplerNames.map((sampler) => ({ name: samplerTitles[sampler], values: pooled(sampler) })),
      range: [low, high],
      reference: { name: 'exact density', x: grid, density: grid.map((x) => target.marginalDensity(x)) },
    },
    {
      kind: 'line',
      title: 'Effective sample size per gradient evaluation, by coordinate',
      caption:
        'The cost-fair efficiency of the two samplers; the smallest value over the coordinates is reported.',
      x: { title: 'coordinate' },
      y: { title: 'ESS per gradient', scale: 'log' },
      points: true,
      series: samplerNames.map((sampler) => ({
        name: samplerTitles[sampler],
        x: summaries[sampler].essPerCoordinate.map((_, i) => i),
        y: summaries[sampler].essPerCoordinate,
      })),
    },
  ];
  if (params.target === 'funnel') {
    const nuts = summaries.nuts;
    const vs = nuts.firstCoordinate.flatMap((chain) => Array.from(chain));
    const xs = nuts.secondCoordinate.flatMap((chain) => Array.from(chain));
    const divergent = samplerNames.flatMap((sampler) => summaries[sampler].divergentPoints);
    plots.push({
      kind: 'scatter',
      title: 'The funnel: NUTS draws of (v, x₁) and where divergent transitions started',
      caption:
        'Divergences cluster in the neck (small v), where the step size is too large for the scale of x.',
      x: { title: 'v' },
      y: { title: 'x₁' },
      series: [
        { name: 'NUTS draws', x: vs, y: xs },
        {
          name: 'divergent (HMC and NUTS)',
          x: divergent.filter((_, i) => i % 2 === 0),
          y: divergent.filter((_, i) => i % 2 === 1),
        },
      ],
    });
  }
  const table: Table = {
    title: `Samplers on the ${target.name}`,
    columns: [
      'sampler',
      'step size',
      'gradients per draw',
      'acceptance',
      'divergences',
      'min ESS',
      'ESS per gradient',
      'max R̂',
      'worst mean error (MCSE)',
      'covariance error',
    ],
    rows: samplerNames.map((sampler) => {
      const s = summaries[sampler];
      return [
        samplerTitles[sampler],
        s.stepSize,
        s.gradientsPerDraw,
        s.acceptance,
        s.divergences,
        s.minimumEss,
        s.essPerGradient,
        s.rHat,
        Math.abs(s.meanError.mean - target.mean[s.meanErrorCoordinate]) / s.meanError.stderr,
        s.covarianceError,
      ];
    }),
  };
  return { metrics, reference, checks, plots, tables: [table] };
}
