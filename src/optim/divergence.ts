/**
 * Divergence: an iterate or its energy became non-finite, or the iterate left the ball
 * `‖x‖ ≤ maxNorm`. For an explicit method that almost always means the step size broke the
 * stability bound of the local quadratic model, `η < 2/λmax` for gradient descent. So the
 * error measures λmax of the local Hessian (a few Lanczos iterations) and says what the
 * step size must satisfy, e.g.
 * `gradient descent diverged at step 7: energy = 3.2e+15 …; the local Hessian at step 0
 * has λmax ≈ 10, so the step size must satisfy η < 2/λmax = 0.2 (it is 0.25)`.
 */
import type { Iterate } from './optimizer.js';
import type { StabilityCondition } from './stability.js';

/** Why an iterate counts as diverged. */
export type DivergenceReason =
  | 'non-finite position'
  | 'non-finite energy'
  | 'non-finite gradient'
  | 'position norm above bound';

/** The facts behind a {@link DivergenceError}. */
export interface DivergenceDetails {
  /** Name of the optimizer that diverged. */
  readonly optimizer: string;
  /** The step (1-based, counted over the whole run) that produced the diverged iterate. */
  readonly step: number;
  readonly reason: DivergenceReason;
  /** U at the diverged iterate (possibly non-finite). */
  readonly energy: number;
  /** ‖x‖₂ of the diverged iterate (possibly non-finite). */
  readonly positionNorm: number;
  /** The bound on ‖x‖ in force. */
  readonly maxNorm: number;
  /** λmax of the Hessian at the point where it was measured, when the estimate succeeded. */
  readonly largestCurvature?: number;
  /** The step whose iterate the curvature was measured at (the lowest energy reached). */
  readonly curvatureStep?: number;
  /** The optimizer's stability condition at that curvature, when it has a simple one. */
  readonly stability?: StabilityCondition;
  /** Why the curvature could not be estimated, when it could not. */
  readonly curvatureFailure?: string;
}

/** Three significant digits without trailing zeros, exponential outside [1e-4, 1e5): 0.2, 10, 3.2e+15. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e5 || size < 1e-4)) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${Number(mantissa)}e${exponent}`;
  }
  return String(Number(value.toPrecision(3)));
}

/** The sentence describing a divergence (the message of {@link DivergenceError}). */
export function divergenceMessage(details: DivergenceDetails): string {
  const { optimizer, step, reason, energy, positionNorm, maxNorm } = details;
  const what =
    reason === 'position norm above bound'
      ? `|x| = ${formatNumber(positionNorm)} > ${formatNumber(maxNorm)} (energy = ${formatNumber(energy)})`
      : reason === 'non-finite energy'
        ? `energy = ${energy} (non-finite)`
        : reason === 'non-finite gradient'
          ? `the gradient is non-finite (energy = ${formatNumber(energy)})`
          : `the iterate is non-finite (|x| = ${positionNorm})`;
  let message = `${optimizer} diverged at step ${step}: ${what}`;
  const curvature = details.largestCurvature;
  if (curvature === undefined) {
    if (details.curvatureFailure) {
      message += `; the local Hessian could not be measured (${details.curvatureFailure})`;
    }
    return message;
  }
  const where = `the local Hessian at step ${details.curvatureStep ?? 0} (lowest energy reached)`;
  if (!(curvature > 0)) {
    return (
      `${message}; ${where} has λmax ≈ ${formatNumber(curvature)} ≤ 0: the energy is not convex there ` +
      'and may be unbounded below, so no step size makes the iteration stable'
    );
  }
  const { stability } = details;
  if (stability) {
    const verdict =
      stability.value < stability.bound ? ', which it meets there: the curvature grew along the way' : '';
    return (
      `${message}; ${where} has λmax ≈ ${formatNumber(curvature)}, so the step size must satisfy ` +
      `${stability.formula} = ${formatNumber(stability.bound)} (it is ${formatNumber(stability.value)})${verdict}`
    );
  }
  return (
    `${message}; ${where} has λmax ≈ ${formatNumber(curvature)}, so gradient descent would need ` +
    `η < 2/λmax = ${formatNumber(2 / curvature)}`
  );
}

/** Thrown by `minimize` when an iterate diverges; carries the facts as fields. */
export class DivergenceError extends Error {
  /** Name of the optimizer that diverged. */
  readonly optimizer: string;
  /** The step (1-based over the whole run) that produced the diverged iterate. */
  readonly step: number;
  readonly reason: DivergenceReason;
  /** The offending value: the energy when it is non-finite, otherwise ‖x‖. */
  readonly value: number;
  /** U at the diverged iterate. */
  readonly energy: number;
  /** ‖x‖ of the diverged iterate. */
  readonly positionNorm: number;
  /** The bound on ‖x‖ in force. */
  readonly maxNorm: number;
  /** λmax of the local Hessian, when measured. */
  readonly largestCurvature: number | undefined;
  /** The stability condition (formula, bound, current value), when the optimizer has one. */
  readonly stability: StabilityCondition | undefined;
  /** The step size bound (`stability.bound`, or 2/λmax when no condition is known). */
  readonly stepSizeBound: number | undefined;

  constructor(details: DivergenceDetails) {
    super(divergenceMessage(details));
    this.name = 'DivergenceError';
    this.optimizer = details.optimizer;
    this.step = details.step;
    this.reason = details.reason;
    this.energy = details.energy;
    this.positionNorm = details.positionNorm;
    this.maxNorm = details.maxNorm;
    this.value = details.reason === 'non-finite energy' ? details.energy : details.positionNorm;
    this.largestCurvature = details.largestCurvature;
    this.stability = details.stability;
    const curvature = details.largestCurvature;
    this.stepSizeBound =
      details.stability?.bound ?? (curvature !== undefined && curvature > 0 ? 2 / curvature : undefined);
  }
}

/** Why `point` counts as diverged under the bound `maxNorm`, or undefined when it is fine. */
export function divergenceReason(point: Iterate, maxNorm: number): DivergenceReason | undefined {
  const { position, gradient } = point;
  let sum = 0;
  for (let i = 0; i < position.length; i++) sum += position[i] * position[i];
  if (!Number.isFinite(sum)) {
    for (let i = 0; i < position.length; i++) if (!Number.isFinite(position[i])) return 'non-finite position';
  }
  if (!Number.isFinite(point.energy)) return 'non-finite energy';
  if (!(Math.sqrt(sum) <= maxNorm)) return 'position norm above bound';
  for (let i = 0; i < gradient.length; i++) if (!Number.isFinite(gradient[i])) return 'non-finite gradient';
  return undefined;
}

/** ‖x‖₂ (overflow-safe enough for messages: an overflowing sum reports Infinity). */
export function euclideanNorm(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum);
}
