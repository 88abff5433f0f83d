/**
 * Interaction networks with Newton's third law built in: a learned central pair force
 * f_ij = φ_θ(‖x_i − x_j‖)(x_i − x_j)/‖x_i − x_j‖ = −f_ji, so Σ_i F_i = 0 and total momentum
 * is conserved to round-off for any weights; velocity-Verlet rollouts; simulated springs to
 * learn from; force-regression training (shared with the EGNN through `ForceModel`).
 *
 * ```ts
 * const system = springSystem({ particleCount: 5 });
 * const data = simulateSprings(system, { simulationCount: 20, framesPerSimulation: 10, key });
 * const model = interactionNetwork({ particleCount: 5 });
 * const { parameters } = trainForceModel(model, data, { parameters: model.initialize(key), numSteps: 500 });
 * const path = velocityVerletRollout((x, f) => model.evaluateForces(parameters, x, f), { … });
 * ```
 */
export {
  type InteractionNetwork,
  type InteractionNetworkOptions,
  interactionNetwork,
} from './interaction-network.js';
export {
  type ParticlePairs,
  type ParticleSnapshots,
  particlePairs,
  type SimulateSpringsOptions,
  type SpringSystem,
  type SpringSystemOptions,
  simulateSprings,
  springSystem,
} from './springs.js';
export {
  type ForceData,
  type ForceModel,
  type ForceTrainingOptions,
  type ForceTrainingResult,
  forceMse,
  trainForceModel,
} from './training.js';
export {
  type ParticleForce,
  type ParticleRollout,
  totalMomentum,
  type VelocityVerletOptions,
  velocityVerletRollout,
} from './velocity-verlet.js';
