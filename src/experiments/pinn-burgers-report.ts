/**
 * Report pieces of `pinn-burgers`: the snapshots u(x, t) of the PINN over the Cole–Hopf
 * solution at a few times, the settings table and the table of the two references' checks.
 */
import {
  BURGERS_STEEPEST_SLOPE,
  BURGERS_STEEPEST_TIME,
  type BurgersColeHopf,
  type BurgersSpectralSolution,
  type TrainPinnResult,
} from '../pinn/index.js';
import type { Table } from './framework/define.js';
import type { LinePlotSpec } from './framework/plot-spec.js';

/** Points along x of a snapshot curve (fine enough to draw the shock's width ~2ν = 0.006). */
const SNAPSHOT_POINTS = 801;

/** u(x, t) of the PINN and of Cole–Hopf at each of `times`, as one line plot. */
export function burgersSnapshotPlot(
  predict: (points: Float64Array) => Float64Array,
  reference: BurgersColeHopf,
  times: readonly number[],
): LinePlotSpec {
  const x = Array.from({ length: SNAPSHOT_POINTS }, (_, i) => -1 + (2 * i) / (SNAPSHOT_POINTS - 1));
  const series: LinePlotSpec['series'] = [];
  for (const t of times) {
    const points = Float64Array.from(x.flatMap((value) => [value, t]));
    series.push({ name: `PINN, t = ${t}`, x, y: Array.from(predict(points)) });
    series.push({ name: `Cole–Hopf, t = ${t}`, x, y: Array.from(reference.uAt(points)) });
  }
  return {
    kind: 'line',
    title: 'Snapshots u(x, t)',
    caption:
      'The PINN against the exact solution at fixed times: the front steepens into a shock at x = 0 ' +
      '(formed near t = 1/π ≈ 0.32), whose width ~2ν ≈ 0.006 is the hardest part to learn.',
    x: { title: 'x' },
    y: { title: 'u' },
    series,
  };
}

/** The relative L2 test error along training, with the Adam → L-BFGS switch marked. */
export function burgersErrorCurvePlot(result: {
  errorSteps: number[];
  errors: number[];
  switchStep: number;
  refinementSteps: number[];
}): LinePlotSpec {
  const { errorSteps, errors, switchStep, refinementSteps } = result;
  const series: LinePlotSpec['series'] = [{ name: 'relative L2 error', x: errorSteps, y: errors }];
  const positive = errors.filter((value) => value > 0);
  const last = errorSteps[errorSteps.length - 1];
  if (switchStep > 0 && last > switchStep && positive.length > 0) {
    series.push({
      name: 'switch to L-BFGS',
      x: [switchStep, switchStep],
      y: [Math.min(...positive), Math.max(...positive)],
    });
  }
  return {
    kind: 'line',
    title: 'Test error during training',
    caption:
      'Relative L2 error against Cole–Hopf on the test grid, recorded every few steps' +
      (refinementSteps.length > 0
        ? `; points of large residual added at steps ${refinementSteps.join(', ')}.`
        : '.'),
    x: { title: 'step' },
    y: { title: 'relative L2 error', scale: 'log' },
    series,
    points: true,
  };
}

/** The training settings and cost. */
export function burgersSettingsTable(
  p: {
    hiddenSizes: number[];
    activation: string;
    interiorCount: number;
    boundaryCount: number;
    initialCount: number;
    sampling: string;
    adamSteps: number;
    learningRate: number;
    lbfgsSteps: number;
    refinementRounds: number;
    refinementPoints: number;
    refinementCandidates: number;
    testPointsPerAxis: number;
  },
  parameterCount: number,
  result: TrainPinnResult & { refinementSteps: number[]; interiorCount: number },
): Table {
  return {
    title: 'Settings',
    columns: ['setting', 'value'],
    rows: [
      ['network', `2 → ${p.hiddenSizes.join(' → ')} → 1, ${p.activation} (${parameterCount} parameters)`],
      [
        'collocation points',
        `${p.interiorCount} interior, ${p.boundaryCount} boundary, ${p.initialCount} initial (${p.sampling})`,
      ],
      ['Adam', `${result.switchStep} steps, learning rate ${p.learningRate}`],
      ['L-BFGS', `${result.lossHistory.length - 1 - result.switchStep} steps (of ${p.lbfgsSteps} asked)`],
      [
        'refinement',
        p.refinementRounds === 0
          ? 'none'
          : `${p.refinementPoints} of ${p.refinementCandidates} candidates by |residual|, before steps ${result.refinementSteps.join(', ')}; ${result.interiorCount} interior points at the end`,
      ],
      ['training time', `${result.seconds.toFixed(1)} s`],
      ['test grid', `${p.testPointsPerAxis} × ${p.testPointsPerAxis} points of [−1, 1] × [0, 1]`],
    ],
  };
}

/** The reference checks: Cole–Hopf against the literature, the spectral solver against Cole–Hopf. */
export function burgersReferenceTable(options: {
  referenceSteepestSlope: number;
  solverDiscrepancy: number;
  solver: BurgersSpectralSolution;
  nodes: number;
}): Table {
  const { referenceSteepestSlope, solverDiscrepancy, solver, nodes } = options;
  return {
    title: 'References',
    columns: ['quantity', 'value', 'compared with'],
    rows: [
      [
        `u_x(0, ${BURGERS_STEEPEST_TIME.toFixed(6)}), Cole–Hopf with ${nodes} Gauss–Hermite nodes`,
        referenceSteepestSlope.toFixed(7),
        `${BURGERS_STEEPEST_SLOPE} (Basdevant et al. 1986)`,
      ],
      [
        `max |spectral − Cole–Hopf| (${solver.x.length} modes, ${solver.steps} ETDRK4 steps)`,
        solverDiscrepancy.toExponential(2),
        '0',
      ],
    ],
  };
}
