import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { bananaEnergy, integrate } from '../../src/energies/index.js';
import { checkEnergy, randomPoints } from './check-energy.js';

describe('bananaEnergy', () => {
  it('matches the autodiff formula x₁²/(2s) + ½(x₂ + b(x₁² − s))² + ½Σx_i²', () => {
    for (const [n, b, s] of [
      [2, 0.1, 100],
      [5, 0.03, 10],
    ]) {
      const energy = bananaEnergy({ dimension: n, curvature: b, scale: s });
      const formula = (x: T.Tensor) => {
        const x1 = T.slice(x, [0], [1]);
        const x2 = T.slice(x, [1], [2]);
        const bent = T.add(x2, T.mul(b, T.sub(T.square(x1), s)));
        const rest = T.mul(0.5, T.sum(T.square(T.slice(x, [2]))));
        return T.add(T.sum(T.add(T.mul(0.5 / s, T.square(x1)), T.mul(0.5, T.square(bent)))), rest);
      };
      checkEnergy(energy, formula, randomPoints(makeKey(n), 5, n, 3), makeKey(30 + n), { tolerance: 1e-11 });
    }
  });

  it('is normalized by exp(logNormalizer), and Var x₂ = 1 + 2b²s² (2-D quadrature)', () => {
    const energy = bananaEnergy({ curvature: 0.1, scale: 4 });
    const point = new Float64Array(2);
    const moment = (power: number) =>
      integrate(
        (x1) => {
          const center = -0.1 * (x1 * x1 - 4);
          return integrate(
            (x2) => {
              point[0] = x1;
              point[1] = x2;
              return x2 ** power * Math.exp(-energy.energy(point));
            },
            center - 12,
            center + 12,
            { breakpoints: [center], absoluteTolerance: 1e-12 },
          ).value;
        },
        // x₁ has standard deviation √s = 2: ±30 leaves out e^{−112} of the mass.
        -30,
        30,
        // Absolute tolerances: E[x₂] integrates to 0, where a relative one can never be met.
        { breakpoints: [-2, 0, 2], absoluteTolerance: 1e-10 },
      ).value;
    const z = moment(0);
    assert.ok(Math.abs(Math.log(z) - energy.logNormalizer) < 1e-8);
    assert.ok(Math.abs(moment(1) / z) < 1e-8, 'E[x₂] = 0');
    assert.ok(Math.abs(moment(2) / z - energy.variances[1]) < 1e-7, `Var x₂ = ${moment(2) / z}`);
    assert.ok(Math.abs(energy.variances[1] - (1 + 2 * 0.01 * 16)) < 1e-15);
  });

  it('exact samples match the exact moments (within 5 standard errors)', () => {
    const energy = bananaEnergy({ dimension: 3 });
    const count = 20_000;
    const draws = energy.sample(makeKey(5), count);
    for (let i = 0; i < 3; i++) {
      const m = draws.reduce((s, x) => s + x[i], 0) / count;
      const v = draws.reduce((s, x) => s + x[i] * x[i], 0) / count;
      assert.ok(Math.abs(m) < 5 * Math.sqrt(energy.variances[i] / count), `mean ${i}: ${m}`);
      // x₂ is far from Gaussian (kurtosis from the b·x₁² term): use a loose relative bound.
      assert.ok(Math.abs(v / energy.variances[i] - 1) < 0.1, `variance ${i}: ${v} vs ${energy.variances[i]}`);
    }
  });

  it('is a plain Gaussian at curvature 0, and rejects bad options', () => {
    const flat = bananaEnergy({ curvature: 0, scale: 4 });
    assert.equal(flat.energy(Float64Array.of(2, 3)), 0.5 + 4.5);
    assert.throws(() => bananaEnergy({ curvature: -0.1 }), /curvature must be a finite number ≥ 0/);
    assert.throws(() => bananaEnergy({ scale: 0 }), /scale must be a finite number > 0/);
    assert.throws(() => bananaEnergy({ dimension: 1 }), /dimension must be an integer ≥ 2/);
  });
});
