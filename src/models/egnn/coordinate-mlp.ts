/**
 * The non-equivariant baseline of the EGNN: an MLP on the concatenated coordinates (and
 * particle attributes) of all N particles, [N·D (+ N·F)] → hidden → [N·D] forces. It can
 * represent the same functions, but nothing ties its output for a rotated, translated or
 * relabelled input to its output for the original: it must learn those symmetries from data,
 * which is what the data-efficiency comparison measures. Size it with `hiddenSizes` to match
 * the EGNN's parameter count.
 */
import { type Key, split } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import {
  type ActivationName,
  type MlpArchitecture,
  type MlpParameters,
  mlpArchitecture,
} from '../mlp/index.js';

/** Options of {@link coordinateMlp}. */
export interface CoordinateMlpOptions {
  /** N ≥ 1 particles. */
  particleCount: number;
  /** D ≥ 1 (default 3). */
  spatialDimension?: number;
  /** F ≥ 0 attributes per particle appended to the input (default 0). */
  featureSize?: number;
  /** Hidden widths (default [64, 64]). */
  hiddenSizes?: readonly number[];
  /** Hidden activation (default 'swish'). */
  activation?: ActivationName;
}

/** An MLP force model on concatenated coordinates. */
export interface CoordinateMlp {
  readonly particleCount: number;
  readonly spatialDimension: number;
  readonly featureSize: number;
  readonly network: MlpArchitecture;
  readonly parameterCount: number;
  /** Fresh Xavier parameters drawn from `key`. */
  initialize(key: Key): Float64Array;
  /** Forces [B, N, D] for positions [B, N, D] (and features [B, N, F] when featureSize > 0). */
  forces(parameters: MlpParameters, positions: T.Tensor, features?: T.Tensor): T.Tensor;
}

/** Builds the baseline (see the module comment). */
export function coordinateMlp(options: CoordinateMlpOptions): CoordinateMlp {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  const n = options.particleCount;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new Error(`particleCount must be an integer in [1, 100000], got ${String(n)}`);
  }
  const d = options.spatialDimension ?? 3;
  if (!Number.isInteger(d) || d < 1 || d > 64)
    throw new Error(`spatialDimension must be an integer in [1, 64], got ${String(d)}`);
  const featureSize = options.featureSize ?? 0;
  if (!Number.isInteger(featureSize) || featureSize < 0) {
    throw new Error(`featureSize must be an integer ≥ 0, got ${String(featureSize)}`);
  }
  const network = mlpArchitecture({
    sizes: [n * (d + featureSize), ...(options.hiddenSizes ?? [64, 64]), n * d],
    activation: options.activation ?? 'swish',
  });
  return {
    particleCount: n,
    spatialDimension: d,
    featureSize,
    network,
    parameterCount: network.parameterCount,
    initialize: (key) => network.initialize('xavier', split(key, 1)[0]),
    forces(parameters, positions, features) {
      if (
        !(positions instanceof T.Tensor) ||
        positions.rank !== 3 ||
        positions.shape[1] !== n ||
        positions.shape[2] !== d
      ) {
        throw new Error(`positions must be a tensor of shape [batch, ${n}, ${d}]`);
      }
      const batch = positions.shape[0];
      let input = T.reshape(positions, [batch, n * d]);
      if (featureSize > 0) {
        if (!(features instanceof T.Tensor) || features.size !== batch * n * featureSize) {
          throw new Error(`features must be a tensor of shape [${batch}, ${n}, ${featureSize}]`);
        }
        input = T.concat([input, T.reshape(features, [batch, n * featureSize])], 1);
      }
      return T.reshape(network.apply(parameters, input), [batch, n, d]);
    },
  };
}
