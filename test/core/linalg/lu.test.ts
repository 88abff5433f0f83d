import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  determinant,
  frobeniusNorm,
  fromRows,
  identity,
  inverse,
  logDeterminant,
  luFactor,
  matrix,
  matVec,
  multiply,
  scale,
  solve,
  subtract,
} from '../../../src/core/linalg/index.js';
import { norm, randomMatrix } from './helpers.js';

describe('LU, solve, determinant and inverse', () => {
  it('solves random systems with a backward-stable residual', () => {
    for (const n of [1, 3, 60]) {
      const a = randomMatrix(100 + n, n, n);
      const b = randomMatrix(200 + n, n, 1).data;
      const x = solve(a, b);
      const residual = norm(subtract(matrix(n, 1, matVec(a, x)), matrix(n, 1, b)).data);
      assert.ok(residual <= 1e-13 * n * frobeniusNorm(a) * norm(x), `residual ${residual}`);
      const bs = randomMatrix(300 + n, n, 3);
      const xs = solve(a, bs);
      assert.ok(
        frobeniusNorm(subtract(multiply(a, xs), bs)) <= 1e-13 * n * frobeniusNorm(a) * frobeniusNorm(xs),
      );
    }
  });

  it('pivots: a zero leading entry is no obstacle', () => {
    const a = fromRows([
      [0, 1],
      [1, 0],
    ]);
    assert.deepEqual(Array.from(solve(a, Float64Array.of(3, 4))), [4, 3]);
    assert.equal(determinant(a), -1);
    const { permutation, permutationSign } = luFactor(a);
    assert.deepEqual([Array.from(permutation), permutationSign], [[1, 0], -1]);
  });

  it('computes determinants: by hand, of products, and beyond the float range by logarithm', () => {
    const a = fromRows([
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ]);
    assert.ok(Math.abs(determinant(a) - 4) < 1e-14);
    const b = randomMatrix(1, 8, 8);
    const c = randomMatrix(2, 8, 8);
    const product = determinant(multiply(b, c));
    assert.ok(Math.abs(product - determinant(b) * determinant(c)) < 1e-12 * Math.abs(product));
    const { sign, logAbsDeterminant } = logDeterminant(b);
    assert.ok(
      Math.abs(sign * Math.exp(logAbsDeterminant) - determinant(b)) < 1e-12 * Math.abs(determinant(b)),
    );
    // det(−2·I₁₁₀₀) = 2¹¹⁰⁰ overflows; its logarithm does not.
    const big = scale(identity(1100), -2);
    assert.equal(determinant(big), Number.POSITIVE_INFINITY);
    const logarithm = logDeterminant(big);
    assert.equal(logarithm.sign, 1);
    assert.ok(Math.abs(logarithm.logAbsDeterminant - 1100 * Math.LN2) < 1e-10);
    assert.equal(logDeterminant(scale(identity(3), -2)).sign, -1);
    assert.equal(determinant(matrix(0, 0)), 1);
  });

  it('inverts: A·A⁻¹ = I', () => {
    const a = randomMatrix(9, 30, 30);
    const error = frobeniusNorm(subtract(multiply(a, inverse(a)), identity(30)));
    assert.ok(error < 1e-11, `‖A·A⁻¹ − I‖ = ${error}`);
  });

  it('reports singular matrices, naming the pivot, and gives them determinant 0', () => {
    const exact = fromRows([
      [1, 2],
      [2, 4],
    ]);
    assert.throws(
      () => solve(exact, Float64Array.of(1, 1)),
      /solve: the matrix is singular: pivot 1 .* is 0/,
    );
    assert.throws(() => inverse(exact), /inverse: the matrix is singular/);
    assert.equal(determinant(exact), 0);
    assert.deepEqual(logDeterminant(exact), { sign: 0, logAbsDeterminant: Number.NEGATIVE_INFINITY });
    // Singular only up to rounding: the classic 3×3 with row 2 = (row 1 + row 3)/2.
    const rounding = fromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    assert.throws(
      () => solve(rounding, Float64Array.of(1, 1, 1)),
      /singular: pivot 2 .*below the rounding level/,
    );
    // A random rank-3 product of 6×3 and 3×6 factors.
    const rankThree = multiply(randomMatrix(3, 6, 3), randomMatrix(4, 3, 6));
    assert.throws(() => solve(rankThree, new Float64Array(6).fill(1)), /singular: pivot [345]/);
  });

  it('accepts badly scaled but regular matrices', () => {
    const a = fromRows([
      [1, 0],
      [0, 1e-20],
    ]);
    assert.deepEqual(Array.from(solve(a, Float64Array.of(1, 1e-20))), [1, 1]);
  });

  it('rejects bad shapes and non-finite entries', () => {
    assert.throws(() => solve(matrix(2, 3), new Float64Array(2)), /a must be square, got 2×3/);
    assert.throws(() => solve(identity(2), new Float64Array(3)), /b must have a.rows = 2 rows, got 3/);
    assert.throws(() => determinant(matrix(1, 1, [Number.NaN])), /finite/);
    assert.throws(() => inverse(matrix(3, 2)), /square/);
  });
});
