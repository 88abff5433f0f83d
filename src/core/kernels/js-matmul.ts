/**
 * Blocked matrix product in plain TypeScript (the GotoBLAS / BLIS loop structure).
 *
 * For a large product, op(B) is packed, one `KC × NC` block at a time, into micro-panels of
 * `NR` columns, and op(A) one `MC × KC` block at a time into micro-panels of `MR` rows, both
 * as contiguous float64 scratch (zero-padded at the edges). A 4×4 micro-kernel then keeps
 * 16 accumulators in locals while it walks `KC` steps of one A panel and one B panel. The
 * micro-kernel only ever sees `Float64Array`s, so V8 compiles it once, monomorphic, whatever
 * the storage type of A, B and C; float32 inputs are widened while packing and every product
 * is accumulated in float64.
 *
 * Measured on a 2-core AMD EPYC (Zen 4) with Node 20: 4×4 beats 4×2, 2×4, 4×6, 6×4, 4×8 and
 * 8×4 (more accumulators spill out of the 16 XMM registers), and an unrolled k loop gains
 * nothing. KC and MC barely matter at this speed (the micro-kernel, not memory, is the limit);
 * the values below keep a B micro-panel (8 KiB) in L1 and the packed A block (256 KiB) in L2.
 *
 * Matrix–vector shapes (m = 1 or n = 1) and tiny products skip packing: a direct loop is
 * faster there (measured: packing wins from 4×4×4 on, and for m or n = 2 or 3 despite the
 * zero-padded tile, by about 2× at 64 and beyond).
 */
import type { FloatArray, MatmulArgs } from './kernels.js';

/** Rows of the micro-tile. */
const MR = 4;
/** Columns of the micro-tile. */
const NR = 4;
/** Depth of a packed block (steps of the micro-kernel loop). */
const KC = 256;
/** Rows of op(A) per packed block; a multiple of MR. */
const MC = 128;
/** Columns of op(B) per packed block; a multiple of NR. */
const NC = 256;
/** Below this many multiply-adds (m·n·k) the direct loop beats packing (measured crossover). */
const DIRECT_WORK_LIMIT = 64;

// Module-level scratch, grown on demand and reused, so that a product allocates nothing.
// Packing needs at most MC·KC + KC·NC doubles (0.75 MiB) whatever the size of the product;
// the direct path needs one row of C (n doubles) for vector–matrix products.
let packedA: Float64Array = new Float64Array(0);
let packedB: Float64Array = new Float64Array(0);
let rowScratch: Float64Array = new Float64Array(0);
const tile = new Float64Array(MR * NR);

/** `buffer` if it holds `size` entries, else a new one of at least `size`, doubling up to `limit`. */
function grow(buffer: Float64Array, size: number, limit: number): Float64Array {
  if (buffer.length >= size) return buffer;
  return new Float64Array(Math.max(size, Math.min(limit, 2 * buffer.length)));
}

/**
 * Computes the batched product described by `args` (already validated). Batches with
 * `strideC = 0` are summed into C. Two common batch layouts are folded into one larger
 * product: a broadcast B under contiguous A (`X[batch]·W`, one product with m' = batch·m), and
 * a sum over the batch of Aᵀ·B with contiguous A and B (the weight gradient `Σ Xᵀ·dY`, one
 * product with k' = batch·k).
 */
export function blockedMatmul(args: MatmulArgs): void {
  const { a, b, c, transA, transB, strideA, strideB, strideC, accumulate } = args;
  let { m, n, k, batch } = args;
  if (batch === 0 || m === 0 || n === 0) return;
  if (batch > 1 && strideB === 0 && !transA && strideA === m * k && strideC === m * n) {
    m *= batch;
    batch = 1;
  } else if (batch > 1 && strideC === 0 && transA && !transB && strideA === m * k && strideB === k * n) {
    k *= batch;
    batch = 1;
  }
  for (let index = 0; index < batch; index++) {
    // With strideC = 0 every matrix after the first adds into the same C.
    const overwrite = !accumulate && (strideC !== 0 || index === 0);
    const aOffset = index * strideA;
    const bOffset = index * strideB;
    const cOffset = index * strideC;
    if (k === 0) {
      if (overwrite) c.fill(0, cOffset, cOffset + m * n);
    } else if (m === 1 || n === 1 || m * n * k < DIRECT_WORK_LIMIT) {
      directProduct(a, aOffset, transA, b, bOffset, transB, c, cOffset, m, n, k, overwrite);
    } else {
      packedProduct(a, aOffset, transA, b, bOffset, transB, c, cOffset, m, n, k, overwrite);
    }
  }
}

/**
 * Unpacked product for small sizes. op(A)[i,p] = a[aOffset + i·rowA + p·colA] and
 * op(B)[p,j] = b[bOffset + p·rowB + j·colB]. When rows of op(B) are contiguous each row of C
 * is built as a sum of scaled rows of B in a float64 row buffer; otherwise (transB, or fewer
 * than NR columns) each entry is a dot product kept in locals.
 */
function directProduct(
  a: FloatArray,
  aOffset: number,
  transA: boolean,
  b: FloatArray,
  bOffset: number,
  transB: boolean,
  c: FloatArray,
  cOffset: number,
  m: number,
  n: number,
  k: number,
  overwrite: boolean,
): void {
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  if (transB || n < NR) {
    for (let i = 0; i < m; i++) {
      const aRow = aOffset + i * rowA;
      const cRow = cOffset + i * n;
      for (let j = 0; j < n; j++) {
        const bColumn = bOffset + j * colB;
        // Two lanes halve the chain of dependent additions (matrix–vector products are long).
        let sum0 = 0;
        let sum1 = 0;
        let p = 0;
        for (; p + 1 < k; p += 2) {
          sum0 += a[aRow + p * colA] * b[bColumn + p * rowB];
          sum1 += a[aRow + (p + 1) * colA] * b[bColumn + (p + 1) * rowB];
        }
        if (p < k) sum0 += a[aRow + p * colA] * b[bColumn + p * rowB];
        const sum = sum0 + sum1;
        c[cRow + j] = overwrite ? sum : c[cRow + j] + sum;
      }
    }
    return;
  }
  rowScratch = grow(rowScratch, n, n);
  const row = rowScratch;
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * rowA;
    row.fill(0, 0, n);
    for (let p = 0; p < k; p++) {
      const value = a[aRow + p * colA];
      const bRow = bOffset + p * rowB;
      for (let j = 0; j < n; j++) row[j] += value * b[bRow + j];
    }
    const cRow = cOffset + i * n;
    if (overwrite) for (let j = 0; j < n; j++) c[cRow + j] = row[j];
    else for (let j = 0; j < n; j++) c[cRow + j] += row[j];
  }
}

/** Packed, cache-blocked product (see the file comment for the loop structure). */
function packedProduct(
  a: FloatArray,
  aOffset: number,
  transA: boolean,
  b: FloatArray,
  bOffset: number,
  transB: boolean,
  c: FloatArray,
  cOffset: number,
  m: number,
  n: number,
  k: number,
  overwrite: boolean,
): void {
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  const blockRows = Math.min(MC, roundUp(m, MR));
  const blockColumns = Math.min(NC, roundUp(n, NR));
  const blockDepth = Math.min(KC, k);
  packedA = grow(packedA, blockRows * blockDepth, MC * KC);
  packedB = grow(packedB, blockDepth * blockColumns, KC * NC);
  const ap = packedA;
  const bp = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // The first depth block writes C (unless accumulating); later ones add to it. For float32
      // C this rounds once per KC steps of k, not once per step.
      const store = overwrite && pc === 0;
      packPanels(b, bOffset + pc * rowB + jc * colB, colB, rowB, nc, kc, NR, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(a, aOffset + ic * rowA + pc * colA, rowA, colA, mc, kc, MR, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const columns = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, ap, ir * kc, bp, jr * kc, tile);
            const rows = Math.min(MR, mc - ir);
            storeTile(c, cOffset + (ic + ir) * n + jc + jr, n, rows, columns, store);
          }
        }
      }
    }
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Packs `count` lines (rows of op(A) or columns of op(B)) of `depth` entries each into
 * micro-panels of `width` lines: entry (line, p) goes to panel ⌊line/width⌋, position
 * p·width + line mod width. Element (line, p) is `source[start + line·lineStride + p·depthStride]`.
 * The last panel is zero-padded, so the micro-kernel never needs an edge case (the padded
 * rows and columns of a tile are computed but never stored).
 */
function packPanels(
  source: FloatArray,
  start: number,
  lineStride: number,
  depthStride: number,
  count: number,
  depth: number,
  width: number,
  target: Float64Array,
): void {
  let q = 0;
  for (let line = 0; line < count; line += width) {
    const lines = Math.min(width, count - line);
    const base = start + line * lineStride;
    if (lines === 4 && width === 4) {
      for (let p = 0; p < depth; p++) {
        const s = base + p * depthStride;
        target[q] = source[s];
        target[q + 1] = source[s + lineStride];
        target[q + 2] = source[s + 2 * lineStride];
        target[q + 3] = source[s + 3 * lineStride];
        q += 4;
      }
    } else {
      for (let p = 0; p < depth; p++) {
        const s = base + p * depthStride;
        for (let r = 0; r < width; r++) target[q++] = r < lines ? source[s + r * lineStride] : 0;
      }
    }
  }
}

/** tile (4×4, row-major) = A micro-panel (depth × 4) ᵀ · B micro-panel (depth × 4). */
// biome-ignore format: one row of the 4×4 tile per line is easier to check than 16 lines.
function microKernel(
  depth: number,
  ap: Float64Array,
  ia: number,
  bp: Float64Array,
  ib: number,
  out: Float64Array,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < depth; p++) {
    const a0 = ap[ia], a1 = ap[ia + 1], a2 = ap[ia + 2], a3 = ap[ia + 3];
    let v = bp[ib];
    c00 += a0 * v; c10 += a1 * v; c20 += a2 * v; c30 += a3 * v;
    v = bp[ib + 1];
    c01 += a0 * v; c11 += a1 * v; c21 += a2 * v; c31 += a3 * v;
    v = bp[ib + 2];
    c02 += a0 * v; c12 += a1 * v; c22 += a2 * v; c32 += a3 * v;
    v = bp[ib + 3];
    c03 += a0 * v; c13 += a1 * v; c23 += a2 * v; c33 += a3 * v;
    ia += 4;
    ib += 4;
  }
  out[0] = c00; out[1] = c01; out[2] = c02; out[3] = c03;
  out[4] = c10; out[5] = c11; out[6] = c12; out[7] = c13;
  out[8] = c20; out[9] = c21; out[10] = c22; out[11] = c23;
  out[12] = c30; out[13] = c31; out[14] = c32; out[15] = c33;
}

/** Writes (or adds) the top-left rows × columns of the tile into C at `start`, row stride n. */
function storeTile(
  c: FloatArray,
  start: number,
  n: number,
  rows: number,
  columns: number,
  overwrite: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const offset = start + r * n;
    const t = r * NR;
    if (overwrite) for (let q = 0; q < columns; q++) c[offset + q] = tile[t + q];
    else for (let q = 0; q < columns; q++) c[offset + q] += tile[t + q];
  }
}
