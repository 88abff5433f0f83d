/**
 * The plots and table of the `egnn` experiment: held-out force error against the number of
 * training configurations for the EGNN and the coordinate-MLP baseline, and the equivariance
 * errors of both under random rotations, reflections, translations and permutations.
 */
import type { EquivarianceErrors } from '../models/egnn/index.js';
import type { Table } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';

/** The transformations, in display order, with their names. */
export const TRANSFORMATIONS = ['rotation', 'reflection', 'translation', 'permutation'] as const;

/** The largest of the four errors. */
export function largestEquivarianceError(errors: EquivarianceErrors): number {
  return Math.max(...TRANSFORMATIONS.map((kind) => errors[kind]));
}

/** What the report draws. */
export interface EgnnPlotInput {
  trainingSizes: number[];
  testMse: { egnn: number[]; baseline: number[] };
  /** Mean squared held-out force: the error of predicting zero. */
  forceMeanSquare: number;
  /** One entry per random draw of the transformations. */
  equivariance: { egnn: EquivarianceErrors[]; baseline: EquivarianceErrors[] };
  parameterCounts: { egnn: number; baseline: number };
}

/** Data efficiency (log–log) and equivariance errors per draw (log). */
export function egnnPlots(input: EgnnPlotInput): PlotSpec[] {
  const sizes = input.trainingSizes;
  // One point per (transformation, draw): draws of rotations first, then reflections, …
  const draws = input.equivariance.egnn.length;
  const equivarianceSeries = (['egnn', 'baseline'] as const).map((model) => ({
    name: model === 'egnn' ? 'EGNN' : 'coordinate MLP (baseline)',
    x: TRANSFORMATIONS.flatMap((_, k) => input.equivariance[model].map((_, draw) => k * draws + draw + 1)),
    // An exactly equivariant output (error 0) would vanish from a log axis; show it at 1e-18.
    y: TRANSFORMATIONS.flatMap((kind) =>
      input.equivariance[model].map((errors) => Math.max(errors[kind], 1e-18)),
    ),
  }));
  const ranges = TRANSFORMATIONS.map((kind, k) => `${k * draws + 1}–${(k + 1) * draws} ${kind}s`).join(', ');
  return [
    {
      kind: 'line',
      title: 'Held-out force error against the number of training configurations',
      caption:
        `EGNN (${input.parameterCounts.egnn} parameters) and coordinate MLP (${input.parameterCounts.baseline}), ` +
        'trained identically on nested training sets. The EGNN needs no examples to learn rotations, ' +
        'translations and relabellings. “Predicting zero” is the error of the zero force.',
      x: { title: 'training configurations', scale: 'log' },
      y: { title: 'held-out force MSE', scale: 'log' },
      points: true,
      series: [
        { name: 'EGNN', x: sizes, y: input.testMse.egnn },
        { name: 'coordinate MLP (baseline)', x: sizes, y: input.testMse.baseline },
        {
          name: 'predicting zero',
          x: [sizes[0], sizes[sizes.length - 1]],
          y: [input.forceMeanSquare, input.forceMeanSquare],
        },
      ],
    },
    {
      kind: 'scatter',
      title: 'Equivariance error under random transformations g',
      caption:
        `max|f(g·x) − g·f(x)| / max|f(x)| per random draw (${ranges}). The trained EGNN stays at ` +
        'float64 round-off (~1e-16); the baseline MLP, which must learn the symmetries from data, is off ' +
        'by as much as its output.',
      x: { title: 'random draw' },
      y: { title: 'relative equivariance error', scale: 'log' },
      series: equivarianceSeries,
    },
  ];
}

/** One row per transformation: the largest error over the draws, EGNN and baseline. */
export function equivarianceTable(equivariance: EgnnPlotInput['equivariance']): Table {
  const worst = (draws: EquivarianceErrors[], kind: (typeof TRANSFORMATIONS)[number]) =>
    Math.max(...draws.map((errors) => errors[kind]));
  return {
    title: `Largest relative equivariance error over ${equivariance.egnn.length} random draws`,
    columns: ['transformation', 'EGNN', 'baseline MLP'],
    rows: TRANSFORMATIONS.map((kind) => [
      kind,
      worst(equivariance.egnn, kind),
      worst(equivariance.baseline, kind),
    ]),
  };
}
