/** Differentiable shape and indexing ops. */
import {
  broadcastRule,
  concatRule,
  gatherRule,
  padRule,
  permuteRule,
  reshapeRule,
  scatterAddRule,
  sliceRule,
} from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import { formatShape, normalizeAxis, type Shape, shapeSize, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** A new shape with the same elements; one entry may be −1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const resolved = [...shape];
  const unknown = resolved.indexOf(-1);
  if (unknown >= 0) {
    const known = resolved.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    resolved[unknown] = known === 0 ? 0 : x.size / known;
  }
  if (resolved.some((d) => !Number.isInteger(d) || d < 0) || shapeSize(resolved) !== x.size) {
    throw new Error(`cannot reshape ${formatShape(x.shape)} (size ${x.size}) to ${formatShape(shape)}`);
  }
  if (shapesEqual(resolved, x.shape)) return x;
  return apply(reshapeRule, [x], { shape: resolved });
}

export function flatten(x: Tensor): Tensor {
  return reshape(x, [x.size]);
}

/** Inserts a size-1 axis at `axis`. */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis < 0 ? axis + x.rank + 1 : axis, x.rank + 1);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 axes (all of them, or the one given). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const a = normalizeAxis(axis, x.rank);
  if (x.shape[a] !== 1) throw new Error(`squeeze: axis ${axis} has size ${x.shape[a]}, not 1`);
  return reshape(
    x,
    x.shape.filter((_, i) => i !== a),
  );
}

export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  return apply(broadcastRule, [x], { shape: [...shape] });
}

/** Reorders axes: output axis i is input axis `perm[i]`. */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  if (perm.length !== x.rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
    throw new Error(`permute: [${perm.join(', ')}] is not a permutation of the ${x.rank} axes`);
  }
  if (perm.every((p, i) => p === i)) return x;
  return apply(permuteRule, [x], { perm: [...perm] });
}

/** Swaps two axes (default: the last two, i.e. the matrix transpose). */
export function transpose(x: Tensor, axis1 = -2, axis2 = -1): Tensor {
  if (x.rank < 2) return x;
  const a = normalizeAxis(axis1, x.rank);
  const b = normalizeAxis(axis2, x.rank);
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}

/** The box `[starts, ends)` (unit steps); omitted trailing axes are taken whole. */
export function slice(x: Tensor, starts: readonly number[], ends?: readonly number[]): Tensor {
  const s = x.shape.map((_, a) => starts[a] ?? 0);
  const e = x.shape.map((d, a) => ends?.[a] ?? d);
  for (let a = 0; a < x.rank; a++) {
    if (!Number.isInteger(s[a]) || !Number.isInteger(e[a]) || s[a] < 0 || e[a] > x.shape[a] || s[a] > e[a]) {
      throw new Error(`slice: [${s[a]}, ${e[a]}) is out of range for axis ${a} of size ${x.shape[a]}`);
    }
  }
  if (s.every((v) => v === 0) && e.every((v, a) => v === x.shape[a])) return x;
  return apply(sliceRule, [x], { starts: s, ends: e });
}

/** Zero padding: `before[a]` and `after[a]` entries on each axis. */
export function pad(x: Tensor, before: readonly number[], after: readonly number[]): Tensor {
  const b = x.shape.map((_, a) => before[a] ?? 0);
  const f = x.shape.map((_, a) => after[a] ?? 0);
  if ([...b, ...f].some((v) => !Number.isInteger(v) || v < 0))
    throw new Error('pad widths must be non-negative integers');
  if (b.every((v) => v === 0) && f.every((v) => v === 0)) return x;
  return apply(padRule, [x], { before: b, after: f });
}

export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('concat needs at least one tensor');
  const a = normalizeAxis(axis, tensors[0].rank);
  for (const t of tensors) {
    if (t.rank !== tensors[0].rank || t.shape.some((d, i) => i !== a && d !== tensors[0].shape[i])) {
      throw new Error(
        `concat along axis ${a}: shapes ${tensors.map((u) => formatShape(u.shape)).join(', ')} differ off that axis`,
      );
    }
  }
  if (tensors.length === 1) return tensors[0];
  return apply(concatRule, tensors, { axis: a });
}

/** Stacks equal-shaped tensors along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  return concat(
    tensors.map((t) => expandDims(t, axis)),
    axis,
  );
}

function toIndices(indices: ArrayLike<number>, length: number): Int32Array {
  const out = Int32Array.from(indices as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== indices[i] || out[i] < 0 || out[i] >= length) {
      throw new Error(`index ${indices[i]} is out of range [0, ${length})`);
    }
  }
  return out;
}

/** Selects `indices` along `axis` (`numpy.take`); the adjoint is `scatterAdd`. */
export function gather(x: Tensor, axis: number, indices: ArrayLike<number>): Tensor {
  const a = normalizeAxis(axis, x.rank);
  return apply(gatherRule, [x], { axis: a, indices: toIndices(indices, x.shape[a]) });
}

/** `base` with `updates[..., j, ...]` added at `indices[j]` along `axis` (repeats accumulate). */
export function scatterAdd(base: Tensor, axis: number, indices: ArrayLike<number>, updates: Tensor): Tensor {
  const a = normalizeAxis(axis, base.rank);
  const expected = [...base.shape];
  expected[a] = indices.length;
  if (!shapesEqual(expected, updates.shape)) {
    throw new Error(
      `scatterAdd: updates have shape ${formatShape(updates.shape)}, expected ${formatShape(expected)}`,
    );
  }
  return apply(scatterAddRule, [base, updates], { axis: a, indices: toIndices(indices, base.shape[a]) });
}
