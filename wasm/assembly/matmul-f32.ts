/**
 * Float32 matrix product with WebAssembly SIMD: C = op(A)·op(B), or C += op(A)·op(B).
 *
 * The GotoBLAS / BLIS loop structure: op(B) is packed one KC × NC block at a time into
 * micro-panels of NR = 8 columns, op(A) one MC × KC block at a time into micro-panels of MR
 * rows (zero-padded at the edges). The micro-kernel keeps the MR × 8 tile of C in 2·MR f32x4
 * accumulators while it walks KC steps of one A panel and one B panel. Why MR = 5 in the plain
 * build: with two vectors of B, one broadcast entry of A and one product in flight, ten
 * accumulators use 14 of the 15 vector registers V8 allocates on x64; six rows (12
 * accumulators) need 16, and V8 then spills one accumulator to the stack every step, which
 * measured 1.5× slower (Node 20, Zen 4). The fused build (relaxed SIMD, `multiply-add.ts`) needs
 * no register for the product, so its six rows fit in 15: 1.3–1.5× the plain build's rate.
 * Arithmetic is float32 throughout; C is rounded once per KC steps of k.
 *
 * All pointers are byte offsets into this module's memory; strides are in elements.
 * op(A)[i, p] = A[i·rowA + p·colA], op(B)[p, j] = B[p·rowB + j·colB], C is m × n row-major.
 */
import { mulAddF32 } from './multiply-add';
import { PACK_A, PACK_B, TILE } from './scratch';

/** Rows of a micro-panel: six when fused multiply-adds free the product's register. */
const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = ASC_FEATURE_RELAXED_SIMD ? 192 : 190;
const NC: i32 = 2048;

/**
 * `batch` products; matrix `index` of A, B and C starts `index·stride` elements after a, b, c.
 * With strideC = 0 the batch is summed into one C (the first product overwrites it unless
 * `accumulate`).
 */
export function matmulF32(
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
    const aAt = a + ((<usize>index * <usize>strideA) << 2);
    const bAt = b + ((<usize>index * <usize>strideB) << 2);
    const cAt = c + ((<usize>index * <usize>strideC) << 2);
    if (k === 0) {
      if (overwrite) memory.fill(cAt, 0, (<usize>m * <usize>n) << 2);
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
  const ldc = (<usize>n) << 2;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      // The first depth block writes C (unless accumulating); later ones add to it.
      const first = overwrite && pc === 0;
      packB(b + ((<usize>pc * <usize>rowB + <usize>jc * <usize>colB) << 2), rowB, colB, kc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a + ((<usize>ic * <usize>rowA + <usize>pc * <usize>colA) << 2), rowA, colA, mc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const columns = min(NR, nc - jr);
          const bPanel = PACK_B + ((<usize>jr * <usize>kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const cTile = c + <usize>(ic + ir) * ldc + ((<usize>(jc + jr)) << 2);
            microKernel(
              kc,
              PACK_A + ((<usize>ir * <usize>kc) << 2),
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
  const lineStride = (<usize>rowA) << 2;
  const depthStride = (<usize>colA) << 2;
  for (let line = 0; line < mc; line += MR) {
    const lines = min(MR, mc - line);
    let s = a + <usize>line * lineStride;
    if (lines === MR) {
      if (colA === 1) {
        // Four depths at a time: one vector per row; rows 0–3 by a 4 × 4 transpose in lane
        // shuffles, rows 4 (and 5) by lane stores.
        const step: usize = <usize>(MR * 4);
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const r0 = v128.load(s);
          const r1 = v128.load(s + lineStride);
          const r2 = v128.load(s + 2 * lineStride);
          const r3 = v128.load(s + 3 * lineStride);
          const r4 = v128.load(s + 4 * lineStride);
          const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
          const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
          const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
          v128.store(q, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
          v128.store(q + step, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
          v128.store(q + 2 * step, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
          v128.store(q + 3 * step, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
          if (MR === 6) {
            const r5 = v128.load(s + 5 * lineStride);
            const u0 = v128.shuffle<f32>(r4, r5, 0, 4, 1, 5);
            const u1 = v128.shuffle<f32>(r4, r5, 2, 6, 3, 7);
            v128.store_lane<i64>(q, u0, 0, 16);
            v128.store_lane<i64>(q + step, u0, 1, 16);
            v128.store_lane<i64>(q + 2 * step, u1, 0, 16);
            v128.store_lane<i64>(q + 3 * step, u1, 1, 16);
          } else {
            v128.store_lane<f32>(q, r4, 0, 16);
            v128.store_lane<f32>(q + step, r4, 1, 16);
            v128.store_lane<f32>(q + 2 * step, r4, 2, 16);
            v128.store_lane<f32>(q + 3 * step, r4, 3, 16);
          }
          s += 16;
          q += 4 * step;
        }
        for (; p < kc; p++) {
          store<f32>(q, load<f32>(s), 0);
          store<f32>(q, load<f32>(s + lineStride), 4);
          store<f32>(q, load<f32>(s + 2 * lineStride), 8);
          store<f32>(q, load<f32>(s + 3 * lineStride), 12);
          store<f32>(q, load<f32>(s + 4 * lineStride), 16);
          if (MR === 6) store<f32>(q, load<f32>(s + 5 * lineStride), 20);
          s += 4;
          q += MR * 4;
        }
      } else {
        // Transposed A: the five entries of one depth are contiguous.
        for (let p = 0; p < kc; p++) {
          v128.store(q, v128.load(s));
          store<f32>(q, load<f32>(s, 16), 16);
          if (MR === 6) store<f32>(q, load<f32>(s, 20), 20);
          s += depthStride;
          q += MR * 4;
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          store<f32>(q, r < lines ? load<f32>(s + <usize>r * lineStride) : 0);
          q += 4;
        }
        s += depthStride;
      }
    }
  }
}

/** Packs kc depth × nc columns of op(B) into panels of NR columns: entry (p, j) at p·NR + j. */
function packB(b: usize, rowB: i32, colB: i32, kc: i32, nc: i32): void {
  let q = PACK_B;
  const lineStride = (<usize>colB) << 2;
  const depthStride = (<usize>rowB) << 2;
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
        store<f32>(q, load<f32>(s), 0);
        store<f32>(q, load<f32>(s + lineStride), 4);
        store<f32>(q, load<f32>(s + 2 * lineStride), 8);
        store<f32>(q, load<f32>(s + 3 * lineStride), 12);
        store<f32>(q, load<f32>(s + 4 * lineStride), 16);
        store<f32>(q, load<f32>(s + 5 * lineStride), 20);
        store<f32>(q, load<f32>(s + 6 * lineStride), 24);
        store<f32>(q, load<f32>(s + 7 * lineStride), 28);
        s += 4;
        q += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < NR; r++) {
          store<f32>(q, r < lines ? load<f32>(s + <usize>r * lineStride) : 0);
          q += 4;
        }
        s += depthStride;
      }
    }
  }
}

/**
 * The 5 × 8 tile of C at `c` (row stride ldc bytes) = (first ? 0 : C) + A panel · B panel;
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
  let c00 = f32x4.splat(0);
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
    let x = v128.load32_splat(ap);
    c00 = mulAddF32(x, b0, c00);
    c01 = mulAddF32(x, b1, c01);
    x = v128.load32_splat(ap, 4);
    c10 = mulAddF32(x, b0, c10);
    c11 = mulAddF32(x, b1, c11);
    x = v128.load32_splat(ap, 8);
    c20 = mulAddF32(x, b0, c20);
    c21 = mulAddF32(x, b1, c21);
    x = v128.load32_splat(ap, 12);
    c30 = mulAddF32(x, b0, c30);
    c31 = mulAddF32(x, b1, c31);
    x = v128.load32_splat(ap, 16);
    c40 = mulAddF32(x, b0, c40);
    c41 = mulAddF32(x, b1, c41);
    if (MR === 6) {
      x = v128.load32_splat(ap, 20);
      c50 = mulAddF32(x, b0, c50);
      c51 = mulAddF32(x, b1, c51);
    }
    ap += MR * 4;
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
    const t = TILE + <usize>(r * NR * 4);
    for (let q = 0; q < columns; q++) {
      const at = row + ((<usize>q) << 2);
      const value = load<f32>(t + ((<usize>q) << 2));
      store<f32>(at, first ? value : load<f32>(at) + value);
    }
  }
}

function storeRow(at: usize, left: v128, right: v128, overwrite: bool): void {
  if (overwrite) {
    v128.store(at, left);
    v128.store(at, right, 16);
  } else {
    v128.store(at, f32x4.add(v128.load(at), left));
    v128.store(at, f32x4.add(v128.load(at, 16), right), 16);
  }
}
