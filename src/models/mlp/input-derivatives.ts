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
 * so the weight gradient of any loss built from the result is one ordinary reverse sweep. The
 * cost is about (1 + d + q) forward passes for q second-derivative axes (all d unless
 * `secondAxes` says fewer). Mixed derivatives ∂²u/∂xᵢ∂xⱼ are not propagated; use `hessian` from
 * autodiff for those.
 *
 * Where it can (WebAssembly kernels active, x constant, a first-order gradient at most), the
 * pass runs as one fused op in WebAssembly (`fused-input-derivatives.ts`); otherwise, and for
 * higher-order derivatives through it, with tensor ops. Both give the same numbers to round-off.
 */
import * as T from '../../core/tensor/index.js';
import { activationDerivatives } from './activation.js';
import { fusedMlpInputDerivatives } from './fused-input-derivatives.js';
import type { MlpArchitecture, MlpParameters } from './mlp.js';

/** What {@link mlpInputDerivatives} returns, for a batch of B points in d dimensions. */
export interface MlpInputDerivatives {
  /** u(x), shape [B, outputSize]. */
  value: T.Tensor;
  /** ∂u_k/∂x_i, shape [B, d, outputSize]. */
  gradient: T.Tensor;
  /** ∂²u_k/∂x_a², shape [B, q, outputSize], for the q axes a of `secondAxes` in order. */
  secondDiagonal: T.Tensor;
  /** Σ_a ∂²u_k/∂x_a² over `secondAxes` (the Laplacian when all axes), shape [B, outputSize]. */
  laplacian: T.Tensor;
  /** The axes of `secondDiagonal`. */
  secondAxes: readonly number[];
}

/** Options of {@link mlpInputDerivatives}. */
export interface MlpInputDerivativeOptions {
  /** Input axes whose pure second derivative is propagated (distinct, in [0, d); default all). */
  secondAxes?: readonly number[];
}

function checkSecondAxes(axes: readonly number[] | undefined, d: number): readonly number[] {
  if (axes === undefined) return Array.from({ length: d }, (_, i) => i);
  if (!Array.isArray(axes)) throw new Error(`secondAxes must be an array of axes in [0, ${d - 1}]`);
  const seen = new Set<number>();
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= d || seen.has(axis)) {
      throw new Error(`secondAxes must hold distinct integers in [0, ${d - 1}], got [${axes.join(', ')}]`);
    }
    seen.add(axis);
  }
  return [...axes];
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
  options: MlpInputDerivativeOptions = {},
): MlpInputDerivatives {
  const d = model.sizes[0];
  if (!(x instanceof T.Tensor) || (x.rank !== 1 && x.rank !== 2) || x.shape[x.rank - 1] !== d) {
    const shape = x instanceof T.Tensor ? T.formatShape(x.shape) : String(x);
    throw new Error(`x must be a tensor of shape [batch, ${d}] or [${d}], got ${shape}`);
  }
  if (x.rank === 1) {
    const batched = mlpInputDerivatives(model, parameters, T.expandDims(x, 0), options);
    return {
      value: T.squeeze(batched.value, 0),
      gradient: T.squeeze(batched.gradient, 0),
      secondDiagonal: T.squeeze(batched.secondDiagonal, 0),
      laplacian: T.squeeze(batched.laplacian, 0),
      secondAxes: batched.secondAxes,
    };
  }
  const secondAxes = checkSecondAxes(options.secondAxes, d);
  const q = secondAxes.length;
  const batch = x.shape[0];
  const fused = fusedMlpInputDerivatives(model, parameters, x, secondAxes);
  if (fused !== undefined) {
    // Streams [1 + d + q, B, outputs]: u, the d first derivatives, the q second derivatives.
    const outputs = fused.shape[2];
    const seconds = T.slice(fused, [1 + d, 0, 0], [1 + d + q, batch, outputs]);
    return {
      value: T.reshape(T.slice(fused, [0, 0, 0], [1, batch, outputs]), [batch, outputs]),
      gradient: T.permute(T.slice(fused, [1, 0, 0], [1 + d, batch, outputs]), [1, 0, 2]),
      secondDiagonal: T.permute(seconds, [1, 0, 2]),
      laplacian: q === 0 ? T.zeros([batch, outputs], fused.dtype) : T.sum(seconds, 0),
      secondAxes,
    };
  }
  const allAxes = q === d && secondAxes.every((axis, i) => axis === i);
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
    // The first derivatives along the second-derivative axes, [q, B or 1, width].
    const jzSecond = allAxes ? jz : T.gather(jz, 0, secondAxes);
    const name = l + 1 < layerCount ? model.activation : model.outputActivation;
    const { value, first, second: curvature } = activationDerivatives(name, z);
    h = value;
    if (first === null) {
      jacobian = jz;
      second = sz;
      continue;
    }
    jacobian = T.mul(first, jz);
    const fromCurvature: T.Tensor | null =
      curvature === null || q === 0 ? null : T.mul(curvature, T.mul(jzSecond, jzSecond));
    const fromSecond: T.Tensor | null = sz === null ? null : T.mul(first, sz);
    second =
      fromCurvature === null
        ? fromSecond
        : fromSecond === null
          ? fromCurvature
          : T.add(fromCurvature, fromSecond);
  }
  const outputSize = h.shape[1];
  const jacobianFull = T.broadcastTo(jacobian as T.Tensor, [d, batch, outputSize]);
  const secondShape = [q, batch, outputSize];
  const secondFull = second === null ? T.zeros(secondShape, h.dtype) : T.broadcastTo(second, secondShape);
  return {
    value: h,
    gradient: T.permute(jacobianFull, [1, 0, 2]),
    secondDiagonal: T.permute(secondFull, [1, 0, 2]),
    laplacian: q === 0 ? T.zeros([batch, outputSize], h.dtype) : T.sum(secondFull, 0),
    secondAxes,
  };
}
