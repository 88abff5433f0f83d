/**
 * What the PINN experiments (`pinn-heat`, `pinn-poisson`, `pinn-elasticity`,
 * `pinn-inverse-heat`) share: the training parameters, the training run with progress and
 * checkpoints (`pinn-resumable-training.ts`), and the report's plots — prediction, exact and error heat maps on planes of the domain, and the
 * loss curve with the Adam → L-BFGS switch marked.
 */
import { z } from 'zod';
import { type Key, split } from '../core/random/index.js';
import { type ActivationName, mlp } from '../models/mlp/index.js';
import {
  type PinnProblem,
  type SamplingMethod,
  samplingMethods,
  type TrainPinnResult,
} from '../pinn/index.js';
import type { Check, ExperimentContext, Table } from './framework/define.js';
import type { HeatmapPlotSpec, LinePlotSpec, PlotAxis } from './framework/plot-spec.js';
import { type ResumableTrainingResult, trainPinnResumable } from './pinn-resumable-training.js';

/** Activations with non-zero second derivatives (a PDE residual needs them). */
export const pinnActivations = ['tanh', 'sin', 'softplus', 'swish', 'sigmoid'] as const;

/** The defaults of the training parameters, per experiment. */
export interface PinnTrainingDefaults {
  hiddenSizes: number[];
  adamSteps: number;
  learningRate: number;
  lbfgsSteps: number;
  testPointsPerAxis: number;
}

/** The zod fields of the training parameters, with an experiment's own defaults. */
export function pinnTrainingParams(defaults: PinnTrainingDefaults) {
  return {
    hiddenSizes: z
      .array(z.number().int().min(1).max(256))
      .min(1)
      .max(8)
      .default(defaults.hiddenSizes)
      .describe('widths of the hidden layers of the MLP'),
    activation: z
      .enum(pinnActivations)
      .default('tanh')
      .describe('activation of the hidden layers (smooth: the residual needs second derivatives)'),
    adamSteps: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .default(defaults.adamSteps)
      .describe('Adam steps (first phase)'),
    learningRate: z.number().min(1e-6).max(1).default(defaults.learningRate).describe("Adam's learning rate"),
    lbfgsSteps: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .default(defaults.lbfgsSteps)
      .describe('L-BFGS steps after Adam, on the last collocation batch'),
    resampleEvery: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .default(0)
      .describe('resample the collocation points every this many Adam steps (0: never)'),
    sampling: z
      .enum(samplingMethods as [SamplingMethod, ...SamplingMethod[]])
      .default('latin-hypercube')
      .describe('how collocation points are drawn'),
    testPointsPerAxis: z
      .number()
      .int()
      .min(5)
      .max(201)
      .default(defaults.testPointsPerAxis)
      .describe('points per axis of the regular test grid the errors are measured on'),
  };
}

/**
 * The zod field of the checkpoint interval, for the experiments trained by
 * `trainPinnExperiment`. (`pinn-burgers` has its own training and always checkpoints once, at
 * the switch to L-BFGS.)
 */
export const pinnCheckpointParams = {
  checkpointEvery: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .default(100)
    .describe(
      'training steps between checkpoints (Adam and L-BFGS; one more at the switch to L-BFGS, as pinn-burgers saves); 0: only at the switch',
    ),
};

/** The training parameters as parsed. */
export interface PinnTrainingParams {
  hiddenSizes: number[];
  activation: (typeof pinnActivations)[number];
  adamSteps: number;
  learningRate: number;
  lbfgsSteps: number;
  resampleEvery: number;
  sampling: SamplingMethod;
  testPointsPerAxis: number;
  checkpointEvery: number;
}

/** The metrics every PINN experiment reports. */
export const pinnMetrics = {
  relativeL2: { description: '‖u − u*‖₂/‖u*‖₂ on the test grid against the exact solution' },
  maxError: { description: 'max |u − u*| on the test grid' },
  trainingSeconds: { description: 'wall-clock time of the training (both phases)', unit: 's' },
  finalLoss: { description: 'the PINN loss at the end of training (last collocation batch)' },
};

/**
 * Trains an MLP [dimension, hidden…, outputSize] on `problem` with the network drawn from
 * `key`'s first half and the collocation points from its second, as `trainPinn` would;
 * reports progress, checkpoints every `p.checkpointEvery` steps and resumes from a checkpoint.
 */
export function trainPinnExperiment(
  problem: PinnProblem,
  p: PinnTrainingParams,
  outputSize: number,
  key: Key,
  context: ExperimentContext,
): ResumableTrainingResult {
  const [networkKey, pointKey] = split(key, 2);
  const model = mlp({
    sizes: [problem.domain.dimension, ...p.hiddenSizes, outputSize],
    activation: p.activation as ActivationName,
    key: networkKey,
  });
  return trainPinnResumable(
    problem,
    {
      model,
      adamSteps: p.adamSteps,
      learningRate: p.learningRate,
      lbfgsSteps: p.lbfgsSteps,
      resampleEvery: p.resampleEvery,
      checkpointEvery: p.checkpointEvery,
      key: pointKey,
    },
    context,
  );
}

/** The check `metric < bound`, as an absolute check against 0. */
export function boundCheck(metric: string, bound: number): Check {
  return { metric, reference: 0, tolerance: bound, kind: 'absolute' };
}

/** The final loss terms as a table. */
export function lossTermsTable(result: TrainPinnResult): Table {
  return {
    title: 'Final loss terms (unweighted mean squares, last collocation batch)',
    columns: ['term', 'mean square'],
    rows: Object.entries(result.terms).map(([name, value]) => [name, value]),
  };
}

/** The loss curve: Adam and L-BFGS as two series and a vertical line at the switch. */
export function lossCurvePlot(result: TrainPinnResult): LinePlotSpec {
  const history = result.lossHistory;
  const s = result.switchStep;
  const steps = history.map((_, i) => i);
  const series: LinePlotSpec['series'] = [];
  if (s > 0) series.push({ name: 'Adam', x: steps.slice(0, s + 1), y: history.slice(0, s + 1) });
  if (history.length > s + 1) series.push({ name: 'L-BFGS', x: steps.slice(s), y: history.slice(s) });
  const positive = history.filter((value) => value > 0);
  if (s > 0 && history.length > s + 1 && positive.length > 0) {
    series.push({
      name: 'switch to L-BFGS',
      x: [s, s],
      y: [Math.min(...positive), Math.max(...positive)],
    });
  }
  return {
    kind: 'line',
    title: 'Training loss',
    caption:
      s > 0 && history.length > s + 1
        ? `Adam for ${s} steps, then L-BFGS on the last collocation batch (the vertical line marks the switch).`
        : 'One optimizer only.',
    x: { title: 'step' },
    y: { title: 'loss', scale: 'log' },
    series,
  };
}

/** A regular grid of points on a plane of the domain, rows from the top (largest second coordinate). */
export interface PlaneGrid {
  rows: number;
  columns: number;
  xRange: [number, number];
  yRange: [number, number];
  /** Row-major `rows·columns × dimension` points, row 0 at the top. */
  points: Float64Array;
}

/**
 * A `columns × rows` grid over xRange × yRange, each (a, b) embedded as a point of the domain
 * by `embed` (e.g. (x, y) ↦ (x, y, t) at a fixed time).
 */
export function planeGrid(
  columns: number,
  rows: number,
  xRange: [number, number],
  yRange: [number, number],
  embed: (a: number, b: number) => number[],
): PlaneGrid {
  const points: number[] = [];
  for (let r = 0; r < rows; r++) {
    const b = yRange[1] - ((yRange[1] - yRange[0]) * r) / (rows - 1);
    for (let c = 0; c < columns; c++)
      points.push(...embed(xRange[0] + ((xRange[1] - xRange[0]) * c) / (columns - 1), b));
  }
  return { rows, columns, xRange, yRange, points: Float64Array.from(points) };
}

/** The prediction, exact and signed-error heat maps of one plane. */
export function comparisonHeatmaps(options: {
  grid: PlaneGrid;
  predicted: ArrayLike<number>;
  exact: ArrayLike<number>;
  /** The quantity, e.g. 'u' or 'v (vertical displacement)'. */
  quantity: string;
  /** Where the plane lies, e.g. 't = 0.5' (empty for none). */
  where: string;
  x: PlotAxis;
  y: PlotAxis;
}): HeatmapPlotSpec[] {
  const { grid, predicted, exact, quantity, where, x, y } = options;
  const at = where === '' ? '' : ` at ${where}`;
  const base = {
    kind: 'heatmap' as const,
    x,
    y,
    rows: grid.rows,
    columns: grid.columns,
    extent: { x: grid.xRange, y: [grid.yRange[1], grid.yRange[0]] as [number, number] },
  };
  const error = Array.from(predicted, (value, i) => value - exact[i]);
  return [
    {
      ...base,
      title: `PINN prediction of ${quantity}${at}`,
      caption: 'The trained network on a regular grid.',
      color: { title: quantity },
      values: Array.from(predicted),
    },
    {
      ...base,
      title: `Exact ${quantity}${at}`,
      caption: 'The exact solution on the same grid.',
      color: { title: quantity },
      values: Array.from(exact),
    },
    {
      ...base,
      title: `Error of ${quantity}${at} (prediction − exact)`,
      caption: `Largest |error| on this plane: ${Math.max(...error.map(Math.abs)).toExponential(2)}.`,
      color: { title: 'error', scheme: 'diverging' },
      values: error,
      aggregate: 'maxAbs',
    },
  ];
}

/** Values of `f` at each point of a row-major point set. */
export function valuesAt(
  f: (point: Float64Array) => number,
  points: Float64Array,
  dimension: number,
): Float64Array {
  const out = new Float64Array(points.length / dimension);
  for (let i = 0; i < out.length; i++) out[i] = f(points.subarray(i * dimension, (i + 1) * dimension));
  return out;
}
