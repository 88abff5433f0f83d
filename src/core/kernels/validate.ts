/**
 * Argument checks shared by every kernel implementation.
 *
 * A typed array read past its end returns `undefined` (NaN in arithmetic) and a write past
 * its end is dropped silently, so a wrong size would corrupt results without any error.
 * These checks are O(1) per call and run before any loop.
 */
import type { FloatArray, MatmulArgs, ReduceArgs } from './kernels.js';

function checkCount(operation: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${operation}: ${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function checkArray(operation: string, name: string, value: unknown): void {
  if (!(value instanceof Float64Array) && !(value instanceof Float32Array)) {
    const got = value === null ? 'null' : typeof value === 'object' ? value.constructor.name : typeof value;
    throw new Error(`${operation}: ${name} must be a Float64Array or a Float32Array, got ${got}`);
  }
}

function checkLength(operation: string, name: string, array: FloatArray, needed: number, why: string): void {
  if (array.length < needed) {
    throw new Error(`${operation}: ${name} has length ${array.length}, needs at least ${needed} (${why})`);
  }
}

/**
 * True when the element ranges `[xStart, xEnd)` of x and `[yStart, yEnd)` of y share memory
 * (same ArrayBuffer, intersecting byte ranges). Empty ranges never overlap.
 */
export function rangesOverlap(
  x: FloatArray,
  xStart: number,
  xEnd: number,
  y: FloatArray,
  yStart: number,
  yEnd: number,
): boolean {
  if (x.buffer !== y.buffer || xEnd <= xStart || yEnd <= yStart) return false;
  const xFrom = x.byteOffset + xStart * x.BYTES_PER_ELEMENT;
  const xTo = x.byteOffset + xEnd * x.BYTES_PER_ELEMENT;
  const yFrom = y.byteOffset + yStart * y.BYTES_PER_ELEMENT;
  const yTo = y.byteOffset + yEnd * y.BYTES_PER_ELEMENT;
  return xFrom < yTo && yFrom < xTo;
}

/**
 * Checks a matmul call: dimensions and strides are non-negative integers, the arrays are
 * float arrays long enough for every matrix of the batch, consecutive C matrices do not
 * overlap (strideC is 0 or at least m·n) and C shares no memory with A or B.
 * @throws Error naming the offending parameter and the allowed range.
 */
export function validateMatmulArgs(args: MatmulArgs): void {
  const op = 'matmul';
  if (typeof args !== 'object' || args === null) throw new Error(`${op}: args must be an object`);
  const { a, b, c, m, n, k, batch, strideA, strideB, strideC } = args;
  checkArray(op, 'a', a);
  checkArray(op, 'b', b);
  checkArray(op, 'c', c);
  checkCount(op, 'm', m);
  checkCount(op, 'n', n);
  checkCount(op, 'k', k);
  checkCount(op, 'batch', batch);
  checkCount(op, 'strideA', strideA);
  checkCount(op, 'strideB', strideB);
  checkCount(op, 'strideC', strideC);
  if (typeof args.transA !== 'boolean') throw new Error(`${op}: transA must be a boolean`);
  if (typeof args.transB !== 'boolean') throw new Error(`${op}: transB must be a boolean`);
  if (typeof args.accumulate !== 'boolean') throw new Error(`${op}: accumulate must be a boolean`);
  if (batch === 0 || m === 0 || n === 0) return;
  if (batch > 1 && strideC !== 0 && strideC < m * n) {
    throw new Error(
      `${op}: strideC must be 0 (sum over the batch) or at least m·n = ${m * n}, got ${strideC}`,
    );
  }
  const endA = (batch - 1) * strideA + m * k;
  const endB = (batch - 1) * strideB + k * n;
  const endC = (batch - 1) * strideC + m * n;
  if (k > 0) {
    checkLength(op, 'a', a, endA, `batch ${batch}, strideA ${strideA}, m·k = ${m * k}`);
    checkLength(op, 'b', b, endB, `batch ${batch}, strideB ${strideB}, k·n = ${k * n}`);
  }
  checkLength(op, 'c', c, endC, `batch ${batch}, strideC ${strideC}, m·n = ${m * n}`);
  if (k > 0 && (rangesOverlap(c, 0, endC, a, 0, endA) || rangesOverlap(c, 0, endC, b, 0, endB))) {
    throw new Error(`${op}: c must not share memory with a or b (the product cannot be computed in place)`);
  }
}

/**
 * Checks a reduction call: outer, length and inner are non-negative integers, x holds
 * outer·length·inner entries, out holds outer·inner entries and does not overlap x.
 * @throws Error naming the offending parameter and the allowed range.
 */
export function validateReduceArgs(operation: string, args: ReduceArgs): void {
  if (typeof args !== 'object' || args === null) throw new Error(`${operation}: args must be an object`);
  const { x, out, outer, length, inner } = args;
  checkArray(operation, 'x', x);
  checkArray(operation, 'out', out);
  checkCount(operation, 'outer', outer);
  checkCount(operation, 'length', length);
  checkCount(operation, 'inner', inner);
  const size = outer * length * inner;
  checkLength(operation, 'x', x, size, `outer·length·inner = ${outer}·${length}·${inner}`);
  checkLength(operation, 'out', out, outer * inner, `outer·inner = ${outer}·${inner}`);
  if (rangesOverlap(out, 0, outer * inner, x, 0, size)) {
    throw new Error(`${operation}: out must not share memory with x`);
  }
}

/**
 * Checks a dot-product call: n is a non-negative integer no larger than either length.
 * @throws Error naming the offending parameter and the allowed range.
 */
export function validateDotArgs(x: FloatArray, y: FloatArray, n: number): void {
  checkArray('dot', 'x', x);
  checkArray('dot', 'y', y);
  checkCount('dot', 'n', n);
  checkLength('dot', 'x', x, n, `n = ${n}`);
  checkLength('dot', 'y', y, n, `n = ${n}`);
}
