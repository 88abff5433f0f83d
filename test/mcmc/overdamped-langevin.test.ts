import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { type DifferentiableEnergy, overdampedLangevin, sampleChain } from '../../src/mcmc/index.js';
import { applyUpdates, gradientDescent } from '../../src/optim/index.js';
import {
  assertFits,
  assertRejected,
  column,
  gaussianEnergy,
  gaussianFit,
  kolmogorovSmirnovTest,
  normalCdf,
  P_THRESHOLD,
  thinSeries,
  Z_LIMIT,
} from './helpers.js';

const MEAN = [1, -2];
const COVARIANCE = [1, 0.6, 0.6, 2];

/** Rosenbrock U = (1 − x)² + 10(y − x²)², a curved valley with a nontrivial gradient. */
const rosenbrock: DifferentiableEnergy = {
  name: 'rosenbrock',
  dimension: 2,
  energy: (x) => (1 - x[0]) ** 2 + 10 * (x[1] - x[0] ** 2) ** 2,
  energyAndGradient(x, gradient) {
    const valley = x[1] - x[0] * x[0];
    gradient[0] = -2 * (1 - x[0]) - 40 * x[0] * valley;
    gradient[1] = 20 * valley;
    return (1 - x[0]) ** 2 + 10 * valley * valley;
  },
};

describe('overdampedLangevin', () => {
  it('at T = 0 is gradient descent: iterates bitwise identical to gradientDescent, step by step', () => {
    const learningRate = 0.01;
    const langevin = overdampedLangevin({ energy: rosenbrock, stepSize: learningRate, temperature: 0 });
    const optimizer = gradientDescent({ learningRate });
    let state = langevin.init([-1.2, 1]);
    let params: Float64Array = Float64Array.of(-1.2, 1);
    let optimizerState = optimizer.init(params);
    const gradient = new Float64Array(2);
    for (let t = 0; t < 500; t++) {
      [state] = langevin.step(makeKey(t), state);
      rosenbrock.energyAndGradient(params, gradient);
      let update: Float64Array;
      [update, optimizerState] = optimizer.update(gradient, optimizerState, params);
      params = applyUpdates(params, update);
      assert.deepEqual(
        new Uint8Array(state.position.buffer),
        new Uint8Array(params.buffer),
        `step ${t}: ${state.position} vs ${params}`,
      );
    }
    assert.ok(state.energy < rosenbrock.energy(Float64Array.of(-1.2, 1)) / 10, 'and it descends');
  });

  it('has the exact O(h) bias on U = x²/2: stationary variance T/(1 − h/2), not T', () => {
    // The chain is AR(1), x' = (1 − h)x + √(2hT)ξ, so E[x²] = v = T/(1 − h/2) and the mean of x²
    // over n draws has the exact variance 2v²·(1 + ρ²)/(1 − ρ²)/n with ρ = 1 − h.
    const temperature = 0.7;
    const n = 50_000;
    for (const h of [0.2, 0.8, 1.5]) {
      const algorithm = overdampedLangevin({ energy: gaussianEnergy([0], [1]), stepSize: h, temperature });
      const { samples } = sampleChain(algorithm, [0], makeKey(31), { numSamples: n, burnIn: 100 });
      let secondMoment = 0;
      for (const x of samples) secondMoment += x * x;
      secondMoment /= n;
      const v = temperature / (1 - h / 2);
      const rho = 1 - h;
      const standardError = Math.sqrt((2 * v * v * (1 + rho * rho)) / (1 - rho * rho) / n);
      const z = (secondMoment - v) / standardError;
      assert.ok(Math.abs(z) <= Z_LIMIT, `h = ${h}: E[x²] = ${secondMoment}, exact ${v}, z = ${z}`);
      // The bias is resolved: the unbiased value T is rejected by the same error bar.
      assert.ok((secondMoment - temperature) / standardError > 5, `h = ${h}: bias not resolved`);
      // The whole law is N(0, v): KS on draws thinned until |ρ|^k < 1e-3.
      const thin = Math.ceil(Math.log(1e-3) / Math.log(Math.abs(rho)));
      const ks = kolmogorovSmirnovTest(thinSeries(samples, thin), (x) => normalCdf(x / Math.sqrt(v)));
      assert.ok(ks.pValue > P_THRESHOLD, `h = ${h}: KS p = ${ks.pValue}`);
    }
  });

  it('samples a 2-D Gaussian at a small step; the same test rejects a large step (negative control)', () => {
    const energy = gaussianEnergy(MEAN, COVARIANCE);
    const small = sampleChain(overdampedLangevin({ energy, stepSize: 0.05 }), MEAN, makeKey(7), {
      numSamples: 30_000,
      burnIn: 500,
    });
    assertFits('ULA, h = 0.05 (variance bias about 2%)', gaussianFit(small.samples, MEAN, COVARIANCE));
    assert.equal(small.gradientEvaluations, 30_500);
    const large = sampleChain(overdampedLangevin({ energy, stepSize: 0.3 }), MEAN, makeKey(7), {
      numSamples: 30_000,
      burnIn: 500,
    });
    assertRejected('ULA, h = 0.3', gaussianFit(large.samples, MEAN, COVARIANCE));
    assert.ok(column(large.samples, 2, 0).length === 30_000);
  });

  it('flags divergence when the step exceeds the stability bound 2/λmax', () => {
    const algorithm = overdampedLangevin({
      energy: gaussianEnergy([0], [1]),
      stepSize: 1000,
      temperature: 0,
    });
    const result = sampleChain(algorithm, [1], makeKey(1), { numSamples: 200 });
    assert.ok(result.divergences > 0);
  });

  it('rejects bad options with messages naming the parameter', () => {
    const energy = gaussianEnergy([0], [1]);
    assert.throws(() => overdampedLangevin({ energy, stepSize: 0 }), /stepSize must be a finite number > 0/);
    assert.throws(
      () => overdampedLangevin({ energy, stepSize: 0.1, temperature: -1 }),
      /temperature must be a finite number ≥ 0/,
    );
    assert.throws(
      () =>
        overdampedLangevin({ energy: { energy: () => 0 } as unknown as DifferentiableEnergy, stepSize: 0.1 }),
      /energyAndGradient/,
    );
  });
});
