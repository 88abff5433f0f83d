/**
 * Experiment `ising`: a Monte Carlo simulation of the Ising model (1D chain or 2D square lattice,
 * coupling J, field h, periodic or open), with autocorrelation-corrected error bars, checked
 * against the exact finite-lattice result wherever one exists:
 * - exact enumeration of all 2^N states for N ≤ 25 (every metric);
 * - a chain of up to 1024 spins: the row transfer matrix of `ising-exact` (every metric); longer
 *   chains: the eigenvalue transfer matrix (energy, specific heat, ⟨m⟩);
 * - a periodic 2D lattice in zero field: Kaufman's formula (energy, specific heat);
 * - otherwise none: Onsager's and Yang's infinite-lattice values are reported for context only,
 *   since a finite lattice differs from them by finite-size effects far larger than the error bars.
 * Each check is |mean − exact| ≤ 4σ (σ autocorrelation-corrected); for one Gaussian estimate the
 * false-failure rate is 6·10⁻⁵.
 *
 * The bit-packed kernel of `lattice/` is offered as `metropolis-packed` (2D, periodic, J > 0,
 * h = 0, L even ≤ 64 or a multiple of 64); it is loaded on demand because its memory guard
 * imports `node:os`, which keeps the other algorithms runnable in a browser.
 */
import { z } from 'zod';
import { type Key, RandomStream, split } from '../core/random/index.js';
import {
  exactIsingObservables,
  isingChainTransferMatrix,
  isingDensityOfStates,
  kaufmanIsing,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from '../exact/index.js';
import type { PackedLattice, Xoshiro128State } from '../lattice/index.js';
import {
  type IsingAlgorithm,
  type IsingModel,
  type IsingSimulationState,
  isingModel,
  MAX_ISING_SITES,
  resumeIsingSimulation,
  startIsingSimulation,
} from '../models/ising/index.js';
import { type Estimate, equilibrationReport, isingObservables } from '../observables/index.js';
import {
  type Check,
  defineExperiment,
  type ExperimentOutput,
  type ReferenceValue,
} from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import type { HistogramPlotSpec, LinePlotSpec, PlotSpec } from './framework/plot-spec.js';
import { isingRowTransfer, MAX_ROW_TRANSFER_CHAIN } from './ising-exact.js';

/** The algorithms of `ising`: the four simple kernels and the bit-packed Metropolis kernel. */
export const ISING_EXPERIMENT_ALGORITHMS = [
  'metropolis',
  'heatbath',
  'wolff',
  'swendsen-wang',
  'metropolis-packed',
] as const;

/** Largest number of stored measurements (each is kept for the error analysis and the checkpoint). */
const MAX_MEASUREMENTS = 1_000_000;
/** A check passes when |mean − exact| ≤ this many standard errors. */
export const ISING_CHECK_SIGMAS = 4;

/** The exact finite-lattice values a run is checked against, and what they come from. */
export interface IsingReference {
  method: string;
  values: Partial<
    Record<
      'energyPerSpin' | 'absMagnetization' | 'magnetization' | 'specificHeat' | 'susceptibility' | 'binder',
      number
    >
  >;
  /** P(M), entry u for M = 2u − N, where it is known. */
  distribution?: Float64Array;
}

/**
 * The exact values for a finite lattice at `temperature`, from the best method that applies
 * (see the module comment); `values` is empty when none does.
 */
export function isingReference(model: IsingModel, temperature: number): IsingReference {
  const { dimension, sites, width, coupling, field, boundary } = model;
  const all = (o: {
    energyPerSpin: number;
    absMagnetizationPerSpin: number;
    magnetizationPerSpin: number;
    specificHeat: number;
    susceptibility: number;
    binder: number;
  }) => ({
    energyPerSpin: o.energyPerSpin,
    absMagnetization: o.absMagnetizationPerSpin,
    magnetization: o.magnetizationPerSpin,
    specificHeat: o.specificHeat,
    susceptibility: o.susceptibility,
    binder: o.binder,
  });
  if (sites <= 25) {
    const exact = exactIsingObservables(isingDensityOfStates(model), temperature);
    return {
      method: `exact enumeration of all 2^${sites} states`,
      values: all(exact),
      // The enumeration gives no P(M); the row transfer matrix does, exactly, in milliseconds.
      distribution: isingRowTransfer(model, temperature).magnetizationDistribution,
    };
  }
  if (dimension === 1 && width <= MAX_ROW_TRANSFER_CHAIN) {
    const exact = isingRowTransfer(model, temperature);
    return {
      method: 'exact row transfer matrix over (spin, up spins) of the chain',
      values: all(exact),
      distribution: exact.magnetizationDistribution,
    };
  }
  if (dimension === 1) {
    const chain = isingChainTransferMatrix({ length: width, temperature, coupling, field, boundary });
    return {
      method: '1D transfer matrix (eigenvalues): energy, specific heat and ⟨m⟩ only',
      values: {
        energyPerSpin: chain.energyPerSpin,
        magnetization: chain.magnetizationPerSpin,
        specificHeat: chain.specificHeat,
      },
    };
  }
  // An antiferromagnet on an even torus has the ferromagnet's Z (flip one sublattice).
  const kaufmanApplies =
    boundary === 'periodic' && field === 0 && coupling !== 0 && (coupling > 0 || width % 2 === 0);
  if (kaufmanApplies && Math.abs(coupling) / temperature <= 100) {
    const exact = kaufmanIsing({ width, temperature, coupling: Math.abs(coupling) });
    return {
      method: 'Kaufman (1949), exact for the periodic L × L lattice: energy and specific heat',
      values: { energyPerSpin: exact.energyPerSpin, specificHeat: exact.specificHeat },
    };
  }
  return { method: 'none: no exact result for this finite lattice (open boundary or field)', values: {} };
}

/** What a finished chain gives, whichever kernel ran it. */
interface ChainSummary {
  observables: Record<
    | 'energyPerSpin'
    | 'magnetizationPerSpin'
    | 'absMagnetizationPerSpin'
    | 'specificHeat'
    | 'susceptibility'
    | 'binder',
    Estimate
  >;
  tauIntegrated: { energy: number; absMagnetization: number };
  effectiveSamples: { energy: number; absMagnetization: number };
  warnings: string[];
  equilibrated: boolean;
  burnInEnergy: Float64Array;
  energy: Float64Array;
  magnetization: Float64Array;
  finalSpins: Int8Array;
  acceptanceRate: number | null;
  meanClusterSize: number | null;
  clustersPerSweep: number;
}

/** The checkpoint of the packed kernel's chain (JSON-safe). */
interface PackedChainState {
  format: 'physml.ising-packed-chain';
  size: number;
  completedSweeps: number;
  /** Black then white words, 8 hexadecimal digits each. */
  words: string;
  generator: Xoshiro128State;
  burnInEnergy: number[];
  energy: number[];
  magnetization: number[];
}

/** What `ising` checkpoints: the chain of either kernel. */
type IsingExperimentState =
  | { kernel: 'simple'; chain: IsingSimulationState }
  | { kernel: 'packed'; chain: PackedChainState };

interface ChainOptions {
  model: IsingModel;
  temperature: number;
  sweeps: number;
  burnIn: number;
  measureEvery: number;
  key: Key;
}

/** A running chain of either kernel, advanced in pieces and checkpointed between them. */
interface Chain {
  readonly completedSweeps: number;
  advance(maxSweeps: number): void;
  getState(): IsingExperimentState;
  summary(): ChainSummary;
}

function simpleChain(options: ChainOptions, algorithm: IsingAlgorithm, saved?: IsingSimulationState): Chain {
  const simulation =
    saved !== undefined
      ? resumeIsingSimulation(saved)
      : startIsingSimulation({ ...options, algorithm, burnIn: options.burnIn });
  return {
    get completedSweeps() {
      return simulation.completedSweeps;
    },
    advance: (maxSweeps) => void simulation.advance(maxSweeps),
    getState: () => ({ kernel: 'simple', chain: simulation.getState() }),
    summary: () => {
      const result = simulation.result();
      const state = simulation.getState();
      return {
        observables: result.observables,
        tauIntegrated: result.tauIntegrated,
        effectiveSamples: result.effectiveSamples,
        warnings: result.warnings,
        equilibrated: result.equilibration.equilibrated,
        burnInEnergy: Float64Array.from(state.burnInEnergy),
        energy: result.timeSeries.energy,
        magnetization: result.timeSeries.magnetization,
        finalSpins: result.finalSpins,
        acceptanceRate: result.acceptanceRate,
        meanClusterSize: result.meanClusterSize,
        clustersPerSweep: result.clustersPerSweep,
      };
    },
  };
}

function wordsToHex(words: Uint32Array): string {
  let text = '';
  for (let i = 0; i < words.length; i++) text += words[i].toString(16).padStart(8, '0');
  return text;
}

function hexToWords(text: string, target: Uint32Array): void {
  if (typeof text !== 'string' || text.length !== 8 * target.length || !/^[0-9a-f]*$/.test(text)) {
    throw new Error(`ising: the packed checkpoint's words must be ${8 * target.length} hexadecimal digits`);
  }
  for (let i = 0; i < target.length; i++) target[i] = Number.parseInt(text.slice(8 * i, 8 * i + 8), 16);
}

/** Throws, naming the field, unless `saved` is a packed-chain checkpoint consistent with the run. */
function validatePackedState(saved: PackedChainState, options: ChainOptions): void {
  const { burnIn, sweeps, measureEvery, model } = options;
  const fail = (field: string, expected: string): never => {
    throw new Error(`ising: the checkpoint's packed chain is corrupt: ${field} must be ${expected}`);
  };
  if (saved === null || typeof saved !== 'object' || saved.format !== 'physml.ising-packed-chain') {
    fail('format', '"physml.ising-packed-chain"');
  }
  if (saved.size !== model.width) fail('size', String(model.width));
  const done = saved.completedSweeps;
  if (!Number.isInteger(done) || done < 0 || done > burnIn + sweeps)
    fail('completedSweeps', `an integer in [0, ${burnIn + sweeps}]`);
  const series: Array<[string, unknown, number]> = [
    ['burnInEnergy', saved.burnInEnergy, Math.floor(Math.min(done, burnIn) / measureEvery)],
    ['energy', saved.energy, Math.floor(Math.max(0, done - burnIn) / measureEvery)],
    ['magnetization', saved.magnetization, Math.floor(Math.max(0, done - burnIn) / measureEvery)],
  ];
  for (const [name, values, length] of series) {
    if (!Array.isArray(values) || values.length !== length || !values.every(Number.isFinite)) {
      fail(name, `${length} finite numbers (one per measurement so far)`);
    }
  }
}

/** The bit-packed Metropolis kernel as a chain: hot start, one generator, E and M by popcounts. */
async function packedChain(options: ChainOptions, saved?: PackedChainState): Promise<Chain> {
  const [
    { createPackedLattice, randomizeSpins, unpackSpins },
    { packedMetropolis },
    { packedEnergyAndMagnetization },
    { Xoshiro128StarStar },
  ] = await Promise.all([
    import('../lattice/packed-lattice.js'),
    import('../lattice/packed-metropolis.js'),
    import('../lattice/packed-observables.js'),
    import('../lattice/xoshiro128.js'),
  ]);
  const { model, temperature, sweeps, burnIn, measureEvery } = options;
  const size = model.width;
  let lattice: PackedLattice;
  try {
    lattice = createPackedLattice(size);
  } catch (error) {
    throw new ParameterError(`parameter "L" of ising: ${(error as Error).message}`);
  }
  const [initialKey, sweepKey] = split(options.key);
  const sampler = packedMetropolis(lattice, sweepKey, { temperature, coupling: model.coupling });
  const generator = sampler.generators[0];
  const state: PackedChainState = saved ?? {
    format: 'physml.ising-packed-chain',
    size,
    completedSweeps: 0,
    words: '',
    generator: generator.getState(),
    burnInEnergy: [],
    energy: [],
    magnetization: [],
  };
  if (saved === undefined) randomizeSpins(lattice, new RandomStream(initialKey));
  else {
    validatePackedState(saved, options);
    hexToWords(saved.words, new Uint32Array(lattice.buffer));
    // fromState validates the generator's words; the kernel reads the state array in place.
    generator.state.set(Xoshiro128StarStar.fromState(saved.generator).state);
  }
  const sites = model.sites;
  return {
    get completedSweeps() {
      return state.completedSweeps;
    },
    advance(maxSweeps) {
      const end = Math.min(burnIn + sweeps, state.completedSweeps + maxSweeps);
      while (state.completedSweeps < end) {
        sampler.sweep(1);
        state.completedSweeps++;
        const measuring = state.completedSweeps > burnIn;
        const phaseSweep = measuring ? state.completedSweeps - burnIn : state.completedSweeps;
        if (phaseSweep % measureEvery !== 0) continue;
        const { energy, magnetization } = packedEnergyAndMagnetization(lattice, model.coupling, 0);
        if (measuring) {
          state.energy.push(energy / sites);
          state.magnetization.push(magnetization / sites);
        } else state.burnInEnergy.push(energy / sites);
      }
    },
    getState: () => ({
      kernel: 'packed',
      chain: {
        ...state,
        words: wordsToHex(new Uint32Array(lattice.buffer)),
        generator: generator.getState(),
        burnInEnergy: state.burnInEnergy.slice(),
        energy: state.energy.slice(),
        magnetization: state.magnetization.slice(),
      },
    }),
    summary() {
      const energy = Float64Array.from(state.energy);
      const magnetization = Float64Array.from(state.magnetization);
      const analysis = isingObservables({ energy, magnetization }, { sites, temperature });
      const equilibration = equilibrationReport(state.burnInEnergy, energy);
      const warnings = [...equilibration.warnings];
      if (!analysis.converged) {
        warnings.push(
          'the binning analysis did not reach a plateau: the error bars may be too small; run longer',
        );
      }
      return {
        observables: analysis.observables,
        tauIntegrated: {
          energy: analysis.energy.tauIntegrated,
          absMagnetization: analysis.absMagnetization.tauIntegrated,
        },
        effectiveSamples: {
          energy: analysis.energy.effectiveSamples,
          absMagnetization: analysis.absMagnetization.effectiveSamples,
        },
        warnings,
        equilibrated: equilibration.equilibrated,
        burnInEnergy: Float64Array.from(state.burnInEnergy),
        energy,
        magnetization,
        finalSpins: unpackSpins(lattice),
        acceptanceRate: null,
        meanClusterSize: null,
        clustersPerSweep: 1,
      };
    },
  };
}

/**
 * The model of the parameters. A lattice too large to allocate is refused here, before anything
 * is allocated, as a parameter error naming the memory it would need.
 */
function validatedModel(params: IsingParams): IsingModel {
  const { L, dimension, algorithm } = params;
  const sites = dimension === 2 ? L * L : L;
  if (sites > MAX_ISING_SITES) {
    const perSite = algorithm === 'wolff' ? 6 : algorithm === 'swendsen-wang' ? 9 : 1;
    throw new ParameterError(
      `parameter "L" of ising: a ${L} × ${L} lattice has ${sites} spins and would need ${Math.ceil((perSite * sites) / 2 ** 20)} MiB ` +
        `(${perSite} byte${perSite > 1 ? 's' : ''} per site for ${algorithm}); at most 2^26 = ${MAX_ISING_SITES} spins ` +
        '(L ≤ 8192 in 2D) are allocated; choose a smaller L',
    );
  }
  try {
    return isingModel({
      dimension: dimension as 1 | 2,
      length: L,
      coupling: params.J,
      field: params.h,
      boundary: params.boundary,
    });
  } catch (error) {
    throw new ParameterError(
      `parameter "L" of ising: ${(error as Error).message.replace(/^isingModel: /, '')}`,
    );
  }
}

/** Why the packed kernel cannot run this model, or undefined if it can. */
function packedProblem(model: IsingModel): string | undefined {
  const size = model.width;
  if (model.dimension !== 2) return 'it simulates 2D lattices only (dimension = 2)';
  if (model.boundary !== 'periodic') return 'it needs periodic boundaries';
  if (!(model.coupling > 0)) return 'it needs a ferromagnetic coupling J > 0';
  if (model.field !== 0) return 'it needs zero field h = 0';
  if (!(size <= 64 ? size % 2 === 0 : size % 64 === 0)) {
    return `it needs L even and ≤ 64, or a multiple of 64 (spins are packed 32 to a word), got L = ${size}`;
  }
  return undefined;
}

/** A sweep-axis series: values recorded every `every` sweeps, starting after `offset`. */
function sweepAxis(count: number, offset: number, every: number): number[] {
  return Array.from({ length: count }, (_, k) => offset + (k + 1) * every);
}

/** A checkpoint larger than about this many bytes is saved at most every `slowSaveIntervalMs`. */
const smallCheckpointBytes = 2_000_000;
const slowSaveIntervalMs = 5_000;

const isingParams = z.object({
  L: z
    .number()
    .int()
    .min(2)
    .max(2 ** 26)
    .default(32)
    .describe('side of the square lattice (2D, at most 8192) or length of the chain (1D)'),
  T: z.number().min(0.05).max(1000).default(2.3).describe('temperature T (k_B = 1)'),
  J: z.number().min(-10).max(10).default(1).describe('coupling J (J > 0 ferromagnetic)'),
  h: z
    .number()
    .min(-10)
    .max(10)
    .default(0)
    .describe('external field h (Wolff and the packed kernel need h = 0)'),
  dimension: z.number().int().min(1).max(2).default(2).describe('1 for a chain, 2 for a square lattice'),
  boundary: z.enum(['periodic', 'open']).default('periodic').describe('boundary condition'),
  algorithm: z.enum(ISING_EXPERIMENT_ALGORITHMS).default('wolff').describe('update algorithm'),
  sweeps: z.number().int().min(32).max(10_000_000).default(20_000).describe('measured sweeps after burn-in'),
  burnin: z.number().int().min(0).max(10_000_000).default(2_000).describe('burn-in sweeps, discarded'),
  measureEvery: z.number().int().min(1).max(10_000).default(1).describe('sweeps between measurements'),
});

type IsingParams = z.output<typeof isingParams>;

export const ising = defineExperiment({
  name: 'ising',
  title: 'Ising model by Monte Carlo, checked against exact results',
  description:
    'Simulates the Ising model H = −J Σ s_i s_j − h Σ s_i on a chain or a square lattice (periodic or open) with ' +
    'Metropolis, heat-bath, Wolff, Swendsen–Wang or the bit-packed Metropolis kernel, and measures the energy, ' +
    '|m|, specific heat, susceptibility and Binder cumulant per spin with autocorrelation-corrected error bars ' +
    '(binning and jackknife). Each is checked within 4σ against the exact value for the same finite lattice: ' +
    'enumeration (N ≤ 25), the chain’s transfer matrix, or Kaufman’s formula (periodic 2D, h = 0). Onsager’s and ' +
    'Yang’s infinite-lattice values are shown for context. The report shows a snapshot of the lattice, the time ' +
    'series and the histogram of m.',
  params: isingParams,
  metrics: {
    energyPerSpin: { description: 'mean energy per spin ⟨E⟩/N', unit: 'J' },
    absMagnetization: { description: 'mean |m|, m = M/N' },
    magnetization: {
      description:
        'mean m (checked only in a field: in zero field it is 0 only if the run tunnels between ±m often, which single-spin updates below T_c do not)',
    },
    specificHeat: { description: 'specific heat per spin N(⟨e²⟩ − ⟨e⟩²)/T²' },
    susceptibility: { description: 'susceptibility per spin N(⟨m²⟩ − ⟨|m|⟩²)/T' },
    binder: { description: 'Binder cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²)' },
    tauIntegrated: {
      description:
        'integrated autocorrelation time, the larger of those of e and |m| (τ = 1 + 2Σρ), in sweeps',
      unit: 'sweeps',
    },
  },
  tour: { L: 16, T: 2.5, algorithm: 'wolff', sweeps: 4000, burnin: 400 },
  async run(params, context) {
    const { T, algorithm, sweeps, burnin, measureEvery } = params;
    const model = validatedModel(params);
    if (algorithm === 'wolff' && model.field !== 0) {
      throw new ParameterError(
        `parameter "algorithm" of ising: Wolff cluster updates need h = 0 (got h = ${model.field}); ` +
          'use swendsen-wang, metropolis or heatbath in a field',
      );
    }
    if (algorithm === 'metropolis-packed') {
      const problem = packedProblem(model);
      if (problem !== undefined) {
        throw new ParameterError(
          `parameter "algorithm" of ising: metropolis-packed cannot run this lattice: ${problem}`,
        );
      }
    }
    const measurements = Math.floor(sweeps / measureEvery);
    if (measurements < 32 || measurements > MAX_MEASUREMENTS) {
      throw new ParameterError(
        `parameters "sweeps" and "measureEvery" of ising must give between 32 and ${MAX_MEASUREMENTS} measurements ` +
          `(sweeps/measureEvery), got ${sweeps}/${measureEvery} = ${measurements}`,
      );
    }
    const reference = isingReference(model, T);
    const options: ChainOptions = {
      model,
      temperature: T,
      sweeps,
      burnIn: burnin,
      measureEvery,
      key: context.key,
    };
    const saved = context.checkpoint.load<IsingExperimentState>();
    let chain: Chain;
    if (algorithm === 'metropolis-packed') {
      chain = await packedChain(options, saved?.kernel === 'packed' ? saved.chain : undefined);
    } else {
      chain = simpleChain(options, algorithm, saved?.kernel === 'simple' ? saved.chain : undefined);
    }
    const total = burnin + sweeps;
    const step = Math.max(1, Math.ceil(total / 100));
    let lastSave = { time: Date.now(), sweeps: chain.completedSweeps };
    while (chain.completedSweeps < total) {
      chain.advance(step);
      const done = chain.completedSweeps;
      // A checkpoint every 10% of the run while the state is small; a large one (long series, big
      // lattice) costs real time to write, so at most one every few seconds.
      const bytes =
        (20 * (Math.min(done, burnin) + 2 * Math.max(0, done - burnin))) / measureEvery + model.sites / 4;
      const due =
        bytes <= smallCheckpointBytes
          ? done - lastSave.sweeps >= total / 10
          : Date.now() - lastSave.time >= slowSaveIntervalMs;
      if (done < total && (due || context.signal?.aborted)) {
        context.checkpoint.save(chain.getState());
        lastSave = { time: Date.now(), sweeps: done };
      }
      context.progress(done, total, done <= burnin ? 'burn-in' : 'measuring');
    }
    const summary = chain.summary();
    for (const warning of summary.warnings) context.log(`ising: ${warning}`);
    return assembleOutput(model, params, summary, reference);
  },
});

/** Metrics, reference, checks, plots, tables and the time-series artifact of a finished run. */
function assembleOutput(
  model: IsingModel,
  params: IsingParams,
  summary: ChainSummary,
  exact: IsingReference,
): ExperimentOutput {
  const { T, measureEvery, burnin, algorithm } = params;
  const o = summary.observables;
  const metrics = {
    energyPerSpin: o.energyPerSpin,
    absMagnetization: o.absMagnetizationPerSpin,
    magnetization: o.magnetizationPerSpin,
    specificHeat: o.specificHeat,
    susceptibility: o.susceptibility,
    binder: o.binder,
    tauIntegrated:
      Math.max(summary.tauIntegrated.energy, summary.tauIntegrated.absMagnetization) * measureEvery,
  };
  const reference: Record<string, ReferenceValue> = { method: exact.method };
  const checks: Check[] = [];
  const unchecked: string[] = [];
  for (const [name, value] of Object.entries(exact.values)) {
    reference[name] = value;
    const estimate = metrics[name as keyof typeof exact.values];
    // ⟨m⟩ in zero field is 0 by symmetry, which a chain that cannot tunnel never shows: not a sampling error.
    if (name === 'magnetization' && model.field === 0) continue;
    if (estimate.stderr > 0)
      checks.push({ metric: name, reference: value, tolerance: ISING_CHECK_SIGMAS, kind: 'stderr' });
    else unchecked.push(name);
  }
  if (checks.length > 0)
    reference.checkRule = `|mean − exact| ≤ ${ISING_CHECK_SIGMAS}σ, σ corrected for autocorrelation`;
  if (unchecked.length > 0) {
    reference.unchecked = `${unchecked.join(', ')}: the chain never changed them (error bar 0), so there is nothing to test`;
  }
  if (model.dimension === 2 && model.field === 0 && model.coupling > 0) {
    reference.infiniteLattice =
      'Onsager (energy, specific heat) and Yang (|m|), L → ∞: context, not checked (finite-size effects)';
    reference.onsagerEnergyPerSpin = onsagerEnergyPerSpin(T, model.coupling);
    reference.onsagerSpecificHeat = onsagerSpecificHeat(T, model.coupling);
    reference.yangMagnetization = yangMagnetization(T, model.coupling);
  }
  const measured = summary.energy.length;
  const plots: PlotSpec[] = [
    {
      kind: 'heatmap',
      title: `The lattice after the last sweep (T = ${T})`,
      caption:
        model.width > 64 || model.height > 64
          ? 'Spins up (+1) and down (−1); the lattice is shown in blocks, each coloured by its mean spin.'
          : 'Spins up (+1) and down (−1).',
      x: { title: 'x' },
      y: { title: model.dimension === 2 ? 'y' : '' },
      color: { title: 'spin', scheme: 'diverging' },
      rows: model.height,
      columns: model.width,
      values: summary.finalSpins,
    },
    timeSeriesPlot(
      'Energy per spin along the run',
      'e = E/N',
      'J',
      summary.burnInEnergy,
      summary.energy,
      burnin,
      measureEvery,
      exact.values.energyPerSpin,
    ),
    timeSeriesPlot(
      '|m| along the run',
      '|m|',
      undefined,
      undefined,
      summary.magnetization.map(Math.abs),
      burnin,
      measureEvery,
      exact.values.absMagnetization,
    ),
    magnetizationHistogram(model, summary.magnetization, exact.distribution),
  ];
  const rows: Array<Array<string | number>> = [
    ['algorithm', algorithm],
    ['measurements', measured],
    ['τ_int of e (sweeps)', summary.tauIntegrated.energy * measureEvery],
    ['τ_int of |m| (sweeps)', summary.tauIntegrated.absMagnetization * measureEvery],
    ['effective samples of e', summary.effectiveSamples.energy],
    ['effective samples of |m|', summary.effectiveSamples.absMagnetization],
    ['equilibrated (MSER and halves test)', summary.equilibrated ? 'yes' : 'no'],
  ];
  if (summary.acceptanceRate !== null) rows.push(['acceptance rate', summary.acceptanceRate]);
  if (summary.meanClusterSize !== null) rows.push(['mean cluster size', summary.meanClusterSize]);
  if (algorithm === 'wolff') rows.push(['Wolff clusters per sweep', summary.clustersPerSweep]);
  for (const warning of summary.warnings) rows.push(['warning', warning]);
  let csv = 'measurement,sweep,energyPerSpin,magnetization\n';
  for (let k = 0; k < measured; k++) {
    csv += `${k + 1},${burnin + (k + 1) * measureEvery},${summary.energy[k]},${summary.magnetization[k]}\n`;
  }
  return {
    metrics,
    reference,
    checks,
    plots,
    tables: [{ title: 'Run diagnostics', columns: ['quantity', 'value'], rows }],
    artifacts: [
      {
        name: 'timeseries.csv',
        content: csv,
        description: 'energy per spin and magnetisation at every measurement',
      },
    ],
  };
}

function timeSeriesPlot(
  title: string,
  axis: string,
  unit: string | undefined,
  burnIn: Float64Array | undefined,
  measured: Float64Array,
  burnin: number,
  measureEvery: number,
  exact: number | undefined,
): LinePlotSpec {
  const series = [];
  if (burnIn !== undefined && burnIn.length > 0) {
    series.push({ name: 'burn-in (discarded)', x: sweepAxis(burnIn.length, 0, measureEvery), y: burnIn });
  }
  series.push({ name: 'measured', x: sweepAxis(measured.length, burnin, measureEvery), y: measured });
  if (exact !== undefined) {
    const end = burnin + measured.length * measureEvery;
    series.push({ name: 'exact (this lattice)', x: [0, end], y: [exact, exact] });
  }
  return { kind: 'line', title, x: { title: 'sweep' }, y: { title: axis, unit }, series };
}

function magnetizationHistogram(
  model: IsingModel,
  magnetization: Float64Array,
  distribution?: Float64Array,
): HistogramPlotSpec {
  const sites = model.sites;
  if (distribution === undefined || sites > 1024) {
    return {
      kind: 'histogram',
      title: 'Histogram of the magnetisation per spin',
      caption: 'Two peaks at ±m below T_c (or in a chain at low T), one at 0 above.',
      x: { title: 'm = M/N' },
      samples: [{ name: 'measured', values: magnetization }],
      range: [-1, 1],
    };
  }
  // One bin per possible value M/N (spacing 2/N), so the exact P(M) is a density of P·N/2.
  return {
    kind: 'histogram',
    title: 'Histogram of the magnetisation per spin, with the exact distribution',
    caption: 'Bars: the measured m; line: the exact P(m) of this finite lattice.',
    x: { title: 'm = M/N' },
    samples: [{ name: 'measured', values: magnetization }],
    bins: sites + 1,
    range: [-1 - 1 / sites, 1 + 1 / sites],
    reference: {
      name: 'exact',
      x: Array.from(distribution, (_, u) => (2 * u - sites) / sites),
      density: Array.from(distribution, (p) => (p * sites) / 2),
    },
  };
}
