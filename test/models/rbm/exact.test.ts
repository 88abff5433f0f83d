/**
 * Exact RBM quantities against brute force: log Z by enumeration of either layer equals the sum
 * over all joint (v, h); log p(v) and p(v) agree with it; the Gaussian log Z agrees with a 2-D
 * quadrature of the visible density; the exact gradient equals central finite differences of the
 * exact log-likelihood (Bernoulli through both layers, and Gaussian).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  freeEnergies,
  type Rbm,
  rbmLogLikelihood,
  rbmLogLikelihoodGradient,
  rbmLogPartitionFunction,
  rbmVisibleDistribution,
} from '../../../src/models/rbm/index.js';
import { bits, bruteForceLogZ, bruteForceNegativeFreeEnergy, noisyPrototypes, randomRbm } from './helpers.js';

describe('rbmLogPartitionFunction', () => {
  it('equals the brute-force sum over all (v, h), enumerating either layer', () => {
    for (const [V, H, seed] of [
      [4, 3, 1],
      [3, 5, 2],
      [6, 6, 3],
    ]) {
      const rbm = randomRbm(V, H, seed, 1.2);
      const reference = bruteForceLogZ(rbm);
      const hidden = rbmLogPartitionFunction(rbm, 'hidden');
      const visible = rbmLogPartitionFunction(rbm, 'visible');
      assert.ok(Math.abs(hidden - reference) < 1e-11, `${V}×${H}: hidden ${hidden} vs ${reference}`);
      assert.ok(Math.abs(visible - reference) < 1e-11, `${V}×${H}: visible ${visible} vs ${reference}`);
      assert.equal(rbmLogPartitionFunction(rbm), H <= V ? hidden : visible);
    }
  });

  it('agrees between layers on a larger model (12 × 10)', () => {
    const rbm = randomRbm(12, 10, 4, 0.5);
    const hidden = rbmLogPartitionFunction(rbm, 'hidden');
    const visible = rbmLogPartitionFunction(rbm, 'visible');
    assert.ok(Math.abs(hidden - visible) < 1e-10 * Math.abs(hidden), `${hidden} vs ${visible}`);
  });

  it('for Gaussian units equals a quadrature of ∫ e^−F(v) dv (V = 2)', () => {
    const rbm = randomRbm(2, 3, 5, 0.7, 'gaussian');
    const exact = rbmLogPartitionFunction(rbm);
    // Trapezoid rule on [−12, 12]² with step 0.05: for a smooth, rapidly decaying integrand (a
    // Gaussian mixture) its error is exponentially small. F(v) itself is checked against the
    // brute-force sum over h below.
    const step = 0.05;
    const side = Math.round(24 / step) + 1;
    const grid = new Float64Array(side * side * 2);
    for (let a = 0; a < side; a++) {
      for (let b = 0; b < side; b++) {
        grid[2 * (a * side + b)] = -12 + a * step;
        grid[2 * (a * side + b) + 1] = -12 + b * step;
      }
    }
    let sum = 0;
    for (const energy of freeEnergies(rbm, grid)) sum += Math.exp(-energy);
    const quadrature = Math.log(sum * step * step);
    assert.ok(Math.abs(exact - quadrature) < 1e-9, `${exact} vs ${quadrature}`);
    assert.throws(
      () => rbmLogPartitionFunction(rbm, 'visible'),
      /Gaussian visible units cannot be enumerated/,
    );
  });

  it('rejects layers too large to enumerate', () => {
    const rbm = randomRbm(30, 30, 6, 0.1);
    assert.throws(() => rbmLogPartitionFunction(rbm), /at most 25 can be enumerated/);
    assert.throws(() => rbmLogPartitionFunction(rbm, 'sideways' as 'hidden'), /enumerate must be one of/);
  });
});

describe('rbmLogLikelihood and rbmVisibleDistribution', () => {
  it('match brute force: log p(v) = log Σ_h e^−E(v,h) − log Z', () => {
    const rbm = randomRbm(5, 4, 7, 1);
    const data = new Float64Array(3 * 5);
    data.set(bits(3, 5), 0);
    data.set(bits(17, 5), 5);
    data.set(bits(30, 5), 10);
    const result = rbmLogLikelihood(rbm, data);
    const logZ = bruteForceLogZ(rbm);
    for (let r = 0; r < 3; r++) {
      const expected = bruteForceNegativeFreeEnergy(rbm, data.subarray(r * 5, r * 5 + 5)) - logZ;
      assert.ok(
        Math.abs(result.values[r] - expected) < 1e-11,
        `row ${r}: ${result.values[r]} vs ${expected}`,
      );
    }
    const distribution = rbmVisibleDistribution(rbm);
    let total = 0;
    for (const p of distribution) total += p;
    assert.ok(Math.abs(total - 1) < 1e-12);
    assert.ok(Math.abs(Math.log(distribution[17]) - result.values[1]) < 1e-11);
  });

  it('free energies of Gaussian units equal −log Σ_h e^−E(v,h)', () => {
    const rbm = randomRbm(3, 4, 8, 0.8, 'gaussian');
    const visible = [0.3, -1.2, 2.5, 1, 0, -0.5];
    const energies = freeEnergies(rbm, visible);
    for (let r = 0; r < 2; r++) {
      const expected = -bruteForceNegativeFreeEnergy(rbm, visible.slice(3 * r, 3 * r + 3));
      assert.ok(Math.abs(energies[r] - expected) < 1e-12, `${energies[r]} vs ${expected}`);
    }
  });
});

/** Central finite differences of the mean exact log-likelihood with respect to every parameter. */
function finiteDifferenceGradient(rbm: Rbm, data: Float64Array): Float64Array[] {
  const step = 1e-5;
  return [rbm.weights, rbm.visibleBias, rbm.hiddenBias].map((parameters) => {
    const out = new Float64Array(parameters.length);
    for (let n = 0; n < parameters.length; n++) {
      const saved = parameters[n];
      parameters[n] = saved + step;
      const plus = rbmLogLikelihood(rbm, data).mean;
      parameters[n] = saved - step;
      const minus = rbmLogLikelihood(rbm, data).mean;
      parameters[n] = saved;
      out[n] = (plus - minus) / (2 * step);
    }
    return out;
  });
}

describe('rbmLogLikelihoodGradient', () => {
  const cases: [string, Rbm, Float64Array][] = [
    ['Bernoulli 5×4', randomRbm(5, 4, 9, 0.8), noisyPrototypes(5, 12, 10)],
    ['Bernoulli 3×6', randomRbm(3, 6, 11, 0.8), noisyPrototypes(3, 7, 12)],
    [
      'Gaussian 3×4',
      randomRbm(3, 4, 13, 0.5, 'gaussian'),
      Float64Array.from([0.5, -1, 0.2, 1.5, 0.3, -0.7, 0, 2, 1]),
    ],
  ];
  for (const [name, rbm, data] of cases) {
    it(`equals central finite differences of the exact log-likelihood (${name})`, () => {
      const layers =
        rbm.visibleUnits === 'gaussian' ? (['hidden'] as const) : (['hidden', 'visible'] as const);
      const reference = finiteDifferenceGradient(rbm, data);
      for (const layer of layers) {
        const gradient = rbmLogLikelihoodGradient(rbm, data, layer);
        const parts = [gradient.weights, gradient.visibleBias, gradient.hiddenBias];
        for (let p = 0; p < 3; p++) {
          for (let n = 0; n < parts[p].length; n++) {
            const error = Math.abs(parts[p][n] - reference[p][n]);
            assert.ok(
              error < 1e-7,
              `${name} via ${layer}: part ${p}[${n}] ${parts[p][n]} vs ${reference[p][n]}`,
            );
          }
        }
      }
    });
  }
});
