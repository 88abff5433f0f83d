/**
 * The matrix product through the WebAssembly SIMD kernels (`wasm/assembly/matmul-f32.ts` and
 * `matmul-f64.ts`: packed panels, 5×8 float32 and 5×4 float64 register-blocked micro-kernels).
 *
 * What is copied: the element ranges of A and B that the batch reads are copied into the
 * module's memory (one `TypedArray.set` each: a memcpy when the types agree), the product is
 * computed there, and C's range is copied back. With `immutableA` / `B` / `C` (tensors' data)
 * the copies stay (`resident-copies.ts`): an operand already there is not copied again, and C
 * stays as its new array's copy. C is also copied in first when its old
 * values matter: with `accumulate`, and for a gapped batch layout (strideC > m·n), whose gaps
 * must come back unchanged. The copies are O(m·k + k·n + m·n) against O(m·n·k) arithmetic.
 *
 * Arithmetic: when A, B and C are all Float32Array the product is computed in float32 (as
 * BLAS sgemm does); any other mix is computed in float64 (float32 operands are widened
 * exactly while copied in; a float32 C is rounded once when copied out).
 */
import type { MatmulArgs } from '../kernels.js';
import type { WasmRuntime } from './runtime.js';

/** Computes the product described by `args` (already validated) in WebAssembly. */
export function wasmMatmul(runtime: WasmRuntime, args: MatmulArgs): void {
  const { a, b, c, transA, transB, strideA, strideB, strideC, accumulate } = args;
  let { m, n, k, batch } = args;
  if (batch === 0 || m === 0 || n === 0) return;
  // The two batch layouts that are one larger product (as in js-matmul.ts): X[batch]·W with
  // m' = batch·m, and the weight gradient Σ Xᵀ·dY with k' = batch·k.
  if (batch > 1 && strideB === 0 && !transA && strideA === m * k && strideC === m * n) {
    m *= batch;
    batch = 1;
  } else if (batch > 1 && strideC === 0 && transA && !transB && strideA === m * k && strideB === k * n) {
    k *= batch;
    batch = 1;
  }
  const lengthC = (batch - 1) * strideC + m * n;
  if (k === 0) {
    if (!accumulate) {
      if (strideC === 0 || batch === 1) c.fill(0, 0, lengthC);
      else for (let index = 0; index < batch; index++) c.fill(0, index * strideC, index * strideC + m * n);
    }
    return;
  }
  const lengthA = (batch - 1) * strideA + m * k;
  const lengthB = (batch - 1) * strideB + k * n;
  const single = a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array;
  const bytes = single ? 4 : 8;
  const { arena, exports } = runtime;
  const gapped = batch > 1 && strideC > m * n;
  const { resident } = runtime;
  resident?.beginCall();
  arena.reset();
  // Immutable operands already in memory are used where they are; the others are copied into
  // the resident region (kept for later calls) or, failing that, the per-call arena.
  const keepA = resident !== undefined && args.immutableA === true;
  const keepB = resident !== undefined && args.immutableB === true;
  const foundA = keepA ? resident.find(a, bytes, lengthA) : undefined;
  const foundB = keepB ? resident.find(b, bytes, lengthB) : undefined;
  const atA =
    foundA ?? (keepA ? resident.reserve(a, bytes, lengthA) : undefined) ?? arena.take(lengthA * bytes);
  const atB =
    foundB ?? (keepB ? resident.reserve(b, bytes, lengthB) : undefined) ?? arena.take(lengthB * bytes);
  // C stays as the new array's copy only when it holds exactly the array's values (not a float64
  // result rounded to a float32 C).
  const keepC =
    resident !== undefined &&
    args.immutableC === true &&
    !accumulate &&
    !gapped &&
    (single || c instanceof Float64Array);
  const atC = (keepC ? resident.reserve(c, bytes, lengthC, false) : undefined) ?? arena.take(lengthC * bytes);
  arena.commit();
  const view = single ? arena.f32() : arena.f64();
  const iC = atC / bytes;
  if (foundA === undefined) view.set(a.length === lengthA ? a : a.subarray(0, lengthA), atA / bytes);
  if (foundB === undefined) view.set(b.length === lengthB ? b : b.subarray(0, lengthB), atB / bytes);
  if (accumulate || gapped) view.set(c.length === lengthC ? c : c.subarray(0, lengthC), iC);
  const product = single ? exports.matmulF32 : exports.matmulF64;
  product(atA, atB, atC, m, n, k, +transA, +transB, batch, strideA, strideB, strideC, +accumulate);
  c.set(view.subarray(iC, iC + lengthC));
}
