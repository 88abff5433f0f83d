/**
 * The Taylor-mode input derivatives of an MLP as ONE differentiable op whose forward and
 * backward passes run in WebAssembly (`core/kernels/wasm/taylor-mlp-engine.ts`), instead of a
 * tensor op per layer, stream and chain-rule term. Same mathematics as `input-derivatives.ts`
 * (results agree to round-off), several times faster on PINN-sized batches.
 *
 * Its backward pass is hand-written and not itself differentiable, so the op is used only where
 * no derivative of the gradient can be asked for: x is a constant, nothing carries a
 * forward-mode tangent, and at most one reverse-mode transformation is tracing (the loss
 * gradient of a training step). Elsewhere — and with the plain TypeScript kernels selected
 * (PHYSML_KERNELS=js) or without WebAssembly SIMD — the tensor-op path is used.
 */
import { apply, isRecording, type Primitive, reverseDepth } from '../../core/autodiff/trace.js';
import { getKernels } from '../../core/kernels/index.js';
import type { FusedMlpLayout } from '../../core/kernels/wasm/tape-arena.js';
import {
  type TaylorMlpEngine,
  type TaylorMlpSpec,
  type TaylorTape,
  taylorMlpEngine,
  taylorStreamCount,
} from '../../core/kernels/wasm/taylor-mlp-engine.js';
import * as T from '../../core/tensor/index.js';
import type { MlpArchitecture, MlpParameters } from './mlp.js';

/** Kernel sets under which the fused op runs (the WebAssembly ones). */
const FUSED_KERNELS = new Set(['auto', 'wasm-simd']);

interface FusedAttrs {
  engine: TaylorMlpEngine;
  spec: TaylorMlpSpec;
  x: T.FloatArray;
  batch: number;
  keep: boolean;
  tape: TaylorTape | null;
}

const fusedTaylorMlp: Primitive<FusedAttrs> = {
  name: 'mlpTaylorFused',
  forward(inputs, attrs) {
    const { output, tape } = attrs.engine.forward(
      attrs.spec,
      inputs[0].data,
      attrs.x,
      attrs.batch,
      attrs.keep,
    );
    attrs.tape = tape;
    const streams = taylorStreamCount(attrs.spec);
    return { data: output, shape: [streams, attrs.batch, attrs.spec.sizes[attrs.spec.sizes.length - 1]] };
  },
  vjp(cotangent, inputs, _output, attrs) {
    if (cotangent.requiresGrad || cotangent.forward !== null) {
      throw new Error(
        'the fused Taylor-mode MLP pass has no second-order derivative (its gradient is not recorded)',
      );
    }
    if (attrs.tape === null) throw new Error('the fused Taylor-mode MLP pass kept no tape for its gradient');
    const gradient = attrs.engine.backward(attrs.tape, cotangent.data);
    const theta = inputs[0];
    return [new T.Tensor(theta.dtype === 'float32' ? Float32Array.from(gradient) : gradient, theta.shape)];
  },
  jvp() {
    throw new Error('the fused Taylor-mode MLP pass has no forward-mode derivative');
  },
};

const specs = new WeakMap<MlpArchitecture, Map<string, TaylorMlpSpec>>();

/** The network as the fused WebAssembly passes see it. */
export function fusedLayout(model: MlpArchitecture): FusedMlpLayout {
  const layerCount = model.layers.length;
  return {
    sizes: model.sizes,
    activations: model.layers.map((_, l) => (l + 1 < layerCount ? model.activation : model.outputActivation)),
    weightOffsets: model.layers.map((layer) => layer.weightOffset),
    biasOffsets: model.layers.map((layer) => layer.biasOffset),
    parameterCount: model.parameterCount,
    dtype: model.dtype,
  };
}

function specFor(model: MlpArchitecture, secondAxes: readonly number[]): TaylorMlpSpec {
  let byAxes = specs.get(model);
  if (byAxes === undefined) {
    byAxes = new Map();
    specs.set(model, byAxes);
  }
  const key = secondAxes.join(',');
  let spec = byAxes.get(key);
  if (spec === undefined) {
    spec = { ...fusedLayout(model), secondAxes: [...secondAxes] };
    byAxes.set(key, spec);
  }
  return spec;
}

/**
 * θ as a tensor and whether its gradient will be taken, when a fused pass may serve a call on
 * the batch x (see the file comment); undefined otherwise.
 */
export function fusedEligibility(
  model: MlpArchitecture,
  parameters: MlpParameters,
  x: T.Tensor,
): { theta: T.Tensor; differentiated: boolean } | undefined {
  if (!FUSED_KERNELS.has(getKernels().name)) return undefined;
  if (x.requiresGrad || x.forward !== null || x.rank !== 2 || x.shape[1] !== model.sizes[0]) return undefined;
  const theta = parameters instanceof T.Tensor ? parameters : new T.Tensor(parameters, [parameters.length]);
  if (theta.forward !== null || theta.rank !== 1 || theta.size !== model.parameterCount) return undefined;
  const differentiated = isRecording() && theta.requiresGrad;
  if (differentiated && reverseDepth() > 1) return undefined;
  return { theta, differentiated };
}

/**
 * The stacked streams [1 + d + q, B, outputs] — u, ∂u/∂xᵢ for every axis, ∂²u/∂x_a² for each
 * a in `secondAxes` — of `model` at the batch x ([B, d]), or undefined where the fused op
 * cannot serve this call (see the file comment); the caller then uses the tensor-op path.
 */
export function fusedMlpInputDerivatives(
  model: MlpArchitecture,
  parameters: MlpParameters,
  x: T.Tensor,
  secondAxes: readonly number[],
): T.Tensor | undefined {
  const eligible = fusedEligibility(model, parameters, x);
  if (eligible === undefined) return undefined;
  const { theta, differentiated } = eligible;
  const engine = taylorMlpEngine();
  if (engine === undefined) return undefined;
  const attrs: FusedAttrs = {
    engine,
    spec: specFor(model, secondAxes),
    x: x.data,
    batch: x.shape[0],
    keep: differentiated,
    tape: null,
  };
  return apply(fusedTaylorMlp, [theta], attrs);
}
