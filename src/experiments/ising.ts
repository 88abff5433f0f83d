/**
 * Experiment `ising`: a Monte Carlo simulation of the Ising model (1D chain or 2D square lattice,
 * coupling J, field h, periodic or open), with autocorrelation-corrected error bars, checked
 * against the exact finite-lattice result wherever one exists (`ising-reference.ts`: enumeration
 * for N ≤ 25, the chain's transfer matrices, Kaufman's formula for a periodic 2D lattice in zero
 * field). Onsager's and Yang's infinite-lattice values are reported for context only, since a
 * finite lattice differs from them by finite-size effects far larger than the error bars.
 * Each check is |mean − exact| ≤ 4σ (σ autocorrelation-corrected); for one Gaussian estimate the
 * false-failure rate is 6·10⁻⁵.
 *
 * The chain (`ising-chain.ts`) runs one of the four simple kernels of `models/ising` or the
 * bit-packed Metropolis kernel of `lattice/` (`metropolis-packed`: 2D, periodic, J > 0, h = 0,
 * L even ≤ 64 or a multiple of 64; `ising-packed-chain.ts`); the report is built in
 * `ising-report.ts`.
 */
import { z } from 'zod';
import { type IsingModel, isingModel, MAX_ISING_SITES } from '../models/ising/index.js';
import { defineExperiment } from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import { type ChainOptions, type IsingExperimentState, startIsingChain } from './ising-chain.js';
import { packedProblem } from './ising-packed-chain.js';
import { isingReference } from './ising-reference.js';
import { ISING_CHECK_SIGMAS, isingReport } from './ising-report.js';

export { type IsingReference, isingReference } from './ising-reference.js';
export { ISING_CHECK_SIGMAS };

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

/** The experiment `ising` (see the module comment). */
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
    const chain = startIsingChain(options, algorithm, context.checkpoint.load<IsingExperimentState>());
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
    return isingReport(model, params, summary, reference);
  },
});
