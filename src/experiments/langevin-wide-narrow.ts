/**
 * Experiment `langevin-wide-narrow` (seed essays 001 and 003): the entropic preference for flat
 * minima. Two minima of exactly equal depth, one wide and one narrow; Langevin dynamics at
 * temperature T spends its time in each basin in proportion to the basin's Boltzmann weight
 * Z_b = ∫_b exp(−U/T) dx, not to its depth. At low T a basin is a Gaussian of width ∝ 1/√U″,
 * so Z_wide/Z_narrow → √(U″_narrow/U″_wide): the wide basin wins by its volume.
 *
 * The occupancy ratio (time in the wide basin over time in the narrow one) is measured on
 * independent chains, with an error bar from Geyer's effective sample size of the basin
 * indicator (computed on block means, so memory stays flat), and compared with the exact ratio
 * from adaptive quadrature (`wideNarrowWellEnergy.basinProbabilities`). A sweep repeats the
 * measurement at several temperatures.
 *
 * Discretisation bias. Unadjusted dynamics sample exp(−U/T) only up to a step-size bias.
 * Measured at T = 0.3 with runs of 4 × 10⁷ to 8 × 10⁷ steps: BAOAB at h = 0.1 overestimates
 * the ratio by 2.1 ± 0.6%, at h = 0.05 underestimates it by 2.1 ± 0.4% (the bias changes sign;
 * what the step resolves badly is the stiff quartic wall beside the narrow well, U″ ≈ 300 one
 * width out), and at the default h = 0.02 it is +0.6 ± 0.7%, consistent with the −0.3% that
 * h² scaling from h = 0.05 predicts: well below the ±3% error bar of the default run. ULA's
 * bias is first order: in the harmonic approximation of the wells the ratio is multiplied by
 * √((1 − hU″_n/2)/(1 − hU″_w/2)) ≈ 1 − h(U″_n − U″_w)/4, −1% at its default h = 0.002. MALA is
 * exact at any step (its Metropolis test removes the bias), at about ten times the cost per step.
 *
 * One chain's dynamics live in `langevin-wide-narrow-walker.ts`, the plots and the table in
 * `langevin-wide-narrow-report.ts`.
 */
import { z } from 'zod';
import { fold, type Key } from '../core/random/index.js';
import { monteCarloStandardError, rHat } from '../diagnostics/index.js';
import { type WideNarrowWellEnergy, wideNarrowWellEnergy } from '../energies/index.js';
import { defineExperiment, type ExperimentContext, type ExperimentOutput } from './framework/define.js';
import { type StageSummary, wideNarrowReport } from './langevin-wide-narrow-report.js';
import {
  createWalker,
  type WalkerOptions,
  type WalkerSnapshot,
  type WideNarrowDynamics,
} from './langevin-wide-narrow-walker.js';

export type { WideNarrowDynamics } from './langevin-wide-narrow-walker.js';

/**
 * The step size used when the `stepSize` parameter is 0: a fixed fraction of the narrow well's
 * time scale (its curvature is ≈ depth/narrowWidth²), small enough that the discretisation
 * bias stays well below the statistical error of the default run.
 */
export function automaticStepSize(dynamics: WideNarrowDynamics, narrowWidth: number): number {
  switch (dynamics) {
    case 'underdamped':
      return 0.1 * narrowWidth; // h·ω_narrow = 0.1
    case 'overdamped':
      return 0.05 * narrowWidth * narrowWidth; // h·U″_narrow = 0.05
    case 'mala':
      return 0.5 * narrowWidth * narrowWidth; // acceptance ≈ 0.95
  }
}

/** What one finished chain leaves behind. */
interface ChainRecord {
  /** Fraction of time in the wide basin, per block of consecutive steps. */
  blockMeans: number[];
  /** Committed transitions: entries into one well's core after last visiting the other's. */
  transitions: number;
  /** Thinned positions (main temperature only), for the histogram. */
  samples: number[];
  /** Accepted steps after burn-in (MALA; every step for the unadjusted dynamics). */
  accepted: number;
  /** Steps after burn-in. */
  measuredSteps: number;
}

/** A chain in progress. */
interface ChainProgress extends ChainRecord {
  walker: WalkerSnapshot;
  /** −1 not yet in a core, 0 last in the wide core, 1 last in the narrow core. */
  lastCore: number;
  /** Accepted steps counted by the walker when burn-in ended (null during burn-in). */
  acceptedAtBurnIn: number | null;
}

/** The checkpoint: finished temperatures, the chains finished at the current one, the chain in progress. */
interface RunState {
  stages: ChainRecord[][];
  chains: ChainRecord[];
  progress: ChainProgress | null;
}

/** The plan of one temperature. */
interface StagePlan {
  temperature: number;
  steps: number;
  keepSamples: boolean;
}

/** Block means kept per chain: the ESS is computed on them, so memory does not grow with the run. */
const blocksPerChain = 1000;
/** Positions kept for the histogram, over all chains. */
const histogramSamples = 20_000;
/** Steps between checkpoints (rounded up to whole blocks). */
const stepsPerSave = 2_000_000;

/** Burn-in steps of a chain: 10% of its measured steps. */
function burnInSteps(plan: StagePlan): number {
  return Math.ceil(plan.steps / 10);
}

/** Steps in one block; the measured steps are rounded down to a whole number of blocks. */
function blockSizeOf(plan: StagePlan): number {
  return Math.floor(plan.steps / blocksPerChain);
}

/** Steps of one chain, burn-in included. */
function chainSteps(plan: StagePlan): number {
  return burnInSteps(plan) + blocksPerChain * blockSizeOf(plan);
}

function freshProgress(start: number): ChainProgress {
  return {
    blockMeans: [],
    transitions: 0,
    samples: [],
    accepted: 0,
    measuredSteps: 0,
    walker: { position: start, momentum: 0, steps: 0, stream: null, accepted: 0 },
    lastCore: -1,
    acceptedAtBurnIn: null,
  };
}

/**
 * Runs one chain to the end from `progress` (burn-in, then the measured blocks), calling `save`
 * at mid-chain and every `stepsPerSave` steps or so, never after the last block.
 */
function runChain(
  energy: WideNarrowWellEnergy,
  walkerOptions: WalkerOptions,
  key: Key,
  plan: StagePlan,
  chains: number,
  progress: ChainProgress,
  save: (progress: ChainProgress) => void,
): ChainRecord {
  const walker = createWalker(energy, walkerOptions, key, progress.walker);
  const blockSize = blockSizeOf(plan);
  const thin = Math.max(1, Math.floor((chains * blocksPerChain * blockSize) / histogramSamples));
  const divide = energy.dividingPoint;
  const coreLevel = -0.5 * energy.depth;
  const assertFinite = () => {
    const x = walker.position;
    if (!Number.isFinite(x)) {
      throw new Error(
        `langevin-wide-narrow: the ${walkerOptions.dynamics} dynamics diverged (x = ${x}) with stepSize ${walkerOptions.stepSize}; ` +
          `choose a smaller stepSize (0 picks ${automaticStepSize(walkerOptions.dynamics, energy.narrowWidth)})`,
      );
    }
  };
  if (progress.acceptedAtBurnIn === null) {
    const burnIn = burnInSteps(plan);
    for (let t = 0; t < burnIn; t++) walker.step();
    assertFinite();
    progress.acceptedAtBurnIn = walker.snapshot().accepted;
  }
  let sinceSave = 0;
  while (progress.blockMeans.length < blocksPerChain) {
    let wide = 0;
    for (let t = 0; t < blockSize; t++) {
      walker.step();
      const x = walker.position;
      // A transition is counted when the walker reaches the bottom region (U < −D/2) of the
      // other well, so the many recrossings of the barrier top count once.
      if (x < divide) {
        wide++;
        if (walker.energy < coreLevel && progress.lastCore !== 0) {
          if (progress.lastCore === 1) progress.transitions++;
          progress.lastCore = 0;
        }
      } else if (walker.energy < coreLevel && progress.lastCore !== 1) {
        if (progress.lastCore === 0) progress.transitions++;
        progress.lastCore = 1;
      }
      if (plan.keepSamples && (progress.measuredSteps + t) % thin === 0) progress.samples.push(x);
    }
    assertFinite();
    progress.blockMeans.push(wide / blockSize);
    progress.measuredSteps += blockSize;
    sinceSave += blockSize;
    progress.walker = walker.snapshot();
    progress.accepted = progress.walker.accepted - progress.acceptedAtBurnIn;
    // A save at mid-chain and every `stepsPerSave` steps; none at the end (the next chain's
    // first save carries this chain's record).
    const saveEvery = Math.min(stepsPerSave, (blocksPerChain / 2) * blockSize);
    if (sinceSave >= saveEvery && progress.blockMeans.length < blocksPerChain) {
      save(progress);
      sinceSave = 0;
    }
  }
  const { blockMeans, transitions, samples, accepted, measuredSteps } = progress;
  return { blockMeans, transitions, samples, accepted, measuredSteps };
}

/** Mean and autocorrelation-corrected standard error of the wide-basin fraction, and the ratio. */
function summarize(energy: WideNarrowWellEnergy, temperature: number, records: ChainRecord[]): StageSummary {
  const draws = records.map((record) => Float64Array.from(record.blockMeans));
  let sum = 0;
  let count = 0;
  for (const chain of draws) {
    for (const value of chain) {
      sum += value;
      count++;
    }
  }
  const fraction = sum / count;
  if (!(fraction > 0 && fraction < 1)) {
    throw new Error(
      `langevin-wide-narrow: at temperature ${temperature} the chains never left the ${fraction >= 1 ? 'wide' : 'narrow'} basin; ` +
        'raise the temperature or the number of steps',
    );
  }
  // Geyer's ESS of the block means (blocks are a stationary series too). When no chain ever
  // switched basin the series are constant and the ESS undefined: fall back to one draw per chain.
  let stderr = monteCarloStandardError(draws);
  if (!(Number.isFinite(stderr) && stderr > 0))
    stderr = Math.sqrt((fraction * (1 - fraction)) / records.length);
  const ratio = fraction / (1 - fraction);
  // Delta method: d(f/(1 − f))/df = 1/(1 − f)².
  const ratioStderr = stderr / (1 - fraction) ** 2;
  const exact = energy.basinProbabilities(temperature);
  const measured = records.reduce((s, r) => s + r.measuredSteps, 0);
  const rHatValue = rHat(draws);
  return {
    temperature,
    wideFraction: { mean: fraction, stderr },
    ratio: { mean: ratio, stderr: ratioStderr },
    exact: exact.ratio,
    exactWideFraction: exact.wide,
    z: (ratio - exact.ratio) / ratioStderr,
    transitions: records.reduce((s, r) => s + r.transitions, 0),
    // The ESS of the per-step indicator: its variance f(1 − f) over the variance of the mean.
    effectiveSampleSize: (fraction * (1 - fraction)) / (stderr * stderr),
    rHat: Number.isFinite(rHatValue) ? rHatValue : 1,
    acceptanceRate: records.reduce((s, r) => s + r.accepted, 0) / measured,
  };
}

/** The parameters of `langevin-wide-narrow`. */
const wideNarrowParams = z.object({
  dynamics: z
    .enum(['underdamped', 'overdamped', 'mala'])
    .default('underdamped')
    .describe('the Langevin dynamics: underdamped (BAOAB), overdamped (ULA) or mala (exact)'),
  temperature: z.number().min(0.05).max(5).default(0.3).describe('temperature T of the main measurement'),
  stepSize: z
    .number()
    .min(0)
    .max(0.5)
    .default(0)
    .describe(
      'step size h; 0 picks 0.1·narrowWidth (underdamped), 0.05·narrowWidth² (overdamped) or 0.5·narrowWidth² (MALA)',
    ),
  friction: z.number().min(0.01).max(100).default(1).describe('friction γ of the underdamped dynamics'),
  steps: z
    .number()
    .int()
    .min(10_000)
    .max(1_000_000_000)
    .default(5_000_000)
    .describe('measured steps per chain at the main temperature (plus 10% burn-in)'),
  chains: z
    .number()
    .int()
    .min(2)
    .max(64)
    .default(4)
    .describe('independent chains, started alternately in each well'),
  sweepTemperatures: z
    .array(z.number().min(0.05).max(5))
    .max(16)
    .default([0.25, 0.35, 0.5, 0.7, 1])
    .describe('temperatures of the sweep (empty: no sweep)'),
  sweepSteps: z
    .number()
    .int()
    .min(10_000)
    .max(1_000_000_000)
    .default(1_000_000)
    .describe('measured steps per chain at each sweep temperature'),
  wideWidth: z.number().min(0.05).max(2).default(0.5).describe('width of the wide well'),
  narrowWidth: z.number().min(0.05).max(2).default(0.2).describe('width of the narrow well'),
});

type WideNarrowParams = z.output<typeof wideNarrowParams>;

/** Occupancy of a wide vs a narrow minimum of equal depth: the entropic preference for flat minima. */
export const langevinWideNarrow = defineExperiment({
  name: 'langevin-wide-narrow',
  title: 'Langevin dynamics prefers the wide minimum: occupancy of a wide vs a narrow well of equal depth',
  description:
    'Two minima of exactly equal depth, one wide and one narrow (wideNarrowWellEnergy). Langevin dynamics at ' +
    'temperature T spends time in each basin in proportion to its Boltzmann weight ∫ exp(−U/T), so the wide ' +
    'basin wins although it is no deeper: the ratio tends to √(U″_narrow/U″_wide) as T → 0. The measured ' +
    'occupancy ratio (independent chains, error bar from the effective sample size of the basin indicator) ' +
    'is checked against the exact ratio from adaptive quadrature, at one temperature and over a sweep. ' +
    'Dynamics: underdamped Langevin (BAOAB), overdamped Langevin (ULA) or MALA; the step is small enough ' +
    'that the discretisation bias is below the error bar (BAOAB at the default h = 0.02: +0.6 ± 0.7% measured; MALA: none).',
  params: wideNarrowParams,
  metrics: {
    occupancyRatio: {
      description: 'time in the wide basin over time in the narrow one, at the main temperature',
    },
    wideFraction: { description: 'fraction of time spent in the wide basin, at the main temperature' },
    exactRatio: {
      description: 'exact Boltzmann ratio Z_wide/Z_narrow from quadrature, at the main temperature',
    },
    lowTemperatureRatio: { description: 'the T → 0 limit √(U″_narrow/U″_wide) of the exact ratio' },
    relativeDeviation: { description: '(measured − exact)/exact occupancy ratio, at the main temperature' },
    transitions: { description: 'committed transitions between the two wells, all chains, main temperature' },
    effectiveSampleSize: { description: 'effective sample size of the basin indicator, main temperature' },
    indicatorRHat: { description: 'rank-normalised split R̂ of the basin indicator (block means)' },
    acceptanceRate: { description: 'fraction of accepted steps (1 for the unadjusted dynamics)' },
    stepSize: { description: 'the step size h used' },
    sweepWorstDeviation: {
      description:
        'largest |measured − exact|/stderr of the ratio over the sweep temperatures (0 without sweep)',
    },
  },
  tour: {
    steps: 400_000,
    chains: 2,
    temperature: 0.4,
    sweepTemperatures: [0.6, 1],
    sweepSteps: 200_000,
  },
  async run(params, context) {
    return runWideNarrow(params, context);
  },
});

async function runWideNarrow(
  params: WideNarrowParams,
  context: ExperimentContext,
): Promise<ExperimentOutput> {
  const { dynamics, temperature, friction, chains } = params;
  const energy = wideNarrowWellEnergy({ wideWidth: params.wideWidth, narrowWidth: params.narrowWidth });
  const stepSize = params.stepSize > 0 ? params.stepSize : automaticStepSize(dynamics, params.narrowWidth);
  const plans: StagePlan[] = [
    { temperature, steps: params.steps, keepSamples: true },
    ...params.sweepTemperatures.map((t) => ({
      temperature: t,
      steps: params.sweepSteps,
      keepSamples: false,
    })),
  ];
  const totalWork = plans.reduce((sum, plan) => sum + chains * chainSteps(plan), 0);
  const state = context.checkpoint.load<RunState>() ?? { stages: [], chains: [], progress: null };
  const report = (stage: number, chain: number, stepsInChain: number) => {
    const before = plans.slice(0, stage).reduce((sum, plan) => sum + chains * chainSteps(plan), 0);
    const done = before + chain * chainSteps(plans[stage]) + stepsInChain;
    const label = stage === 0 ? `T = ${plans[stage].temperature}` : `sweep T = ${plans[stage].temperature}`;
    context.progress(done, totalWork, `${label}, chain ${chain + 1}/${chains}`);
  };

  for (let s = state.stages.length; s < plans.length; s++) {
    const plan = plans[s];
    const stageKey = fold(context.key, s);
    for (let c = state.chains.length; c < chains; c++) {
      const progress = state.progress ?? freshProgress(c % 2 === 0 ? energy.wideCenter : energy.narrowCenter);
      const record = runChain(
        energy,
        { dynamics, stepSize, friction, temperature: plan.temperature },
        fold(stageKey, c),
        plan,
        chains,
        progress,
        (current) => {
          state.progress = current;
          context.checkpoint.save(state);
          report(s, c, burnInSteps(plan) + current.measuredSteps);
        },
      );
      state.chains.push(record);
      state.progress = null;
      if (state.chains.length === chains) {
        state.stages.push(state.chains);
        state.chains = [];
      }
      // No save here: the next chain's mid-chain save carries this one (one fsync per chain).
      report(s, c, chainSteps(plan));
    }
  }

  const summaries = state.stages.map((records, s) => summarize(energy, plans[s].temperature, records));
  return buildOutput(energy, params, stepSize, summaries, state.stages[0]);
}

/** Metrics, references and checks from the stage summaries; the plots and table from the report. */
function buildOutput(
  energy: WideNarrowWellEnergy,
  params: WideNarrowParams,
  stepSize: number,
  summaries: StageSummary[],
  mainRecords: ChainRecord[],
): ExperimentOutput {
  const main = summaries[0];
  const sweep = summaries.slice(1);
  const sweepWorstDeviation = sweep.reduce((worst, s) => Math.max(worst, Math.abs(s.z)), 0);
  const samples = mainRecords.flatMap((record) => record.samples);
  return {
    metrics: {
      occupancyRatio: main.ratio,
      wideFraction: main.wideFraction,
      exactRatio: main.exact,
      lowTemperatureRatio: energy.lowTemperatureRatio,
      relativeDeviation: (main.ratio.mean - main.exact) / main.exact,
      transitions: main.transitions,
      effectiveSampleSize: main.effectiveSampleSize,
      indicatorRHat: main.rHat,
      acceptanceRate: main.acceptanceRate,
      stepSize,
      sweepWorstDeviation,
    },
    reference: {
      occupancyRatio: main.exact,
      wideFraction: main.exactWideFraction,
      lowTemperatureRatio: energy.lowTemperatureRatio,
      relativeDeviation: 0,
      sweepWorstDeviation: 0,
      source: 'Boltzmann weights ∫ exp(−U/T) over each basin by adaptive Gauss–Kronrod quadrature',
    },
    checks: [
      // 4 standard errors: a false failure about once in 16 000 runs for a Gaussian estimate.
      { metric: 'occupancyRatio', reference: main.exact, tolerance: 4, kind: 'stderr' as const },
      // Each sweep point within 4.5 standard errors: false failures < 1e-4 over 16 points.
      ...(sweep.length > 0
        ? [{ metric: 'sweepWorstDeviation', reference: 0, tolerance: 4.5, kind: 'absolute' as const }]
        : []),
    ],
    ...wideNarrowReport(energy, params.dynamics, params.temperature, summaries, samples),
  };
}
