/**
 * The tracing machinery shared by reverse and forward mode.
 *
 * Every differentiable op is a `Primitive` applied through `apply`. Reverse mode records a
 * graph node (inputs + vector–Jacobian product) on the result; forward mode carries nested
 * duals tagged by level, so jvp-of-jvp and jvp-of-grad never confuse their perturbations.
 * Both kinds of rule are written with the same differentiable ops, which is why every
 * derivative is itself differentiable to any order.
 */
import { Tensor } from '../tensor/tensor.js';

/** One differentiable operation: its value, its vector–Jacobian and Jacobian–vector products. */
export interface Primitive<Attrs = undefined> {
  readonly name: string;
  /** Raw value; must not record anything. Returns the data and shape of the result. */
  forward(inputs: readonly Tensor[], attrs: Attrs): { data: Tensor['data']; shape: readonly number[] };
  /**
   * Cotangents of the inputs (null where zero or not needed), given the output cotangent.
   * `needs[i]` is false when input i's cotangent will not be used.
   */
  vjp(
    cotangent: Tensor,
    inputs: readonly Tensor[],
    output: Tensor,
    attrs: Attrs,
    needs: readonly boolean[],
  ): Array<Tensor | null>;
  /** Tangent of the output given input tangents (null entries are zero). */
  jvp(
    tangents: ReadonlyArray<Tensor | null>,
    inputs: readonly Tensor[],
    output: Tensor,
    attrs: Attrs,
  ): Tensor | null;
  /** Piecewise-constant ops (comparisons, sign): derivative zero, nothing recorded. */
  readonly nondifferentiable?: boolean;
}

const state = {
  /** When false (inside `noGrad`), no reverse-mode nodes are recorded. */
  recording: true,
  /** Levels are never reused, so a stale dual can never be confused with a live one. */
  nextLevel: 0,
  /** How many reverse-mode transformations are currently tracing a function. */
  reverseDepth: 0,
};

export function isRecording(): boolean {
  return state.recording;
}

/** Runs `fn` without recording reverse-mode graph nodes (forward-mode tangents still flow). */
export function noGrad<T>(fn: () => T): T {
  const previous = state.recording;
  state.recording = false;
  try {
    return fn();
  } finally {
    state.recording = previous;
  }
}

export function withRecording<T>(fn: () => T): T {
  const previous = state.recording;
  state.recording = true;
  try {
    return fn();
  } finally {
    state.recording = previous;
  }
}

export function newLevel(): number {
  return state.nextLevel++;
}

export function reverseDepth(): number {
  return state.reverseDepth;
}

export function enterReverse<T>(fn: () => T): T {
  state.reverseDepth++;
  try {
    return fn();
  } finally {
    state.reverseDepth--;
  }
}

function record<A>(prim: Primitive<A>, inputs: readonly Tensor[], output: Tensor, attrs: A): void {
  if (!state.recording || prim.nondifferentiable) return;
  let any = false;
  for (const t of inputs) if (t.requiresGrad) any = true;
  if (!any) return;
  output.requiresGrad = true;
  output.node = {
    op: prim.name,
    inputs,
    vjp: (cotangent, needs) => prim.vjp(cotangent, inputs, output, attrs, needs),
  };
}

/** Wraps `primal` as a dual number `primal + ε·tangent` at forward level `level`. */
export function makeDual(primal: Tensor, level: number, tangent: Tensor | null): Tensor {
  const dual = new Tensor(primal.data, primal.shape);
  dual.forward = { level, primal, tangent };
  return dual;
}

/** Applies a primitive, recording reverse-mode nodes and propagating forward-mode tangents. */
export function apply<A>(prim: Primitive<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  let level = -1;
  for (const t of inputs) if (t.forward !== null && t.forward.level > level) level = t.forward.level;
  if (level < 0) {
    const { data, shape } = prim.forward(inputs, attrs);
    const output = new Tensor(data, shape);
    record(prim, inputs, output, attrs);
    return output;
  }
  // Peel off the innermost level: compute on its primals (which may still carry outer
  // levels), then push the tangents of this level through the op's jvp rule.
  const primals = inputs.map((t) => (t.forward !== null && t.forward.level === level ? t.forward.primal : t));
  const primalOut = apply(prim, primals, attrs);
  if (prim.nondifferentiable) return primalOut;
  let any = false;
  const tangents = inputs.map((t) => {
    const tangent = t.forward !== null && t.forward.level === level ? t.forward.tangent : null;
    if (tangent !== null) any = true;
    return tangent;
  });
  const tangent = any ? prim.jvp(tangents, primals, primalOut, attrs) : null;
  const output = makeDual(primalOut, level, tangent);
  // The reverse node sits on the dual itself, so a backward pass through it differentiates
  // the tangents too (reverse-over-forward).
  record(prim, inputs, output, attrs);
  return output;
}
