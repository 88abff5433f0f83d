import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { funnelEnergy, integrate } from '../../src/energies/index.js';
import { checkEnergy, randomPoints } from './check-energy.js';

const logNormal = (x: number, variance: number) =>
  -0.5 * Math.log(2 * Math.PI * variance) - (x * x) / (2 * variance);

describe('funnelEnergy', () => {
  it('matches the autodiff formula v²/(2s²) + Σ[x_i² e^{−v}/2 + v/2]', () => {
    for (const [n, s] of [
      [2, 3],
      [10, 1.5],
    ]) {
      const energy = funnelEnergy({ dimension: n, scale: s });
      const formula = (x: T.Tensor) => {
        const v = T.slice(x, [0], [1]);
        const rest = T.slice(x, [1]);
        return T.sum(
          T.add(
            T.add(T.mul(0.5 / (s * s), T.square(v)), T.mul(0.5 * (n - 1), v)),
            T.mul(T.mul(0.5, T.exp(T.neg(v))), T.sum(T.square(rest))),
          ),
        );
      };
      checkEnergy(energy, formula, randomPoints(makeKey(n), 5, n, 1.5), makeKey(20 + n), {
        tolerance: 1e-11,
      });
    }
  });

  it('U + log Z is −log N(v; 0, s²) − Σ log N(x_i; 0, e^v) at random points', () => {
    const energy = funnelEnergy();
    for (const x of randomPoints(makeKey(3), 10, 10, 2)) {
      let logDensity = logNormal(x[0], 9);
      for (let i = 1; i < 10; i++) logDensity += logNormal(x[i], Math.exp(x[0]));
      assert.ok(Math.abs(energy.energy(x) + energy.logNormalizer + logDensity) < 1e-10);
    }
  });

  it('exp(−U) integrates to Z = exp(logNormalizer) in 2-D (nested quadrature)', () => {
    const energy = funnelEnergy({ dimension: 2, scale: 3 });
    const point = new Float64Array(2);
    // x | v has standard deviation e^{v/2}; v has 3, so |v| ≤ 40 holds all but e^{−88} of the mass.
    const inner = (v: number) => {
      const width = Math.exp(v / 2);
      return integrate(
        (x) => {
          point[0] = v;
          point[1] = x;
          return Math.exp(-energy.energy(point));
        },
        -20 * width,
        20 * width,
        { breakpoints: [-width, 0, width] },
      ).value;
    };
    const z = integrate(inner, -40, 40, { relativeTolerance: 1e-9, breakpoints: [-3, 0, 3] }).value;
    assert.ok(
      Math.abs(Math.log(z) - energy.logNormalizer) < 1e-8,
      `log Z ${Math.log(z)} vs ${energy.logNormalizer}`,
    );
  });

  it('exact samples: v ~ N(0, s²) and x_i e^{−v/2} ~ N(0, 1) (moments within 5 standard errors)', () => {
    const energy = funnelEnergy({ dimension: 5 });
    const count = 20_000;
    const draws = energy.sample(makeKey(8), count);
    const v = draws.map((x) => x[0]);
    const meanV = v.reduce((s, a) => s + a, 0) / count;
    const varianceV = v.reduce((s, a) => s + a * a, 0) / count;
    assert.ok(Math.abs(meanV) < 5 * Math.sqrt(9 / count));
    assert.ok(Math.abs(varianceV - 9) < 5 * Math.sqrt((2 * 81) / count));
    const z = draws.map((x) => x[3] * Math.exp(-x[0] / 2));
    const varianceZ = z.reduce((s, a) => s + a * a, 0) / count;
    assert.ok(Math.abs(varianceZ - 1) < 5 * Math.sqrt(2 / count));
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(() => funnelEnergy({ dimension: 1 }), /dimension must be an integer ≥ 2/);
    assert.throws(() => funnelEnergy({ scale: 0 }), /scale must be a finite number > 0/);
  });
});
