/**
 * Training an RBM by contrastive divergence (CD-k, Hinton 2002) or persistent contrastive
 * divergence (PCD, Tieleman 2008; "stochastic maximum likelihood"), on minibatches, with
 * momentum, weight decay and a learning-rate schedule. The trainer is resumable: `getState()`
 * is plain JSON (weights, velocities, persistent chains, position in the epoch, random stream),
 * and `RbmTrainer.fromState` continues bit for bit.
 *
 * One update on a minibatch X of m rows (positive phase) against `chains` negative particles:
 *
 *   h⁺ = p(h = 1 | X)                              hidden probabilities of the data
 *   CD-k: start the chains at h ~ p(h | X); PCD: continue the persistent chains' hidden state
 *   k times: v⁻ ~ p(v | h), h⁻ = p(h = 1 | v⁻), h ~ h⁻   (block Gibbs; Gaussian v⁻ = mean + noise)
 *   g_W = Xᵀh⁺/m − v⁻ᵀh⁻/chains − λW,   g_b = mean(X) − mean(v⁻),   g_c = mean(h⁺) − mean(h⁻)
 *   velocity ← μ·velocity + η_t·g;   θ ← θ + velocity          (plain θ ← θ + η_t·g when μ = 0)
 *
 * With method 'pcd', k = 1, μ = λ = 0, minibatches in data order and `chains` = batch size,
 * this is exactly scikit-learn's `BernoulliRBM.fit` (same statistics: hidden probabilities, a
 * sampled visible layer, chains starting from all-zero hidden states), except for one detail:
 * for a last, shorter minibatch scikit-learn divides the negative statistics by the minibatch
 * size instead of the number of chains; here each phase is averaged over its own rows.
 *
 * Performance: all buffers are allocated once; the data set's nonzero entries are listed once at
 * construction; minibatches of up to 64 rows go through the sparse loops of `small-products.ts`
 * (samples are listed as they are drawn), larger ones through `getKernels().matmul`; the sigmoid,
 * the Bernoulli draw and the listing of the ones are one branch-free pass (`layers.ts`).
 */
import type { FloatArray } from '../../core/kernels/index.js';
import type { WasmSparseRowProducts } from '../../core/kernels/wasm/wasm-sparse-rows.js';
import {
  fold,
  type Key,
  keyFromString,
  keyToString,
  permutation,
  RandomStream,
  split,
} from '../../core/random/index.js';
import { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import { assertInteger, assertKey, assertOptions, describe, finiteArray } from '../../core/validate.js';
import type { Schedule } from '../../schedules/index.js';
import {
  accumulateWeightStatistics,
  addNoise,
  hiddenPreActivations,
  sampleLayer,
  sigmoidInPlace,
  visiblePreActivations,
} from './layers.js';
import { assertRbm, type Rbm, rbmFromJSON, rbmToJSON } from './rbm.js';
import {
  createOuterScratch,
  createRowLists,
  forwardProduct,
  listRows,
  type OuterScratch,
  type RowLists,
  SMALL_BATCH_LIMIT,
} from './small-products.js';
import {
  checkedData,
  checkSettings,
  type RbmTrainerOptions,
  type RbmTrainingState,
  type Settings,
} from './trainer-options.js';
import { wasmOuterUpdate, wasmProductsFor } from './wasm-products.js';

/**
 * Trains an RBM in place on the rows of `data` (`n × V`, row-major; kept by reference, so do
 * not change it while training).
 *
 * ```ts
 * const rbm = createRbm({ visibleCount: 64, hiddenCount: 100, key: makeKey(0) });
 * const trainer = new RbmTrainer(rbm, images, { learningRate: 0.06, batchSize: 10, key: makeKey(1) });
 * trainer.train(20);                           // 20 epochs of PCD-1
 * const checkpoint = JSON.stringify(trainer.getState());
 * ```
 */
export class RbmTrainer {
  /** The model being trained (updated in place). */
  readonly rbm: Rbm;
  readonly #data: FloatArray;
  readonly #rows: number;
  readonly #settings: Settings;
  #words: Xoshiro128StarStar;
  #normals: RandomStream;
  #orderKey: Key;
  #step = 0;
  #epoch = 0;
  #batchInEpoch = 0;
  #order: Int32Array | null = null;
  // Buffers, allocated once.
  readonly #chainHidden: Float64Array;
  readonly #chainVisible: Float64Array;
  readonly #batch: Float64Array;
  readonly #statistics: Float64Array;
  readonly #velocity: Float64Array | null;
  readonly #gradient: Float64Array | null;
  readonly #sums: Float64Array;
  // Nonzero lists: of the whole data set (built once), of a shuffled minibatch, of the chains.
  readonly #dataLists: RowLists;
  readonly #batchLists: RowLists;
  readonly #hiddenLists: RowLists;
  readonly #visibleLists: RowLists;
  readonly #outer: OuterScratch;
  /** Whether #hiddenLists describes #chainHidden (false after a restore or a CD restart). */
  #hiddenListed = false;
  /** The WebAssembly products of the small-batch step, made on first use (see wasm-products.ts). */
  #products: WasmSparseRowProducts | undefined;

  constructor(rbm: Rbm, data: ArrayLike<number>, options: RbmTrainerOptions) {
    const where = 'RbmTrainer';
    assertRbm(where, rbm);
    assertOptions(where, options);
    assertKey(where, options.key);
    this.#settings = checkSettings(where, options);
    const [wordKey, normalKey, orderKey] = split(options.key, 3);
    this.rbm = rbm;
    this.#data = checkedData(where, data, rbm.visibleCount);
    this.#rows = this.#data.length / rbm.visibleCount;
    this.#words = new Xoshiro128StarStar(wordKey);
    this.#normals = new RandomStream(normalKey);
    this.#orderKey = orderKey;
    const { visibleCount: V, hiddenCount: H } = rbm;
    const { batchSize, persistentChains, momentum, weightDecay } = this.#settings;
    const chains = Math.max(batchSize, persistentChains);
    this.#chainHidden = new Float64Array(chains * H);
    this.#chainVisible = new Float64Array(chains * V);
    this.#batch = new Float64Array(batchSize * V);
    this.#statistics = new Float64Array((batchSize + chains) * H);
    const parameters = V * H + V + H;
    this.#velocity = momentum > 0 ? new Float64Array(parameters) : null;
    this.#gradient = momentum > 0 || weightDecay > 0 ? new Float64Array(parameters) : null;
    this.#sums = new Float64Array(Math.max(V, H));
    this.#dataLists = createRowLists(this.#rows, V);
    listRows(this.#data, 0, this.#rows, V, this.#dataLists);
    this.#batchLists = createRowLists(batchSize, V);
    this.#hiddenLists = createRowLists(chains, H);
    this.#visibleLists = createRowLists(chains, V);
    this.#outer = createOuterScratch(V, batchSize + chains);
  }

  /** Updates done so far. */
  get step(): number {
    return this.#step;
  }

  /** Completed epochs. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Number of data rows. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * The negative particles' last visible samples (`chains × V`, a copy): for PCD the fantasy
   * particles, for CD the last reconstructions. Zero before the first update.
   */
  fantasyParticles(): Float64Array {
    const chains =
      this.#settings.method === 'pcd' ? this.#settings.persistentChains : this.#settings.batchSize;
    return this.#chainVisible.slice(0, chains * this.rbm.visibleCount);
  }

  /** Runs `epochs` epochs (from the current position), calling `onEpoch` after each. */
  train(epochs: number, onEpoch?: (epoch: number, trainer: RbmTrainer) => void): void {
    assertInteger('RbmTrainer.train', 'epochs', epochs, 0, 1e9);
    for (let e = 0; e < epochs; e++) {
      this.trainEpoch();
      onEpoch?.(this.#epoch, this);
    }
  }

  /** Runs the minibatches left in the current epoch (all of them after a completed epoch). */
  trainEpoch(): void {
    const epoch = this.#epoch;
    while (this.#epoch === epoch) this.trainBatch();
  }

  /** One update on the next minibatch. */
  trainBatch(): void {
    const V = this.rbm.visibleCount;
    const { batchSize, shuffle } = this.#settings;
    const batches = Math.ceil(this.#rows / batchSize);
    const start = this.#batchInEpoch * batchSize;
    const rows = Math.min(batchSize, this.#rows - start);
    let source: FloatArray = this.#data;
    let offset = start * V;
    let lists = this.#dataLists;
    let listRow = start;
    if (shuffle) {
      if (this.#order === null) this.#order = permutation(fold(this.#orderKey, this.#epoch), this.#rows);
      for (let s = 0; s < rows; s++) {
        const row = this.#order[start + s];
        for (let i = 0; i < V; i++) this.#batch[s * V + i] = this.#data[row * V + i];
      }
      source = this.#batch;
      offset = 0;
      lists = this.#batchLists;
      listRow = 0;
      if (rows <= SMALL_BATCH_LIMIT) listRows(source, 0, rows, V, lists);
    }
    this.#update(source, offset, lists, listRow, rows);
    this.#step++;
    this.#batchInEpoch++;
    if (this.#batchInEpoch === batches) {
      this.#batchInEpoch = 0;
      this.#epoch++;
      this.#order = null;
    }
  }

  #update(source: FloatArray, offset: number, lists: RowLists, listRow: number, rows: number): void {
    const rbm = this.rbm;
    const { visibleCount: V, hiddenCount: H } = rbm;
    const { method, gibbsSteps, momentum, weightDecay } = this.#settings;
    const statistics = this.#statistics;
    const chains = method === 'pcd' ? this.#settings.persistentChains : rows;
    const chainHidden = this.#chainHidden;
    const chainVisible = this.#chainVisible;
    const words = this.#words;
    const small = rows <= SMALL_BATCH_LIMIT && chains <= SMALL_BATCH_LIMIT;
    // Plain SGD on small batches: the products in WebAssembly SIMD (same sums, same order) on a
    // copy of W loaded here and stored back by the weight update.
    const products = small && this.#gradient === null ? this.#wasmProducts() : undefined;
    products?.load(rbm.weights as Float64Array);

    // Positive phase: h⁺ = σ(c + XW), the first `rows` rows of the statistics.
    if (products !== undefined) products.forward(lists, listRow, rows, rbm.hiddenBias, statistics);
    else if (small) forwardProduct(lists, listRow, rows, H, rbm.weights, rbm.hiddenBias, statistics);
    else hiddenPreActivations(rbm, source, offset, rows, statistics, this.#batchLists);
    if (method === 'cd') {
      // CD starts the chains at h ~ p(h | X).
      sampleLayer(statistics, rows, H, chainHidden, this.#hiddenLists, words);
      this.#hiddenListed = true;
    } else {
      sigmoidInPlace(statistics, rows * H);
    }
    // Negative phase: k block-Gibbs steps; h⁻ (probabilities) follow the positive rows.
    const negative = statistics.subarray(rows * H, (rows + chains) * H);
    for (let step = 1; step <= gibbsSteps; step++) {
      if (products !== undefined) {
        if (!this.#hiddenListed) listRows(chainHidden, 0, chains, H, this.#hiddenLists);
        products.backward(this.#hiddenLists, chains, rbm.visibleBias, chainVisible);
      } else {
        visiblePreActivations(
          rbm,
          chainHidden,
          chains,
          chainVisible,
          this.#hiddenLists,
          this.#hiddenListed && small,
        );
      }
      if (rbm.visibleUnits === 'bernoulli') {
        sampleLayer(chainVisible, chains, V, chainVisible, this.#visibleLists, words);
      } else {
        addNoise(chainVisible, chains * V, this.#normals);
        if (small) listRows(chainVisible, 0, chains, V, this.#visibleLists);
      }
      if (products !== undefined) products.forward(this.#visibleLists, 0, chains, rbm.hiddenBias, negative);
      else if (small) forwardProduct(this.#visibleLists, 0, chains, H, rbm.weights, rbm.hiddenBias, negative);
      else hiddenPreActivations(rbm, chainVisible, 0, chains, negative, this.#visibleLists);
      if (step < gibbsSteps || method === 'pcd') {
        sampleLayer(negative, chains, H, chainHidden, this.#hiddenLists, words);
        this.#hiddenListed = true;
      } else {
        sigmoidInPlace(negative, chains * H);
      }
    }

    const rate = this.#learningRate();
    const gradient = this.#gradient;
    if (gradient === null) {
      // Plain SGD (scikit-learn's rule): add the statistics straight into the parameters.
      this.#accumulate(
        rbm.weights,
        rbm.visibleBias,
        rbm.hiddenBias,
        source,
        offset,
        lists,
        listRow,
        rows,
        chains,
        rate,
        products,
      );
      return;
    }
    gradient.fill(0);
    const weightsGradient = gradient.subarray(0, V * H);
    const visibleGradient = gradient.subarray(V * H, V * H + V);
    const hiddenGradient = gradient.subarray(V * H + V);
    this.#accumulate(
      weightsGradient,
      visibleGradient,
      hiddenGradient,
      source,
      offset,
      lists,
      listRow,
      rows,
      chains,
      1,
    );
    const weights = rbm.weights;
    if (weightDecay > 0) for (let n = 0; n < V * H; n++) weightsGradient[n] -= weightDecay * weights[n];
    const velocity = this.#velocity;
    if (velocity !== null) {
      for (let n = 0; n < velocity.length; n++) velocity[n] = momentum * velocity[n] + rate * gradient[n];
    }
    const change = velocity ?? gradient;
    const scale = velocity !== null ? 1 : rate;
    for (let n = 0; n < V * H; n++) weights[n] += scale * change[n];
    for (let i = 0; i < V; i++) rbm.visibleBias[i] += scale * change[V * H + i];
    for (let j = 0; j < H; j++) rbm.hiddenBias[j] += scale * change[V * H + V + j];
  }

  /** Adds rate·(positive − negative statistics) to the three targets. */
  #accumulate(
    weights: FloatArray,
    visibleBias: FloatArray,
    hiddenBias: FloatArray,
    source: FloatArray,
    offset: number,
    lists: RowLists,
    listRow: number,
    rows: number,
    chains: number,
    rate: number,
    products?: WasmSparseRowProducts,
  ): void {
    const { visibleCount: V, hiddenCount: H } = this.rbm;
    const statistics = this.#statistics;
    const chainVisible = this.#chainVisible;
    const positive = rate / rows;
    const negative = -rate / chains;
    // Bias statistics first: the weight statistics may scale `statistics` in place.
    const sums = this.#sums;
    columnSums(source, offset, rows, V, sums);
    for (let i = 0; i < V; i++) visibleBias[i] += positive * sums[i];
    columnSums(chainVisible, 0, chains, V, sums);
    for (let i = 0; i < V; i++) visibleBias[i] += negative * sums[i];
    columnSums(statistics, 0, rows, H, sums);
    for (let j = 0; j < H; j++) hiddenBias[j] += positive * sums[j];
    columnSums(statistics, rows * H, chains, H, sums);
    for (let j = 0; j < H; j++) hiddenBias[j] += negative * sums[j];
    if (products !== undefined) {
      wasmOuterUpdate(
        products,
        this.rbm,
        lists,
        listRow,
        rows,
        positive,
        this.#visibleLists,
        chains,
        negative,
        statistics,
        this.#outer,
      );
      return;
    }
    accumulateWeightStatistics(
      this.rbm,
      weights,
      rows,
      positive,
      chains,
      negative,
      statistics,
      { data: source, dataOffset: offset, negative: chainVisible },
      { data: lists, dataRow: listRow, negative: this.#visibleLists, scratch: this.#outer },
    );
  }

  #wasmProducts(): WasmSparseRowProducts | undefined {
    const { batchSize, persistentChains, method } = this.#settings;
    const maxRows = Math.max(batchSize, method === 'pcd' ? persistentChains : batchSize);
    const maxEntries = (batchSize + maxRows) * this.rbm.visibleCount;
    this.#products = wasmProductsFor(this.rbm, maxRows, maxEntries, this.#products);
    return this.#products;
  }

  #learningRate(): number {
    const rate = this.#settings.learningRate;
    if (typeof rate === 'number') return rate;
    const value = rate(this.#step);
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(
        `RbmTrainer: the learning-rate schedule returned ${describe(value)} at step ${this.#step}`,
      );
    }
    return value;
  }

  /** The trainer's state as plain JSON-safe data; `RbmTrainer.fromState` resumes it exactly. */
  getState(): RbmTrainingState {
    const s = this.#settings;
    return {
      version: 1,
      rbm: rbmToJSON(this.rbm),
      method: s.method,
      gibbsSteps: s.gibbsSteps,
      learningRate: typeof s.learningRate === 'number' ? s.learningRate : null,
      momentum: s.momentum,
      weightDecay: s.weightDecay,
      batchSize: s.batchSize,
      persistentChains: s.persistentChains,
      shuffle: s.shuffle,
      dataRows: this.#rows,
      step: this.#step,
      epoch: this.#epoch,
      batchInEpoch: this.#batchInEpoch,
      chainHidden: Array.from(this.#chainHidden),
      chainVisible: Array.from(this.#chainVisible),
      velocity: this.#velocity === null ? null : Array.from(this.#velocity),
      words: this.#words.getState(),
      normals: this.#normals.getState(),
      orderKey: keyToString(this.#orderKey),
    };
  }

  /**
   * The trainer saved by `getState`, on the same `data`, continuing exactly where it stopped.
   * Pass `learningRate` again when the original was a schedule (functions are not saved).
   * @throws Error naming the field when the state is corrupt or does not fit the data.
   */
  static fromState(
    state: RbmTrainingState,
    data: ArrayLike<number>,
    options: { learningRate?: number | Schedule } = {},
  ): RbmTrainer {
    const where = 'RbmTrainer.fromState';
    assertOptions(where, state);
    if (state.version !== 1)
      throw new RangeError(`${where}: state.version must be 1, got ${describe(state.version)}`);
    const rbm = rbmFromJSON(state.rbm);
    const learningRate = options.learningRate ?? state.learningRate;
    if (learningRate === null) {
      throw new Error(`${where}: the state was trained with a schedule; pass options.learningRate`);
    }
    // A trainer with the saved settings; its generators, chains and counters come next.
    const trainer = new RbmTrainer(rbm, data, {
      method: state.method,
      gibbsSteps: state.gibbsSteps,
      learningRate,
      momentum: state.momentum,
      weightDecay: state.weightDecay,
      batchSize: state.batchSize,
      persistentChains: state.persistentChains,
      shuffle: state.shuffle,
      key: new Uint32Array(2),
    });
    trainer.#restore(state);
    return trainer;
  }

  #restore(state: RbmTrainingState): void {
    const where = 'RbmTrainer.fromState';
    if (state.dataRows !== this.#rows) {
      throw new RangeError(
        `${where}: state.dataRows is ${describe(state.dataRows)} but data has ${this.#rows} rows`,
      );
    }
    assertInteger(where, 'state.step', state.step, 0);
    assertInteger(where, 'state.epoch', state.epoch, 0);
    const batches = Math.ceil(this.#rows / this.#settings.batchSize);
    assertInteger(where, 'state.batchInEpoch', state.batchInEpoch, 0, batches - 1);
    this.#chainHidden.set(
      finiteArray(where, 'state.chainHidden', state.chainHidden, this.#chainHidden.length),
    );
    this.#chainVisible.set(
      finiteArray(where, 'state.chainVisible', state.chainVisible, this.#chainVisible.length),
    );
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
    this.#normals = RandomStream.fromState(state.normals);
    this.#step = state.step;
    this.#epoch = state.epoch;
    this.#batchInEpoch = state.batchInEpoch;
    this.#order = null;
    this.#hiddenListed = false;
  }
}

/** sums[c] = Σ_s x[offset + s·width + c] over `rows` rows. */
function columnSums(x: FloatArray, offset: number, rows: number, width: number, sums: Float64Array): void {
  sums.fill(0, 0, width);
  for (let s = 0; s < rows; s++) {
    const base = offset + s * width;
    for (let c = 0; c < width; c++) sums[c] += x[base + c];
  }
}
