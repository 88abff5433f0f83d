/**
 * Shape arithmetic shared by every tensor op: sizes, row-major strides, NumPy broadcasting
 * and axis normalisation. Errors name the offending shapes so a user can find the bad op.
 */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar, shape `[]`). */
export function shapeSize(shape: Shape): number {
  // An indexed loop: on every tensor construction, and cheaper than an iterator here.
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  return size;
}

/** Row-major (C order) strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Checks that a shape holds non-negative integers. */
export function validateShape(shape: Shape, name = 'shape'): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${name} ${formatShape(shape)} must contain non-negative integers`);
    }
  }
}

/** The NumPy broadcast of two shapes: trailing axes aligned, size-1 axes stretched. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read `shape` as if broadcast to `target` (stride 0 on stretched axes). */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  const out = new Array<number>(target.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[i + offset] = shape[i] === 1 ? 0 : own[i];
  return out;
}

/** Normalises a possibly negative axis into `[0, rank)`. */
export function normalizeAxis(axis: number, rank: number, name = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new Error(
      `${name} ${axis} is out of range for a tensor of rank ${rank} (allowed ${-rank}..${rank - 1})`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalises a list of axes (default: all), sorted and without duplicates. */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => normalizeAxis(a, rank));
  const sorted = [...new Set(out)].sort((x, y) => x - y);
  if (sorted.length !== out.length) throw new Error(`axes [${list.join(', ')}] contain a repeated axis`);
  return sorted;
}

/**
 * The axes along which `from` was broadcast to reach `to`, for reducing a gradient back:
 * leading extra axes, and axes where `from` had size 1 and `to` does not.
 */
export function reducedAxesForBroadcast(from: Shape, to: Shape): number[] {
  const offset = to.length - from.length;
  const axes: number[] = [];
  for (let i = 0; i < to.length; i++) {
    if (i < offset) axes.push(i);
    else if (from[i - offset] === 1 && to[i] !== 1) axes.push(i);
  }
  return axes;
}
