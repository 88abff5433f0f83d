/**
 * Sampler overhead and memory (issue targets: wall time per HMC/NUTS leapfrog step ÷ time of
 * one gradient evaluation < 1.5, for a 100-d Gaussian and a 1000-d logistic regression; a long
 * random-walk Metropolis run, 10⁶ steps on a 10-d target, must not grow memory).
 *
 *   node --import tsx bench/samplers.ts            # full run (about a minute)
 *   node --import tsx bench/samplers.ts --quick    # small sizes, to check that it runs
 *
 * The peer of every sampler timing is the target's own `energyAndGradient`, timed in the same
 * run on positions the chain actually visits. "per step" divides a run's wall time by the
 * gradient evaluations it reports, so it includes everything a transition does (momentum draw,
 * the random stream, accept/reject, NUTS tree bookkeeping, the new state).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fold, type Key, makeKey, normal, split } from '../src/core/random/index.js';
import {
  type Energy,
  gaussianEnergy,
  logisticRegressionPosterior,
  randomCovariance,
  syntheticLogisticData,
} from '../src/energies/index.js';
import { leapfrog } from '../src/integrators/leapfrog.js';
import {
  findReasonableStepSize,
  hmc,
  integrateTrajectory,
  leapfrogAcceptanceProbe,
  nuts,
} from '../src/mcmc/hmc/index.js';
import {
  randomWalkMetropolis,
  type SamplerInfo,
  type SamplerState,
  type SamplingAlgorithm,
  sampleChain,
} from '../src/mcmc/index.js';
import { markdownTable, median } from './harness.js';

const quick = process.argv.includes('--quick');

// A garbage collector we can call without --expose-gc (for the memory figures).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Counts garbage collections while `fn` runs (entries arrive asynchronously). */
async function countCollections(fn: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    count += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  count = 0;
  fn();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return count;
}

/** Runs `transitions` steps from `state`; returns the last state and the gradients spent. */
function runTransitions<S extends SamplerState, I extends SamplerInfo>(
  algorithm: SamplingAlgorithm<S, I>,
  state: S,
  key: Key,
  transitions: number,
  tally: { gradients: number; transitions: number; acceptance: number },
): S {
  for (let t = 0; t < transitions; t++) {
    const [next, info] = algorithm.step(fold(key, tally.transitions), state);
    state = next;
    tally.gradients += info.gradientEvaluations ?? 0;
    tally.acceptance += info.acceptanceProbability;
    tally.transitions++;
  }
  return state;
}

/** Block sizes of one measurement round (each block takes a few tens of milliseconds). */
interface RoundSizes {
  gradientCalls: number;
  hmcTransitions: number;
  nutsTransitions: number;
  leapfrogSteps: number;
}

/** Wall-clock and CPU time (this process, user + system) of `fn`, in milliseconds. */
function timeBlock(fn: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  fn();
  const wall = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Per-round ratios (time per step ÷ time per gradient), by wall clock and by CPU time. */
interface Ratios {
  wall: number[];
  cpu: number[];
}

interface OverheadRow {
  target: string;
  /** Median wall time of one gradient evaluation, µs. */
  gradient: number;
  leapfrog: Ratios;
  hmc: Ratios;
  nuts: Ratios;
  hmcAcceptance: number;
  nutsAcceptance: number;
  nutsSteps: number;
  collections: number;
}

/**
 * Interleaved rounds: each round times a block of gradient evaluations, then a block of HMC
 * transitions, NUTS transitions and bare leapfrog steps, and forms each ratio within the round,
 * so that load from other processes (this is a shared 2-core machine) hits numerator and
 * denominator alike. Ratios are taken both by wall clock and by this process's CPU time (which
 * other processes disturb much less); the medians over rounds are reported.
 */
async function overhead(
  target: string,
  energy: Energy,
  start: Float64Array,
  sizes: RoundSizes,
  rounds: number,
  maxTreeDepth: number,
): Promise<OverheadRow> {
  const n = energy.dimension;
  // A step size with a sensible acceptance (half the heuristic's 0.8 crossing), found on the target.
  const stepSize = 0.5 * findReasonableStepSize(leapfrogAcceptanceProbe(energy, start), 0.1, makeKey(11));
  const hmcSampler = hmc({ energy, stepSize, numIntegrationSteps: 20 });
  const nutsSampler = nuts({ energy, stepSize, maxTreeDepth });
  const integrator = leapfrog(energy);
  const hmcTally = { gradients: 0, transitions: 0, acceptance: 0 };
  const nutsTally = { gradients: 0, transitions: 0, acceptance: 0 };
  let hmcState = hmcSampler.init(start);
  let nutsState = nutsSampler.init(start);
  // Warm-up (JIT) and a pool of positions the chains visit, for the gradient timing.
  hmcState = runTransitions(hmcSampler, hmcState, makeKey(21), sizes.hmcTransitions, hmcTally);
  nutsState = runTransitions(nutsSampler, nutsState, makeKey(22), sizes.nutsTransitions, nutsTally);
  const points = [hmcState.position.slice(), nutsState.position.slice(), start.slice()];
  const leapfrogState = {
    position: nutsState.position.slice(),
    momentum: normal(makeKey(12), n, { std: 0.1 }),
    potentialEnergy: 0,
    gradient: new Float64Array(n),
  };
  leapfrogState.potentialEnergy = energy.energyAndGradient(leapfrogState.position, leapfrogState.gradient);
  const g = new Float64Array(n);
  let sink = 0;
  const ratios = {
    leapfrog: { wall: [] as number[], cpu: [] as number[] },
    hmc: { wall: [] as number[], cpu: [] as number[] },
    nuts: { wall: [] as number[], cpu: [] as number[] },
  };
  const gradientTimes: number[] = [];
  // Round 0 only warms up the timing loops themselves (JIT); its ratios are dropped.
  for (let round = 0; round <= rounds; round++) {
    const gradient = timeBlock(() => {
      for (let k = 0; k < sizes.gradientCalls; k++)
        sink += energy.energyAndGradient(points[k % points.length], g);
    });
    const record = (ratio: Ratios, time: { wall: number; cpu: number }, steps: number) => {
      if (round === 0) return;
      ratio.wall.push(time.wall / steps / (gradient.wall / sizes.gradientCalls));
      ratio.cpu.push(time.cpu / steps / (gradient.cpu / sizes.gradientCalls));
    };
    if (round > 0) gradientTimes.push((gradient.wall * 1000) / sizes.gradientCalls);
    let before = hmcTally.gradients;
    const hmcTime = timeBlock(() => {
      hmcState = runTransitions(hmcSampler, hmcState, makeKey(21), sizes.hmcTransitions, hmcTally);
    });
    record(ratios.hmc, hmcTime, hmcTally.gradients - before);
    before = nutsTally.gradients;
    const nutsTime = timeBlock(() => {
      nutsState = runTransitions(nutsSampler, nutsState, makeKey(22), sizes.nutsTransitions, nutsTally);
    });
    record(ratios.nuts, nutsTime, nutsTally.gradients - before);
    const leapfrogTime = timeBlock(() =>
      integrateTrajectory(integrator, leapfrogState, 1e-4, sizes.leapfrogSteps),
    );
    record(ratios.leapfrog, leapfrogTime, sizes.leapfrogSteps);
  }
  if (Number.isNaN(sink)) throw new Error('gradient returned NaN');
  // A leapfrog step allocates nothing: no garbage collection during a block of them.
  const collections = await countCollections(() =>
    integrateTrajectory(integrator, leapfrogState, 1e-4, 2000),
  );
  return {
    target,
    gradient: median(gradientTimes),
    ...ratios,
    hmcAcceptance: hmcTally.acceptance / hmcTally.transitions,
    nutsAcceptance: nutsTally.acceptance / nutsTally.transitions,
    nutsSteps: nutsTally.gradients / nutsTally.transitions,
    collections,
  };
}

function memory(): { heap: number; buffers: number } {
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / 2 ** 20, buffers: usage.arrayBuffers / 2 ** 20 };
}

async function metropolisRun(steps: number) {
  const dimension = 10;
  const energy = gaussianEnergy({
    covariance: Array.from({ length: dimension }, (_, i) =>
      Array.from({ length: dimension }, (_, j) => (i === j ? 1 : 0)),
    ),
  });
  const sampler = randomWalkMetropolis({ energy, stepSize: 2.38 / Math.sqrt(dimension) });
  sampleChain(sampler, new Float64Array(dimension), makeKey(31), { numSamples: 10_000, storeSamples: false }); // JIT warm-up
  collectGarbage();
  const before = memory();
  let peakHeap = before.heap;
  let sum = 0;
  const begin = performance.now();
  const result = sampleChain(sampler, new Float64Array(dimension), makeKey(32), {
    numSamples: steps,
    storeSamples: false,
    onSample: (state) => {
      sum += state.position[0];
    },
    onProgress: () => {
      peakHeap = Math.max(peakHeap, memory().heap);
    },
  });
  const seconds = (performance.now() - begin) / 1000;
  collectGarbage();
  const after = memory();
  return { steps, seconds, before, after, peakHeap, acceptance: result.acceptanceRate, mean: sum / steps };
}

async function main() {
  // The memory run first, before the large data sets of the overhead runs exist.
  const steps = quick ? 100_000 : 1_000_000;
  const mh = await metropolisRun(steps);

  const [covarianceKey, dataKey] = split(makeKey(2026), 2);
  const gaussian = gaussianEnergy({
    covariance: randomCovariance({ dimension: 100, conditionNumber: 100, key: covarianceKey }).covariance,
  });
  const samples = quick ? 200 : 1000;
  const features = quick ? 100 : 1000;
  const data = syntheticLogisticData({ samples, features, key: dataKey });
  const logistic = logisticRegressionPosterior({ features: data.features, labels: data.labels });
  const rows = [
    await overhead(
      'Gaussian, d = 100 (κ = 100, dense Σ⁻¹)',
      gaussian,
      normal(makeKey(3), 100),
      { gradientCalls: 3000, hmcTransitions: 150, nutsTransitions: 40, leapfrogSteps: 3000 },
      quick ? 3 : 25,
      10,
    ),
    await overhead(
      `logistic regression, d = ${features}, N = ${samples}`,
      logistic,
      new Float64Array(features),
      { gradientCalls: 20, hmcTransitions: 1, nutsTransitions: 1, leapfrogSteps: 20 },
      quick ? 3 : 15,
      6,
    ),
  ];
  const f = (x: number, digits = 2) => x.toFixed(digits);
  const cell = (ratios: Ratios) =>
    `**${f(median(ratios.wall))}** (${f(Math.min(...ratios.wall))}–${f(Math.max(...ratios.wall))}) / **${f(median(ratios.cpu))}**`;
  console.log(
    `\nTime per leapfrog step ÷ time of one gradient evaluation of the target: wall-clock median (range) / CPU-time median, over interleaved rounds (25 for the Gaussian, 15 for the regression):\n`,
  );
  console.log(
    markdownTable(
      [
        'target',
        'gradient (µs)',
        'bare leapfrog',
        'HMC, L = 20',
        'NUTS',
        'NUTS steps / transition',
        'acceptance HMC / NUTS',
        'GCs in 2000 leapfrog steps',
      ],
      rows.map((r) => [
        r.target,
        f(r.gradient, 1),
        cell(r.leapfrog),
        cell(r.hmc),
        cell(r.nuts),
        f(r.nutsSteps, 1),
        `${f(r.hmcAcceptance)} / ${f(r.nutsAcceptance)}`,
        String(r.collections),
      ]),
    ),
  );

  console.log(
    `\nRandom-walk Metropolis (\`randomWalkMetropolis\` + \`sampleChain\`, storeSamples: false), ${steps.toLocaleString('en-US')} steps on a 10-d standard Gaussian, σ = 2.38/√10:\n`,
  );
  console.log(
    markdownTable(
      [
        'steps / s',
        'acceptance',
        'heapUsed before → after (MiB)',
        'arrayBuffers before → after (MiB)',
        'peak heapUsed during (MiB)',
      ],
      [
        [
          Math.round(mh.steps / mh.seconds).toLocaleString('en-US'),
          f(mh.acceptance, 3),
          `${f(mh.before.heap)} → ${f(mh.after.heap)}`,
          `${f(mh.before.buffers)} → ${f(mh.after.buffers)}`,
          f(mh.peakHeap),
        ],
      ],
    ),
  );
  console.log(`\n(sample mean of x₀ over the run: ${mh.mean.toFixed(4)}, exact 0)`);
}

await main();
