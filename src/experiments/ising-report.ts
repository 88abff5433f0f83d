/**
 * The report of experiment `ising`: its metrics, the exact reference and the checks against it
 * (|mean − exact| ≤ 4σ, σ corrected for autocorrelation), the plots (a snapshot of the lattice,
 * the time series, the histogram of m with the exact P(m)), the diagnostics table and the time
 * series as CSV.
 */
import { onsagerEnergyPerSpin, onsagerSpecificHeat, yangMagnetization } from '../exact/index.js';
import type { IsingModel } from '../models/ising/index.js';
import type { Check, ExperimentOutput, ReferenceValue } from './framework/define.js';
import type { HistogramPlotSpec, LinePlotSpec, PlotSpec } from './framework/plot-spec.js';
import type { ChainSummary } from './ising-chain.js';
import type { IsingReference } from './ising-reference.js';

/** A check passes when |mean − exact| ≤ this many standard errors. */
export const ISING_CHECK_SIGMAS = 4;

/** A sweep-axis series: values recorded every `every` sweeps, starting after `offset`. */
function sweepAxis(count: number, offset: number, every: number): number[] {
  return Array.from({ length: count }, (_, k) => offset + (k + 1) * every);
}

/** The parameters of a run that its report shows. */
export interface IsingReportParams {
  /** Temperature T. */
  T: number;
  /** Sweeps between measurements. */
  measureEvery: number;
  /** Burn-in sweeps. */
  burnin: number;
  /** The algorithm's name. */
  algorithm: string;
}

/** Metrics, reference, checks, plots, tables and the time-series artifact of a finished run. */
export function isingReport(
  model: IsingModel,
  params: IsingReportParams,
  summary: ChainSummary,
  exact: IsingReference,
): ExperimentOutput {
  const { T, measureEvery, burnin, algorithm } = params;
  const o = summary.observables;
  const metrics = {
    energyPerSpin: o.energyPerSpin,
    absMagnetization: o.absMagnetizationPerSpin,
    magnetization: o.magnetizationPerSpin,
    specificHeat: o.specificHeat,
    susceptibility: o.susceptibility,
    binder: o.binder,
    tauIntegrated:
      Math.max(summary.tauIntegrated.energy, summary.tauIntegrated.absMagnetization) * measureEvery,
  };
  const reference: Record<string, ReferenceValue> = { method: exact.method };
  const checks: Check[] = [];
  const unchecked: string[] = [];
  for (const [name, value] of Object.entries(exact.values)) {
    reference[name] = value;
    const estimate = metrics[name as keyof typeof exact.values];
    // ⟨m⟩ in zero field is 0 by symmetry, which a chain that cannot tunnel never shows: not a sampling error.
    if (name === 'magnetization' && model.field === 0) continue;
    if (estimate.stderr > 0)
      checks.push({ metric: name, reference: value, tolerance: ISING_CHECK_SIGMAS, kind: 'stderr' });
    else unchecked.push(name);
  }
  if (checks.length > 0)
    reference.checkRule = `|mean − exact| ≤ ${ISING_CHECK_SIGMAS}σ, σ corrected for autocorrelation`;
  if (unchecked.length > 0) {
    reference.unchecked = `${unchecked.join(', ')}: the chain never changed them (error bar 0), so there is nothing to test`;
  }
  if (model.dimension === 2 && model.field === 0 && model.coupling > 0) {
    reference.infiniteLattice =
      'Onsager (energy, specific heat) and Yang (|m|), L → ∞: context, not checked (finite-size effects)';
    reference.onsagerEnergyPerSpin = onsagerEnergyPerSpin(T, model.coupling);
    reference.onsagerSpecificHeat = onsagerSpecificHeat(T, model.coupling);
    reference.yangMagnetization = yangMagnetization(T, model.coupling);
  }
  const measured = summary.energy.length;
  const plots: PlotSpec[] = [
    {
      kind: 'heatmap',
      title: `The lattice after the last sweep (T = ${T})`,
      caption:
        model.width > 64 || model.height > 64
          ? 'Spins up (+1) and down (−1); the lattice is shown in blocks, each coloured by its mean spin.'
          : 'Spins up (+1) and down (−1).',
      x: { title: 'x' },
      y: { title: model.dimension === 2 ? 'y' : '' },
      color: { title: 'spin', scheme: 'diverging' },
      rows: model.height,
      columns: model.width,
      values: summary.finalSpins,
    },
    timeSeriesPlot(
      'Energy per spin along the run',
      'e = E/N',
      'J',
      summary.burnInEnergy,
      summary.energy,
      burnin,
      measureEvery,
      exact.values.energyPerSpin,
    ),
    timeSeriesPlot(
      '|m| along the run',
      '|m|',
      undefined,
      undefined,
      summary.magnetization.map(Math.abs),
      burnin,
      measureEvery,
      exact.values.absMagnetization,
    ),
    magnetizationHistogram(model, summary.magnetization, exact.distribution),
  ];
  const rows: Array<Array<string | number>> = [
    ['algorithm', algorithm],
    ['measurements', measured],
    ['τ_int of e (sweeps)', summary.tauIntegrated.energy * measureEvery],
    ['τ_int of |m| (sweeps)', summary.tauIntegrated.absMagnetization * measureEvery],
    ['effective samples of e', summary.effectiveSamples.energy],
    ['effective samples of |m|', summary.effectiveSamples.absMagnetization],
    ['equilibrated (MSER and halves test)', summary.equilibrated ? 'yes' : 'no'],
  ];
  if (summary.acceptanceRate !== null) rows.push(['acceptance rate', summary.acceptanceRate]);
  if (summary.meanClusterSize !== null) rows.push(['mean cluster size', summary.meanClusterSize]);
  if (algorithm === 'wolff') rows.push(['Wolff clusters per sweep', summary.clustersPerSweep]);
  for (const warning of summary.warnings) rows.push(['warning', warning]);
  let csv = 'measurement,sweep,energyPerSpin,magnetization\n';
  for (let k = 0; k < measured; k++) {
    csv += `${k + 1},${burnin + (k + 1) * measureEvery},${summary.energy[k]},${summary.magnetization[k]}\n`;
  }
  return {
    metrics,
    reference,
    checks,
    plots,
    tables: [{ title: 'Run diagnostics', columns: ['quantity', 'value'], rows }],
    artifacts: [
      {
        name: 'timeseries.csv',
        content: csv,
        description: 'energy per spin and magnetisation at every measurement',
      },
    ],
  };
}

/** A series along the run (burn-in, then the measurements), with the exact value as a line. */
function timeSeriesPlot(
  title: string,
  axis: string,
  unit: string | undefined,
  burnIn: Float64Array | undefined,
  measured: Float64Array,
  burnin: number,
  measureEvery: number,
  exact: number | undefined,
): LinePlotSpec {
  const series = [];
  if (burnIn !== undefined && burnIn.length > 0) {
    series.push({ name: 'burn-in (discarded)', x: sweepAxis(burnIn.length, 0, measureEvery), y: burnIn });
  }
  series.push({ name: 'measured', x: sweepAxis(measured.length, burnin, measureEvery), y: measured });
  if (exact !== undefined) {
    const end = burnin + measured.length * measureEvery;
    series.push({ name: 'exact (this lattice)', x: [0, end], y: [exact, exact] });
  }
  return { kind: 'line', title, x: { title: 'sweep' }, y: { title: axis, unit }, series };
}

/** The histogram of m, with the exact P(m) over it where known (one bin per value of M/N). */
function magnetizationHistogram(
  model: IsingModel,
  magnetization: Float64Array,
  distribution?: Float64Array,
): HistogramPlotSpec {
  const sites = model.sites;
  if (distribution === undefined || sites > 1024) {
    return {
      kind: 'histogram',
      title: 'Histogram of the magnetisation per spin',
      caption: 'Two peaks at ±m below T_c (or in a chain at low T), one at 0 above.',
      x: { title: 'm = M/N' },
      samples: [{ name: 'measured', values: magnetization }],
      range: [-1, 1],
    };
  }
  // One bin per possible value M/N (spacing 2/N), so the exact P(M) is a density of P·N/2.
  return {
    kind: 'histogram',
    title: 'Histogram of the magnetisation per spin, with the exact distribution',
    caption: 'Bars: the measured m; line: the exact P(m) of this finite lattice.',
    x: { title: 'm = M/N' },
    samples: [{ name: 'measured', values: magnetization }],
    bins: sites + 1,
    range: [-1 - 1 / sites, 1 + 1 / sites],
    reference: {
      name: 'exact',
      x: Array.from(distribution, (_, u) => (2 * u - sites) / sites),
      density: Array.from(distribution, (p) => (p * sites) / 2),
    },
  };
}
