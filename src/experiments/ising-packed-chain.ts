/**
 * The bit-packed Metropolis kernel of `lattice/` as a chain of experiment `ising`
 * (`metropolis-packed`: 2D, periodic, J > 0, h = 0, L even ≤ 64 or a multiple of 64): hot start,
 * one xoshiro128** generator, energy and magnetisation by popcounts, and a JSON checkpoint of the
 * packed words and the generator. The kernel's modules are imported one by one, not through
 * `lattice/index.ts`, whose worker pool imports `node:os`: this keeps `ising` loadable in a
 * browser.
 */
import { RandomStream, split } from '../core/random/index.js';
import { Xoshiro128StarStar, type Xoshiro128State } from '../core/random/xoshiro128.js';
import {
  createPackedLattice,
  type PackedLattice,
  randomizeSpins,
  unpackSpins,
} from '../lattice/packed-lattice.js';
import { packedMetropolis } from '../lattice/packed-metropolis.js';
import { packedEnergyAndMagnetization } from '../lattice/packed-observables.js';
import type { IsingModel } from '../models/ising/index.js';
import { equilibrationReport, isingObservables } from '../observables/index.js';
import { ParameterError } from './framework/errors.js';
import type { Chain, ChainOptions } from './ising-chain.js';

/** The checkpoint of the packed kernel's chain (JSON-safe). */
export interface PackedChainState {
  /** Tag of the format. */
  format: 'physml.ising-packed-chain';
  /** The side L. */
  size: number;
  /** Sweeps done, burn-in included. */
  completedSweeps: number;
  /** Black then white words, 8 hexadecimal digits each. */
  words: string;
  /** The state of the kernel's one generator. */
  generator: Xoshiro128State;
  /** Energy per spin at each burn-in measurement so far. */
  burnInEnergy: number[];
  /** Energy per spin at each measurement so far. */
  energy: number[];
  /** Magnetisation per spin at each measurement so far. */
  magnetization: number[];
}

/** Why the packed kernel cannot run this model, or undefined if it can. */
export function packedProblem(model: IsingModel): string | undefined {
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

/** The words as 8 hexadecimal digits each, for a JSON checkpoint. */
function wordsToHex(words: Uint32Array): string {
  let text = '';
  for (let i = 0; i < words.length; i++) text += words[i].toString(16).padStart(8, '0');
  return text;
}

/** Reads `wordsToHex`'s text into `target`, or throws if it has the wrong length or digits. */
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
export function packedChain(options: ChainOptions, saved?: PackedChainState): Chain {
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
