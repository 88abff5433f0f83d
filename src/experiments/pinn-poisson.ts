/**
 * Experiment `pinn-poisson` (issue 6): a physics-informed network solves −Δu = 2π² sin πx sin πy
 * on the unit square with u = 0 on the boundary, from the PDE residual and the boundary
 * condition alone. The exact solution sin πx sin πy is the reference: relative L2 and max error
 * on a regular test grid. The check bounds the relative L2 (the target 1e-3, which the
 * default parameters reach).
 *
 * The boundary term is weighted up (default 100): an error δ of the boundary values shifts the
 * solution by about δ, while a residual error ε shifts it by only about ε/(2π²), so with equal
 * weights the optimizer would trade boundary accuracy for residual accuracy at a rate of ~400.
 *
 * Checkpoints: every `checkpointEvery` steps (default 100) and at the switch to L-BFGS;
 * `physml run --resume` continues with the same numbers (see pinn-resumable-training.ts).
 *
 * Default settings: MLP 2→20→20→20→1 tanh, 1000 interior and 200 boundary points (Latin
 * hypercube, fixed), boundary weight 100, Adam 500 steps at learning rate 1e-2, then L-BFGS 1500
 * steps, test grid 101 × 101. Measured with seed 0: relative L2 4.4e-4, max error 1.5e-3, 149 s
 * of CPU time.
 */
import { z } from 'zod';
import { errorAgainst, poisson2d, poisson2dExact, testGrid } from '../pinn/index.js';
import { defineExperiment, type MetricValue } from './framework/define.js';
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

/** Points per side of the heat maps. */
const mapSide = 51;

const params = z.object({
  interiorCount: z.number().int().min(1).max(100000).default(1000).describe('interior collocation points'),
  boundaryCount: z.number().int().min(1).max(100000).default(200).describe('boundary points'),
  boundaryWeight: z
    .number()
    .min(0)
    .max(1e6)
    .default(100)
    .describe('weight of the boundary misfit in the loss (the residual has weight 1)'),
  ...pinnTrainingParams({
    hiddenSizes: [20, 20, 20],
    adamSteps: 500,
    learningRate: 1e-2,
    lbfgsSteps: 1500,
    testPointsPerAxis: 101,
  }),
  ...pinnCheckpointParams,
  errorBound: z
    .number()
    .min(1e-8)
    .max(10)
    .default(1e-3)
    .describe('the check: relative L2 error below this (the issue’s target; the defaults reach 4.4e-4)'),
});

/** The 2D Poisson problem learned by a PINN, checked against sin πx sin πy. */
export const pinnPoisson = defineExperiment({
  name: 'pinn-poisson',
  title: 'A PINN solves the 2D Poisson equation from the PDE alone',
  description:
    'An MLP u(x, y) is trained on the residual of −Δu = 2π² sin πx sin πy at collocation points in the unit ' +
    'square and on u = 0 at boundary points, with Adam and then L-BFGS. The exact solution sin πx sin πy ' +
    'gives the relative L2 and max error on a test grid; the check bounds the relative L2.',
  params,
  metrics: pinnMetrics,
  tour: {
    hiddenSizes: [10, 10],
    interiorCount: 128,
    boundaryCount: 64,
    adamSteps: 200,
    lbfgsSteps: 200,
    testPointsPerAxis: 21,
    errorBound: 0.05,
  },
  async run(p, context) {
    const problem = poisson2d({
      interiorCount: p.interiorCount,
      boundaryCount: p.boundaryCount,
      boundaryWeight: p.boundaryWeight,
      sampling: p.sampling,
    });
    const result = trainPinnExperiment(problem, p, 1, context.key, context);
    const grid = testGrid(problem.domain, p.testPointsPerAxis);
    const error = errorAgainst(result.predict(grid), valuesAt(poisson2dExact, grid, 2));
    const metrics: Record<string, MetricValue> = {
      relativeL2: error.relativeL2,
      maxError: error.maxError,
      trainingSeconds: result.seconds,
      finalLoss: result.lossHistory[result.lossHistory.length - 1],
    };
    const plane = planeGrid(mapSide, mapSide, [0, 1], [0, 1], (x, y) => [x, y]);
    return {
      metrics,
      reference: {
        relativeL2: `exact solution sin πx sin πy; check: below ${p.errorBound}`,
        maxError: 'exact solution on the same grid',
      },
      checks: [boundCheck('relativeL2', p.errorBound)],
      plots: [
        ...comparisonHeatmaps({
          grid: plane,
          predicted: result.predict(plane.points),
          exact: valuesAt(poisson2dExact, plane.points, 2),
          quantity: 'u',
          where: '',
          x: { title: 'x' },
          y: { title: 'y' },
        }),
        lossCurvePlot(result),
      ],
      tables: [lossTermsTable(result)],
    };
  },
});
