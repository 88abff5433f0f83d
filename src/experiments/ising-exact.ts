/**
 * Experiment `ising-exact`: exact thermodynamics of a small Ising lattice at one temperature,
 * each number computed by two independent exact methods that must agree to 1e-10.
 *
 * Methods:
 * - exact enumeration of all 2^N states in Gray-code order (`isingDensityOfStates`, N ≤ 25);
 * - a row-by-row transfer matrix over (row configuration, number of up spins) that carries, per
 *   state, the log of its weight and the mean and variance of its energy (`isingRowTransfer` of
 *   `exact/`): exact ln Z, P(M), ⟨E⟩ and Var(E) for 2D lattices of width ≤ 6 and chains of ≤ 1024;
 * - Kaufman's partition function of the periodic torus (2D, h = 0): ln Z, E, C;
 * - the 1D eigenvalue transfer matrix (any chain): ln Z, E, C, ⟨m⟩.
 * The first method that applies gives the metrics; every other one is checked against it (for a
 * chain longer than 25 only the row transfer matrix gives |m|, χ and U: the report says so). With
 * L = 4, T = 2 (2D, periodic, J = 1, h = 0) the published values of REFERENCES.md are checked too.
 * The plots are built in `ising-exact-report.ts`.
 */
import { z } from 'zod';
import {
  type ExactIsingObservables,
  exactIsingObservables,
  type IsingDensityOfStates,
  isingChainTransferMatrix,
  isingDensityOfStates,
  isingRowTransfer,
  kaufmanIsing,
  MAX_ROW_TRANSFER_CHAIN,
} from '../exact/index.js';
import { type IsingModel, isingModel } from '../models/ising/index.js';
import { type Check, defineExperiment, type ReferenceValue } from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import { curvePlots, infiniteLattice, magnetizationDistributionPlot } from './ising-exact-report.js';

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

/** The experiment `ising-exact` (see the module comment). */
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
    plots.push(magnetizationDistributionPlot(rowTransfer.magnetizationDistribution, model.sites, T));
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
