/**
 * Experiment `pinn-heat` (issue 6): a physics-informed network learns the heat equation
 * u_t = k Δu on the unit interval (dimension 1) or the unit square (dimension 2) over [0, T],
 * with zero Dirichlet boundary values and the lowest sine mode as initial value, from the PDE
 * residual and the boundary and initial conditions alone — no solution data. The exact solution
 * e^{−dkπ²t} Π sin πx_i is the reference: relative L2 and max error on a regular test grid.
 *
 * Training: Adam on Latin-hypercube collocation points, then L-BFGS on the same batch. The check
 * is the relative L2 error against a bound: by default one the default parameters reach, the
 * issue's target 1e-3 in 1D (see `PINN_HEAT_DEFAULT_BOUNDS`).
 *
 * Checkpoints: every `checkpointEvery` steps (default 100) and at the switch to L-BFGS;
 * `physml run --resume` continues with the same numbers (see pinn-resumable-training.ts).
 *
 * Default settings: k = 0.1, T = 1, MLP 2→20→20→20→1 (3→… in 2D) tanh with Xavier init, 1000
 * interior, 100 boundary and 100 initial points (Latin hypercube, fixed), Adam 500 steps at
 * learning rate 1e-2, then L-BFGS 2000 steps (history 10, strong Wolfe), test grid 41 points per
 * axis. Measured with seed 0: 1D relative L2 1.9e-4 (max error 2.9e-4), 175 s of CPU time; 2D
 * relative L2 9.3e-3 (max error 3.7e-2), 230 s of CPU time.
 */
import { z } from 'zod';
import { errorAgainst, heat1d, heat2d, testGrid } from '../pinn/index.js';
import { defineExperiment, type MetricValue } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';
import {
  boundCheck,
  comparisonHeatmaps,
  lossCurvePlot,
  lossTermsTable,
  pinnCheckpointParams,
  pinnMetrics,
  pinnTrainingParams,
  planeGrid,
  trainPinnExperiment,
  valuesAt,
} from './pinn-common.js';

/**
 * The relative L2 bounds of the check when errorBound = 0, by dimension: the target in
 * 1D (defaults reach 1.9e-4), about twice what the defaults reach in 2D (9.3e-3).
 */
export const PINN_HEAT_DEFAULT_BOUNDS: Readonly<Record<1 | 2, number>> = { 1: 1e-3, 2: 2e-2 };

/** Points per side of the heat maps. */
const mapSide = 51;

const params = z.object({
  dimension: z
    .number()
    .int()
    .min(1)
    .max(2)
    .default(1)
    .describe('space dimension: 1 (interval) or 2 (square)'),
  conductivity: z.number().min(1e-3).max(10).default(0.1).describe('conductivity k'),
  duration: z.number().min(0.01).max(10).default(1).describe('final time T'),
  interiorCount: z.number().int().min(1).max(100000).default(1000).describe('interior collocation points'),
  boundaryCount: z.number().int().min(1).max(100000).default(100).describe('boundary points (lateral faces)'),
  initialCount: z.number().int().min(1).max(100000).default(100).describe('initial points (t = 0)'),
  ...pinnTrainingParams({
    hiddenSizes: [20, 20, 20],
    adamSteps: 500,
    learningRate: 1e-2,
    lbfgsSteps: 2000,
    testPointsPerAxis: 41,
  }),
  ...pinnCheckpointParams,
  errorBound: z
    .number()
    .min(0)
    .max(10)
    .default(0)
    .describe(
      `the check: relative L2 error below this; 0 = the bound the defaults reach (${PINN_HEAT_DEFAULT_BOUNDS[1]} in 1D, ${PINN_HEAT_DEFAULT_BOUNDS[2]} in 2D)`,
    ),
});

/** The heat equation learned by a PINN in 1D or 2D, checked against the exact solution. */
export const pinnHeat = defineExperiment({
  name: 'pinn-heat',
  title: 'A PINN learns the heat equation (1D or 2D) from the PDE alone',
  description:
    'An MLP u(x, t) is trained on the residual of u_t = k Δu at collocation points plus zero boundary values ' +
    'and the initial mode sin πx (times sin πy in 2D), with Adam and then L-BFGS. The exact solution ' +
    'e^{−dkπ²t} Π sin πx_i gives the relative L2 and max error on a test grid; the check bounds the relative L2.',
  params,
  metrics: pinnMetrics,
  tour: {
    dimension: 1,
    hiddenSizes: [10, 10],
    interiorCount: 128,
    boundaryCount: 32,
    initialCount: 32,
    adamSteps: 100,
    lbfgsSteps: 150,
    testPointsPerAxis: 21,
    errorBound: 0.05,
  },
  async run(p, context) {
    const dimension = p.dimension as 1 | 2;
    const options = {
      conductivity: p.conductivity,
      duration: p.duration,
      interiorCount: p.interiorCount,
      boundaryCount: p.boundaryCount,
      initialCount: p.initialCount,
      sampling: p.sampling,
    };
    const problem = dimension === 1 ? heat1d(options) : heat2d(options);
    const exact = problem.exact as (point: Float64Array) => number;
    const d = problem.domain.dimension;
    const result = trainPinnExperiment(problem, p, 1, context.key, context);
    const grid = testGrid(problem.domain, p.testPointsPerAxis);
    const error = errorAgainst(result.predict(grid), valuesAt(exact, grid, d));
    const bound = p.errorBound > 0 ? p.errorBound : PINN_HEAT_DEFAULT_BOUNDS[dimension];
    const metrics: Record<string, MetricValue> = {
      relativeL2: error.relativeL2,
      maxError: error.maxError,
      trainingSeconds: result.seconds,
      finalLoss: result.lossHistory[result.lossHistory.length - 1],
    };

    const duration = p.duration;
    const plots: PlotSpec[] = [];
    if (dimension === 1) {
      const plane = planeGrid(mapSide, mapSide, [0, 1], [0, duration], (x, t) => [x, t]);
      plots.push(
        ...comparisonHeatmaps({
          grid: plane,
          predicted: result.predict(plane.points),
          exact: valuesAt(exact, plane.points, d),
          quantity: 'u',
          where: '',
          x: { title: 'x' },
          y: { title: 't' },
        }),
      );
    } else {
      for (const t of [0, duration / 2, duration]) {
        const plane = planeGrid(mapSide, mapSide, [0, 1], [0, 1], (x, y) => [x, y, t]);
        plots.push(
          ...comparisonHeatmaps({
            grid: plane,
            predicted: result.predict(plane.points),
            exact: valuesAt(exact, plane.points, d),
            quantity: 'u',
            where: `t = ${Number(t.toPrecision(4))}`,
            x: { title: 'x' },
            y: { title: 'y' },
          }),
        );
      }
    }
    plots.push(lossCurvePlot(result));
    return {
      metrics,
      reference: {
        relativeL2: `exact solution e^{−${dimension}kπ²t} Π sin πx_i; check: below ${bound}`,
        maxError: 'exact solution on the same grid',
      },
      checks: [boundCheck('relativeL2', bound)],
      plots,
      tables: [lossTermsTable(result)],
    };
  },
});
