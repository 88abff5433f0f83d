/**
 * Dense row-major float64 matrices: the one data type of the linear-algebra module.
 *
 * A `Matrix` is a plain record, so a tensor layer can wrap one without copying: element
 * (i, j) lives at `data[i * cols + j]`. Functions here never mutate their inputs.
 */

/** A dense row-major float64 matrix; element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

function assertDimension(value: number, name: string, caller: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${caller}: ${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Builds a `rows × cols` matrix. Without `data` the matrix is zero; with `data` (row-major,
 * length `rows·cols`) the values are copied, so the caller may reuse its array.
 */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  assertDimension(rows, 'rows', 'matrix');
  assertDimension(cols, 'cols', 'matrix');
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (data.length !== rows * cols) {
    throw new Error(
      `matrix: data must have rows·cols = ${rows}·${cols} = ${rows * cols} entries, got ${data.length}`,
    );
  }
  return { rows, cols, data: Float64Array.from(data) };
}

/** Builds a matrix from an array of equally long rows, e.g. `fromRows([[1, 2], [3, 4]])`. */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length === 0 ? 0 : rows[0].length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new Error(
        `fromRows: every row must have ${cols} entries like row 0, but row ${i} has ${row.length}`,
      );
    }
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** The `n × n` identity matrix. */
export function identity(n: number): Matrix {
  assertDimension(n, 'n', 'identity');
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return { rows: n, cols: n, data: out };
}

/** The diagonal matrix with the given diagonal entries. */
export function diagonalMatrix(diagonal: ArrayLike<number>): Matrix {
  const n = diagonal.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = diagonal[i];
  return { rows: n, cols: n, data: out };
}

/** The transpose `Aᵀ`. */
export function transpose(a: Matrix): Matrix {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[base + j];
  }
  return { rows: cols, cols: rows, data: out };
}

/** The product `A·B`; throws unless `a.cols === b.rows`. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new Error(`multiply: a.cols (${a.cols}) must equal b.rows (${b.rows})`);
  }
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const out = new Float64Array(m * n);
  const ad = a.data;
  const bd = b.data;
  // i-k-j order: the inner loop runs along contiguous rows of B and of the output.
  for (let i = 0; i < m; i++) {
    const outBase = i * n;
    for (let p = 0; p < k; p++) {
      const aip = ad[i * k + p];
      if (aip === 0) continue;
      const bBase = p * n;
      for (let j = 0; j < n; j++) out[outBase + j] += aip * bd[bBase + j];
    }
  }
  return { rows: m, cols: n, data: out };
}

/** The matrix-vector product `A·x`, written into `out` when given (it must not alias `x`). */
export function matVec(a: Matrix, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (x.length !== a.cols) {
    throw new Error(`matVec: x must have a.cols = ${a.cols} entries, got ${x.length}`);
  }
  const result = out ?? new Float64Array(a.rows);
  if (result.length !== a.rows) {
    throw new Error(`matVec: out must have a.rows = ${a.rows} entries, got ${result.length}`);
  }
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += data[base + j] * x[j];
    result[i] = sum;
  }
  return result;
}

function assertSameShape(a: Matrix, b: Matrix, caller: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${caller}: shapes differ: ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`);
  }
}

/** The difference `A − B` of two matrices of the same shape. */
export function subtract(a: Matrix, b: Matrix): Matrix {
  assertSameShape(a, b, 'subtract');
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] - b.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** The sum `A + B` of two matrices of the same shape. */
export function add(a: Matrix, b: Matrix): Matrix {
  assertSameShape(a, b, 'add');
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] + b.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** The product `s·A` of a scalar and a matrix. */
export function scale(a: Matrix, s: number): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = s * a.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** The Frobenius norm `sqrt(Σ a_ij²)`, computed with scaling so it neither overflows nor underflows. */
export function frobeniusNorm(a: Matrix): number {
  let largest = 0;
  for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, Math.abs(a.data[i]));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const v = a.data[i] / largest;
    sum += v * v;
  }
  return largest * Math.sqrt(sum);
}

/** The largest absolute entry `max |a_ij|` (0 for an empty matrix). */
export function maxAbs(a: Matrix): number {
  let largest = 0;
  for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, Math.abs(a.data[i]));
  return largest;
}

/** Column `j` of `a` as a new vector. */
export function column(a: Matrix, j: number): Float64Array {
  if (!Number.isInteger(j) || j < 0 || j >= a.cols) {
    throw new Error(`column: j must be an integer in [0, ${a.cols - 1}], got ${j}`);
  }
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** Throws unless `a` is square; `caller` names the function in the message. */
export function assertSquare(a: Matrix, caller: string): void {
  if (a.rows !== a.cols) {
    throw new Error(`${caller}: the matrix must be square, got ${a.rows}×${a.cols}`);
  }
}

/** Throws, naming the first offending entry, unless every entry of `a` is finite. */
export function assertFinite(a: Matrix, caller: string): void {
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) {
      const row = Math.floor(i / a.cols);
      throw new Error(`${caller}: entries must be finite, but a[${row}][${i - row * a.cols}] = ${a.data[i]}`);
    }
  }
}

/**
 * Throws unless `a` is square and `|a_ij − a_ji| ≤ tolerance · max|a|` for every pair,
 * naming the worst pair. A relative tolerance lets matrices built in floating point
 * (e.g. `BᵀB`) pass while catching real asymmetry.
 */
export function assertSymmetric(a: Matrix, caller: string, tolerance: number): void {
  assertSquare(a, caller);
  const n = a.rows;
  const d = a.data;
  let worst = 0;
  let worstI = 0;
  let worstJ = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs(d[i * n + j] - d[j * n + i]);
      if (gap > worst) {
        worst = gap;
        worstI = i;
        worstJ = j;
      }
    }
  }
  const bound = tolerance * maxAbs(a);
  if (worst > bound) {
    throw new Error(
      `${caller}: the matrix must be symmetric, but |a[${worstI}][${worstJ}] − a[${worstJ}][${worstI}]| = ${worst} ` +
        `exceeds symmetryTolerance·max|a| = ${bound}`,
    );
  }
}
