/**
 * What a PINN trains: a function u(θ, x) of a flat parameter vector θ and a batch of points,
 * optionally with a Taylor-mode pass that returns u, ∂u/∂xᵢ and ∂²u/∂xᵢ² in one forward sweep
 * (MLPs have one: `mlpInputDerivatives`). Any other differentiable function works too, e.g. an
 * exact solution with a physical parameter as θ; its derivatives then come from nested autodiff.
 */
import type * as T from '../core/tensor/index.js';
import { type MlpArchitecture, mlpInputDerivatives } from '../models/mlp/index.js';

/** Value, input gradient and pure second input derivatives of a network on a batch. */
export interface TaylorDerivatives {
  /** u, shape [B, outputSize]. */
  value: T.Tensor;
  /** ∂u_k/∂x_i, shape [B, inputSize, outputSize]. */
  gradient: T.Tensor;
  /** ∂²u_k/∂x_a², shape [B, q, outputSize], for the q axes of `secondAxes` (default: all, in order). */
  secondDiagonal: T.Tensor;
  /** The axes of `secondDiagonal`, when not every axis in order. */
  secondAxes?: readonly number[];
}

/** What a Taylor pass may be told: the pure second derivatives worth computing (default all). */
export interface TaylorOptions {
  secondAxes?: readonly number[];
}

/** A trainable function u(θ, x): [B, inputSize] → [B, outputSize]. */
export interface PinnNetwork {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: number;
  /** u(θ, x) with differentiable tensor ops (θ of shape [parameterCount]). */
  apply(parameters: T.Tensor, x: T.Tensor): T.Tensor;
  /** Optional one-pass first and pure second input derivatives, differentiable in θ. */
  taylor?(parameters: T.Tensor, x: T.Tensor, options?: TaylorOptions): TaylorDerivatives;
}

/** An MLP as a {@link PinnNetwork}, with its Taylor-mode derivative pass. */
export function mlpNetwork(model: MlpArchitecture): PinnNetwork {
  if (model === null || typeof model !== 'object' || !Array.isArray(model.sizes)) {
    throw new Error('model must be an MLP architecture (from mlp or mlpArchitecture)');
  }
  return {
    inputSize: model.sizes[0],
    outputSize: model.sizes[model.sizes.length - 1],
    parameterCount: model.parameterCount,
    apply: (parameters, x) => model.apply(parameters, x),
    taylor: (parameters, x, options) => mlpInputDerivatives(model, parameters, x, options),
  };
}

/** Whether `value` is an MLP architecture rather than a {@link PinnNetwork}. */
export function isMlpArchitecture(value: unknown): value is MlpArchitecture {
  return value !== null && typeof value === 'object' && Array.isArray((value as MlpArchitecture).sizes);
}

/** The network as a {@link PinnNetwork} (MLPs are wrapped by {@link mlpNetwork}). */
export function asPinnNetwork(network: MlpArchitecture | PinnNetwork): PinnNetwork {
  if (isMlpArchitecture(network)) return mlpNetwork(network);
  const n = network as PinnNetwork;
  if (n === null || typeof n !== 'object' || typeof n.apply !== 'function') {
    throw new Error(
      'network must be an MLP or a PinnNetwork { inputSize, outputSize, parameterCount, apply }',
    );
  }
  for (const name of ['inputSize', 'outputSize', 'parameterCount'] as const) {
    if (!Number.isInteger(n[name]) || n[name] < 1) {
      throw new Error(`network.${name} must be an integer ≥ 1, got ${String(n[name])}`);
    }
  }
  return n;
}
