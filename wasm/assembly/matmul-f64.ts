/**
 * Float64 matrix product with WebAssembly SIMD: C = op(A)·op(B), or C += op(A)·op(B).
 *
 * The GotoBLAS / BLIS loop structure: op(B) is packed one KC × NC block at a time into
 * micro-panels of NR = 4 columns, op(A) one MC × KC block at a time into micro-panels of MR
 * rows (zero-padded at the edges). The micro-kernel keeps the MR × 4 tile of C in 2·MR f64x2
 * accumulators while it walks KC steps of one A panel and one B panel. Why MR = 5 in the plain
 * build: with two vectors of B, one broadcast entry of A and one product in flight, ten
 * accumulators use 14 of the 15 vector registers V8 allocates on x64; six rows (12
 * accumulators) need 16, and V8 then spills one accumulator to the stack every step, which
 * measured 1.5× slower (Node 20, Zen 4). The fused build (relaxed SIMD, `multiply-add.ts`) needs
 * no register for the product, so its six rows fit in 15: 1.3–1.5× the plain build's rate.
 * Arithmetic is float64 throughout; C is rounded once per KC steps of k.
 *
 * All pointers are byte offsets into this module's memory; strides are in elements.
 * op(A)[i, p] = A[i·rowA + p·colA], op(B)[p, j] = B[p·rowB + j·colB], C is m × n row-major.
 */
import { mulAddF64 } from './multiply-add';
import { PACK_A, PACK_B, TILE } from './scratch';

/** Rows of a micro-panel: six when fused multiply-adds free the product's register. */
const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
const NR: i32 = 4;
const KC: i32 = 256;
const MC: i32 = ASC_FEATURE_RELAXED_SIMD ? 192 : 190;
const NC: i32 = 1024;

/**
 * `batch` products; matrix `index` of A, B and C starts `index·stride` elements after a, b, c.
 * With strideC = 0 the batch is summed into one C (the first product overwrites it unless
 * `accumulate`).
 */
export function matmulF64(
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
): void {
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  for (let index = 0; index < batch; index++) {
    const overwrite = !accumulate && (strideC !== 0 || index === 0);
    const aAt = a + ((<usize>index * <usize>strideA) << 3);
    const bAt = b + ((<usize>index * <usize>strideB) << 3);
    const cAt = c + ((<usize>index * <usize>strideC) << 3);
    if (k === 0) {
      if (overwrite) memory.fill(cAt, 0, (<usize>m * <usize>n) << 3);
    } else {
      product(aAt, rowA, colA, bAt, rowB, colB, cAt, m, n, k, overwrite);
    }
  }
}

/** One product with explicit strides (also the row blocks of the shared-memory build). */
export function product(
  a: usize,
  rowA: i32,
  colA: i32,
  b: usize,
  rowB: i32,
  colB: i32,
  c: usize,
  m: i32,
  n: i32,
  k: i32,
  overwrite: bool,
): void {
  const ldc = (<usize>n) << 3;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      // The first depth block writes C (unless accumulating); later ones add to it.
      const first = overwrite && pc === 0;
      packB(b + ((<usize>pc * <usize>rowB + <usize>jc * <usize>colB) << 3), rowB, colB, kc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a + ((<usize>ic * <usize>rowA + <usize>pc * <usize>colA) << 3), rowA, colA, mc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const columns = min(NR, nc - jr);
          const bPanel = PACK_B + ((<usize>jr * <usize>kc) << 3);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const cTile = c + <usize>(ic + ir) * ldc + ((<usize>(jc + jr)) << 3);
            microKernel(
              kc,
              PACK_A + ((<usize>ir * <usize>kc) << 3),
              bPanel,
              cTile,
              ldc,
              rows,
              columns,
              first,
            );
          }
        }
      }
    }
  }
}

/** Packs mc rows × kc depth of op(A) into panels of MR rows: entry (r, p) of a panel at p·MR + r. */
function packA(a: usize, rowA: i32, colA: i32, mc: i32, kc: i32): void {
  let q = PACK_A;
  const lineStride = (<usize>rowA) << 3;
  const depthStride = (<usize>colA) << 3;
  for (let line = 0; line < mc; line += MR) {
    const lines = min(MR, mc - line);
    let s = a + <usize>line * lineStride;
    if (lines === MR) {
      if (colA === 1) {
        // Two depths at a time: one vector per row, interleaved by lane shuffles.
        let p = 0;
        for (; p + 2 <= kc; p += 2) {
          const r0 = v128.load(s);
          const r1 = v128.load(s + lineStride);
          const r2 = v128.load(s + 2 * lineStride);
          const r3 = v128.load(s + 3 * lineStride);
          const r4 = v128.load(s + 4 * lineStride);
          const next = q + MR * 8;
          v128.store(q, v128.shuffle<f64>(r0, r1, 0, 2));
          v128.store(q, v128.shuffle<f64>(r2, r3, 0, 2), 16);
          v128.store(next, v128.shuffle<f64>(r0, r1, 1, 3));
          v128.store(next, v128.shuffle<f64>(r2, r3, 1, 3), 16);
          if (MR === 6) {
            const r5 = v128.load(s + 5 * lineStride);
            v128.store(q, v128.shuffle<f64>(r4, r5, 0, 2), 32);
            v128.store(next, v128.shuffle<f64>(r4, r5, 1, 3), 32);
          } else {
            v128.store_lane<f64>(q, r4, 0, 32);
            v128.store_lane<f64>(next, r4, 1, 32);
          }
          s += 16;
          q += 2 * MR * 8;
        }
        for (; p < kc; p++) {
          store<f64>(q, load<f64>(s), 0);
          store<f64>(q, load<f64>(s + lineStride), 8);
          store<f64>(q, load<f64>(s + 2 * lineStride), 16);
          store<f64>(q, load<f64>(s + 3 * lineStride), 24);
          store<f64>(q, load<f64>(s + 4 * lineStride), 32);
          if (MR === 6) store<f64>(q, load<f64>(s + 5 * lineStride), 40);
          s += 8;
          q += MR * 8;
        }
      } else {
        // Transposed A: the five entries of one depth are contiguous.
        for (let p = 0; p < kc; p++) {
          v128.store(q, v128.load(s));
          v128.store(q, v128.load(s, 16), 16);
          if (MR === 6) v128.store(q, v128.load(s, 32), 32);
          else store<f64>(q, load<f64>(s, 32), 32);
          s += depthStride;
          q += MR * 8;
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          store<f64>(q, r < lines ? load<f64>(s + <usize>r * lineStride) : 0);
          q += 8;
        }
        s += depthStride;
      }
    }
  }
}

/** Packs kc depth × nc columns of op(B) into panels of NR columns: entry (p, j) at p·NR + j. */
function packB(b: usize, rowB: i32, colB: i32, kc: i32, nc: i32): void {
  let q = PACK_B;
  const lineStride = (<usize>colB) << 3;
  const depthStride = (<usize>rowB) << 3;
  for (let line = 0; line < nc; line += NR) {
    const lines = min(NR, nc - line);
    let s = b + <usize>line * lineStride;
    if (lines === NR && colB === 1) {
      for (let p = 0; p < kc; p++) {
        v128.store(q, v128.load(s));
        v128.store(q, v128.load(s, 16), 16);
        s += depthStride;
        q += 32;
      }
    } else if (lines === NR) {
      for (let p = 0; p < kc; p++) {
        store<f64>(q, load<f64>(s), 0);
        store<f64>(q, load<f64>(s + lineStride), 8);
        store<f64>(q, load<f64>(s + 2 * lineStride), 16);
        store<f64>(q, load<f64>(s + 3 * lineStride), 24);
        s += 8;
        q += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < NR; r++) {
          store<f64>(q, r < lines ? load<f64>(s + <usize>r * lineStride) : 0);
          q += 8;
        }
        s += depthStride;
      }
    }
  }
}

/**
 * The 5 × 4 tile of C at `c` (row stride ldc bytes) = (first ? 0 : C) + A panel · B panel;
 * only the top-left rows × columns are written.
 */
function microKernel(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: usize,
  rows: i32,
  columns: i32,
  first: bool,
): void {
  let c00 = f64x2.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  let c40 = c00;
  let c41 = c00;
  let c50 = c00;
  let c51 = c00;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load64_splat(ap);
    c00 = mulAddF64(x, b0, c00);
    c01 = mulAddF64(x, b1, c01);
    x = v128.load64_splat(ap, 8);
    c10 = mulAddF64(x, b0, c10);
    c11 = mulAddF64(x, b1, c11);
    x = v128.load64_splat(ap, 16);
    c20 = mulAddF64(x, b0, c20);
    c21 = mulAddF64(x, b1, c21);
    x = v128.load64_splat(ap, 24);
    c30 = mulAddF64(x, b0, c30);
    c31 = mulAddF64(x, b1, c31);
    x = v128.load64_splat(ap, 32);
    c40 = mulAddF64(x, b0, c40);
    c41 = mulAddF64(x, b1, c41);
    if (MR === 6) {
      x = v128.load64_splat(ap, 40);
      c50 = mulAddF64(x, b0, c50);
      c51 = mulAddF64(x, b1, c51);
    }
    ap += MR * 8;
    bp += 32;
  }
  if (rows === MR && columns === NR) {
    storeRow(c, c00, c01, first);
    storeRow(c + ldc, c10, c11, first);
    storeRow(c + 2 * ldc, c20, c21, first);
    storeRow(c + 3 * ldc, c30, c31, first);
    storeRow(c + 4 * ldc, c40, c41, first);
    if (MR === 6) storeRow(c + 5 * ldc, c50, c51, first);
    return;
  }
  v128.store(TILE, c00, 0);
  v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32);
  v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64);
  v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96);
  v128.store(TILE, c31, 112);
  v128.store(TILE, c40, 128);
  v128.store(TILE, c41, 144);
  if (MR === 6) {
    v128.store(TILE, c50, 160);
    v128.store(TILE, c51, 176);
  }
  for (let r = 0; r < rows; r++) {
    const row = c + <usize>r * ldc;
    const t = TILE + <usize>(r * NR * 8);
    for (let q = 0; q < columns; q++) {
      const at = row + ((<usize>q) << 3);
      const value = load<f64>(t + ((<usize>q) << 3));
      store<f64>(at, first ? value : load<f64>(at) + value);
    }
  }
}

function storeRow(at: usize, left: v128, right: v128, overwrite: bool): void {
  if (overwrite) {
    v128.store(at, left);
    v128.store(at, right, 16);
  } else {
    v128.store(at, f64x2.add(v128.load(at), left));
    v128.store(at, f64x2.add(v128.load(at, 16), right), 16);
  }
}
