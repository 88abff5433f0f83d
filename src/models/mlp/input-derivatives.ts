/**
 * Taylor-mode (forward) propagation of input derivatives through an MLP: the value u(x), the
 * gradient ∂u/∂xᵢ and the pure second derivatives ∂²u/∂xᵢ² (hence the Laplacian) in ONE
 * forward pass, for every point of a batch.
 *
 * Why: a PINN residual such as u_t − ν u_xx needs first and second input derivatives at many
 * collocation points, and then the gradient of the loss with respect to the weights. Nested
 * reverse mode builds a graph of a graph (the backward sweep is itself recorded); here each
 * layer carries the triple (z, Jz, Sz) for the d input directions and applies the chain rule
 *
 *   linear:      z′ = zW + b,  J′ = JW,  S′ = SW
 *   activation:  a = σ(z),     Jₐ = σ′(z)·J,  Sₐ = σ″(z)·J² + σ′(z)·S
 *
 * with tensor ops, so the weight gradient of any loss built from the result is one ordinary
 * reverse sweep. The cost is about (1 + 2d) forward passes. Mixed derivatives ∂²u/∂xᵢ∂xⱼ are
 * not propagated; use `hessian` from autodiff for those.
 */
import * as T from '../../core/tensor/index.js';
import { activationDerivatives } from './activation.js';
import type { MlpArchitecture, MlpParameters } from './mlp.js';

/** What {@link mlpInputDerivatives} returns, for a batch of B points in d dimensions. */
export interface MlpInputDerivatives {
  /** u(x), shape [B, outputSize]. */
  value: T.Tensor;
  /** ∂u_k/∂x_i, shape [B, d, outputSize]. */
  gradient: T.Tensor;
  /** ∂²u_k/∂x_i², shape [B, d, outputSize]. */
  secondDiagonal: T.Tensor;
  /** Σᵢ ∂²u_k/∂x_i², shape [B, outputSize]. */
  laplacian: T.Tensor;
}

/**
 * Value, input gradient and pure second input derivatives of `model` at a batch `x` of shape
 * [B, inputSize] (a single point [inputSize] gives the same fields without the batch axis).
 * Differentiable with respect to `parameters` (pass a tensor) and to `x`.
 * For relu networks the second derivatives are 0 almost everywhere (see `activationDerivatives`).
 */
export function mlpInputDerivatives(
  model: MlpArchitecture,
  parameters: MlpParameters,
  x: T.Tensor,
): MlpInputDerivatives {
  const d = model.sizes[0];
  if (!(x instanceof T.Tensor) || (x.rank !== 1 && x.rank !== 2) || x.shape[x.rank - 1] !== d) {
    const shape = x instanceof T.Tensor ? T.formatShape(x.shape) : String(x);
    throw new Error(`x must be a tensor of shape [batch, ${d}] or [${d}], got ${shape}`);
  }
  if (x.rank === 1) {
    const batched = mlpInputDerivatives(model, parameters, T.expandDims(x, 0));
    return {
      value: T.squeeze(batched.value, 0),
      gradient: T.squeeze(batched.gradient, 0),
      secondDiagonal: T.squeeze(batched.secondDiagonal, 0),
      laplacian: T.squeeze(batched.laplacian, 0),
    };
  }
  const batch = x.shape[0];
  const layerCount = model.layers.length;
  let h = T.cast(x, model.dtype);
  // J and S have shape [d, B or 1, width]: the input direction leads so matmul treats it as a
  // batch axis. null: J is still the identity (before the first layer), S is still zero.
  let jacobian: T.Tensor | null = null;
  let second: T.Tensor | null = null;
  for (let l = 0; l < layerCount; l++) {
    const { weight, bias } = model.layerTensors(parameters, l);
    const z = T.add(T.matmul(h, weight), bias);
    // ∂z/∂xᵢ for the first layer is row i of W, the same for every point of the batch.
    const jz: T.Tensor =
      jacobian === null ? T.reshape(weight, [d, 1, weight.shape[1]]) : T.matmul(jacobian, weight);
    const sz: T.Tensor | null = second === null ? null : T.matmul(second, weight);
    const name = l + 1 < layerCount ? model.activation : model.outputActivation;
    const { value, first, second: curvature } = activationDerivatives(name, z);
    h = value;
    if (first === null) {
      jacobian = jz;
      second = sz;
      continue;
    }
    jacobian = T.mul(first, jz);
    const fromCurvature: T.Tensor | null = curvature === null ? null : T.mul(curvature, T.mul(jz, jz));
    const fromSecond: T.Tensor | null = sz === null ? null : T.mul(first, sz);
    second =
      fromCurvature === null
        ? fromSecond
        : fromSecond === null
          ? fromCurvature
          : T.add(fromCurvature, fromSecond);
  }
  const outputSize = h.shape[1];
  const full = [d, batch, outputSize];
  const jacobianFull = T.broadcastTo(jacobian as T.Tensor, full);
  const secondFull = second === null ? T.zeros(full, h.dtype) : T.broadcastTo(second, full);
  return {
    value: h,
    gradient: T.permute(jacobianFull, [1, 0, 2]),
    secondDiagonal: T.permute(secondFull, [1, 0, 2]),
    laplacian: T.sum(secondFull, 0),
  };
}
