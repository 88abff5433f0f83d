/**
 * A discrete model given by the energy of every configuration: the small test systems of the
 * samplers (three states, two coupled spins, a 2×3 table) and any model small enough to
 * enumerate. It supplies what `gibbsSampler` needs (`conditionalEnergies`, `energy`) and the
 * exact Boltzmann distribution to compare samples with.
 *
 * Configurations are indexed row-major, variable 0 most significant:
 * index(x) = Σᵢ xᵢ·strideᵢ with strideᵢ = kᵢ₊₁·…·kₙ₋₁ (the last variable varies fastest).
 */
import { portableExp } from '../core/random/index.js';
import { assertInteger, assertOptions, describe } from '../core/validate.js';

/** Options of `discreteEnergyTable`. */
export interface DiscreteEnergyTableOptions {
  /** Number of values kᵢ ≥ 1 of each variable (at least one variable). */
  states: ArrayLike<number>;
  /** U of every configuration, row-major (Πᵢ kᵢ entries, each finite or +∞). */
  energies: ArrayLike<number>;
}

/** A model given by its energy table. */
export interface DiscreteEnergyTable {
  /** Number of variables n. */
  readonly variables: number;
  /** Number of values of each variable. */
  readonly states: Int32Array;
  /** Number of configurations Πᵢ kᵢ. */
  readonly size: number;
  /** The row-major index of configuration x. */
  index(x: ArrayLike<number>): number;
  /** The configuration with row-major index `index`, as a `Float64Array`. */
  configuration(index: number): Float64Array;
  /** U(x). */
  energy(x: Float64Array): number;
  /** Writes U(x with xᵢ = s) into out[s] for every s (the callback `gibbsSampler` takes). */
  conditionalEnergies(x: Float64Array, index: number, out: Float64Array): void;
  /** The exact distribution exp(−U/T)/Z over configuration indices, for T > 0. */
  boltzmannDistribution(temperature: number): Float64Array;
}

/** A discrete model from its table of energies (see the module comment for the indexing). */
export function discreteEnergyTable(options: DiscreteEnergyTableOptions): DiscreteEnergyTable {
  const where = 'discreteEnergyTable';
  assertOptions(where, options);
  const given = options.states;
  if (given === null || typeof given !== 'object' || typeof given.length !== 'number' || given.length < 1) {
    throw new TypeError(`${where}: states must be a non-empty array of integers, got ${describe(given)}`);
  }
  const variables = given.length;
  const states = new Int32Array(variables);
  let size = 1;
  for (let i = 0; i < variables; i++) {
    assertInteger(where, `states[${i}]`, given[i], 1, 2 ** 30);
    states[i] = given[i];
    size *= given[i];
  }
  if (size > 2 ** 26)
    throw new RangeError(`${where}: the table would have ${size} configurations, more than 2^26`);
  const strides = new Float64Array(variables);
  for (let i = variables - 1, stride = 1; i >= 0; stride *= states[i], i--) strides[i] = stride;
  const { energies } = options;
  if (energies === null || typeof energies !== 'object' || energies.length !== size) {
    throw new RangeError(
      `${where}: energies must have ${size} entries (the product of states), got ${describe(energies)}`,
    );
  }
  const table = Float64Array.from(energies);
  table.forEach((value, i) => {
    if (Number.isNaN(value) || value === Number.NEGATIVE_INFINITY) {
      throw new RangeError(`${where}: energies[${i}] must be finite or +Infinity, got ${describe(value)}`);
    }
  });

  const index = (x: ArrayLike<number>): number => {
    let flat = 0;
    for (let i = 0; i < variables; i++) flat += x[i] * strides[i];
    return flat;
  };

  return {
    variables,
    states,
    size,
    index(x) {
      if (x === null || typeof x !== 'object' || x.length !== variables) {
        throw new RangeError(`${where}.index: x must have ${variables} entries, got ${describe(x)}`);
      }
      for (let i = 0; i < variables; i++) {
        if (!Number.isInteger(x[i]) || x[i] < 0 || x[i] >= states[i]) {
          throw new RangeError(
            `${where}.index: x[${i}] must be an integer in [0, ${states[i] - 1}], got ${describe(x[i])}`,
          );
        }
      }
      return index(x);
    },
    configuration(flat) {
      assertInteger(`${where}.configuration`, 'index', flat, 0, size - 1);
      return Float64Array.from(strides, (stride, i) => Math.floor(flat / stride) % states[i]);
    },
    energy: (x) => table[index(x)],
    conditionalEnergies(x, i, out) {
      const base = index(x) - x[i] * strides[i];
      for (let s = 0; s < states[i]; s++) out[s] = table[base + s * strides[i]];
    },
    boltzmannDistribution(temperature) {
      if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
        throw new RangeError(
          `${where}.boltzmannDistribution: temperature must be a finite number > 0, got ${describe(temperature)}`,
        );
      }
      let lowest = Number.POSITIVE_INFINITY;
      for (const value of table) lowest = Math.min(lowest, value);
      const weights = table.map((value) => portableExp(-(value - lowest) / temperature));
      const total = weights.reduce((a, b) => a + b, 0);
      return weights.map((value) => value / total);
    },
  };
}
