/**
 * Exact log Z, log-likelihood, visible distribution and log-likelihood gradient of a small
 * Boltzmann machine, by enumerating states in Gray-code order (one unit flips per step, so the
 * energy and every unit's local field f_u = b_u + Σ_j W_uj s_j update in O(n)).
 *
 * The gradient of the mean log-likelihood of data rows v with respect to a coupling W_ij (one
 * parameter per pair) and a bias b_i is the positive minus the negative phase,
 *
 *   ∂/∂W_ij = ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model,     ∂/∂b_i = ⟨s_i⟩_data − ⟨s_i⟩_model,
 *
 * where "data" clamps the visible units to each row and averages the hidden units over
 * p(h | v) (2^H states per row), and "model" averages over p(s) (all 2^n states).
 */

import { describe } from '../../core/validate.js';
import { LogSumExpAccumulator } from '../../partition/log-sum-exp.js';
import { assertBoltzmannMachine, type BoltzmannMachine } from './boltzmann-machine.js';

/** The most units that are enumerated (2^20 ≈ 10⁶ states). */
export const MAX_BOLTZMANN_ENUMERATED_UNITS = 20;

/** The gradient of the mean log-likelihood of a Boltzmann machine. */
export interface BoltzmannGradient {
  /** ∂/∂W_ij for each pair, as a symmetric n×n matrix with a zero diagonal. */
  readonly couplings: Float64Array;
  /** ∂/∂b_i. */
  readonly biases: Float64Array;
}

/**
 * Visits every assignment of the units listed in `free` (the others keep their values in
 * `state`; the free ones must start at 0), calling `visit(state, energy)`.
 */
function enumerateStates(
  machine: BoltzmannMachine,
  state: Float64Array,
  free: Int32Array,
  visit: (state: Float64Array, energy: number) => void,
): void {
  const n = machine.unitCount;
  const { couplings, biases } = machine;
  const field = new Float64Array(n);
  let energy = 0;
  for (let u = 0; u < n; u++) {
    let f = biases[u];
    for (let j = 0; j < n; j++) f += couplings[u * n + j] * state[j];
    field[u] = f;
    if (state[u] !== 0) energy -= state[u] * (biases[u] + 0.5 * (f - biases[u]));
  }
  visit(state, energy);
  const total = 2 ** free.length;
  for (let g = 1; g < total; g++) {
    const u = free[31 - Math.clz32(g & -g)];
    const delta = state[u] === 0 ? 1 : -1;
    energy -= delta * field[u];
    state[u] += delta;
    const row = u * n;
    for (let j = 0; j < n; j++) field[j] += delta * couplings[row + j];
    visit(state, energy);
  }
}

function range(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

function checkUnits(where: string, count: number, what: string): void {
  if (count > MAX_BOLTZMANN_ENUMERATED_UNITS) {
    throw new RangeError(
      `${where}: ${what} has ${count} units; at most ${MAX_BOLTZMANN_ENUMERATED_UNITS} can be enumerated`,
    );
  }
}

function dataRows(where: string, machine: BoltzmannMachine, data: ArrayLike<number>): number {
  const V = machine.visibleCount;
  if (data === null || typeof data !== 'object' || data.length % V !== 0 || data.length === 0) {
    throw new RangeError(
      `${where}: data must be a non-empty array of rows of ${V} numbers, got ${describe(data)}`,
    );
  }
  for (let n = 0; n < data.length; n++) {
    if (data[n] !== 0 && data[n] !== 1)
      throw new RangeError(`${where}: data must be 0/1, got ${describe(data[n])} at ${n}`);
  }
  return data.length / V;
}

/**
 * log Z = log Σ_s e^−E(s) over all 2ⁿ states.
 * @throws Error when the machine has more than 20 units.
 */
export function boltzmannLogPartitionFunction(machine: BoltzmannMachine): number {
  const where = 'boltzmannLogPartitionFunction';
  assertBoltzmannMachine(where, machine);
  checkUnits(where, machine.unitCount, 'the machine');
  const sum = new LogSumExpAccumulator();
  enumerateStates(machine, new Float64Array(machine.unitCount), range(0, machine.unitCount), (_s, energy) =>
    sum.add(-energy),
  );
  return sum.value;
}

/** log Σ_h e^−E(v, h) for the visible row `row` of `data` (−the free energy of v). */
function clampedLogSum(machine: BoltzmannMachine, data: ArrayLike<number>, row: number): number {
  const V = machine.visibleCount;
  const state = new Float64Array(machine.unitCount);
  for (let i = 0; i < V; i++) state[i] = data[row * V + i];
  const sum = new LogSumExpAccumulator();
  enumerateStates(machine, state, range(V, machine.unitCount), (_s, energy) => sum.add(-energy));
  return sum.value;
}

/** What {@link boltzmannLogLikelihood} returns. */
export interface BoltzmannLogLikelihood {
  /** Mean of log p(v) over the rows (nats). */
  readonly mean: number;
  /** log p(v) of each row. */
  readonly values: Float64Array;
  /** The exact log Z. */
  readonly logPartitionFunction: number;
}

/** The exact log-likelihood log p(v) = log Σ_h e^−E(v,h) − log Z of each binary row of `data`. */
export function boltzmannLogLikelihood(
  machine: BoltzmannMachine,
  data: ArrayLike<number>,
): BoltzmannLogLikelihood {
  const where = 'boltzmannLogLikelihood';
  assertBoltzmannMachine(where, machine);
  const rows = dataRows(where, machine, data);
  const logPartitionFunction = boltzmannLogPartitionFunction(machine);
  const values = new Float64Array(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    values[r] = clampedLogSum(machine, data, r) - logPartitionFunction;
    total += values[r];
  }
  return { mean: total / rows, values, logPartitionFunction };
}

/** The exact p(v) over all 2^V visible configurations (entry `index`: v_i = bit i of index). */
export function boltzmannVisibleDistribution(machine: BoltzmannMachine): Float64Array {
  const where = 'boltzmannVisibleDistribution';
  assertBoltzmannMachine(where, machine);
  checkUnits(where, machine.unitCount, 'the machine');
  const logZ = boltzmannLogPartitionFunction(machine);
  const V = machine.visibleCount;
  const distribution = new Float64Array(2 ** V);
  enumerateStates(
    machine,
    new Float64Array(machine.unitCount),
    range(0, machine.unitCount),
    (state, energy) => {
      let index = 0;
      for (let i = 0; i < V; i++) if (state[i] !== 0) index |= 1 << i;
      distribution[index] += Math.exp(-energy - logZ);
    },
  );
  return distribution;
}

/** Adds weight·s_i·s_j (i < j, both halves of the symmetric matrix) and weight·s_i to the sums. */
function accumulate(
  state: Float64Array,
  weight: number,
  pairs: Float64Array,
  singles: Float64Array,
  active: Int32Array,
): void {
  const n = state.length;
  let count = 0;
  for (let u = 0; u < n; u++) if (state[u] !== 0) active[count++] = u;
  for (let a = 0; a < count; a++) {
    const i = active[a];
    singles[i] += weight;
    for (let b = a + 1; b < count; b++) {
      const j = active[b];
      pairs[i * n + j] += weight;
      pairs[j * n + i] += weight;
    }
  }
}

/**
 * The exact gradient of the mean log-likelihood of the binary rows of `data` (see the file
 * comment): positive phase by enumerating the hidden units of each row, negative phase by
 * enumerating all units.
 * @throws Error when the machine has more than 20 units or `data` is not 0/1 rows of V.
 */
export function boltzmannLogLikelihoodGradient(
  machine: BoltzmannMachine,
  data: ArrayLike<number>,
): BoltzmannGradient {
  const where = 'boltzmannLogLikelihoodGradient';
  assertBoltzmannMachine(where, machine);
  checkUnits(where, machine.unitCount, 'the machine');
  const rows = dataRows(where, machine, data);
  const n = machine.unitCount;
  const V = machine.visibleCount;
  const couplings = new Float64Array(n * n);
  const biases = new Float64Array(n);
  const active = new Int32Array(n);
  const hidden = range(V, n);
  for (let r = 0; r < rows; r++) {
    const logSum = clampedLogSum(machine, data, r);
    const state = new Float64Array(n);
    for (let i = 0; i < V; i++) state[i] = data[r * V + i];
    enumerateStates(machine, state, hidden, (s, energy) =>
      accumulate(s, Math.exp(-energy - logSum) / rows, couplings, biases, active),
    );
  }
  const logZ = boltzmannLogPartitionFunction(machine);
  const negativePairs = new Float64Array(n * n);
  const negativeSingles = new Float64Array(n);
  enumerateStates(machine, new Float64Array(n), range(0, n), (s, energy) =>
    accumulate(s, Math.exp(-energy - logZ), negativePairs, negativeSingles, active),
  );
  for (let k = 0; k < n * n; k++) couplings[k] -= negativePairs[k];
  for (let i = 0; i < n; i++) biases[i] -= negativeSingles[i];
  return { couplings, biases };
}
