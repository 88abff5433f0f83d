/**
 * The No-U-Turn Sampler, multinomial variant, as in Stan (Hoffman & Gelman 2014; Betancourt
 * 2017, Appendix A): HMC that picks its own trajectory length.
 *
 * A transition draws p ~ N(0, T·M) and doubles a trajectory around the current point, each
 * time in a random direction, until the trajectory makes a U-turn (the generalized criterion
 * on the summed momentum ρ, `trajectory.ts`), a subtree diverges, or the tree reaches
 * `maxTreeDepth` (2^maxTreeDepth − 1 steps at most). The next state is drawn from the whole
 * trajectory with weights exp(−H/T): uniformly (multinomial) inside each new subtree, and
 * with biased progressive sampling when a subtree joins the trajectory (the new subtree's
 * proposal replaces the current one with probability min(1, w_new/w_old)), which favours
 * points far from the start. Every choice is reversible, so exp(−U/T) is left invariant.
 *
 * The `acceptanceProbability` reported is Stan's accept_stat: the mean over all leaves built
 * of min(1, exp(−ΔH/T)), what dual averaging adapts toward its target (0.8 by default).
 */
import { portableExp, RandomStream } from '../../core/random/index.js';
import { assertInteger, assertOptions, assertPositive } from '../../core/validate.js';
import type { Energy } from '../../energies/energy.js';
import {
  assignPhaseSpaceState,
  type IntegratorFactory,
  kineticEnergy,
  type PhaseSpaceState,
} from '../../integrators/integrator.js';
import { leapfrog } from '../../integrators/leapfrog.js';
import type { SamplerInfo, SamplingAlgorithm } from '../sampler.js';
import { assertEnergy, temperatureOption } from '../validate.js';
import { type HmcState, hmcInit } from './hmc.js';
import { inverseMassOption, momentumScales, sampleMomentum, velocity } from './momentum.js';
import { copyProposal, createProposal, logAddExp, noUTurn, TreeBuilder } from './trajectory.js';

/** Options of `nuts`. */
export interface NutsOptions {
  /** The target's energy U = −log p̃, with its gradient. */
  energy: Energy;
  /** Integrator step size ε > 0. */
  stepSize: number;
  /** Diagonal of M⁻¹, entries > 0 (ideally the target's marginal variances); ones by default. */
  inverseMassDiagonal?: ArrayLike<number>;
  /** Largest number of doublings, an integer in [1, 30]: at most 2^depth − 1 steps; 10 by default. */
  maxTreeDepth?: number;
  /** The integrator factory; `leapfrog` by default. Must be volume preserving and reversible. */
  integrator?: IntegratorFactory;
  /** A leaf whose energy error exceeds this (in units of T) ends the tree as divergent; 1000 by default. */
  divergenceThreshold?: number;
  /** Temperature T > 0 (the target is exp(−U/T)); 1 by default. */
  temperature?: number;
}

/** What one NUTS transition reports. */
export interface NutsInfo extends SamplerInfo {
  /** Stan's accept_stat: mean of min(1, exp(−ΔH/T)) over every integrator step of the tree. */
  readonly acceptanceProbability: number;
  /** Whether the new state differs from the old one. */
  readonly accepted: boolean;
  /** True when a leaf's energy error exceeded the divergence threshold. */
  readonly divergent: boolean;
  /** Number of successful doublings (the trajectory has 2^treeDepth points when no subtree was rejected). */
  readonly treeDepth: number;
  /** Integrator steps taken, including those of a rejected last subtree. */
  readonly numIntegrationSteps: number;
  /** Gradient evaluations spent: one per integrator step. */
  readonly gradientEvaluations: number;
  /** The Hamiltonian H = U + ½pᵀM⁻¹p at the new state (Stan's energy__, for E-BFMI). */
  readonly energy: number;
}

/** A phase-space state with zeroed buffers. */
function emptyPhaseSpaceState(dimension: number): PhaseSpaceState {
  return {
    position: new Float64Array(dimension),
    momentum: new Float64Array(dimension),
    potentialEnergy: 0,
    gradient: new Float64Array(dimension),
  };
}

/**
 * NUTS targeting p(x) ∝ exp(−U(x)/T) with a diagonal mass matrix. A step reads n normals
 * (the momentum) then uniforms (directions and sampling decisions) from its key; when the new
 * state is the old point, the same state object is returned.
 */
export function nuts(options: NutsOptions): SamplingAlgorithm<HmcState, NutsInfo> {
  const where = 'nuts';
  assertOptions(where, options);
  const { energy, stepSize } = options;
  assertEnergy(where, energy, true);
  assertInteger(where, 'energy.dimension', energy.dimension, 1);
  assertPositive(where, 'stepSize', stepSize);
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  assertInteger(where, 'maxTreeDepth', maxTreeDepth, 1, 30);
  const divergenceThreshold = options.divergenceThreshold ?? 1000;
  assertPositive(where, 'divergenceThreshold', divergenceThreshold);
  const temperature = temperatureOption(where, options.temperature, false);
  const n = energy.dimension;
  const inverseMassDiagonal = inverseMassOption(where, options.inverseMassDiagonal, n);
  const integrator = (options.integrator ?? leapfrog)(energy, inverseMassDiagonal);
  const scales = momentumScales(inverseMassDiagonal, temperature);
  const builder = new TreeBuilder(
    { integrator, inverseMassDiagonal, stepSize, divergenceThreshold, temperature },
    n,
  );

  // The two ends of the trajectory, the proposals, and the momenta and velocities at the
  // four inner and outer ends of the backward and forward parts (Stan's p_bck_fwd, …).
  const forward = emptyPhaseSpaceState(n);
  const backward = emptyPhaseSpaceState(n);
  const proposal = createProposal(n);
  const sample = createProposal(n);
  const rho = new Float64Array(n);
  const rhoForward = new Float64Array(n);
  const rhoBackward = new Float64Array(n);
  const momentumForwardOuter = new Float64Array(n);
  const momentumForwardInner = new Float64Array(n);
  const momentumBackwardInner = new Float64Array(n);
  const momentumBackwardOuter = new Float64Array(n);
  const velocityForwardOuter = new Float64Array(n);
  const velocityForwardInner = new Float64Array(n);
  const velocityBackwardInner = new Float64Array(n);
  const velocityBackwardOuter = new Float64Array(n);

  return {
    name: 'nuts',
    init: (position) => hmcInit(energy, position, 'nuts.init'),
    step(key, state) {
      const stream = new RandomStream(key);
      forward.position.set(state.position);
      forward.gradient.set(state.gradient);
      forward.potentialEnergy = state.energy;
      sampleMomentum(stream, scales, forward.momentum);
      assignPhaseSpaceState(backward, forward);
      const initialHamiltonian = state.energy + kineticEnergy(forward.momentum, inverseMassDiagonal);
      builder.begin(initialHamiltonian);
      sample.hamiltonian = initialHamiltonian;
      let moved = false;

      velocity(forward.momentum, inverseMassDiagonal, velocityForwardOuter);
      velocityForwardInner.set(velocityForwardOuter);
      velocityBackwardInner.set(velocityForwardOuter);
      velocityBackwardOuter.set(velocityForwardOuter);
      momentumForwardOuter.set(forward.momentum);
      momentumForwardInner.set(forward.momentum);
      momentumBackwardInner.set(forward.momentum);
      momentumBackwardOuter.set(forward.momentum);
      rho.set(forward.momentum);
      let logSumWeight = 0; // the initial point's weight, exp(−(H₀ − H₀)/T) = 1
      let depth = 0;
      while (depth < maxTreeDepth) {
        rhoForward.fill(0);
        rhoBackward.fill(0);
        let weight: number;
        if (stream.nextUniform() > 0.5) {
          // Extend forwards: the old trajectory becomes the backward part.
          rhoBackward.set(rho);
          momentumBackwardInner.set(momentumForwardOuter);
          velocityBackwardInner.set(velocityForwardOuter);
          weight = builder.build(
            depth,
            forward,
            proposal,
            velocityForwardInner,
            velocityForwardOuter,
            rhoForward,
            momentumForwardInner,
            momentumForwardOuter,
            1,
            stream,
          );
        } else {
          // Extend backwards: the old trajectory becomes the forward part.
          rhoForward.set(rho);
          momentumForwardInner.set(momentumBackwardOuter);
          velocityForwardInner.set(velocityBackwardOuter);
          weight = builder.build(
            depth,
            backward,
            proposal,
            velocityBackwardInner,
            velocityBackwardOuter,
            rhoBackward,
            momentumBackwardInner,
            momentumBackwardOuter,
            -1,
            stream,
          );
        }
        if (Number.isNaN(weight)) break;
        depth++;
        // Biased progressive sampling: the new subtree's proposal wins with min(1, w_new/w_old).
        if (weight > logSumWeight || stream.nextUniform() < portableExp(weight - logSumWeight)) {
          copyProposal(sample, proposal);
          moved = true;
        }
        logSumWeight = logAddExp(logSumWeight, weight);
        for (let i = 0; i < n; i++) rho[i] = rhoBackward[i] + rhoForward[i];
        const expanding =
          noUTurn(velocityBackwardOuter, velocityForwardOuter, rhoBackward, rhoForward) &&
          noUTurn(velocityBackwardOuter, velocityForwardInner, rhoBackward, momentumForwardInner) &&
          noUTurn(velocityBackwardInner, velocityForwardOuter, rhoForward, momentumBackwardInner);
        if (!expanding) break;
      }
      const numSteps = builder.numSteps;
      const info: NutsInfo = {
        acceptanceProbability: numSteps > 0 ? Math.min(1, builder.sumAcceptance / numSteps) : 0,
        accepted: moved,
        divergent: builder.divergent,
        treeDepth: depth,
        numIntegrationSteps: numSteps,
        gradientEvaluations: numSteps,
        energy: sample.hamiltonian,
      };
      if (!moved) return [state, info];
      return [
        {
          position: sample.position.slice(),
          energy: sample.potentialEnergy,
          gradient: sample.gradient.slice(),
        },
        info,
      ];
    },
  };
}
