/**
 * The plots and the table of the `langevin-wide-narrow` experiment: the histogram of visited
 * positions on the exact Boltzmann density, the occupancy ratio against temperature on the
 * exact curve, and the ratio by temperature as a table and a CSV file.
 */
import type { WideNarrowWellEnergy } from '../energies/index.js';
import type { ExperimentOutput, Table } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';
import type { WideNarrowDynamics } from './langevin-wide-narrow-walker.js';

/** One temperature's measurement. */
export interface StageSummary {
  temperature: number;
  wideFraction: { mean: number; stderr: number };
  ratio: { mean: number; stderr: number };
  /** The exact occupancy ratio Z_wide/Z_narrow, and the exact wide-basin fraction. */
  exact: number;
  exactWideFraction: number;
  /** (measured − exact)/stderr of the ratio. */
  z: number;
  transitions: number;
  effectiveSampleSize: number;
  rHat: number;
  acceptanceRate: number;
}

/** The exact Boltzmann density exp(−U/T)/Z on a grid, for the histogram overlay. */
function boltzmannDensity(
  energy: WideNarrowWellEnergy,
  temperature: number,
  low: number,
  high: number,
): { x: number[]; density: number[] } {
  const { wideWeight, narrowWeight } = energy.basinProbabilities(temperature);
  const normalizer = wideWeight + narrowWeight;
  const x: number[] = [];
  const density: number[] = [];
  const point = new Float64Array(1);
  for (let i = 0; i <= 400; i++) {
    point[0] = low + ((high - low) * i) / 400;
    x.push(point[0]);
    density.push(Math.exp(-(energy.energy(point) + energy.depth) / temperature) / normalizer);
  }
  return { x, density };
}

/** The dynamics as the plot titles name them. */
const dynamicsNames: Record<WideNarrowDynamics, string> = {
  underdamped: 'underdamped Langevin (BAOAB)',
  overdamped: 'overdamped Langevin (ULA)',
  mala: 'MALA',
};

/**
 * Plots, table and CSV of a run: `summaries[0]` is the main temperature, the rest the sweep;
 * `samples` are the thinned positions of the main temperature's chains.
 */
export function wideNarrowReport(
  energy: WideNarrowWellEnergy,
  dynamics: WideNarrowDynamics,
  temperature: number,
  summaries: StageSummary[],
  samples: number[],
): Required<Pick<ExperimentOutput, 'plots' | 'tables' | 'artifacts'>> {
  const sweep = summaries.slice(1);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const x of samples) {
    low = Math.min(low, x);
    high = Math.max(high, x);
  }
  if (!(high > low))
    [low, high] = [energy.wideCenter - energy.wideWidth, energy.narrowCenter + energy.narrowWidth];
  const reference = boltzmannDensity(energy, temperature, low, high);

  const table: Table = {
    title: 'Occupancy ratio by temperature',
    columns: [
      'T',
      'measured ratio',
      'stderr',
      'exact ratio',
      '(measured − exact)/stderr',
      'transitions',
      'ESS',
    ],
    rows: summaries.map((s) => [
      s.temperature,
      s.ratio.mean,
      s.ratio.stderr,
      s.exact,
      s.z,
      s.transitions,
      s.effectiveSampleSize,
    ]),
  };
  const plots: PlotSpec[] = [
    {
      kind: 'histogram',
      title: `Positions under ${dynamicsNames[dynamics]} at T = ${temperature}`,
      caption:
        'The histogram of visited positions follows the exact Boltzmann density exp(−U/T)/Z: both wells reach ' +
        'the same depth, but the wide one holds more probability.',
      x: { title: 'position x' },
      samples: [{ name: 'Langevin samples', values: samples }],
      bins: 80,
      range: [low, high],
      reference: { name: 'exact exp(−U/T)/Z', ...reference },
    },
  ];
  if (sweep.length > 0) {
    const temperatures = summaries.map((s) => s.temperature);
    const highest = Math.max(...temperatures) * 1.1;
    const grid = Array.from({ length: 60 }, (_, i) => 0.02 + ((highest - 0.02) * i) / 59);
    const sorted = [...summaries].sort((a, b) => a.temperature - b.temperature);
    plots.push({
      kind: 'line',
      title: 'Occupancy ratio vs temperature',
      caption:
        'Measured ratios (band: ±2 standard errors) on the exact Boltzmann curve; as T → 0 the ratio tends to ' +
        '√(U″_narrow/U″_wide), the ratio of the well widths: the entropic preference for flat minima.',
      x: { title: 'temperature T' },
      y: { title: 'time in wide basin / time in narrow basin' },
      series: [
        { name: 'exact (quadrature)', x: grid, y: grid.map((t) => energy.basinProbabilities(t).ratio) },
        {
          name: 'T → 0 limit √(U″_n/U″_w)',
          x: [0, highest],
          y: [energy.lowTemperatureRatio, energy.lowTemperatureRatio],
        },
        { name: 'measured', x: sorted.map((s) => s.temperature), y: sorted.map((s) => s.ratio.mean) },
        {
          name: 'measured − 2·stderr',
          x: sorted.map((s) => s.temperature),
          y: sorted.map((s) => s.ratio.mean - 2 * s.ratio.stderr),
        },
        {
          name: 'measured + 2·stderr',
          x: sorted.map((s) => s.temperature),
          y: sorted.map((s) => s.ratio.mean + 2 * s.ratio.stderr),
        },
      ],
    });
  }
  const csv = [table.columns.join(','), ...table.rows.map((row) => row.join(','))].join('\n');
  return {
    plots,
    tables: [table],
    artifacts: [
      { name: 'occupancy.csv', content: `${csv}\n`, description: 'occupancy ratio by temperature' },
    ],
  };
}
