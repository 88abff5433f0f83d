/**
 * Experiment `pinn-burgers` (issue 6): a physics-informed network learns viscous Burgers
 * u_t + u u_x = ν u_xx, ν = 0.01/π, on [−1, 1] × [0, 1] with u(x, 0) = −sin πx and
 * u(±1, t) = 0 — the benchmark of Raissi et al. (2019) — from the PDE residual and the
 * boundary and initial conditions alone. A shock forms at x = 0 near t = 1/π.
 *
 * Two references, computed independently and checked against each other and the literature:
 * the exact Cole–Hopf solution by Gauss–Hermite quadrature (its u_x(0, 1.6037/π) must match
 * Basdevant et al.'s −152.00516), and physml's Fourier pseudo-spectral ETDRK4 solver (its
 * maximum distance to Cole–Hopf on its own grid, through the shock, must be below 1e-6). The
 * PINN's relative L2 and max errors are measured against Cole–Hopf on a regular (x, t) grid.
 *
 * Training (pinn-burgers-training.ts): Adam, then L-BFGS in segments, each after adding the
 * candidate points of largest residual (residual-based adaptive refinement) to the
 * Latin-hypercube collocation points; the test error is recorded along the way and the Adam
 * phase is checkpointed.
 */
import { z } from 'zod';
import { split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import { type ActivationName, mlp, mlpInputDerivatives, mlpToJson } from '../models/mlp/index.js';
import {
  BURGERS_STEEPEST_SLOPE,
  BURGERS_STEEPEST_TIME,
  type BurgersColeHopf,
  type BurgersSpectralSolution,
  burgers,
  burgersColeHopf,
  errorAgainst,
  solveBurgersSpectral,
} from '../pinn/index.js';
import { type Check, defineExperiment, type MetricValue } from './framework/define.js';
import {
  burgersErrorCurvePlot,
  burgersReferenceTable,
  burgersSettingsTable,
  burgersSnapshotPlot,
} from './pinn-burgers-report.js';
import { trainBurgersPinn } from './pinn-burgers-training.js';
import {
  boundCheck,
  comparisonHeatmaps,
  lossCurvePlot,
  lossTermsTable,
  pinnMetrics,
  pinnTrainingParams,
  planeGrid,
} from './pinn-common.js';

/**
 * The relative L2 error the default parameters must reach (the check when errorBound = 0): the
 * target 5e-3. Measured with Raissi et al.'s network (8 hidden layers of 20 tanh units) and
 * 10 000 interior points (11 000 after refinement), Adam 1000 then L-BFGS 10 000 steps, on the
 * fused WebAssembly Taylor pass: seed 0 1.17e-3 (max error 7.1e-3 at the shock; the PINN's
 * u_x(0, 1.6037/π) = −152.13 against −152.005), seed 1 1.41e-3 (max error 2.0e-2; −151.96),
 * 32 minutes each with both on a 2-core machine; with the separate multiply-add build, seed 0
 * gave 1.32e-3 (36.5 minutes, loaded).
 * Raissi et al. report 6.7e-4 with L-BFGS to convergence. The earlier default (4 × 20, 2000
 * points, L-BFGS 5000) reached only 2.05e-2 and 5.06e-2 in two runs that differed in round-off,
 * and without refinement it stalls at 0.21, its shock drifted off x = 0.
 */
export const PINN_BURGERS_DEFAULT_BOUND = 5e-3;

/** Tolerance of the Cole–Hopf u_x(0, 1.6037/π) against −152.00516 (a unit of the last digit). */
export const BURGERS_SLOPE_TOLERANCE = 1e-5;

/** The largest admitted |spectral solver − Cole–Hopf| (see `discrepancyOnSolverGrid`). */
export const BURGERS_SOLVER_TOLERANCE = 1e-6;

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

// Resampling is left out: L-BFGS, and the resumption after the Adam checkpoint, keep one batch.
const { resampleEvery: _resampleEvery, ...trainingParams } = pinnTrainingParams({
  hiddenSizes: [20, 20, 20, 20, 20, 20, 20, 20],
  adamSteps: 1000,
  learningRate: 1e-3,
  lbfgsSteps: 10000,
  testPointsPerAxis: 201,
});

const params = z
  .object({
    interiorCount: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .default(10000)
      .describe('interior collocation points (as Raissi et al.)'),
    boundaryCount: z.number().int().min(1).max(100000).default(100).describe('boundary points on x = ±1'),
    initialCount: z.number().int().min(1).max(100000).default(100).describe('initial points on t = 0'),
    ...trainingParams,
    refinementRounds: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(5)
      .describe('L-BFGS segments, each after adding the points of largest residual (0: no refinement)'),
    refinementPoints: z.number().int().min(1).max(10000).default(200).describe('points added per refinement'),
    refinementCandidates: z
      .number()
      .int()
      .min(10)
      .max(200000)
      .default(20000)
      .describe('uniform candidate points per refinement, ranked by |residual|'),
    quadratureNodes: z
      .number()
      .int()
      .min(16)
      .max(4096)
      .default(128)
      .describe('Gauss–Hermite nodes of the Cole–Hopf reference'),
    solverPoints: z
      .number()
      .int()
      .min(256)
      .max(16384)
      .default(2048)
      .describe('grid points of the spectral reference solver (a power of two)'),
    solverTimeStep: z
      .number()
      .min(1e-5)
      .max(2e-3)
      .default(5e-4)
      .describe('largest ETDRK4 time step of the spectral solver'),
    errorBound: z
      .number()
      .min(0)
      .max(10)
      .default(0)
      .describe(
        `the check: PINN relative L2 below this; 0 = the bound the defaults reach (${PINN_BURGERS_DEFAULT_BOUND})`,
      ),
  })
  .refine((p) => isPowerOfTwo(p.solverPoints), {
    message: 'solverPoints must be a power of two (256, 512, …, 16384)',
    path: ['solverPoints'],
  });

/**
 * max |solver − Cole–Hopf| over the solver's stored times at its own grid points: every point
 * with |x| < 0.05, where the shock (width ~2ν) puts the largest errors, and every 8th elsewhere.
 */
function discrepancyOnSolverGrid(solver: BurgersSpectralSolution, coleHopf: BurgersColeHopf): number {
  const n = solver.x.length;
  let worst = 0;
  for (let i = 0; i < solver.times.length; i++) {
    for (let j = 0; j < n; j++) {
      if (Math.abs(solver.x[j]) >= 0.05 && j % 8 !== 0) continue;
      const difference = solver.values[i * n + j] - coleHopf.u(solver.x[j], solver.times[i]);
      worst = Math.max(worst, Math.abs(difference));
    }
  }
  return worst;
}

/** Viscous Burgers learned by a PINN, against Cole–Hopf and physml's spectral solver. */
export const pinnBurgers = defineExperiment({
  name: 'pinn-burgers',
  title: 'A PINN learns viscous Burgers (ν = 0.01/π) through its shock',
  description:
    'An MLP u(x, t) is trained on the residual of u_t + u u_x = (0.01/π) u_xx with u(x, 0) = −sin πx and ' +
    'u(±1, t) = 0 (Raissi et al. 2019), with Adam and then L-BFGS. References: the exact Cole–Hopf solution ' +
    '(Gauss–Hermite quadrature; its u_x(0, 1.6037/π) is checked against Basdevant et al.’s −152.00516) and ' +
    "physml's Fourier pseudo-spectral ETDRK4 solver (checked against Cole–Hopf). The check bounds the PINN's " +
    'relative L2 error against Cole–Hopf on a regular test grid.',
  params,
  metrics: {
    ...pinnMetrics,
    relativeL2: { description: '‖u − u*‖₂/‖u*‖₂ on the test grid against the Cole–Hopf solution' },
    maxError: { description: 'max |u − u*| on the test grid (largest at the shock)' },
    pinnSteepestSlope: { description: "the PINN's u_x(0, 1.6037/π) (exact: −152.005)" },
    interiorPoints: { description: 'interior collocation points at the end, refinement included' },
    referenceSteepestSlope: { description: 'u_x(0, 1.6037/π) of the Cole–Hopf reference' },
    solverDiscrepancy: {
      description:
        "max |spectral solver − Cole–Hopf| at the solver's stored times, on its grid points (all within 0.05 of the shock, every 8th elsewhere)",
    },
    solverSeconds: { description: 'wall-clock time of the spectral solver', unit: 's' },
  },
  tour: {
    hiddenSizes: [10, 10],
    interiorCount: 256,
    boundaryCount: 32,
    initialCount: 32,
    adamSteps: 150,
    learningRate: 1e-2,
    lbfgsSteps: 100,
    testPointsPerAxis: 51,
    solverTimeStep: 1e-3,
    refinementRounds: 2,
    refinementPoints: 32,
    refinementCandidates: 2000,
    errorBound: 0.8,
  },
  async run(p, context) {
    const [networkKey, pointKey] = split(context.key, 2);
    const n = p.testPointsPerAxis;
    // The test grid: columns are times, rows are x from +1 (top) to −1, as in the heat maps.
    const grid = planeGrid(n, n, [0, 1], [-1, 1], (t, x) => [x, t]);
    const coleHopf = burgersColeHopf({ nodes: p.quadratureNodes });
    const exact = coleHopf.uAt(grid.points);
    const referenceSteepestSlope = coleHopf.ux(0, BURGERS_STEEPEST_TIME);
    const solverStart = performance.now();
    // Stored times coincide with the grid's, so only the x-interpolation (exact) is used.
    const solver = solveBurgersSpectral({
      points: p.solverPoints,
      maxTimeStep: p.solverTimeStep,
      snapshots: n,
    });
    const solverValues = solver.uAt(grid.points);
    const solverSeconds = (performance.now() - solverStart) / 1000;
    const solverDiscrepancy = discrepancyOnSolverGrid(solver, coleHopf);
    let testGridDiscrepancy = 0;
    for (let i = 0; i < exact.length; i++) {
      testGridDiscrepancy = Math.max(testGridDiscrepancy, Math.abs(solverValues[i] - exact[i]));
    }

    const problem = burgers({
      interiorCount: p.interiorCount,
      boundaryCount: p.boundaryCount,
      initialCount: p.initialCount,
      sampling: p.sampling,
      quadratureNodes: p.quadratureNodes,
    });
    const network = mlp({
      sizes: [2, ...p.hiddenSizes, 1],
      activation: p.activation as ActivationName,
      key: networkKey,
    });
    const totalSteps = p.adamSteps + p.lbfgsSteps;
    const result = trainBurgersPinn(
      problem,
      network,
      pointKey,
      {
        adamSteps: p.adamSteps,
        learningRate: p.learningRate,
        lbfgsSteps: p.lbfgsSteps,
        refinement: {
          rounds: p.refinementRounds,
          points: p.refinementPoints,
          candidates: p.refinementCandidates,
        },
        errorEvery: Math.max(10, Math.ceil(totalSteps / 100)),
        testPoints: grid.points,
        reference: exact,
      },
      context,
    );
    const predicted = result.predict(grid.points);
    const error = errorAgainst(predicted, exact);
    const steepest = mlpInputDerivatives(
      network,
      result.parameters,
      T.fromData(Float64Array.of(0, BURGERS_STEEPEST_TIME), [1, 2]),
    );
    const bound = p.errorBound > 0 ? p.errorBound : PINN_BURGERS_DEFAULT_BOUND;
    const metrics: Record<string, MetricValue> = {
      relativeL2: error.relativeL2,
      maxError: error.maxError,
      trainingSeconds: result.seconds,
      finalLoss: result.lossHistory[result.lossHistory.length - 1],
      pinnSteepestSlope: steepest.gradient.data[0],
      interiorPoints: result.interiorCount,
      referenceSteepestSlope,
      solverDiscrepancy,
      solverSeconds,
    };
    const checks: Check[] = [
      {
        metric: 'referenceSteepestSlope',
        reference: BURGERS_STEEPEST_SLOPE,
        tolerance: BURGERS_SLOPE_TOLERANCE,
        kind: 'absolute',
      },
      boundCheck('solverDiscrepancy', BURGERS_SOLVER_TOLERANCE),
      boundCheck('relativeL2', bound),
    ];
    const axes = { x: { title: 't' }, y: { title: 'x' } };
    return {
      metrics,
      reference: {
        relativeL2: `Cole–Hopf solution (${p.quadratureNodes} Gauss–Hermite nodes); check: below ${bound}`,
        referenceSteepestSlope: BURGERS_STEEPEST_SLOPE,
        pinnSteepestSlope: BURGERS_STEEPEST_SLOPE,
        solverDiscrepancy: `0 (two independent solutions of one PDE); check: below ${BURGERS_SOLVER_TOLERANCE}`,
      },
      checks,
      plots: [
        ...comparisonHeatmaps({ grid, predicted, exact, quantity: 'u', where: '', ...axes }),
        burgersSnapshotPlot(result.predict, coleHopf, [0.25, 0.5, 0.75]),
        {
          ...lossCurvePlot(result),
          caption:
            `Adam for ${result.switchStep} steps, then L-BFGS (the vertical line marks the switch)` +
            (result.refinementSteps.length > 0
              ? `, restarted after each refinement (steps ${result.refinementSteps.join(', ')}): the loss jumps where the new points of large residual enter.`
              : ' on the same collocation points.'),
        },
        burgersErrorCurvePlot(result),
        {
          kind: 'heatmap',
          title: 'Spectral solver − Cole–Hopf',
          caption:
            `${p.solverPoints} Fourier modes, ETDRK4 step ${solver.timeStep.toExponential(2)}, 2/3 dealiasing. ` +
            `Largest |difference| ${testGridDiscrepancy.toExponential(2)} on this grid and ` +
            `${solverDiscrepancy.toExponential(2)} on the solver's own grid through the shock.`,
          ...axes,
          color: { title: 'difference', scheme: 'diverging' },
          rows: grid.rows,
          columns: grid.columns,
          values: Array.from(solverValues, (value, i) => value - exact[i]),
          extent: { x: [0, 1], y: [1, -1] },
          aggregate: 'maxAbs',
        },
      ],
      tables: [
        burgersSettingsTable(p, network.parameterCount, result),
        burgersReferenceTable({
          referenceSteepestSlope,
          solverDiscrepancy,
          solver,
          nodes: p.quadratureNodes,
        }),
        lossTermsTable(result),
      ],
      artifacts: [
        {
          name: 'network.json',
          content: JSON.stringify(mlpToJson(network, result.parameters)),
          description: 'the trained MLP (mlpFromJson reads it back)',
        },
      ],
    };
  },
});
