/**
 * Entry points of the shared-memory build (`scripts/build-wasm.mjs`, second binary): every
 * thread instantiates this module on one shared memory, moves its scratch to its own region
 * (`setScratch`) and computes a block of rows of C with `matmulRowsF32` / `matmulRowsF64`.
 *
 * Row r of C depends only on row r of op(A) and on op(B), and every entry is summed in the
 * same order whatever the block (depth blocks of KC, then the micro-kernel's steps), so the
 * result is bit-identical to the single-thread kernels for any split of the rows.
 */
import { product as productF32 } from './matmul-f32';
import { product as productF64 } from './matmul-f64';

import { PACK_A_BYTES, PACK_B_BYTES } from './scratch';

export { heapBase, setScratch } from './scratch';

/** Bytes of one thread's packed-A region, so that the host sizes every thread's scratch. */
export function packABytes(): usize {
  return PACK_A_BYTES;
}

/** Bytes of one thread's packed-B region. */
export function packBBytes(): usize {
  return PACK_B_BYTES;
}

/** Rows [row0, row1) of `matmulF32`'s product (same arguments, same meaning). */
export function matmulRowsF32(
  a: usize,
  b: usize,
  c: usize,
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  batch: i32,
  strideA: i32,
  strideB: i32,
  strideC: i32,
  accumulate: bool,
  row0: i32,
  row1: i32,
): void {
  if (row1 <= row0) return;
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  const rows = row1 - row0;
  for (let index = 0; index < batch; index++) {
    const overwrite = !accumulate && (strideC !== 0 || index === 0);
    const aAt = a + ((<usize>index * <usize>strideA + <usize>row0 * <usize>rowA) << 2);
    const bAt = b + ((<usize>index * <usize>strideB) << 2);
    const cAt = c + ((<usize>index * <usize>strideC + <usize>row0 * <usize>n) << 2);
    if (k === 0) {
      if (overwrite) memory.fill(cAt, 0, (<usize>rows * <usize>n) << 2);
    } else {
      productF32(aAt, rowA, colA, bAt, rowB, colB, cAt, rows, n, k, overwrite);
    }
  }
}

/** Rows [row0, row1) of `matmulF64`'s product (same arguments, same meaning). */
export function matmulRowsF64(
  a: usize,
  b: usize,
  c: usize,
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  batch: i32,
  strideA: i32,
  strideB: i32,
  strideC: i32,
  accumulate: bool,
  row0: i32,
  row1: i32,
): void {
  if (row1 <= row0) return;
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  const rows = row1 - row0;
  for (let index = 0; index < batch; index++) {
    const overwrite = !accumulate && (strideC !== 0 || index === 0);
    const aAt = a + ((<usize>index * <usize>strideA + <usize>row0 * <usize>rowA) << 3);
    const bAt = b + ((<usize>index * <usize>strideB) << 3);
    const cAt = c + ((<usize>index * <usize>strideC + <usize>row0 * <usize>n) << 3);
    if (k === 0) {
      if (overwrite) memory.fill(cAt, 0, (<usize>rows * <usize>n) << 3);
    } else {
      productF64(aAt, rowA, colA, bAt, rowB, colB, cAt, rows, n, k, overwrite);
    }
  }
}
