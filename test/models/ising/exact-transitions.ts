/**
 * Exact transition matrices of Ising updates on tiny lattices, built by running the real sweep
 * code against a scripted random source that enumerates every random choice (test helper).
 *
 * Each 32-bit word a sweep draws becomes a uniform u = word/2^32 that only matters through the
 * comparisons u < p with the probabilities p the code uses. Given a superset of those p (the
 * `boundaries`), u is replaced by the midpoint of each interval between consecutive boundaries,
 * weighted by the interval's length; `nextInt(b)` branches over its b values with weight 1/b.
 * Running the update once per path (depth-first, replaying the prefix of earlier choices) gives
 * P(a → b) exactly, up to float summation.
 */
import type { IsingLattice, IsingRandomSource } from '../../../src/models/ising/index.js';
import { createIsingLattice, type IsingModel, isingEnergy } from '../../../src/models/ising/index.js';

type Choice = { kind: 'word'; cell: number } | { kind: 'int'; value: number; bound: number };

/** The spins of state `index`: spin i is up when bit i is set. */
export function spinsOf(index: number, sites: number): Int8Array {
  const spins = new Int8Array(sites);
  for (let i = 0; i < sites; i++) spins[i] = (index >> i) & 1 ? 1 : -1;
  return spins;
}

/** The index of a spin configuration. */
export function indexOf(spins: Int8Array): number {
  let index = 0;
  for (let i = 0; i < spins.length; i++) if (spins[i] > 0) index |= 1 << i;
  return index;
}

/** The exact Boltzmann distribution over the 2^N states of `model` at `temperature`. */
export function boltzmannDistribution(model: IsingModel, temperature: number): Float64Array {
  const states = 2 ** model.sites;
  const energies = new Float64Array(states);
  for (let a = 0; a < states; a++) {
    energies[a] = isingEnergy(createIsingLattice(model, { initial: spinsOf(a, model.sites) }));
  }
  const lowest = Math.min(...energies);
  const weights = energies.map((e) => Math.exp(-(e - lowest) / temperature));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

/**
 * The 2^N × 2^N matrix (row-major) of `update` applied to a lattice of `model`.
 *
 * @param boundaries every probability the update may compare a uniform with (a superset is fine).
 */
export function exactTransitionMatrix(
  model: IsingModel,
  update: (lattice: IsingLattice, source: IsingRandomSource) => void,
  boundaries: ArrayLike<number>,
): Float64Array {
  const cuts = [...new Set([0, 1, ...Array.from(boundaries).filter((p) => p > 0 && p < 1)])].sort(
    (a, b) => a - b,
  );
  const sites = model.sites;
  const states = 2 ** sites;
  const matrix = new Float64Array(states * states);
  const lattice = createIsingLattice(model, { initial: 'up' });
  for (let start = 0; start < states; start++) {
    const explore = (prefix: Choice[], weight: number): void => {
      lattice.spins.set(spinsOf(start, sites));
      let position = 0;
      let needed: { kind: 'word' } | { kind: 'int'; bound: number } | null = null;
      const source: IsingRandomSource = {
        nextUint32() {
          const choice = prefix[position++];
          if (choice === undefined) {
            needed ??= { kind: 'word' };
            return 0;
          }
          if (choice.kind !== 'word') throw new Error('replay diverged');
          const middle = (cuts[choice.cell] + cuts[choice.cell + 1]) / 2;
          return Math.floor(middle * 2 ** 32);
        },
        nextInt(bound: number) {
          const choice = prefix[position++];
          if (choice === undefined) {
            needed ??= { kind: 'int', bound };
            return 0;
          }
          if (choice.kind !== 'int' || choice.bound !== bound) throw new Error('replay diverged');
          return choice.value;
        },
      };
      update(lattice, source);
      if (needed === null) {
        matrix[start * states + indexOf(lattice.spins)] += weight;
        return;
      }
      const next = needed as { kind: 'word' } | { kind: 'int'; bound: number };
      if (next.kind === 'word') {
        for (let cell = 0; cell + 1 < cuts.length; cell++) {
          explore([...prefix, { kind: 'word', cell }], weight * (cuts[cell + 1] - cuts[cell]));
        }
      } else {
        for (let value = 0; value < next.bound; value++) {
          explore([...prefix, { kind: 'int', value, bound: next.bound }], weight / next.bound);
        }
      }
    };
    explore([], 1);
  }
  return matrix;
}

/** C = A·B for square row-major matrices of side n. */
export function multiplyMatrices(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return c;
}

/** max_j |(πP)_j − π_j|. */
export function stationarityError(pi: Float64Array, matrix: Float64Array): number {
  const n = pi.length;
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pi[i] * matrix[i * n + j];
    worst = Math.max(worst, Math.abs(sum - pi[j]));
  }
  return worst;
}

/** max_{a,b} |π_a P_ab − π_b P_ba|. */
export function detailedBalanceError(pi: Float64Array, matrix: Float64Array): number {
  const n = pi.length;
  let worst = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      worst = Math.max(worst, Math.abs(pi[a] * matrix[a * n + b] - pi[b] * matrix[b * n + a]));
  return worst;
}

/** max_a |Σ_b P_ab − 1|. */
export function rowSumError(matrix: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0; a < n; a++) {
    let sum = 0;
    for (let b = 0; b < n; b++) sum += matrix[a * n + b];
    worst = Math.max(worst, Math.abs(sum - 1));
  }
  return worst;
}
