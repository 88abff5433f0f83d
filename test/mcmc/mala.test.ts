import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../src/core/random/index.js';
import { mala, metropolisHastings, overdampedLangevin, sampleChain } from '../../src/mcmc/index.js';
import { assertFits, assertRejected, gaussianEnergy, gaussianFit } from './helpers.js';

const MEAN = [1, -2];
const COVARIANCE = [1, 0.6, 0.6, 2];
const STEP = 0.5;

describe('mala', () => {
  it('is exact at a step where ULA is visibly biased (2-D Gaussian, KS and moments)', () => {
    const energy = gaussianEnergy(MEAN, COVARIANCE);
    const options = { numSamples: 30_000, burnIn: 300 };
    const exact = sampleChain(mala({ energy, stepSize: STEP }), MEAN, makeKey(7), options);
    assertFits('MALA, h = 0.5', gaussianFit(exact.samples, MEAN, COVARIANCE));
    assert.ok(exact.acceptanceRate > 0.5 && exact.acceptanceRate < 1);
    assert.equal(exact.gradientEvaluations, 30_300);
    // The same move without the accept/reject step.
    const biased = sampleChain(overdampedLangevin({ energy, stepSize: STEP }), MEAN, makeKey(7), options);
    assertRejected('ULA at the same step', gaussianFit(biased.samples, MEAN, COVARIANCE));
  });

  it('negative control: the Langevin proposal with a plain Metropolis test (no Hastings term) is rejected', () => {
    const energy = gaussianEnergy(MEAN, COVARIANCE);
    const gradient = new Float64Array(2);
    const uncorrected = metropolisHastings({
      energy,
      proposal(key, x, out) {
        energy.energyAndGradient(x, gradient);
        const stream = new RandomStream(key);
        for (let i = 0; i < 2; i++)
          out[i] = x[i] - STEP * gradient[i] + Math.sqrt(2 * STEP) * stream.nextNormal();
        return 0;
      },
    });
    const result = sampleChain(uncorrected, MEAN, makeKey(7), { numSamples: 30_000, burnIn: 300 });
    assertRejected('uncorrected Langevin proposal', gaussianFit(result.samples, MEAN, COVARIANCE));
  });

  it('targets exp(−U/T) at T ≠ 1', () => {
    const temperature = 0.3;
    const energy = gaussianEnergy([2], [1.5]);
    const result = sampleChain(mala({ energy, stepSize: 0.4, temperature }), [2], makeKey(12), {
      numSamples: 20_000,
      burnIn: 200,
    });
    assertFits('MALA at T = 0.3', gaussianFit(result.samples, [2], [1.5 * temperature]));
  });

  it('rejects a proposal with non-finite energy and flags it divergent', () => {
    const algorithm = mala({
      energy: {
        energy: (x) => (x[0] > 0 ? Number.POSITIVE_INFINITY : 0.5 * x[0] * x[0]),
        energyAndGradient(x, g) {
          g[0] = x[0];
          return x[0] > 0 ? Number.POSITIVE_INFINITY : 0.5 * x[0] * x[0];
        },
      },
      stepSize: 1,
    });
    const result = sampleChain(algorithm, [-0.1], makeKey(4), { numSamples: 2000 });
    assert.ok(result.divergences > 100);
    for (const x of result.samples) assert.ok(x <= 0);
  });

  it('rejects bad options with messages naming the parameter', () => {
    const energy = gaussianEnergy([0], [1]);
    assert.throws(() => mala({ energy, stepSize: Number.NaN }), /stepSize must be a finite number > 0/);
    assert.throws(
      () => mala({ energy, stepSize: 0.1, temperature: 0 }),
      /temperature must be a finite number > 0/,
    );
  });
});
