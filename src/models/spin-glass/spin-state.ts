/**
 * A spin configuration with its local fields kept up to date, so that a single spin flip costs
 * O(degree) instead of a full O(bonds) energy evaluation.
 *
 * With the local field φ_i = h_i + Σ_j J_ij s_j, flipping spin i changes the energy by
 * ΔE_i = 2 s_i φ_i, and changes each neighbour's field by φ_j ← φ_j − 2 J_ij s_i (old s_i). The
 * energy itself is carried along incrementally; `refreshSpinState` recomputes fields and energy
 * from the spins, to clear the rounding that long runs of real-valued updates accumulate.
 */
import { type Key, RandomStream } from '../../core/random/index.js';
import { assertKey } from '../../core/validate.js';
import { assertSpins, localFields, type SpinSystem } from './spin-system.js';

/** A mutable spin configuration of a `SpinSystem`, with its local fields and energy. */
export interface SpinState {
  /** The system the configuration belongs to. */
  readonly system: SpinSystem;
  /** s_i ∈ {−1, +1}. Change only through `flipSpin`, or call `refreshSpinState` afterwards. */
  readonly spins: Int8Array;
  /** φ_i = h_i + Σ_j J_ij s_j. */
  readonly localFields: Float64Array;
  /** H(s), updated incrementally by every flip. */
  energy: number;
}

/** H from the local fields: −½ Σ s_i (φ_i + h_i), which counts each bond once. */
function energyFromFields(system: SpinSystem, spins: Int8Array, fields: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < system.size; i++) sum += spins[i] * (fields[i] + system.fields[i]);
  return -0.5 * sum;
}

/** A state holding a copy of `spins` (each −1 or +1), with its fields and energy. */
export function createSpinState(system: SpinSystem, spins: ArrayLike<number>): SpinState {
  assertSpins('createSpinState', spins, system.size);
  const copy = Int8Array.from(spins);
  const fields = localFields(system, copy);
  return { system, spins: copy, localFields: fields, energy: energyFromFields(system, copy, fields) };
}

/** A state with independent uniformly random spins (one 32-bit word per spin from `key`). */
export function randomSpinState(system: SpinSystem, key: Key): SpinState {
  assertKey('randomSpinState', key);
  const stream = new RandomStream(key);
  const spins = new Int8Array(system.size);
  for (let i = 0; i < system.size; i++) spins[i] = stream.nextUint32() >>> 31 === 1 ? 1 : -1;
  return createSpinState(system, spins);
}

/** An independent copy of a state (same system, copied arrays). */
export function copySpinState(state: SpinState): SpinState {
  return {
    system: state.system,
    spins: state.spins.slice(),
    localFields: state.localFields.slice(),
    energy: state.energy,
  };
}

/** Overwrites `target` with the configuration, fields and energy of `source` (same system). */
export function assignSpinState(target: SpinState, source: SpinState): void {
  target.spins.set(source.spins);
  target.localFields.set(source.localFields);
  target.energy = source.energy;
}

/** The energy change 2 s_i φ_i that flipping spin `index` would cause; O(1). */
export function flipEnergyChange(state: SpinState, index: number): number {
  return 2 * state.spins[index] * state.localFields[index];
}

/**
 * Flips spin `index` in place, updating the neighbours' local fields and the energy in
 * O(degree). Returns the energy change. The index is not checked (this is the hot loop).
 */
export function flipSpin(state: SpinState, index: number): number {
  const { spins, localFields: fields } = state;
  const { neighborOffsets, neighbors, neighborCouplings } = state.system;
  const old = spins[index];
  const change = 2 * old * fields[index];
  spins[index] = -old;
  const delta = -2 * old;
  const end = neighborOffsets[index + 1];
  for (let k = neighborOffsets[index]; k < end; k++) fields[neighbors[k]] += delta * neighborCouplings[k];
  state.energy += change;
  return change;
}

/** Recomputes the local fields and the energy from the spins (clears accumulated rounding). */
export function refreshSpinState(state: SpinState): void {
  localFields(state.system, state.spins, state.localFields);
  state.energy = energyFromFields(state.system, state.spins, state.localFields);
}

/** The magnetisation per spin (1/N) Σ s_i. */
export function magnetization(spins: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < spins.length; i++) sum += spins[i];
  return sum / spins.length;
}
