/**
 * The physical systems of Greydanus et al. (2019), "Hamiltonian Neural Networks": an ideal
 * mass-spring, an ideal pendulum and two-body gravity. A state is [q, p] with d positions
 * followed by d momenta. Each system gives its true energy, its exact vector field
 * (dq/dt = ∂H/∂p, dp/dt = −∂H/∂q), H written with tensor ops (so the symplectic gradient of
 * the TRUE H can be checked against the analytic field), Greydanus-style random initial
 * states and trajectories:
 *
 * - the mass-spring (H = p²/2 + q²/2, k = m = 1) from its exact solution, a rotation of phase
 *   space;
 * - the pendulum and two-body gravity with physml's 4th-order symplectic `yoshida4` at a small
 *   step (both H are separable, H = U(q) + ½pᵀM⁻¹p).
 *
 * Differences from the reference code (github.com/greydanus/hnn), stated because they change
 * numbers: its spring uses H = q² + p² and its pendulum H = 3(1 − cos q) + p², while we follow
 * the formulas of the paper as written, H = q²/2 + p²/2 and H = 2mgl(1 − cos q) + l²p²/(2m)
 * with m = l = 1, g = 3. The pendulum's q(t) is the same (q̈ = −6 sin q in both); only the
 * momentum scale differs by 2. The radius ranges of the initial states are theirs.
 */

import { portableCos, portableSin } from '../../core/math/index.js';
import { type Key, normal, split, uniform } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import type { Energy } from '../../energies/energy.js';
import { phaseSpaceState, yoshida4 } from '../../integrators/index.js';

/** A Hamiltonian system with d degrees of freedom; states are [q₁…q_d, p₁…p_d]. */
export interface HamiltonianSystem {
  readonly name: string;
  /** d: the number of positions (a state has 2d entries). */
  readonly degreesOfFreedom: number;
  /** The true energy H(q, p) of one state (2d entries). */
  energy(state: ArrayLike<number>): number;
  /**
   * The exact time derivatives [∂H/∂p, −∂H/∂q] of a batch of states given interleaved
   * (length a multiple of 2d), written into `out` (allocated when omitted) and returned.
   */
  vectorField(states: Float64Array, out?: Float64Array): Float64Array;
  /** H of a batch [B, 2d] as a tensor [B], written with differentiable tensor ops. */
  hamiltonian(states: T.Tensor): T.Tensor;
  /** A random initial state drawn the way Greydanus et al. draw theirs. */
  sampleInitialState(key: Key): Float64Array;
  /**
   * The states at `times` (ascending, times[0] the time of `initialState`), as a
   * Float64Array [times.length, 2d]: exact where a closed form exists, otherwise `yoshida4`
   * with substeps no longer than `stepSize`.
   */
  trajectory(
    initialState: ArrayLike<number>,
    times: ArrayLike<number>,
    options?: TrajectoryOptions,
  ): Float64Array;
}

/** Options of {@link HamiltonianSystem.trajectory}. */
export interface TrajectoryOptions {
  /** Largest integrator step (default 1e-3; ignored by exact solutions). */
  stepSize?: number;
}

function checkPositive(value: number, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

function checkState(state: ArrayLike<number>, length: number, name: string): void {
  if (state === null || typeof state !== 'object' || state.length !== length) {
    throw new Error(`${name} must have ${length} entries [q, p], got ${String(state?.length)}`);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(state[i])) throw new Error(`${name}[${i}] must be finite, got ${state[i]}`);
  }
}

function checkTimes(times: ArrayLike<number>): void {
  if (times === null || typeof times !== 'object' || times.length < 1) {
    throw new Error('times must be a non-empty array of ascending finite numbers');
  }
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i]) || (i > 0 && !(times[i] >= times[i - 1]))) {
      throw new Error(`times must be finite and ascending, got times[${i}] = ${times[i]}`);
    }
  }
}

function checkBatch(states: Float64Array, stateLength: number): number {
  if (!(states instanceof Float64Array) || states.length % stateLength !== 0) {
    throw new Error(`states must be a Float64Array of interleaved states of ${stateLength} entries`);
  }
  return states.length / stateLength;
}

/** A vector on the circle of radius r: a uniform point of [−1, 1]² normalised (Greydanus's draw). */
function circlePoint(key: Key, radius: number): [number, number] {
  const [a, b] = uniform(key, 2, { low: -1, high: 1 });
  const norm = Math.sqrt(a * a + b * b) || 1;
  return [(a / norm) * radius, (b / norm) * radius];
}

/**
 * Integrates a separable H = U(q) + ½pᵀM⁻¹p from `initialState` through `times` with
 * `yoshida4`, splitting each interval into equal substeps no longer than `stepSize`.
 */
function separableTrajectory(
  potential: Energy,
  inverseMassDiagonal: Float64Array,
  initialState: ArrayLike<number>,
  times: ArrayLike<number>,
  stepSize: number,
): Float64Array {
  const d = potential.dimension;
  checkState(initialState, 2 * d, 'initialState');
  checkTimes(times);
  checkPositive(stepSize, 'stepSize');
  const initial = Float64Array.from(initialState);
  const state = phaseSpaceState(potential, initial.subarray(0, d), initial.subarray(d));
  const integrator = yoshida4(potential, inverseMassDiagonal);
  const out = new Float64Array(times.length * 2 * d);
  for (let k = 0; k < times.length; k++) {
    if (k > 0) {
      const interval = times[k] - times[k - 1];
      const substeps = Math.ceil(interval / stepSize);
      for (let s = 0; s < substeps; s++) integrator.step(state, interval / substeps);
    }
    out.set(state.position, k * 2 * d);
    out.set(state.momentum, k * 2 * d + d);
  }
  return out;
}

/** The ideal mass-spring H = p²/2 + q²/2 (k = m = 1): ω = 1, solved exactly. */
export function massSpring(): HamiltonianSystem {
  return {
    name: 'mass-spring',
    degreesOfFreedom: 1,
    energy(state) {
      checkState(state, 2, 'state');
      return 0.5 * (state[0] * state[0] + state[1] * state[1]);
    },
    vectorField(states, out = new Float64Array(states.length)) {
      const n = checkBatch(states, 2);
      for (let b = 0; b < n; b++) {
        const q = states[2 * b];
        out[2 * b] = states[2 * b + 1];
        out[2 * b + 1] = -q;
      }
      return out;
    },
    hamiltonian: (states) => T.mul(0.5, T.sum(T.mul(states, states), 1)),
    // Greydanus: a uniform direction scaled to a radius uniform in [0.1, 1].
    sampleInitialState(key) {
      const [directionKey, radiusKey] = split(key);
      const radius = 0.1 + 0.9 * uniform(radiusKey, 1)[0];
      return Float64Array.from(circlePoint(directionKey, radius));
    },
    trajectory(initialState, times) {
      checkState(initialState, 2, 'initialState');
      checkTimes(times);
      const [q0, p0] = [initialState[0], initialState[1]];
      const out = new Float64Array(2 * times.length);
      for (let k = 0; k < times.length; k++) {
        const t = times[k] - times[0];
        const c = portableCos(t);
        const s = portableSin(t);
        out[2 * k] = q0 * c + p0 * s;
        out[2 * k + 1] = p0 * c - q0 * s;
      }
      return out;
    },
  };
}

/** Options of {@link idealPendulum}. */
export interface PendulumOptions {
  /** m > 0 (default 1). */
  mass?: number;
  /** l > 0 (default 1). */
  length?: number;
  /** g > 0 (default 3, Greydanus's value). */
  gravity?: number;
}

/** The ideal pendulum H = 2mgl(1 − cos q) + l²p²/(2m) (defaults m = l = 1, g = 3). */
export function idealPendulum(options: PendulumOptions = {}): HamiltonianSystem {
  const mass = checkPositive(options.mass ?? 1, 'mass');
  const length = checkPositive(options.length ?? 1, 'length');
  const gravity = checkPositive(options.gravity ?? 3, 'gravity');
  const depth = 2 * mass * gravity * length;
  const inverseMass = (length * length) / mass;
  const potential: Energy = {
    name: 'pendulum potential',
    dimension: 1,
    energy: (q) => depth * (1 - portableCos(q[0])),
    energyAndGradient(q, gradient) {
      gradient[0] = depth * portableSin(q[0]);
      return depth * (1 - portableCos(q[0]));
    },
  };
  const inverseMassDiagonal = Float64Array.of(inverseMass);
  return {
    name: 'pendulum',
    degreesOfFreedom: 1,
    energy(state) {
      checkState(state, 2, 'state');
      return depth * (1 - portableCos(state[0])) + 0.5 * inverseMass * state[1] * state[1];
    },
    vectorField(states, out = new Float64Array(states.length)) {
      const n = checkBatch(states, 2);
      for (let b = 0; b < n; b++) {
        const q = states[2 * b];
        out[2 * b] = inverseMass * states[2 * b + 1];
        out[2 * b + 1] = -depth * portableSin(q);
      }
      return out;
    },
    hamiltonian(states) {
      const [q, p] = [T.slice(states, [0, 0], [states.shape[0], 1]), T.slice(states, [0, 1])];
      const h = T.add(T.mul(depth, T.sub(1, T.cos(q))), T.mul(0.5 * inverseMass, T.mul(p, p)));
      return T.reshape(h, [states.shape[0]]);
    },
    // Greydanus: radius uniform in [1.3, 2.3], well inside the librating region.
    sampleInitialState(key) {
      const [directionKey, radiusKey] = split(key);
      const radius = 1.3 + uniform(radiusKey, 1)[0];
      return Float64Array.from(circlePoint(directionKey, radius));
    },
    trajectory: (initialState, times, trajectoryOptions = {}) =>
      separableTrajectory(
        potential,
        inverseMassDiagonal,
        initialState,
        times,
        trajectoryOptions.stepSize ?? 1e-3,
      ),
  };
}

/** Options of {@link twoBody}. */
export interface TwoBodyOptions {
  /** Masses [m₁, m₂] (default [1, 1]). */
  masses?: readonly [number, number];
  /** Gravitational constant G > 0 (default 1). */
  gravitationalConstant?: number;
  /** Relative std of the speed around the circular orbit's (default 0.05; 0 gives circles). */
  orbitNoise?: number;
}

/**
 * Two bodies in the plane with full coordinates: q = (x₁, y₁, x₂, y₂), p = (p_x1, p_y1,
 * p_x2, p_y2), H = |p₁|²/(2m₁) + |p₂|²/(2m₂) − G m₁m₂/|q₁ − q₂| (d = 4, states of 8).
 * Initial states are drawn in the centre-of-mass frame (centre at the origin, total momentum
 * zero): a separation uniform in [1, 3] (each body at radius 0.5–1.5 for equal masses, as in
 * Greydanus et al.), the circular-orbit velocity scaled by 1 + orbitNoise·N(0, 1).
 */
export function twoBody(options: TwoBodyOptions = {}): HamiltonianSystem {
  const [m1, m2] = options.masses ?? [1, 1];
  checkPositive(m1, 'masses[0]');
  checkPositive(m2, 'masses[1]');
  const coupling = checkPositive(options.gravitationalConstant ?? 1, 'gravitationalConstant') * m1 * m2;
  const orbitNoise = options.orbitNoise ?? 0.05;
  if (!(orbitNoise >= 0 && orbitNoise < 1)) {
    throw new Error(`orbitNoise must be a number in [0, 1), got ${String(orbitNoise)}`);
  }
  const inverseMassDiagonal = Float64Array.of(1 / m1, 1 / m1, 1 / m2, 1 / m2);
  const potentialAt = (q: ArrayLike<number>, offset: number, gradient?: Float64Array): number => {
    const dx = q[offset] - q[offset + 2];
    const dy = q[offset + 1] - q[offset + 3];
    const r = Math.sqrt(dx * dx + dy * dy);
    if (gradient !== undefined) {
      // ∂U/∂q₁ = G m₁m₂ (q₁ − q₂)/r³ = −∂U/∂q₂.
      const factor = coupling / (r * r * r);
      gradient[0] = factor * dx;
      gradient[1] = factor * dy;
      gradient[2] = -factor * dx;
      gradient[3] = -factor * dy;
    }
    return -coupling / r;
  };
  const potential: Energy = {
    name: 'two-body gravity',
    dimension: 4,
    energy: (q) => potentialAt(q, 0),
    energyAndGradient: (q, gradient) => potentialAt(q, 0, gradient),
  };
  const gradient = new Float64Array(4);
  return {
    name: 'two-body',
    degreesOfFreedom: 4,
    energy(state) {
      checkState(state, 8, 'state');
      let kinetic = 0;
      for (let i = 0; i < 4; i++) kinetic += 0.5 * inverseMassDiagonal[i] * state[4 + i] * state[4 + i];
      return kinetic + potentialAt(state, 0);
    },
    vectorField(states, out = new Float64Array(states.length)) {
      const n = checkBatch(states, 8);
      for (let b = 0; b < n; b++) {
        potentialAt(states, 8 * b, gradient);
        for (let i = 0; i < 4; i++) {
          out[8 * b + i] = inverseMassDiagonal[i] * states[8 * b + 4 + i];
          out[8 * b + 4 + i] = -gradient[i];
        }
      }
      return out;
    },
    hamiltonian(states) {
      const n = states.shape[0];
      const p = T.slice(states, [0, 4], [n, 8]);
      const kinetic = T.mul(0.5, T.sum(T.mul(T.mul(p, p), T.fromData(inverseMassDiagonal, [4])), 1));
      const separation = T.sub(T.slice(states, [0, 0], [n, 2]), T.slice(states, [0, 2], [n, 4]));
      const distance = T.sqrt(T.sum(T.mul(separation, separation), 1));
      return T.sub(kinetic, T.div(coupling, distance));
    },
    sampleInitialState(key) {
      const [directionKey, separationKey, speedKey] = split(key, 3);
      const separation = 1 + 2 * uniform(separationKey, 1)[0];
      const [ux, uy] = circlePoint(directionKey, 1);
      const total = m1 + m2;
      // Circular relative orbit: v_rel² = G(m₁ + m₂)/s, perpendicular to the separation.
      const speed =
        Math.sqrt((coupling / (m1 * m2)) * (total / separation)) * (1 + orbitNoise * normal(speedKey, 1)[0]);
      const reduced = (m1 * m2) / total;
      // Body 1 at +(m₂/M)s·u, body 2 at −(m₁/M)s·u; momenta ±μ v_rel (total momentum zero).
      return Float64Array.of(
        (m2 / total) * separation * ux,
        (m2 / total) * separation * uy,
        -(m1 / total) * separation * ux,
        -(m1 / total) * separation * uy,
        -reduced * speed * uy,
        reduced * speed * ux,
        reduced * speed * uy,
        -reduced * speed * ux,
      );
    },
    trajectory: (initialState, times, trajectoryOptions = {}) =>
      separableTrajectory(
        potential,
        inverseMassDiagonal,
        initialState,
        times,
        trajectoryOptions.stepSize ?? 1e-3,
      ),
  };
}

/** The angular momentum Σᵢ qᵢ × pᵢ (z component) of a two-body state of 8 entries. */
export function twoBodyAngularMomentum(state: ArrayLike<number>): number {
  checkState(state, 8, 'state');
  return state[0] * state[5] - state[1] * state[4] + state[2] * state[7] - state[3] * state[6];
}
