/**
 * Reductions and the dot product through the WebAssembly SIMD kernels
 * (`wasm/assembly/reductions.ts`). x (and y) are copied into the module's memory (an
 * immutable x once, see `resident-copies.ts`), float32
 * entries are widened to float64 inside the kernel, and the float64 results are copied back
 * (rounded once if `out` is a Float32Array).
 *
 * Semantics are those of the TypeScript kernels: compensated sums (within about one rounding
 * of the exact sum), max and min that propagate NaN (as Math.max / Math.min, so max(−0, +0)
 * is +0), −∞ / +∞ over an empty axis, and a dot product accumulated in float64 in four lanes
 * in the same order as `jsDot` (bit-identical to it).
 */
import type { FloatArray, ReduceArgs } from '../kernels.js';
import type { WasmRuntime } from './runtime.js';

export type Reduction = 'sum' | 'max' | 'min';

const IDENTITY: Record<Reduction, number> = {
  sum: 0,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
};

/** Applies `operation` as described by `args` (already validated) in WebAssembly. */
export function wasmReduce(runtime: WasmRuntime, operation: Reduction, args: ReduceArgs): void {
  const { x, out, outer, length, inner } = args;
  const outSize = outer * inner;
  if (outSize === 0) return;
  if (length === 0) {
    out.fill(IDENTITY[operation], 0, outSize);
    return;
  }
  const size = outSize * length;
  const wide = x instanceof Float64Array;
  const { arena, exports } = runtime;
  const width = x.BYTES_PER_ELEMENT;
  const resident = args.immutableInput === true ? runtime.resident : undefined;
  resident?.beginCall();
  arena.reset();
  // An immutable x already in memory (say, a matrix product's result) is read where it is.
  const found = resident?.find(x, width, size);
  const atX = found ?? resident?.reserve(x, width, size) ?? arena.take(size * width);
  const atOut = arena.take(outSize * 8);
  arena.commit();
  if (found === undefined) {
    const source = x.length === size ? x : x.subarray(0, size);
    if (wide) arena.f64().set(source, atX / 8);
    else arena.f32().set(source, atX / 4);
  }
  const kernel =
    operation === 'sum'
      ? wide
        ? exports.sumF64
        : exports.sumF32
      : operation === 'max'
        ? wide
          ? exports.maxF64
          : exports.maxF32
        : wide
          ? exports.minF64
          : exports.minF32;
  kernel(atX, atOut, outer, length, inner);
  const results = arena.f64();
  out.set(results.subarray(atOut / 8, atOut / 8 + outSize));
}

/** Σ x[i]·y[i] over the first n entries (already validated), in float64, in WebAssembly. */
export function wasmDot(runtime: WasmRuntime, x: FloatArray, y: FloatArray, n: number): number {
  if (n === 0) return 0;
  const single = x instanceof Float32Array && y instanceof Float32Array;
  const bytes = single ? 4 : 8;
  const { arena, exports } = runtime;
  arena.reset();
  const atX = arena.take(n * bytes);
  const atY = arena.take(n * bytes);
  arena.commit();
  // Mixed types are widened to float64 while copied (exact), then multiplied as float64.
  const view = single ? arena.f32() : arena.f64();
  view.set(x.length === n ? x : x.subarray(0, n), atX / bytes);
  view.set(y.length === n ? y : y.subarray(0, n), atY / bytes);
  return single ? exports.dotF32(atX, atY, n) : exports.dotF64(atX, atY, n);
}
