/**
 * Experiment `partition-function` (seed 004): log Z of one small spin system three ways, by the
 * exact sum over all 2^N configurations, by annealed importance sampling (AIS) and by
 * thermodynamic integration (TI), with the free energy and entropy per spin that follow.
 *
 * - Exact: a streaming log-sum-exp over the enumeration (N ≤ 27), also giving ⟨E⟩(β) along the
 *   whole integration path.
 * - AIS: chains anneal from β = 0 (uniform spins, log Z₀ = N ln 2) to β; log Ẑ is N ln 2 plus the
 *   log-mean-exp of their log weights, with the delta-method error and the effective sample
 *   size. The chains run in twenty groups, so a jackknife over the groups gives the error of the
 *   entropy (⟨E⟩ comes from the weighted final states) and a second opinion on that of log Ẑ.
 *   Shorter anneals show how log Ẑ converges with the number of intermediate distributions:
 *   too few, and it is biased low (Jensen: E[log Ẑ] ≤ log Z).
 * - TI: log Z(β) = N ln 2 − ∫₀^β ⟨E⟩ dβ′ with Monte Carlo ⟨E⟩ at quadrature nodes. Its error bar
 *   is statistical only; the quadrature error, measured here by applying the same rule to the
 *   exact ⟨E⟩, must be smaller (a check).
 */
import { z } from 'zod';
import { fold, type Key, split } from '../core/random/index.js';
import {
  edwardsAnderson,
  edwardsAndersonFromCouplings,
  type SpinSystem,
  sherringtonKirkpatrick,
} from '../models/spin-glass/index.js';
import {
  annealedImportanceSampling,
  entropyPerSpin,
  exactThermodynamics,
  freeEnergyPerSpin,
  gaussLegendreRule,
  logMeanExp,
  simpsonRule,
  thermodynamicIntegration,
} from '../partition/index.js';
import { type Check, defineExperiment, type MetricValue } from './framework/define.js';
import {
  type ConvergencePoint,
  type ExactRecord,
  partitionFunctionPlots,
  type TiRecord,
} from './partition-function-report.js';

/** Largest system: the exact sum visits 2^26 configurations per β at N = 27 (about 1.5 s per β). */
const MAX_EXACT_SPINS = 27;
/** AIS chains run in this many groups, for the jackknife. */
const AIS_GROUPS = 20;

type Model = 'sk' | 'ea2d' | 'ea3d' | 'ferromagnet2d';

interface AisGroup {
  logWeights: number[];
  meanEnergy: number;
}

interface PartitionState {
  exact?: ExactRecord;
  groups: AisGroup[];
  convergence: ConvergencePoint[];
  ti?: TiRecord;
}

function spinCount(model: Model, size: number, length: number): number {
  return model === 'sk' ? size : length ** (model === 'ea3d' ? 3 : 2);
}

/** The system: SK, EA, or the periodic 2D Ising ferromagnet (all J = 1), in a uniform field. */
function buildSystem(
  model: Model,
  size: number,
  length: number,
  couplings: 'gaussian' | 'bimodal',
  field: number,
  key: Key,
): SpinSystem {
  if (model === 'sk')
    return sherringtonKirkpatrick({ size, key, couplingDistribution: couplings, fields: field });
  if (model === 'ferromagnet2d') {
    const bonds = new Float64Array(2 * length * length).fill(1);
    return edwardsAndersonFromCouplings({ dimension: 2, length, latticeCouplings: bonds, fields: field });
  }
  return edwardsAnderson({
    dimension: model === 'ea2d' ? 2 : 3,
    length,
    key,
    couplingDistribution: couplings,
    fields: field,
  });
}

/** Shorter anneals for the convergence plot: K/64, K/32, …, K/2 steps (distinct, ≥ 1). */
function convergenceSteps(steps: number): number[] {
  const values = [64, 32, 16, 8, 4, 2].map((divisor) => Math.max(1, Math.round(steps / divisor)));
  return [...new Set(values)].filter((value) => value < steps);
}

/** Chain counts of the AIS groups: as equal as possible, summing to `chains`. */
function groupSizes(chains: number): number[] {
  return Array.from(
    { length: AIS_GROUPS },
    (_, g) => Math.floor(((g + 1) * chains) / AIS_GROUPS) - Math.floor((g * chains) / AIS_GROUPS),
  );
}

/** Jackknife standard error of an estimate from its leave-one-out replicates. */
function jackknifeError(replicates: number[]): number {
  const count = replicates.length;
  const mean = replicates.reduce((sum, value) => sum + value, 0) / count;
  const squares = replicates.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return Math.sqrt(((count - 1) / count) * squares);
}

/** AIS log Ẑ, its delta-method error, ESS, ⟨E⟩, and jackknife errors over the groups. */
function combineGroups(groups: AisGroup[], size: number, beta: number) {
  const all = groups.flatMap((group) => group.logWeights);
  const chains = all.length;
  const maximum = Math.max(...all);
  let sum = 0;
  let squares = 0;
  for (const value of all) {
    const w = Math.exp(value - maximum);
    sum += w;
    squares += w * w;
  }
  const mean = sum / chains;
  const variance = Math.max(0, (squares - chains * mean * mean) / (chains - 1));
  const logZ = size * Math.LN2 + logMeanExp(all);
  // Group g: Σw and Σw·E (weights relative to the common maximum) and its chain count.
  const totals = groups.map((group) => {
    const weight = group.logWeights.reduce((s, value) => s + Math.exp(value - maximum), 0);
    return { weight, weightedEnergy: weight * group.meanEnergy, chains: group.logWeights.length };
  });
  const weightedEnergy = totals.reduce((s, total) => s + total.weightedEnergy, 0);
  const meanEnergy = weightedEnergy / sum;
  const replicates = totals.map((total) => {
    // Guard against a group holding all the weight: the replicate then says "no information".
    const weight = Math.max(sum - total.weight, Number.MIN_VALUE);
    const logZOut = size * Math.LN2 + maximum + Math.log(weight / (chains - total.chains));
    const energyOut = (weightedEnergy - total.weightedEnergy) / weight;
    return { logZ: logZOut, entropy: entropyPerSpin(energyOut, logZOut, beta, size) };
  });
  return {
    logZ,
    standardError: Math.sqrt(variance / chains) / mean,
    effectiveSampleSize: (sum * sum) / squares,
    meanEnergy,
    entropy: entropyPerSpin(meanEnergy, logZ, beta, size),
    entropyError: jackknifeError(replicates.map((replicate) => replicate.entropy)),
    jackknifeLogZError: jackknifeError(replicates.map((replicate) => replicate.logZ)),
    logWeights: all,
  };
}

/** (estimate − exact)/error; 0 for an exact match with no error. */
function inErrorBars(estimate: number, exact: number, error: number): number {
  const deviation = estimate - exact;
  if (error > 0) return deviation / error;
  return deviation === 0 ? 0 : Math.sign(deviation) * Number.MAX_VALUE;
}

export const partitionFunction = defineExperiment({
  name: 'partition-function',
  title: 'The partition function: exact sum, annealed importance sampling and thermodynamic integration',
  description:
    'log Z(β) of one small spin system (SK, EA 2D/3D or the 2D Ising ferromagnet, N ≤ 27) by the exact sum ' +
    'over all configurations, by annealed importance sampling from β = 0 (delta-method error, effective sample ' +
    'size, jackknife over twenty groups of chains) and by thermodynamic integration of the Monte Carlo ⟨E⟩ over β ' +
    '(batch-means errors). Free energy F/N = −log Z/(βN) and entropy S/N = (β⟨E⟩ + log Z)/N from each; both ' +
    'estimates are checked against the exact values within 4 error bars.',
  params: z
    .object({
      model: z
        .enum(['sk', 'ea2d', 'ea3d', 'ferromagnet2d'])
        .default('sk')
        .describe('sk, ea2d, ea3d (periodic spin-glass lattices) or ferromagnet2d (periodic, all J = 1)'),
      size: z
        .number()
        .int()
        .min(2)
        .max(MAX_EXACT_SPINS)
        .default(16)
        .describe('number of spins N of an SK system'),
      length: z.number().int().min(2).max(5).default(4).describe('side L of a lattice (N = L^d ≤ 27)'),
      couplings: z
        .enum(['gaussian', 'bimodal'])
        .default('gaussian')
        .describe('coupling law of SK and EA: Gaussian or ±J'),
      inverseTemperature: z
        .number()
        .positive()
        .max(5)
        .default(1)
        .describe('β = 1/T at which log Z is computed'),
      field: z.number().min(-2).max(2).default(0).describe('uniform external field h on every spin'),
      aisSteps: z
        .number()
        .int()
        .min(1)
        .max(100_000)
        .default(200)
        .describe('AIS intermediate distributions K (β ladder 0 < β₁ < … < β_K = β)'),
      aisChains: z.number().int().min(40).max(100_000).default(100).describe('AIS chains M'),
      aisSchedule: z.enum(['linear', 'geometric']).default('linear').describe('spacing of the AIS β ladder'),
      aisSweepsPerStep: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(1)
        .describe('Metropolis sweeps at each intermediate β'),
      tiNodes: z.number().int().min(1).max(64).default(16).describe('quadrature nodes of the β integral'),
      tiQuadrature: z
        .enum(['gauss-legendre', 'simpson'])
        .default('gauss-legendre')
        .describe('quadrature rule (Simpson needs an odd number ≥ 3 of nodes)'),
      tiSweeps: z
        .number()
        .int()
        .min(8)
        .max(1_000_000)
        .default(1000)
        .describe('recorded Metropolis sweeps per chain at each node (plus a quarter as burn-in)'),
      tiChains: z.number().int().min(1).max(64).default(4).describe('independent chains at each node'),
    })
    .refine((p) => spinCount(p.model, p.size, p.length) <= MAX_EXACT_SPINS, {
      path: ['length'],
      message: `gives too many spins for the exact sum: L^d must be ≤ ${MAX_EXACT_SPINS} (ea3d: L ≤ 3)`,
    })
    .refine((p) => p.tiQuadrature !== 'simpson' || (p.tiNodes >= 3 && p.tiNodes % 2 === 1), {
      path: ['tiNodes'],
      message: 'must be odd and ≥ 3 for the Simpson rule',
    }),
  metrics: {
    logPartitionFunctionExact: { description: 'log Z(β) by the exact sum over all 2^N configurations' },
    logPartitionFunctionAis: { description: 'log Z(β) by annealed importance sampling (delta-method error)' },
    logPartitionFunctionTi: { description: 'log Z(β) by thermodynamic integration (statistical error)' },
    aisDeviation: { description: '(AIS − exact)/error of log Z' },
    tiDeviation: { description: '(TI − exact)/error of log Z' },
    aisEffectiveSampleSize: { description: 'effective sample size (Σw)²/Σw² of the AIS weights, out of M' },
    aisJackknifeStandardError: {
      description: 'jackknife error of the AIS log Z over twenty groups of chains',
    },
    tiQuadratureError: {
      description: 'quadrature error of TI: the rule applied to the exact ⟨E⟩, minus exact log Z',
    },
    freeEnergyPerSpinExact: { description: 'F/N = −log Z/(βN), exact', unit: 'J' },
    freeEnergyPerSpinAis: { description: 'F/N from AIS', unit: 'J' },
    freeEnergyPerSpinTi: { description: 'F/N from TI', unit: 'J' },
    entropyPerSpinExact: { description: 'S/N = (β⟨E⟩ + log Z)/N, exact (k_B = 1)' },
    entropyPerSpinAis: { description: 'S/N from AIS (weighted final states; jackknife error)' },
    entropyPerSpinTi: { description: 'S/N from TI (⟨E⟩ at β and log Z combined)' },
    entropyAisDeviation: { description: '(AIS − exact)/error of S/N' },
    entropyTiDeviation: { description: '(TI − exact)/error of S/N' },
  },
  tour: { tiSweeps: 500 },
  async run(params, context) {
    const { model, inverseTemperature: beta, aisChains, aisSteps } = params;
    const [systemKey, aisKey, convergenceKey, tiKey] = split(context.key, 4);
    const system = buildSystem(model, params.size, params.length, params.couplings, params.field, systemKey);
    const n = system.size;
    const rule =
      params.tiQuadrature === 'simpson'
        ? simpsonRule(params.tiNodes, 0, beta)
        : gaussLegendreRule(params.tiNodes, 0, beta);
    const state = context.checkpoint.load<PartitionState>() ?? { groups: [], convergence: [] };
    const sizes = groupSizes(aisChains);
    const shorter = convergenceSteps(aisSteps);
    const total = 2 + AIS_GROUPS + shorter.length;
    const aisOptions = {
      system,
      inverseTemperature: beta,
      schedule: params.aisSchedule,
      sweepsPerStep: params.aisSweepsPerStep,
    };

    if (state.exact === undefined) {
      // A grid for the ⟨E⟩(β) curve, left out above N = 20, where each β costs 2^(N−1) exponentials
      // (the curve is then drawn through β and the TI nodes).
      const grid = n <= 20 ? Array.from({ length: 33 }, (_, k) => (beta * k) / 32) : [];
      const inverseTemperatures = [beta, ...rule.nodes, ...grid];
      const exact = exactThermodynamics(system, inverseTemperatures);
      state.exact = {
        inverseTemperatures,
        logPartitionFunctions: exact.map((point) => point.logPartitionFunction),
        meanEnergies: exact.map((point) => point.meanEnergy),
      };
      context.checkpoint.save(state);
    }
    context.progress(1, total, 'exact sum');
    for (let g = state.groups.length; g < AIS_GROUPS; g++) {
      const run = annealedImportanceSampling({
        ...aisOptions,
        steps: aisSteps,
        chains: sizes[g],
        key: fold(aisKey, g),
      });
      state.groups.push({ logWeights: Array.from(run.logWeights), meanEnergy: run.meanEnergy });
      context.checkpoint.save(state);
      context.progress(2 + g, total, `AIS group ${g + 1}/${AIS_GROUPS}`);
    }
    for (let k = state.convergence.length; k < shorter.length; k++) {
      const run = annealedImportanceSampling({
        ...aisOptions,
        steps: shorter[k],
        chains: aisChains,
        key: fold(convergenceKey, shorter[k]),
      });
      state.convergence.push({
        steps: shorter[k],
        logPartitionFunction: run.logPartitionFunction,
        standardError: run.standardError,
      });
      context.checkpoint.save(state);
      context.progress(2 + AIS_GROUPS + k, total, `AIS with K = ${shorter[k]}`);
    }
    if (state.ti === undefined) {
      const ti = thermodynamicIntegration({
        system,
        inverseTemperature: beta,
        nodes: params.tiNodes,
        quadrature: params.tiQuadrature,
        chains: params.tiChains,
        sweepsPerNode: params.tiSweeps,
        key: tiKey,
      });
      state.ti = {
        logPartitionFunction: ti.logPartitionFunction,
        standardError: ti.standardError,
        nodes: Array.from(ti.rule.nodes),
        weights: Array.from(ti.rule.weights),
        meanEnergies: Array.from(ti.meanEnergies),
        meanEnergyErrors: Array.from(ti.meanEnergyErrors),
        meanEnergy: ti.meanEnergy,
        meanEnergyError: ti.meanEnergyError,
      };
      context.checkpoint.save(state);
    }
    context.progress(total, total, 'thermodynamic integration');

    const exact = state.exact;
    const ti = state.ti;
    const exactLogZ = exact.logPartitionFunctions[0];
    const exactEnergy = exact.meanEnergies[0];
    const exactEntropy = entropyPerSpin(exactEnergy, exactLogZ, beta, n);
    const ais = combineGroups(state.groups, n, beta);
    // Quadrature error: the TI rule on the exact ⟨E⟩ at its nodes (entries 1 … nodes of the exact list).
    const quadratureLogZ = ti.weights.reduce((s, w, k) => s - w * exact.meanEnergies[1 + k], n * Math.LN2);
    const tiEntropy = entropyPerSpin(ti.meanEnergy, ti.logPartitionFunction, beta, n);
    const tiEntropyError = Math.hypot(beta * ti.meanEnergyError, ti.standardError) / n;
    const perSpinFree = (logZ: number) => freeEnergyPerSpin(logZ, beta, n);
    const metrics: Record<string, MetricValue> = {
      logPartitionFunctionExact: exactLogZ,
      logPartitionFunctionAis: { mean: ais.logZ, stderr: ais.standardError },
      logPartitionFunctionTi: { mean: ti.logPartitionFunction, stderr: ti.standardError },
      aisDeviation: inErrorBars(ais.logZ, exactLogZ, ais.standardError),
      tiDeviation: inErrorBars(ti.logPartitionFunction, exactLogZ, ti.standardError),
      aisEffectiveSampleSize: ais.effectiveSampleSize,
      aisJackknifeStandardError: ais.jackknifeLogZError,
      tiQuadratureError: quadratureLogZ - exactLogZ,
      freeEnergyPerSpinExact: perSpinFree(exactLogZ),
      freeEnergyPerSpinAis: { mean: perSpinFree(ais.logZ), stderr: ais.standardError / (beta * n) },
      freeEnergyPerSpinTi: {
        mean: perSpinFree(ti.logPartitionFunction),
        stderr: ti.standardError / (beta * n),
      },
      entropyPerSpinExact: exactEntropy,
      entropyPerSpinAis: { mean: ais.entropy, stderr: ais.entropyError },
      entropyPerSpinTi: { mean: tiEntropy, stderr: tiEntropyError },
      entropyAisDeviation: inErrorBars(ais.entropy, exactEntropy, ais.entropyError),
      entropyTiDeviation: inErrorBars(tiEntropy, exactEntropy, tiEntropyError),
    };
    const checks: Check[] = [
      { metric: 'logPartitionFunctionAis', reference: exactLogZ, tolerance: 4, kind: 'stderr' },
      { metric: 'logPartitionFunctionTi', reference: exactLogZ, tolerance: 4, kind: 'stderr' },
      { metric: 'entropyPerSpinAis', reference: exactEntropy, tolerance: 4, kind: 'stderr' },
      { metric: 'entropyPerSpinTi', reference: exactEntropy, tolerance: 4, kind: 'stderr' },
      // The TI error bar leaves the quadrature out; that is honest only while it is the smaller.
      { metric: 'tiQuadratureError', reference: 0, tolerance: ti.standardError, kind: 'absolute' },
    ];
    if (ais.effectiveSampleSize < 0.05 * aisChains) {
      context.log(
        `AIS effective sample size ${ais.effectiveSampleSize.toFixed(1)} of ${aisChains}: the error bar is unreliable; raise aisSteps`,
      );
    }

    const rows: Array<Array<string | number>> = [
      ['exact sum', exactLogZ, 0, perSpinFree(exactLogZ), exactEntropy, 0],
      [
        'annealed importance sampling',
        ais.logZ,
        ais.standardError,
        perSpinFree(ais.logZ),
        ais.entropy,
        metrics.aisDeviation as number,
      ],
      [
        'thermodynamic integration',
        ti.logPartitionFunction,
        ti.standardError,
        perSpinFree(ti.logPartitionFunction),
        tiEntropy,
        metrics.tiDeviation as number,
      ],
    ];
    const columns = ['method', 'log Z', 'standard error', 'F/N', 'S/N', 'deviation (error bars)'];
    const nodeRows = ti.nodes.map((node, k) => [
      node,
      ti.weights[k],
      ti.meanEnergies[k],
      ti.meanEnergyErrors[k],
      exact.meanEnergies[1 + k],
    ]);
    const nodeColumns = ['beta', 'weight', 'mean energy (TI)', 'standard error', 'mean energy (exact)'];
    const csv = (head: string[], body: Array<Array<string | number>>) =>
      `${[head.join(','), ...body.map((row) => row.join(','))].join('\n')}\n`;
    return {
      metrics,
      reference: {
        logPartitionFunctionAis: exactLogZ,
        logPartitionFunctionTi: exactLogZ,
        freeEnergyPerSpinAis: perSpinFree(exactLogZ),
        freeEnergyPerSpinTi: perSpinFree(exactLogZ),
        entropyPerSpinAis: exactEntropy,
        entropyPerSpinTi: exactEntropy,
        tiQuadratureError: 0,
        source: `exact sum over 2^${n} configurations`,
      },
      checks,
      plots: partitionFunctionPlots({
        logWeights: ais.logWeights,
        effectiveSampleSize: ais.effectiveSampleSize,
        chains: aisChains,
        exact,
        spins: n,
        ti,
        convergence: [
          ...state.convergence,
          { steps: aisSteps, logPartitionFunction: ais.logZ, standardError: ais.standardError },
        ],
      }),
      tables: [
        { title: 'Estimates', columns, rows },
        { title: 'Thermodynamic integration nodes', columns: nodeColumns, rows: nodeRows },
      ],
      artifacts: [
        { name: 'estimates.csv', content: csv(columns, rows), description: 'log Z, F/N and S/N by method' },
        { name: 'ti-nodes.csv', content: csv(nodeColumns, nodeRows), description: '⟨E⟩ at the TI nodes' },
      ],
    };
  },
});
