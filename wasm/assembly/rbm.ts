/**
 * The sparse products of an RBM training step (float64), with WebAssembly SIMD over the output
 * columns. Rows are given as lists of their nonzero entries (compressed sparse rows, as in
 * `src/models/rbm/small-products.ts`), and every output is summed over its row's entries in
 * list order — the same additions in the same order as the TypeScript loops, so the results
 * are bit-identical to them.
 *
 * - `rbmSparseRowsTimesF64`: out[s, j] = bias[j] + Σ_t values[t] · M[columns[t], j]
 *   (M row-major, `width` columns): the forward product with M = W (V×H), and the backward one
 *   with M = Wᵀ (H×V, see `transposeF64`).
 * - `rbmListedOuterF64`: target[i, j] += Σ_t values[t] · y[offsets[t] + j] over unit i's
 *   entries t (the weight update, from per-visible-unit lists).
 */

/** out (cols × rows) = in (rows × cols)ᵀ, float64. */
export function transposeF64(input: usize, out: usize, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    const row = input + ((<usize>i * <usize>cols) << 3);
    for (let j = 0; j < cols; j++)
      store<f64>(out + ((<usize>j * <usize>rows + <usize>i) << 3), load<f64>(row + ((<usize>j) << 3)));
  }
}

/**
 * out[s·width + j] = bias[j] + Σ_{t ∈ [starts[s], starts[s+1])} values[t − origin] · m[columns[t − origin]·width + j]
 * for s < rows (starts: rows + 1 int32 positions; columns, values hold the entries from `origin`).
 */
export function rbmSparseRowsTimesF64(
  starts: usize,
  origin: i32,
  columns: usize,
  values: usize,
  rows: i32,
  width: i32,
  m: usize,
  bias: usize,
  out: usize,
): void {
  const stride = (<usize>width) << 3;
  for (let s = 0; s < rows; s++) {
    const begin = load<i32>(starts + ((<usize>s) << 2)) - origin;
    const end = load<i32>(starts + ((<usize>s) << 2), 4) - origin;
    const o = out + <usize>s * stride;
    let j = 0;
    for (; j + 7 < width; j += 8) {
      const jb = (<usize>j) << 3;
      let a0 = v128.load(bias + jb);
      let a1 = v128.load(bias + jb, 16);
      let a2 = v128.load(bias + jb, 32);
      let a3 = v128.load(bias + jb, 48);
      for (let t = begin; t < end; t++) {
        const v = f64x2.splat(load<f64>(values + ((<usize>t) << 3)));
        const r = m + <usize>load<i32>(columns + ((<usize>t) << 2)) * stride + jb;
        a0 = f64x2.add(a0, f64x2.mul(v, v128.load(r)));
        a1 = f64x2.add(a1, f64x2.mul(v, v128.load(r, 16)));
        a2 = f64x2.add(a2, f64x2.mul(v, v128.load(r, 32)));
        a3 = f64x2.add(a3, f64x2.mul(v, v128.load(r, 48)));
      }
      v128.store(o + jb, a0);
      v128.store(o + jb, a1, 16);
      v128.store(o + jb, a2, 32);
      v128.store(o + jb, a3, 48);
    }
    for (; j + 1 < width; j += 2) {
      const jb = (<usize>j) << 3;
      let a = v128.load(bias + jb);
      for (let t = begin; t < end; t++) {
        const v = f64x2.splat(load<f64>(values + ((<usize>t) << 3)));
        a = f64x2.add(
          a,
          f64x2.mul(v, v128.load(m + <usize>load<i32>(columns + ((<usize>t) << 2)) * stride + jb)),
        );
      }
      v128.store(o + jb, a);
    }
    for (; j < width; j++) {
      const jb = (<usize>j) << 3;
      let a = load<f64>(bias + jb);
      for (let t = begin; t < end; t++) {
        a +=
          load<f64>(values + ((<usize>t) << 3)) *
          load<f64>(m + <usize>load<i32>(columns + ((<usize>t) << 2)) * stride + jb);
      }
      store<f64>(o + jb, a);
    }
  }
}

/**
 * target[i·width + j] += Σ_{t ∈ [ends[i−1], ends[i])} values[t] · y[offsets[t] + j] for i < units
 * (ends: int32 end of each unit's entries, the start of unit 0 being 0; offsets: int32 element
 * offsets into y). Each sum starts from 0 and is added to the target once, as in TypeScript.
 */
export function rbmListedOuterF64(
  target: usize,
  units: i32,
  width: i32,
  ends: usize,
  offsets: usize,
  values: usize,
  y: usize,
): void {
  const stride = (<usize>width) << 3;
  let begin = 0;
  for (let i = 0; i < units; i++) {
    const end = load<i32>(ends + ((<usize>i) << 2));
    if (end > begin) {
      const o = target + <usize>i * stride;
      let j = 0;
      for (; j + 7 < width; j += 8) {
        const jb = (<usize>j) << 3;
        let a0 = f64x2.splat(0);
        let a1 = a0;
        let a2 = a0;
        let a3 = a0;
        for (let t = begin; t < end; t++) {
          const v = f64x2.splat(load<f64>(values + ((<usize>t) << 3)));
          const r = y + ((<usize>load<i32>(offsets + ((<usize>t) << 2))) << 3) + jb;
          a0 = f64x2.add(a0, f64x2.mul(v, v128.load(r)));
          a1 = f64x2.add(a1, f64x2.mul(v, v128.load(r, 16)));
          a2 = f64x2.add(a2, f64x2.mul(v, v128.load(r, 32)));
          a3 = f64x2.add(a3, f64x2.mul(v, v128.load(r, 48)));
        }
        v128.store(o + jb, f64x2.add(v128.load(o + jb), a0));
        v128.store(o + jb, f64x2.add(v128.load(o + jb, 16), a1), 16);
        v128.store(o + jb, f64x2.add(v128.load(o + jb, 32), a2), 32);
        v128.store(o + jb, f64x2.add(v128.load(o + jb, 48), a3), 48);
      }
      for (; j < width; j++) {
        const jb = (<usize>j) << 3;
        let a: f64 = 0;
        for (let t = begin; t < end; t++) {
          a +=
            load<f64>(values + ((<usize>t) << 3)) *
            load<f64>(y + ((<usize>load<i32>(offsets + ((<usize>t) << 2))) << 3) + jb);
        }
        store<f64>(o + jb, load<f64>(o + jb) + a);
      }
    }
    begin = end;
  }
}
