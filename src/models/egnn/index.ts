/**
 * E(n)-equivariant graph networks (Satorras et al. 2021) predicting particle forces, a
 * non-equivariant coordinate-MLP baseline, numerical equivariance checks (random rotations and
 * reflections from QR, translations, permutations) and the data-efficiency comparison.
 *
 * ```ts
 * const model = egnn({ particleCount: 5, spatialDimension: 3, hiddenSize: 16, layerCount: 2 });
 * const theta = model.initialize(key);
 * const errors = forceEquivarianceErrors(
 *   (x) => model.forces(theta, T.fromData(x, [x.length / 15, 5, 3])).data as Float64Array,
 *   positions, { particleCount: 5, spatialDimension: 3, key },
 * );                                              // every error ≈ 1e-16
 * ```
 */
export { type CoordinateMlp, type CoordinateMlpOptions, coordinateMlp } from './coordinate-mlp.js';
export {
  type DataEfficiencyOptions,
  type DataEfficiencyResult,
  dataEfficiency,
  type TrainableForceModel,
} from './data-efficiency.js';
export { type Egnn, type EgnnOptions, type EgnnOutput, egnn } from './egnn.js';
export {
  type EquivarianceErrors,
  type ForceFunction,
  forceEquivarianceErrors,
  permuteParticles,
  randomOrthogonalMatrix,
  rotateVectors,
} from './equivariance.js';
