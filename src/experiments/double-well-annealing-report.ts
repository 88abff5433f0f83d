/**
 * The plots and the table of the `double-well-annealing` experiment: x(t) under both schedules,
 * the schedules themselves, the dwell times between crossings on the exact exponential law,
 * and the crossing rates against their predictions.
 */
import type { Table } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';

/** A Monte Carlo estimate. */
interface Estimate {
  mean: number;
  stderr: number;
}

/** What the report reads of one chain's record. */
export interface CrossingChain {
  /** x(t) over the first cycles, thinned (chain 0 only). */
  trace: number[];
  /** Completed dwell times, in time units. */
  dwellTimes: number[];
}

/** What the plots and the table are drawn from: the run's figures, its plan and its chains. */
export interface CrossingReportInput {
  /** Mean temperature T, amplitude A and period P (time units) of the cyclic schedule. */
  temperature: number;
  amplitude: number;
  period: number;
  /** The traces keep every `traceThin`-th step of size `stepSize`. */
  plan: { traceThin: number; stepSize: number };
  constantRecords: CrossingChain[];
  cyclicRecords: CrossingChain[];
  /** The exact mean first-passage time τ(T) at constant T. */
  exactPassageTime: number;
  exactRate: number;
  kramersRate: number;
  adiabaticCyclicRate: number;
  constantRate: Estimate;
  cyclicRate: Estimate;
  constantCrossings: number;
  cyclicCrossings: number;
  constantLeftFraction: Estimate;
  cyclicLeftFraction: Estimate;
}

/** The four plots and the crossing-rate table of a run. */
export function crossingReport(input: CrossingReportInput): { plots: PlotSpec[]; tables: Table[] } {
  const { temperature, amplitude, period, plan, constantRecords, cyclicRecords, exactPassageTime } = input;
  const { exactRate, kramersRate, adiabaticCyclicRate, constantRate, cyclicRate } = input;
  const { constantCrossings, cyclicCrossings, constantLeftFraction, cyclicLeftFraction } = input;
  const constantDwell = constantRecords.flatMap((r) => r.dwellTimes);
  const cyclicDwell = cyclicRecords.flatMap((r) => r.dwellTimes);
  const traceTimes = constantRecords[0].trace.map((_, i) => (i + 1) * plan.traceThin * plan.stepSize);
  const cyclicSchedule = (t: number) => temperature + amplitude * Math.cos((2 * Math.PI * t) / period);
  let longest = 1;
  for (const t of constantDwell) longest = Math.max(longest, t);
  for (const t of cyclicDwell) longest = Math.max(longest, t);
  const grid = Array.from({ length: 200 }, (_, i) => (longest * i) / 199);
  const plots: PlotSpec[] = [
    {
      kind: 'line',
      title: `x(t) at constant T = ${temperature}`,
      caption: 'Long stays in one well, rare hops over the barrier at x = 0.',
      x: { title: 'time t' },
      y: { title: 'position x' },
      series: [{ name: 'constant T', x: traceTimes, y: constantRecords[0].trace }],
    },
    {
      kind: 'line',
      title: `x(t) under the cyclic schedule T = ${temperature} + ${amplitude}·cos(2πt/${period})`,
      caption: 'The walker hops while the temperature is high and settles into a well while it is low.',
      x: { title: 'time t' },
      y: { title: 'position x' },
      series: [{ name: 'cyclic T', x: traceTimes, y: cyclicRecords[0].trace }],
    },
    {
      kind: 'line',
      title: 'Temperature schedules',
      caption: 'Same mean temperature; the cyclic schedule spends part of each cycle hot.',
      x: { title: 'time t' },
      y: { title: 'temperature T' },
      series: [
        {
          name: 'constant',
          x: [0, traceTimes[traceTimes.length - 1] ?? period],
          y: [temperature, temperature],
        },
        { name: 'cyclic', x: traceTimes, y: traceTimes.map(cyclicSchedule) },
      ],
    },
    {
      kind: 'histogram',
      title: 'Dwell times between crossings',
      caption:
        'At constant T the dwell times follow the exponential law with the exact mean first-passage time; the ' +
        'cyclic schedule shortens them.',
      x: { title: 'dwell time' },
      samples: [
        { name: 'constant T', values: constantDwell },
        { name: 'cyclic T', values: cyclicDwell },
      ],
      range: [0, longest],
      reference: {
        name: `exponential law, mean τ(T) = ${exactPassageTime.toPrecision(4)}`,
        x: grid,
        density: grid.map((t) => exactRate * Math.exp(-exactRate * t)),
      },
    },
  ];
  const table: Table = {
    title: 'Crossing rates',
    columns: ['schedule', 'crossings', 'rate', 'stderr', 'prediction', 'left-well fraction'],
    rows: [
      [
        'constant T',
        constantCrossings,
        constantRate.mean,
        constantRate.stderr,
        exactRate,
        constantLeftFraction.mean,
      ],
      [
        'cyclic T',
        cyclicCrossings,
        cyclicRate.mean,
        cyclicRate.stderr,
        adiabaticCyclicRate,
        cyclicLeftFraction.mean,
      ],
      ['Kramers (constant T)', '', kramersRate, '', '', ''],
    ],
  };
  return { plots, tables: [table] };
}
