/**
 * Function transformations in the style of JAX: `grad`, `valueAndGrad`, `vjp`, `jvp`,
 * `hvp`, `jacobian`, `hessian` and elementwise `derivative` of any order. They nest freely
 * (`grad(grad(f))`, `jvp(grad(f))`, `grad(x => jvp(f, …))`) because every rule is written
 * with differentiable ops and forward-mode levels keep perturbations apart.
 */

import { sum } from '../ops/reduce.js';
import { reshape, stack } from '../ops/shape.js';
import { formatShape } from '../tensor/shape.js';
import { onesLike, type Tensor, zeros, zerosLike } from '../tensor/tensor.js';
import { backward } from './backward.js';
import { identityRule } from './rules.js';
import {
  apply,
  enterReverse,
  isRecording,
  makeDual,
  newLevel,
  noGrad,
  reverseDepth,
  withRecording,
} from './trace.js';

/** A fresh leaf to differentiate against, still connected to `x` for outer transformations. */
function tracer(x: Tensor): Tensor {
  const t = apply(identityRule, [x], undefined);
  t.requiresGrad = true;
  return t;
}

function runReverse<T>(nested: boolean, fn: () => T): T {
  // At top level, the backward sweep need not build a graph of its own: no one will
  // differentiate the gradient. Inside another transformation it must.
  return nested ? withRecording(fn) : noGrad(fn);
}

export interface VjpResult {
  value: Tensor;
  /** Cotangents of the inputs for a cotangent of the output (default: ones). */
  backward(cotangent?: Tensor): Tensor[];
}

/** Evaluates f and returns its value with a reusable vector–Jacobian product. */
export function vjp(f: (...args: Tensor[]) => Tensor, ...primals: Tensor[]): VjpResult {
  const nested = reverseDepth() > 0 || primals.some((p) => p.requiresGrad);
  const tracers = primals.map(tracer);
  const value = enterReverse(() => withRecording(() => f(...tracers)));
  return {
    value,
    backward: (cotangent = onesLike(value)) => runReverse(nested, () => backward(value, cotangent, tracers)),
  };
}

export interface GradOptions {
  /** Which arguments to differentiate (default 0). An array returns an array of gradients. */
  argnums?: number | readonly number[];
}

function checkScalar(value: Tensor, name: string): void {
  if (value.size !== 1) {
    throw new Error(
      `${name} needs a function with a single-element output, got shape ${formatShape(value.shape)}; sum it or use jacobian`,
    );
  }
}

/** `valueAndGrad(f)(x)` → `[f(x), ∇f(x)]` for scalar-valued f. */
export function valueAndGrad(f: (...args: Tensor[]) => Tensor, options: GradOptions = {}) {
  const argnums = options.argnums ?? 0;
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  return (...args: Tensor[]): [Tensor, Tensor | Tensor[]] => {
    for (const i of list) {
      if (!Number.isInteger(i) || i < 0 || i >= args.length) {
        throw new Error(`argnums entry ${i} is out of range for ${args.length} arguments`);
      }
    }
    const nested = reverseDepth() > 0 || list.some((i) => args[i].requiresGrad);
    const tracers = args.map((a, i) => (list.includes(i) ? tracer(a) : a));
    const value = enterReverse(() => withRecording(() => f(...tracers)));
    checkScalar(value, 'grad');
    const grads = runReverse(nested, () =>
      backward(
        value,
        onesLike(value),
        list.map((i) => tracers[i]),
      ),
    );
    return [value, typeof argnums === 'number' ? grads[0] : grads];
  };
}

/** `grad(f)(x)` = ∇f(x) for scalar-valued f; `grad(grad(f))` etc. are exact. */
export function grad(
  f: (...args: Tensor[]) => Tensor,
  options: { argnums: readonly number[] },
): (...args: Tensor[]) => Tensor[];
export function grad(
  f: (...args: Tensor[]) => Tensor,
  options?: { argnums?: number },
): (...args: Tensor[]) => Tensor;
export function grad(f: (...args: Tensor[]) => Tensor, options: GradOptions = {}) {
  const vg = valueAndGrad(f, options);
  return (...args: Tensor[]) => vg(...args)[1];
}

/**
 * Forward mode: `[f(x), J_f(x)·v]` in one pass with dual numbers (no reverse sweep).
 * Tangents must have the shapes of the primals.
 */
export function jvp(
  f: (...args: Tensor[]) => Tensor,
  primals: readonly Tensor[],
  tangents: readonly Tensor[],
): [Tensor, Tensor] {
  if (primals.length !== tangents.length)
    throw new Error(`jvp: ${primals.length} primals but ${tangents.length} tangents`);
  const level = newLevel();
  const duals = primals.map((p, i) => {
    const t = tangents[i];
    if (p.shape.length !== t.shape.length || p.shape.some((d, a) => d !== t.shape[a])) {
      throw new Error(
        `jvp: tangent ${i} has shape ${formatShape(t.shape)}, its primal ${formatShape(p.shape)}`,
      );
    }
    const dual = makeDual(p, level, t);
    if (p.requiresGrad && isRecording()) {
      dual.requiresGrad = true;
      dual.node = { op: 'dual', inputs: [p], vjp: (g) => [g] };
    }
    return dual;
  });
  const out = f(...duals);
  if (out.forward !== null && out.forward.level === level) {
    return [out.forward.primal, out.forward.tangent ?? zerosLike(out)];
  }
  return [out, zerosLike(out)];
}

/** Hessian–vector product H(x)·v of scalar f, forward-over-reverse (one gradient's cost ×~2). */
export function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  return jvp(grad(f), [x], [v])[1];
}

/** The Jacobian ∂f_i/∂x_j as a tensor of shape [...f(x).shape, ...x.shape], one reverse sweep per output. */
export function jacobian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x: Tensor) => {
    const { value, backward: pullback } = vjp(f, x);
    const rows: Tensor[] = [];
    for (let i = 0; i < value.size; i++) {
      const seed = zeros([value.size], value.dtype);
      seed.data[i] = 1;
      rows.push(pullback(reshape(seed, value.shape))[0]);
    }
    if (rows.length === 0) return zeros([...value.shape, ...x.shape], x.dtype);
    return reshape(stack(rows), [...value.shape, ...x.shape]);
  };
}

/** The Hessian of scalar f, shape [...x.shape, ...x.shape]. */
export function hessian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return jacobian(grad(f));
}

/**
 * The `order`-th derivative of an elementwise (or batch-independent) function, evaluated
 * pointwise: `derivative(tanh, 3)(x)` = tanh'''(x). Built by repeated `grad(sum ∘ f)`, so
 * each order is exact.
 */
export function derivative(f: (x: Tensor) => Tensor, order = 1): (x: Tensor) => Tensor {
  if (!Number.isInteger(order) || order < 0)
    throw new Error(`derivative order must be a non-negative integer, got ${order}`);
  let g = f;
  for (let k = 0; k < order; k++) {
    const inner = g;
    g = grad((x: Tensor) => sum(inner(x)));
  }
  return g;
}
