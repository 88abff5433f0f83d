/**
 * Gibbs sampling of discrete variables: each variable in turn is redrawn from its exact
 * conditional distribution given all the others (the heat-bath update).
 *
 * Variables x₀ … xₙ₋₁ take values 0 … kᵢ − 1. The model is given by its conditional energies:
 * `conditionalEnergies(x, i, out)` writes into `out[s]` the energy of x with xᵢ set to s, for
 * every s (up to any constant that does not depend on s), so P(xᵢ = s | rest) ∝ exp(−out[s]/T).
 * One `step` is one sweep of n single-variable updates: in order 0 … n − 1 ("systematic" scan),
 * or at n sites drawn uniformly with replacement ("random" scan). Each update leaves the target
 * invariant; the random-scan kernel is also reversible, the systematic one in general is not
 * (its sweep is a product of reversible kernels, not their average). At T = 0 an update picks
 * the lowest conditional energy, ties uniformly (coordinate-wise descent).
 *
 * Positions are `Float64Array`s holding the integer values (the sampler contract uses one array
 * type for every sampler); use `Int32Array.from(state.position)` to get integers.
 */
import { portableExp, RandomStream } from '../core/random/index.js';
import { assertFunction, assertInteger, assertOptions, describe } from '../core/validate.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import { temperatureOption } from './validate.js';

/** Writes into `out[s]` the energy of `x` with xᵢ = s, for s = 0 … out.length − 1. Must not keep `x`. */
export type ConditionalEnergies = (x: Float64Array, index: number, out: Float64Array) => void;

/** Options of `gibbsSampler`. */
export interface GibbsOptions {
  /** Number of variables n ≥ 1. */
  variables: number;
  /** Number of values kᵢ ≥ 1 of each variable: one number for all, or one per variable. */
  states: number | ArrayLike<number>;
  /** The conditional energies (see the module comment); `x[index]` holds the current value. */
  conditionalEnergies: ConditionalEnergies;
  /** The total energy U(x), reported in each state; without it states carry `energy: NaN`. */
  energy?: (x: Float64Array) => number;
  /** T ≥ 0 (default 1). */
  temperature?: number;
  /** Order of the updates in a sweep: "systematic" (default) or "random". */
  scan?: 'systematic' | 'random';
}

/** State of a Gibbs chain: the configuration (integer values as floats) and U there. */
export interface GibbsState extends SamplerState {}

/** What one sweep reports (acceptance is always 1: heat-bath updates are never rejected). */
export interface GibbsInfo extends SamplerInfo {
  /** How many single-variable updates changed their variable's value. */
  readonly changedVariables: number;
}

/** A Gibbs sampler, with its exact kernel for small state spaces. */
export interface GibbsSampler extends SamplingAlgorithm<GibbsState, GibbsInfo> {
  /** Number of variables. */
  readonly variables: number;
  /** Number of values of each variable. */
  readonly states: Int32Array;
  /**
   * The exact transition matrix of one sweep over all configurations (at most 1024), indexed
   * row-major with variable 0 most significant (as in `discreteEnergyTable`): entry
   * [a·N + b] is the probability that a sweep from configuration a ends in b.
   */
  transitionMatrix(): Float64Array;
}

/** Largest number of configurations `transitionMatrix` enumerates (its matrix has N² entries). */
export const MAX_ENUMERATED_CONFIGURATIONS = 1024;

/**
 * Writes the conditional weights exp(−(Eₛ − min E)/T) into `weights` and returns their sum
 * (at T = 0: weight 1 on each minimiser). Shared by `step` and `transitionMatrix`.
 */
function conditionalWeights(
  energies: Float64Array,
  temperature: number,
  weights: Float64Array,
  site: number,
): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (let s = 0; s < energies.length; s++) {
    const value = energies[s];
    if (Number.isNaN(value) || value === Number.NEGATIVE_INFINITY) {
      throw new RangeError(
        `gibbsSampler: conditionalEnergies wrote ${value} for variable ${site}, value ${s}; energies must be finite or +Infinity`,
      );
    }
    if (value < lowest) lowest = value;
  }
  if (lowest === Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `gibbsSampler: every value of variable ${site} has energy +Infinity (no allowed value)`,
    );
  }
  let total = 0;
  for (let s = 0; s < energies.length; s++) {
    const weight =
      temperature === 0
        ? energies[s] === lowest
          ? 1
          : 0
        : portableExp(-(energies[s] - lowest) / temperature);
    weights[s] = weight;
    total += weight;
  }
  return total;
}

/**
 * A Gibbs (heat-bath) sampler for discrete variables targeting p(x) ∝ exp(−U(x)/T). A sweep reads
 * its key through one `RandomStream`: for a random scan a site index then a uniform per update,
 * for a systematic scan one uniform per update.
 */
export function gibbsSampler(options: GibbsOptions): GibbsSampler {
  const where = 'gibbsSampler';
  assertOptions(where, options);
  const { variables, conditionalEnergies, energy } = options;
  assertInteger(where, 'variables', variables, 1, 2 ** 30);
  assertFunction(where, 'conditionalEnergies', conditionalEnergies);
  if (energy !== undefined) assertFunction(where, 'energy', energy);
  const temperature = temperatureOption(where, options.temperature, true);
  const scan = options.scan ?? 'systematic';
  if (scan !== 'systematic' && scan !== 'random') {
    throw new RangeError(`${where}: scan must be "systematic" or "random", got ${describe(scan)}`);
  }
  const states = new Int32Array(variables);
  if (typeof options.states === 'number') {
    assertInteger(where, 'states', options.states, 1, 2 ** 30);
    states.fill(options.states);
  } else {
    const given = options.states;
    if (given === null || typeof given !== 'object' || given.length !== variables) {
      throw new RangeError(
        `${where}: states must be a number or have one entry per variable (${variables}), got ${describe(given)}`,
      );
    }
    for (let i = 0; i < variables; i++) {
      assertInteger(where, `states[${i}]`, given[i], 1, 2 ** 30);
      states[i] = given[i];
    }
  }
  const largest = states.reduce((a, b) => Math.max(a, b), 1);
  const energiesScratch = new Float64Array(largest);
  const weightsScratch = new Float64Array(largest);
  const energyViews = Array.from(states, (k) => energiesScratch.subarray(0, k));
  const weightViews = Array.from(states, (k) => weightsScratch.subarray(0, k));
  const energyOf = (x: Float64Array) => (energy === undefined ? Number.NaN : energy(x));

  /** Conditional weights of variable `site` at `x` into weightViews[site]; returns their sum. */
  const weightsAt = (x: Float64Array, site: number): number => {
    conditionalEnergies(x, site, energyViews[site]);
    return conditionalWeights(energyViews[site], temperature, weightViews[site], site);
  };

  return {
    name: `gibbs-${scan}`,
    variables,
    states,
    init(position) {
      if (position === null || typeof position !== 'object' || position.length !== variables) {
        throw new RangeError(
          `${where}.init: position must have ${variables} entries (one per variable), got ${describe(position)}`,
        );
      }
      const x = Float64Array.from(position);
      for (let i = 0; i < variables; i++) {
        if (!Number.isInteger(x[i]) || x[i] < 0 || x[i] >= states[i]) {
          throw new RangeError(
            `${where}.init: position[${i}] must be an integer in [0, ${states[i] - 1}], got ${describe(x[i])}`,
          );
        }
      }
      return { position: x, energy: energyOf(x) };
    },
    step(key, state) {
      const stream = new RandomStream(key);
      const x = Float64Array.from(state.position);
      let changedVariables = 0;
      for (let update = 0; update < variables; update++) {
        const site = scan === 'systematic' ? update : stream.nextInt(variables);
        const total = weightsAt(x, site);
        const weights = weightViews[site];
        // Inverse CDF: the first value whose cumulative weight exceeds u·total (never a zero weight).
        const target = stream.nextUniform() * total;
        let cumulative = 0;
        let chosen = -1;
        for (let s = 0; s < weights.length; s++) {
          if (weights[s] === 0) continue;
          chosen = s;
          cumulative += weights[s];
          if (target < cumulative) break;
        }
        if (x[site] !== chosen) changedVariables++;
        x[site] = chosen;
      }
      return [
        { position: x, energy: energyOf(x) },
        { acceptanceProbability: 1, accepted: true, changedVariables },
      ];
    },
    transitionMatrix() {
      let count = 1;
      for (const k of states) {
        count *= k;
        if (count > MAX_ENUMERATED_CONFIGURATIONS) {
          throw new RangeError(
            `${where}.transitionMatrix: at most ${MAX_ENUMERATED_CONFIGURATIONS} configurations can be enumerated, the model has more`,
          );
        }
      }
      const strides = new Int32Array(variables);
      for (let i = variables - 1, stride = 1; i >= 0; stride *= states[i], i--) strides[i] = stride;
      // conditional[site][c·k + s]: probability that updating `site` in configuration c sets it to s.
      const conditional = Array.from(states, (k, site) => {
        const table = new Float64Array(count * k);
        const x = new Float64Array(variables);
        for (let c = 0; c < count; c++) {
          for (let i = 0; i < variables; i++) x[i] = Math.floor(c / strides[i]) % states[i];
          const total = weightsAt(x, site);
          for (let s = 0; s < k; s++) table[c * k + s] = weightViews[site][s] / total;
        }
        return table;
      });
      /** P · K_site, with K_site the single-variable update kernel (sparse: k entries a row). */
      const applySite = (p: Float64Array, site: number, scale: number, out: Float64Array) => {
        const k = states[site];
        const stride = strides[site];
        for (let c = 0; c < count; c++) {
          const base = c - (Math.floor(c / stride) % k) * stride;
          for (let s = 0; s < k; s++) {
            const probability = scale * conditional[site][c * k + s];
            if (probability === 0) continue;
            const target = base + s * stride;
            for (let r = 0; r < count; r++) out[r * count + target] += p[r * count + c] * probability;
          }
        }
      };
      let p = new Float64Array(count * count);
      for (let c = 0; c < count; c++) p[c * count + c] = 1;
      for (let update = 0; update < variables; update++) {
        const next = new Float64Array(count * count);
        if (scan === 'systematic') applySite(p, update, 1, next);
        else for (let site = 0; site < variables; site++) applySite(p, site, 1 / variables, next);
        p = next;
      }
      return p;
    },
  };
}
