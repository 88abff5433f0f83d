/**
 * The Ising simulation driver: burn-in, measured sweeps, observables with autocorrelation-
 * corrected error bars, equilibration checks, progress callbacks and bit-identical checkpoints.
 *
 * ```ts
 * const result = simulateIsing({
 *   model: { dimension: 2, length: 16 }, temperature: 2.5, algorithm: 'wolff',
 *   sweeps: 10_000, burnIn: 1_000, key: makeKey(7),
 * });
 * result.observables.specificHeat;          // { mean, stderr }
 * result.tauIntegrated.energy;              // in measurements
 *
 * const simulation = startIsingSimulation(options);
 * simulation.advance(5_000);                // part of the work…
 * const saved = JSON.stringify(simulation.getState());
 * const resumed = resumeIsingSimulation(JSON.parse(saved));
 * resumed.advance();                        // …and the rest: the same numbers as one run
 * ```
 *
 * Randomness: `split(key)` gives the initial-spin key and the key of the one `RandomStream`
 * that drives every sweep, so a run is a pure function of its options.
 *
 * A Wolff "sweep" is a fixed number of clusters. During burn-in that number is adapted so that a
 * sweep flips about N spins on average (N × clusters grown / spins flipped so far); it is frozen
 * when measuring starts, because a state-dependent number of clusters per measurement would bias
 * the measured distribution. Without burn-in it stays 1 (or the value given).
 */
import { type Key, RandomStream, split } from '../../core/random/index.js';
import { assertInteger, assertPositive, describe } from '../../core/validate.js';
import { assertIsingAlgorithm, type IsingAlgorithm, type IsingSweepStats } from './algorithm.js';
import { heatBathSweep } from './heat-bath.js';
import { createIsingLattice, type IsingLattice, isingBondSum, isingMagnetization } from './lattice.js';
import { metropolisSweep } from './metropolis.js';
import type { IsingModel, IsingModelOptions } from './model.js';
import { toIsingModel } from './model.js';
import { buildIsingResult, type IsingSimulationResult } from './simulation-result.js';
import {
  decodeSpins,
  encodeSpins,
  ISING_CHECKPOINT_FORMAT,
  type IsingSimulationState,
  validateIsingState,
} from './simulation-state.js';
import { swendsenWangSweep } from './swendsen-wang.js';
import { wolffSweep } from './wolff.js';

/** Where a simulation is, for progress bars. */
export interface IsingProgress {
  /** `'burn-in'` or `'measurement'`. */
  phase: 'burn-in' | 'measurement';
  /** Sweeps done, burn-in included. */
  completedSweeps: number;
  /** burnIn + sweeps. */
  totalSweeps: number;
}

/** Options of `simulateIsing` and `startIsingSimulation`. */
export interface SimulateIsingOptions {
  /** The model or its options. */
  model: IsingModel | IsingModelOptions;
  /** Temperature T > 0. */
  temperature: number;
  /** Update algorithm. */
  algorithm: IsingAlgorithm;
  /** Measured sweeps after burn-in, an integer with at least 32 measurements. */
  sweeps: number;
  /** Burn-in sweeps discarded before measuring, an integer ≥ 0. */
  burnIn: number;
  /** The run's key (see the module comment). */
  key: Key;
  /** Sweeps between measurements, an integer ≥ 1; 1 by default. */
  measureEvery?: number;
  /** Initial spins: `'random'` (default), `'up'` or `'down'`. */
  initial?: 'random' | 'up' | 'down';
  /** Wolff clusters per sweep, an integer ≥ 1; adapted during burn-in when left out. */
  clustersPerSweep?: number;
  /** Called every `progressEvery` sweeps and at the end of each phase. */
  onProgress?: (progress: IsingProgress) => void;
  /** Sweeps between progress calls, an integer ≥ 1; about 1% of the total by default. */
  progressEvery?: number;
}

/** A running simulation that can be advanced in pieces and checkpointed. */
export class IsingSimulation {
  readonly #lattice: IsingLattice;
  readonly #stream: RandomStream;
  readonly #state: Omit<IsingSimulationState, 'spins' | 'stream'>;
  readonly #onProgress: ((progress: IsingProgress) => void) | undefined;
  readonly #progressEvery: number;

  /** Use `startIsingSimulation` or `resumeIsingSimulation`. */
  constructor(
    lattice: IsingLattice,
    stream: RandomStream,
    state: Omit<IsingSimulationState, 'spins' | 'stream'>,
    onProgress: ((progress: IsingProgress) => void) | undefined,
    progressEvery: number | undefined,
  ) {
    this.#lattice = lattice;
    this.#stream = stream;
    this.#state = state;
    this.#onProgress = onProgress;
    const total = state.burnIn + state.sweeps;
    this.#progressEvery = progressEvery ?? Math.max(1, Math.round(total / 100));
  }

  /** Sweeps done, burn-in included. */
  get completedSweeps(): number {
    return this.#state.completedSweeps;
  }

  /** True when burn-in and all measured sweeps are done. */
  get finished(): boolean {
    return this.#state.completedSweeps >= this.#state.burnIn + this.#state.sweeps;
  }

  #sweep(): IsingSweepStats {
    const lattice = this.#lattice;
    const temperature = this.#state.temperature;
    switch (this.#state.algorithm) {
      case 'metropolis':
        return metropolisSweep(lattice, temperature, this.#stream);
      case 'heatbath':
        return heatBathSweep(lattice, temperature, this.#stream);
      case 'wolff':
        return wolffSweep(lattice, temperature, this.#stream, { clusters: this.#state.clustersPerSweep });
      case 'swendsen-wang':
        return swendsenWangSweep(lattice, temperature, this.#stream);
    }
  }

  /**
   * Runs up to `maxSweeps` more sweeps (all that remain by default). Returns `finished`.
   *
   * @param maxSweeps an integer ≥ 0.
   */
  advance(maxSweeps?: number): boolean {
    const state = this.#state;
    const total = state.burnIn + state.sweeps;
    const limit = maxSweeps === undefined ? total : maxSweeps;
    assertInteger('IsingSimulation.advance', 'maxSweeps', limit, 0);
    const { sites, coupling, field } = this.#lattice.model;
    const end = Math.min(total, state.completedSweeps + limit);
    const adaptive = state.algorithm === 'wolff' && state.adaptiveClusters;
    while (state.completedSweeps < end) {
      const stats = this.#sweep();
      state.completedSweeps++;
      const done = state.completedSweeps;
      const measuring = done > state.burnIn;
      if (measuring) {
        state.totals.flippedSpins += stats.flippedSpins;
        state.totals.siteUpdates += stats.siteUpdates;
        state.totals.clusters += stats.clusters;
      } else if (adaptive) {
        state.adaptation.clusters += stats.clusters;
        state.adaptation.flippedSpins += stats.flippedSpins;
        state.clustersPerSweep = Math.max(
          1,
          Math.round((sites * state.adaptation.clusters) / state.adaptation.flippedSpins),
        );
      }
      const phaseSweep = measuring ? done - state.burnIn : done;
      if (phaseSweep % state.measureEvery === 0) {
        const magnetization = isingMagnetization(this.#lattice);
        const energy = (-coupling * isingBondSum(this.#lattice) - field * magnetization) / sites;
        if (measuring) {
          state.energy.push(energy);
          state.magnetization.push(magnetization / sites);
        } else {
          state.burnInEnergy.push(energy);
        }
      }
      if (
        this.#onProgress !== undefined &&
        (done % this.#progressEvery === 0 || done === state.burnIn || done === total)
      ) {
        this.#onProgress({
          phase: measuring ? 'measurement' : 'burn-in',
          completedSweeps: done,
          totalSweeps: total,
        });
      }
    }
    return this.finished;
  }

  /** A JSON-safe snapshot; `resumeIsingSimulation` continues from it bit-identically. */
  getState(): IsingSimulationState {
    const state = this.#state;
    return {
      ...state,
      adaptation: { ...state.adaptation },
      totals: { ...state.totals },
      burnInEnergy: state.burnInEnergy.slice(),
      energy: state.energy.slice(),
      magnetization: state.magnetization.slice(),
      spins: encodeSpins(this.#lattice.spins),
      stream: this.#stream.getState(),
    };
  }

  /** The observables and diagnostics of the measurements so far (the run must be finished). */
  result(): IsingSimulationResult {
    if (!this.finished) {
      throw new Error(
        `IsingSimulation.result: the run is not finished (${this.completedSweeps} of ${this.#state.burnIn + this.#state.sweeps} sweeps); call advance() first`,
      );
    }
    return buildIsingResult(this.#state, this.#lattice);
  }
}

/** A new simulation, nothing run yet; `advance()` runs it. */
export function startIsingSimulation(options: SimulateIsingOptions): IsingSimulation {
  const where = 'startIsingSimulation';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const model = toIsingModel(options.model);
  assertPositive(where, 'temperature', options.temperature);
  assertIsingAlgorithm(where, options.algorithm);
  const measureEvery = options.measureEvery ?? 1;
  assertInteger(where, 'measureEvery', measureEvery, 1);
  assertInteger(where, 'sweeps', options.sweeps, 32 * measureEvery);
  assertInteger(where, 'burnIn', options.burnIn, 0);
  if (options.clustersPerSweep !== undefined)
    assertInteger(where, 'clustersPerSweep', options.clustersPerSweep, 1);
  if (options.progressEvery !== undefined) assertInteger(where, 'progressEvery', options.progressEvery, 1);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`${where}: onProgress must be a function, got ${describe(options.onProgress)}`);
  }
  if (options.algorithm === 'wolff' && model.field !== 0) {
    throw new RangeError(
      `${where}: Wolff cluster updates need field h = 0, but the model has h = ${model.field}; use ` +
        `'swendsen-wang' (which handles a field), 'metropolis' or 'heatbath'`,
    );
  }
  const [initialKey, streamKey] = split(options.key);
  const lattice = createIsingLattice(model, { initial: options.initial ?? 'random', key: initialKey });
  return new IsingSimulation(
    lattice,
    new RandomStream(streamKey),
    {
      format: ISING_CHECKPOINT_FORMAT,
      version: 1,
      model,
      temperature: options.temperature,
      algorithm: options.algorithm,
      sweeps: options.sweeps,
      burnIn: options.burnIn,
      measureEvery,
      completedSweeps: 0,
      clustersPerSweep: options.clustersPerSweep ?? 1,
      adaptiveClusters: options.clustersPerSweep === undefined,
      adaptation: { clusters: 0, flippedSpins: 0 },
      totals: { flippedSpins: 0, siteUpdates: 0, clusters: 0 },
      burnInEnergy: [],
      energy: [],
      magnetization: [],
    },
    options.onProgress,
    options.progressEvery,
  );
}

/** Options of `resumeIsingSimulation`. */
export interface ResumeIsingOptions {
  /** Progress callback for the resumed run. */
  onProgress?: (progress: IsingProgress) => void;
  /** Sweeps between progress calls. */
  progressEvery?: number;
}

/** The simulation saved by `getState()`, ready to continue exactly where it stopped. */
export function resumeIsingSimulation(
  state: IsingSimulationState,
  options: ResumeIsingOptions = {},
): IsingSimulation {
  const checked = validateIsingState(state);
  const lattice = createIsingLattice(checked.model, {
    initial: decodeSpins(checked.spins, checked.model.sites),
  });
  const stream = RandomStream.fromState(checked.stream);
  const { spins: _spins, stream: _stream, ...rest } = checked;
  return new IsingSimulation(
    lattice,
    stream,
    {
      ...rest,
      adaptation: { ...rest.adaptation },
      totals: { ...rest.totals },
      burnInEnergy: rest.burnInEnergy.slice(),
      energy: rest.energy.slice(),
      magnetization: rest.magnetization.slice(),
    },
    options.onProgress,
    options.progressEvery,
  );
}

/** Runs a whole simulation (burn-in, then measured sweeps) and returns its result. */
export function simulateIsing(options: SimulateIsingOptions): IsingSimulationResult {
  const simulation = startIsingSimulation(options);
  simulation.advance();
  return simulation.result();
}
