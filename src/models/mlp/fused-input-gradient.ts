/**
 * ∇ₓH of a scalar-output MLP at every point of a batch as ONE differentiable op whose forward
 * and backward passes run in WebAssembly (`core/kernels/wasm/input-gradient-engine.ts`: reverse
 * over reverse mode written out by hand) — the vector field of a Hamiltonian network. Same
 * numbers as nested reverse mode to round-off; used under the same conditions as the fused
 * Taylor pass (`fused-input-derivatives.ts`): x constant, a first-order gradient at most, the
 * WebAssembly kernels active. Its backward pass is not itself differentiable.
 */
import { apply, type Primitive } from '../../core/autodiff/trace.js';
import {
  type InputGradientEngine,
  type InputGradientTape,
  inputGradientEngine,
} from '../../core/kernels/wasm/input-gradient-engine.js';
import type { FusedMlpLayout } from '../../core/kernels/wasm/tape-arena.js';
import * as T from '../../core/tensor/index.js';
import { fusedEligibility, fusedLayout } from './fused-input-derivatives.js';
import type { MlpArchitecture, MlpParameters } from './mlp.js';

interface GradientAttrs {
  engine: InputGradientEngine;
  layout: FusedMlpLayout;
  x: T.FloatArray;
  batch: number;
  keep: boolean;
  tape: InputGradientTape | null;
}

const fusedInputGradient: Primitive<GradientAttrs> = {
  name: 'mlpInputGradientFused',
  forward(inputs, attrs) {
    const { output, tape } = attrs.engine.forward(
      attrs.layout,
      inputs[0].data,
      attrs.x,
      attrs.batch,
      attrs.keep,
    );
    attrs.tape = tape;
    return { data: output, shape: [attrs.batch, attrs.layout.sizes[0]] };
  },
  vjp(cotangent, inputs, _output, attrs) {
    if (cotangent.requiresGrad || cotangent.forward !== null) {
      throw new Error(
        'the fused input-gradient pass has no second-order derivative (its gradient is not recorded)',
      );
    }
    if (attrs.tape === null) throw new Error('the fused input-gradient pass kept no tape for its gradient');
    const gradient = attrs.engine.backward(attrs.tape, cotangent.data);
    const theta = inputs[0];
    return [new T.Tensor(theta.dtype === 'float32' ? Float32Array.from(gradient) : gradient, theta.shape)];
  },
  jvp() {
    throw new Error('the fused input-gradient pass has no forward-mode derivative');
  },
};

const layouts = new WeakMap<MlpArchitecture, FusedMlpLayout>();

/**
 * ∇ₓ of the single output of `model` at the batch x ([B, d] → [B, d]), or undefined where the
 * fused op cannot serve this call (the caller then uses nested reverse mode).
 */
export function fusedMlpInputGradient(
  model: MlpArchitecture,
  parameters: MlpParameters,
  x: T.Tensor,
): T.Tensor | undefined {
  if (model.sizes[model.sizes.length - 1] !== 1) return undefined;
  const eligible = fusedEligibility(model, parameters, x);
  if (eligible === undefined) return undefined;
  const engine = inputGradientEngine();
  if (engine === undefined) return undefined;
  let layout = layouts.get(model);
  if (layout === undefined) {
    layout = fusedLayout(model);
    layouts.set(model, layout);
  }
  const attrs: GradientAttrs = {
    engine,
    layout,
    x: x.data,
    batch: x.shape[0],
    keep: eligible.differentiated,
    tape: null,
  };
  return apply(fusedInputGradient, [eligible.theta], attrs);
}
