/**
 * The live RBM: a Bernoulli RBM trained minibatch by minibatch by the library's `RbmTrainer`
 * (CD-k or PCD) on binary patterns: the binarized 8×8 digits, the 4×4 bars-and-stripes, or a
 * user's CSV. The learning rate is read by the trainer at every update (a schedule returning
 * the slider's value), so it changes at once; other settings (k, momentum, batch, chains,
 * method) build a new trainer on the same machine: the weights are kept, the chains restart.
 *
 * Each frame carries the filters (weight columns), the fantasy particles (the negative
 * chains' visible samples), "dreams" (fresh Gibbs chains from noise, every second), the
 * reconstruction error, the exact pseudo-likelihood and, when the smaller layer has at most 16
 * units, the exact log-likelihood with the best value any model could reach (the negative
 * entropy of the patterns' empirical distribution).
 *
 * With the same settings, the weights are those of `RbmTrainer` run alone (tested).
 */
import { fold, type Key, makeKey } from '../../../../src/core/random/index.js';
import { barsAndStripes, loadDigits } from '../../../../src/data/index.js';
import {
  createRbm,
  pseudoLogLikelihood,
  type Rbm,
  RbmTrainer,
  type RbmTrainingMethod,
  rbmFilters,
  rbmGibbsSampling,
  rbmLogLikelihood,
  rbmReconstructionError,
} from '../../../../src/models/rbm/index.js';
import type { LiveEngine } from '../../workers/live-runner.js';

/** The engine's parameters. */
export interface RbmParams {
  hidden: number;
  method: RbmTrainingMethod;
  gibbsSteps: number;
  learningRate: number;
  momentum: number;
  batchSize: number;
  /** Persistent chains (PCD). */
  chains: number;
  seed: number;
}

/** The patterns: a built-in set by name, or a user's. */
export type RbmData =
  | { kind: 'digits' }
  | { kind: 'bars' }
  | { kind: 'csv'; values: Float64Array; count: number; width: number; height: number };

/** Patterns ready for training. */
export interface PatternSet {
  values: Float64Array;
  count: number;
  width: number;
  height: number;
}

/** The patterns of `data` (digits binarized at half intensity; bars and stripes of side 4). */
export function patternSet(data: RbmData): PatternSet {
  if (data.kind === 'digits') {
    const digits = loadDigits({ binarize: 0.5 });
    return { values: digits.images, count: digits.count, width: digits.width, height: digits.height };
  }
  if (data.kind === 'bars') {
    const bars = barsAndStripes(4);
    return { values: bars.images, count: bars.count, width: bars.width, height: bars.height };
  }
  return { values: data.values, count: data.count, width: data.width, height: data.height };
}

/** Largest smaller layer for the exact log-likelihood in the page (2^16 terms). */
export const EXACT_LAYER_LIMIT = 16;
/** Rows used for the monitors (the first ones; all when fewer). */
const MONITOR_ROWS = 300;
/** Fresh chains drawn as dreams, and their Gibbs steps. */
export const DREAMS = 16;
const DREAM_STEPS = 200;

/** What the page draws. */
export interface RbmFrame {
  visibleCount: number;
  hiddenCount: number;
  width: number;
  height: number;
  /** Updates done, and epochs (updates / minibatches per epoch). */
  step: number;
  epoch: number;
  /** Hidden-major filters, H × V. */
  filters: Float64Array;
  /** The negative chains' visible samples (chains × V). */
  particles: Float64Array;
  particleCount: number;
  /** E[v | h] after DREAM_STEPS Gibbs steps from noise (DREAMS × V), refreshed every second. */
  dreams: Float64Array | null;
  /** The first patterns (up to 16), to compare with. */
  examples: Float64Array;
  exampleCount: number;
  reconstructionError: number;
  /** Mean exact log pseudo-likelihood of the monitored rows (refreshed every second). */
  pseudoLikelihood: number | null;
  /** Mean exact log-likelihood of all patterns (small layers only). */
  logLikelihood: number | null;
  /** The best mean log-likelihood any model can reach on these patterns. */
  bestLogLikelihood: number;
  /** Set when the weights became non-finite. */
  divergence: string | null;
}

/** −H of the empirical distribution of the rows: the maximum mean log-likelihood. */
export function empiricalNegativeEntropy(values: Float64Array, count: number, length: number): number {
  const counts = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    let key = '';
    for (let i = 0; i < length; i++) key += values[n * length + i] > 0.5 ? '1' : '0';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let sum = 0;
  for (const c of counts.values()) sum += (c / count) * Math.log(c / count);
  return sum;
}

/** An RBM learning the patterns, one minibatch per step. */
export class RbmEngine implements LiveEngine<RbmParams, RbmFrame> {
  readonly rbm: Rbm;
  readonly patterns: PatternSet;
  trainer: RbmTrainer;
  private readonly params: RbmParams;
  private readonly key: Key;
  private segment = 0;
  /** Updates made by trainers replaced before the current one. */
  private stepOffset = 0;
  private readonly monitor: Float64Array;
  private readonly bestLogLikelihood: number;
  private slowAt = Number.NEGATIVE_INFINITY;
  private pseudoLikelihood: number | null = null;
  private logLikelihood: number | null = null;
  private dreams: Float64Array | null = null;
  private dreamCount = 0;
  halted: string | null = null;

  constructor(params: RbmParams, data: RbmData = { kind: 'digits' }) {
    this.params = { ...params };
    this.patterns = patternSet(data);
    const V = this.patterns.width * this.patterns.height;
    this.key = makeKey(params.seed);
    this.rbm = createRbm({ visibleCount: V, hiddenCount: params.hidden, key: fold(this.key, 0) });
    this.trainer = this.makeTrainer();
    this.monitor = this.patterns.values.subarray(0, Math.min(this.patterns.count, MONITOR_ROWS) * V);
    this.bestLogLikelihood = empiricalNegativeEntropy(this.patterns.values, this.patterns.count, V);
  }

  /** A trainer on the current weights; its key changes with every rebuild (`segment`). */
  private makeTrainer(): RbmTrainer {
    const { method, gibbsSteps, momentum, batchSize, chains } = this.params;
    return new RbmTrainer(this.rbm, this.patterns.values, {
      method,
      gibbsSteps,
      learningRate: () => this.params.learningRate,
      momentum,
      batchSize: Math.min(batchSize, this.patterns.count),
      persistentChains: chains,
      shuffle: true,
      key: fold(fold(this.key, 1), this.segment),
    });
  }

  step(): void {
    this.trainer.trainBatch();
  }

  update(params: Partial<RbmParams>): void {
    const rebuild = (['method', 'gibbsSteps', 'momentum', 'batchSize', 'chains'] as const).some(
      (name) => params[name] !== undefined && params[name] !== this.params[name],
    );
    Object.assign(this.params, params);
    if (rebuild) {
      const done = this.trainer.step;
      this.segment++;
      this.trainer = this.makeTrainer();
      this.stepOffset += done;
    }
  }

  private checkFinite(): void {
    const { weights, visibleBias, hiddenBias } = this.rbm;
    for (const array of [weights, visibleBias, hiddenBias]) {
      for (let i = 0; i < array.length; i++) {
        if (!Number.isFinite(array[i])) {
          this.halted = `the weights became non-finite after ${this.stepOffset + this.trainer.step} updates`;
          return;
        }
      }
    }
  }

  frame(): { frame: RbmFrame; transfer: Transferable[] } {
    const { rbm, patterns } = this;
    const V = rbm.visibleCount;
    this.checkFinite();
    const healthy = this.halted === null;
    const now = performance.now();
    if (healthy && now - this.slowAt > 1000) {
      this.slowAt = now;
      this.pseudoLikelihood = pseudoLogLikelihood(rbm, this.monitor).mean;
      this.logLikelihood =
        Math.min(V, rbm.hiddenCount) <= EXACT_LAYER_LIMIT
          ? rbmLogLikelihood(rbm, patterns.values).mean
          : null;
      this.dreams = rbmGibbsSampling({
        rbm,
        chains: DREAMS,
        steps: DREAM_STEPS,
        key: fold(fold(this.key, 2), this.dreamCount++),
      }).visibleMeans;
    }
    const filters = rbmFilters(rbm);
    const particles = this.trainer.fantasyParticles();
    const exampleCount = Math.min(16, patterns.count);
    const examples = patterns.values.slice(0, exampleCount * V);
    const dreams = this.dreams?.slice() ?? null;
    const batches = Math.ceil(patterns.count / Math.min(this.params.batchSize, patterns.count));
    const step = this.stepOffset + this.trainer.step;
    const frame: RbmFrame = {
      visibleCount: V,
      hiddenCount: rbm.hiddenCount,
      width: patterns.width,
      height: patterns.height,
      step,
      epoch: step / batches,
      filters,
      particles,
      particleCount: particles.length / V,
      dreams,
      examples,
      exampleCount,
      reconstructionError: healthy ? rbmReconstructionError(rbm, this.monitor) : Number.NaN,
      pseudoLikelihood: healthy ? this.pseudoLikelihood : null,
      logLikelihood: healthy ? this.logLikelihood : null,
      bestLogLikelihood: this.bestLogLikelihood,
      divergence: this.halted,
    };
    const transfer: Transferable[] = [filters.buffer, particles.buffer, examples.buffer];
    if (dreams) transfer.push(dreams.buffer);
    return { frame, transfer };
  }
}

/** The factory the worker serves. */
export function createRbmEngine(params: RbmParams, data: RbmData | undefined): RbmEngine {
  return new RbmEngine(params, data);
}
