import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diagonalMatrix,
  eigh,
  eighTridiagonal,
  frobeniusNorm,
  fromRows,
  identity,
  type Matrix,
  matrix,
  multiply,
  scale,
  subtract,
  symmetricEigenvalues,
} from '../../../src/core/linalg/index.js';
import {
  laplacianEigenvalue,
  maxDifference,
  orthonormalityError,
  randomSymmetric,
  withSpectrum,
} from './helpers.js';

/** Relative residual `‖AV − VΛ‖_F / ‖A‖_F` and orthonormality of V, plus ascending order. */
function checkDecomposition(a: Matrix, values: Float64Array, vectors: Matrix, tolerance = 1e-12): void {
  const residual = frobeniusNorm(subtract(multiply(a, vectors), multiply(vectors, diagonalMatrix(values))));
  const norm = frobeniusNorm(a);
  assert.ok(
    residual <= tolerance * Math.max(norm, Number.MIN_VALUE),
    `‖AV − VΛ‖ = ${residual}, ‖A‖ = ${norm}`,
  );
  assert.ok(
    orthonormalityError(vectors) < tolerance * Math.max(1, a.rows),
    `‖VᵀV − I‖ = ${orthonormalityError(vectors)}`,
  );
  for (let i = 1; i < values.length; i++) assert.ok(values[i - 1] <= values[i], 'values ascend');
}

function laplacian(n: number): Matrix {
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    a.data[i * n + i] = 2;
    if (i > 0) a.data[i * n + i - 1] = -1;
    if (i + 1 < n) a.data[i * n + i + 1] = -1;
  }
  return a;
}

describe('eigh', () => {
  it('diagonalizes random symmetric matrices up to n = 150', () => {
    for (const n of [1, 2, 3, 10, 47, 150]) {
      const a = randomSymmetric(1000 + n, n);
      const { values, vectors } = eigh(a);
      checkDecomposition(a, values, vectors);
      assert.ok(maxDifference(symmetricEigenvalues(a), values) <= 1e-12 * frobeniusNorm(a));
    }
  });

  it('recovers the analytic spectrum of the 1D Laplacian and its sine eigenvectors', () => {
    const n = 120;
    const a = laplacian(n);
    const { values, vectors } = eigh(a);
    checkDecomposition(a, values, vectors);
    const exact = Float64Array.from({ length: n }, (_, k) => laplacianEigenvalue(n, k + 1));
    assert.ok(maxDifference(values, exact) < 1e-13, `max error ${maxDifference(values, exact)}`);
    // Eigenvector k is sin(ikπ/(n+1)) normalized; compare up to sign.
    for (const k of [1, 2, 60, n]) {
      let overlap = 0;
      for (let i = 0; i < n; i++) {
        overlap +=
          vectors.data[i * n + k - 1] * Math.sqrt(2 / (n + 1)) * Math.sin(((i + 1) * k * Math.PI) / (n + 1));
      }
      assert.ok(Math.abs(Math.abs(overlap) - 1) < 1e-12, `overlap of eigenvector ${k}: ${overlap}`);
    }
  });

  it('handles degenerate eigenvalues with an orthonormal eigenbasis', () => {
    const spectrum = [-2, -2, 0, 1, 1, 1, 1, 3, 5, 5];
    const a = withSpectrum(7, spectrum);
    const { values, vectors } = eigh(a);
    checkDecomposition(a, values, vectors);
    assert.ok(maxDifference(values, spectrum) < 1e-13);
    // Identity and zero: every vector is an eigenvector; V must still be orthonormal.
    for (const b of [identity(6), matrix(6, 6)]) {
      const result = eigh(b);
      checkDecomposition(b, result.values, result.vectors);
    }
  });

  it('solves 1×1 and 2×2 cases in closed form', () => {
    assert.deepEqual(Array.from(eigh(fromRows([[-3.5]])).values), [-3.5]);
    assert.deepEqual(eigh(fromRows([[-3.5]])).vectors.data, Float64Array.of(1));
    for (const [p, q, r] of [
      [2, 1, 2],
      [1, 1e-9, 1],
      [0, 3, 5],
      [4, 0, -1],
    ]) {
      const a = fromRows([
        [p, q],
        [q, r],
      ]);
      const mean = (p + r) / 2;
      const radius = Math.hypot((p - r) / 2, q);
      const { values, vectors } = eigh(a);
      assert.ok(
        maxDifference(values, [mean - radius, mean + radius]) < 1e-15 * (1 + Math.abs(mean) + radius),
      );
      checkDecomposition(a, values, vectors);
    }
  });

  it('is scale invariant far from 1 (no overflow or underflow)', () => {
    const a = randomSymmetric(9, 30);
    const base = eigh(a).values;
    for (const factor of [1e-200, 1e200]) {
      const { values, vectors } = eigh(scale(a, factor));
      checkDecomposition(scale(a, factor), values, vectors);
      for (let i = 0; i < base.length; i++) {
        assert.ok(Math.abs(values[i] / factor - base[i]) < 1e-12 * Math.abs(base[base.length - 1]));
      }
    }
  });

  it('diagonalizes 200×200 well under a second', () => {
    const a = randomSymmetric(11, 200);
    const started = performance.now();
    const { values, vectors } = eigh(a);
    const elapsed = performance.now() - started;
    checkDecomposition(a, values, vectors);
    // Not a benchmark: a generous guard against accidental O(n⁴) behaviour.
    assert.ok(elapsed < 2000, `eigh(200×200) took ${elapsed.toFixed(0)} ms`);
  });

  it('rejects non-square, asymmetric and non-finite input with clear messages', () => {
    assert.throws(() => eigh(matrix(2, 3)), /square, got 2×3/);
    assert.throws(
      () =>
        eigh(
          fromRows([
            [1, 2],
            [2.1, 1],
          ]),
        ),
      /symmetric.*a\[1\]\[0\] − a\[0\]\[1\]/,
    );
    assert.throws(
      () => eigh(matrix(2, 2, [1, Number.POSITIVE_INFINITY, 0, 1])),
      /finite.*a\[0\]\[1\] = Infinity/,
    );
    assert.throws(() => eigh(identity(2), { symmetryTolerance: -1 }), /symmetryTolerance must be/);
    // Rounding-level asymmetry is accepted and the symmetric part is used.
    const nearly = fromRows([
      [1, 2],
      [2 + 1e-14, 1],
    ]);
    assert.ok(maxDifference(eigh(nearly).values, [-1, 3]) < 1e-13);
  });
});

describe('eighTridiagonal', () => {
  it('matches the analytic Laplacian spectrum, with and without vectors', () => {
    const n = 200;
    const diagonal = new Float64Array(n).fill(2);
    const offDiagonal = new Float64Array(n - 1).fill(-1);
    const exact = Float64Array.from({ length: n }, (_, k) => laplacianEigenvalue(n, k + 1));
    const valuesOnly = eighTridiagonal(diagonal, offDiagonal, { vectors: false });
    assert.equal(valuesOnly.vectors, undefined);
    assert.ok(maxDifference(valuesOnly.values, exact) < 1e-13);
    const full = eighTridiagonal(diagonal, offDiagonal);
    checkDecomposition(laplacian(n), full.values, full.vectors!);
  });

  it('splits into blocks at zero off-diagonal entries and handles n = 0 and 1', () => {
    // Blocks {3}, [[1, 0.5], [0.5, 2]] with eigenvalues 1.5 ± √0.5, and {2}.
    const { values, vectors } = eighTridiagonal([3, 1, 2, 2], [0, 0.5, 0]);
    assert.ok(maxDifference(values, [1.5 - Math.SQRT1_2, 2, 1.5 + Math.SQRT1_2, 3]) < 1e-15);
    assert.ok(orthonormalityError(vectors!) < 1e-15);
    assert.equal(eighTridiagonal([], []).values.length, 0);
    assert.deepEqual(Array.from(eighTridiagonal([4], []).values), [4]);
  });

  it('rejects mismatched lengths and non-finite entries', () => {
    assert.throws(
      () => eighTridiagonal([1, 2], [1, 2]),
      /offDiagonal must have diagonal.length − 1 = 1 entries, got 2/,
    );
    assert.throws(() => eighTridiagonal([1, Number.NaN], [1]), /diagonal\[1\] = NaN/);
  });
});
