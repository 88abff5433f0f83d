import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaussHermite } from '../../../src/pinn/reference/gauss-hermite.js';

/** ∫ z^{2k} e^{−z²} dz = Γ(k + 1/2) = √π (2k − 1)!!/2^k. */
function evenMoment(k: number): number {
  let value = Math.sqrt(Math.PI);
  for (let j = 1; j <= k; j++) value *= (2 * j - 1) / 2;
  return value;
}

describe('gaussHermite', () => {
  it('matches the closed-form 3-point rule', () => {
    const rule = gaussHermite(3);
    assert.deepEqual(Array.from(rule.nodes), [-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
    const expected = [Math.sqrt(Math.PI) / 6, (2 * Math.sqrt(Math.PI)) / 3, Math.sqrt(Math.PI) / 6];
    for (const [i, w] of rule.weights.entries()) {
      assert.ok(Math.abs(w - expected[i]) < 1e-15, `${w} vs ${expected[i]}`);
    }
  });

  it('integrates polynomials of degree < 2n exactly, and not degree 2n', () => {
    for (const n of [5, 20, 64]) {
      const { nodes, weights } = gaussHermite(n);
      for (let k = 0; k < n; k++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += weights[i] * nodes[i] ** (2 * k);
        const exact = evenMoment(k);
        assert.ok(Math.abs(sum - exact) <= 1e-12 * exact, `n = ${n}, z^${2 * k}: ${sum} vs ${exact}`);
        // Odd moments vanish by symmetry of the rule.
        let odd = 0;
        for (let i = 0; i < n; i++) odd += weights[i] * nodes[i] ** (2 * k + 1);
        assert.ok(Math.abs(odd) <= 1e-12 * evenMoment(k + 1), `n = ${n}, z^${2 * k + 1}: ${odd}`);
      }
      if (n > 20) continue;
      // Degree 2n is the first that fails, by exactly n!·√π/2^n (the norm of the monic p_n).
      let beyond = 0;
      for (let i = 0; i < n; i++) beyond += weights[i] * nodes[i] ** (2 * n);
      let expectedError = Math.sqrt(Math.PI);
      for (let j = 1; j <= n; j++) expectedError *= j / 2;
      const error = evenMoment(n) - beyond;
      assert.ok(
        Math.abs(error - expectedError) < 1e-6 * expectedError,
        `n = ${n}: ${error} vs ${expectedError}`,
      );
    }
  });

  it('keeps the tiny outer weights accurate in the log domain', () => {
    // 300 nodes: the outer weights are e^{−570}, far below what squared eigenvector entries resolve.
    const { nodes, logWeights, weights } = gaussHermite(300);
    const n = nodes.length;
    assert.ok(nodes.every((z, i) => i === 0 || z > nodes[i - 1]));
    assert.ok(logWeights[n - 1] < -500 && logWeights[n - 1] > -700, `${logWeights[n - 1]}`);
    // Σ w = √π to round-off, and the moment z^{2k} for k = 200 (which the outer nodes dominate).
    const total = weights.reduce((s, w) => s + w, 0);
    assert.ok(Math.abs(total - Math.sqrt(Math.PI)) < 1e-14, `${total}`);
    const k = 200;
    let logSum = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (nodes[i] === 0) continue;
      const term = logWeights[i] + 2 * k * Math.log(Math.abs(nodes[i]));
      logSum = Math.max(logSum, term) + Math.log1p(Math.exp(-Math.abs(logSum - term)));
    }
    let logExact = 0.5 * Math.log(Math.PI);
    for (let j = 1; j <= k; j++) logExact += Math.log((2 * j - 1) / 2);
    assert.ok(Math.abs(logSum - logExact) < 1e-10, `${logSum} vs ${logExact}`);
  });

  it('rejects a bad node count', () => {
    assert.throws(() => gaussHermite(0), /n must be an integer in \[1, 4096\]/);
    assert.throws(() => gaussHermite(2.5), /n must be/);
    assert.throws(() => gaussHermite(5000), /n must be/);
  });
});
