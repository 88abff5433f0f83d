/**
 * Measured storage capacity of the three kinds of Hopfield memory on the same random ±1
 * patterns: the classical network (Hebb, pseudo-inverse or Storkey), the dense associative
 * memory (polynomial or exponential F) and the continuous modern network (softmax update).
 *
 * A retrieval trial stores P patterns, corrupts some of them, runs the dynamics and records the
 * overlap of the final state with the pattern it came from (for the continuous network, of the
 * sign of its final state). The capacity is the largest P at which at least `requiredFraction`
 * of the probes end with overlap ≥ `minimumOverlap`, found by doubling P, then bisecting.
 *
 * All trials draw from one pool of patterns (the first P of one stream), with one corruption
 * and one visiting order per pattern index, so trials at different P share their random numbers
 * and the bisection sees a smooth boundary. Success need not be exactly monotone in P: the
 * result is the boundary the bisection found, with every trial it evaluated.
 */
import { fold, type Key, split } from '../../core/random/index.js';
import {
  assertInRange,
  assertInteger,
  assertKey,
  assertNonNegative,
  assertOneOf,
  assertOptions,
} from '../../core/validate.js';
import { continuousHopfield, continuousRecall } from './continuous-hopfield.js';
import { denseAssociativeMemory, denseRecall, type InteractionFunction } from './dense-associative-memory.js';
import type { StorageRule } from './network.js';
import { corruptPattern, MAX_NEURONS, overlap, randomPatterns } from './patterns.js';
import { recall, type UpdateMode } from './recall.js';
import { storePatterns } from './storage.js';

/** The kinds of associative memory compared. */
export type MemoryKind = 'classical' | 'dense' | 'continuous';

/** The memory kinds, for validation and option lists. */
export const MEMORY_KINDS: readonly MemoryKind[] = ['classical', 'dense', 'continuous'];

/** Options shared by {@link retrievalTrial} and {@link measureCapacity}. */
export interface RetrievalSettings {
  /** Which memory. */
  kind: MemoryKind;
  /** Number of neurons N (pattern dimension), an integer in [2, MAX_NEURONS]. */
  size: number;
  /** Fixes the patterns, corruptions and visiting orders. */
  key: Key;
  /** Fraction of bits flipped in each probe, in [0, 0.5] (default 0.1). */
  corruption?: number;
  /** Patterns probed per trial: the first min(P, probes) stored ones (default 20). */
  probes?: number;
  /** Overlap that counts as retrieval, in (0, 1] (default 0.95). */
  minimumOverlap?: number;
  /** Classical only: the storage rule (default `'hebb'`). */
  rule?: StorageRule;
  /** Classical only: the update mode (default `'asynchronous'`). */
  mode?: UpdateMode;
  /** Dense only: the interaction function (default the cubic polynomial, n = 3). */
  interaction?: InteractionFunction;
  /** Continuous only: inverse temperature β (default 1). */
  beta?: number;
  /** Most sweeps or updates per recall (default 100). */
  maxSteps?: number;
}

/** Options of {@link retrievalTrial}. */
export interface RetrievalTrialOptions extends RetrievalSettings {
  /** Number of stored patterns P ≥ 1. */
  patternCount: number;
}

/** One retrieval trial at a given load. */
export interface RetrievalTrial {
  /** Stored patterns P. */
  patternCount: number;
  /** The load α = P/N. */
  alpha: number;
  /** Final overlap of every probe with its pattern. */
  overlaps: Float64Array;
  /** Mean of `overlaps`. */
  meanOverlap: number;
  /** Standard error of the mean (sample standard deviation / √probes; 0 for one probe). */
  standardError: number;
  /** Fraction of probes with overlap ≥ minimumOverlap. */
  retrievedFraction: number;
}

interface Resolved {
  kind: MemoryKind;
  size: number;
  patternKey: Key;
  corruptionKey: Key;
  orderKey: Key;
  corruption: number;
  probes: number;
  minimumOverlap: number;
  rule: StorageRule;
  mode: UpdateMode;
  interaction: InteractionFunction;
  beta: number;
  maxSteps: number;
}

function resolve(where: string, options: RetrievalSettings): Resolved {
  assertOptions(where, options);
  assertOneOf(where, 'kind', options.kind, MEMORY_KINDS);
  assertInteger(where, 'size', options.size, 2, MAX_NEURONS);
  assertKey(where, options.key);
  const corruption = options.corruption ?? 0.1;
  assertInRange(where, 'corruption', corruption, 0, 0.5);
  const probes = options.probes ?? 20;
  assertInteger(where, 'probes', probes, 1, 1 << 20);
  const minimumOverlap = options.minimumOverlap ?? 0.95;
  assertInRange(where, 'minimumOverlap', minimumOverlap, Number.MIN_VALUE, 1);
  const beta = options.beta ?? 1;
  assertNonNegative(where, 'beta', beta);
  const maxSteps = options.maxSteps ?? 100;
  assertInteger(where, 'maxSteps', maxSteps, 1, 100_000);
  const [patternKey, corruptionKey, orderKey] = split(options.key, 3);
  return {
    kind: options.kind,
    size: options.size,
    patternKey,
    corruptionKey,
    orderKey,
    corruption,
    probes,
    minimumOverlap,
    rule: options.rule ?? 'hebb',
    mode: options.mode ?? 'asynchronous',
    interaction: options.interaction ?? { kind: 'polynomial', degree: 3 },
    beta,
    maxSteps,
  };
}

function runTrial(settings: Resolved, patternCount: number): RetrievalTrial {
  const { kind, size, maxSteps } = settings;
  const patterns = randomPatterns(settings.patternKey, patternCount, size);
  const probeCount = Math.min(patternCount, settings.probes);
  const overlaps = new Float64Array(probeCount);
  const probes = patterns
    .slice(0, probeCount)
    .map((pattern, mu) => corruptPattern(fold(settings.corruptionKey, mu), pattern, settings.corruption));
  if (kind === 'classical') {
    const network = storePatterns(patterns, { rule: settings.rule });
    probes.forEach((probe, mu) => {
      const result = recall(network, probe, {
        mode: settings.mode,
        key: fold(settings.orderKey, mu),
        maxSteps,
        recordTrajectory: false,
      });
      overlaps[mu] = result.finalOverlaps[mu];
    });
  } else if (kind === 'dense') {
    const memory = denseAssociativeMemory(patterns, { interaction: settings.interaction });
    probes.forEach((probe, mu) => {
      const result = denseRecall(memory, probe, {
        key: fold(settings.orderKey, mu),
        maxSteps,
        recordTrajectory: false,
      });
      overlaps[mu] = result.finalOverlaps[mu];
    });
  } else {
    const network = continuousHopfield(patterns, { beta: settings.beta });
    probes.forEach((probe, mu) => {
      const result = continuousRecall(network, probe, { maxSteps, recordTrajectory: false });
      const signs = result.state.map((value) => (value >= 0 ? 1 : -1));
      overlaps[mu] = overlap(signs, patterns[mu]);
    });
  }
  let sum = 0;
  let retrieved = 0;
  for (const value of overlaps) {
    sum += value;
    if (value >= settings.minimumOverlap) retrieved++;
  }
  const meanOverlap = sum / probeCount;
  let squares = 0;
  for (const value of overlaps) squares += (value - meanOverlap) ** 2;
  const standardError = probeCount > 1 ? Math.sqrt(squares / (probeCount - 1) / probeCount) : 0;
  return {
    patternCount,
    alpha: patternCount / size,
    overlaps,
    meanOverlap,
    standardError,
    retrievedFraction: retrieved / probeCount,
  };
}

/** Stores `patternCount` random patterns in the chosen memory and probes them (see the file comment). */
export function retrievalTrial(options: RetrievalTrialOptions): RetrievalTrial {
  const settings = resolve('retrievalTrial', options);
  assertInteger('retrievalTrial', 'patternCount', options.patternCount, 1, 1 << 20);
  return runTrial(settings, options.patternCount);
}

/** Options of {@link measureCapacity}. */
export interface CapacityOptions extends RetrievalSettings {
  /** Fraction of probes that must be retrieved, in (0, 1] (default 0.9). */
  requiredFraction?: number;
  /**
   * Largest P tried (default 4N, or N − 1 for the pseudo-inverse rule, which needs independent
   * patterns); the result says when even this many were retrieved.
   */
  maxPatterns?: number;
}

/** The measured capacity of one memory. */
export interface CapacityResult {
  kind: MemoryKind;
  /** Number of neurons N. */
  size: number;
  /** Largest P found with enough probes retrieved (0 if even P = 1 fails). */
  capacity: number;
  /** capacity / N. */
  alpha: number;
  /** True when P = maxPatterns still passed: the capacity is at least that. */
  reachedLimit: boolean;
  /** Every trial evaluated, by increasing P. */
  trials: RetrievalTrial[];
}

/** The largest number of patterns the memory retrieves (doubling, then bisection on P). */
export function measureCapacity(options: CapacityOptions): CapacityResult {
  const where = 'measureCapacity';
  const settings = resolve(where, options);
  const requiredFraction = options.requiredFraction ?? 0.9;
  assertInRange(where, 'requiredFraction', requiredFraction, Number.MIN_VALUE, 1);
  const pseudoInverse = settings.kind === 'classical' && settings.rule === 'pseudo-inverse';
  const maxPatterns = options.maxPatterns ?? (pseudoInverse ? settings.size - 1 : 4 * settings.size);
  assertInteger(where, 'maxPatterns', maxPatterns, 1, 1 << 20);
  const trials = new Map<number, RetrievalTrial>();
  const passes = (count: number) => {
    let trial = trials.get(count);
    if (trial === undefined) {
      trial = runTrial(settings, count);
      trials.set(count, trial);
    }
    return trial.retrievedFraction >= requiredFraction;
  };
  let pass = 0;
  let fail = 0;
  for (let count = 1; ; count = Math.min(2 * count, maxPatterns)) {
    if (!passes(count)) {
      fail = count;
      break;
    }
    pass = count;
    if (count === maxPatterns) break;
  }
  if (fail !== 0) {
    while (fail - pass > 1) {
      const middle = Math.floor((pass + fail) / 2);
      if (passes(middle)) pass = middle;
      else fail = middle;
    }
  }
  return {
    kind: settings.kind,
    size: settings.size,
    capacity: pass,
    alpha: pass / settings.size,
    reachedLimit: fail === 0,
    trials: [...trials.values()].sort((a, b) => a.patternCount - b.patternCount),
  };
}
