/**
 * Gibbs sampling of a Boltzmann machine: a sweep visits units in index order and sets each to 1
 * with probability σ(f_u), f_u = b_u + Σ_j W_uj s_j (its conditional given all the others), so
 * every sweep leaves p(s) invariant; clamping the visible units (sweeping only the hidden ones)
 * samples p(h | v). Bernoulli decisions compare a 32-bit word from `Xoshiro128StarStar` with σ·2³².
 */
import { type Key, split } from '../../core/random/index.js';
import { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import { assertInteger, assertKey, assertOptions, finiteArray } from '../../core/validate.js';
import { sigmoid } from '../rbm/logistic.js';
import { assertBoltzmannMachine, type BoltzmannMachine } from './boltzmann-machine.js';

const TWO_POW_32 = 4294967296;

/**
 * One sequential sweep over units `first … n − 1` of the state at `offset` in `states` (units
 * before `first` stay clamped), in place.
 */
export function boltzmannGibbsSweep(
  machine: BoltzmannMachine,
  states: Float64Array,
  offset: number,
  first: number,
  words: Xoshiro128StarStar,
): void {
  const n = machine.unitCount;
  const { couplings, biases } = machine;
  for (let u = first; u < n; u++) {
    let field = biases[u];
    const row = u * n;
    for (let j = 0; j < n; j++) field += couplings[row + j] * states[offset + j];
    states[offset + u] = words.nextUint32() < sigmoid(field) * TWO_POW_32 ? 1 : 0;
  }
}

/** Options of {@link boltzmannGibbsSampling}. */
export interface BoltzmannGibbsSamplingOptions {
  /** The machine. */
  machine: BoltzmannMachine;
  /** Independent chains, an integer in [1, 10⁶]. */
  chains: number;
  /** Sweeps per chain, an integer in [1, 10⁹]. */
  sweeps: number;
  /** Fixes every random choice. */
  key: Key;
  /** Starting states (`chains × n`, 0/1); default: uniform random bits. */
  initialStates?: ArrayLike<number>;
}

/**
 * Runs independent Gibbs chains and returns their final states (`chains × n`, visible units
 * first).
 */
export function boltzmannGibbsSampling(options: BoltzmannGibbsSamplingOptions): Float64Array {
  const where = 'boltzmannGibbsSampling';
  assertOptions(where, options);
  const { machine, chains, sweeps, key } = options;
  assertBoltzmannMachine(where, machine);
  assertInteger(where, 'chains', chains, 1, 1e6);
  assertInteger(where, 'sweeps', sweeps, 1, 1e9);
  assertKey(where, key);
  const n = machine.unitCount;
  const [initialKey, sweepKey] = split(key);
  const states = new Float64Array(chains * n);
  if (options.initialStates !== undefined) {
    states.set(finiteArray(where, 'initialStates', options.initialStates, chains * n));
  } else {
    const initial = new Xoshiro128StarStar(initialKey);
    for (let k = 0; k < states.length; k++) states[k] = initial.nextUint32() >>> 31;
  }
  const words = new Xoshiro128StarStar(sweepKey);
  for (let c = 0; c < chains; c++) {
    for (let s = 0; s < sweeps; s++) boltzmannGibbsSweep(machine, states, c * n, 0, words);
  }
  return states;
}
