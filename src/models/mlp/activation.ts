/**
 * The activation functions of an MLP, as differentiable tensor ops, with their first and
 * second derivatives written in the same ops. The derivatives serve Taylor-mode propagation
 * of input derivatives (`input-derivatives.ts`): because they are themselves differentiable,
 * gradients of a PDE residual with respect to the weights come from one reverse sweep.
 */
import * as T from '../../core/tensor/index.js';

/** The activations an MLP layer can apply elementwise. */
export type ActivationName = 'identity' | 'tanh' | 'relu' | 'softplus' | 'sigmoid' | 'sin' | 'swish';

/** Every activation name, in a stable order (for messages and parameter schemas). */
export const activationNames: readonly ActivationName[] = [
  'identity',
  'tanh',
  'relu',
  'softplus',
  'sigmoid',
  'sin',
  'swish',
];

/** Throws unless `name` is one of {@link activationNames}; `what` names the parameter. */
export function assertActivation(name: unknown, what: string): asserts name is ActivationName {
  if (typeof name !== 'string' || !(activationNames as readonly string[]).includes(name)) {
    throw new Error(`${what} must be one of ${activationNames.join(', ')}, got ${String(name)}`);
  }
}

/** σ(z) elementwise: `swish` is z·sigmoid(z) (SiLU), `sin` is sin(z) (SIREN-style). */
export function activate(name: ActivationName, z: T.Tensor): T.Tensor {
  switch (name) {
    case 'identity':
      return z;
    case 'tanh':
      return T.tanh(z);
    case 'relu':
      return T.relu(z);
    case 'softplus':
      return T.softplus(z);
    case 'sigmoid':
      return T.sigmoid(z);
    case 'sin':
      return T.sin(z);
    case 'swish':
      return T.mul(z, T.sigmoid(z));
  }
}

/** σ, σ′ and σ″ at the same points; `null` stands for an identically zero derivative. */
export interface ActivationDerivatives {
  value: T.Tensor;
  first: T.Tensor | null;
  second: T.Tensor | null;
}

/**
 * σ(z), σ′(z) and σ″(z) in one pass, sharing intermediate values (tanh, sigmoid). For relu,
 * σ″ is taken as 0: its distributional part (a Dirac mass at 0) is invisible to pointwise
 * evaluation, so second input derivatives of a relu network are not meaningful.
 * For the identity, σ′ = 1 is returned as `null` with `value` = z and the caller skips it.
 */
export function activationDerivatives(name: ActivationName, z: T.Tensor): ActivationDerivatives {
  switch (name) {
    case 'identity':
      return { value: z, first: null, second: null };
    case 'tanh': {
      const t = T.tanh(z);
      const first = T.sub(1, T.mul(t, t));
      return { value: t, first, second: T.mul(T.mul(-2, t), first) };
    }
    case 'relu':
      return { value: T.relu(z), first: T.step(z), second: null };
    case 'softplus': {
      const s = T.sigmoid(z);
      return { value: T.softplus(z), first: s, second: T.mul(s, T.sub(1, s)) };
    }
    case 'sigmoid': {
      const s = T.sigmoid(z);
      const first = T.mul(s, T.sub(1, s));
      return { value: s, first, second: T.mul(first, T.sub(1, T.mul(2, s))) };
    }
    case 'sin':
      return { value: T.sin(z), first: T.cos(z), second: T.neg(T.sin(z)) };
    case 'swish': {
      // σ = z s, σ′ = s + z s(1 − s), σ″ = s(1 − s)(2 + z(1 − 2s)), with s = sigmoid(z).
      const s = T.sigmoid(z);
      const logistic = T.mul(s, T.sub(1, s));
      return {
        value: T.mul(z, s),
        first: T.add(s, T.mul(z, logistic)),
        second: T.mul(logistic, T.add(2, T.mul(z, T.sub(1, T.mul(2, s))))),
      };
    }
  }
}
