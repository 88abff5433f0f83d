/**
 * The Markov chain of experiment `ising`, behind one interface whichever kernel runs it: the four
 * simple kernels of `models/ising` (Metropolis, heat bath, Wolff, Swendsen–Wang) or the bit-packed
 * Metropolis kernel of `lattice/` (`ising-packed-chain.ts`). A chain is advanced in pieces and
 * checkpointed between them; a resumed chain continues bit for bit.
 */
import type { Key } from '../core/random/index.js';
import {
  type IsingAlgorithm,
  type IsingModel,
  type IsingSimulationState,
  resumeIsingSimulation,
  startIsingSimulation,
} from '../models/ising/index.js';
import type { Estimate } from '../observables/index.js';
import { type PackedChainState, packedChain } from './ising-packed-chain.js';

/** What a finished chain gives, whichever kernel ran it. */
export interface ChainSummary {
  observables: Record<
    | 'energyPerSpin'
    | 'magnetizationPerSpin'
    | 'absMagnetizationPerSpin'
    | 'specificHeat'
    | 'susceptibility'
    | 'binder',
    Estimate
  >;
  /** Integrated autocorrelation times of e and |m|, in measurements. */
  tauIntegrated: { energy: number; absMagnetization: number };
  /** Effective numbers of independent samples of e and |m|. */
  effectiveSamples: { energy: number; absMagnetization: number };
  /** Problems found by the error and equilibration analyses. */
  warnings: string[];
  /** Whether the equilibration tests (MSER and halves) passed. */
  equilibrated: boolean;
  /** Energy per spin at each burn-in measurement. */
  burnInEnergy: Float64Array;
  /** Energy per spin at each measurement. */
  energy: Float64Array;
  /** Magnetisation per spin at each measurement. */
  magnetization: Float64Array;
  /** The spins after the last sweep. */
  finalSpins: Int8Array;
  /** Metropolis / heat-bath acceptance rate, null for cluster and packed kernels. */
  acceptanceRate: number | null;
  /** Mean cluster size of a cluster algorithm, null otherwise. */
  meanClusterSize: number | null;
  /** Wolff clusters per sweep (1 for every other kernel). */
  clustersPerSweep: number;
}

/** What `ising` checkpoints: the chain of either kernel. */
export type IsingExperimentState =
  | { kernel: 'simple'; chain: IsingSimulationState }
  | { kernel: 'packed'; chain: PackedChainState };

/** What a chain simulates and measures. */
export interface ChainOptions {
  /** The lattice. */
  model: IsingModel;
  /** Temperature T. */
  temperature: number;
  /** Measured sweeps after the burn-in. */
  sweeps: number;
  /** Burn-in sweeps (measured for the equilibration tests, then discarded). */
  burnIn: number;
  /** Sweeps between measurements. */
  measureEvery: number;
  /** The chain's random key. */
  key: Key;
}

/** A running chain of either kernel, advanced in pieces and checkpointed between them. */
export interface Chain {
  /** Sweeps done so far, burn-in included. */
  readonly completedSweeps: number;
  /** Runs at most `maxSweeps` more sweeps (never past burn-in + sweeps). */
  advance(maxSweeps: number): void;
  /** The checkpoint to resume from. */
  getState(): IsingExperimentState;
  /** Estimates and series of the finished chain. */
  summary(): ChainSummary;
}

/** One of the four simple kernels of `models/ising` as a chain. */
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

/**
 * Starts the chain of `algorithm` (`'metropolis-packed'`: the bit-packed kernel), or resumes it
 * from `saved` when that checkpoint is of the same kernel.
 */
export function startIsingChain(
  options: ChainOptions,
  algorithm: IsingAlgorithm | 'metropolis-packed',
  saved: IsingExperimentState | undefined,
): Chain {
  if (algorithm === 'metropolis-packed') {
    return packedChain(options, saved?.kernel === 'packed' ? saved.chain : undefined);
  }
  return simpleChain(options, algorithm, saved?.kernel === 'simple' ? saved.chain : undefined);
}
