import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  add,
  cholesky,
  choleskySolve,
  frobeniusNorm,
  fromRows,
  identity,
  matrix,
  matVec,
  multiply,
  scale,
  subtract,
  transpose,
} from '../../../src/core/linalg/index.js';
import { maxDifference, norm, randomMatrix } from './helpers.js';

/** A random SPD matrix `BᵀB/n + I` (eigenvalues ≥ 1). */
function randomSpd(seed: number, n: number) {
  const b = randomMatrix(seed, n, n);
  return add(scale(multiply(transpose(b), b), 1 / n), identity(n));
}

describe('cholesky', () => {
  it('reconstructs A = L·Lᵀ with L lower triangular and a positive diagonal', () => {
    for (const n of [1, 2, 5, 40]) {
      const a = randomSpd(n, n);
      const l = cholesky(a);
      for (let i = 0; i < n; i++) {
        assert.ok(l.data[i * n + i] > 0, `L[${i}][${i}] > 0`);
        for (let j = i + 1; j < n; j++) assert.equal(l.data[i * n + j], 0, `L[${i}][${j}] = 0`);
      }
      const error = frobeniusNorm(subtract(multiply(l, transpose(l)), a));
      assert.ok(error < 1e-14 * frobeniusNorm(a) * n, `‖LLᵀ − A‖ = ${error}`);
    }
  });

  it('matches a factorization worked by hand', () => {
    const a = fromRows([
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ]);
    assert.deepEqual(Array.from(cholesky(a).data), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('names the failing pivot of an indefinite or singular matrix', () => {
    assert.throws(
      () =>
        cholesky(
          fromRows([
            [1, 2],
            [2, 1],
          ]),
        ),
      /not positive definite: pivot 1 is -3 ≤ 0/,
    );
    // Leading 2×2 block is positive definite; the full matrix is singular (third row = sum).
    const singular = fromRows([
      [2, 1, 3],
      [1, 2, 3],
      [3, 3, 6],
    ]);
    assert.throws(() => cholesky(singular), /pivot 2 is .* ≤ 0 \(the leading 3×3 block/);
    assert.throws(() => cholesky(fromRows([[-1]])), /pivot 0 is -1/);
  });

  it('rejects asymmetric, non-square and non-finite input', () => {
    assert.throws(
      () =>
        cholesky(
          fromRows([
            [2, 1],
            [0, 2],
          ]),
        ),
      /must be symmetric/,
    );
    assert.throws(() => cholesky(matrix(2, 3)), /square, got 2×3/);
    assert.throws(() => cholesky(matrix(1, 1, [Number.NaN])), /finite/);
  });

  it('solves A·x = b through the factor, for a vector and for several right-hand sides', () => {
    const n = 30;
    const a = randomSpd(77, n);
    const l = cholesky(a);
    const b = randomMatrix(78, n, 1).data;
    const x = choleskySolve(l, b);
    assert.ok(norm(subtract(matrix(n, 1, matVec(a, x)), matrix(n, 1, b)).data) < 1e-13 * norm(b));
    const bs = randomMatrix(79, n, 3);
    const xs = choleskySolve(l, bs);
    assert.ok(maxDifference(multiply(a, xs).data, bs.data) < 1e-13 * frobeniusNorm(bs));
  });
});
