/**
 * Experiment `spin-glass` (seeds 001, 002, 004): disordered, frustrated Ising spins, their
 * overlap order parameter q and the search for their ground states, checked against exact
 * enumeration and against Parisi's N → ∞ ground-state energy of the SK model.
 *
 * Three parts, each on its own instances of the disorder:
 * 1. Equilibrium. Parallel tempering with two independent ladders (copies) from `temperature`
 *    to `maxTemperature` samples the overlap q of the copies at `temperature`: P(q), ⟨|q|⟩,
 *    ⟨q²⟩, the Binder ratio and χ_SG = N⟨q²⟩, averaged over the instances. Their error bars are
 *    thermal: a block jackknife that leaves out the same block of every instance, so derived
 *    ratios get consistent errors. For N ≤ 20 they are compared with the exact P(q).
 * 2. Ground states. Simulated annealing (restarts from `maxTemperature` down to
 *    `searchTemperature`) or parallel tempering (a ladder over the same range) searches each
 *    instance; the target is the exact ground state by enumeration for N ≤ 27 (otherwise the
 *    lowest energy the equilibrium run met). Success fraction and sweeps to solution follow.
 * 3. SK size sweep. Exact ground states of SK instances for N = 8, 10, …, `sweepMaxSize`,
 *    fitted by e(N) = e∞ + a·N^(−2/3) and compared with Parisi's e∞ = −0.7631667. It runs with
 *    every model: it is this experiment's N → ∞ reference.
 *
 * The statistics live in `spin-glass-summary.ts`, the replayed energy trace of instance 0 in
 * `spin-glass-trace.ts`, the plots, tables and CSV files in `spin-glass-report.ts`.
 */
import { z } from 'zod';
import { fold, type Key, split } from '../core/random/index.js';
import {
  annealSpins,
  type CouplingDistribution,
  edwardsAnderson,
  exactGroundState,
  exactOverlapDistribution,
  extrapolateGroundStateEnergy,
  frustratedPlaquettes,
  frustratedTriangles,
  geometricTemperatures,
  overlapStatistics,
  type SpinSystem,
  sherringtonKirkpatrick,
  skGroundStateSweep,
  temperSpins,
} from '../models/spin-glass/index.js';
import { defineExperiment } from './framework/define.js';
import { type SweepPoint, spinGlassReport } from './spin-glass-report.js';
import {
  EXACT_GROUND_STATE_LIMIT,
  EXACT_OVERLAP_LIMIT,
  type InstanceRecord,
  overlapBlocks,
  summarizeInstances,
} from './spin-glass-summary.js';
import { type Trace, traceAnnealing, traceTempering } from './spin-glass-trace.js';

type Model = 'sk' | 'ea2d' | 'ea3d';

interface SpinGlassState {
  instances: InstanceRecord[];
  trace?: Trace;
  sweep: SweepPoint[];
}

/** The system of one instance: SK with N spins, or an EA lattice of side L. */
function buildSystem(model: Model, size: number, length: number, couplings: CouplingDistribution, key: Key) {
  if (model === 'sk') return sherringtonKirkpatrick({ size, key, couplingDistribution: couplings });
  return edwardsAnderson({
    dimension: model === 'ea2d' ? 2 : 3,
    length,
    key,
    couplingDistribution: couplings,
  });
}

/** Sizes of the SK size sweep: 8, 10, …, max. */
function sweepSizes(max: number): number[] {
  return Array.from({ length: Math.floor((max - 8) / 2) + 1 }, (_, k) => 8 + 2 * k);
}

const parameters = z
  .object({
    model: z
      .enum(['sk', 'ea2d', 'ea3d'])
      .default('sk')
      .describe('sk (all pairs coupled), ea2d or ea3d (periodic nearest-neighbour lattices)'),
    size: z.number().int().min(4).max(512).default(16).describe('number of spins N of an SK instance'),
    length: z.number().int().min(2).max(32).default(4).describe('side L of an EA lattice (N = L^d)'),
    couplings: z
      .enum(['gaussian', 'bimodal'])
      .default('gaussian')
      .describe('coupling law: Gaussian, or ±J (SK: variance J²/N; EA: J = 1)'),
    method: z
      .enum(['tempering', 'annealing'])
      .default('tempering')
      .describe('ground-state search: parallel tempering or simulated annealing with restarts'),
    temperature: z
      .number()
      .min(0.05)
      .max(10)
      .default(0.5)
      .describe('temperature T at which P(q) is measured (SK: T_c = 1)'),
    maxTemperature: z
      .number()
      .min(0.1)
      .max(20)
      .default(1.6)
      .describe('top of the tempering ladders and start of the annealing schedule'),
    searchTemperature: z
      .number()
      .min(0.01)
      .max(10)
      .default(0.2)
      .describe('bottom of the search ladder and end of the annealing schedule'),
    temperatureCount: z
      .number()
      .int()
      .min(2)
      .max(64)
      .default(12)
      .describe('temperatures in each tempering ladder (geometric spacing)'),
    equilibriumSweeps: z
      .number()
      .int()
      .min(100)
      .max(1_000_000)
      .default(4000)
      .describe('tempering sweeps for P(q), the first quarter discarded as burn-in'),
    sweeps: z
      .number()
      .int()
      .min(10)
      .max(1_000_000)
      .default(1000)
      .describe('search sweeps: of each annealing restart, or of each replica of the tempering ladder'),
    restarts: z.number().int().min(1).max(10_000).default(10).describe('annealing restarts per instance'),
    instances: z.number().int().min(2).max(1000).default(8).describe('instances of the disorder'),
    sweepMaxSize: z
      .number()
      .int()
      .min(12)
      .max(24)
      .default(24)
      .describe('largest N of the SK size sweep N = 8, 10, …'),
    sweepInstances: z
      .number()
      .int()
      .min(4)
      .max(100_000)
      .default(64)
      .describe('SK instances per size in the size sweep'),
  })
  .refine((p) => p.temperature < p.maxTemperature, {
    path: ['maxTemperature'],
    message: 'must be greater than temperature',
  })
  .refine((p) => p.searchTemperature < p.maxTemperature, {
    path: ['searchTemperature'],
    message: 'must be less than maxTemperature',
  });

type SpinGlassParams = z.output<typeof parameters>;

/** The search's contribution to an instance record. */
type SearchRecord = Pick<InstanceRecord, 'foundEnergy' | 'searches' | 'successes' | 'sweepsToSolution'>;

/**
 * Searches the ground state of one instance by annealing (each restart a search) or tempering (one
 * search), counting a search as solved when it reaches `target` within `tolerance`.
 */
function searchGroundState(
  system: SpinSystem,
  params: SpinGlassParams,
  ladder: Float64Array,
  target: number,
  tolerance: number,
  key: Key,
): SearchRecord {
  const { sweeps, restarts } = params;
  if (params.method === 'annealing') {
    const search = annealSpins({
      system,
      sweeps,
      restarts,
      initialTemperature: params.maxTemperature,
      finalTemperature: params.searchTemperature,
      key,
    });
    const solved = Array.from(search.restartEnergies, (energy) => energy <= target + tolerance);
    const first = solved.indexOf(true);
    return {
      foundEnergy: search.bestEnergy,
      searches: restarts,
      successes: solved.filter(Boolean).length,
      // A restart runs its whole schedule: in practice nobody knows the target.
      sweepsToSolution: (first < 0 ? restarts : first + 1) * sweeps,
    };
  }
  const search = temperSpins({
    system,
    temperatures: ladder,
    sweeps,
    burnInSweeps: 0,
    targetEnergy: target,
    key,
  });
  const solved = !Number.isNaN(search.sweepsToTarget);
  return {
    foundEnergy: search.bestEnergy,
    searches: 1,
    successes: solved ? 1 : 0,
    sweepsToSolution: (solved ? search.sweepsToTarget : sweeps) * ladder.length,
  };
}

/** The keys and ladders shared by all instances. */
interface Plan {
  instanceKey: Key;
  equilibriumKey: Key;
  searchKey: Key;
  equilibriumLadder: Float64Array;
  searchLadder: Float64Array;
}

/** Everything measured on instance `index`, and for instance 0 the energy trace of its search. */
function measureInstance(params: SpinGlassParams, plan: Plan, index: number) {
  const system = buildSystem(
    params.model,
    params.size,
    params.length,
    params.couplings,
    fold(plan.instanceKey, index),
  );
  const n = system.size;
  const tolerance = 1e-8 * system.energyScale;
  const frustration =
    system.model === 'edwards-anderson' ? frustratedPlaquettes(system) : frustratedTriangles(system);
  const equilibrium = temperSpins({
    system,
    temperatures: plan.equilibriumLadder,
    sweeps: params.equilibriumSweeps,
    copies: 2,
    key: fold(plan.equilibriumKey, index),
  });
  const series = equilibrium.overlaps![0];
  const { sums, counts } = overlapBlocks(series);
  const exactEnergy = n <= EXACT_GROUND_STATE_LIMIT ? exactGroundState(system).energy : null;
  const target = exactEnergy ?? equilibrium.bestEnergy;
  const key = fold(plan.searchKey, index);
  const record: InstanceRecord = {
    frustrated: frustration.count,
    loops: frustration.total,
    exactEnergy,
    targetEnergy: target,
    tolerance,
    ...searchGroundState(system, params, plan.searchLadder, target, tolerance, key),
    blockSums: sums,
    blockCounts: counts,
    probabilities: Array.from(overlapStatistics(series, n).probabilities),
    exactProbabilities:
      n <= EXACT_OVERLAP_LIMIT
        ? Array.from(exactOverlapDistribution(system, params.temperature).probabilities)
        : null,
    minimumSwapAcceptance: Math.min(...equilibrium.swapAcceptanceRates),
  };
  if (index !== 0) return { record };
  const trace =
    params.method === 'annealing'
      ? traceAnnealing(system, params.sweeps, params.maxTemperature, params.searchTemperature, key)
      : traceTempering(system, plan.searchLadder, params.sweeps, key);
  return { record, trace };
}

/** Spin glasses: P(q) by parallel tempering, ground-state searches, and the SK size sweep. */
export const spinGlass = defineExperiment({
  name: 'spin-glass',
  title: 'Spin glasses: overlaps, ground states and Parisi’s −0.7632',
  description:
    'Sherrington–Kirkpatrick or Edwards–Anderson (2D/3D) instances with Gaussian or ±J couplings. Parallel ' +
    'tempering with two copies measures the overlap distribution P(q), ⟨|q|⟩, ⟨q²⟩, the Binder ratio and ' +
    'χ_SG = N⟨q²⟩ at `temperature` (thermal jackknife errors; exact P(q) by enumeration for N ≤ 20). Simulated ' +
    'annealing or parallel tempering searches the ground state of each instance, checked against exact ' +
    'enumeration for N ≤ 27 (success fraction, sweeps to solution). An SK size sweep of exact ground states, ' +
    'N = 8…sweepMaxSize, is extrapolated by e(N) = e∞ + a·N^(−2/3) and checked against Parisi’s −0.7631667.',
  params: parameters,
  metrics: {
    groundStateEnergyPerSpin: {
      description: 'lowest energy per spin found by the search, mean over instances (error: instance spread)',
      unit: 'J',
    },
    referenceEnergyPerSpin: {
      description: 'target energy per spin: exact ground state (N ≤ 27) or best met at equilibrium, mean',
      unit: 'J',
    },
    energyGapPerSpin: {
      description: 'mean over instances of (found − target)/N; 0 when all are solved',
      unit: 'J',
    },
    successFraction: {
      description: 'fraction of searches (annealing restarts, tempering runs) reaching the target',
    },
    sweepsToSolution: {
      description:
        'median over instances of the replica sweeps spent until the target was first reached (budget if never)',
    },
    overlapAbsoluteMean: { description: '⟨|q|⟩ at `temperature`, averaged over instances (thermal error)' },
    overlapSecondMoment: { description: '⟨q²⟩ at `temperature`, averaged over instances (thermal error)' },
    binderRatio: { description: 'g = ½(3 − [⟨q⁴⟩]/[⟨q²⟩]²) at `temperature` (thermal error)' },
    spinGlassSusceptibility: { description: 'χ_SG = N·[⟨q²⟩] at `temperature` (thermal error)' },
    frustratedFraction: {
      description: 'fraction of frustrated loops (SK triangles, EA plaquettes), mean over instances',
    },
    frustratedLoops: { description: 'number of frustrated loops per instance, mean over instances' },
    minimumSwapAcceptance: {
      description: 'lowest swap acceptance between neighbouring temperatures (equilibrium run)',
    },
    extrapolatedGroundStateEnergy: {
      description: 'SK e∞ from the fit e(N) = e∞ + a·N^(−2/3) of exact ground states, N = 8…sweepMaxSize',
      unit: 'J',
    },
    extrapolationSlope: { description: 'the finite-size amplitude a of that fit', unit: 'J' },
    extrapolationReducedChiSquared: {
      description: 'χ²/dof of that fit (≈ 1 when the law and the errors hold)',
    },
  },
  tour: {
    size: 16,
    instances: 4,
    equilibriumSweeps: 1000,
    sweeps: 300,
    sweepMaxSize: 16,
    sweepInstances: 40,
  },
  async run(params, context) {
    const { model, instances } = params;
    const [instanceKey, equilibriumKey, searchKey, sweepKey] = split(context.key, 4);
    const plan: Plan = {
      instanceKey,
      equilibriumKey,
      searchKey,
      equilibriumLadder: geometricTemperatures(
        params.temperature,
        params.maxTemperature,
        params.temperatureCount,
      ),
      searchLadder: geometricTemperatures(
        params.searchTemperature,
        params.maxTemperature,
        params.temperatureCount,
      ),
    };
    const state = context.checkpoint.load<SpinGlassState>() ?? { instances: [], sweep: [] };
    const sizes = sweepSizes(params.sweepMaxSize);
    const totalWork = instances + sizes.length;
    for (let i = state.instances.length; i < instances; i++) {
      const { record, trace } = measureInstance(params, plan, i);
      state.instances.push(record);
      if (trace !== undefined) state.trace = trace;
      context.checkpoint.save(state);
      context.progress(i + 1, totalWork, `instance ${i + 1}/${instances}`);
    }
    for (let k = state.sweep.length; k < sizes.length; k++) {
      const [point] = skGroundStateSweep({
        sizes: [sizes[k]],
        instancesPerSize: params.sweepInstances,
        method: 'exact',
        couplingDistribution: params.couplings,
        key: sweepKey,
      }).points;
      const { size, meanEnergyPerSpin, standardError } = point;
      state.sweep.push({ size, instances: point.instances, meanEnergyPerSpin, standardError });
      context.checkpoint.save(state);
      context.progress(instances + k + 1, totalWork, `SK size sweep N = ${size}`);
    }

    const records = state.instances;
    const spins = model === 'sk' ? params.size : params.length ** (model === 'ea2d' ? 2 : 3);
    const fit = extrapolateGroundStateEnergy(state.sweep);
    const { metrics, reference, checks, exactPq, measuredPq } = summarizeInstances(records, spins, fit);
    const trace = state.trace as Trace;
    return {
      metrics,
      reference,
      checks,
      ...spinGlassReport({
        method: params.method,
        sweepInstances: params.sweepInstances,
        spins,
        records,
        trace,
        sweep: state.sweep,
        fit,
        exactPq,
        measuredPq,
      }),
    };
  },
});
