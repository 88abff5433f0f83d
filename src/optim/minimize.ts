/**
 * The driver: runs any optimizer (a gradient transformation or an energy optimizer) on an
 * energy from x0 until the gradient is small, the step budget is spent, the optimizer
 * stalls, or a callback stops it; detects divergence and explains it (see `divergence.ts`).
 *
 * Phases switch optimizers mid-run from the point reached, e.g. Adam to explore, then
 * L-BFGS to converge tightly:
 * ```ts
 * minimize(energy, x0, { phases: [{ optimizer: adam({ learningRate: 1e-2 }), steps: 500 }, { optimizer: lbfgs() }] });
 * ```
 * Every phase but the last needs a step count; the last runs until the run stops.
 *
 * Counting: the energy is wrapped so that every evaluation the optimizer makes is counted
 * (line-search trials included). The initial evaluation at x0 counts as one gradient
 * evaluation. History entry 0 is x0; entry k is the iterate after step k.
 */
import type { Energy } from '../energies/energy.js';
import { largestCurvature } from './curvature.js';
import { DivergenceError, type DivergenceReason, divergenceReason, euclideanNorm } from './divergence.js';
import { type EnergyOptimizer, type Iterate, type Optimizer, toEnergyOptimizer } from './optimizer.js';
import type { StabilityCondition } from './stability.js';

/** One phase of a multi-phase run. */
export interface OptimizerPhase {
  readonly optimizer: Optimizer;
  /** Steps in this phase (integer ≥ 0); optional for the last phase only. */
  readonly steps?: number;
}

/** What `onStep` receives after every accepted step. */
export interface StepInfo {
  /** 1-based step over the whole run. */
  readonly step: number;
  /** 0-based index of the current phase (0 for a single optimizer). */
  readonly phase: number;
  /** Name of the optimizer that made the step. */
  readonly optimizer: string;
  /** The new iterate (never mutated afterwards: safe to keep). */
  readonly position: Float64Array;
  readonly energy: number;
  readonly gradient: Float64Array;
  readonly gradientNorm: number;
  /** The optimizer's state after the step (e.g. heavy-ball dynamics' mechanical energy). */
  readonly state: unknown;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Largest total number of steps over all phases (integer ≥ 0, default 1000). */
  maxSteps?: number;
  /** Converged when ‖∇U‖₂ ≤ gradientTolerance (≥ 0, default 1e-8; 0 never converges early). */
  gradientTolerance?: number;
  /** Called after every step; returning exactly `false` stops the run (anything else goes on). */
  onStep?: (info: StepInfo) => unknown;
  /** Divergence detection. */
  divergence?: {
    /** Bound on ‖x‖₂ beyond which the run counts as diverged (> 0, default 1e12; Infinity disables). */
    maxNorm?: number;
    /** Measure λmax of the local Hessian for the error message (default true). */
    measureCurvature?: boolean;
  };
}

/** Why a run stopped. */
export type StopReason =
  | 'gradient tolerance'
  | 'max steps'
  | 'phases completed'
  | 'stalled'
  | 'stopped by callback';

/** The outcome of {@link minimize}. */
export interface MinimizeResult {
  /** The last iterate. */
  x: Float64Array;
  /** U(x). */
  energy: number;
  /** ∇U(x). */
  gradient: Float64Array;
  gradientNorm: number;
  /** Accepted steps. */
  steps: number;
  /** Evaluations of U and ∇U together (including the one at x0). */
  gradientEvaluations: number;
  /** Evaluations of U alone. */
  energyEvaluations: number;
  /** Hessian-vector products requested from the energy. */
  hessianVectorProducts: number;
  /** Dense Hessians requested from the energy. */
  hessianEvaluations: number;
  /** Whether ‖∇U(x)‖ ≤ gradientTolerance at the end. */
  converged: boolean;
  reason: StopReason;
  /** The optimizer's explanation when `reason` is `'stalled'`. */
  stallMessage?: string;
  /** Per iterate (entry 0 is x0): energy and gradient norm. */
  history: { energy: number[]; gradientNorm: number[] };
  /** Per phase: optimizer name, first step and number of steps taken. */
  phases: { optimizer: string; startStep: number; steps: number }[];
}

interface Counts {
  energy: number;
  gradient: number;
  hessianVector: number;
  hessian: number;
}

/** `energy` with every evaluation counted in `counts`. */
function countingEnergy(energy: Energy, counts: Counts): Energy {
  const counted: Energy = {
    name: energy.name,
    dimension: energy.dimension,
    energy(x) {
      counts.energy++;
      return energy.energy(x);
    },
    energyAndGradient(x, gradient) {
      counts.gradient++;
      return energy.energyAndGradient(x, gradient);
    },
  };
  if (energy.hessianVector) {
    const hessianVector = energy.hessianVector.bind(energy);
    counted.hessianVector = (x, v, out) => {
      counts.hessianVector++;
      hessianVector(x, v, out);
    };
  }
  if (energy.hessian) {
    const hessian = energy.hessian.bind(energy);
    counted.hessian = (x) => {
      counts.hessian++;
      return hessian(x);
    };
  }
  return counted;
}

function validatedPhases(optimizer: Optimizer | { phases: readonly OptimizerPhase[] }): OptimizerPhase[] {
  if (optimizer !== null && typeof optimizer === 'object' && 'phases' in optimizer) {
    const { phases } = optimizer;
    if (!Array.isArray(phases) || phases.length === 0) {
      throw new Error('minimize: phases must be a non-empty array of { optimizer, steps }');
    }
    phases.forEach((phase, i) => {
      const last = i === phases.length - 1;
      if (phase.steps === undefined ? !last : !Number.isInteger(phase.steps) || phase.steps < 0) {
        throw new Error(
          `minimize: phases[${i}].steps must be an integer ≥ 0${last ? '' : ' (only the last phase may omit it)'}, ` +
            `got ${phase.steps}`,
        );
      }
    });
    return phases.slice();
  }
  return [{ optimizer: optimizer as Optimizer }];
}

/** Runs `optimizer` (or a sequence of phases) on `energy` from `x0`; see the file comment. */
export function minimize(
  energy: Energy,
  x0: ArrayLike<number>,
  optimizer: Optimizer | { phases: readonly OptimizerPhase[] },
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = energy.dimension;
  if (x0.length !== n)
    throw new Error(`minimize: x0 must have energy.dimension = ${n} entries, got ${x0.length}`);
  const start = Float64Array.from(x0);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(start[i])) {
      throw new Error(`minimize: x0 must be finite, but x0[${i}] = ${start[i]}`);
    }
  }
  const maxSteps = options.maxSteps ?? 1000;
  if (!Number.isInteger(maxSteps) || maxSteps < 0) {
    throw new Error(`minimize: maxSteps must be an integer ≥ 0, got ${maxSteps}`);
  }
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  if (!(gradientTolerance >= 0)) {
    throw new Error(`minimize: gradientTolerance must be a number ≥ 0, got ${gradientTolerance}`);
  }
  const maxNorm = options.divergence?.maxNorm ?? 1e12;
  if (!(maxNorm > 0)) throw new Error(`minimize: divergence.maxNorm must be a number > 0, got ${maxNorm}`);
  const measureCurvature = options.divergence?.measureCurvature ?? true;
  const phases = validatedPhases(optimizer);
  const optimizers = phases.map((phase) => toEnergyOptimizer(phase.optimizer));

  const counts: Counts = { energy: 0, gradient: 0, hessianVector: 0, hessian: 0 };
  const counted = countingEnergy(energy, counts);
  const first = new Float64Array(n);
  let point: Iterate = { position: start, energy: counted.energyAndGradient(start, first), gradient: first };
  const initialProblem = divergenceReason(point, Number.POSITIVE_INFINITY);
  if (initialProblem) {
    throw new Error(
      `minimize: the starting point is not usable: ${initialProblem} (energy = ${point.energy})`,
    );
  }
  let gradientNorm = euclideanNorm(point.gradient);
  const history = { energy: [point.energy], gradientNorm: [gradientNorm] };
  const phaseReport: MinimizeResult['phases'] = [];
  let best = { point, step: 0 };
  let step = 0;
  let reason: StopReason | undefined = gradientNorm <= gradientTolerance ? 'gradient tolerance' : undefined;
  let stallMessage: string | undefined;

  for (let p = 0; p < phases.length && reason === undefined; p++) {
    const active = optimizers[p];
    const budget = phases[p].steps ?? Number.POSITIVE_INFINITY;
    const report = { optimizer: active.name, startStep: step + 1, steps: 0 };
    phaseReport.push(report);
    let state = active.init(counted, point);
    while (reason === undefined && report.steps < budget) {
      if (step >= maxSteps) {
        reason = 'max steps';
        break;
      }
      const result = active.step(counted, point, state);
      if (result.stalled !== undefined) {
        reason = 'stalled';
        stallMessage = `${active.name}: ${result.stalled}`;
        break;
      }
      const problem = divergenceReason(result.point, maxNorm);
      if (problem) {
        throw diverged(
          energy,
          active,
          state,
          report.steps,
          step + 1,
          result.point,
          problem,
          maxNorm,
          best,
          measureCurvature,
        );
      }
      state = result.state;
      point = result.point;
      step++;
      report.steps++;
      gradientNorm = euclideanNorm(point.gradient);
      history.energy.push(point.energy);
      history.gradientNorm.push(gradientNorm);
      if (point.energy < best.point.energy) best = { point, step };
      const proceed = options.onStep?.({
        step,
        phase: p,
        optimizer: active.name,
        position: point.position,
        energy: point.energy,
        gradient: point.gradient,
        gradientNorm,
        state,
      });
      if (gradientNorm <= gradientTolerance) reason = 'gradient tolerance';
      else if (proceed === false) reason = 'stopped by callback';
    }
  }
  return {
    x: point.position,
    energy: point.energy,
    gradient: point.gradient,
    gradientNorm,
    steps: step,
    gradientEvaluations: counts.gradient,
    energyEvaluations: counts.energy,
    hessianVectorProducts: counts.hessianVector,
    hessianEvaluations: counts.hessian,
    converged: gradientNorm <= gradientTolerance,
    reason: reason ?? (step >= maxSteps ? 'max steps' : 'phases completed'),
    stallMessage,
    history,
    phases: phaseReport,
  };
}

/** Builds the DivergenceError, measuring λmax at the lowest-energy iterate reached. */
function diverged(
  energy: Energy,
  active: EnergyOptimizer<unknown>,
  state: unknown,
  stepIndex: number,
  step: number,
  point: Iterate,
  reason: DivergenceReason,
  maxNorm: number,
  best: { point: Iterate; step: number },
  measureCurvature: boolean,
): DivergenceError {
  let curvature: number | undefined;
  let stability: StabilityCondition | undefined;
  let curvatureFailure: string | undefined;
  if (measureCurvature) {
    try {
      // The raw energy: these evaluations are diagnostics, not part of the run's cost.
      curvature = largestCurvature(energy, best.point.position).value;
      if (curvature > 0) stability = active.stability?.(curvature, stepIndex, state);
    } catch (error) {
      curvatureFailure = error instanceof Error ? error.message : String(error);
    }
  }
  return new DivergenceError({
    optimizer: active.name,
    step,
    reason,
    energy: point.energy,
    positionNorm: euclideanNorm(point.position),
    maxNorm,
    largestCurvature: curvature,
    curvatureStep: best.step,
    stability,
    curvatureFailure,
  });
}
