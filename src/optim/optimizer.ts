/**
 * The two kinds of optimizer the driver `minimize` runs, and the bridge between them.
 *
 * - A {@link GradientTransformation} (gradient descent, heavy ball, Adam, …) sees only the
 *   gradient at the current point: one gradient evaluation per step.
 * - An {@link EnergyOptimizer} (L-BFGS, Newton, heavy-ball dynamics) sees the energy itself:
 *   it may evaluate U and ∇U several times per step (line searches) or use the Hessian.
 *   Its `step(energy, point, state)` returns the next {@link Iterate}, with U and ∇U
 *   already evaluated there, so the driver never evaluates twice.
 *
 * {@link asEnergyOptimizer} turns a transformation into an energy optimizer (update, add,
 * evaluate), so the driver has one loop for both.
 */
import type { Energy } from '../energies/energy.js';
import type { StabilityCondition } from './stability.js';
import { applyUpdates, type GradientTransformation } from './transform.js';

/** A point with its energy and gradient (all owned by the record; never mutated). */
export interface Iterate {
  readonly position: Float64Array;
  /** U(position). */
  readonly energy: number;
  /** ∇U(position). */
  readonly gradient: Float64Array;
}

/** What {@link EnergyOptimizer.step} returns. */
export interface EnergyOptimizerStep<S> {
  /** The next point (the same point when `stalled` is set). */
  readonly point: Iterate;
  readonly state: S;
  /**
   * Set when the optimizer cannot make progress from `point` (e.g. no step satisfies the line
   * search at machine precision): the driver stops and reports this reason.
   */
  readonly stalled?: string;
}

/** An optimizer that evaluates the energy itself (line searches, Newton, physical dynamics). */
export interface EnergyOptimizer<S = unknown> {
  /** Human-readable name, used in messages. */
  readonly name: string;
  /** The initial state at the starting point. */
  init(energy: Energy, point: Iterate): S;
  /** One iteration from `point` (whose energy and gradient are evaluated). */
  step(energy: Energy, point: Iterate, state: S): EnergyOptimizerStep<S>;
  /**
   * The step-size condition for stability given the largest curvature, for the step with
   * 0-based index `stepIndex` (see {@link GradientTransformation.stability}).
   */
  stability?(largestCurvature: number, stepIndex: number, state: S): StabilityCondition | undefined;
}

/** Anything `minimize` can run. */
export type Optimizer = GradientTransformation<unknown> | EnergyOptimizer<unknown>;

/** Whether `optimizer` is an {@link EnergyOptimizer} (it has `step`) rather than a transformation. */
export function isEnergyOptimizer(optimizer: Optimizer): optimizer is EnergyOptimizer<unknown> {
  return typeof (optimizer as EnergyOptimizer<unknown>).step === 'function';
}

/** Evaluates U and ∇U at `position` (kept, not copied) into a new {@link Iterate}. */
export function evaluateIterate(energy: Energy, position: Float64Array): Iterate {
  const gradient = new Float64Array(position.length);
  const value = energy.energyAndGradient(position, gradient);
  return { position, energy: value, gradient };
}

/**
 * A transformation run as an energy optimizer: `x ← x + update(∇U(x))`, then one evaluation
 * of U and ∇U at the new point. The state is the transformation's own.
 */
export function asEnergyOptimizer<S>(transform: GradientTransformation<S>): EnergyOptimizer<S> {
  if (typeof transform?.init !== 'function' || typeof transform.update !== 'function') {
    throw new Error('asEnergyOptimizer: transform must have init and update functions');
  }
  const stability = transform.stability;
  return {
    name: transform.name ?? 'gradient transformation',
    init: (_energy, point) => transform.init(point.position),
    step(energy, point, state) {
      const [update, next] = transform.update(point.gradient, state, point.position);
      return { point: evaluateIterate(energy, applyUpdates(point.position, update)), state: next };
    },
    stability: stability && ((curvature, stepIndex) => stability.call(transform, curvature, stepIndex)),
  };
}

/** `optimizer` as an {@link EnergyOptimizer}, wrapping transformations. */
export function toEnergyOptimizer(optimizer: Optimizer): EnergyOptimizer<unknown> {
  if (optimizer === null || typeof optimizer !== 'object') {
    throw new Error(
      `minimize: optimizer must be a gradient transformation or an energy optimizer, got ${optimizer}`,
    );
  }
  return isEnergyOptimizer(optimizer) ? optimizer : asEnergyOptimizer(optimizer);
}
