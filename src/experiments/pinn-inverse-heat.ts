/**
 * Experiment `pinn-inverse-heat` (issue 6): recover the conductivity k of the 1D heat equation
 * u_t = k u_xx from noisy observations of its solution u = e^{−kπ²t} sin πx. The observation
 * points are drawn uniformly in [0, 1] × [0, T] and the values get Gaussian noise of standard
 * deviation σ, both from the run's seed. A PINN and φ = log k are trained together on the PDE
 * residual (with k = e^φ), the boundary and initial conditions (optional) and the data misfit.
 *
 * References: the true k, and the exact solution for the field. Checks: the relative error
 * |k̂ − k|/k and the relative L2 error of u, each below a bound that the defaults reach.
 *
 * Checkpoints: every `checkpointEvery` steps (default 100) and at the switch to L-BFGS, the
 * k̂ trajectory included; `physml run --resume` continues with the same numbers (see
 * pinn-resumable-training.ts).
 *
 * Default settings: true k = 0.5, guess 0.1, T = 1, 500 observations with σ = 0.01, MLP
 * 2→20→20→20→1 tanh, 1000 interior, 100 boundary and 100 initial points, all loss weights 1,
 * Adam 1000 steps at learning rate 1e-2, then L-BFGS 1000 steps. Measured with seed 0:
 * k̂ = 0.4982 (relative error 3.6e-3), relative L2 of u 2.6e-3, 175 s of CPU time.
 */
import { z } from 'zod';
import { split } from '../core/random/index.js';
import { errorAgainst, inverseHeat, inverseHeatConductivity, testGrid } from '../pinn/index.js';
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
  conductivity: z.number().min(1e-3).max(10).default(0.5).describe('the true conductivity k'),
  initialConductivity: z.number().min(1e-3).max(10).default(0.1).describe('the starting guess of k'),
  duration: z.number().min(0.01).max(10).default(1).describe('final time T'),
  observationCount: z.number().int().min(1).max(100000).default(500).describe('number of noisy observations'),
  noise: z.number().min(0).max(1).default(0.01).describe('standard deviation σ of the observation noise'),
  includeConditions: z
    .boolean()
    .default(true)
    .describe('include the boundary and initial conditions in the loss (else: residual and data only)'),
  dataWeight: z.number().min(0).max(1e6).default(1).describe('weight of the data misfit in the loss'),
  interiorCount: z.number().int().min(1).max(100000).default(1000).describe('interior collocation points'),
  boundaryCount: z.number().int().min(1).max(100000).default(100).describe('boundary points'),
  initialCount: z.number().int().min(1).max(100000).default(100).describe('initial points (t = 0)'),
  ...pinnTrainingParams({
    hiddenSizes: [20, 20, 20],
    adamSteps: 1000,
    learningRate: 1e-2,
    lbfgsSteps: 1000,
    testPointsPerAxis: 41,
  }),
  ...pinnCheckpointParams,
  conductivityBound: z
    .number()
    .min(1e-8)
    .max(10)
    .default(1e-2)
    .describe('the check: relative error |k̂ − k|/k below this (the defaults reach 3.6e-3)'),
  errorBound: z
    .number()
    .min(1e-8)
    .max(10)
    .default(1e-2)
    .describe('the check: relative L2 error of u below this (the defaults reach 2.6e-3)'),
});

/** The conductivity of the heat equation recovered from noisy data by a PINN. */
export const pinnInverseHeat = defineExperiment({
  name: 'pinn-inverse-heat',
  title: 'A PINN recovers the conductivity of the heat equation from noisy data',
  description:
    'Noisy observations of u = e^{−kπ²t} sin πx are fitted by an MLP u(x, t) that must also satisfy ' +
    'u_t = e^φ u_xx, with φ = log k trained together with the network (Adam, then L-BFGS). The recovered ' +
    'k̂ = e^φ is compared with the true k, and the field with the exact solution on a test grid.',
  params,
  metrics: {
    ...pinnMetrics,
    recoveredConductivity: { description: 'the conductivity k̂ = e^φ at the end of training' },
    conductivityError: { description: 'relative error |k̂ − k|/k of the recovered conductivity' },
  },
  tour: {
    hiddenSizes: [10, 10],
    interiorCount: 128,
    boundaryCount: 32,
    initialCount: 32,
    observationCount: 128,
    adamSteps: 200,
    lbfgsSteps: 200,
    testPointsPerAxis: 21,
    conductivityBound: 0.05,
    errorBound: 0.05,
  },
  async run(p, context) {
    const [dataKey, trainKey] = split(context.key, 2);
    const problem = inverseHeat({
      conductivity: p.conductivity,
      initialConductivity: p.initialConductivity,
      duration: p.duration,
      observationCount: p.observationCount,
      noise: p.noise,
      key: dataKey,
      dataWeight: p.dataWeight,
      includeConditions: p.includeConditions,
      interiorCount: p.interiorCount,
      boundaryCount: p.boundaryCount,
      initialCount: p.initialCount,
      sampling: p.sampling,
    });
    const exact = problem.exact as (point: Float64Array) => number;
    const result = trainPinnExperiment(problem, p, 1, trainKey, context);
    // k̂ after each step; entry 0 is the guess itself (e^{log k} need not give back its last bit).
    const trajectory = [
      p.initialConductivity,
      ...result.physicalHistory.slice(1).map((phi) => inverseHeatConductivity(phi)),
    ];
    const recovered = inverseHeatConductivity(result.physicalParameters);
    const grid = testGrid(problem.domain, p.testPointsPerAxis);
    const error = errorAgainst(result.predict(grid), valuesAt(exact, grid, 2));
    const metrics: Record<string, MetricValue> = {
      recoveredConductivity: recovered,
      conductivityError: Math.abs(recovered - p.conductivity) / p.conductivity,
      relativeL2: error.relativeL2,
      maxError: error.maxError,
      trainingSeconds: result.seconds,
      finalLoss: result.lossHistory[result.lossHistory.length - 1],
    };
    const plane = planeGrid(mapSide, mapSide, [0, 1], [0, p.duration], (x, t) => [x, t]);
    const observed = { x: [] as number[], y: [] as number[] };
    const points = problem.observations?.[0].points ?? new Float64Array(0);
    for (let i = 0; i < points.length; i += 2) {
      observed.x.push(points[i]);
      observed.y.push(points[i + 1]);
    }
    const steps = trajectory.map((_, i) => i);
    return {
      metrics,
      reference: {
        recoveredConductivity: p.conductivity,
        conductivityError: `true k = ${p.conductivity}; check: below ${p.conductivityBound}`,
        relativeL2: `exact solution e^{−kπ²t} sin πx; check: below ${p.errorBound}`,
        maxError: 'exact solution on the same grid',
      },
      checks: [boundCheck('conductivityError', p.conductivityBound), boundCheck('relativeL2', p.errorBound)],
      plots: [
        {
          kind: 'line',
          title: 'Recovered conductivity k̂ = e^φ during training',
          caption: `From the guess ${p.initialConductivity} towards the true k = ${p.conductivity} (Adam for ${result.switchStep} steps, then L-BFGS).`,
          x: { title: 'step' },
          y: { title: 'k̂' },
          series: [
            { name: 'k̂', x: steps, y: trajectory },
            { name: 'true k', x: [0, steps.length - 1], y: [p.conductivity, p.conductivity] },
          ],
        },
        {
          kind: 'scatter',
          title: 'Observation points',
          caption: `${p.observationCount} points, values u(x, t) + N(0, ${p.noise}²).`,
          x: { title: 'x' },
          y: { title: 't' },
          series: [{ name: 'observations', ...observed }],
        },
        ...comparisonHeatmaps({
          grid: plane,
          predicted: result.predict(plane.points),
          exact: valuesAt(exact, plane.points, 2),
          quantity: 'u',
          where: '',
          x: { title: 'x' },
          y: { title: 't' },
        }),
        lossCurvePlot(result),
      ],
      tables: [lossTermsTable(result)],
    };
  },
});
