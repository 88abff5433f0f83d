/**
 * Hamiltonian neural networks (Greydanus et al. 2019): a learned scalar H_θ(q, p) whose
 * symplectic gradient is the vector field, against a baseline MLP that predicts the field
 * directly; the mass-spring, pendulum and two-body systems with Greydanus-style data sets;
 * rollouts (RK4, or the symplectic implicit midpoint rule for non-separable H_θ); and the
 * metrics they report, measured with the true energy.
 *
 * ```ts
 * const system = massSpring();
 * const train = hamiltonianDataset(system, { trajectoryCount: 25, key: trainKey });
 * const hnn = hamiltonianNeuralNetwork({ degreesOfFreedom: 1, hiddenSizes: [200, 200] });
 * const { parameters } = trainVectorFieldModel(hnn, train, { parameters: hnn.initialize(key), numSteps: 2000 });
 * const path = rollout(modelVectorField(hnn, parameters), test.initialStates, 2, { stepSize: 0.05, numSteps: 400 });
 * energyMse(system, path);
 * ```
 */
export { type HamiltonianDataset, type HamiltonianDatasetOptions, hamiltonianDataset } from './dataset.js';
export {
  type HamiltonianNeuralNetwork,
  hamiltonianNeuralNetwork,
  symplecticGradient,
  type VectorFieldModel,
  type VectorFieldModelOptions,
  vectorFieldBaseline,
} from './hamiltonian-network.js';
export {
  energyAlongRollout,
  energyDrift,
  energyMse,
  referenceRollout,
  stateMse,
  vectorFieldMse,
} from './metrics.js';
export {
  type BatchVectorField,
  modelVectorField,
  type Rollout,
  type RolloutMethod,
  type RolloutOptions,
  rollout,
  systemVectorField,
} from './rollout.js';
export {
  type HamiltonianSystem,
  idealPendulum,
  massSpring,
  type PendulumOptions,
  type TrajectoryOptions,
  type TwoBodyOptions,
  twoBody,
  twoBodyAngularMomentum,
} from './systems.js';
export {
  checkVectorFieldData,
  trainVectorFieldModel,
  type VectorFieldData,
  type VectorFieldTrainingOptions,
  type VectorFieldTrainingResult,
  vectorFieldLoss,
} from './training.js';
