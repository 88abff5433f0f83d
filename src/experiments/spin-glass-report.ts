/**
 * The plots, tables and files of the `spin-glass` experiment: P(q) against the exact
 * distribution, the energy trace of instance 0's search, the SK size sweep with its fit and
 * Parisi's value, and per-instance and per-size tables (also written as CSV).
 */

import { portablePow } from '../core/math/index.js';
import {
  type GroundStateExtrapolation,
  type GroundStateSizePoint,
  PARISI_GROUND_STATE_ENERGY,
} from '../models/spin-glass/index.js';
import type { ExperimentOutput } from './framework/define.js';
import type { PreparedHistogram } from './framework/plot-spec.js';
import type { InstanceRecord } from './spin-glass-summary.js';
import type { Trace } from './spin-glass-trace.js';

/** What the checkpoint keeps of one size of the SK size sweep. */
export type SweepPoint = Pick<
  GroundStateSizePoint,
  'size' | 'instances' | 'meanEnergyPerSpin' | 'standardError'
>;

/** What the report is drawn from. */
export interface SpinGlassReportInput {
  method: 'tempering' | 'annealing';
  /** SK instances per size in the size sweep. */
  sweepInstances: number;
  /** Spins N of every instance. */
  spins: number;
  records: InstanceRecord[];
  /** The energy trace of instance 0's search. */
  trace: Trace;
  sweep: SweepPoint[];
  fit: GroundStateExtrapolation;
  /** The disorder-averaged P(q), exact (null above the enumeration limit) and measured. */
  exactPq: number[] | null;
  measuredPq: number[];
}

/** Binned P(q) on the N + 1 overlaps, bins of width 2/N centred on them, with the exact P(q). */
function overlapHistogram(size: number, measured: number[], exact: number[] | null): PreparedHistogram {
  const width = 2 / size;
  const overlaps = Array.from({ length: size + 1 }, (_, k) => -1 + k * width);
  const plot: PreparedHistogram = {
    kind: 'histogram',
    title: 'Overlap distribution P(q) of two copies, averaged over instances',
    caption:
      'Above T_c P(q) is a narrow peak at 0; below it weight moves out towards ±q_EA, and for SK (Parisi) a ' +
      'continuous plateau fills the space between.',
    x: { title: 'overlap q' },
    y: { title: 'probability density' },
    edges: [...overlaps.map((q) => q - width / 2), 1 + width / 2],
    series: [{ name: 'parallel tempering', heights: measured.map((p) => p / width) }],
  };
  if (exact !== null)
    plot.reference = { name: 'exact (enumeration)', x: overlaps, density: exact.map((p) => p / width) };
  return plot;
}

/** Comma-separated values with a header line. */
function csv(columns: string[], rows: Array<Array<string | number>>): string {
  return `${[columns.join(','), ...rows.map((row) => row.join(','))].join('\n')}\n`;
}

/** Plots, tables and CSV files of a finished run. */
export function spinGlassReport(
  input: SpinGlassReportInput,
): Required<Pick<ExperimentOutput, 'plots' | 'tables' | 'artifacts'>> {
  const { spins, records, trace, sweep, fit, exactPq, measuredPq } = input;
  const exact0 = records[0].exactEnergy;
  const xs = sweep.map((point) => portablePow(point.size, -2 / 3));
  const xMax = Math.max(...xs);
  const annealing = input.method === 'annealing';
  const instanceColumns = [
    'instance',
    'frustrated loops',
    'exact E0/N',
    'found E/N',
    'successes',
    'sweeps to solution',
  ];
  const instanceRows = records.map((record, i) => [
    i,
    record.frustrated,
    record.exactEnergy === null ? 'n/a' : record.exactEnergy / spins,
    record.foundEnergy / spins,
    `${record.successes}/${record.searches}`,
    record.sweepsToSolution,
  ]);
  const sweepColumns = ['N', 'instances', 'mean E0/N', 'standard error'];
  const sweepRows = sweep.map((p) => [p.size, p.instances, p.meanEnergyPerSpin, p.standardError]);
  return {
    plots: [
      overlapHistogram(spins, measuredPq, exactPq),
      {
        kind: 'line',
        title: `Energy per spin during the ${annealing ? 'first annealing restart' : 'tempering search'} (instance 0)`,
        caption: annealing
          ? 'The energy follows the falling temperature down into a valley; the exact ground state is the floor.'
          : 'The coldest replica’s energy, and the lowest energy met by any replica so far.',
        x: { title: 'sweep', scale: 'log' },
        y: { title: 'energy per spin', unit: 'J' },
        series: [
          { name: annealing ? 'current' : 'coldest replica', x: trace.sweep, y: trace.energy },
          { name: 'lowest so far', x: trace.sweep, y: trace.best },
          ...(exact0 === null
            ? []
            : [
                {
                  name: 'exact ground state',
                  x: [1, trace.sweep.at(-1) ?? 1],
                  y: [exact0 / spins, exact0 / spins],
                },
              ]),
        ],
      },
      {
        kind: 'line',
        title: 'SK ground-state energy per spin against N^(−2/3)',
        caption: `Exact ground states averaged over ${input.sweepInstances} instances per size; the fit extrapolates to e∞ = ${fit.energyInfinity.toFixed(4)} ± ${fit.energyInfinityError.toFixed(4)} at N = ∞ (Parisi: −0.7632).`,
        x: { title: 'N^(−2/3)' },
        y: { title: 'ground-state energy per spin', unit: 'J' },
        points: true,
        series: [
          { name: 'exact, mean over instances', x: xs, y: sweep.map((p) => p.meanEnergyPerSpin) },
          {
            name: 'fit e∞ + a·N^(−2/3)',
            x: [0, xMax],
            y: [fit.energyInfinity, fit.energyInfinity + fit.slope * xMax],
          },
          { name: 'Parisi (N = ∞)', x: [0], y: [PARISI_GROUND_STATE_ENERGY] },
        ],
      },
    ],
    tables: [
      { title: 'Instances', columns: instanceColumns, rows: instanceRows },
      { title: 'SK size sweep (exact ground states)', columns: sweepColumns, rows: sweepRows },
    ],
    artifacts: [
      {
        name: 'instances.csv',
        content: csv(instanceColumns, instanceRows),
        description: 'per-instance results',
      },
      {
        name: 'size-sweep.csv',
        content: csv(sweepColumns, sweepRows),
        description: 'SK ground-state energies by N',
      },
    ],
  };
}
