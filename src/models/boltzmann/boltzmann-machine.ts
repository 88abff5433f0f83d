/**
 * The (fully connected) Boltzmann machine of Ackley, Hinton & Sejnowski (1985): n binary units
 * s ∈ {0, 1}ⁿ, the first V visible and the last H hidden, every pair coupled, with the energy
 *
 *   E(s) = −½·sᵀWs − bᵀs = −Σ_{i<j} W_ij s_i s_j − Σ_i b_i s_i,     p(s) = e^−E(s)/Z
 *
 * W is symmetric with a zero diagonal. Units are 0/1, as in the RBM code, so that the two models
 * share their data (binary images) and an RBM is the special case with no visible–visible and
 * no hidden–hidden couplings. (±1 spins σ = 2s − 1 give the same family of distributions with
 * J = W/4 and h = b/2 + Σ_j W_ij/4, up to a constant in the energy.)
 */
import { type Key, normal } from '../../core/random/index.js';
import {
  assertFinite,
  assertInteger,
  assertKey,
  assertOptions,
  describe,
  finiteArray,
} from '../../core/validate.js';

/** The largest machine accepted (an n×n coupling matrix of 2^24 entries). */
export const MAX_BOLTZMANN_UNITS = 4096;

/** A Boltzmann machine (see the file comment). */
export interface BoltzmannMachine {
  /** V, the visible units 0 … V − 1. */
  readonly visibleCount: number;
  /** H, the hidden units V … V + H − 1. */
  readonly hiddenCount: number;
  /** n = V + H. */
  readonly unitCount: number;
  /** W, n×n row-major, symmetric, zero diagonal. */
  readonly couplings: Float64Array;
  /** b, length n. */
  readonly biases: Float64Array;
}

/** Options of {@link createBoltzmannMachine}. */
export interface CreateBoltzmannMachineOptions {
  /** V, an integer ≥ 1. */
  visibleCount: number;
  /** H, an integer ≥ 0. */
  hiddenCount: number;
  /** Draws each coupling W_ij (i < j) from N(0, weightScale²); without a key they start at 0. */
  key?: Key;
  /** Standard deviation of the initial couplings, ≥ 0 (default 0.01). */
  weightScale?: number;
  /** Initial W (n·n values, must be symmetric with a zero diagonal); exclusive with `key`. */
  couplings?: ArrayLike<number>;
  /** Initial b (n values, default 0). */
  biases?: ArrayLike<number>;
}

/**
 * A new Boltzmann machine.
 * @throws Error naming the option when a count, the scale or an array is invalid (couplings
 *   that are not symmetric, or with a nonzero diagonal, are rejected).
 */
export function createBoltzmannMachine(options: CreateBoltzmannMachineOptions): BoltzmannMachine {
  const where = 'createBoltzmannMachine';
  assertOptions(where, options);
  assertInteger(where, 'visibleCount', options.visibleCount, 1, MAX_BOLTZMANN_UNITS);
  assertInteger(where, 'hiddenCount', options.hiddenCount, 0, MAX_BOLTZMANN_UNITS);
  const { visibleCount, hiddenCount } = options;
  const n = visibleCount + hiddenCount;
  if (n > MAX_BOLTZMANN_UNITS) {
    throw new RangeError(`${where}: visibleCount + hiddenCount must be ≤ ${MAX_BOLTZMANN_UNITS}, got ${n}`);
  }
  const couplings = new Float64Array(n * n);
  if (options.key !== undefined) {
    if (options.couplings !== undefined) throw new Error(`${where}: give either key or couplings, not both`);
    assertKey(where, options.key);
    const scale = options.weightScale ?? 0.01;
    assertFinite(where, 'weightScale', scale);
    if (scale < 0) throw new RangeError(`${where}: weightScale must be a finite number ≥ 0, got ${scale}`);
    const draws = normal(options.key, (n * (n - 1)) / 2, { std: scale });
    let t = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        couplings[i * n + j] = draws[t];
        couplings[j * n + i] = draws[t++];
      }
    }
  } else if (options.couplings !== undefined) {
    couplings.set(finiteArray(where, 'couplings', options.couplings, n * n));
    assertSymmetric(where, couplings, n);
  }
  const biases = new Float64Array(n);
  if (options.biases !== undefined) biases.set(finiteArray(where, 'biases', options.biases, n));
  return { visibleCount, hiddenCount, unitCount: n, couplings, biases };
}

function assertSymmetric(where: string, couplings: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    if (couplings[i * n + i] !== 0) {
      throw new RangeError(
        `${where}: couplings must have a zero diagonal, got ${couplings[i * n + i]} at (${i}, ${i})`,
      );
    }
    for (let j = i + 1; j < n; j++) {
      if (couplings[i * n + j] !== couplings[j * n + i]) {
        throw new RangeError(`${where}: couplings must be symmetric, (${i}, ${j}) ≠ (${j}, ${i})`);
      }
    }
  }
}

/** Throws unless `machine` is a well-formed Boltzmann machine record. */
export function assertBoltzmannMachine(where: string, machine: unknown): asserts machine is BoltzmannMachine {
  const m = machine as BoltzmannMachine;
  if (
    m === null ||
    typeof m !== 'object' ||
    !Number.isInteger(m.visibleCount) ||
    !Number.isInteger(m.hiddenCount) ||
    m.unitCount !== m.visibleCount + m.hiddenCount ||
    !(m.couplings instanceof Float64Array) ||
    !(m.biases instanceof Float64Array) ||
    m.couplings.length !== m.unitCount * m.unitCount ||
    m.biases.length !== m.unitCount
  ) {
    throw new TypeError(
      `${where}: machine must be a Boltzmann machine from createBoltzmannMachine, got ${describe(machine)}`,
    );
  }
}

/** A deep copy. */
export function cloneBoltzmannMachine(machine: BoltzmannMachine): BoltzmannMachine {
  assertBoltzmannMachine('cloneBoltzmannMachine', machine);
  return { ...machine, couplings: machine.couplings.slice(), biases: machine.biases.slice() };
}

/**
 * E(s) = −Σ_{i<j} W_ij s_i s_j − Σ_i b_i s_i for a full state of n units (visible first).
 * @throws Error when `state` does not have n entries.
 */
export function boltzmannEnergy(machine: BoltzmannMachine, state: ArrayLike<number>): number {
  const where = 'boltzmannEnergy';
  assertBoltzmannMachine(where, machine);
  const n = machine.unitCount;
  if (state === null || typeof state !== 'object' || state.length !== n) {
    throw new RangeError(`${where}: state must be an array of ${n} numbers, got ${describe(state)}`);
  }
  const { couplings, biases } = machine;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const si = state[i];
    if (si === 0) continue;
    let field = biases[i];
    for (let j = i + 1; j < n; j++) field += couplings[i * n + j] * state[j];
    energy -= si * field;
  }
  return energy;
}

/** A Boltzmann machine as plain JSON-safe data. */
export interface BoltzmannMachineJson {
  /** Format version; currently 1. */
  version: 1;
  visibleCount: number;
  hiddenCount: number;
  couplings: number[];
  biases: number[];
}

/** `machine` as JSON-safe data (lossless). */
export function boltzmannMachineToJSON(machine: BoltzmannMachine): BoltzmannMachineJson {
  assertBoltzmannMachine('boltzmannMachineToJSON', machine);
  return {
    version: 1,
    visibleCount: machine.visibleCount,
    hiddenCount: machine.hiddenCount,
    couplings: Array.from(machine.couplings),
    biases: Array.from(machine.biases),
  };
}

/** The machine stored by `boltzmannMachineToJSON`, with every field checked. */
export function boltzmannMachineFromJSON(json: BoltzmannMachineJson): BoltzmannMachine {
  const where = 'boltzmannMachineFromJSON';
  assertOptions(where, json);
  if (json.version !== 1) throw new RangeError(`${where}: version must be 1, got ${describe(json.version)}`);
  return createBoltzmannMachine({
    visibleCount: json.visibleCount,
    hiddenCount: json.hiddenCount,
    couplings: json.couplings,
    biases: json.biases,
  });
}
