import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conjugateGradient, diagonalMatrix, type Matrix, solve } from '../../../src/core/linalg/index.js';
import { makeKey, normal, uniform } from '../../../src/core/random/index.js';
import { laplacianOperator, maxDifference, norm, withSpectrum } from './helpers.js';

/** Eigenvalues spread log-uniformly over [1, κ]. */
function logSpread(n: number, condition: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => condition ** (i / (n - 1)));
}

/** Iterations after which the classical bound guarantees ‖r_k‖/‖b‖ ≤ tolerance (x₀ = 0). */
function conditionBound(condition: number, tolerance: number): number {
  // ‖e_k‖_A ≤ 2ρᵏ‖e₀‖_A with ρ = (√κ − 1)/(√κ + 1), and ‖r‖/‖b‖ ≤ √κ·‖e_k‖_A/‖e₀‖_A.
  const root = Math.sqrt(condition);
  return Math.ceil(Math.log((2 * root) / tolerance) / Math.log((root + 1) / (root - 1)));
}

describe('conjugateGradient', () => {
  it('solves an SPD system in n steps (exact arithmetic) and agrees with the direct solve', () => {
    const n = 40;
    // Evenly spaced eigenvalues on [1, 1000]: no cluster lets CG finish early, and the
    // spectrum is benign enough that rounding does not delay it past n.
    const a = withSpectrum(
      3,
      Float64Array.from({ length: n }, (_, i) => 1 + (999 * i) / (n - 1)),
    );
    const b = normal(makeKey(4), n);
    const result = conjugateGradient(a, b, { tolerance: 1e-12 });
    assert.ok(result.converged);
    assert.ok(result.iterations <= n + 3, `${result.iterations} iterations for n = ${n}`);
    assert.ok(result.iterations >= n - 5, `suspiciously few iterations: ${result.iterations}`);
    const direct = solve(a, b);
    assert.ok(maxDifference(result.x, direct) < 1e-9 * norm(direct), `${maxDifference(result.x, direct)}`);
    assert.ok(result.residualNorm <= 1e-12 * norm(b));
    assert.equal(result.residualHistory.length, result.iterations + 1);
    assert.equal(result.residualHistory[0], norm(b));
  });

  it('needs no more iterations than the √κ bound, and about √κ times more as κ grows', () => {
    const n = 3000;
    const b = normal(makeKey(5), n);
    const counts: number[] = [];
    for (const condition of [1e2, 1e4]) {
      // A diagonal operator is no loss of generality: CG is invariant under rotations.
      const spectrum = uniform(makeKey(condition), n, { low: 1, high: condition });
      spectrum[0] = 1;
      spectrum[1] = condition;
      const tolerance = 1e-8;
      const result = conjugateGradient(
        (x, out) => {
          for (let i = 0; i < n; i++) out[i] = spectrum[i] * x[i];
        },
        b,
        { tolerance },
      );
      assert.ok(result.converged);
      const bound = conditionBound(condition, tolerance);
      assert.ok(result.iterations <= bound, `κ = ${condition}: ${result.iterations} > bound ${bound}`);
      counts.push(result.iterations);
    }
    // κ grows a hundredfold and √κ tenfold. Steepest descent would need ~100× more steps;
    // CG needs fewer than 10× because its convergence becomes superlinear on a discrete spectrum.
    const ratio = counts[1] / counts[0];
    assert.ok(ratio > 3 && ratio < 12, `iteration ratio ${ratio} (${counts.join(', ')})`);
  });

  it('works with an operator only: the 1D Laplacian with a known solution', () => {
    const n = 200;
    const exact = Float64Array.from(
      { length: n },
      (_, i) => Math.sin((3 * Math.PI * (i + 1)) / (n + 1)) + i / n,
    );
    const operator = laplacianOperator(n);
    const b = new Float64Array(n);
    operator(exact, b);
    const seen: number[] = [];
    const result = conjugateGradient(operator, b, {
      tolerance: 1e-12,
      onIteration: ({ iteration, residualNorm, x }) => {
        assert.equal(x.length, n);
        assert.equal(iteration, seen.length + 1);
        seen.push(residualNorm);
      },
    });
    assert.ok(result.converged);
    // At most n steps in exact arithmetic (κ ≈ 1.6·10⁴ here); allow a small margin for rounding.
    assert.ok(result.iterations <= n + 5, `${result.iterations} iterations`);
    assert.ok(maxDifference(result.x, exact) < 1e-7, `error ${maxDifference(result.x, exact)}`);
    assert.deepEqual(seen, result.residualHistory.slice(1));
  });

  it('uses a preconditioner: Jacobi removes a bad diagonal scaling', () => {
    const n = 60;
    const base = withSpectrum(8, logSpread(n, 10));
    const scales = Float64Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
    const scaled: Matrix = {
      rows: n,
      cols: n,
      data: base.data.map((v, k) => v * scales[Math.floor(k / n)] * scales[k % n]),
    };
    const b = normal(makeKey(9), n);
    const plain = conjugateGradient(scaled, b, { tolerance: 1e-10 });
    const jacobi = conjugateGradient(scaled, b, {
      tolerance: 1e-10,
      preconditioner: (r, out) => {
        for (let i = 0; i < n; i++) out[i] = r[i] / scaled.data[i * n + i];
      },
    });
    assert.ok(plain.converged && jacobi.converged);
    assert.ok(jacobi.iterations * 2 < plain.iterations, `${jacobi.iterations} vs ${plain.iterations}`);
    assert.ok(maxDifference(jacobi.x, plain.x) < 1e-6 * norm(plain.x));
  });

  it('starts from x0, stops at once for an exact guess or b = 0, and reports non-convergence', () => {
    const a = diagonalMatrix([1, 2, 3, 4]);
    const b = Float64Array.of(1, 1, 1, 1);
    const exact = Float64Array.of(1, 0.5, 1 / 3, 0.25);
    const fromExact = conjugateGradient(a, b, { x0: exact });
    assert.deepEqual([fromExact.iterations, fromExact.converged], [0, true]);
    const zero = conjugateGradient(a, new Float64Array(4), { x0: exact });
    assert.deepEqual([zero.iterations, Array.from(zero.x)], [0, [0, 0, 0, 0]]);
    const capped = conjugateGradient(a, b, { maxIterations: 2 });
    assert.deepEqual([capped.iterations, capped.converged], [2, false]);
    assert.ok(capped.residualNorm > 1e-3);
    const full = conjugateGradient(a, b, { x0: Float64Array.of(5, 5, 5, 5) });
    assert.ok(full.converged && full.iterations <= 4 && maxDifference(full.x, exact) < 1e-12);
  });

  it('detects a direction of non-positive curvature, naming the iteration', () => {
    const indefinite = diagonalMatrix([1, -3, 1]);
    assert.throws(
      () => conjugateGradient(indefinite, Float64Array.of(1, 1, 1)),
      /not positive definite: .*pᵀAp = -1 ≤ 0 at iteration 1/,
    );
    // Positive along b, negative later: the failure surfaces at step 2.
    const later = diagonalMatrix([4, 4, -1]);
    assert.throws(() => conjugateGradient(later, Float64Array.of(1, 1, 0.5)), /at iteration 2/);
    assert.throws(
      () =>
        conjugateGradient(diagonalMatrix([1, 2]), Float64Array.of(1, 1), {
          preconditioner: (r, out) => out.set(r.map((v) => -v)),
        }),
      /preconditioner is not positive definite/,
    );
  });

  it('rejects bad input with messages naming the parameter', () => {
    const a = diagonalMatrix([1, 2]);
    assert.throws(() => conjugateGradient(a, new Float64Array(3)), /must be 3×3 to match b, got 2×2/);
    assert.throws(() => conjugateGradient(a, new Float64Array(2), { tolerance: 0 }), /tolerance must be/);
    assert.throws(
      () => conjugateGradient(a, new Float64Array(2), { maxIterations: 1.5 }),
      /maxIterations must be/,
    );
    assert.throws(() => conjugateGradient(a, Float64Array.of(1, Number.NaN)), /b\[1\] = NaN/);
    assert.throws(
      () => conjugateGradient(a, Float64Array.of(1, 1), { x0: new Float64Array(3) }),
      /x0 must have/,
    );
  });
});
