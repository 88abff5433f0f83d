import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  add,
  assertSymmetric,
  column,
  diagonalMatrix,
  frobeniusNorm,
  fromRows,
  identity,
  matrix,
  matVec,
  maxAbs,
  multiply,
  scale,
  subtract,
  transpose,
} from '../../../src/core/linalg/index.js';

describe('matrix basics', () => {
  it('builds matrices, copying the data and validating sizes', () => {
    const source = [1, 2, 3, 4, 5, 6];
    const a = matrix(2, 3, source);
    source[0] = 99;
    assert.deepEqual([a.rows, a.cols, a.data[0]], [2, 3, 1]);
    assert.deepEqual(Array.from(matrix(2, 2).data), [0, 0, 0, 0]);
    assert.throws(() => matrix(2, 3, [1, 2]), /data must have rows·cols = 2·3 = 6 entries, got 2/);
    assert.throws(() => matrix(-1, 2), /rows must be a non-negative integer, got -1/);
    assert.throws(() => matrix(2, 1.5), /cols must be a non-negative integer, got 1.5/);
    assert.throws(() => fromRows([[1, 2], [3]]), /row 1 has 1/);
    assert.deepEqual(fromRows([]), matrix(0, 0));
    assert.throws(() => identity(-2), /n must be a non-negative integer/);
  });

  it('transposes, multiplies and applies to vectors as worked by hand', () => {
    const a = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(
      transpose(a),
      fromRows([
        [1, 4],
        [2, 5],
        [3, 6],
      ]),
    );
    assert.deepEqual(
      multiply(a, transpose(a)),
      fromRows([
        [14, 32],
        [32, 77],
      ]),
    );
    assert.deepEqual(Array.from(matVec(a, [1, 0, -1])), [-2, -2]);
    assert.throws(() => multiply(a, a), /a.cols \(3\) must equal b.rows \(2\)/);
    assert.throws(() => matVec(a, [1, 2]), /x must have a.cols = 3 entries, got 2/);
    assert.deepEqual(Array.from(column(a, 1)), [2, 5]);
    assert.throws(() => column(a, 3), /j must be an integer in \[0, 2\]/);
    assert.deepEqual(multiply(identity(2), a), a);
    assert.deepEqual(
      diagonalMatrix([1, 2]),
      fromRows([
        [1, 0],
        [0, 2],
      ]),
    );
  });

  it('adds, subtracts, scales and measures', () => {
    const a = fromRows([[3, -4]]);
    assert.deepEqual(subtract(add(a, a), a), a);
    assert.deepEqual(scale(a, -2), fromRows([[-6, 8]]));
    assert.equal(frobeniusNorm(a), 5);
    assert.equal(maxAbs(a), 4);
    // Entries whose squares overflow or underflow still give the right norm.
    assert.ok(Math.abs(frobeniusNorm(scale(a, 1e200)) / 5e200 - 1) < 1e-15);
    assert.ok(Math.abs(frobeniusNorm(scale(a, 1e-200)) / 5e-200 - 1) < 1e-15);
    assert.throws(() => subtract(a, identity(2)), /shapes differ: 1×2 and 2×2/);
  });

  it('checks symmetry relative to the largest entry, naming the worst pair', () => {
    assertSymmetric(
      fromRows([
        [1, 2],
        [2 + 1e-12, 1],
      ]),
      'test',
      1e-10,
    );
    assert.throws(
      () =>
        assertSymmetric(
          fromRows([
            [1, 2, 0],
            [2, 1, 0],
            [0.5, 0, 1],
          ]),
          'test',
          1e-10,
        ),
      /test: the matrix must be symmetric, but \|a\[2\]\[0\] − a\[0\]\[2\]\| = 0.5/,
    );
  });
});
