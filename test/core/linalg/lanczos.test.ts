import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eigh, lanczos, type Matrix, matVec } from '../../../src/core/linalg/index.js';
import { makeKey, uniform } from '../../../src/core/random/index.js';
import {
  laplacianEigenvalue,
  laplacianOperator,
  maxDifference,
  norm,
  orthonormalityError,
  randomSymmetric,
  withSpectrum,
} from './helpers.js';

const operatorOf = (a: Matrix) => (x: Float64Array, out: Float64Array) => {
  matVec(a, x, out);
};

/** `max_i ‖A·y_i − θ_i·y_i‖` over the returned Ritz pairs. */
function worstResidual(a: Matrix, values: Float64Array, vectors: Matrix): number {
  let worst = 0;
  for (let c = 0; c < values.length; c++) {
    const y = Float64Array.from({ length: a.rows }, (_, i) => vectors.data[i * vectors.cols + c]);
    const ay = matVec(a, y);
    worst = Math.max(worst, norm(ay.map((v, i) => v - values[c] * y[i])));
  }
  return worst;
}

describe('lanczos', () => {
  const n = 200;
  const a = randomSymmetric(21, n);
  const exact = eigh(a).values;

  it("finds the extreme eigenvalues of a random symmetric matrix: 'largest', 'smallest', 'both'", () => {
    const expected = {
      largest: exact.slice(n - 3),
      smallest: exact.slice(0, 3),
      both: Float64Array.of(...exact.slice(0, 3), ...exact.slice(n - 3)),
    };
    for (const which of ['largest', 'smallest', 'both'] as const) {
      const result = lanczos(operatorOf(a), n, { count: 3, which, vectors: true });
      assert.ok(result.converged, which);
      assert.ok(
        maxDifference(result.values, expected[which]) < 1e-8,
        `${which}: ${maxDifference(result.values, expected[which])}`,
      );
      assert.ok(result.iterations < n / 2, `${which}: ${result.iterations} iterations`);
      const vectors = result.vectors!;
      assert.deepEqual([vectors.rows, vectors.cols], [n, expected[which].length]);
      assert.ok(orthonormalityError(vectors) < 1e-10);
      // The reported residual norms are the true ones, and they meet the tolerance.
      const scale = Math.max(Math.abs(exact[0]), Math.abs(exact[n - 1]));
      assert.ok(worstResidual(a, result.values, vectors) < 1e-9 * scale);
      for (const r of result.residualNorms) assert.ok(r <= 1e-10 * scale * 1.01);
    }
  });

  it('matches the analytic extremes of the 1D Laplacian (n = 1000) from the operator alone', () => {
    const size = 1000;
    const result = lanczos(laplacianOperator(size), size, { count: 2, which: 'both' });
    const analytic = [1, 2, size - 1, size].map((k) => laplacianEigenvalue(size, k));
    // The relative gap at both ends is ~3π²/n² ≈ 3·10⁻⁵, so Lanczos needs about n steps.
    assert.ok(result.converged);
    assert.ok(
      maxDifference(result.values, analytic) < 1e-8,
      `error ${maxDifference(result.values, analytic)}`,
    );
  });

  it('finds a degenerate top eigenvalue with its multiplicity and an eigenspace vector', () => {
    const spectrum = uniform(makeKey(22), 150, { low: -5, high: 5 });
    spectrum.set([10, 10, 10], 0);
    const b = withSpectrum(23, spectrum);
    const top = lanczos(operatorOf(b), 150, { count: 4, vectors: true });
    assert.ok(maxDifference(top.values.slice(1), [10, 10, 10]) < 1e-8, `${top.values}`);
    assert.ok(Math.abs(top.values[0] - Math.max(...spectrum.slice(3))) < 1e-8);
    assert.ok(worstResidual(b, top.values, top.vectors!) < 1e-8);
    assert.ok(orthonormalityError(top.vectors!) < 1e-10);
  });

  it('restarts at an invariant subspace: few distinct eigenvalues, or an eigenvector as start', () => {
    // diag(1, 2, 3, 1, 2, 3, …): a random start spans only a 3-dimensional Krylov space.
    const size = 300;
    const diagonal = Float64Array.from({ length: size }, (_, i) => 1 + (i % 3));
    const operator = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < size; i++) out[i] = diagonal[i] * x[i];
    };
    const both = lanczos(operator, size, { count: 3, which: 'both' });
    assert.ok(maxDifference(both.values, [1, 1, 1, 3, 3, 3]) < 1e-12, `${both.values}`);
    assert.ok(both.iterations < 30, `${both.iterations} iterations`);
    // Starting on the eigenvector of 1 (and the top eigenvalue 7 elsewhere) breaks down at once.
    diagonal[5] = 7;
    const start = new Float64Array(size);
    start[0] = 1;
    const fromEigenvector = lanczos(operator, size, { start, vectors: true });
    assert.ok(Math.abs(fromEigenvector.values[0] - 7) < 1e-12);
    assert.ok(Math.abs(Math.abs(fromEigenvector.vectors!.data[5]) - 1) < 1e-12);
  });

  it('is deterministic for a key, and reports non-convergence honestly', () => {
    const first = lanczos(operatorOf(a), n, { key: makeKey(5) });
    const again = lanczos(operatorOf(a), n, { key: makeKey(5) });
    const other = lanczos(operatorOf(a), n, { key: makeKey(6) });
    assert.deepEqual(first, again);
    assert.notDeepEqual(first.residualNorms, other.residualNorms);
    assert.ok(Math.abs(other.values[0] - exact[n - 1]) < 1e-8);
    const capped = lanczos(operatorOf(a), n, { maxIterations: 5 });
    assert.deepEqual([capped.iterations, capped.converged], [5, false]);
    assert.ok(capped.residualNorms[0] > 1e-3);
  });

  it('handles tiny operators exactly', () => {
    const one = lanczos((x, out) => {
      out[0] = -2 * x[0];
    }, 1);
    assert.deepEqual([Array.from(one.values), one.converged, one.iterations], [[-2], true, 1]);
    const two = lanczos(operatorOf(withSpectrum(1, [-1, 4])), 2, { which: 'both' });
    assert.ok(maxDifference(two.values, [-1, 4]) < 1e-14);
  });

  it('rejects bad options with messages naming the parameter', () => {
    const op = operatorOf(a);
    assert.throws(() => lanczos(op, 0), /n must be an integer ≥ 1/);
    assert.throws(() => lanczos(op, n, { count: 0 }), /count must be an integer in \[1, 200\]/);
    assert.throws(() => lanczos(op, n, { count: 101, which: 'both' }), /2·count ≤ n/);
    assert.throws(() => lanczos(op, n, { which: 'middle' as 'both' }), /which must be/);
    assert.throws(() => lanczos(op, n, { tolerance: -1 }), /tolerance must be/);
    assert.throws(() => lanczos(op, n, { count: 3, maxIterations: 2 }), /maxIterations must be/);
    assert.throws(() => lanczos(op, n, { start: new Float64Array(3) }), /start must have n = 200 entries/);
    assert.throws(() => lanczos(op, n, { start: new Float64Array(n) }), /nonzero/);
    assert.throws(() => lanczos((_, out) => out.fill(Number.NaN), 5), /non-finite value at iteration 1/);
  });
});
