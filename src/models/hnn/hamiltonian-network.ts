/**
 * Hamiltonian neural networks (Greydanus, Dzamba & Yosinski 2019) and their baseline.
 *
 * An HNN learns a scalar H_θ(q, p) (an MLP with one output); its vector field is the
 * symplectic gradient
 *
 *   dq/dt = ∂H_θ/∂p,   dp/dt = −∂H_θ/∂q,
 *
 * taken by autodiff. The flow of such a field conserves H_θ exactly, whatever θ is: that is the
 * inductive bias. The baseline is an MLP of the same hidden sizes whose 2d outputs ARE the
 * vector field; nothing makes its flow conserve anything.
 *
 * When the weights' gradient is all that will be asked of it (training), the HNN's input
 * gradient comes from the fused WebAssembly input-gradient pass of its MLP (reverse over
 * reverse mode written out by hand, `mlp/fused-input-gradient.ts`) instead of nested reverse
 * mode through tensor ops; both give the same numbers to round-off.
 *
 * Both are {@link VectorFieldModel}s, trained by the same loss (`training.ts`) and rolled out
 * by the same integrators (`rollout.ts`). Training an HNN differentiates the loss, which
 * contains ∂H_θ/∂x, with respect to θ: a gradient of a gradient, exact in physml's autodiff
 * because every backward rule is itself differentiable.
 */
import { grad, noGrad } from '../../core/autodiff/index.js';
import type { Key } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { fusedMlpInputGradient } from '../mlp/fused-input-gradient.js';
import {
  type ActivationName,
  type MlpArchitecture,
  type MlpInitialization,
  type MlpParameters,
  mlpArchitecture,
} from '../mlp/index.js';

/** A model of the time derivative dx/dt = f_θ(x) of states x = [q, p]. */
export interface VectorFieldModel {
  /** 'hamiltonian' for an HNN, 'baseline' for a direct vector-field MLP. */
  readonly kind: 'hamiltonian' | 'baseline';
  /** d: states have 2d entries. */
  readonly degreesOfFreedom: number;
  /** The underlying MLP (its parameter vector is the model's). */
  readonly network: MlpArchitecture;
  readonly parameterCount: number;
  /** Fresh parameters drawn from `key` (default initialisation 'xavier'). */
  initialize(key: Key, init?: MlpInitialization): Float64Array;
  /** f_θ on a batch [B, 2d] → [B, 2d]; differentiable in the parameters (pass a tensor). */
  timeDerivative(parameters: MlpParameters, states: T.Tensor): T.Tensor;
  /** f_θ on interleaved states (length a multiple of 2d), as plain numbers. */
  evaluate(parameters: Float64Array, states: Float64Array): Float64Array;
}

/** A Hamiltonian neural network: a {@link VectorFieldModel} with a learned energy. */
export interface HamiltonianNeuralNetwork extends VectorFieldModel {
  readonly kind: 'hamiltonian';
  /** H_θ on a batch [B, 2d] → [B]; differentiable in parameters and states. */
  hamiltonian(parameters: MlpParameters, states: T.Tensor): T.Tensor;
}

/** Options of {@link hamiltonianNeuralNetwork} and {@link vectorFieldBaseline}. */
export interface VectorFieldModelOptions {
  /** d ≥ 1: positions per state (1 for the spring and the pendulum, 4 for two bodies). */
  degreesOfFreedom: number;
  /** Hidden layer widths (default [200, 200], Greydanus's; use smaller ones in tests). */
  hiddenSizes?: readonly number[];
  /** Hidden activation (default 'tanh', theirs; it must be smooth for an HNN). */
  activation?: ActivationName;
}

/**
 * The symplectic gradient J∇H of `hamiltonian` at a batch of states [B, 2d]:
 * [∂H/∂p, −∂H/∂q], shape [B, 2d]. `hamiltonian` maps [B, 2d] to [B] (or [B, 1]) with each
 * output depending on its own row only, so one reverse sweep of Σ_b H_b gives every row's
 * gradient. Differentiable (nested calls record their graph), so it can sit inside a loss.
 */
export function symplecticGradient(
  hamiltonian: (states: T.Tensor) => T.Tensor,
  states: T.Tensor,
  degreesOfFreedom: number,
): T.Tensor {
  const d = degreesOfFreedom;
  if (!(states instanceof T.Tensor) || states.rank !== 2 || states.shape[1] !== 2 * d) {
    const shape = states instanceof T.Tensor ? T.formatShape(states.shape) : String(states);
    throw new Error(`states must be a tensor of shape [batch, ${2 * d}], got ${shape}`);
  }
  const batch = states.shape[0];
  const gradient = grad((x: T.Tensor) => T.sum(hamiltonian(x)))(states);
  const dHdq = T.slice(gradient, [0, 0], [batch, d]);
  const dHdp = T.slice(gradient, [0, d], [batch, 2 * d]);
  return T.concat([dHdp, T.neg(dHdq)], 1);
}

function architecture(options: VectorFieldModelOptions, outputSize: (d: number) => number) {
  if (options === null || typeof options !== 'object') throw new Error('model options must be an object');
  const d = options.degreesOfFreedom;
  if (!Number.isInteger(d) || d < 1 || d > 10_000) {
    throw new Error(`degreesOfFreedom must be an integer in [1, 10000], got ${String(d)}`);
  }
  const hiddenSizes = options.hiddenSizes ?? [200, 200];
  if (!Array.isArray(hiddenSizes) || hiddenSizes.length < 1) {
    throw new Error(`hiddenSizes must be a non-empty array of layer widths, got ${String(hiddenSizes)}`);
  }
  const activation = options.activation ?? 'tanh';
  return {
    d,
    network: mlpArchitecture({ sizes: [2 * d, ...hiddenSizes, outputSize(d)], activation }),
  };
}

function checkStates(states: Float64Array, stateLength: number): number {
  if (!(states instanceof Float64Array) || states.length % stateLength !== 0) {
    throw new Error(`states must be a Float64Array of interleaved states of ${stateLength} entries`);
  }
  return states.length / stateLength;
}

/**
 * A Hamiltonian neural network for d degrees of freedom: an MLP [2d, …hidden, 1] whose
 * output is H_θ(q, p) and whose vector field is its symplectic gradient.
 *
 * ```ts
 * const model = hamiltonianNeuralNetwork({ degreesOfFreedom: 1, hiddenSizes: [64, 64] });
 * const theta = model.initialize(key);
 * const f = model.timeDerivative(theta, T.tensor([[0.5, 0]]));   // ≈ [0, −0.5] once trained
 * ```
 */
export function hamiltonianNeuralNetwork(options: VectorFieldModelOptions): HamiltonianNeuralNetwork {
  const { d, network } = architecture(options, () => 1);
  if (network.activation === 'relu') {
    throw new Error('activation must be smooth for an HNN (its vector field is a derivative); relu is not');
  }
  const hamiltonian = (parameters: MlpParameters, states: T.Tensor): T.Tensor => {
    const out = network.apply(parameters, states);
    return T.reshape(out, [out.shape[0]]);
  };
  const timeDerivative = (parameters: MlpParameters, states: T.Tensor) => {
    const fused = states instanceof T.Tensor ? fusedMlpInputGradient(network, parameters, states) : undefined;
    if (fused === undefined) return symplecticGradient((x) => hamiltonian(parameters, x), states, d);
    const batch = states.shape[0];
    const dHdq = T.slice(fused, [0, 0], [batch, d]);
    const dHdp = T.slice(fused, [0, d], [batch, 2 * d]);
    return T.concat([dHdp, T.neg(dHdq)], 1);
  };
  return {
    kind: 'hamiltonian',
    degreesOfFreedom: d,
    network,
    parameterCount: network.parameterCount,
    initialize: (key, init = 'xavier') => network.initialize(init, key),
    hamiltonian,
    timeDerivative,
    evaluate(parameters, states) {
      const n = checkStates(states, 2 * d);
      // The input gradient needs a reverse sweep, but nothing outside it is recorded.
      return Float64Array.from(timeDerivative(parameters, T.fromData(states, [n, 2 * d])).data);
    },
  };
}

/**
 * The baseline of Greydanus et al.: an MLP [2d, …hidden, 2d] that outputs the vector field
 * directly, with the same hidden sizes and activation as the HNN it is compared with.
 */
export function vectorFieldBaseline(options: VectorFieldModelOptions): VectorFieldModel {
  const { d, network } = architecture(options, (dof) => 2 * dof);
  return {
    kind: 'baseline',
    degreesOfFreedom: d,
    network,
    parameterCount: network.parameterCount,
    initialize: (key, init = 'xavier') => network.initialize(init, key),
    timeDerivative: (parameters, states) => {
      if (!(states instanceof T.Tensor) || states.rank !== 2 || states.shape[1] !== 2 * d) {
        throw new Error(`states must be a tensor of shape [batch, ${2 * d}]`);
      }
      return network.apply(parameters, states);
    },
    evaluate(parameters, states) {
      const n = checkStates(states, 2 * d);
      return noGrad(() => Float64Array.from(network.apply(parameters, T.fromData(states, [n, 2 * d])).data));
    },
  };
}
