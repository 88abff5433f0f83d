/**
 * What a Hopfield network ended on. Besides the stored patterns ±ξ^μ, Hebbian networks have
 * spurious minima (Amit, Gutfreund and Sompolinsky 1985): odd mixtures such as the symmetric
 * 3-mixture sign(±ξ¹ ± ξ² ± ξ³), with overlap 1/2 on each of its three patterns, and, at larger
 * loads, spin-glass states with no macroscopic overlap with any pattern.
 */

import { assertInRange, assertInteger, assertOptions } from '../../core/validate.js';
import { patternOverlaps, spinOverlaps } from './patterns.js';

/** The kinds of final state. */
export type StateKind = 'retrieved' | 'mixture' | 'spurious';

/** A final state, classified against the stored patterns. */
export interface StateClassification {
  /** `'retrieved'`: close to ±ξ^μ; `'mixture'`: close to sign(Σ ±ξ^μ) over an odd set; else `'spurious'`. */
  kind: StateKind;
  /** The retrieved pattern ([μ]) or the mixed patterns, by decreasing |m_μ|; empty when spurious. */
  patternIndices: number[];
  /** ±1 per entry of `patternIndices`: −1 means the reversed pattern −ξ^μ. */
  signs: number[];
  /**
   * Overlap of the state with the signed pattern or with the mixture; for a spurious state,
   * the largest |m_μ|.
   */
  overlap: number;
  /** Overlaps m_μ with every stored pattern. */
  overlaps: Float64Array;
}

/** Options of {@link classifyState}. */
export interface ClassifyStateOptions {
  /**
   * Smallest overlap with ±ξ^μ (or with a mixture) that counts as a match; in (0, 1],
   * default 0.9 (5% of the bits wrong). Retrieval states below capacity have m > 0.967.
   */
  matchOverlap?: number;
  /** Largest odd number of patterns in a mixture: 3 (default), 5, 7, …; 1 disables mixtures. */
  maxMixtureOrder?: number;
}

/** The mixture sign(Σ_k signs_k ξ^{indices_k}) of an odd number of patterns. */
export function mixtureState(
  patterns: readonly Int8Array[],
  indices: readonly number[],
  signs: readonly number[],
): Int8Array {
  if (indices.length % 2 !== 1 || signs.length !== indices.length) {
    throw new RangeError(
      `mixtureState: indices must list an odd number of patterns with one sign each, got ${indices.length} and ${signs.length}`,
    );
  }
  const size = patterns[indices[0]].length;
  const state = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let k = 0; k < indices.length; k++) sum += signs[k] * patterns[indices[k]][i];
    state[i] = sum > 0 ? 1 : -1;
  }
  return state;
}

/**
 * Classifies `state` against `patterns`: retrieved if |m_μ| ≥ `matchOverlap` for some μ;
 * otherwise a mixture if, for an odd k ≤ `maxMixtureOrder`, the state overlaps by at least
 * `matchOverlap` with sign(Σ ±ξ^μ) over the k patterns of largest |m_μ| (signs of their m_μ);
 * otherwise spurious.
 */
export function classifyState(
  patterns: readonly Int8Array[],
  state: ArrayLike<number>,
  options: ClassifyStateOptions = {},
): StateClassification {
  return classifyWith('classifyState', patterns, state, options, patternOverlaps(patterns, state));
}

/**
 * {@link classifyState} of a ±1 Int8Array state against ±1 patterns, both already checked
 * (internal: the network's patterns and a state of its dynamics), with the word-wise overlaps
 * of `spinOverlaps` (the same values).
 */
export function classifySpins(
  patterns: readonly Int8Array[],
  state: Int8Array,
  options: ClassifyStateOptions = {},
): StateClassification {
  return classifyWith('classifyState', patterns, state, options, spinOverlaps(patterns, state));
}

function classifyWith(
  where: string,
  patterns: readonly Int8Array[],
  state: ArrayLike<number>,
  options: ClassifyStateOptions,
  overlaps: Float64Array,
): StateClassification {
  assertOptions(where, options);
  const matchOverlap = options.matchOverlap ?? 0.9;
  assertInRange(where, 'matchOverlap', matchOverlap, Number.MIN_VALUE, 1);
  const maxMixtureOrder = options.maxMixtureOrder ?? 3;
  assertInteger(where, 'maxMixtureOrder', maxMixtureOrder, 1, 99);
  const ranked = Array.from(overlaps.keys()).sort(
    (x, y) => Math.abs(overlaps[y]) - Math.abs(overlaps[x]) || x - y,
  );
  if (ranked.length === 0) return { kind: 'spurious', patternIndices: [], signs: [], overlap: 0, overlaps };
  const best = ranked[0];
  const bestSign = overlaps[best] >= 0 ? 1 : -1;
  if (Math.abs(overlaps[best]) >= matchOverlap) {
    return {
      kind: 'retrieved',
      patternIndices: [best],
      signs: [bestSign],
      overlap: Math.abs(overlaps[best]),
      overlaps,
    };
  }
  for (let order = 3; order <= Math.min(maxMixtureOrder, ranked.length); order += 2) {
    const indices = ranked.slice(0, order);
    const signs = indices.map((mu) => (overlaps[mu] >= 0 ? 1 : -1));
    const mixture = mixtureState(patterns, indices, signs);
    let sum = 0;
    for (let i = 0; i < state.length; i++) sum += mixture[i] * state[i];
    const mixtureOverlap = sum / state.length;
    if (mixtureOverlap >= matchOverlap) {
      return { kind: 'mixture', patternIndices: indices, signs, overlap: mixtureOverlap, overlaps };
    }
  }
  return { kind: 'spurious', patternIndices: [], signs: [], overlap: Math.abs(overlaps[best]), overlaps };
}
