/**
 * The heavy ball as a physical dynamics: a particle of mass m with friction γ in the
 * potential L, `m θ'' + γ θ' + ∇L(θ) = 0`. Its mechanical energy `E = ½m|θ'|² + L(θ)` obeys
 * `dE/dt = −γ|θ'|²`: conserved without friction, dissipated with it.
 *
 * Discretization (a Strang splitting, one gradient per step): friction exactly for h/2
 * (`v ← c·v`, `c = e^{−γh/(2m)}`), half kick `v ← v − (h/2m)∇L(θ)`, drift `θ ← θ + h·v`, half
 * kick with the new gradient, friction for h/2. At γ = 0 this is velocity Verlet:
 * symplectic and second order, so E oscillates with amplitude O(h²) and does not drift.
 *
 * Mapping to Polyak's heavy ball. Eliminating v, the positions obey exactly
 * `θ_{k+1} = θ_k + β(θ_k − θ_{k−1}) − η∇L(θ_k)` with
 *   `β = c² = e^{−γh/m}`,  `η = h²(1 + β)/(2m)`;
 * conversely, for learning rate η and momentum β ∈ (0, 1] (mass m):
 *   `h = √(2mη/(1 + β))`,  `γ = −m·ln(β)/h`.
 * So the heavy-ball optimizer is this dynamics read at integer times; only the first step
 * differs (from rest the dynamics moves by `h²/(2m)·∇L`, the optimizer by `η∇L`). At γ = 0,
 * β = 1: momentum 1 is undamped motion, which never settles. Heavy ball is stable on
 * curvature λ iff η < 2(1 + β)/λ, which here reads h < 2·√(m/λ) whatever the friction: the
 * step must resolve the fastest oscillation period 2π·√(m/λ).
 */

import { portableExp, portableLog } from '../core/math/index.js';
import { type EnergyOptimizer, evaluateIterate } from './optimizer.js';
import type { StabilityCondition } from './stability.js';

/** Options of {@link heavyBallDynamics}. */
export interface HeavyBallDynamicsOptions {
  /** Mass m > 0 (default 1). */
  mass?: number;
  /** Friction γ ≥ 0. */
  friction: number;
  /** Time step h > 0. */
  stepSize: number;
  /** Velocity θ' at the start (default 0: released from rest). */
  initialVelocity?: ArrayLike<number>;
}

/** State of {@link heavyBallDynamics}: the velocity and energies at the current integer time. */
export interface HeavyBallDynamicsState {
  /** θ' at the current time. */
  readonly velocity: Float64Array;
  /** ½m|θ'|². */
  readonly kineticEnergy: number;
  /** ½m|θ'|² + L(θ): constant up to O(h²) oscillation at γ = 0, decreasing with friction. */
  readonly mechanicalEnergy: number;
  /** Elapsed time k·h. */
  readonly time: number;
}

/** Polyak's (η, β) equivalent to the dynamics (m, γ, h); see the file comment. */
export function heavyBallParameters(options: { mass?: number; friction: number; stepSize: number }): {
  learningRate: number;
  momentum: number;
} {
  const { mass, friction, stepSize } = validated(options, 'heavyBallParameters');
  const c = portableExp((-friction * stepSize) / (2 * mass));
  const momentum = c * c;
  return { learningRate: (stepSize * stepSize * (1 + momentum)) / (2 * mass), momentum };
}

/** The dynamics (m, γ, h) equivalent to Polyak's (η, β) for a given mass (default 1). */
export function heavyBallDynamicsParameters(options: {
  learningRate: number;
  momentum: number;
  mass?: number;
}): {
  mass: number;
  friction: number;
  stepSize: number;
} {
  const caller = 'heavyBallDynamicsParameters';
  const { learningRate, momentum } = options;
  const mass = options.mass ?? 1;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new Error(`${caller}: learningRate must be a finite number > 0, got ${learningRate}`);
  }
  if (!(momentum > 0 && momentum <= 1)) {
    throw new Error(`${caller}: momentum must be in (0, 1] (β = 0 is infinite friction), got ${momentum}`);
  }
  if (!(mass > 0) || !Number.isFinite(mass))
    throw new Error(`${caller}: mass must be a finite number > 0, got ${mass}`);
  const stepSize = Math.sqrt((2 * mass * learningRate) / (1 + momentum));
  // β = 1 is the frictionless limit (written out so that it gives +0, not −0).
  const friction = momentum === 1 ? 0 : (-mass * portableLog(momentum)) / stepSize;
  return { mass, friction, stepSize };
}

function validated(options: { mass?: number; friction: number; stepSize: number }, caller: string) {
  const mass = options.mass ?? 1;
  if (!(mass > 0) || !Number.isFinite(mass))
    throw new Error(`${caller}: mass must be a finite number > 0, got ${mass}`);
  const { friction, stepSize } = options;
  if (!(friction >= 0) || !Number.isFinite(friction)) {
    throw new Error(`${caller}: friction must be a finite number ≥ 0, got ${friction}`);
  }
  if (!(stepSize > 0) || !Number.isFinite(stepSize)) {
    throw new Error(`${caller}: stepSize must be a finite number > 0, got ${stepSize}`);
  }
  return { mass, friction, stepSize };
}

/** `m θ'' + γ θ' + ∇L = 0` integrated by friction-split velocity Verlet (see the file comment). */
export function heavyBallDynamics(
  options: HeavyBallDynamicsOptions,
): EnergyOptimizer<HeavyBallDynamicsState> {
  const caller = 'heavyBallDynamics';
  const { mass, friction, stepSize: h } = validated(options, caller);
  const c = portableExp((-friction * h) / (2 * mass));
  const kick = h / (2 * mass);
  const kinetic = (v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * v[i];
    return 0.5 * mass * s;
  };
  return {
    name: 'heavy-ball dynamics',
    init(_energy, point) {
      const n = point.position.length;
      const velocity = new Float64Array(n);
      if (options.initialVelocity !== undefined) {
        if (options.initialVelocity.length !== n) {
          throw new Error(
            `${caller}: initialVelocity must have ${n} entries, got ${options.initialVelocity.length}`,
          );
        }
        velocity.set(options.initialVelocity);
      }
      const kineticEnergy = kinetic(velocity);
      return { velocity, kineticEnergy, mechanicalEnergy: kineticEnergy + point.energy, time: 0 };
    },
    step(energy, point, state) {
      const n = point.position.length;
      const velocity = new Float64Array(n);
      const position = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        velocity[i] = c * state.velocity[i] - kick * point.gradient[i];
        position[i] = point.position[i] + h * velocity[i];
      }
      const next = evaluateIterate(energy, position);
      for (let i = 0; i < n; i++) velocity[i] = c * (velocity[i] - kick * next.gradient[i]);
      const kineticEnergy = kinetic(velocity);
      return {
        point: next,
        state: {
          velocity,
          kineticEnergy,
          mechanicalEnergy: kineticEnergy + next.energy,
          time: state.time + h,
        },
      };
    },
    stability: (curvature): StabilityCondition => ({
      formula: 'h < 2·√(m/λmax)',
      bound: 2 * Math.sqrt(mass / curvature),
      value: h,
    }),
  };
}
