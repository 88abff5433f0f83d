/**
 * Dense associative memory (Krotov and Hopfield 2016; Demircigil et al. 2017): ±1 neurons with
 * the energy
 *
 *   E(σ) = −Σ_μ F(ξ^μ · σ)
 *
 * for a fast-growing interaction function F. F(x) = x² is the classical Hebbian network (up to
 * a constant); F(x) = xⁿ stores about N^{n−1} patterns (Krotov and Hopfield: capacity
 * ∝ N^{n−1}), and F(x) = eˣ a number exponential in N (Demircigil et al.). The price is that
 * the energy is no longer a sum over pairs: the network keeps the patterns, not a weight
 * matrix.
 *
 * Update of neuron i: the value of σ_i that lowers E with the others fixed,
 *
 *   σ_i ← sign Σ_μ [F(b_μ + ξ^μ_i) − F(b_μ − ξ^μ_i)],   b_μ = Σ_{j≠i} ξ^μ_j σ_j,
 *
 * so asynchronous updates never increase E. The overlaps a_μ = ξ^μ·σ are kept up to date (O(P)
 * per flip), so a sweep costs O(NP). For the polynomial, F(b + 1) − F(b − 1) is tabulated over
 * the integers b ∈ [−N, N]; for the exponential, the sum is taken relative to max b_μ, so the
 * sign is exact at any N even where e^{b} overflows.
 */
import { type Key, portableExp, RandomStream } from '../../core/random/index.js';
import { assertInteger, assertKey, assertOneOf, assertOptions } from '../../core/validate.js';
import { checkedPatterns, patternOverlaps } from './patterns.js';
import { assertSpins } from './validate.js';

/** The interaction function F of a dense associative memory. */
export type InteractionFunction =
  | {
      kind: 'polynomial';
      /** n in F(x) = xⁿ, an integer in [2, 30]; n = 2 is the classical network. */
      degree: number;
      /** When true, F(x) = max(x, 0)ⁿ (the rectified polynomial of Krotov and Hopfield); default false. */
      rectified?: boolean;
    }
  | { kind: 'exponential' };

/** A dense associative memory (plain record). */
export interface DenseAssociativeMemory {
  /** Number of neurons N. */
  readonly size: number;
  /** The stored patterns ξ^μ. */
  readonly patterns: readonly Int8Array[];
  /** The interaction function F. */
  readonly interaction: InteractionFunction;
  /** ξ^μ_i at `byNeuron[i·P + μ]`: the patterns transposed, for the per-neuron sums. */
  readonly byNeuron: Int8Array;
  /** Polynomial only: F(b + 1) − F(b − 1) at `differences[b + N]`, b ∈ [−N, N]. */
  readonly differences: Float64Array | null;
}

function interactionValue(interaction: InteractionFunction, x: number): number {
  if (interaction.kind === 'exponential') return portableExp(x);
  const base = interaction.rectified === true ? Math.max(x, 0) : x;
  return base ** interaction.degree;
}

/**
 * A dense associative memory storing `patterns` (±1 arrays of one length N).
 *
 * ```ts
 * const patterns = randomPatterns(makeKey(1), 60, 100);             // α = 0.6, far above 0.14
 * const memory = denseAssociativeMemory(patterns, { interaction: { kind: 'polynomial', degree: 3 } });
 * denseRecall(memory, corruptPattern(makeKey(2), patterns[0], 0.1), { key: makeKey(3) }).finalOverlaps[0]; // 1
 * ```
 */
export function denseAssociativeMemory(
  patterns: readonly ArrayLike<number>[],
  options: { interaction: InteractionFunction },
): DenseAssociativeMemory {
  const where = 'denseAssociativeMemory';
  assertOptions(where, options);
  const interaction = options.interaction;
  assertOptions(`${where}: interaction`, interaction);
  assertOneOf(where, 'interaction.kind', interaction.kind, ['polynomial', 'exponential'] as const);
  const checked = checkedPatterns(where, patterns);
  const size = checked[0].length;
  const count = checked.length;
  let differences: Float64Array | null = null;
  let stored: InteractionFunction = { kind: 'exponential' };
  if (interaction.kind === 'polynomial') {
    assertInteger(where, 'interaction.degree', interaction.degree, 2, 30);
    const rectified = interaction.rectified ?? false;
    if (typeof rectified !== 'boolean')
      throw new TypeError(`${where}: interaction.rectified must be a boolean`);
    stored = { kind: 'polynomial', degree: interaction.degree, rectified };
    differences = new Float64Array(2 * size + 1);
    for (let b = -size; b <= size; b++) {
      differences[b + size] = interactionValue(stored, b + 1) - interactionValue(stored, b - 1);
    }
  }
  const byNeuron = new Int8Array(size * count);
  checked.forEach((pattern, mu) => {
    for (let i = 0; i < size; i++) byNeuron[i * count + mu] = pattern[i];
  });
  return { size, patterns: checked, interaction: stored, byNeuron, differences };
}

/**
 * The energy E(σ) = −Σ_μ F(ξ^μ·σ). For the exponential it overflows to −∞ once some overlap
 * ξ^μ·σ exceeds about 709 (N > 709); the dynamics does not need it.
 */
export function denseEnergy(memory: DenseAssociativeMemory, state: ArrayLike<number>): number {
  assertSpins('denseEnergy', 'state', state, memory.size);
  let energy = 0;
  for (const pattern of memory.patterns) {
    let dot = 0;
    for (let i = 0; i < memory.size; i++) dot += pattern[i] * state[i];
    energy -= interactionValue(memory.interaction, dot);
  }
  return energy;
}

/**
 * The sign of Σ_μ ξ^μ_i [F(b_μ + 1) − F(b_μ − 1)] for neuron i, given the overlaps a_μ = ξ^μ·σ
 * (the update sets σ_i to this sign, keeping σ_i on a tie).
 */
function updateDrive(
  memory: DenseAssociativeMemory,
  overlaps: Float64Array,
  spins: Int8Array,
  i: number,
): number {
  const count = memory.patterns.length;
  const { byNeuron, differences } = memory;
  const row = i * count;
  const spin = spins[i];
  if (differences !== null) {
    const size = memory.size;
    let sum = 0;
    for (let mu = 0; mu < count; mu++) {
      const xi = byNeuron[row + mu];
      sum += xi * differences[overlaps[mu] - xi * spin + size];
    }
    return sum;
  }
  // Exponential: e^{b+1} − e^{b−1} = (e − 1/e)e^{b}; only the sign matters, so sum ξ e^{b − max b}.
  let largest = Number.NEGATIVE_INFINITY;
  for (let mu = 0; mu < count; mu++) largest = Math.max(largest, overlaps[mu] - byNeuron[row + mu] * spin);
  let sum = 0;
  for (let mu = 0; mu < count; mu++) {
    const xi = byNeuron[row + mu];
    sum += xi * portableExp(overlaps[mu] - xi * spin - largest);
  }
  return sum;
}

/** Options of {@link denseRecall}. */
export interface DenseRecallOptions {
  /** Random visiting order (a fresh permutation per sweep); required unless `order: 'sequential'`. */
  key?: Key;
  /** `'random'` (default) or `'sequential'`. */
  order?: 'random' | 'sequential';
  /** Most sweeps, an integer in [1, 10^5] (default 100). */
  maxSteps?: number;
  /** Record the energy after every sweep (default true; see {@link denseEnergy} for overflow). */
  recordTrajectory?: boolean;
}

/** The outcome of {@link denseRecall}. */
export interface DenseRecallResult {
  /** The final state. */
  state: Int8Array;
  /** Sweeps taken, counting the final one without flips. */
  steps: number;
  /** True when a fixed point was reached. */
  converged: boolean;
  /** Energies at sweeps 0, 1, … (empty unless recorded). */
  energies: number[];
  /** Flips at sweeps 1, 2, … (empty unless recorded). */
  flips: number[];
  /** Overlaps m_μ of the final state with every stored pattern. */
  finalOverlaps: Float64Array;
}

/** Asynchronous zero-temperature recall in a dense associative memory (energy never increases). */
export function denseRecall(
  memory: DenseAssociativeMemory,
  probe: ArrayLike<number>,
  options: DenseRecallOptions = {},
): DenseRecallResult {
  const where = 'denseRecall';
  assertOptions(where, options);
  assertSpins(where, 'probe', probe, memory.size);
  const order = options.order ?? 'random';
  assertOneOf(where, 'order', order, ['random', 'sequential'] as const);
  const maxSteps = options.maxSteps ?? 100;
  assertInteger(where, 'maxSteps', maxSteps, 1, 100_000);
  let stream: RandomStream | null = null;
  if (order === 'random') {
    if (options.key === undefined)
      throw new Error(`${where}: key is required for random order (or set order: 'sequential')`);
    assertKey(where, options.key);
    stream = new RandomStream(options.key);
  }
  const record = options.recordTrajectory ?? true;
  const size = memory.size;
  const count = memory.patterns.length;
  const spins = Int8Array.from(probe);
  // a_μ = ξ^μ·σ, integers, kept exactly in float64.
  const overlaps = patternOverlaps(memory.patterns, spins);
  for (let mu = 0; mu < count; mu++) overlaps[mu] = Math.round(overlaps[mu] * size);
  const visit = new Int32Array(size);
  for (let i = 0; i < size; i++) visit[i] = i;
  const energies: number[] = record ? [denseEnergy(memory, spins)] : [];
  const flipCounts: number[] = [];
  let steps = 0;
  let converged = false;
  while (steps < maxSteps) {
    if (stream !== null) {
      for (let i = size - 1; i > 0; i--) {
        const j = stream.nextInt(i + 1);
        const swap = visit[i];
        visit[i] = visit[j];
        visit[j] = swap;
      }
    }
    let flips = 0;
    for (let position = 0; position < size; position++) {
      const i = visit[position];
      const drive = updateDrive(memory, overlaps, spins, i);
      const next = drive > 0 ? 1 : drive < 0 ? -1 : spins[i];
      if (next === spins[i]) continue;
      spins[i] = next;
      const row = i * count;
      for (let mu = 0; mu < count; mu++) overlaps[mu] += 2 * next * memory.byNeuron[row + mu];
      flips++;
    }
    steps++;
    if (record) {
      energies.push(denseEnergy(memory, spins));
      flipCounts.push(flips);
    }
    if (flips === 0) {
      converged = true;
      break;
    }
  }
  return {
    state: spins,
    steps,
    converged,
    energies,
    flips: flipCounts,
    finalOverlaps: patternOverlaps(memory.patterns, spins),
  };
}
