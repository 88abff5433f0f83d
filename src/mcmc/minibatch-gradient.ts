/**
 * The unbiased minibatch gradient of a posterior energy, the usual input of `sgld` and `sghmc`.
 *
 * For U(x) = U₀(x) + Σᵢ₌₁ᴺ ℓᵢ(x) (a prior energy plus one term per data point), a minibatch B of
 * n distinct indices drawn uniformly gives ∇U₀(x) + (N/n)·Σ_{i∈B} ∇ℓᵢ(x), whose expectation is
 * ∇U(x) exactly. The minibatch is drawn from the key alone (Floyd's algorithm: n distinct indices,
 * every subset equally likely, O(n) work), so a step stays a pure function of its key and state.
 */
import { RandomStream } from '../core/random/index.js';
import { assertFunction, assertInteger, assertOptions } from '../core/validate.js';
import type { StochasticGradient } from './target.js';

/** Options of `minibatchGradient`. */
export interface MinibatchGradientOptions {
  /** Number of data points N ≥ 1. */
  dataSize: number;
  /** Minibatch size n, 1 ≤ n ≤ N. */
  batchSize: number;
  /** Adds ∇ℓᵢ(x) to `gradient` (accumulate, do not overwrite) and returns ℓᵢ(x) (or nothing). */
  exampleGradient: (x: Float64Array, index: number, gradient: Float64Array) => number | undefined;
  /** Writes ∇U₀(x) into `gradient` (overwrite) and returns U₀(x) (or nothing); default U₀ = 0. */
  priorGradient?: (x: Float64Array, gradient: Float64Array) => number | undefined;
}

/**
 * A `StochasticGradient` estimating ∇U (use it with `dataSize` 1 in `sgld`/`sghmc`). It returns
 * the matching unbiased energy estimate when every callback returns numbers, else nothing.
 */
export function minibatchGradient(options: MinibatchGradientOptions): StochasticGradient {
  const where = 'minibatchGradient';
  assertOptions(where, options);
  const { dataSize, batchSize, exampleGradient, priorGradient } = options;
  assertInteger(where, 'dataSize', dataSize, 1, 2 ** 31 - 1);
  assertInteger(where, 'batchSize', batchSize, 1, dataSize);
  assertFunction(where, 'exampleGradient', exampleGradient);
  if (priorGradient !== undefined) assertFunction(where, 'priorGradient', priorGradient);
  const scale = dataSize / batchSize;
  let batchGradient = new Float64Array(0);
  return (key, position, gradient) => {
    const dimension = position.length;
    if (batchGradient.length !== dimension) batchGradient = new Float64Array(dimension);
    let priorEnergy: number | undefined = 0;
    if (priorGradient === undefined) gradient.fill(0);
    else priorEnergy = priorGradient(position, gradient);
    batchGradient.fill(0);
    const stream = new RandomStream(key);
    const chosen = new Set<number>();
    let batchEnergy = 0;
    let energyKnown = typeof priorEnergy === 'number';
    // Floyd: for j = N − n … N − 1, take a uniform t ≤ j, or j itself if t is already taken.
    for (let j = dataSize - batchSize; j < dataSize; j++) {
      const t = stream.nextInt(j + 1);
      const index = chosen.has(t) ? j : t;
      chosen.add(index);
      const value = exampleGradient(position, index, batchGradient);
      if (typeof value === 'number') batchEnergy += value;
      else energyKnown = false;
    }
    for (let i = 0; i < dimension; i++) gradient[i] += scale * batchGradient[i];
    return energyKnown ? (priorEnergy as number) + scale * batchEnergy : undefined;
  };
}
