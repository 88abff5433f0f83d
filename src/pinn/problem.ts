/**
 * A PINN problem and its loss. The user writes the PDE as a residual of the network's values
 * and input derivatives at interior collocation points; conditions add misfits on boundary and
 * initial points. The loss is
 *
 *   L(θ) = w_r · mean(r²) + Σ_c w_c · mean(misfit_c²) + Σ_o w_o · mean((u − data_o)²)
 *
 * (a residual returning several tensors adds the mean square of each). Points are drawn once
 * per {@link sampleCollocation} call; the loss over θ is then an ordinary `Energy` that
 * `minimize` can drive with Adam, L-BFGS or both.
 *
 * Inverse problems: trainable physical parameters φ (e.g. log k) are appended to the network's
 * θ in the flat vector the optimizer sees, [θ, φ]; the residual reads φ from its context, and
 * observations (fixed points with measured values) add their data misfit to the loss.
 */
import { valueAndGrad } from '../core/autodiff/index.js';
import { noGrad } from '../core/autodiff/trace.js';
import { fold, type Key, split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import type { Energy } from '../energies/energy.js';
import { type Condition, checkCondition, evaluateTarget } from './conditions.js';
import { type Derivatives, derivativesAt } from './derivatives.js';
import type { Domain } from './domain.js';
import type { PinnNetwork } from './network.js';
import type { SpaceTimeDomain } from './space-time.js';
import { assertSamplingMethod, type SamplingMethod } from './unit-cube.js';

/** What the residual function receives. */
export interface ResidualContext {
  /** The collocation points, [B, dimension]. */
  x: T.Tensor;
  /** u at the points, [B] (output 0; other outputs through `derivatives.value(k)`). */
  u: T.Tensor;
  /** Input derivatives at the points. */
  derivatives: Derivatives;
  /** The problem's trainable physical parameters φ, shape [m] (m = 0 for a forward problem). */
  parameters: T.Tensor;
}

/** Trainable physical parameters of an inverse problem, optimised together with the network. */
export interface PhysicalParameters {
  /** One name per parameter, e.g. ['log k']. */
  readonly names: readonly string[];
  /** Starting values, one per name. */
  readonly initial: readonly number[];
}

/** Measured values of one output at fixed points: the data misfit of an inverse problem. */
export interface Observations {
  /** The points, row-major `count × dimension` (fixed: never resampled). */
  readonly points: Float64Array;
  /** The measured values, one per point. */
  readonly values: Float64Array;
  /** Output component measured (default 0). */
  readonly output?: number;
  /** Weight of the mean squared misfit (≥ 0, default 1). */
  readonly weight?: number;
  /** A label for loss reports (default 'data'). */
  readonly name?: string;
}

/** A PDE problem for a PINN. */
export interface PinnProblem {
  readonly name: string;
  readonly domain: Domain;
  /** Names of the input axes, e.g. ['x', 't'], usable in `derivatives.first('t')`. */
  readonly axisNames?: readonly string[];
  /** The PDE residual at interior points: a tensor [B] (or several) that is 0 for the solution. */
  residual(context: ResidualContext): T.Tensor | readonly T.Tensor[];
  readonly conditions: readonly Condition[];
  /** Interior collocation points per sampling (integer ≥ 1). */
  readonly interiorCount: number;
  /** Weight of the residual term (default 1). */
  readonly residualWeight?: number;
  /** How points are drawn (default 'uniform'). */
  readonly sampling?: SamplingMethod;
  /** The exact solution, when known (output 0). */
  readonly exact?: (point: Float64Array) => number;
  /** Trainable physical parameters φ (inverse problems); none by default. */
  readonly physicalParameters?: PhysicalParameters;
  /** Observations whose misfit joins the loss (inverse problems); none by default. */
  readonly observations?: readonly Observations[];
}

/** The number m of trainable physical parameters of a problem. */
export function physicalParameterCount(problem: PinnProblem): number {
  return problem.physicalParameters?.names.length ?? 0;
}

function checkPhysicalParameters(physical: PhysicalParameters): void {
  if (physical === null || typeof physical !== 'object' || !Array.isArray(physical.names)) {
    throw new Error('problem.physicalParameters must be { names: string[], initial: number[] }');
  }
  if (physical.names.some((name) => typeof name !== 'string' || name === '')) {
    throw new Error('problem.physicalParameters.names must be non-empty strings');
  }
  const initial = physical.initial;
  if (!Array.isArray(initial) || initial.length !== physical.names.length) {
    throw new Error(
      `problem.physicalParameters.initial must hold ${physical.names.length} numbers, got ${String(initial)}`,
    );
  }
  if (initial.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw new Error(`problem.physicalParameters.initial must be finite numbers, got [${initial.join(', ')}]`);
  }
}

function checkObservations(observations: Observations, dimension: number): void {
  if (observations === null || typeof observations !== 'object') {
    throw new Error('problem.observations must hold { points, values } objects');
  }
  const { points, values } = observations;
  if (!(points instanceof Float64Array) || !(values instanceof Float64Array)) {
    throw new Error('observations.points and observations.values must be Float64Arrays');
  }
  if (values.length === 0 || points.length !== values.length * dimension) {
    throw new Error(
      `observations.points must hold ${dimension} coordinates per value (${values.length} values), got ${points.length}`,
    );
  }
  if (!points.every(Number.isFinite) || !values.every(Number.isFinite)) {
    throw new Error('observations.points and observations.values must be finite');
  }
  const output = observations.output ?? 0;
  if (!Number.isInteger(output) || output < 0) {
    throw new Error(`observations.output must be an integer ≥ 0, got ${String(output)}`);
  }
  const weight = observations.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new Error(`observations.weight must be a finite number ≥ 0, got ${String(weight)}`);
  }
}

/** Validates a problem and returns it. */
export function pinnProblem(problem: PinnProblem): PinnProblem {
  if (problem === null || typeof problem !== 'object') throw new Error('problem must be an object');
  if (problem.domain === null || typeof problem.domain?.sampleInterior !== 'function') {
    throw new Error('problem.domain must be a Domain (interval, rectangle, disk, lShape, spaceTime)');
  }
  if (typeof problem.residual !== 'function') throw new Error('problem.residual must be a function');
  if (!Number.isInteger(problem.interiorCount) || problem.interiorCount < 1) {
    throw new Error(`problem.interiorCount must be an integer ≥ 1, got ${String(problem.interiorCount)}`);
  }
  const weight = problem.residualWeight ?? 1;
  if (!Number.isFinite(weight) || weight < 0) {
    throw new Error(`problem.residualWeight must be a finite number ≥ 0, got ${String(weight)}`);
  }
  assertSamplingMethod(problem.sampling ?? 'uniform', 'problem.sampling');
  const names = problem.axisNames;
  if (names !== undefined && names.length !== problem.domain.dimension) {
    throw new Error(`problem.axisNames must name ${problem.domain.dimension} axes, got ${names.length}`);
  }
  if (problem.physicalParameters !== undefined) checkPhysicalParameters(problem.physicalParameters);
  if (problem.observations !== undefined) {
    if (!Array.isArray(problem.observations)) throw new Error('problem.observations must be an array');
    for (const observations of problem.observations)
      checkObservations(observations, problem.domain.dimension);
  }
  if (!Array.isArray(problem.conditions)) throw new Error('problem.conditions must be an array');
  for (const condition of problem.conditions) {
    checkCondition(condition);
    if (condition.kind === 'initial' && !('sampleInitial' in problem.domain)) {
      throw new Error('an initial condition needs a space-time domain (spaceTime(space, duration))');
    }
    if (condition.kind === 'periodic' && !problem.domain.isBox) {
      throw new Error(`a periodic condition needs a box domain, got ${problem.domain.name}`);
    }
  }
  return problem;
}

/** The points and targets of one condition. */
export interface ConditionBatch {
  condition: Condition;
  points: Float64Array;
  normals?: Float64Array;
  /** Periodic: the partner points on the opposite face. */
  partners?: Float64Array;
  targets?: Float64Array;
  velocityTargets?: Float64Array;
}

/** All collocation points of one sampling. */
export interface CollocationBatch {
  interior: Float64Array;
  conditions: ConditionBatch[];
}

function axisOf(problem: PinnProblem, axis: number | string): number {
  const index = typeof axis === 'string' ? (problem.axisNames ?? []).indexOf(axis) : axis;
  if (!Number.isInteger(index) || index < 0 || index >= problem.domain.dimension) {
    throw new Error(`periodic axis must be an axis index or name of the domain, got ${String(axis)}`);
  }
  return index;
}

/** Boundary points where `where` holds: draws rounds until `count` are found. */
function boundaryPart(
  domain: Domain,
  key: Key,
  count: number,
  where: ((p: Float64Array) => boolean) | undefined,
  method: SamplingMethod,
) {
  if (where === undefined) return domain.sampleBoundary(key, count, { method });
  const d = domain.dimension;
  const points = new Float64Array(count * d);
  const normals = new Float64Array(count * d);
  let found = 0;
  for (let round = 0; round < 64 && found < count; round++) {
    const sample = domain.sampleBoundary(fold(key, round), count, { method });
    for (let i = 0; i < count && found < count; i++) {
      const point = sample.points.subarray(i * d, (i + 1) * d);
      if (!where(point)) continue;
      points.set(point, found * d);
      normals.set(sample.normals.subarray(i * d, (i + 1) * d), found * d);
      found++;
    }
  }
  if (found < count)
    throw new Error('condition.where accepts almost no boundary point (found too few in 64 rounds)');
  return { points, normals };
}

/** Draws interior and condition points (and their targets) from `key`. */
export function sampleCollocation(problem: PinnProblem, key: Key): CollocationBatch {
  const { domain } = problem;
  const d = domain.dimension;
  const method = problem.sampling ?? 'uniform';
  const keys = split(key, problem.conditions.length + 1);
  const interior = domain.sampleInterior(keys[0], problem.interiorCount, { method });
  const conditions = problem.conditions.map((condition, c): ConditionBatch => {
    const conditionKey = keys[c + 1];
    switch (condition.kind) {
      case 'dirichlet':
      case 'neumann': {
        const { points, normals } = boundaryPart(
          domain,
          conditionKey,
          condition.count,
          condition.where,
          method,
        );
        return { condition, points, normals, targets: evaluateTarget(condition.value, points, d, normals) };
      }
      case 'periodic': {
        const axis = axisOf(problem, condition.axis);
        const points = domain.sampleInterior(conditionKey, condition.count, { method });
        const partners = Float64Array.from(points);
        for (let i = 0; i < condition.count; i++) {
          points[i * d + axis] = domain.low[axis];
          partners[i * d + axis] = domain.high[axis];
        }
        return { condition, points, partners };
      }
      default: {
        // 'initial', the last kind.
        const points = (domain as SpaceTimeDomain).sampleInitial(conditionKey, condition.count, { method });
        return {
          condition,
          points,
          targets: evaluateTarget(condition.value, points, d),
          velocityTargets:
            condition.velocity === undefined ? undefined : evaluateTarget(condition.velocity, points, d),
        };
      }
    }
  });
  return { interior, conditions };
}

const meanSquare = (r: T.Tensor): T.Tensor => T.mean(T.square(r));

/** The loss and its terms at θ, as tensors (differentiable in θ). */
export interface LossTerms {
  total: T.Tensor;
  /** Unweighted mean squares by term name ('residual', then each condition's name or kind). */
  terms: Map<string, T.Tensor>;
}

const residualSecondAxes = new WeakMap<PinnProblem, Set<number> | null>();

/**
 * The pure second derivatives `problem`'s residual reads, learned once per problem by running
 * it on one point without a tape (null when it cannot be learned: every axis is computed).
 * Learning them up front, rather than from the first training step, keeps every evaluation's
 * arithmetic the same whatever came before it, so a resumed run repeats an uninterrupted one
 * bit for bit.
 */
function secondAxesOfResidual(
  problem: PinnProblem,
  network: PinnNetwork,
  theta: T.Tensor,
  x: T.Tensor,
  physical: T.Tensor,
): Set<number> | undefined {
  if (network.taylor === undefined) return undefined;
  let axes = residualSecondAxes.get(problem);
  if (axes === undefined) {
    const asked = new Set<number>();
    try {
      noGrad(() => {
        const point = T.slice(x, [0, 0], [1, x.shape[1]]);
        const derivatives = derivativesAt(network, theta, point, {
          axisNames: problem.axisNames,
          secondAxes: asked,
        });
        problem.residual({ x: point, u: derivatives.value(0), derivatives, parameters: physical });
      });
      axes = asked;
    } catch {
      axes = null;
    }
    residualSecondAxes.set(problem, axes);
  }
  return axes === null ? undefined : new Set(axes);
}

/**
 * The PINN loss of `network` on `batch` at `parameters`: the network's θ, followed by the
 * problem's physical parameters φ when it has any (length parameterCount + m).
 */
export function pinnLoss(
  problem: PinnProblem,
  network: PinnNetwork,
  batch: CollocationBatch,
  parameters: T.Tensor,
): LossTerms {
  const d = problem.domain.dimension;
  if (network.inputSize !== d) {
    throw new Error(`network.inputSize must equal the domain dimension ${d}, got ${network.inputSize}`);
  }
  const n = network.parameterCount;
  const m = physicalParameterCount(problem);
  if (m > 0 && parameters.size !== n + m) {
    throw new Error(`parameters must hold the network's ${n} and the problem's ${m}, got ${parameters.size}`);
  }
  // Without physical parameters θ is the whole vector (no slice, so no extra op on the tape).
  const theta = m === 0 ? parameters : T.slice(parameters, [0], [n]);
  const physical = m === 0 ? T.zeros([0]) : T.slice(parameters, [n], [n + m]);
  // Conditions and observations read values and first derivatives only: no second derivatives
  // unless one is asked for (derivativesAt then adds it).
  const noSeconds = () => ({ axisNames: problem.axisNames, secondAxes: new Set<number>() });
  const points = (data: Float64Array) => T.fromData(data, [data.length / d, d]);
  const terms = new Map<string, T.Tensor>();
  const x = points(batch.interior);
  const derivatives = derivativesAt(network, theta, x, {
    axisNames: problem.axisNames,
    secondAxes: x.shape[0] > 0 ? secondAxesOfResidual(problem, network, theta, x, physical) : undefined,
  });
  const residual = problem.residual({ x, u: derivatives.value(0), derivatives, parameters: physical });
  const residuals = residual instanceof T.Tensor ? [residual] : residual;
  let residualTerm = meanSquare(residuals[0]);
  for (const r of residuals.slice(1)) residualTerm = T.add(residualTerm, meanSquare(r));
  terms.set('residual', residualTerm);
  let total = T.mul(residualTerm, problem.residualWeight ?? 1);
  for (const entry of batch.conditions) {
    const { condition } = entry;
    const k = condition.output ?? 0;
    const options = noSeconds();
    const at = derivativesAt(network, theta, points(entry.points), options);
    const target = (values: Float64Array | undefined) =>
      T.fromData(values as Float64Array, [values?.length ?? 0]);
    let term: T.Tensor;
    if (condition.kind === 'dirichlet') {
      term = meanSquare(T.sub(at.value(k), target(entry.targets)));
    } else if (condition.kind === 'neumann') {
      const normals = entry.normals as Float64Array;
      const count = normals.length / d;
      let flux: T.Tensor | null = null;
      for (let a = 0; a < d; a++) {
        const n = new Float64Array(count);
        for (let i = 0; i < count; i++) n[i] = normals[i * d + a];
        if (n.every((value) => value === 0)) continue;
        const part = T.mul(at.first(a, k), T.fromData(n, [count]));
        flux = flux === null ? part : T.add(flux, part);
      }
      term = meanSquare(T.sub(flux ?? T.zeros([count]), target(entry.targets)));
    } else if (condition.kind === 'periodic') {
      const axis = axisOf(problem, condition.axis);
      const other = derivativesAt(network, theta, points(entry.partners as Float64Array), options);
      term = meanSquare(T.sub(at.value(k), other.value(k)));
      if (condition.derivative)
        term = T.add(term, meanSquare(T.sub(at.first(axis, k), other.first(axis, k))));
    } else {
      term = meanSquare(T.sub(at.value(k), target(entry.targets)));
      if (entry.velocityTargets !== undefined) {
        term = T.add(term, meanSquare(T.sub(at.first(d - 1, k), target(entry.velocityTargets))));
      }
    }
    let name = condition.name ?? condition.kind;
    while (terms.has(name)) name = `${name}'`;
    terms.set(name, term);
    total = T.add(total, T.mul(term, condition.weight ?? 1));
  }
  for (const observations of problem.observations ?? []) {
    const u = derivativesAt(network, theta, points(observations.points), noSeconds()).value(
      observations.output ?? 0,
    );
    const term = meanSquare(T.sub(u, T.fromData(observations.values, [observations.values.length])));
    let name = observations.name ?? 'data';
    while (terms.has(name)) name = `${name}'`;
    terms.set(name, term);
    total = T.add(total, T.mul(term, observations.weight ?? 1));
  }
  return { total, terms };
}

/**
 * The loss over θ as an `Energy` on a batch that can be replaced (`setBatch`), e.g. when the
 * collocation points are resampled.
 */
export interface PinnEnergy extends Energy {
  batch: CollocationBatch;
  /** The loss terms at θ (plain numbers). */
  terms(parameters: Float64Array): Record<string, number>;
}

/**
 * The loss of `network` on `problem` as an `Energy` over the flat vector [θ, φ] (the network's
 * parameters, then the problem's physical parameters, if any).
 */
export function pinnEnergy(problem: PinnProblem, network: PinnNetwork, batch: CollocationBatch): PinnEnergy {
  const n = network.parameterCount + physicalParameterCount(problem);
  const wrap = (parameters: Float64Array) => {
    if (parameters.length !== n)
      throw new Error(`parameters must have length ${n}, got ${parameters.length}`);
    return new T.Tensor(parameters, [n]);
  };
  // The Taylor pass needs no tape to give a value; nested autodiff does (it differentiates in x).
  const valueOnly = network.taylor !== undefined ? noGrad : <R>(f: () => R) => f();
  const energy: PinnEnergy = {
    name: `pinn ${problem.name}`,
    dimension: n,
    batch,
    energy(parameters) {
      return valueOnly(() => pinnLoss(problem, network, energy.batch, wrap(parameters)).total.data[0]);
    },
    energyAndGradient(parameters, gradient) {
      const [value, g] = valueAndGrad((p: T.Tensor) => pinnLoss(problem, network, energy.batch, p).total)(
        wrap(parameters),
      );
      gradient.set((g as T.Tensor).data);
      return value.data[0];
    },
    terms(parameters) {
      const { terms } = valueOnly(() => pinnLoss(problem, network, energy.batch, wrap(parameters)));
      return Object.fromEntries([...terms].map(([name, value]) => [name, value.data[0]]));
    },
  };
  return energy;
}
