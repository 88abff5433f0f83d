/**
 * Asynchronous dynamics of a Hopfield network: one neuron at a time, in a fresh random order
 * every sweep, at temperature T.
 *
 * At T = 0 neuron i takes the sign of its local field h_i = Σ_{j≠i} w_ij s_j + θ_i (and keeps
 * its state when h_i = 0). That is the value of s_i that minimizes E with the others fixed, so
 * for symmetric weights E never increases, and the dynamics stops at a fixed point (Hopfield
 * 1982). At T > 0 it is Glauber (heat-bath) dynamics: s_i = +1 with probability
 * 1 / (1 + exp(−2 h_i / T)), which samples p(s) ∝ exp(−E(s)/T).
 *
 * The local fields are kept up to date incrementally: a flip of s_j adds 2 s_j w_kj to every
 * h_k, one row of W (symmetric weights) or one column, O(N). A sweep therefore costs O(N) for
 * the decisions plus O(N) per flip — at most O(N²), without ever recomputing W·s.
 */
import { portableExp, type RandomStream } from '../../core/random/index.js';
import { assertNonNegative } from '../../core/validate.js';
import { energyFromFields, type HopfieldNetwork, localFields } from './network.js';
import { assertSpins } from './validate.js';

/** A state of the network with its local fields (mutable; updated in place by the sweeps). */
export interface NeuronState {
  /** The ±1 spins s_i. */
  readonly spins: Int8Array;
  /** Local fields h_i = Σ_{j≠i} w_ij s_j + θ_i of `spins`, kept in step with them. */
  readonly fields: Float64Array;
  /** Scratch for the visiting order of a sweep. */
  readonly order: Int32Array;
}

/** A `NeuronState` for a copy of `spins` (±1, length N), with its fields (one matrix–vector product). */
export function neuronState(network: HopfieldNetwork, spins: ArrayLike<number>): NeuronState {
  assertSpins('neuronState', 'spins', spins, network.size);
  const copy = Int8Array.from(spins);
  const order = new Int32Array(network.size);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return { spins: copy, fields: localFields(network, copy), order };
}

/** The energy of a `NeuronState`, from its fields (O(N)). */
export function neuronStateEnergy(network: HopfieldNetwork, state: NeuronState): number {
  return energyFromFields(network, state.spins, state.fields);
}

/**
 * Sets s_index to −s_index and updates every local field (O(N)). The field of the flipped
 * neuron itself does not change: it excludes its own coupling.
 */
export function flipNeuron(network: HopfieldNetwork, state: NeuronState, index: number): void {
  const { size, weights, symmetric } = network;
  const { spins, fields } = state;
  const value = -spins[index];
  spins[index] = value;
  const delta = 2 * value;
  if (symmetric) {
    // Column `index` equals row `index`: read it contiguously.
    const row = index * size;
    for (let k = 0; k < size; k++) fields[k] += delta * weights[row + k];
  } else {
    for (let k = 0; k < size; k++) fields[k] += delta * weights[k * size + index];
  }
  fields[index] -= delta * network.diagonal[index];
}

/**
 * One asynchronous sweep: every neuron updated once, in the order of a fresh uniform
 * permutation drawn from `stream` (or 0, 1, …, N − 1 when `stream` is null). Returns the
 * number of flips; at T = 0, zero flips means a fixed point.
 *
 * @param temperature T ≥ 0; 0 (default) is the deterministic sign rule, T > 0 Glauber dynamics
 *   (which needs a `stream`).
 */
export function asynchronousSweep(
  network: HopfieldNetwork,
  state: NeuronState,
  stream: RandomStream | null,
  temperature = 0,
): number {
  assertNonNegative('asynchronousSweep', 'temperature', temperature);
  if (temperature > 0 && stream === null) {
    throw new Error('asynchronousSweep: Glauber dynamics (temperature > 0) needs a random stream, got null');
  }
  const { spins, fields, order } = state;
  const size = network.size;
  if (stream !== null) {
    // Fisher–Yates on the previous order: still uniform, and no allocation per sweep.
    for (let i = size - 1; i > 0; i--) {
      const j = stream.nextInt(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
  let flips = 0;
  for (let position = 0; position < size; position++) {
    const i = stream === null ? position : order[position];
    const field = fields[i];
    let next: number;
    if (temperature === 0) {
      next = field > 0 ? 1 : field < 0 ? -1 : spins[i];
    } else {
      const probabilityUp = 1 / (1 + portableExp((-2 * field) / temperature));
      next = (stream as RandomStream).nextUniform() < probabilityUp ? 1 : -1;
    }
    if (next !== spins[i]) {
      flipNeuron(network, state, i);
      flips++;
    }
  }
  return flips;
}
