/**
 * An interaction network (Battaglia et al. 2016) whose relation model is a learned central
 * pair force and whose object model is Newton's second law:
 *
 *   f_ij = φ_θ(‖x_ij‖) · x_ij/‖x_ij‖,   x_ij = x_i − x_j,   F_i = Σ_{j≠i} f_ij,
 *
 * with φ_θ an MLP of the distance (positive: repulsive). Swapping i and j leaves ‖x_ij‖
 * unchanged and negates x_ij exactly in floating point, so f_ji = −f_ij BY CONSTRUCTION for any
 * θ: Newton's third law, hence Σ_i F_i = 0 and conservation of total momentum. We compute each
 * unordered pair's force ONCE and add it to i and subtract it from j, so the only departure
 * from Σ F = 0 is the rounding of the accumulation. (A central force of the distance is also
 * conservative and rotation-equivariant, so angular momentum and, up to the integrator,
 * energy are conserved too.) Coincident particles (‖x_ij‖ = 0) exert no force.
 */
import { noGrad } from '../../core/autodiff/index.js';
import type { Key } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import {
  type ActivationName,
  type MlpArchitecture,
  type MlpInitialization,
  type MlpParameters,
  mlpArchitecture,
} from '../mlp/index.js';
import { particlePairs } from './springs.js';

/** Options of {@link interactionNetwork}. */
export interface InteractionNetworkOptions {
  /** N ≥ 2 particles. */
  particleCount: number;
  /** D ≥ 1 (default 2). */
  spatialDimension?: number;
  /** Hidden widths of the pair-force MLP φ_θ (default [32, 32]). */
  hiddenSizes?: readonly number[];
  /** Hidden activation (default 'tanh'). */
  activation?: ActivationName;
}

/** A pair-force interaction network (see the module comment). */
export interface InteractionNetwork {
  readonly particleCount: number;
  readonly spatialDimension: number;
  /** φ_θ: an MLP [1, …hidden, 1] of the pair distance. */
  readonly network: MlpArchitecture;
  readonly parameterCount: number;
  /** Fresh parameters drawn from `key` (default 'xavier'). */
  initialize(key: Key, init?: MlpInitialization): Float64Array;
  /**
   * Forces on a batch of configurations [B, N, D] → [B, N, D], differentiable in the
   * parameters (pass a tensor) and in the positions.
   */
  forces(parameters: MlpParameters, positions: T.Tensor): T.Tensor;
  /** The forces [N·D] at one configuration [N·D], without recording a graph. */
  evaluateForces(parameters: Float64Array, positions: Float64Array, out?: Float64Array): Float64Array;
  /** φ_θ at the given distances (the learned pair-force magnitude). */
  pairForceMagnitude(parameters: Float64Array, distances: Float64Array): Float64Array;
}

/** Builds an interaction network for N particles in D dimensions. */
export function interactionNetwork(options: InteractionNetworkOptions): InteractionNetwork {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  const n = options.particleCount;
  const pairs = particlePairs(n);
  const d = options.spatialDimension ?? 2;
  if (!Number.isInteger(d) || d < 1 || d > 64) {
    throw new Error(`spatialDimension must be an integer in [1, 64], got ${String(d)}`);
  }
  const network = mlpArchitecture({
    sizes: [1, ...(options.hiddenSizes ?? [32, 32]), 1],
    activation: options.activation,
  });
  // Signed incidence [N, P]: +1 at (first[p], p), −1 at (second[p], p). F = incidence · f adds
  // each pair's force to its first particle and subtracts it from its second.
  const incidence = new Float64Array(n * pairs.count);
  for (let p = 0; p < pairs.count; p++) {
    incidence[pairs.first[p] * pairs.count + p] = 1;
    incidence[pairs.second[p] * pairs.count + p] = -1;
  }
  const incidenceTensor = T.fromData(incidence, [n, pairs.count]);

  const forces = (parameters: MlpParameters, positions: T.Tensor): T.Tensor => {
    if (
      !(positions instanceof T.Tensor) ||
      positions.rank !== 3 ||
      positions.shape[1] !== n ||
      positions.shape[2] !== d
    ) {
      const shape = positions instanceof T.Tensor ? T.formatShape(positions.shape) : String(positions);
      throw new Error(`positions must be a tensor of shape [batch, ${n}, ${d}], got ${shape}`);
    }
    const batch = positions.shape[0];
    const separation = T.sub(T.gather(positions, 1, pairs.first), T.gather(positions, 1, pairs.second));
    const distance = T.sqrt(T.sum(T.mul(separation, separation), 2, true));
    // x_ij/‖x_ij‖, with 0 for coincident particles (select keeps the gradient finite).
    const safe = T.select(T.greater(distance, 0), distance, 1);
    const direction = T.div(separation, safe);
    const magnitude = T.reshape(network.apply(parameters, T.reshape(distance, [batch * pairs.count, 1])), [
      batch,
      pairs.count,
      1,
    ]);
    return T.matmul(incidenceTensor, T.mul(magnitude, direction));
  };

  const pairForceMagnitude = (parameters: Float64Array, distances: Float64Array): Float64Array =>
    noGrad(() =>
      Float64Array.from(network.apply(parameters, T.fromData(distances, [distances.length, 1])).data),
    );

  const distances = new Float64Array(pairs.count);
  return {
    particleCount: n,
    spatialDimension: d,
    network,
    parameterCount: network.parameterCount,
    initialize: (key, init = 'xavier') => network.initialize(init, key),
    forces,
    evaluateForces(parameters, positions, out = new Float64Array(n * d)) {
      if (!(positions instanceof Float64Array) || positions.length !== n * d) {
        throw new Error(`positions must be a Float64Array of N·D = ${n * d} entries`);
      }
      for (let p = 0; p < pairs.count; p++) {
        const i = pairs.first[p] * d;
        const j = pairs.second[p] * d;
        let squared = 0;
        for (let a = 0; a < d; a++) squared += (positions[i + a] - positions[j + a]) ** 2;
        distances[p] = Math.sqrt(squared);
      }
      const magnitudes = pairForceMagnitude(parameters, distances);
      out.fill(0);
      for (let p = 0; p < pairs.count; p++) {
        if (distances[p] === 0) continue;
        const i = pairs.first[p] * d;
        const j = pairs.second[p] * d;
        const scale = magnitudes[p] / distances[p];
        for (let a = 0; a < d; a++) {
          const component = scale * (positions[i + a] - positions[j + a]);
          out[i + a] += component;
          out[j + a] -= component;
        }
      }
      return out;
    },
    pairForceMagnitude,
  };
}
