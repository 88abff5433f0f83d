/**
 * The plots of the `partition-function` experiment (see partition-function.ts): the AIS
 * log-weights, ⟨E⟩/N along the thermodynamic-integration path against the exact curve, and the
 * AIS estimate against the number of intermediate distributions.
 */
import type { PlotSpec } from './framework/plot-spec.js';

export interface ConvergencePoint {
  steps: number;
  logPartitionFunction: number;
  standardError: number;
}

export interface TiRecord {
  logPartitionFunction: number;
  standardError: number;
  nodes: number[];
  weights: number[];
  meanEnergies: number[];
  meanEnergyErrors: number[];
  meanEnergy: number;
  meanEnergyError: number;
}

export interface ExactRecord {
  /** β of each exact point: the target first, then the TI nodes, then a grid. */
  inverseTemperatures: number[];
  logPartitionFunctions: number[];
  meanEnergies: number[];
}

/** What the plots need from a finished run. */
export interface PartitionPlotInput {
  logWeights: ArrayLike<number>;
  effectiveSampleSize: number;
  chains: number;
  exact: ExactRecord;
  /** Number of spins N. */
  spins: number;
  ti: TiRecord;
  /** AIS estimates at increasing numbers of intermediate distributions, the full run last. */
  convergence: ConvergencePoint[];
}

export function partitionFunctionPlots(input: PartitionPlotInput): PlotSpec[] {
  const { exact, ti, convergence, spins: n } = input;
  const exactLogZ = exact.logPartitionFunctions[0];
  // ⟨E⟩/N along the path: exact points sorted by β, and TI's Monte Carlo nodes.
  const order = exact.inverseTemperatures
    .map((_, k) => k)
    .sort((a, b) => exact.inverseTemperatures[a] - exact.inverseTemperatures[b]);
  const steps = convergence.map((point) => point.steps);
  const offset = (sign: number) =>
    convergence.map((p) => p.logPartitionFunction + sign * 2 * p.standardError - exactLogZ);
  return [
    {
      kind: 'histogram',
      title: 'AIS log weights',
      caption: `A narrow histogram means a good anneal: effective sample size ${input.effectiveSampleSize.toFixed(1)} of ${input.chains} chains.`,
      x: { title: 'log w (without N ln 2)' },
      samples: [{ name: 'chains', values: input.logWeights }],
      density: false,
    },
    {
      kind: 'line',
      title: 'Mean energy per spin along the integration path',
      caption:
        'log Z(β) = N ln 2 − ∫₀^β ⟨E⟩ dβ′: the Monte Carlo ⟨E⟩ at the quadrature nodes against the exact curve.',
      x: { title: 'inverse temperature β', unit: '1/J' },
      y: { title: '⟨E⟩/N', unit: 'J' },
      points: true,
      series: [
        {
          name: 'exact',
          x: order.map((k) => exact.inverseTemperatures[k]),
          y: order.map((k) => exact.meanEnergies[k] / n),
        },
        { name: 'TI (Monte Carlo)', x: ti.nodes, y: ti.meanEnergies.map((e) => e / n) },
      ],
    },
    {
      kind: 'line',
      title: 'AIS estimate against the number of intermediate distributions',
      caption: 'Too few steps bias log Ẑ low (Jensen); the band is ±2 standard errors.',
      x: { title: 'intermediate distributions K', scale: 'log' },
      y: { title: 'log Ẑ − log Z (exact)' },
      points: true,
      series: [
        { name: 'AIS − exact', x: steps, y: convergence.map((p) => p.logPartitionFunction - exactLogZ) },
        { name: '+2σ', x: steps, y: offset(1) },
        { name: '−2σ', x: steps, y: offset(-1) },
        { name: 'exact', x: [steps[0], steps[steps.length - 1]], y: [0, 0] },
      ],
    },
  ];
}
