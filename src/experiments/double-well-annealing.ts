/**
 * Experiment `double-well-annealing` (seed essays 001 and 003): temperature decides between
 * staying and hopping. Overdamped Langevin dynamics dx = −U′(x)dt + √(2T)dW on the double well
 * U(x) = (x² − 1)² (barrier 1 between minima at ±1), run at a constant low temperature T and
 * under a cyclic schedule T(t) = T + A·cos(2πt/P) with the same mean temperature.
 *
 * A crossing is counted when the walker, last at one minimum, reaches the other one; the
 * times between crossings (dwell times) are then independent first-passage times, exponential
 * at constant T with mean τ(T), the exact mean first-passage time of the diffusion,
 *
 *   τ = (1/T) ∫_{−1}^{1} e^{U(y)/T} ∫_{−∞}^{y} e^{−U(z)/T} dz dy,
 *
 * computed by nested adaptive quadrature (`doubleWellPassageTime` in `energies`). Kramers' law k = √(U″(±1)|U″(0)|)/(2π)·e^{−1/T}
 * is its low-temperature limit (12% too fast at T = 0.25, where the barrier is only 4T). The
 * cyclic schedule crosses more often at the same mean temperature because the rate is convex in
 * T; its rate is compared with the adiabatic prediction, the cycle average of 1/τ(T(t)). By
 * symmetry both schedules spend half the time in each well (the Boltzmann 50/50).
 *
 * The dynamics is the Euler–Maruyama integrator (ULA) with the temperature set at every step.
 * Its O(h) bias on the crossing rate, measured at h = 0.005 and T = 0.25 over 13 000 crossings
 * (seven runs), is +1.0 ± 0.9%: small against the ±3% error bar of the default run (ULA's
 * invariant law itself is off by O(h): the variance in a well by hU″(±1)/2 = 2%).
 */
import { z } from 'zod';
import { fold, type Key, RandomStream, type RandomStreamState } from '../core/random/index.js';
import { monteCarloStandardError } from '../diagnostics/index.js';
import {
  adiabaticRate,
  type DoubleWellEnergy,
  doubleWellEnergy,
  doubleWellPassageTime,
} from '../energies/index.js';
import { eulerMaruyama } from '../integrators/index.js';
import type { OverdampedState } from '../integrators/stochastic.js';
import { constant, cyclicTemperature, type Schedule } from '../schedules/index.js';
import { crossingReport } from './double-well-annealing-report.js';
import { defineExperiment, type ExperimentContext, type ExperimentOutput } from './framework/define.js';
import { ParameterError } from './framework/errors.js';

/** Where a walker stands. */
interface WalkerSnapshot {
  position: number;
  stream: RandomStreamState | null;
}

/** What one finished chain leaves behind. */
interface ChainRecord {
  /** Crossings in each cycle (one block = one period of the cyclic schedule). */
  crossingsPerCycle: number[];
  /** Fraction of each cycle spent in the left well (x < 0). */
  leftFractionPerCycle: number[];
  /** Completed dwell times, in time units. */
  dwellTimes: number[];
  /** x(t) over the first cycles, thinned (chain 0 only). */
  trace: number[];
}

/** A chain in progress. */
interface ChainProgress extends ChainRecord {
  walker: WalkerSnapshot;
  /** The well last reached: −1 or +1. */
  side: number;
  /** Steps taken so far. */
  step: number;
  /** Step of the last crossing (0 at the start: the walker starts at a minimum). */
  lastCrossing: number;
}

interface RunState {
  /** schedules[0]: constant T; schedules[1]: cyclic; each a list of finished chains. */
  schedules: ChainRecord[][];
  chains: ChainRecord[];
  progress: ChainProgress | null;
}

/** The plan of a run, shared by both schedules. */
interface Plan {
  stepSize: number;
  stepsPerCycle: number;
  cycles: number;
  traceCycles: number;
  traceThin: number;
}

const maxTracePoints = 4000;
/** Steps between checkpoints within a chain (rounded to whole cycles), besides one at mid-chain. */
const stepsPerSave = 2_000_000;

/**
 * Runs one chain of overdamped Langevin under `schedule` (a function of the step; read at every
 * step when `varying`), saving at mid-chain and every `stepsPerSave` steps or so.
 */
function runChain(
  energy: DoubleWellEnergy,
  schedule: Schedule,
  varying: boolean,
  plan: Plan,
  key: Key,
  keepTrace: boolean,
  progress: ChainProgress,
  save: (progress: ChainProgress) => void,
): ChainRecord {
  const integrator = eulerMaruyama(energy, { temperature: schedule(progress.step) });
  const stream =
    progress.walker.stream === null ? new RandomStream(key) : RandomStream.fromState(progress.walker.stream);
  const state: OverdampedState = {
    position: Float64Array.of(progress.walker.position),
    potentialEnergy: 0,
    gradient: new Float64Array(1),
  };
  state.potentialEnergy = energy.energyAndGradient(state.position, state.gradient);
  const { stepSize, stepsPerCycle, cycles } = plan;
  const saveEvery = Math.max(stepsPerCycle, Math.min(stepsPerSave, (cycles / 2) * stepsPerCycle));
  let sinceSave = 0;
  while (progress.crossingsPerCycle.length < cycles) {
    let crossings = 0;
    let left = 0;
    const tracing = keepTrace && progress.crossingsPerCycle.length < plan.traceCycles;
    for (let i = 0; i < stepsPerCycle; i++) {
      if (varying) integrator.temperature = schedule(progress.step);
      integrator.step(state, stepSize, stream);
      progress.step++;
      const x = state.position[0];
      if (x < 0) left++;
      if ((progress.side < 0 && x >= 1) || (progress.side > 0 && x <= -1)) {
        progress.side = -progress.side;
        crossings++;
        progress.dwellTimes.push((progress.step - progress.lastCrossing) * stepSize);
        progress.lastCrossing = progress.step;
      }
      if (tracing && progress.step % plan.traceThin === 0) progress.trace.push(x);
    }
    if (!Number.isFinite(state.position[0])) {
      throw new Error(
        `double-well-annealing: the dynamics diverged (x = ${state.position[0]}) with stepSize ${stepSize}; choose a smaller stepSize`,
      );
    }
    progress.crossingsPerCycle.push(crossings);
    progress.leftFractionPerCycle.push(left / stepsPerCycle);
    sinceSave += stepsPerCycle;
    if (sinceSave >= saveEvery && progress.crossingsPerCycle.length < cycles) {
      progress.walker = { position: state.position[0], stream: stream.getState() };
      save(progress);
      sinceSave = 0;
    }
  }
  const { crossingsPerCycle, leftFractionPerCycle, dwellTimes, trace } = progress;
  return { crossingsPerCycle, leftFractionPerCycle, dwellTimes, trace };
}

/** Mean of the chains' per-cycle values with its autocorrelation-corrected standard error. */
function meanOverCycles(
  records: ChainRecord[],
  pick: (record: ChainRecord) => number[],
): { mean: number; stderr: number } {
  const draws = records.map((record) => Float64Array.from(pick(record)));
  let sum = 0;
  let count = 0;
  for (const chain of draws) {
    for (const value of chain) {
      sum += value;
      count++;
    }
  }
  const mean = sum / count;
  const stderr = monteCarloStandardError(draws);
  // Constant series (no crossing at all): the error bar is undefined; report 0 with the mean.
  return { mean, stderr: Number.isFinite(stderr) ? stderr : 0 };
}

/** Mean dwell time with stderr sd/√n (dwell times between crossings are independent). */
function meanDwellTime(dwellTimes: number[]): { mean: number; stderr: number } {
  const n = dwellTimes.length;
  if (n < 2) return { mean: n === 1 ? dwellTimes[0] : 0, stderr: 0 };
  const mean = dwellTimes.reduce((s, t) => s + t, 0) / n;
  const variance = dwellTimes.reduce((s, t) => s + (t - mean) ** 2, 0) / (n - 1);
  return { mean, stderr: Math.sqrt(variance / n) };
}

/**
 * The coefficient of variation sd/mean of the dwell times (1 for the exponential law) with its
 * delta-method standard error from the sample moments.
 */
function coefficientOfVariation(dwellTimes: number[]): { mean: number; stderr: number } {
  const n = dwellTimes.length;
  if (n < 3) return { mean: 0, stderr: 0 };
  const m = dwellTimes.reduce((s, t) => s + t, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const t of dwellTimes) {
    const d = t - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const cv = Math.sqrt(m2) / m;
  // CV = √(m₂)/m: Var ≈ (1/n)[(m₄ − m₂²)/(4 m₂ m²) − m₃/m³ + m₂²/m⁴]; 1/n for the exponential.
  const variance = ((m4 - m2 * m2) / (4 * m2 * m * m) - m3 / m ** 3 + (m2 * m2) / m ** 4) / n;
  return { mean: cv, stderr: Math.sqrt(Math.max(variance, 0)) };
}

/** The parameters of `double-well-annealing`. */
const doubleWellParams = z.object({
  temperature: z
    .number()
    .min(0.05)
    .max(2)
    .default(0.25)
    .describe('the constant temperature T, and the mean temperature of the cyclic schedule'),
  amplitude: z
    .number()
    .min(0)
    .max(2)
    .default(0.2)
    .describe('amplitude A of the cyclic schedule T(t) = T + A·cos(2πt/P); at most T'),
  period: z
    .number()
    .min(1)
    .max(100_000)
    .default(50)
    .describe('period P of the cyclic schedule, in time units'),
  cycles: z
    .number()
    .int()
    .min(4)
    .max(100_000)
    .default(400)
    .describe('length of each chain, in periods (the same simulated time for both schedules)'),
  stepSize: z.number().min(0.0001).max(0.05).default(0.005).describe('Euler–Maruyama step size h'),
  chains: z.number().int().min(2).max(64).default(4).describe('independent chains per schedule'),
});

type DoubleWellParams = z.output<typeof doubleWellParams>;

/** Constant low temperature vs a cyclic temperature schedule on the double well (x² − 1)². */
export const doubleWellAnnealing = defineExperiment({
  name: 'double-well-annealing',
  title: 'Barrier crossings of the double well (x² − 1)² at constant vs cyclic temperature',
  description:
    'Overdamped Langevin dynamics on U(x) = (x² − 1)² (barrier 1) at a constant low temperature T and under a ' +
    'cyclic schedule T + A·cos(2πt/P) of the same mean. A crossing is counted when the walker reaches the other ' +
    'minimum. At constant T the dwell times are exponential with the exact mean first-passage time τ(T) ' +
    '(nested quadrature; Kramers’ law is its low-temperature limit); the cyclic schedule crosses more often at ' +
    'the same mean temperature, as the cycle average of 1/τ(T(t)) predicts. Both spend half the time in each ' +
    'well (Boltzmann, by symmetry). Error bars: per-cycle counts with their effective sample size, and the ' +
    'sample spread of the independent dwell times.',
  params: doubleWellParams,
  metrics: {
    constantRate: { description: 'crossings per unit time at constant temperature' },
    cyclicRate: { description: 'crossings per unit time under the cyclic schedule' },
    exactRate: { description: 'exact crossing rate 1/τ(T) of the diffusion at constant T' },
    kramersRate: { description: 'Kramers’ rate √(U″(1)|U″(0)|)/(2π)·e^{−1/T} at constant T' },
    adiabaticCyclicRate: {
      description: 'the cycle average of the exact rate 1/τ(T(t)) (slow-schedule prediction)',
    },
    speedup: { description: 'cyclic rate over constant rate (same mean temperature, same time)' },
    rateOverKramers: { description: 'measured constant-T rate over Kramers’ rate' },
    constantMeanDwellTime: { description: 'mean time between crossings at constant T' },
    dwellTimeVariation: {
      description:
        'coefficient of variation sd/mean of the dwell times at constant T (1 for an exponential law)',
    },
    constantLeftFraction: { description: 'fraction of time in the left well (x < 0) at constant T' },
    cyclicLeftFraction: { description: 'fraction of time in the left well under the cyclic schedule' },
    constantCrossings: { description: 'crossings at constant T, all chains' },
    cyclicCrossings: { description: 'crossings under the cyclic schedule, all chains' },
  },
  tour: { temperature: 0.3, amplitude: 0.25, period: 25, cycles: 40, chains: 2 },
  async run(params, context) {
    return runDoubleWell(params, context);
  },
});

async function runDoubleWell(
  params: DoubleWellParams,
  context: ExperimentContext,
): Promise<ExperimentOutput> {
  const { temperature, amplitude, stepSize, chains, cycles } = params;
  if (amplitude > temperature) {
    throw new ParameterError(
      `parameter "amplitude" of double-well-annealing must be at most temperature (${temperature}) so that T(t) ≥ 0; got ${amplitude}`,
    );
  }
  const energy = doubleWellEnergy();
  // Whole steps per cycle; the period actually used is stepsPerCycle·h.
  const stepsPerCycle = Math.max(1, Math.round(params.period / stepSize));
  const period = stepsPerCycle * stepSize;
  const traceCycles = Math.min(cycles, 20);
  const plan: Plan = {
    stepSize,
    stepsPerCycle,
    cycles,
    traceCycles,
    traceThin: Math.max(1, Math.ceil((traceCycles * stepsPerCycle) / maxTracePoints)),
  };
  const schedules: Schedule[] = [
    constant(temperature),
    cyclicTemperature({
      minTemperature: temperature - amplitude,
      maxTemperature: temperature + amplitude,
      period: stepsPerCycle,
    }),
  ];
  const chainSteps = cycles * stepsPerCycle;
  const totalWork = 2 * chains * chainSteps;
  const state = context.checkpoint.load<RunState>() ?? { schedules: [], chains: [], progress: null };
  const names = ['constant T', 'cyclic T'];
  for (let s = state.schedules.length; s < 2; s++) {
    for (let c = state.chains.length; c < chains; c++) {
      const report = (step: number) =>
        context.progress(
          (s * chains + c) * chainSteps + step,
          totalWork,
          `${names[s]}, chain ${c + 1}/${chains}`,
        );
      const start = c % 2 === 0 ? -1 : 1;
      const progress: ChainProgress = state.progress ?? {
        crossingsPerCycle: [],
        leftFractionPerCycle: [],
        dwellTimes: [],
        trace: [],
        walker: { position: start, stream: null },
        side: start,
        step: 0,
        lastCrossing: 0,
      };
      const record = runChain(
        energy,
        schedules[s],
        s === 1,
        plan,
        fold(fold(context.key, s), c),
        c === 0,
        progress,
        (p) => {
          state.progress = p;
          context.checkpoint.save(state);
          report(p.step);
        },
      );
      state.chains.push(record);
      state.progress = null;
      if (state.chains.length === chains) {
        state.schedules.push(state.chains);
        state.chains = [];
      }
      // No save here: the next chain's mid-chain save carries this one (one fsync per chain).
      report(chainSteps);
    }
  }
  return buildOutput(energy, params, plan, period, state.schedules);
}

/** Metrics, references and checks of a finished run; the plots and the table from the report. */
function buildOutput(
  energy: DoubleWellEnergy,
  params: DoubleWellParams,
  plan: Plan,
  period: number,
  schedules: ChainRecord[][],
): ExperimentOutput {
  const { temperature, amplitude } = params;
  const [constantRecords, cyclicRecords] = schedules;
  const exactPassageTime = doubleWellPassageTime(energy, temperature);
  const exactRate = 1 / exactPassageTime;
  const kramersRate = energy.kramersRate(temperature);
  const adiabaticCyclicRate = adiabaticRate(
    energy,
    (phase) => temperature + amplitude * Math.cos(2 * Math.PI * phase),
  );
  const perCycle = (records: ChainRecord[]) => {
    const counts = meanOverCycles(records, (r) => r.crossingsPerCycle);
    return { mean: counts.mean / period, stderr: counts.stderr / period };
  };
  const constantRate = perCycle(constantRecords);
  const cyclicRate = perCycle(cyclicRecords);
  const speedup = cyclicRate.mean / constantRate.mean;
  // The two schedules run on independent keys: relative errors add in quadrature.
  const speedupStderr =
    speedup * Math.hypot(cyclicRate.stderr / cyclicRate.mean, constantRate.stderr / constantRate.mean);
  const constantDwell = constantRecords.flatMap((r) => r.dwellTimes);
  const meanDwell = meanDwellTime(constantDwell);
  const variation = coefficientOfVariation(constantDwell);
  const constantLeftFraction = meanOverCycles(constantRecords, (r) => r.leftFractionPerCycle);
  const cyclicLeftFraction = meanOverCycles(cyclicRecords, (r) => r.leftFractionPerCycle);
  const count = (records: ChainRecord[]) =>
    records.reduce((sum, r) => sum + r.crossingsPerCycle.reduce((a, b) => a + b, 0), 0);
  const metrics = {
    constantRate,
    cyclicRate,
    exactRate,
    kramersRate,
    adiabaticCyclicRate,
    speedup: { mean: speedup, stderr: speedupStderr },
    rateOverKramers: constantRate.mean / kramersRate,
    constantMeanDwellTime: meanDwell,
    dwellTimeVariation: variation,
    constantLeftFraction,
    cyclicLeftFraction,
    constantCrossings: count(constantRecords),
    cyclicCrossings: count(cyclicRecords),
  };
  return {
    metrics,
    reference: {
      constantRate: exactRate,
      constantMeanDwellTime: exactPassageTime,
      kramersRate,
      cyclicRate: adiabaticCyclicRate,
      speedup: adiabaticCyclicRate / exactRate,
      dwellTimeVariation: 1,
      constantLeftFraction: 0.5,
      cyclicLeftFraction: 0.5,
      source: 'exact mean first-passage time by nested quadrature; Kramers’ law; Boltzmann symmetry',
    },
    checks: [
      // 4 standard errors each: a false failure about once in 16 000 runs per check.
      { metric: 'constantMeanDwellTime', reference: exactPassageTime, tolerance: 4, kind: 'stderr' },
      { metric: 'constantRate', reference: exactRate, tolerance: 4, kind: 'stderr' },
      { metric: 'dwellTimeVariation', reference: 1, tolerance: 4, kind: 'stderr' },
      { metric: 'constantLeftFraction', reference: 0.5, tolerance: 4, kind: 'stderr' },
      { metric: 'cyclicLeftFraction', reference: 0.5, tolerance: 4, kind: 'stderr' },
      // The adiabatic prediction holds for schedules slow against the in-well relaxation time
      // 1/U″(±1) = 1/8: checked from a period of 10 time units (80 relaxation times) on.
      ...(period >= 10
        ? [{ metric: 'cyclicRate', reference: adiabaticCyclicRate, tolerance: 4, kind: 'stderr' as const }]
        : []),
    ],
    ...crossingReport({
      ...metrics,
      temperature,
      amplitude,
      period,
      plan,
      constantRecords,
      cyclicRecords,
      exactPassageTime,
    }),
  };
}
