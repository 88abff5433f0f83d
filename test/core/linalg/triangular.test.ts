import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fromRows,
  type Matrix,
  matrix,
  matVec,
  multiply,
  solveTriangular,
  transpose,
} from '../../../src/core/linalg/index.js';
import { maxDifference, norm, randomMatrix } from './helpers.js';

/** The triangle of `a` (with a unit diagonal if asked), the rest zero. */
function triangle(a: Matrix, lower: boolean, unitDiagonal = false): Matrix {
  const n = a.rows;
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) out.data[i * n + j] = unitDiagonal ? 1 : a.data[i * n + j];
      else if (lower ? j < i : j > i) out.data[i * n + j] = a.data[i * n + j];
    }
  }
  return out;
}

describe('solveTriangular', () => {
  const n = 25;
  // A well-conditioned triangle: random entries with a dominant diagonal; the other triangle
  // holds garbage that the solver must ignore.
  const full = randomMatrix(5, n, n);
  for (let i = 0; i < n; i++) full.data[i * n + i] = 5 + Math.abs(full.data[i * n + i]);

  for (const lower of [true, false]) {
    for (const transposed of [false, true]) {
      for (const unitDiagonal of [false, true]) {
        const name = `${lower ? 'lower' : 'upper'}${transposed ? ', transposed' : ''}${unitDiagonal ? ', unit diagonal' : ''}`;
        it(`solves ${name} systems for vector and matrix right-hand sides`, () => {
          const t = triangle(full, lower, unitDiagonal);
          const op = transposed ? transpose(t) : t;
          const options = { lower, transpose: transposed, unitDiagonal };
          const b = randomMatrix(6, n, 1).data;
          const x = solveTriangular(full, b, options);
          assert.ok(maxDifference(matVec(op, x), b) < 1e-13 * norm(b));
          const bs = randomMatrix(7, n, 4);
          const xs = solveTriangular(full, bs, options);
          assert.deepEqual([xs.rows, xs.cols], [n, 4]);
          assert.ok(maxDifference(multiply(op, xs).data, bs.data) < 1e-13 * norm(bs.data));
        });
      }
    }
  }

  it('gives exact results on a small integer system and leaves b untouched', () => {
    const l = fromRows([
      [2, 0, 0],
      [1, 1, 0],
      [-1, 3, 4],
    ]);
    const b = Float64Array.of(2, 3, 13);
    assert.deepEqual(Array.from(solveTriangular(l, b, { lower: true })), [1, 2, 2]);
    assert.deepEqual(Array.from(b), [2, 3, 13]);
  });

  it('names the zero diagonal entry of a singular triangle', () => {
    const t = fromRows([
      [1, 0],
      [5, 0],
    ]);
    assert.throws(
      () => solveTriangular(t, Float64Array.of(1, 1), { lower: true }),
      /singular.*t\[1\]\[1\] is zero/,
    );
  });

  it('rejects bad shapes and missing options', () => {
    assert.throws(() => solveTriangular(matrix(2, 3), new Float64Array(2), { lower: true }), /square/);
    assert.throws(() => solveTriangular(matrix(2, 2), new Float64Array(3), { lower: true }), /2 rows, got 3/);
    assert.throws(
      () => solveTriangular(matrix(2, 2), new Float64Array(2), {} as { lower: boolean }),
      /options.lower must be/,
    );
  });
});
