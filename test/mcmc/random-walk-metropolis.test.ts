import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, portableExp, RandomStream } from '../../src/core/random/index.js';
import {
  acceptanceProbabilityFromLogRatio,
  metropolisHastings,
  metropolisLogRatio,
  randomWalkMetropolis,
  sampleChain,
} from '../../src/mcmc/index.js';
import { assertFits, assertRejected, gaussianEnergy, gaussianFit } from './helpers.js';

const MEAN = [1, -2];
const COVARIANCE = [1, 0.6, 0.6, 2];

describe('randomWalkMetropolis', () => {
  it('samples a correlated 2-D Gaussian (KS and moments), per-coordinate step sizes', () => {
    const algorithm = randomWalkMetropolis({ energy: gaussianEnergy(MEAN, COVARIANCE), stepSize: [1.5, 2] });
    const result = sampleChain(algorithm, MEAN, makeKey(7), { numSamples: 40_000, burnIn: 500 });
    assertFits('random-walk Metropolis', gaussianFit(result.samples, MEAN, COVARIANCE));
    assert.ok(
      result.acceptanceRate > 0.2 && result.acceptanceRate < 0.6,
      `acceptance ${result.acceptanceRate}`,
    );
    assert.equal(result.gradientEvaluations, 0);
  });

  it('targets exp(−U/T): at T = 2.5 the 1-D variance is 2.5 σ²', () => {
    const temperature = 2.5;
    const algorithm = randomWalkMetropolis({
      energy: gaussianEnergy([0.5], [0.8]),
      stepSize: 3,
      temperature,
    });
    const result = sampleChain(algorithm, [0.5], makeKey(21), { numSamples: 30_000, burnIn: 200 });
    assertFits('T = 2.5', gaussianFit(result.samples, [0.5], [0.8 * temperature]));
    assertRejected('the T = 1 law', gaussianFit(result.samples, [0.5], [0.8]));
  });

  it('at T = 0 accepts only moves that do not raise the energy', () => {
    const algorithm = randomWalkMetropolis({
      energy: gaussianEnergy([0], [1]),
      stepSize: 0.5,
      temperature: 0,
    });
    const result = sampleChain(algorithm, [3], makeKey(2), { numSamples: 300 });
    for (let s = 1; s < 300; s++) assert.ok(result.energies[s] <= result.energies[s - 1]);
    assert.ok(result.energies[299] < 0.01);
  });

  it('is reproducible from its key, and a rejected step keeps the state object', () => {
    const algorithm = randomWalkMetropolis({ energy: gaussianEnergy(MEAN, COVARIANCE), stepSize: 5 });
    const a = sampleChain(algorithm, MEAN, makeKey(3), { numSamples: 50 });
    const b = sampleChain(algorithm, MEAN, makeKey(3), { numSamples: 50 });
    assert.deepEqual(a.samples, b.samples);
    const state = algorithm.init(MEAN);
    let rejected = false;
    for (let t = 0; t < 50 && !rejected; t++) {
      const [next, info] = algorithm.step(makeKey(100 + t), state);
      if (!info.accepted) {
        rejected = true;
        assert.equal(next, state);
        assert.ok(info.acceptanceProbability < 1);
      } else assert.notEqual(next.position, state.position);
    }
    assert.ok(rejected);
  });

  it('rejects bad options with messages naming the parameter', () => {
    const energy = gaussianEnergy(MEAN, COVARIANCE);
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: -1 }),
      /stepSize must be a finite number > 0/,
    );
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: [1, 0] }),
      /stepSize\[1\] must be a finite number > 0/,
    );
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: [1, 2, 3] }).init(MEAN),
      /stepSize has 3 entries/,
    );
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: 1, temperature: -1 }),
      /temperature must be/,
    );
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: 1 }).init([0]),
      /position must have length 2/,
    );
    assert.throws(
      () => randomWalkMetropolis({ energy, stepSize: 1 }).init([0, Number.NaN]),
      /position\[1\] must be finite/,
    );
    assert.throws(
      () =>
        randomWalkMetropolis({ energy: { energy: () => Number.POSITIVE_INFINITY }, stepSize: 1 }).init([0]),
      /energy at the initial position must be < \+∞/,
    );
  });
});

describe('metropolisHastings', () => {
  // An asymmetric autoregressive proposal x' = c + ρ(x − c) + s ξ, centred away from the target.
  const center = [2.5, 0];
  const rho = 0.5;
  const scale = 1.2;
  const autoregressive = (corrected: boolean) =>
    metropolisHastings({
      energy: gaussianEnergy(MEAN, COVARIANCE),
      proposal(key, x, out) {
        const stream = new RandomStream(key);
        let forward = 0;
        let backward = 0;
        for (let i = 0; i < 2; i++) {
          out[i] = center[i] + rho * (x[i] - center[i]) + scale * stream.nextNormal();
          forward += (out[i] - center[i] - rho * (x[i] - center[i])) ** 2;
          backward += (x[i] - center[i] - rho * (out[i] - center[i])) ** 2;
        }
        return corrected ? -(backward - forward) / (2 * scale * scale) : 0;
      },
    });

  it('with the Hastings term, an asymmetric proposal samples the target', () => {
    const result = sampleChain(autoregressive(true), MEAN, makeKey(17), { numSamples: 30_000, burnIn: 200 });
    assertFits('corrected autoregressive proposal', gaussianFit(result.samples, MEAN, COVARIANCE));
  });

  it('negative control: the same proposal without the Hastings term is rejected by the same test', () => {
    const result = sampleChain(autoregressive(false), MEAN, makeKey(17), { numSamples: 30_000, burnIn: 200 });
    assertRejected('uncorrected autoregressive proposal', gaussianFit(result.samples, MEAN, COVARIANCE));
  });

  it('the acceptance rule: NaN and +∞ proposals are never taken, T = 0 is greedy', () => {
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, Number.NaN, 1)), 0);
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, Number.POSITIVE_INFINITY, 1)), 0);
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, 0.5, 1)), 1);
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, 1, 0)), 1);
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, 1 + 1e-12, 0)), 0);
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, 3, 2)), portableExp(-1));
    assert.equal(acceptanceProbabilityFromLogRatio(metropolisLogRatio(1, 3, 2, 0.25)), portableExp(-0.75));
  });
});
