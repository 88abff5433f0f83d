/**
 * A neural energy E_θ(x) = MLP_θ(x) with a scalar output: the model density is
 * p_θ(x) = exp(−E_θ(x))/Z_θ. Energies of a batch come out as one tensor, differentiable in the
 * parameters (the maximum-likelihood gradient) and in the inputs (the Langevin force −∇ₓE).
 *
 * The input gradient of a whole batch is ONE reverse sweep of Σᵢ E(xᵢ): each xᵢ enters only its
 * own term, so ∂(Σⱼ E(xⱼ))/∂xᵢ = ∇E(xᵢ).
 */
import { grad, noGrad } from '../../core/autodiff/index.js';
import * as T from '../../core/tensor/index.js';
import type { MlpArchitecture, MlpParameters } from '../mlp/index.js';

/** An energy function given by an MLP with one output. */
export interface NeuralEnergy {
  readonly network: MlpArchitecture;
  /** Dimension d of x. */
  readonly dimension: number;
  /** E_θ at a batch x of shape [n, d], as a tensor of shape [n]; differentiable in both. */
  energy(parameters: MlpParameters, x: T.Tensor): T.Tensor;
  /** ∇ₓE_θ at n points given interleaved (length n·d), interleaved the same way. */
  inputGradient(parameters: Float64Array, points: Float64Array): Float64Array;
  /** E_θ at n interleaved points, without recording a graph, `chunkSize` points at a time. */
  evaluate(parameters: Float64Array, points: Float64Array, chunkSize?: number): Float64Array;
}

/** The energy of `network`, which must map d inputs to 1 output. */
export function neuralEnergy(network: MlpArchitecture): NeuralEnergy {
  const sizes = network.sizes;
  if (sizes[sizes.length - 1] !== 1) {
    throw new Error(
      `network must have one output (the energy), got sizes ending in ${sizes[sizes.length - 1]}`,
    );
  }
  const dimension = sizes[0];
  const checkPoints = (points: Float64Array): number => {
    if (!(points instanceof Float64Array) || points.length % dimension !== 0) {
      throw new Error(`points must be a Float64Array of interleaved ${dimension}-dimensional points`);
    }
    return points.length / dimension;
  };
  const energy = (parameters: MlpParameters, x: T.Tensor): T.Tensor => {
    const out = network.apply(parameters, x);
    return T.reshape(out, [out.shape[0]]);
  };
  const total = (parameters: Float64Array) => (x: T.Tensor) => T.sum(energy(parameters, x));
  return {
    network,
    dimension,
    energy,
    inputGradient(parameters, points) {
      const n = checkPoints(points);
      const gradient = grad(total(parameters))(T.fromData(points, [n, dimension]));
      return Float64Array.from(gradient.data);
    },
    evaluate(parameters, points, chunkSize = 4096) {
      const n = checkPoints(points);
      if (!Number.isInteger(chunkSize) || chunkSize < 1) {
        throw new Error(`chunkSize must be a positive integer, got ${chunkSize}`);
      }
      const out = new Float64Array(n);
      noGrad(() => {
        for (let start = 0; start < n; start += chunkSize) {
          const end = Math.min(n, start + chunkSize);
          const chunk = points.subarray(start * dimension, end * dimension);
          out.set(energy(parameters, T.fromData(chunk, [end - start, dimension])).data, start);
        }
      });
      return out;
    },
  };
}
