/**
 * The reverse sweep: propagate a cotangent from an output back to chosen target tensors.
 *
 * Only the part of the graph that lies between the output and the targets is visited, the
 * walk is iterative (graphs of 10⁵ ops do not overflow the stack), and cotangents of
 * intermediate tensors are dropped as soon as they have been used, to keep memory flat.
 */

import { add } from '../ops/arithmetic.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { type Tensor, zeros } from '../tensor/tensor.js';

/** Cotangents of `targets` (zeros where the output does not depend on one). */
export function backward(output: Tensor, cotangent: Tensor, targets: readonly Tensor[]): Tensor[] {
  if (!shapesEqual(output.shape, cotangent.shape)) {
    throw new Error(
      `cotangent shape ${formatShape(cotangent.shape)} differs from output shape ${formatShape(output.shape)}`,
    );
  }
  const targetSet = new Set(targets);
  const reaches = new Map<Tensor, boolean>();
  const order: Tensor[] = [];
  // Iterative post-order DFS; a target is a leaf of the walk (we differentiate with respect
  // to it, holding whatever it was computed from fixed).
  const stack: Array<{ tensor: Tensor; next: number }> = [{ tensor: output, next: 0 }];
  reaches.set(output, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { tensor } = frame;
    const inputs = targetSet.has(tensor) || tensor.node === null ? [] : tensor.node.inputs;
    if (frame.next < inputs.length) {
      const input = inputs[frame.next++];
      if (input.requiresGrad && !reaches.has(input)) {
        reaches.set(input, false);
        stack.push({ tensor: input, next: 0 });
      }
      continue;
    }
    stack.pop();
    let reached = targetSet.has(tensor);
    for (const input of inputs) if (reaches.get(input) === true) reached = true;
    reaches.set(tensor, reached);
    if (reached) order.push(tensor);
  }

  const cotangents = new Map<Tensor, Tensor>();
  if (reaches.get(output) === true) cotangents.set(output, cotangent);
  for (let i = order.length - 1; i >= 0; i--) {
    const tensor = order[i];
    if (targetSet.has(tensor) || tensor.node === null) continue;
    const g = cotangents.get(tensor);
    if (g === undefined) continue;
    cotangents.delete(tensor);
    const inputs = tensor.node.inputs;
    const needs = inputs.map((t) => reaches.get(t) === true);
    const contributions = tensor.node.vjp(g, needs);
    for (let j = 0; j < inputs.length; j++) {
      const c = contributions[j];
      if (!needs[j] || c === null || c === undefined) continue;
      const previous = cotangents.get(inputs[j]);
      cotangents.set(inputs[j], previous === undefined ? c : add(previous, c));
    }
  }
  return targets.map((t) => cotangents.get(t) ?? zeros(t.shape, t.dtype));
}
