/**
 * Hamiltonian Monte Carlo (Duane, Kennedy, Pendleton & Roweth 1987; Neal 2011), assembled as
 * in BlackJAX from separate pieces: momentum refresh (`momentum.ts`), a trajectory of L
 * integrator steps (`proposal.ts`) and a Metropolis test on the Hamiltonian (`metropolis.ts`).
 *
 * A step draws p ~ N(0, T·M), integrates Hamilton's equations for H = U(q) + ½pᵀM⁻¹p over L
 * steps of size ε, and accepts the end point with probability min(1, exp(−ΔH/T)). The chain
 * targets exp(−U/T) exactly for any ε; ε only trades acceptance against distance travelled.
 *
 * With `jitterIntegrationSteps` the number of steps is drawn afresh at every transition,
 * uniformly in 1 … 2L − 1 (mean L), independently of the state (Neal 2011, "MCMC using
 * Hamiltonian dynamics", §5.4.2.2). Each length is an exact HMC kernel, so their mixture is
 * exact too; the jitter breaks the resonances of a fixed trajectory, where a mode whose period
 * divides L·ε barely moves. On the `hmc` experiment's 100-d Gaussian (κ = 100) a fixed length
 * left the coordinate means 1.3–1.5 times farther from the truth than their Monte Carlo
 * standard errors (RMS over coordinates, four seeds); the jittered length gives 1.0–1.08.
 *
 * Cost: L gradient evaluations per step (on average, with jitter). The trajectory runs in place
 * on one preallocated phase-space state; the integrator reuses the cached gradient, so a
 * leapfrog step is one gradient evaluation plus O(n) arithmetic and no allocation. Only an
 * accepted step allocates (the new state's position and gradient, so that states stay immutable
 * records).
 */
import { RandomStream, split, uniform } from '../../core/random/index.js';
import { assertInteger, assertOptions, assertPositive } from '../../core/validate.js';
import type { Energy } from '../../energies/energy.js';
import { type IntegratorFactory, kineticEnergy, type PhaseSpaceState } from '../../integrators/integrator.js';
import { leapfrog } from '../../integrators/leapfrog.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from '../sampler.js';
import { assertEnergy, initialPosition, temperatureOption } from '../validate.js';
import { hamiltonianAcceptanceProbability, isDivergent, metropolisAccept } from './metropolis.js';
import { inverseMassOption, momentumScales, sampleMomentum } from './momentum.js';
import { integrateTrajectory } from './proposal.js';

/** Options of `hmc`. */
export interface HmcOptions {
  /** The target's energy U = −log p̃, with its gradient. */
  energy: Energy;
  /** Integrator step size ε > 0. */
  stepSize: number;
  /** Number of integrator steps L ≥ 1 per trajectory (trajectory length L·ε). */
  numIntegrationSteps: number;
  /**
   * Draw the number of steps of each trajectory uniformly in 1 … 2L − 1 (mean L) instead of
   * always taking L; false by default. Breaks the resonances of a fixed trajectory length.
   */
  jitterIntegrationSteps?: boolean;
  /** Diagonal of M⁻¹, entries > 0 (ideally the target's marginal variances); ones by default. */
  inverseMassDiagonal?: ArrayLike<number>;
  /** The integrator factory; `leapfrog` by default. Must be volume preserving and reversible. */
  integrator?: IntegratorFactory;
  /** A step whose energy error exceeds this (in units of T) is flagged divergent; 1000 by default. */
  divergenceThreshold?: number;
  /** Temperature T > 0 (the target is exp(−U/T)); 1 by default. */
  temperature?: number;
}

/** State of an HMC chain: the point, U there, and ∇U there (reused by the next trajectory). */
export interface HmcState extends SamplerState {
  /** ∇U(position) (owned by the state). */
  readonly gradient: Float64Array;
}

/** What one HMC step reports. */
export interface HmcInfo extends SamplerInfo {
  /** min(1, exp(−ΔH/T)). */
  readonly acceptanceProbability: number;
  readonly accepted: boolean;
  /** True when ΔH/T exceeded the divergence threshold or was not a number. */
  readonly divergent: boolean;
  /** ΔH = H(proposal) − H(start) (+∞ if the trajectory blew up). */
  readonly energyError: number;
  /** Integrator steps taken (L or the jittered length, fewer if the trajectory blew up). */
  readonly numIntegrationSteps: number;
  /** Gradient evaluations spent: one per integrator step. */
  readonly gradientEvaluations: number;
  /** U at the end of the trajectory. */
  readonly proposedEnergy: number;
}

/**
 * The initial HMC state at `position` (copied and checked): evaluates U and ∇U once.
 * Throws when U(position) is NaN or +∞.
 */
export function hmcInit(energy: Energy, position: ArrayLike<number>, where = 'hmc.init'): HmcState {
  const x = initialPosition(where, position, energy.dimension);
  const gradient = new Float64Array(x.length);
  const value = energy.energyAndGradient(x, gradient);
  if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
    throw new RangeError(`${where}: the energy at the initial position must be < +∞, got ${value}`);
  }
  return { position: x, energy: value, gradient };
}

/**
 * HMC targeting p(x) ∝ exp(−U(x)/T) with a diagonal mass matrix. A step reads n normals
 * (the momentum) then one uniform (the accept test) from its key; with
 * `jitterIntegrationSteps` it first splits its key in two, draws the trajectory length from
 * one uniform of the first and runs the step above on the second. A rejected step returns the
 * same state object.
 */
export function hmc(options: HmcOptions): SamplingAlgorithm<HmcState, HmcInfo> {
  const where = 'hmc';
  assertOptions(where, options);
  const { energy, stepSize, numIntegrationSteps } = options;
  assertEnergy(where, energy, true);
  assertInteger(where, 'energy.dimension', energy.dimension, 1);
  assertPositive(where, 'stepSize', stepSize);
  assertInteger(where, 'numIntegrationSteps', numIntegrationSteps, 1);
  const jitter = options.jitterIntegrationSteps ?? false;
  if (typeof jitter !== 'boolean') {
    throw new TypeError(`${where}: jitterIntegrationSteps must be a boolean, got ${typeof jitter}`);
  }
  const divergenceThreshold = options.divergenceThreshold ?? 1000;
  assertPositive(where, 'divergenceThreshold', divergenceThreshold);
  const temperature = temperatureOption(where, options.temperature, false);
  const dimension = energy.dimension;
  const inverseMassDiagonal = inverseMassOption(where, options.inverseMassDiagonal, dimension);
  const integrator = (options.integrator ?? leapfrog)(energy, inverseMassDiagonal);
  const scales = momentumScales(inverseMassDiagonal, temperature);
  // The one phase-space state every trajectory of this sampler runs in.
  const work: PhaseSpaceState = {
    position: new Float64Array(dimension),
    momentum: new Float64Array(dimension),
    potentialEnergy: 0,
    gradient: new Float64Array(dimension),
  };

  return {
    name: 'hmc',
    init: (position) => hmcInit(energy, position),
    step(key, state) {
      let length = numIntegrationSteps;
      let trajectoryKey = key;
      if (jitter) {
        const [lengthKey, rest] = split(key);
        length = 1 + Math.floor(uniform(lengthKey, 1)[0] * (2 * numIntegrationSteps - 1));
        trajectoryKey = rest;
      }
      const stream = new RandomStream(trajectoryKey);
      work.position.set(state.position);
      work.gradient.set(state.gradient);
      work.potentialEnergy = state.energy;
      sampleMomentum(stream, scales, work.momentum);
      const initialHamiltonian = state.energy + kineticEnergy(work.momentum, inverseMassDiagonal);
      const steps = integrateTrajectory(integrator, work, stepSize, length);
      const finalHamiltonian = work.potentialEnergy + kineticEnergy(work.momentum, inverseMassDiagonal);
      let energyError = finalHamiltonian - initialHamiltonian;
      if (Number.isNaN(energyError)) energyError = Number.POSITIVE_INFINITY;
      const acceptanceProbability = hamiltonianAcceptanceProbability(energyError, temperature);
      const accepted = metropolisAccept(stream.nextUniform(), acceptanceProbability);
      const info: HmcInfo = {
        acceptanceProbability,
        accepted,
        divergent: isDivergent(energyError, temperature, divergenceThreshold),
        energyError,
        numIntegrationSteps: steps,
        gradientEvaluations: steps,
        proposedEnergy: work.potentialEnergy,
      };
      if (!accepted) return [state, info];
      return [
        { position: work.position.slice(), energy: work.potentialEnergy, gradient: work.gradient.slice() },
        info,
      ];
    },
  };
}
