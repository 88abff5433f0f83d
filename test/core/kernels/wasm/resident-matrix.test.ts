/**
 * The WebAssembly-resident float32 matrix and its SIMD kernels (`wasm/assembly/hopfield.ts`)
 * against plain TypeScript loops: the matrix–vector product (float64 sums, so equal to
 * round-off of float64) and the row update h += Σ_t c_t W[r_t, ·] (the same additions in the
 * same order, so bit-identical), over odd shapes that exercise every tail of the 4-row,
 * 4-column and 2-column SIMD loops.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocateResidentF32,
  type ResidentMatrixF32,
  residentMatrixOf,
} from '../../../../src/core/kernels/wasm/resident-matrix.js';
import { wasmSimdSupported } from '../../../../src/core/kernels/wasm/runtime.js';
import { fold, makeKey, uniform } from '../../../../src/core/random/index.js';

const skip = !wasmSimdSupported();

/** A resident rows × cols matrix filled with uniform values in [−1, 1). */
function filled(seed: number, rows: number, cols: number): ResidentMatrixF32 {
  const resident = allocateResidentF32(rows, cols);
  assert.ok(resident, 'WebAssembly SIMD is supported, so the matrix must be resident');
  resident.values.set(uniform(makeKey(seed), rows * cols, { low: -1, high: 1 }));
  return resident;
}

function referenceMatVec(w: Float32Array, x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += w[i * cols + j] * x[j];
    out[i] = sum;
  }
  return out;
}

const SHAPES: readonly [number, number][] = [
  [1, 1],
  [1, 7],
  [7, 1],
  [3, 5],
  [4, 4],
  [5, 3],
  [8, 9],
  [13, 6],
  [17, 31],
  [33, 64],
];

describe('ResidentMatrixF32.matVec', { skip }, () => {
  it('equals the float64 loop to round-off for odd shapes, ±1 and general vectors', () => {
    SHAPES.forEach(([rows, cols], index) => {
      const resident = filled(100 + index, rows, cols);
      const spins = Int8Array.from(uniform(fold(makeKey(7), index), cols), (u) => (u < 0.5 ? -1 : 1));
      const general = uniform(fold(makeKey(8), index), cols, { low: -3, high: 3 });
      for (const x of [spins, general]) {
        const expected = referenceMatVec(resident.values, x, rows, cols);
        const actual = new Float64Array(rows);
        resident.matVec(x, actual);
        expected.forEach((value, i) => {
          // Only the order of float64 additions differs: a few ulps of the sum of |terms|.
          const scale = cols * 3;
          assert.ok(
            Math.abs(actual[i] - value) <= 1e-14 * scale,
            `${rows}×${cols} row ${i}: ${actual[i]} vs ${value}`,
          );
        });
      }
    });
  });

  it('reads x and writes out at the given offsets, leaving the rest alone', () => {
    const resident = filled(3, 5, 6);
    const x = new Float64Array(10).fill(9);
    x.set([1, -1, 1, 1, -1, -1], 3);
    const out = new Float64Array(12).fill(-7);
    resident.matVec(x, out, 3, 4);
    const expected = referenceMatVec(resident.values, x.subarray(3, 9), 5, 6);
    for (let i = 0; i < 12; i++) {
      if (i >= 4 && i < 9) assert.ok(Math.abs(out[i] - expected[i - 4]) < 1e-13);
      else assert.equal(out[i], -7);
    }
  });

  it('sees writes made through the view (the matrix is not copied)', () => {
    const resident = filled(4, 3, 3);
    resident.values.fill(0);
    resident.values[4] = 2.5; // W[1, 1]
    const out = new Float64Array(3);
    resident.matVec([1, 2, 3], out);
    assert.deepEqual([...out], [0, 5, 0]);
    assert.equal(residentMatrixOf(resident.values), resident);
    assert.equal(residentMatrixOf(new Float32Array(9)), undefined);
  });
});

describe('ResidentMatrixF32.addRows', { skip }, () => {
  it('is bit-identical to adding the rows one at a time, in order', () => {
    SHAPES.forEach(([rows, cols], index) => {
      const resident = filled(200 + index, rows, cols);
      for (const count of [0, 1, 3, 4, 5, 9]) {
        const rowIndices = Int32Array.from({ length: count }, (_, t) => (t * 7 + index) % rows);
        const scales = Float64Array.from({ length: count }, (_, t) =>
          t % 3 === 0 ? 2 : t % 3 === 1 ? -2 : 0.3,
        );
        const start = uniform(fold(makeKey(9), index), cols + 2, { low: -5, high: 5 });
        const expected = Float64Array.from(start);
        for (let t = 0; t < count; t++) {
          for (let k = 0; k < cols; k++)
            expected[1 + k] += scales[t] * resident.values[rowIndices[t] * cols + k];
        }
        const actual = Float64Array.from(start);
        resident.addRows(rowIndices, scales, count, actual, 1);
        assert.deepEqual(actual, expected, `${rows}×${cols}, ${count} rows`);
      }
    });
  });

  it('handles more rows than its list holds (repeated rows, in chunks)', () => {
    const resident = filled(5, 3, 2);
    const rowIndices = [0, 1, 2, 2, 1, 0, 0, 2, 1, 1];
    const scales = rowIndices.map((_, t) => (t % 2 === 0 ? 2 : -2));
    const expected = new Float64Array(2);
    rowIndices.forEach((row, t) => {
      for (let k = 0; k < 2; k++) expected[k] += scales[t] * resident.values[row * 2 + k];
    });
    const actual = new Float64Array(2);
    resident.addRows(rowIndices, scales, rowIndices.length, actual);
    assert.deepEqual(actual, expected);
  });

  it('rejects a row index outside the matrix, naming it', () => {
    const resident = filled(6, 4, 4);
    assert.throws(
      () => resident.addRows([1, 4], [2, 2], 2, new Float64Array(4)),
      /rowIndices\[1\] must be in \[0, 3\], got 4/,
    );
  });
});

describe('allocateResidentF32', { skip }, () => {
  it('rejects sizes that are not positive integers', () => {
    assert.throws(() => allocateResidentF32(0, 3), /rows must be a positive integer, got 0/);
    assert.throws(() => allocateResidentF32(2, 1.5), /cols must be a positive integer, got 1.5/);
  });

  it('gives each matrix its own zeroed memory', () => {
    const a = allocateResidentF32(4, 4);
    const b = allocateResidentF32(4, 4);
    assert.ok(a && b);
    assert.ok(a.values.every((v) => v === 0));
    a.values.fill(1);
    assert.ok(b.values.every((v) => v === 0));
    assert.notEqual(a.values.buffer, b.values.buffer);
  });
});
