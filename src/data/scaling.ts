/**
 * Per-feature scaling of a data matrix, as scikit-learn's `minmax_scale`.
 */
import { describe } from '../models/spin-glass/validate.js';

/**
 * Scales each column of a `rows × columns` row-major matrix to [0, 1]: x ↦ x·s + o with
 * s = 1/(max − min) and o = −min·s, the arithmetic of scikit-learn's `minmax_scale` (so the
 * results agree to the last bit). A constant column (max = min) uses s = 1 and becomes 0.
 * Returns a new array.
 * @throws Error when `columns` is not a positive integer dividing `values.length`, or a value
 *   is not finite.
 */
export function minMaxScale(values: ArrayLike<number>, columns: number): Float64Array {
  const where = 'minMaxScale';
  if (!Number.isInteger(columns) || columns < 1) {
    throw new Error(`${where}: columns must be an integer ≥ 1, got ${describe(columns)}`);
  }
  if (values === null || typeof values !== 'object' || values.length % columns !== 0) {
    throw new Error(
      `${where}: values must be an array whose length is a multiple of columns (${columns}), got ${describe(values)}`,
    );
  }
  const rows = values.length / columns;
  const minimum = new Float64Array(columns).fill(Number.POSITIVE_INFINITY);
  const maximum = new Float64Array(columns).fill(Number.NEGATIVE_INFINITY);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const value = values[r * columns + c];
      if (!Number.isFinite(value)) {
        throw new Error(`${where}: values[${r * columns + c}] must be finite, got ${describe(value)}`);
      }
      if (value < minimum[c]) minimum[c] = value;
      if (value > maximum[c]) maximum[c] = value;
    }
  }
  const out = new Float64Array(values.length);
  for (let c = 0; c < columns; c++) {
    const range = maximum[c] - minimum[c];
    const scale = 1 / (range === 0 ? 1 : range);
    const offset = -minimum[c] * scale;
    for (let r = 0; r < rows; r++) out[r * columns + c] = values[r * columns + c] * scale + offset;
  }
  return out;
}
