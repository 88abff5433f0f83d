/**
 * Experiment `pinn-elasticity` (issue 6): a physics-informed network with two outputs, the
 * displacements (u, v), solves 2D linear elasticity in plane stress on the unit square with a
 * manufactured solution u = sin πx sin πy, v = ½ sin 2πx sin πy: the body force is derived from
 * it by hand (see `pinn/problems/elasticity-2d.ts`), the displacement is zero on the boundary.
 * Training sees only the equilibrium residual and the boundary values. The reference is the
 * manufactured displacement: relative L2 of the displacement field (u and v together, and each
 * alone) and max error on a regular test grid. The check bounds the relative L2 by what the
 * default parameters reach (no target is given for this problem).
 *
 * Checkpoints: every `checkpointEvery` steps (default 100) and at the switch to L-BFGS;
 * `physml run --resume` continues with the same numbers (see pinn-resumable-training.ts).
 *
 * Default settings: E = 1, ν = 0.3, MLP 2→20→20→20→2 tanh, 1000 interior and 200 + 200 boundary
 * points (Latin hypercube, fixed), boundary weight 100, Adam 500 steps at learning rate 1e-2,
 * then L-BFGS 1500 steps. Measured with seed 0: relative L2 1.4e-3 (u 1.1e-3, v 2.1e-3), max
 * error 3.7e-3, 295 s of CPU time. The mixed derivatives u_xy, v_xy come from nested autodiff,
 * so a step costs about twice a Poisson step of the same size.
 */
import { z } from 'zod';
import { elasticity2d, elasticity2dExact, errorAgainst, testGrid } from '../pinn/index.js';
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
} from './pinn-common.js';

/** Points per side of the heat maps. */
const mapSide = 51;

const params = z.object({
  youngsModulus: z.number().min(1e-6).max(1e12).default(1).describe("Young's modulus E"),
  poissonRatio: z.number().min(-0.99).max(0.49).default(0.3).describe("Poisson's ratio ν"),
  interiorCount: z.number().int().min(1).max(100000).default(1000).describe('interior collocation points'),
  boundaryCount: z
    .number()
    .int()
    .min(1)
    .max(100000)
    .default(200)
    .describe('boundary points per displacement component'),
  boundaryWeight: z
    .number()
    .min(0)
    .max(1e6)
    .default(100)
    .describe('weight of the boundary misfits in the loss (the residual, divided by E, has weight 1)'),
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
    .default(5e-3)
    .describe('the check: relative L2 error of the displacement below this (the defaults reach 1.4e-3)'),
});

/** Split an interleaved [u, v] list into the two components. */
function components(points: Float64Array): { u: Float64Array; v: Float64Array } {
  const count = points.length / 2;
  const u = new Float64Array(count);
  const v = new Float64Array(count);
  for (let i = 0; i < count; i++) [u[i], v[i]] = elasticity2dExact(points.subarray(2 * i, 2 * i + 2));
  return { u, v };
}

/** Plane-stress elasticity with a manufactured solution, learned by a two-output PINN. */
export const pinnElasticity = defineExperiment({
  name: 'pinn-elasticity',
  title: 'A PINN solves 2D plane-stress elasticity (manufactured solution)',
  description:
    'An MLP (x, y) ↦ (u, v) is trained on the equilibrium residual div σ + f = 0 of plane-stress linear ' +
    'elasticity, with the body force f manufactured from u = sin πx sin πy, v = ½ sin 2πx sin πy, and on zero ' +
    'displacement at the boundary; Adam then L-BFGS. The manufactured displacement gives the relative L2 and ' +
    'max error on a test grid; the check bounds the relative L2 of the displacement field.',
  params,
  metrics: {
    ...pinnMetrics,
    relativeL2: { description: '‖(u, v) − (u*, v*)‖₂/‖(u*, v*)‖₂ on the test grid' },
    maxError: { description: 'max over the test grid and both components of |error|' },
    relativeL2U: { description: 'relative L2 error of the horizontal displacement u alone' },
    relativeL2V: { description: 'relative L2 error of the vertical displacement v alone' },
  },
  tour: {
    hiddenSizes: [12, 12],
    interiorCount: 128,
    boundaryCount: 64,
    adamSteps: 100,
    lbfgsSteps: 100,
    testPointsPerAxis: 21,
    errorBound: 0.2,
  },
  async run(p, context) {
    const problem = elasticity2d({
      youngsModulus: p.youngsModulus,
      poissonRatio: p.poissonRatio,
      interiorCount: p.interiorCount,
      boundaryCount: p.boundaryCount,
      boundaryWeight: p.boundaryWeight,
      sampling: p.sampling,
    });
    const result = trainPinnExperiment(problem, p, 2, context.key, context);
    const grid = testGrid(problem.domain, p.testPointsPerAxis);
    const exact = components(grid);
    const [u, v] = [result.predict(grid, 0), result.predict(grid, 1)];
    const both = errorAgainst([...u, ...v], [...exact.u, ...exact.v]);
    const metrics: Record<string, MetricValue> = {
      relativeL2: both.relativeL2,
      maxError: both.maxError,
      relativeL2U: errorAgainst(u, exact.u).relativeL2,
      relativeL2V: errorAgainst(v, exact.v).relativeL2,
      trainingSeconds: result.seconds,
      finalLoss: result.lossHistory[result.lossHistory.length - 1],
    };
    const plane = planeGrid(mapSide, mapSide, [0, 1], [0, 1], (x, y) => [x, y]);
    const exactPlane = components(plane.points);
    const axes = { x: { title: 'x' }, y: { title: 'y' } };
    return {
      metrics,
      reference: {
        relativeL2: `manufactured displacement; check: below ${p.errorBound}`,
        maxError: 'manufactured displacement on the same grid',
      },
      checks: [boundCheck('relativeL2', p.errorBound)],
      plots: [
        ...comparisonHeatmaps({
          grid: plane,
          predicted: result.predict(plane.points, 0),
          exact: exactPlane.u,
          quantity: 'u (horizontal displacement)',
          where: '',
          ...axes,
        }),
        ...comparisonHeatmaps({
          grid: plane,
          predicted: result.predict(plane.points, 1),
          exact: exactPlane.v,
          quantity: 'v (vertical displacement)',
          where: '',
          ...axes,
        }),
        lossCurvePlot(result),
      ],
      tables: [lossTermsTable(result)],
    };
  },
});
