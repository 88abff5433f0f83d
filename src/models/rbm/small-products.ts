/**
 * The three products of an RBM training step for small minibatches (internal to `models/rbm`):
 *
 *   forward   out = 1·cᵀ + X·W        (rows × H; X rows of visible values)
 *   backward  out = 1·bᵀ + S·Wᵀ       (rows × V; S rows of hidden values)
 *   outer     W  += Σ_s α_s·x_s·y_sᵀ   (the weight update, two blocks of rows)
 *
 * with W stored V×H. In a minibatch of 10 rows against a 64×100 matrix (scikit-learn's digits
 * example) each product is only 64 000 multiply-adds, so `getKernels().matmul` spends much of its
 * time packing W into panels (measured 0.7–1.9 G multiply-adds/s on these shapes). Here W is read
 * in place, and the rows are sparse: sampled units are 0/1 (a third of them on, typically) and
 * half of the digits' pixels are 0. So every row is first listed as its nonzero entries
 * (`RowLists`, compressed sparse rows), and the products run over the lists only, eight outputs
 * at a time in registers (additions only for 0/1 rows). The weight update transposes the two
 * blocks' lists into per-visible-unit lists (a counting sort) and adds, to each row of W, the
 * hidden rows of the data rows where that unit is on.
 *
 * Listing and sampling are branch-free (a count advanced by 0 or 1): with random 0/1 data a
 * branch per entry mispredicts a third of the time, which measured costlier than the products.
 * The trainer uses these loops for minibatches of up to `SMALL_BATCH_LIMIT` rows and the kernel's
 * matmul beyond, where packing pays off (and where a faster kernel backend helps). Sums run in a
 * fixed order, so results are reproducible.
 */
import type { FloatArray } from '../../core/kernels/index.js';

/** Minibatches (and chain counts) of at most this many rows use these loops. */
export const SMALL_BATCH_LIMIT = 64;

/** The nonzero entries of a batch of rows (compressed sparse rows). */
export interface RowLists {
  /** Entries of row s are `starts[s] … starts[s + 1] − 1`. */
  readonly starts: Int32Array;
  /** The column of each entry. */
  readonly columns: Int32Array;
  /** The value of each entry. */
  readonly values: Float64Array;
  /** True when every listed value is 1 (the products then only add). */
  binary: boolean;
}

/** Lists with room for `rows` rows of `width` entries. */
export function createRowLists(rows: number, width: number): RowLists {
  return {
    starts: new Int32Array(rows + 1),
    columns: new Int32Array(rows * width),
    values: new Float64Array(rows * width),
    binary: false,
  };
}

/**
 * Lists the nonzero entries of `rows` rows of `width` values of `x` (from element `offset`) into
 * `lists`, as its rows `first …`. Branch-free: every entry is written, the count advances by 0 or 1.
 */
export function listRows(
  x: FloatArray,
  offset: number,
  rows: number,
  width: number,
  lists: RowLists,
  first = 0,
): void {
  const { starts, columns, values } = lists;
  let count = starts[first];
  let binary = true;
  for (let s = 0; s < rows; s++) {
    const base = offset + s * width;
    for (let i = 0; i < width; i++) {
      const value = x[base + i];
      columns[count] = i;
      values[count] = value;
      count += value !== 0 ? 1 : 0;
      binary = binary && (value === 0 || value === 1);
    }
    starts[first + s + 1] = count;
  }
  lists.binary = first === 0 ? binary : lists.binary && binary;
}

/**
 * out[(s − first)·H + j] = bias[j] + Σ_i x_s[i]·W[i·H + j] for the listed rows
 * s = first … first + rows − 1.
 */
export function forwardProduct(
  lists: RowLists,
  first: number,
  rows: number,
  hiddenCount: number,
  weights: FloatArray,
  bias: FloatArray,
  out: Float64Array,
): void {
  const H = hiddenCount;
  const { starts, columns, values, binary } = lists;
  const blocked = H - (H % 8);
  for (let s = 0; s < rows; s++) {
    const begin = starts[first + s];
    const end = starts[first + s + 1];
    const o = s * H;
    for (let j0 = 0; j0 < blocked; j0 += 8) {
      let a0 = bias[j0];
      let a1 = bias[j0 + 1];
      let a2 = bias[j0 + 2];
      let a3 = bias[j0 + 3];
      let a4 = bias[j0 + 4];
      let a5 = bias[j0 + 5];
      let a6 = bias[j0 + 6];
      let a7 = bias[j0 + 7];
      if (binary) {
        for (let t = begin; t < end; t++) {
          const r = columns[t] * H + j0;
          a0 += weights[r];
          a1 += weights[r + 1];
          a2 += weights[r + 2];
          a3 += weights[r + 3];
          a4 += weights[r + 4];
          a5 += weights[r + 5];
          a6 += weights[r + 6];
          a7 += weights[r + 7];
        }
      } else {
        for (let t = begin; t < end; t++) {
          const r = columns[t] * H + j0;
          const v = values[t];
          a0 += v * weights[r];
          a1 += v * weights[r + 1];
          a2 += v * weights[r + 2];
          a3 += v * weights[r + 3];
          a4 += v * weights[r + 4];
          a5 += v * weights[r + 5];
          a6 += v * weights[r + 6];
          a7 += v * weights[r + 7];
        }
      }
      out[o + j0] = a0;
      out[o + j0 + 1] = a1;
      out[o + j0 + 2] = a2;
      out[o + j0 + 3] = a3;
      out[o + j0 + 4] = a4;
      out[o + j0 + 5] = a5;
      out[o + j0 + 6] = a6;
      out[o + j0 + 7] = a7;
    }
    for (let j = blocked; j < H; j++) {
      let sum = bias[j];
      for (let t = begin; t < end; t++) sum += values[t] * weights[columns[t] * H + j];
      out[o + j] = sum;
    }
  }
}

/**
 * out[s·V + i] = bias[i] + Σ_j h_s[j]·W[i·H + j] for the listed rows s < rows (the product with
 * Wᵀ): eight visible outputs at a time gather the weights of the row's nonzero hidden units.
 */
export function backwardProduct(
  lists: RowLists,
  rows: number,
  visibleCount: number,
  hiddenCount: number,
  weights: FloatArray,
  bias: FloatArray,
  out: Float64Array,
): void {
  const H = hiddenCount;
  const V = visibleCount;
  const { starts, columns, values, binary } = lists;
  const blocked = V - (V % 8);
  for (let s = 0; s < rows; s++) {
    const begin = starts[s];
    const end = starts[s + 1];
    const o = s * V;
    for (let i0 = 0; i0 < blocked; i0 += 8) {
      const base = i0 * H;
      let a0 = bias[i0];
      let a1 = bias[i0 + 1];
      let a2 = bias[i0 + 2];
      let a3 = bias[i0 + 3];
      let a4 = bias[i0 + 4];
      let a5 = bias[i0 + 5];
      let a6 = bias[i0 + 6];
      let a7 = bias[i0 + 7];
      if (binary) {
        for (let t = begin; t < end; t++) {
          const r = base + columns[t];
          a0 += weights[r];
          a1 += weights[r + H];
          a2 += weights[r + 2 * H];
          a3 += weights[r + 3 * H];
          a4 += weights[r + 4 * H];
          a5 += weights[r + 5 * H];
          a6 += weights[r + 6 * H];
          a7 += weights[r + 7 * H];
        }
      } else {
        for (let t = begin; t < end; t++) {
          const r = base + columns[t];
          const v = values[t];
          a0 += v * weights[r];
          a1 += v * weights[r + H];
          a2 += v * weights[r + 2 * H];
          a3 += v * weights[r + 3 * H];
          a4 += v * weights[r + 4 * H];
          a5 += v * weights[r + 5 * H];
          a6 += v * weights[r + 6 * H];
          a7 += v * weights[r + 7 * H];
        }
      }
      out[o + i0] = a0;
      out[o + i0 + 1] = a1;
      out[o + i0 + 2] = a2;
      out[o + i0 + 3] = a3;
      out[o + i0 + 4] = a4;
      out[o + i0 + 5] = a5;
      out[o + i0 + 6] = a6;
      out[o + i0 + 7] = a7;
    }
    for (let i = blocked; i < V; i++) {
      let sum = bias[i];
      for (let t = begin; t < end; t++) sum += values[t] * weights[i * H + columns[t]];
      out[o + i] = sum;
    }
  }
}

/** Scratch of the weight update: per-visible-unit lists. */
export interface OuterScratch {
  readonly counts: Int32Array;
  readonly offsets: Int32Array;
  readonly values: Float64Array;
}

/** Scratch for V visible units and up to `rows` rows of V entries. */
export function createOuterScratch(visibleCount: number, rows: number): OuterScratch {
  return {
    counts: new Int32Array(visibleCount + 1),
    offsets: new Int32Array(rows * visibleCount),
    values: new Float64Array(rows * visibleCount),
  };
}

/**
 * Sorts the entries of the two blocks of the weight update by visible unit (a counting sort)
 * into `scratch`: afterwards `counts[i]` is the end of unit i's entries (`counts[i − 1]`, or 0,
 * its start), `offsets` their hidden rows' offsets in y and `values` their coefficients α·x.
 * Returns the number of entries.
 */
export function sortEntriesByUnit(
  visibleCount: number,
  hiddenCount: number,
  first: RowLists,
  firstRow: number,
  firstRows: number,
  firstCoefficient: number,
  second: RowLists,
  secondRows: number,
  secondCoefficient: number,
  scratch: OuterScratch,
): number {
  const H = hiddenCount;
  const V = visibleCount;
  const { counts, offsets, values } = scratch;
  // Counting sort of the entries by visible unit: counts[i + 1] ends as the start of unit i + 1.
  counts.fill(0);
  for (let t = first.starts[firstRow]; t < first.starts[firstRow + firstRows]; t++)
    counts[first.columns[t] + 1]++;
  for (let t = 0; t < second.starts[secondRows]; t++) counts[second.columns[t] + 1]++;
  for (let i = 0; i < V; i++) counts[i + 1] += counts[i];
  for (let s = 0; s < firstRows; s++) {
    for (let t = first.starts[firstRow + s]; t < first.starts[firstRow + s + 1]; t++) {
      const slot = counts[first.columns[t]]++;
      offsets[slot] = s * H;
      values[slot] = firstCoefficient * first.values[t];
    }
  }
  for (let s = 0; s < secondRows; s++) {
    for (let t = second.starts[s]; t < second.starts[s + 1]; t++) {
      const slot = counts[second.columns[t]]++;
      offsets[slot] = (firstRows + s) * H;
      values[slot] = secondCoefficient * second.values[t];
    }
  }
  return V > 0 ? counts[V - 1] : 0;
}

/**
 * target[i·H + j] += Σ_s α_s·x_s[i]·y[s·H + j], over the rows `firstRow … firstRow + firstRows − 1`
 * of `first` (α = `firstCoefficient`) and the rows 0 … secondRows − 1 of `second`
 * (α = `secondCoefficient`); `y` holds the hidden rows of both blocks, first block first.
 */
export function outerProductUpdate(
  target: FloatArray,
  visibleCount: number,
  hiddenCount: number,
  first: RowLists,
  firstRow: number,
  firstRows: number,
  firstCoefficient: number,
  second: RowLists,
  secondRows: number,
  secondCoefficient: number,
  y: Float64Array,
  scratch: OuterScratch,
): void {
  const H = hiddenCount;
  const V = visibleCount;
  const { counts, offsets, values } = scratch;
  sortEntriesByUnit(
    V,
    H,
    first,
    firstRow,
    firstRows,
    firstCoefficient,
    second,
    secondRows,
    secondCoefficient,
    scratch,
  );
  // Now counts[i] is the end of unit i's entries and counts[i − 1] (or 0) its start.
  const blocked = H - (H % 8);
  let begin = 0;
  for (let i = 0; i < V; i++) {
    const end = counts[i];
    const o = i * H;
    if (end > begin) {
      for (let j0 = 0; j0 < blocked; j0 += 8) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let a4 = 0;
        let a5 = 0;
        let a6 = 0;
        let a7 = 0;
        for (let t = begin; t < end; t++) {
          const r = offsets[t] + j0;
          const v = values[t];
          a0 += v * y[r];
          a1 += v * y[r + 1];
          a2 += v * y[r + 2];
          a3 += v * y[r + 3];
          a4 += v * y[r + 4];
          a5 += v * y[r + 5];
          a6 += v * y[r + 6];
          a7 += v * y[r + 7];
        }
        target[o + j0] += a0;
        target[o + j0 + 1] += a1;
        target[o + j0 + 2] += a2;
        target[o + j0 + 3] += a3;
        target[o + j0 + 4] += a4;
        target[o + j0 + 5] += a5;
        target[o + j0 + 6] += a6;
        target[o + j0 + 7] += a7;
      }
      for (let j = blocked; j < H; j++) {
        let sum = 0;
        for (let t = begin; t < end; t++) sum += values[t] * y[offsets[t] + j];
        target[o + j] += sum;
      }
    }
    begin = end;
  }
}
