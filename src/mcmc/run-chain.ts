/**
 * The chain driver: runs a `SamplingAlgorithm` for burn-in plus `numSamples·thin` steps and
 * records every `thin`-th point into one preallocated array.
 *
 * Step t (counting burn-in, from 0) uses the key `fold(key, t)`, so a chain is reproducible from
 * its key alone, and a run with more samples extends a run with fewer. Samples are stored
 * row-major, `samples[s·dimension + i]` = coordinate i of sample s; the driver allocates nothing
 * per step beyond what the sampler's own step allocates (its new state), so memory stays flat
 * however long the run. For runs too long to store, pass `storeSamples: false` (nothing is
 * recorded; use `onSample` to accumulate what you need) or a large `thin`.
 *
 * `sampleChains` runs independent chains from keys `split(key, chains)` into one
 * `[chains, draws, dimension]` array; `coordinateChains` cuts it into the `[chains][draws]`
 * layout that the diagnostics (`effectiveSampleSize`, `splitRHat`) read.
 */
import { fold, type Key, split } from '../core/random/index.js';
import { assertFunction, assertInteger, assertKey, assertOptions, describe } from '../core/validate.js';
import type { SamplerState, SamplingAlgorithm } from './sampler.js';

/** Options of `sampleChain` and `sampleChains`. */
export interface SampleChainOptions<State extends SamplerState = SamplerState> {
  /** Number of samples to record, an integer ≥ 0. */
  numSamples: number;
  /** Steps discarded before the first sample (default 0). */
  burnIn?: number;
  /** Steps per recorded sample, an integer ≥ 1 (default 1): sample s is the state after step burnIn + (s + 1)·thin − 1. */
  thin?: number;
  /** Store samples and energies (default true); false keeps memory flat for any run length. */
  storeSamples?: boolean;
  /** Called at each recorded sample with the state (copy `state.position` to keep it). */
  onSample?: (state: State, sampleIndex: number, chain: number) => void;
  /** Called about 100 times per run, and at the end, with steps done and steps in all (all chains). */
  onProgress?: (completedSteps: number, totalSteps: number) => void;
}

/** The outcome of one chain. */
export interface ChainResult<State extends SamplerState = SamplerState> {
  /** numSamples × dimension, row-major (length 0 when `storeSamples` is false). */
  readonly samples: Float64Array;
  /** U at each sample (length 0 when `storeSamples` is false). */
  readonly energies: Float64Array;
  /** Number of samples recorded. */
  readonly numSamples: number;
  /** Dimension of a position. */
  readonly dimension: number;
  /** Steps taken in all, burn-in included. */
  readonly numSteps: number;
  /** Fraction of post-burn-in steps whose proposal was accepted. */
  readonly acceptanceRate: number;
  /** Mean Metropolis acceptance probability over the post-burn-in steps. */
  readonly meanAcceptanceProbability: number;
  /** Post-burn-in steps flagged divergent. */
  readonly divergences: number;
  /** Gradient evaluations over all steps, burn-in included (0 for gradient-free samplers). */
  readonly gradientEvaluations: number;
  /** The state after the last step. */
  readonly finalState: State;
}

/** The outcome of several independent chains. */
export interface MultiChainResult<State extends SamplerState = SamplerState> {
  /** One result per chain; chain c's `samples` is a view into `draws`. */
  readonly chains: ReadonlyArray<ChainResult<State>>;
  /** All samples, `[chains, draws, dimension]` row-major (length 0 when not stored). */
  readonly draws: Float64Array;
  /** [chains, draws, dimension]. */
  readonly shape: readonly [number, number, number];
  /** Mean of the chains' acceptance rates. */
  readonly acceptanceRate: number;
  /** Divergences summed over chains. */
  readonly divergences: number;
  /** Gradient evaluations summed over chains. */
  readonly gradientEvaluations: number;
}

interface CheckedOptions<State extends SamplerState> {
  numSamples: number;
  burnIn: number;
  thin: number;
  store: boolean;
  onSample?: (state: State, sampleIndex: number, chain: number) => void;
  onProgress?: (completedSteps: number, totalSteps: number) => void;
  totalSteps: number;
}

function checkOptions<State extends SamplerState>(
  where: string,
  options: SampleChainOptions<State>,
): CheckedOptions<State> {
  assertOptions(where, options);
  const { numSamples, burnIn = 0, thin = 1, storeSamples = true, onSample, onProgress } = options;
  assertInteger(where, 'numSamples', numSamples, 0, 2 ** 40);
  assertInteger(where, 'burnIn', burnIn, 0, 2 ** 50);
  assertInteger(where, 'thin', thin, 1, 2 ** 40);
  if (typeof storeSamples !== 'boolean')
    throw new TypeError(`${where}: storeSamples must be a boolean, got ${describe(storeSamples)}`);
  if (onSample !== undefined) assertFunction(where, 'onSample', onSample);
  if (onProgress !== undefined) assertFunction(where, 'onProgress', onProgress);
  const totalSteps = burnIn + numSamples * thin;
  if (!Number.isSafeInteger(totalSteps) || totalSteps > 2 ** 52) {
    throw new RangeError(`${where}: burnIn + numSamples·thin must be at most 2^52 steps, got ${totalSteps}`);
  }
  return { numSamples, burnIn, thin, store: storeSamples, onSample, onProgress, totalSteps };
}

function checkAlgorithm(where: string, algorithm: unknown): void {
  const candidate = algorithm as SamplingAlgorithm | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.init !== 'function' ||
    typeof candidate.step !== 'function'
  ) {
    throw new TypeError(
      `${where}: algorithm must be a SamplingAlgorithm with init and step, got ${describe(algorithm)}`,
    );
  }
}

/** Progress reporting shared by all chains of a run. */
interface Progress {
  done: number;
  total: number;
  every: number;
  report?: (completedSteps: number, totalSteps: number) => void;
}

/** Runs one chain, writing samples into `samples`/`energies` (already sized, or empty). */
function runChain<State extends SamplerState>(
  algorithm: SamplingAlgorithm<State>,
  state: State,
  key: Key,
  options: CheckedOptions<State>,
  chain: number,
  samples: Float64Array,
  energies: Float64Array,
  progress: Progress,
): ChainResult<State> {
  const { burnIn, thin, numSamples, store, onSample, totalSteps } = options;
  const dimension = state.position.length;
  let accepted = 0;
  let probabilitySum = 0;
  let divergences = 0;
  let gradientEvaluations = 0;
  let sampleIndex = 0;
  let untilSample = thin;
  for (let t = 0; t < totalSteps; t++) {
    const [next, info] = algorithm.step(fold(key, t), state);
    state = next;
    gradientEvaluations += info.gradientEvaluations ?? 0;
    if (t >= burnIn) {
      if (info.accepted) accepted++;
      probabilitySum += info.acceptanceProbability;
      if (info.divergent === true) divergences++;
      if (--untilSample === 0) {
        untilSample = thin;
        if (store) {
          if (state.position.length !== dimension) {
            throw new RangeError(
              `sampleChain: the sampler changed the dimension from ${dimension} to ${state.position.length}`,
            );
          }
          samples.set(state.position, sampleIndex * dimension);
          energies[sampleIndex] = state.energy;
        }
        onSample?.(state, sampleIndex, chain);
        sampleIndex++;
      }
    }
    if (progress.report !== undefined && ++progress.done % progress.every === 0) {
      progress.report(progress.done, progress.total);
    }
  }
  const measured = totalSteps - burnIn;
  return {
    samples,
    energies,
    numSamples,
    dimension,
    numSteps: totalSteps,
    acceptanceRate: measured > 0 ? accepted / measured : Number.NaN,
    meanAcceptanceProbability: measured > 0 ? probabilitySum / measured : Number.NaN,
    divergences,
    gradientEvaluations,
    finalState: state,
  };
}

/**
 * Runs one chain of `algorithm` from `initialPosition`: `burnIn` steps, then `numSamples`
 * samples `thin` steps apart. Step t uses `fold(key, t)`.
 */
export function sampleChain<State extends SamplerState>(
  algorithm: SamplingAlgorithm<State>,
  initialPosition: ArrayLike<number>,
  key: Key,
  options: SampleChainOptions<State>,
): ChainResult<State> {
  const where = 'sampleChain';
  checkAlgorithm(where, algorithm);
  assertKey(where, key);
  const checked = checkOptions(where, options);
  const state = algorithm.init(initialPosition);
  const dimension = state.position.length;
  const samples = new Float64Array(checked.store ? checked.numSamples * dimension : 0);
  const energies = new Float64Array(checked.store ? checked.numSamples : 0);
  const progress = progressOf(checked, 1);
  const result = runChain(algorithm, state, key, checked, 0, samples, energies, progress);
  finishProgress(progress);
  return result;
}

/** The final progress report, unless the last step already made it. */
function finishProgress(progress: Progress): void {
  if (progress.total === 0 || progress.done % progress.every !== 0)
    progress.report?.(progress.done, progress.total);
}

function progressOf<State extends SamplerState>(options: CheckedOptions<State>, chains: number): Progress {
  const total = options.totalSteps * chains;
  return { done: 0, total, every: Math.max(1, Math.ceil(total / 100)), report: options.onProgress };
}

/**
 * Runs one independent chain per initial position, chain c with key `split(key, chains)[c]`,
 * into one `[chains, draws, dimension]` array. All initial positions must have one dimension.
 */
export function sampleChains<State extends SamplerState>(
  algorithm: SamplingAlgorithm<State>,
  initialPositions: ReadonlyArray<ArrayLike<number>>,
  key: Key,
  options: SampleChainOptions<State>,
): MultiChainResult<State> {
  const where = 'sampleChains';
  checkAlgorithm(where, algorithm);
  assertKey(where, key);
  if (!Array.isArray(initialPositions) || initialPositions.length < 1) {
    throw new TypeError(
      `${where}: initialPositions must be a non-empty array of positions (one per chain), got ${describe(initialPositions)}`,
    );
  }
  const checked = checkOptions(where, options);
  const chains = initialPositions.length;
  const states = initialPositions.map((x) => algorithm.init(x));
  const dimension = states[0].position.length;
  states.forEach((s, c) => {
    if (s.position.length !== dimension) {
      throw new RangeError(
        `${where}: initialPositions[${c}] has dimension ${s.position.length}, chain 0 has ${dimension}`,
      );
    }
  });
  const perChain = checked.store ? checked.numSamples * dimension : 0;
  const draws = new Float64Array(chains * perChain);
  const keys = split(key, chains);
  const progress = progressOf(checked, chains);
  const results = states.map((state, c) =>
    runChain(
      algorithm,
      state,
      keys[c],
      checked,
      c,
      draws.subarray(c * perChain, (c + 1) * perChain),
      new Float64Array(checked.store ? checked.numSamples : 0),
      progress,
    ),
  );
  finishProgress(progress);
  return {
    chains: results,
    draws,
    shape: [chains, checked.store ? checked.numSamples : 0, dimension],
    acceptanceRate: results.reduce((sum, r) => sum + r.acceptanceRate, 0) / chains,
    divergences: results.reduce((sum, r) => sum + r.divergences, 0),
    gradientEvaluations: results.reduce((sum, r) => sum + r.gradientEvaluations, 0),
  };
}

/**
 * Coordinate `index` of every chain as `[chains][draws]` (fresh arrays), the layout of the
 * diagnostics. Pass `index = -1` for the energies instead.
 */
export function coordinateChains(result: MultiChainResult, index: number): Float64Array[] {
  const [chains, draws, dimension] = result.shape;
  assertInteger('coordinateChains', 'index', index, -1, dimension - 1);
  if (index === -1) return result.chains.map((chain) => chain.energies.slice());
  return Array.from({ length: chains }, (_, c) =>
    Float64Array.from({ length: draws }, (_, t) => result.draws[(c * draws + t) * dimension + index]),
  );
}
