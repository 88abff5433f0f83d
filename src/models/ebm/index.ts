/**
 * Neural energy-based models: an MLP energy E_θ(x), maximum-likelihood training with a
 * Langevin negative phase (short-run or persistent with a replay buffer), and, in two
 * dimensions, exact normalisation on a grid with the KL divergences it gives.
 *
 * ```ts
 * const energy = neuralEnergy(mlpArchitecture({ sizes: [2, 64, 64, 1], activation: 'swish' }));
 * const trainer = ebmTrainer({ energy, optimizer: adam({ learningRate: 1e-3, clipNorm: 1 }), … });
 * let state = trainer.init(energy.network.initialize('xavier', initKey), bufferKey);
 * for (let t = 0; t < 1000; t++) [state] = trainer.step(state, fold(trainKey, t));
 * ```
 */
export {
  klDivergenceOnGrid,
  logDensityFromEnergies,
  logPartitionOnGrid,
  logSumExpArray,
  massOnGrid,
  midpointGaussianError,
  momentMatchedGaussianOnGrid,
} from './grid-normalization.js';
export {
  type EbmState,
  type EbmStepInfo,
  type EbmTrainer,
  type EbmTrainerOptions,
  ebmTrainer,
  type NegativeSampling,
} from './maximum-likelihood.js';
export { type NeuralEnergy, neuralEnergy } from './neural-energy.js';
export {
  type ParticleBounds,
  type ParticleLangevinOptions,
  particleLangevin,
  reflectInto,
} from './particle-langevin.js';
export {
  type BufferDraw,
  drawFromBuffer,
  type ReplayBuffer,
  uniformInBounds,
  uniformReplayBuffer,
  writeToBuffer,
} from './replay-buffer.js';
export {
  decodeTypedArrays,
  type EbmStateJson,
  ebmStateFromJson,
  ebmStateToJson,
  encodeTypedArrays,
} from './training-checkpoint.js';
