import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  frobeniusNorm,
  type Matrix,
  matrix,
  multiply,
  qr,
  subtract,
} from '../../../src/core/linalg/index.js';
import { maxDifference, orthonormalityError, randomMatrix } from './helpers.js';

/** Checks every claim of the QR contract for one input and mode. */
function checkFactorization(a: Matrix, mode: 'reduced' | 'complete'): void {
  const { q, r } = qr(a, { mode });
  const k = Math.min(a.rows, a.cols);
  const columns = mode === 'complete' ? a.rows : k;
  assert.deepEqual([q.rows, q.cols, r.rows, r.cols], [a.rows, columns, columns, a.cols]);
  assert.ok(orthonormalityError(q) < 1e-12, `‖QᵀQ − I‖ = ${orthonormalityError(q)}`);
  const reconstruction = frobeniusNorm(subtract(multiply(q, r), a));
  assert.ok(reconstruction <= 1e-12 * frobeniusNorm(a), `‖QR − A‖ = ${reconstruction}`);
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < Math.min(i, r.cols); j++) assert.equal(r.data[i * r.cols + j], 0, `R[${i}][${j}]`);
    if (i < k) assert.ok(r.data[i * r.cols + i] >= 0, `R[${i}][${i}] = ${r.data[i * r.cols + i]} < 0`);
  }
}

/** Random shapes 1..40 × 1..40 with entries spread over several orders of magnitude. */
const matrices = fc
  .record({
    rows: fc.integer({ min: 1, max: 40 }),
    cols: fc.integer({ min: 1, max: 40 }),
    exponent: fc.integer({ min: -30, max: 30 }),
  })
  .chain(({ rows, cols, exponent }) =>
    fc
      .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols })
      .map((entries) =>
        matrix(
          rows,
          cols,
          entries.map((x) => x * 10 ** exponent),
        ),
      ),
  );

describe('qr', () => {
  it('is orthonormal, reconstructs A and has a non-negative triangular R for random shapes', () => {
    fc.assert(
      fc.property(matrices, (a) => {
        checkFactorization(a, 'reduced');
        checkFactorization(a, 'complete');
      }),
      { seed: 20240611, numRuns: 150 },
    );
  });

  it('handles rank-deficient inputs: Q stays orthonormal and R has a zero pivot', () => {
    for (const [m, n, rank] of [
      [12, 8, 3],
      [8, 12, 3],
      [10, 10, 1],
    ]) {
      const a = multiply(randomMatrix(m + n, m, rank), randomMatrix(rank, rank, n));
      checkFactorization(a, 'reduced');
      checkFactorization(a, 'complete');
      const { r } = qr(a);
      // The first rank pivots carry the norm; the next one is rounding noise.
      assert.ok(r.data[rank * n + rank] < 1e-12 * frobeniusNorm(a));
    }
  });

  it('handles zero columns, a zero matrix and matrices with no columns', () => {
    const a = randomMatrix(3, 6, 4);
    for (const j of [0, 2]) for (let i = 0; i < 6; i++) a.data[i * 4 + j] = 0;
    checkFactorization(a, 'reduced');
    checkFactorization(a, 'complete');
    checkFactorization(matrix(5, 3), 'reduced');
    checkFactorization(matrix(5, 3), 'complete');
    const empty = qr(matrix(4, 0), { mode: 'complete' });
    assert.deepEqual([empty.q.rows, empty.q.cols, empty.r.rows, empty.r.cols], [4, 4, 4, 0]);
    assert.equal(orthonormalityError(empty.q), 0);
    assert.deepEqual([qr(matrix(4, 0)).q.cols, qr(matrix(4, 0)).r.rows], [0, 0]);
  });

  it('matches a factorization worked by hand and is unique for full rank', () => {
    // A = [[3, 1], [4, 2]]: first column has norm 5.
    const { q, r } = qr(matrix(2, 2, [3, 1, 4, 2]));
    assert.ok(maxDifference(q.data, [0.6, -0.8, 0.8, 0.6]) < 1e-15);
    assert.ok(maxDifference(r.data, [5, 2.2, 0, 0.4]) < 1e-15);
    // A negative leading entry still gives R[0][0] > 0.
    assert.ok(qr(matrix(2, 1, [-2, 0])).r.data[0] === 2);
  });

  it('rejects an unknown mode and non-finite entries', () => {
    assert.throws(
      () => qr(matrix(2, 2), { mode: 'full' as 'reduced' }),
      /mode must be 'reduced' or 'complete'/,
    );
    assert.throws(() => qr(matrix(2, 2, [1, Number.NaN, 0, 1])), /a\[0\]\[1\] = NaN/);
  });
});
