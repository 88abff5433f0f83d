/**
 * The exact fast kernels of the resident matrix (`wasm/assembly/hopfield.ts`): the float32
 * matrix–vector products for ±1 vectors (all of W, or the upper half of a symmetric W) and the
 * int16 batch product. On weights that are integers times one power of two, with small enough
 * row sums, every partial sum is exact, so the results must be BIT-IDENTICAL to the float64
 * loop (compared with Object.is), over odd shapes that exercise every SIMD tail, and batches
 * beyond one call's 32 probes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocateResidentF32,
  RESIDENT_BATCH_PROBES,
  type ResidentMatrixF32,
} from '../../../../src/core/kernels/wasm/resident-matrix.js';
import { wasmSimdSupported } from '../../../../src/core/kernels/wasm/runtime.js';
import { makeKey, uniform } from '../../../../src/core/random/index.js';

const skip = !wasmSimdSupported();

/**
 * A resident rows × cols matrix of integers in [−limit, limit] times 2^−exponent, symmetric
 * when asked (square only), with a few exact zeros.
 */
function gridMatrix(
  seed: number,
  rows: number,
  cols: number,
  options: { exponent?: number; limit?: number; symmetric?: boolean } = {},
): ResidentMatrixF32 {
  const { exponent = 9, limit = 200, symmetric = false } = options;
  const resident = allocateResidentF32(rows, cols);
  assert.ok(resident, 'WebAssembly SIMD is supported, so the matrix must be resident');
  const u = uniform(makeKey(seed), rows * cols);
  const w = resident.values;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const t = i * cols + j;
      const k = u[t] < 0.05 ? 0 : Math.round((2 * u[t] - 1) * limit);
      w[t] = k * 2 ** -exponent;
    }
  }
  if (symmetric) for (let i = 0; i < rows; i++) for (let j = 0; j < i; j++) w[i * cols + j] = w[j * cols + i];
  return resident;
}

function spinVector(seed: number, length: number): Int8Array {
  return Int8Array.from(uniform(makeKey(seed), length), (u) => (u < 0.5 ? -1 : 1));
}

function referenceMatVec(
  w: Float32Array,
  x: ArrayLike<number>,
  rows: number,
  cols: number,
  xOffset = 0,
): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += w[i * cols + j] * x[xOffset + j];
    out[i] = sum;
  }
  return out;
}

function assertBitIdentical(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  offset = 0,
): void {
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Object.is(actual[offset + i], expected[i]),
      `${what}, entry ${i}: ${actual[offset + i]} vs ${expected[i]}`,
    );
  }
}

const SQUARE = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 64, 67];
const RECTANGLES: readonly [number, number][] = [
  [1, 7],
  [7, 1],
  [3, 5],
  [5, 3],
  [8, 9],
  [13, 6],
  [17, 31],
  [33, 64],
];

describe('ResidentMatrixF32.matVecExactF32', { skip }, () => {
  it('is bit-identical to the float64 loop on grid weights (all of W, odd shapes)', () => {
    [...SQUARE.map((n) => [n, n] as [number, number]), ...RECTANGLES].forEach(([rows, cols], index) => {
      const resident = gridMatrix(300 + index, rows, cols);
      const x = spinVector(400 + index, cols);
      const out = new Float64Array(rows);
      assert.equal(resident.matVecExactF32(x, out), true);
      assertBitIdentical(out, referenceMatVec(resident.values, x, rows, cols), `${rows}×${cols}`);
    });
  });

  it('reads only half of a symmetric W and still gives the same bits', () => {
    SQUARE.forEach((n, index) => {
      const resident = gridMatrix(500 + index, n, n, { symmetric: true, exponent: 12 });
      const x = spinVector(600 + index, n);
      const out = new Float64Array(n);
      assert.equal(resident.matVecExactF32(x, out, 0, 0, true), true);
      assertBitIdentical(out, referenceMatVec(resident.values, x, n, n), `${n}×${n} symmetric`);
      // It really reads the upper half only: changing the strict lower triangle changes nothing.
      if (n > 4) {
        const copy = Float64Array.from(out);
        resident.values[(n - 1) * n] += 1;
        resident.matVecExactF32(x, out, 0, 0, true);
        assertBitIdentical(out, copy, `${n}×${n} symmetric, lower triangle ignored`);
      }
    });
  });

  it('uses the offsets of x and out, and declines vectors that are not ±1', () => {
    const resident = gridMatrix(7, 6, 6, { symmetric: true });
    const x = new Float64Array(10).fill(5);
    x.set([1, -1, -1, 1, 1, -1], 2);
    const out = new Float64Array(9).fill(-7);
    assert.equal(resident.matVecExactF32(x, out, 2, 3, true), true);
    assertBitIdentical(out, referenceMatVec(resident.values, x, 6, 6, 2), 'offsets', 3);
    assert.deepEqual([...out.subarray(0, 3)], [-7, -7, -7]);
    const untouched = Float64Array.from(out);
    assert.equal(resident.matVecExactF32([1, 0.5, 1, 1, 1, 1], out), false);
    assert.equal(resident.matVecExactF32([1, 1, 1, 1, 1, 2], out, 0, 0, true), false);
    assert.deepEqual(out, untouched);
    assert.throws(() => gridMatrix(8, 3, 4).matVecExactF32([1, 1, 1, 1], out, 0, 0, true), /square/);
  });
});

describe('ResidentMatrixF32.matMulInt16', { skip }, () => {
  function referenceBatch(resident: ResidentMatrixF32, states: Int8Array, count: number): Float64Array {
    const { rows, cols } = resident;
    const out = new Float64Array(count * Math.max(rows, cols));
    for (let b = 0; b < count; b++)
      out.set(referenceMatVec(resident.values, states, rows, cols, b * cols), b * rows);
    return out;
  }

  it('is bit-identical to the float64 loop for odd shapes and every probe count up to 9', () => {
    [...SQUARE.map((n) => [n, n] as [number, number]), ...RECTANGLES].forEach(([rows, cols], index) => {
      // Square here, so that probe b's states and sums start at the same offset b·cols.
      if (rows !== cols) return;
      const resident = gridMatrix(700 + index, rows, cols, { exponent: 11, limit: 32767 });
      for (let count = 1; count <= 9; count++) {
        const states = spinVector(800 + 10 * index + count, count * cols);
        const offsets = Array.from({ length: count }, (_, b) => b * cols);
        const out = new Float64Array(count * cols);
        resident.matMulInt16(states, offsets, count, out, 11);
        assertBitIdentical(out, referenceBatch(resident, states, count), `${rows}×${cols}, ${count} probes`);
      }
    });
  });

  it('handles rectangular matrices at separate offsets, and more probes than one call takes', () => {
    const [rows, cols] = [13, 37];
    const resident = gridMatrix(9, rows, cols, { exponent: -3, limit: 1000 });
    const count = 2 * RESIDENT_BATCH_PROBES + 5;
    const stride = cols + 3;
    const states = new Float64Array(count * stride);
    const x = spinVector(10, count * cols);
    const offsets = Array.from({ length: count }, (_, b) => b * stride + 1);
    offsets.forEach((o, b) => {
      states.set(x.subarray(b * cols, (b + 1) * cols), o);
    });
    // Sums go to the same offsets: give each probe room for max(rows, cols).
    const out = new Float64Array(count * stride + 1).fill(Number.NaN);
    resident.matMulInt16(states, offsets, count, out, -3);
    offsets.forEach((o, b) => {
      assertBitIdentical(out, referenceMatVec(resident.values, states, rows, cols, o), `probe ${b}`, o);
    });
    assert.ok(Number.isNaN(out[0]), 'entries outside the listed rows are left alone');
  });

  it('rejects states that are not int16 integers and scales that are not float32', () => {
    const resident = gridMatrix(11, 4, 4);
    const out = new Float64Array(8);
    assert.throws(
      () => resident.matMulInt16([1, 1, 0.5, 1], [0], 1, out, 9),
      /integers in \[-32767, 32767\]/,
    );
    assert.throws(() => resident.matMulInt16([1, 1, 1, 1], [0], 1, out, 200), /finite float32/);
  });
});

describe('ResidentMatrixF32.addRows with float32 sums', { skip }, () => {
  it("gives the float64 kernel's bits on grid weights and grid targets (odd shapes, chunks)", () => {
    [...SQUARE.map((n) => [n, n] as [number, number]), ...RECTANGLES].forEach(([rows, cols], index) => {
      const resident = gridMatrix(900 + index, rows, cols, { exponent: 10 });
      for (const count of [0, 1, 3, 4, 5, 9, rows + cols + 3]) {
        const rowIndices = Int32Array.from({ length: count }, (_, t) => (t * 7 + index) % rows);
        const scales = Float64Array.from({ length: count }, (_, t) => (t % 3 === 1 ? -2 : 2));
        const start = Float64Array.from(
          uniform(makeKey(1000 + index), cols + 2),
          (u) => Math.round((2 * u - 1) * 5000) * 2 ** -10,
        );
        const slow = Float64Array.from(start);
        resident.addRows(rowIndices, scales, count, slow, 1);
        const fast = Float64Array.from(start);
        resident.addRows(rowIndices, scales, count, fast, 1, true);
        assertBitIdentical(fast, slow, `${rows}×${cols}, ${count} rows`);
      }
    });
  });
});
