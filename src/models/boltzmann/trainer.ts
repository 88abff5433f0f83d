/**
 * Training a Boltzmann machine by gradient ascent on the log-likelihood: the positive phase
 * (statistics with the visible units clamped to data) minus the negative phase (statistics of
 * the model's own "fantasy" states), either exactly by enumeration (small machines) or by Gibbs
 * sampling:
 *
 * - positive phase: every training row keeps its own persistent hidden state; each update runs
 *   `positiveSweeps` sweeps of its hidden units with v clamped and averages the statistics over
 *   those sweeps (for H = 0 the statistics are the data's, with no sampling);
 * - negative phase: `persistentChains` persistent fantasy chains (Tieleman's PCD, in the
 *   Boltzmann-machine form of Salakhutdinov & Hinton's SAP), `negativeSweeps` full sweeps per
 *   update, statistics averaged over the chains.
 *
 * Update: W_ij ← W_ij + η·(⟨s_i s_j⟩₊ − ⟨s_i s_j⟩₋ − λW_ij), b_i ← b_i + η·(⟨s_i⟩₊ − ⟨s_i⟩₋), with
 * optional momentum. The trainer is resumable: `getState()` is plain JSON and
 * `BoltzmannTrainer.fromState` continues exactly.
 */
import { fold, type Key, keyFromString, keyToString, permutation, split } from '../../core/random/index.js';
import { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import { assertInteger, assertKey, assertOptions, describe, finiteArray } from '../../core/validate.js';
import type { Schedule } from '../../schedules/index.js';
import {
  assertBoltzmannMachine,
  type BoltzmannMachine,
  boltzmannMachineFromJSON,
  boltzmannMachineToJSON,
} from './boltzmann-machine.js';
import { boltzmannLogLikelihoodGradient } from './exact.js';
import { boltzmannGibbsSweep } from './gibbs-sweep.js';
import {
  type BoltzmannTrainerOptions,
  type BoltzmannTrainingState,
  checkSettings,
  type Settings,
} from './trainer-options.js';

/**
 * Trains a Boltzmann machine in place on binary rows of `data` (`rows × V`, kept by reference).
 * Rows are visited in a fresh random order every epoch.
 *
 * ```ts
 * const machine = createBoltzmannMachine({ visibleCount: 9, hiddenCount: 4, key: makeKey(0), weightScale: 0.1 });
 * const trainer = new BoltzmannTrainer(machine, barsAndStripes(3).images, { key: makeKey(1) });
 * trainer.train(200);
 * ```
 */
export class BoltzmannTrainer {
  /** The machine being trained (updated in place). */
  readonly machine: BoltzmannMachine;
  readonly #data: Float64Array;
  readonly #rows: number;
  readonly #settings: Settings;
  #words: Xoshiro128StarStar;
  #orderKey: Key;
  #order: Int32Array | null = null;
  #step = 0;
  #epoch = 0;
  #batchInEpoch = 0;
  readonly #dataHidden: Float64Array;
  readonly #chains: Float64Array;
  readonly #velocity: Float64Array | null;
  readonly #state: Float64Array;
  readonly #pairs: Float64Array;
  readonly #singles: Float64Array;

  constructor(machine: BoltzmannMachine, data: ArrayLike<number>, options: BoltzmannTrainerOptions) {
    const where = 'BoltzmannTrainer';
    assertBoltzmannMachine(where, machine);
    assertOptions(where, options);
    assertKey(where, options.key);
    this.#settings = checkSettings(where, options);
    const V = machine.visibleCount;
    const n = machine.unitCount;
    if (data === null || typeof data !== 'object' || data.length === 0 || data.length % V !== 0) {
      throw new RangeError(
        `${where}: data must be a non-empty array of rows of ${V} numbers, got ${describe(data)}`,
      );
    }
    const copy = Float64Array.from(data);
    for (let k = 0; k < copy.length; k++) {
      if (copy[k] !== 0 && copy[k] !== 1)
        throw new RangeError(`${where}: data must be 0/1, got ${describe(copy[k])} at ${k}`);
    }
    this.machine = machine;
    this.#data = copy;
    this.#rows = copy.length / V;
    const [initialKey, wordKey, orderKey] = split(options.key, 3);
    this.#words = new Xoshiro128StarStar(wordKey);
    this.#orderKey = orderKey;
    const initial = new Xoshiro128StarStar(initialKey);
    this.#dataHidden = new Float64Array(this.#rows * machine.hiddenCount);
    for (let k = 0; k < this.#dataHidden.length; k++) this.#dataHidden[k] = initial.nextUint32() >>> 31;
    this.#chains = new Float64Array(this.#settings.persistentChains * n);
    for (let k = 0; k < this.#chains.length; k++) this.#chains[k] = initial.nextUint32() >>> 31;
    this.#velocity = this.#settings.momentum > 0 ? new Float64Array(n * n + n) : null;
    this.#state = new Float64Array(n);
    this.#pairs = new Float64Array(n * n);
    this.#singles = new Float64Array(n);
  }

  /** Updates done so far. */
  get step(): number {
    return this.#step;
  }

  /** Completed epochs. */
  get epoch(): number {
    return this.#epoch;
  }

  /** The fantasy chains' current states (`chains × n`, a copy). */
  fantasyParticles(): Float64Array {
    return this.#chains.slice();
  }

  /** Runs `epochs` epochs, calling `onEpoch` after each. */
  train(epochs: number, onEpoch?: (epoch: number, trainer: BoltzmannTrainer) => void): void {
    assertInteger('BoltzmannTrainer.train', 'epochs', epochs, 0, 1e9);
    for (let e = 0; e < epochs; e++) {
      const epoch = this.#epoch;
      while (this.#epoch === epoch) this.trainBatch();
      onEpoch?.(this.#epoch, this);
    }
  }

  /** One update on the next minibatch of rows. */
  trainBatch(): void {
    const { batchSize } = this.#settings;
    const batches = Math.ceil(this.#rows / batchSize);
    if (this.#order === null) this.#order = permutation(fold(this.#orderKey, this.#epoch), this.#rows);
    const start = this.#batchInEpoch * batchSize;
    const rows = this.#order.subarray(start, Math.min(start + batchSize, this.#rows));
    const gradient =
      this.#settings.gradient === 'exact' ? this.#exactGradient(rows) : this.#sampledGradient(rows);
    this.#apply(gradient);
    this.#step++;
    if (++this.#batchInEpoch === batches) {
      this.#batchInEpoch = 0;
      this.#epoch++;
      this.#order = null;
    }
  }

  #exactGradient(rows: Int32Array): Float64Array {
    const V = this.machine.visibleCount;
    const n = this.machine.unitCount;
    const batch = new Float64Array(rows.length * V);
    for (let r = 0; r < rows.length; r++) batch.set(this.#data.subarray(rows[r] * V, rows[r] * V + V), r * V);
    const exact = boltzmannLogLikelihoodGradient(this.machine, batch);
    const out = new Float64Array(n * n + n);
    out.set(exact.couplings);
    out.set(exact.biases, n * n);
    return out;
  }

  /** Adds weight·(s sᵀ, s) of the state at `offset` in `states` to the sums. */
  #accumulate(states: Float64Array, offset: number, weight: number): void {
    const n = this.machine.unitCount;
    const pairs = this.#pairs;
    const singles = this.#singles;
    for (let i = 0; i < n; i++) {
      if (states[offset + i] === 0) continue;
      singles[i] += weight;
      for (let j = i + 1; j < n; j++) if (states[offset + j] !== 0) pairs[i * n + j] += weight;
    }
  }

  #sampledGradient(rows: Int32Array): Float64Array {
    const machine = this.machine;
    const V = machine.visibleCount;
    const H = machine.hiddenCount;
    const n = machine.unitCount;
    const { positiveSweeps, negativeSweeps, persistentChains } = this.#settings;
    const state = this.#state;
    const out = new Float64Array(n * n + n);
    // Positive phase: clamp v, sweep the hidden units, average over the sweeps.
    this.#pairs.fill(0);
    this.#singles.fill(0);
    const sweeps = H === 0 ? 1 : positiveSweeps;
    for (const row of rows) {
      state.set(this.#data.subarray(row * V, row * V + V));
      state.set(this.#dataHidden.subarray(row * H, row * H + H), V);
      for (let s = 0; s < sweeps; s++) {
        if (H > 0) boltzmannGibbsSweep(machine, state, 0, V, this.#words);
        this.#accumulate(state, 0, 1 / (sweeps * rows.length));
      }
      this.#dataHidden.set(state.subarray(V), row * H);
    }
    this.#collect(out, 1);
    // Negative phase: sweep the persistent fantasy chains.
    this.#pairs.fill(0);
    this.#singles.fill(0);
    for (let c = 0; c < persistentChains; c++) {
      for (let s = 0; s < negativeSweeps; s++)
        boltzmannGibbsSweep(machine, this.#chains, c * n, 0, this.#words);
      this.#accumulate(this.#chains, c * n, 1 / persistentChains);
    }
    this.#collect(out, -1);
    return out;
  }

  /** out += sign·(symmetrised pair sums, single sums). */
  #collect(out: Float64Array, sign: number): void {
    const n = this.machine.unitCount;
    for (let i = 0; i < n; i++) {
      out[n * n + i] += sign * this.#singles[i];
      for (let j = i + 1; j < n; j++) {
        out[i * n + j] += sign * this.#pairs[i * n + j];
        out[j * n + i] += sign * this.#pairs[i * n + j];
      }
    }
  }

  #apply(gradient: Float64Array): void {
    const n = this.machine.unitCount;
    const { couplings, biases } = this.machine;
    const { momentum, weightDecay } = this.#settings;
    const rate = this.#learningRate();
    if (weightDecay > 0) for (let k = 0; k < n * n; k++) gradient[k] -= weightDecay * couplings[k];
    const velocity = this.#velocity;
    for (let k = 0; k < n * n + n; k++) {
      let change = rate * gradient[k];
      if (velocity !== null) change = velocity[k] = momentum * velocity[k] + change;
      if (k < n * n) couplings[k] += change;
      else biases[k - n * n] += change;
    }
  }

  #learningRate(): number {
    const rate = this.#settings.learningRate;
    if (typeof rate === 'number') return rate;
    const value = rate(this.#step);
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(
        `BoltzmannTrainer: the learning-rate schedule returned ${describe(value)} at step ${this.#step}`,
      );
    }
    return value;
  }

  /** The trainer as JSON-safe data; `BoltzmannTrainer.fromState` resumes it exactly. */
  getState(): BoltzmannTrainingState {
    const s = this.#settings;
    return {
      version: 1,
      machine: boltzmannMachineToJSON(this.machine),
      gradient: s.gradient,
      learningRate: typeof s.learningRate === 'number' ? s.learningRate : null,
      momentum: s.momentum,
      weightDecay: s.weightDecay,
      batchSize: s.batchSize,
      persistentChains: s.persistentChains,
      positiveSweeps: s.positiveSweeps,
      negativeSweeps: s.negativeSweeps,
      dataRows: this.#rows,
      step: this.#step,
      epoch: this.#epoch,
      batchInEpoch: this.#batchInEpoch,
      dataHidden: Array.from(this.#dataHidden),
      chains: Array.from(this.#chains),
      velocity: this.#velocity === null ? null : Array.from(this.#velocity),
      words: this.#words.getState(),
      orderKey: keyToString(this.#orderKey),
    };
  }

  /**
   * The trainer saved by `getState`, on the same `data`. Pass `learningRate` again when the
   * original was a schedule.
   * @throws Error naming the field when the state is corrupt or does not fit the data.
   */
  static fromState(
    state: BoltzmannTrainingState,
    data: ArrayLike<number>,
    options: { learningRate?: number | Schedule } = {},
  ): BoltzmannTrainer {
    const where = 'BoltzmannTrainer.fromState';
    assertOptions(where, state);
    if (state.version !== 1)
      throw new RangeError(`${where}: state.version must be 1, got ${describe(state.version)}`);
    const learningRate = options.learningRate ?? state.learningRate;
    if (learningRate === null)
      throw new Error(`${where}: the state was trained with a schedule; pass options.learningRate`);
    const trainer = new BoltzmannTrainer(boltzmannMachineFromJSON(state.machine), data, {
      gradient: state.gradient,
      learningRate,
      momentum: state.momentum,
      weightDecay: state.weightDecay,
      batchSize: state.batchSize,
      persistentChains: state.persistentChains,
      positiveSweeps: state.positiveSweeps,
      negativeSweeps: state.negativeSweeps,
      key: new Uint32Array(2),
    });
    trainer.#restore(state);
    return trainer;
  }

  #restore(state: BoltzmannTrainingState): void {
    const where = 'BoltzmannTrainer.fromState';
    if (state.dataRows !== this.#rows) {
      throw new RangeError(
        `${where}: state.dataRows is ${describe(state.dataRows)} but data has ${this.#rows} rows`,
      );
    }
    assertInteger(where, 'state.step', state.step, 0);
    assertInteger(where, 'state.epoch', state.epoch, 0);
    assertInteger(
      where,
      'state.batchInEpoch',
      state.batchInEpoch,
      0,
      Math.ceil(this.#rows / this.#settings.batchSize) - 1,
    );
    this.#dataHidden.set(finiteArray(where, 'state.dataHidden', state.dataHidden, this.#dataHidden.length));
    this.#chains.set(finiteArray(where, 'state.chains', state.chains, this.#chains.length));
    if (this.#velocity !== null) {
      if (state.velocity === null) throw new RangeError(`${where}: state.velocity is missing (momentum > 0)`);
      this.#velocity.set(finiteArray(where, 'state.velocity', state.velocity, this.#velocity.length));
    }
    try {
      this.#orderKey = keyFromString(state.orderKey);
    } catch {
      throw new RangeError(`${where}: state.orderKey must be a key text, got ${describe(state.orderKey)}`);
    }
    this.#words = Xoshiro128StarStar.fromState(state.words);
    this.#step = state.step;
    this.#epoch = state.epoch;
    this.#batchInEpoch = state.batchInEpoch;
    this.#order = null;
  }
}
