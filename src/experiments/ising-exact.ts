/**
 * Experiment `ising-exact`: exact thermodynamics of a small Ising lattice at one temperature,
 * each number computed by two independent exact methods that must agree to 1e-10.
 *
 * Methods:
 * - exact enumeration of all 2^N states in Gray-code order (`isingDensityOfStates`, N ≤ 25);
 * - a row-by-row transfer matrix over (row configuration, number of up spins) that carries, per
 *   state, the log of its weight and the mean and variance of its energy (`isingRowTransfer`,
 *   below): exact ln Z, P(M), ⟨E⟩ and Var(E) for 2D lattices of width ≤ 6 and chains of ≤ 1024;
 * - Kaufman's partition function of the periodic torus (2D, h = 0): ln Z, E, C;
 * - the 1D eigenvalue transfer matrix (any chain): ln Z, E, C, ⟨m⟩.
 * The first method that applies gives the metrics; every other one is checked against it (for a
 * chain longer than 25 only the row transfer matrix gives |m|, χ and U: the report says so). With
 * L = 4, T = 2 (2D, periodic, J = 1, h = 0) the published values of REFERENCES.md are checked too.
 */
import { z } from 'zod';
import {
  CRITICAL_TEMPERATURE,
  type ExactIsingObservables,
  exactIsingObservables,
  type IsingDensityOfStates,
  isingChainTransferMatrix,
  isingDensityOfStates,
  kaufmanIsing,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from '../exact/index.js';
import { type IsingModel, type IsingModelOptions, isingModel } from '../models/ising/index.js';
import { toIsingModel } from '../models/ising/model.js';
import { type Check, defineExperiment, type ReferenceValue } from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import type { LinePlotSpec, PlotSeries } from './framework/plot-spec.js';

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

  /** Adds every state after the last row (closed onto `closeTo` when periodic) to `byUp` and `all`. */
  let current = new WeightedGroups(configs * columns);
  let next = new WeightedGroups(configs * columns);
  const byUp = new WeightedGroups(columns); // for P(M)
  const all = new WeightedGroups(1); // for ln Z, ⟨E⟩, Var(E)
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
    binder: 1 - fourth / (3 * second * second),
  };
}

/** The metrics of `ising-exact`, in display order, with the `ExactIsingObservables` field behind each. */
const metricFields = {
  energyPerSpin: 'energyPerSpin',
  absMagnetization: 'absMagnetizationPerSpin',
  magnetization: 'magnetizationPerSpin',
  specificHeat: 'specificHeat',
  susceptibility: 'susceptibility',
  binder: 'binder',
  logPartitionFunction: 'logPartitionFunction',
  freeEnergyPerSpin: 'freeEnergyPerSpin',
  entropyPerSpin: 'entropyPerSpin',
} as const satisfies Record<string, keyof ExactIsingObservables>;
type ExactMetric = keyof typeof metricFields;

/** An exact method's values for the metrics it can compute. */
interface MethodValues {
  name: string;
  values: Partial<Record<ExactMetric | 'susceptibilityFromSecondMoment', number>>;
}

/** Two exact methods agree when they differ by at most this, times max(1, |value|). */
export const EXACT_AGREEMENT = 1e-10;

/** REFERENCES.md: full enumeration of the periodic 4 × 4 lattice at T = 2 (J = 1, h = 0). */
const published4x4 = {
  energyPerSpin: -1.75538028878,
  absMagnetization: 0.918943267402,
  logPartitionFunction: 17.105367118732,
};

/** Kaufman's values where the formula applies (periodic 2D, h = 0, J ≠ 0 with even sides if J < 0, |J|/T ≤ 100). */
function kaufmanValues(model: IsingModel, temperature: number): MethodValues | undefined {
  const { coupling, field, width } = model;
  if (model.dimension !== 2 || model.boundary !== 'periodic' || field !== 0 || coupling === 0)
    return undefined;
  // An antiferromagnet on a bipartite torus (even sides) has the ferromagnet's Z with |J|.
  if (coupling < 0 && width % 2 === 1) return undefined;
  if (Math.abs(coupling) / temperature > 100) return undefined;
  const k = kaufmanIsing({ width, temperature, coupling: Math.abs(coupling) });
  return {
    name: 'Kaufman (1949), periodic torus',
    values: {
      energyPerSpin: k.energyPerSpin,
      specificHeat: k.specificHeat,
      logPartitionFunction: k.logPartitionFunction,
      freeEnergyPerSpin: k.freeEnergyPerSpin,
      entropyPerSpin: k.entropyPerSpin,
    },
  };
}

function pick(observables: ExactIsingObservables, name: string): MethodValues {
  const values: MethodValues['values'] = {};
  for (const [metric, fieldName] of Object.entries(metricFields))
    values[metric as ExactMetric] = observables[fieldName];
  values.susceptibilityFromSecondMoment = observables.susceptibilityFromSecondMoment;
  return { name, values };
}

/** A temperature grid of `count` points on [low, high]. */
function grid(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

export const isingExact = defineExperiment({
  name: 'ising-exact',
  title: 'Exact thermodynamics of a small Ising lattice, by independent exact methods',
  description:
    'Energy, |m|, specific heat, susceptibility, Binder cumulant, ln Z, free energy and entropy per spin of a ' +
    '2D (L ≤ 5) or 1D (L ≤ 1024) Ising lattice at temperature T, computed exactly: by enumeration of all 2^N states ' +
    '(N ≤ 25), by a row transfer matrix over (row, up spins) with exact energy moments, by Kaufman’s formula ' +
    '(periodic 2D, h = 0) and by the 1D eigenvalue transfer matrix. Every pair of methods must agree to 1e-10 ' +
    '(relative above 1); at L = 4, T = 2 the published 4 × 4 values are checked too. The plots compare the ' +
    'lattice’s exact E(T), C(T) and |m|(T) with the infinite lattice (Onsager, Yang; the infinite chain in 1D).',
  params: z.object({
    L: z
      .number()
      .int()
      .min(2)
      .max(MAX_ROW_TRANSFER_CHAIN)
      .default(4)
      .describe('side (2D, at most 5) or chain length (1D)'),
    T: z.number().min(0.02).max(1000).default(2).describe('temperature T (k_B = 1)'),
    J: z.number().min(-5).max(5).default(1).describe('coupling J (J > 0 ferromagnetic)'),
    h: z.number().min(-5).max(5).default(0).describe('external field h'),
    dimension: z.number().int().min(1).max(2).default(2).describe('1 for a chain, 2 for a square lattice'),
    boundary: z.enum(['periodic', 'open']).default('periodic').describe('boundary condition'),
  }),
  metrics: {
    energyPerSpin: { description: 'internal energy per spin u = ⟨E⟩/N', unit: 'J' },
    absMagnetization: { description: '⟨|m|⟩, m = M/N' },
    magnetization: { description: '⟨m⟩ (0 in zero field on a finite lattice)' },
    specificHeat: { description: 'specific heat per spin C = Var(E)/(N T²)' },
    susceptibility: { description: 'χ = N(⟨m²⟩ − ⟨|m|⟩²)/T, per spin' },
    binder: { description: 'Binder cumulant U = 1 − ⟨m⁴⟩/(3⟨m²⟩²)' },
    logPartitionFunction: { description: 'ln Z' },
    freeEnergyPerSpin: { description: 'free energy per spin f = −T ln Z / N', unit: 'J' },
    entropyPerSpin: { description: 'entropy per spin s = (u − f)/T' },
    methodDisagreement: {
      description:
        'largest difference between two exact methods over all quantities, divided by max(1, |value|)',
    },
  },
  tour: { L: 4, T: 2, dimension: 2 },
  async run(params, context) {
    const { L, T, J, h, dimension, boundary } = params;
    if (dimension === 2 && L > 5) {
      throw new ParameterError(
        `parameter "L" of ising-exact must be ≤ 5 for a 2D lattice (enumeration of 2^(L²) states; 5 × 5 is 2^25); ` +
          `got ${L}. For larger periodic lattices run "ising", whose reference is Kaufman’s exact formula`,
      );
    }
    const model = isingModel({ dimension: dimension as 1 | 2, length: L, coupling: J, field: h, boundary });
    const methods: MethodValues[] = [];
    let densityOfStates: IsingDensityOfStates | undefined;
    if (model.sites <= 25) {
      densityOfStates = isingDensityOfStates(model);
      methods.push(pick(exactIsingObservables(densityOfStates, T), 'exact enumeration (Gray code)'));
    }
    context.progress(1, 3, 'enumeration');
    const rowTransfer = isingRowTransfer(model, T);
    methods.push(pick(rowTransfer, 'row transfer matrix over (row, up spins)'));
    context.progress(2, 3, 'transfer matrix');
    const kaufman = kaufmanValues(model, T);
    if (kaufman !== undefined) methods.push(kaufman);
    if (dimension === 1) {
      const chain = isingChainTransferMatrix({ length: L, temperature: T, coupling: J, field: h, boundary });
      methods.push({
        name: '1D transfer matrix (eigenvalues)',
        values: {
          energyPerSpin: chain.energyPerSpin,
          magnetization: chain.magnetizationPerSpin,
          specificHeat: chain.specificHeat,
          logPartitionFunction: chain.logPartitionFunction,
          freeEnergyPerSpin: chain.freeEnergyPerSpin,
          entropyPerSpin: chain.entropyPerSpin,
          susceptibilityFromSecondMoment: chain.susceptibilityFromSecondMoment,
        },
      });
    }
    const [primary, ...others] = methods;
    const metrics: Record<string, number> = {};
    for (const metric of Object.keys(metricFields) as ExactMetric[])
      metrics[metric] = primary.values[metric] as number;
    const tolerance = (value: number) => EXACT_AGREEMENT * Math.max(1, Math.abs(value));
    const checks: Check[] = [];
    const reference: Record<string, ReferenceValue> = { method: primary.name };
    let disagreement = 0;
    const rows: Array<Array<string | number>> = [];
    for (const other of others) {
      for (const [quantity, value] of Object.entries(other.values)) {
        const mine = primary.values[quantity as ExactMetric] as number;
        disagreement = Math.max(disagreement, Math.abs(mine - value) / Math.max(1, Math.abs(value)));
        rows.push([other.name, quantity, value, mine - value]);
        if (quantity in metricFields) {
          checks.push({ metric: quantity, reference: value, tolerance: tolerance(value), kind: 'absolute' });
          // The reference shown next to a metric: the last independent method that computes it.
          reference[quantity] = value;
        }
      }
    }
    reference.referenceMethods = others.map((other) => other.name).join('; ');
    const single = (Object.keys(metricFields) as ExactMetric[]).filter(
      (metric) => !others.some((other) => metric in other.values),
    );
    if (single.length > 0) reference.singleMethod = `${single.join(', ')}: computed by ${primary.name} only`;
    if (model.dimension === 2 && boundary === 'periodic' && h === 0 && J !== 0 && kaufman === undefined) {
      reference.kaufman = 'not applied: |J|/T > 100, or an antiferromagnet on an odd (frustrated) torus';
    }
    if (dimension === 2 && L === 4 && T === 2 && J === 1 && h === 0 && boundary === 'periodic') {
      for (const [metric, value] of Object.entries(published4x4)) {
        checks.push({ metric, reference: value, tolerance: 1e-10, kind: 'absolute' });
        reference[`published${metric[0].toUpperCase()}${metric.slice(1)}`] = value;
      }
      reference.published = 'REFERENCES.md: enumeration of the periodic 4 × 4 lattice at T = 2 (2^16 states)';
    }
    metrics.methodDisagreement = disagreement;
    checks.push({ metric: 'methodDisagreement', reference: 0, tolerance: EXACT_AGREEMENT, kind: 'absolute' });
    const infinite = infiniteLattice(model);
    if (infinite !== undefined) {
      reference.infiniteLattice = infinite.name;
      reference.infiniteEnergyPerSpin = infinite.energy(T);
      reference.infiniteSpecificHeat = infinite.specificHeat(T);
      if (infinite.magnetization) reference.infiniteAbsMagnetization = infinite.magnetization(T);
    }
    const plots = curvePlots(model, T, densityOfStates, infinite);
    const distribution = rowTransfer.magnetizationDistribution;
    plots.push({
      kind: 'line',
      title: `Exact distribution of the magnetisation at T = ${T}`,
      caption: 'P(m) from the row transfer matrix: two peaks at ±m below T_c, one at 0 above it.',
      x: { title: 'm = M/N' },
      y: { title: 'P(m)' },
      points: true,
      series: [
        {
          name: 'P(m)',
          x: Array.from(distribution, (_, u) => (2 * u - model.sites) / model.sites),
          y: Array.from(distribution),
        },
      ],
    });
    context.progress(3, 3, 'done');
    return {
      metrics,
      reference,
      checks,
      plots,
      tables: [
        {
          title: 'Independent exact methods against the primary one',
          columns: ['method', 'quantity', 'value', 'primary − value'],
          rows,
        },
      ],
    };
  },
});

/** The infinite-lattice curves: Onsager and Yang in 2D (h = 0, J ≠ 0), the infinite chain in 1D. */
interface InfiniteLattice {
  /** What the curves are, for the reference block. */
  name: string;
  /** Legend of the energy and specific-heat curves. */
  label: string;
  energy(temperature: number): number;
  specificHeat(temperature: number): number;
  magnetization?: (temperature: number) => number;
}

function infiniteLattice(model: IsingModel): InfiniteLattice | undefined {
  const { coupling, field } = model;
  if (model.dimension === 1) {
    // A ring of 2^40 spins: its per-spin values are the infinite chain's to rounding.
    const chain = (temperature: number) =>
      isingChainTransferMatrix({ length: 2 ** 40, temperature, coupling, field });
    return {
      name: 'infinite chain (transfer matrix, N → ∞)',
      label: 'infinite chain',
      energy: (temperature) => chain(temperature).energyPerSpin,
      specificHeat: (temperature) => chain(temperature).specificHeat,
    };
  }
  if (field !== 0 || coupling === 0) return undefined;
  const magnitude = Math.abs(coupling);
  return {
    name:
      coupling > 0
        ? 'infinite lattice: Onsager (energy, specific heat), Yang (magnetisation)'
        : 'infinite lattice: Onsager with |J| (an antiferromagnet on the square lattice has the same E and C)',
    label: 'Onsager, L → ∞',
    energy: (temperature) => onsagerEnergyPerSpin(temperature, magnitude),
    specificHeat: (temperature) => onsagerSpecificHeat(temperature, magnitude),
    magnetization: coupling > 0 ? (temperature) => yangMagnetization(temperature, magnitude) : undefined,
  };
}

/** E(T), C(T) and |m|(T) of the lattice (exact) against the infinite lattice, with the chosen T marked. */
function curvePlots(
  model: IsingModel,
  temperature: number,
  densityOfStates: IsingDensityOfStates | undefined,
  infinite: InfiniteLattice | undefined,
): LinePlotSpec[] {
  const scale =
    Math.max(Math.abs(model.coupling), Math.abs(model.field), 0.1) *
    (model.dimension === 2 ? CRITICAL_TEMPERATURE : 1);
  const temperatures = grid(0.05 * scale, Math.max(2.5 * scale, 1.2 * temperature), 160);
  // The lattice's curves: enumeration is cheap at every T; a long chain uses the transfer matrix.
  const lattice = temperatures.map((t) => {
    if (densityOfStates !== undefined) {
      const o = exactIsingObservables(densityOfStates, t);
      return { energy: o.energyPerSpin, specificHeat: o.specificHeat, abs: o.absMagnetizationPerSpin };
    }
    const chain = isingChainTransferMatrix({
      length: model.width,
      temperature: t,
      coupling: model.coupling,
      field: model.field,
      boundary: model.boundary,
    });
    return { energy: chain.energyPerSpin, specificHeat: chain.specificHeat, abs: Number.NaN };
  });
  const label = `${model.dimension === 2 ? `${model.width} × ${model.height}` : `chain of ${model.width}`} (exact)`;
  const plot = (
    title: string,
    axis: string,
    unit: string | undefined,
    values: number[],
    curve: ((t: number) => number) | undefined,
    curveName: string,
  ): LinePlotSpec => {
    const series: PlotSeries[] = [{ name: label, x: temperatures, y: values }];
    if (curve !== undefined) series.push({ name: curveName, x: temperatures, y: temperatures.map(curve) });
    // The chosen temperature as a vertical line across the lattice's curve.
    const finite = values.filter(Number.isFinite);
    series.push({
      name: `T = ${temperature}`,
      x: [temperature, temperature],
      y: [Math.min(...finite), Math.max(...finite)],
    });
    return {
      kind: 'line',
      title,
      x: { title: 'temperature T', unit: 'J' },
      y: { title: axis, unit },
      series,
    };
  };
  const plots = [
    plot(
      'Energy per spin against temperature',
      'u = ⟨E⟩/N',
      'J',
      lattice.map((o) => o.energy),
      infinite?.energy,
      infinite?.label ?? '',
    ),
    plot(
      'Specific heat per spin against temperature',
      'C',
      undefined,
      lattice.map((o) => o.specificHeat),
      infinite?.specificHeat,
      infinite?.label ?? '',
    ),
  ];
  plots[1].caption =
    model.dimension === 2
      ? 'The finite lattice’s rounded peak against the infinite lattice’s logarithmic divergence at T_c = 2.269 J.'
      : 'A chain has no phase transition: C(T) is smooth (Schottky-like) for every length.';
  if (densityOfStates !== undefined) {
    plots.push(
      plot(
        'Mean |m| against temperature',
        '⟨|m|⟩',
        undefined,
        lattice.map((o) => o.abs),
        infinite?.magnetization,
        'Yang, L → ∞',
      ),
    );
  }
  return plots;
}
