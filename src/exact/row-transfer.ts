/**
 * Exact thermodynamics of a small Ising lattice by a transfer matrix over rows that carries the
 * whole distribution of the magnetisation: the states are (configuration of the last row, number
 * of up spins so far), and each holds the log of its total weight with the mean and variance of
 * its energy. So ln Z, ⟨E⟩, Var(E) and P(M) — hence ⟨|m|⟩, χ and the Binder cumulant, which the
 * 1D eigenvalue transfer matrix cannot give — come out exact to rounding at any temperature, for
 * 2D lattices of width ≤ 6 and chains of up to 1024 spins (beyond exact enumeration's 25 spins).
 *
 * ```ts
 * const chain = isingRowTransfer({ dimension: 1, length: 500, field: 0.05 }, 0.9);
 * chain.binder;                        // from P(M), exact
 * chain.magnetizationDistribution;     // P(M) for M = −N, −N + 2, …, N
 * ```
 */
import type { IsingModel, IsingModelOptions } from '../models/ising/model.js';
import { toIsingModel } from '../models/ising/model.js';
import type { ExactIsingObservables } from './thermodynamics.js';

/** Longest chain `isingRowTransfer` accepts (its cost grows as L²). */
export const MAX_ROW_TRANSFER_CHAIN = 1024;
/** Widest 2D row `isingRowTransfer` accepts (2^width row configurations). */
export const MAX_ROW_TRANSFER_WIDTH = 6;

/** Exact observables with the whole distribution of the magnetisation. */
export interface RowTransferIsing extends ExactIsingObservables {
  /** P(M) for M = −N, −N + 2, …, N: entry u is the probability of u up spins, M = 2u − N. */
  magnetizationDistribution: Float64Array;
}

/**
 * Groups of configurations, each with its total weight and the mean and variance of its energy.
 * Carrying central moments (not Σw·E²) keeps Var(E) free of cancellation; carrying each weight
 * as `e^{reference}·relative` keeps every group, however improbable for now, so a frustrated
 * lattice whose best configurations look bad halfway through is still summed exactly.
 */
class WeightedGroups {
  readonly reference: Float64Array;
  readonly relative: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;

  constructor(size: number) {
    this.reference = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    this.relative = new Float64Array(size);
    this.mean = new Float64Array(size);
    this.variance = new Float64Array(size);
  }

  /** Empties groups [start, end). */
  clear(start: number, end: number): void {
    this.reference.fill(Number.NEGATIVE_INFINITY, start, end);
  }

  /** ln of the total weight of group i (−∞ when empty). */
  logWeight(i: number): number {
    return this.reference[i] === Number.NEGATIVE_INFINITY
      ? this.reference[i]
      : this.reference[i] + Math.log(this.relative[i]);
  }

  /** Adds configurations of total weight e^{logWeight}, energy mean and variance, to group i (Chan's update). */
  add(i: number, logWeight: number, mean: number, variance: number): void {
    const reference = this.reference[i];
    if (reference === Number.NEGATIVE_INFINITY) {
      this.reference[i] = logWeight;
      this.relative[i] = 1;
      this.mean[i] = mean;
      this.variance[i] = variance;
      return;
    }
    let a = this.relative[i];
    let b = 1;
    if (logWeight <= reference) b = Math.exp(logWeight - reference);
    else {
      a *= Math.exp(reference - logWeight);
      this.reference[i] = logWeight;
    }
    const total = a + b;
    const delta = mean - this.mean[i];
    this.mean[i] += (delta * b) / total;
    this.variance[i] =
      (a * this.variance[i] + b * variance) / total + (delta * delta * a * b) / (total * total);
    this.relative[i] = total;
  }
}

/**
 * Exact thermodynamics of a small Ising lattice by a transfer matrix over rows. Row r + 1 is
 * appended to every (configuration of row r, up spins so far) state with the Boltzmann weight
 * e^{−e/T} of its bonds and field; each state carries its log weight and the mean and variance of
 * the energy it sums, so ln Z, ⟨E⟩, Var(E) and the whole distribution P(M) come out exact to
 * rounding at any temperature, with no derivative taken. A periodic lattice fixes the first row
 * and closes the last onto it. Bonds are counted as in `IsingModel` (double bonds on a periodic
 * side of 2). Cost: one exponential per transition, 2D about 4^width · N per first row (periodic:
 * 2^width first rows), 1D about 4·L² (a chain of 1024 spins takes about 0.3 s).
 *
 * @param model a chain of at most `MAX_ROW_TRANSFER_CHAIN` spins, or a 2D lattice of width ≤ 6 and
 *   height ≤ 64.
 */
export function isingRowTransfer(
  model: IsingModel | IsingModelOptions,
  temperature: number,
): RowTransferIsing {
  const where = 'isingRowTransfer';
  const checked = toIsingModel(model);
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || !(temperature > 0)) {
    throw new RangeError(`${where}: temperature must be a finite number > 0, got ${String(temperature)}`);
  }
  const { dimension, width, height, sites, coupling, field } = checked;
  if (dimension === 1 && width > MAX_ROW_TRANSFER_CHAIN) {
    throw new RangeError(`${where}: a chain may have at most ${MAX_ROW_TRANSFER_CHAIN} spins, got ${width}`);
  }
  if (dimension === 2 && (width > MAX_ROW_TRANSFER_WIDTH || height > 64)) {
    throw new RangeError(
      `${where}: a 2D lattice may have width ≤ ${MAX_ROW_TRANSFER_WIDTH} and height ≤ 64, got ${width} × ${height}`,
    );
  }
  const periodic = checked.boundary === 'periodic';
  const rowWidth = dimension === 2 ? width : 1;
  const rows = dimension === 2 ? height : width;
  const configs = 1 << rowWidth;
  const spin = (c: number, x: number) => ((c >> x) & 1 ? 1 : -1);
  const up = new Int32Array(configs);
  const ownEnergy = new Float64Array(configs); // bonds inside the row and the field on it
  for (let c = 0; c < configs; c++) {
    let bonds = 0;
    for (let x = 0; x < rowWidth; x++) {
      if (spin(c, x) > 0) up[c]++;
      // A 2D row bonds x to x + 1, and (periodic) its last site to its first.
      if (dimension === 2 && (x < rowWidth - 1 || periodic))
        bonds += spin(c, x) * spin(c, (x + 1) % rowWidth);
    }
    ownEnergy[c] = -coupling * bonds - field * (2 * up[c] - rowWidth);
  }
  const linkEnergy = new Float64Array(configs * configs); // bonds between consecutive rows c, d
  for (let c = 0; c < configs; c++) {
    for (let d = 0; d < configs; d++) {
      let sum = 0;
      for (let x = 0; x < rowWidth; x++) sum += spin(c, x) * spin(d, x);
      linkEnergy[c * configs + d] = -coupling * sum;
    }
  }
  const columns = sites + 1;
  const beta = 1 / temperature;

  let current = new WeightedGroups(configs * columns);
  let next = new WeightedGroups(configs * columns);
  const byUp = new WeightedGroups(columns); // for P(M)
  const all = new WeightedGroups(1); // for ln Z, ⟨E⟩, Var(E)
  /**
   * Runs the rows from the first-row configurations `starts` and adds every final state (closed
   * onto `closeTo` when periodic) to `byUp` and `all`.
   */
  const pass = (starts: readonly number[], closeTo: number | undefined): void => {
    current.clear(0, configs * columns);
    for (const c of starts) current.add(c * columns + up[c], -beta * ownEnergy[c], ownEnergy[c], 0);
    for (let r = 1; r < rows; r++) {
      const highest = r * rowWidth; // up spins among the r rows so far
      for (let d = 0; d < configs; d++) next.clear(d * columns, d * columns + highest + rowWidth + 1);
      for (let c = 0; c < configs; c++) {
        for (let u = 0; u <= highest; u++) {
          const source = c * columns + u;
          const logWeight = current.logWeight(source);
          if (logWeight === Number.NEGATIVE_INFINITY) continue;
          const mean = current.mean[source];
          const variance = current.variance[source];
          for (let d = 0; d < configs; d++) {
            const e = linkEnergy[c * configs + d] + ownEnergy[d];
            next.add(d * columns + u + up[d], logWeight - beta * e, mean + e, variance);
          }
        }
      }
      [current, next] = [next, current];
    }
    for (let c = 0; c < configs; c++) {
      const e = closeTo === undefined ? 0 : linkEnergy[c * configs + closeTo];
      for (let u = 0; u <= sites; u++) {
        const source = c * columns + u;
        const logWeight = current.logWeight(source);
        if (logWeight === Number.NEGATIVE_INFINITY) continue;
        byUp.add(u, logWeight - beta * e, current.mean[source] + e, current.variance[source]);
        all.add(0, logWeight - beta * e, current.mean[source] + e, current.variance[source]);
      }
    }
  };
  if (periodic) for (let c0 = 0; c0 < configs; c0++) pass([c0], c0);
  else
    pass(
      Array.from({ length: configs }, (_, c) => c),
      undefined,
    );
  const logPartitionFunction = all.logWeight(0);
  const distribution = Float64Array.from({ length: columns }, (_, u) =>
    Math.exp(byUp.logWeight(u) - logPartitionFunction),
  );
  const energyPerSpin = all.mean[0] / sites;
  const freeEnergyPerSpin = (-temperature * logPartitionFunction) / sites;
  return {
    ...magnetizationMoments(distribution, sites, temperature),
    temperature,
    sites,
    logPartitionFunction,
    freeEnergyPerSpin,
    entropyPerSpin: (energyPerSpin - freeEnergyPerSpin) / temperature,
    energyPerSpin,
    specificHeat: all.variance[0] / (sites * temperature * temperature),
    magnetizationDistribution: distribution,
  };
}

/** Moments of m = M/N from P(M) (entry u: M = 2u − N), variances taken about the mean. */
function magnetizationMoments(distribution: Float64Array, sites: number, temperature: number) {
  const expect = (f: (m: number) => number) => {
    let sum = 0;
    for (let u = 0; u <= sites; u++) sum += distribution[u] * f((2 * u - sites) / sites);
    return sum;
  };
  const mean = expect((m) => m);
  const absMean = expect(Math.abs);
  const second = expect((m) => m * m);
  const fourth = expect((m) => m ** 4);
  return {
    magnetizationPerSpin: mean,
    absMagnetizationPerSpin: absMean,
    secondMoment: second,
    fourthMoment: fourth,
    susceptibility: (sites * expect((m) => (Math.abs(m) - absMean) ** 2)) / temperature,
    susceptibilityFromSecondMoment: (sites * second) / temperature,
    susceptibilityConnected: (sites * expect((m) => (m - mean) ** 2)) / temperature,
    // Divided in two steps so a vanishing ⟨m²⟩ cannot overflow to −∞.
    binder: 1 - fourth / second / (3 * second),
  };
}
