/**
 * Boundary and initial conditions, as data: each says where its points come from, how many
 * to draw, its weight in the loss and its target. Targets are plain functions of a point (and
 * the outward normal on boundaries) evaluated once per sampling, since they do not depend on
 * the parameters.
 *
 * - Dirichlet  u_k = g            on the boundary (or the part where `where(point)` holds);
 * - Neumann    ∂u_k/∂n = g        likewise, n the outward unit normal;
 * - periodic   u_k(…a…) = u_k(…b…) across the faces of a box along `axis` (and the normal
 *              derivative too if `derivative` is set);
 * - initial    u_k(x, 0) = u0(x), and ∂u_k/∂t(x, 0) = v0(x) if `velocity` is given (space-time
 *              domains only).
 */

/** A target: a constant, or a function of the point (and the outward normal on boundaries). */
export type Target = number | ((point: Float64Array, normal?: Float64Array) => number);

interface ConditionBase {
  /** Number of points drawn for this condition (integer ≥ 1). */
  count: number;
  /** Weight of its mean squared misfit in the loss (≥ 0, default 1). */
  weight?: number;
  /** Output component constrained (default 0). */
  output?: number;
  /** A label for loss reports (defaults to the kind). */
  name?: string;
}

/** u = value on the boundary part where `where` holds (everywhere by default). */
export interface DirichletCondition extends ConditionBase {
  kind: 'dirichlet';
  value: Target;
  where?: (point: Float64Array) => boolean;
}

/** ∂u/∂n = value on the boundary part where `where` holds. */
export interface NeumannCondition extends ConditionBase {
  kind: 'neumann';
  value: Target;
  where?: (point: Float64Array) => boolean;
}

/** u(low face) = u(high face) along `axis` of a box domain. */
export interface PeriodicCondition extends ConditionBase {
  kind: 'periodic';
  axis: number | string;
  /** Also match ∂u/∂x_axis across the faces (default false). */
  derivative?: boolean;
}

/** u(x, 0) = value(x) (and ∂u/∂t(x, 0) = velocity(x)) on a space-time domain. */
export interface InitialCondition extends ConditionBase {
  kind: 'initial';
  value: Target;
  velocity?: Target;
}

/** Any condition. */
export type Condition = DirichletCondition | NeumannCondition | PeriodicCondition | InitialCondition;

/** A Dirichlet condition u = value. */
export function dirichlet(
  value: Target,
  options: Omit<DirichletCondition, 'kind' | 'value'>,
): DirichletCondition {
  return checkCondition({ ...options, kind: 'dirichlet', value });
}

/** A Neumann condition ∂u/∂n = value. */
export function neumann(value: Target, options: Omit<NeumannCondition, 'kind' | 'value'>): NeumannCondition {
  return checkCondition({ ...options, kind: 'neumann', value });
}

/** A periodic condition along `axis`. */
export function periodic(
  axis: number | string,
  options: Omit<PeriodicCondition, 'kind' | 'axis'>,
): PeriodicCondition {
  return checkCondition({ ...options, kind: 'periodic', axis });
}

/** An initial condition u(x, 0) = value(x). */
export function initial(value: Target, options: Omit<InitialCondition, 'kind' | 'value'>): InitialCondition {
  return checkCondition({ ...options, kind: 'initial', value });
}

function checkTarget(target: unknown, name: string): void {
  if (typeof target === 'number' ? !Number.isFinite(target) : typeof target !== 'function') {
    throw new Error(`${name} must be a finite number or a function of the point, got ${String(target)}`);
  }
}

/** Validates a condition's fields and returns it. */
export function checkCondition<C extends Condition>(condition: C): C {
  if (condition === null || typeof condition !== 'object') throw new Error('a condition must be an object');
  const kinds = ['dirichlet', 'neumann', 'periodic', 'initial'];
  if (!kinds.includes(condition.kind)) {
    throw new Error(`condition.kind must be one of ${kinds.join(', ')}, got ${String(condition.kind)}`);
  }
  if (!Number.isInteger(condition.count) || condition.count < 1 || condition.count > 2 ** 24) {
    throw new Error(
      `${condition.kind} condition: count must be an integer in [1, ${2 ** 24}], got ${condition.count}`,
    );
  }
  const weight = condition.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new Error(`${condition.kind} condition: weight must be a finite number ≥ 0, got ${String(weight)}`);
  }
  if (condition.kind !== 'periodic') checkTarget(condition.value, `${condition.kind} condition: value`);
  if (condition.kind === 'initial' && condition.velocity !== undefined) {
    checkTarget(condition.velocity, 'initial condition: velocity');
  }
  return condition;
}

/** The target evaluated at each point (row-major `count × dimension`). */
export function evaluateTarget(
  target: Target,
  points: Float64Array,
  dimension: number,
  normals?: Float64Array,
): Float64Array {
  const count = points.length / dimension;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (typeof target === 'number') {
      out[i] = target;
    } else {
      const point = points.subarray(i * dimension, (i + 1) * dimension);
      out[i] = target(point, normals?.subarray(i * dimension, (i + 1) * dimension));
    }
  }
  return out;
}
