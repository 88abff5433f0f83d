/**
 * What the samplers need of a target density p(x) ∝ exp(−U(x)/T): U alone for the Metropolis
 * family, U and ∇U for the gradient family, a stochastic gradient for SGLD and SGHMC. Every
 * `Energy` of `src/energies` is both a `PotentialEnergy` and a `DifferentiableEnergy`.
 */
import type { Key } from '../core/random/index.js';

/** U(x) only; the optional `dimension` is checked against the initial position. */
export interface PotentialEnergy {
  /** U(x) = −log p̃(x); +∞ or NaN marks a point outside the support. */
  energy(x: Float64Array): number;
  /** Dimension of x, when fixed. */
  readonly dimension?: number;
  /** Human-readable name. */
  readonly name?: string;
}

/** U(x) and ∇U(x). */
export interface DifferentiableEnergy extends PotentialEnergy {
  /** Writes ∇U(x) into `gradient` and returns U(x). */
  energyAndGradient(x: Float64Array, gradient: Float64Array): number;
}

/**
 * An unbiased estimate of a gradient, e.g. from a minibatch: writes it into `gradient` (which
 * arrives filled with zeros) using the randomness of `key` only (to pick the minibatch), and may
 * return an estimate of the matching energy (or nothing). See `sgld` for how `dataSize` scales it.
 */
export type StochasticGradient = (
  key: Key,
  position: Float64Array,
  gradient: Float64Array,
) => number | undefined;
