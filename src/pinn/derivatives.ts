/**
 * Input derivatives of a network on a batch of points, as a PDE residual reads them:
 * `d.first('x')`, `d.second('x')`, `d.second('x', 't')`, `d.laplacian()`, each a tensor of
 * shape [B] for one output component. Computed lazily and cached:
 *
 * - with a Taylor-mode pass (MLPs), u, all first and all pure second derivatives come from ONE
 *   forward sweep, the first time any of them is asked for;
 * - otherwise (or for mixed second derivatives) from nested reverse mode: since the points of a
 *   batch are independent, ∂/∂x of Σ_b u(x_b) gives every point's gradient in one sweep.
 *
 * Both stay differentiable with respect to the parameters, so the loss gradient is one more
 * reverse sweep.
 */
import { grad } from '../core/autodiff/index.js';
import * as T from '../core/tensor/index.js';
import type { PinnNetwork, TaylorDerivatives } from './network.js';

/** An input axis: its index, or its name in the problem's `axisNames`. */
export type Axis = number | string;

/** Input derivatives of u at a batch of points; every tensor has shape [B]. */
export interface Derivatives {
  /** u_k. */
  value(output?: number): T.Tensor;
  /** ∂u_k/∂x_axis. */
  first(axis: Axis, output?: number): T.Tensor;
  /** ∂²u_k/∂x_axis∂x_other (other defaults to axis). */
  second(axis: Axis, other?: Axis, output?: number): T.Tensor;
  /** Σ over `axes` (default: every axis) of ∂²u_k/∂x_a². */
  laplacian(axes?: readonly Axis[], output?: number): T.Tensor;
}

/** Options of {@link derivativesAt}. */
export interface DerivativesOptions {
  /** Names of the input axes, e.g. ['x', 't']. */
  axisNames?: readonly string[];
  /** Use nested autodiff even if the network has a Taylor pass (for tests and comparisons). */
  forceAutodiff?: boolean;
  /**
   * The pure second derivatives to compute in the Taylor pass, as a set that this call also
   * updates: an axis asked for but missing is added (and computed by a second, full pass), so a
   * set shared by the calls of a training loop settles after the first step on what the
   * residual reads. Default: every axis.
   */
  secondAxes?: Set<number>;
}

function column(x: T.Tensor, index: number): T.Tensor {
  const batch = x.shape[0];
  return T.reshape(T.slice(x, [0, index], [batch, index + 1]), [batch]);
}

/** The derivatives of `network` at the points `x` ([B, inputSize]) for parameters θ. */
export function derivativesAt(
  network: PinnNetwork,
  parameters: T.Tensor,
  x: T.Tensor,
  options: DerivativesOptions = {},
): Derivatives {
  const d = network.inputSize;
  const names = options.axisNames ?? [];
  const batch = x.shape[0];
  const axisIndex = (axis: Axis): number => {
    const index = typeof axis === 'string' ? names.indexOf(axis) : axis;
    if (!Number.isInteger(index) || index < 0 || index >= d) {
      const allowed = names.length > 0 ? `one of ${names.join(', ')} or ` : '';
      throw new Error(`axis must be ${allowed}an integer in [0, ${d - 1}], got ${String(axis)}`);
    }
    return index;
  };
  const outputIndex = (output: number): number => {
    if (!Number.isInteger(output) || output < 0 || output >= network.outputSize) {
      throw new Error(`output must be an integer in [0, ${network.outputSize - 1}], got ${String(output)}`);
    }
    return output;
  };
  const useTaylor = network.taylor !== undefined && !options.forceAutodiff;
  const hint = options.secondAxes;
  let taylor: TaylorDerivatives | null = null;
  let fullTaylor: TaylorDerivatives | null = null;
  const runTaylor = network.taylor as NonNullable<PinnNetwork['taylor']>;
  const taylorPass = (): TaylorDerivatives => {
    taylor ??= runTaylor(
      parameters,
      x,
      hint === undefined ? undefined : { secondAxes: [...hint].sort((a, b) => a - b) },
    );
    return taylor;
  };
  // ∂²u_k/∂x_a² from the Taylor pass: from the first pass if it has axis a, else from a full one.
  const taylorSecond = (a: number, k: number): T.Tensor => {
    const first = taylorPass();
    const at = first.secondAxes === undefined ? a : first.secondAxes.indexOf(a);
    if (at >= 0) return pick(first.secondDiagonal, at, k);
    hint?.add(a);
    fullTaylor ??= runTaylor(parameters, x);
    const full = fullTaylor.secondAxes === undefined ? a : fullTaylor.secondAxes.indexOf(a);
    return pick(fullTaylor.secondDiagonal, full, k);
  };
  let value: T.Tensor | null = null;
  const cache = new Map<string, T.Tensor>();
  const remember = (key: string, compute: () => T.Tensor): T.Tensor => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = compute();
      cache.set(key, hit);
    }
    return hit;
  };
  // ∂u_k/∂x as a function of x, [B, d]: the gradient of Σ_b u_k(x_b).
  const gradientFunction = (k: number) => (points: T.Tensor) =>
    grad((y: T.Tensor) => T.sum(column(network.apply(parameters, y), k)))(points);
  const pick = (tensor: T.Tensor, axis: number, k: number): T.Tensor =>
    T.reshape(T.slice(tensor, [0, axis, k], [batch, axis + 1, k + 1]), [batch]);

  const derivatives: Derivatives = {
    value(output = 0) {
      const k = outputIndex(output);
      return remember(`u${k}`, () => {
        value ??= useTaylor ? taylorPass().value : network.apply(parameters, x);
        return column(value, k);
      });
    },
    first(axis, output = 0) {
      const i = axisIndex(axis);
      const k = outputIndex(output);
      return remember(`d${k}:${i}`, () => {
        if (useTaylor) return pick(taylorPass().gradient, i, k);
        const full = remember(`g${k}`, () => gradientFunction(k)(x));
        return column(full, i);
      });
    },
    second(axis, other = axis, output = 0) {
      const i = axisIndex(axis);
      const j = axisIndex(other);
      const k = outputIndex(output);
      const [a, b] = i <= j ? [i, j] : [j, i];
      return remember(`dd${k}:${a}:${b}`, () => {
        if (useTaylor && a === b) return taylorSecond(a, k);
        // Row a of the Hessian of every point: ∂/∂x of Σ_b ∂u_k/∂x_a.
        const row = remember(`h${k}:${a}`, () =>
          grad((y: T.Tensor) => T.sum(column(gradientFunction(k)(y), a)))(x),
        );
        return column(row, b);
      });
    },
    laplacian(axes, output = 0) {
      const list = axes ?? Array.from({ length: d }, (_, i) => i);
      if (list.length === 0) throw new Error('axes must name at least one axis');
      let total = derivatives.second(list[0], list[0], output);
      for (const axis of list.slice(1)) total = T.add(total, derivatives.second(axis, axis, output));
      return total;
    },
  };
  return derivatives;
}
