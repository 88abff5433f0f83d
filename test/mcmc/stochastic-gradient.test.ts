import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal, split } from '../../src/core/random/index.js';
import {
  type ChainResult,
  minibatchGradient,
  type StochasticGradient,
  sampleChain,
  sghmc,
  sgld,
} from '../../src/mcmc/index.js';
import { chiSquareTest, column, meanZScore, P_THRESHOLD, Z_LIMIT } from './helpers.js';

/**
 * Bayesian linear regression y = w₀ + w₁·t + ε, ε ~ N(0, σ²), prior w ~ N(0, I), on 100 generated
 * points: the posterior is Gaussian with precision A = I + XᵀX/σ² and mean A⁻¹Xᵀy/σ².
 */
const N = 100;
const SIGMA = 0.5;
const [featureKey, noiseKey] = split(makeKey(2024));
const feature = normal(featureKey, N);
const noise = normal(noiseKey, N);
const y = Float64Array.from({ length: N }, (_, i) => 0.7 - 1.3 * feature[i] + SIGMA * noise[i]);
const precision = [1, 0, 0, 1];
const rhs = [0, 0];
for (let i = 0; i < N; i++) {
  const x = [1, feature[i]];
  for (let r = 0; r < 2; r++) {
    rhs[r] += (x[r] * y[i]) / SIGMA ** 2;
    for (let c = 0; c < 2; c++) precision[r * 2 + c] += (x[r] * x[c]) / SIGMA ** 2;
  }
}
const determinant = precision[0] * precision[3] - precision[1] * precision[2];
const covariance = [
  precision[3] / determinant,
  -precision[1] / determinant,
  -precision[2] / determinant,
  precision[0] / determinant,
];
const POSTERIOR_MEAN = [
  covariance[0] * rhs[0] + covariance[1] * rhs[1],
  covariance[2] * rhs[0] + covariance[3] * rhs[1],
];

/** Adds ∇ℓᵢ(w) for ℓᵢ = (w₀ + w₁tᵢ − yᵢ)²/(2σ²) and returns ℓᵢ. */
function exampleGradient(w: Float64Array, i: number, g: Float64Array): number {
  const residual = w[0] + w[1] * feature[i] - y[i];
  g[0] += residual / SIGMA ** 2;
  g[1] += (residual * feature[i]) / SIGMA ** 2;
  return (residual * residual) / (2 * SIGMA ** 2);
}

function priorGradient(w: Float64Array, g: Float64Array): number {
  g[0] = w[0];
  g[1] = w[1];
  return 0.5 * (w[0] ** 2 + w[1] ** 2);
}

const minibatch = minibatchGradient({ dataSize: N, batchSize: 10, exampleGradient, priorGradient });

/** Broken on purpose: the minibatch sum without the N/n factor (a posterior with a tenth of the data). */
const unscaled: StochasticGradient = (key, w, g) => {
  minibatch(key, w, g);
  // Undo N/n on the likelihood part: g = prior + (N/n)·S → prior + S.
  const scale = 10 / N;
  g[0] = w[0] + (g[0] - w[0]) * scale;
  g[1] = w[1] + (g[1] - w[1]) * scale;
};

/**
 * Whether a chain's mean matches the posterior mean: for each coordinate, |z| ≤ Z_LIMIT with
 * the error bar from the chain's own variance and τ (SGLD's stationary spread is wider than the
 * posterior's), and the error below a tolerance of 0.2 posterior standard deviations (about ten
 * Monte Carlo standard errors here). Returns the failures, empty when it matches.
 */
function meanMismatches(result: ChainResult): string[] {
  const failures: string[] = [];
  for (const i of [0, 1]) {
    const series = column(result.samples, 2, i);
    let mean = 0;
    for (const v of series) mean += v / series.length;
    let variance = 0;
    for (const v of series) variance += (v - mean) ** 2 / series.length;
    const z = meanZScore(series, POSTERIOR_MEAN[i], variance);
    const error = (mean - POSTERIOR_MEAN[i]) / Math.sqrt(covariance[i * 3]);
    if (Math.abs(z) > Z_LIMIT || Math.abs(error) > 0.2) {
      failures.push(`w${i}: z = ${z.toFixed(2)}, error = ${error.toFixed(3)} posterior sd`);
    }
  }
  return failures;
}

function varianceRatio(result: ChainResult, i: number): number {
  const series = column(result.samples, 2, i);
  let mean = 0;
  for (const v of series) mean += v / series.length;
  let variance = 0;
  for (const v of series) variance += (v - mean) ** 2 / series.length;
  return variance / covariance[i * 3];
}

const RUN = { numSamples: 20_000, burnIn: 500 };

describe('sgld', () => {
  it('recovers the posterior mean of a Bayesian linear regression (fixed step)', () => {
    const result = sampleChain(
      sgld({ stochasticGradient: minibatch, stepSize: 5e-4 }),
      [0, 0],
      makeKey(3),
      RUN,
    );
    assert.deepEqual(meanMismatches(result), []);
    assert.equal(result.gradientEvaluations, 20_500);
    // The state's energy is the minibatch estimate of U, finite.
    assert.ok(Number.isFinite(result.energies[100]));
  });

  it('with a decreasing step-size schedule', () => {
    const schedule = (t: number) => 1e-3 * (1 + t / 1000) ** -0.55;
    const result = sampleChain(
      sgld({ stochasticGradient: minibatch, stepSize: schedule }),
      [0, 0],
      makeKey(4),
      RUN,
    );
    assert.deepEqual(meanMismatches(result), []);
    assert.equal(result.finalState.step, 20_500);
  });

  it('negative control: forgetting the N/n scaling of the minibatch is rejected by the same test', () => {
    const result = sampleChain(
      sgld({ stochasticGradient: unscaled, stepSize: 5e-4 }),
      [0, 0],
      makeKey(3),
      RUN,
    );
    assert.ok(meanMismatches(result).length > 0, 'the wrong posterior should be detected');
  });

  it('dataSize multiplies the gradient estimate; at T = 0 this is gradient descent', () => {
    // A callback returning ∇U/N (the mean-loss convention) with dataSize N moves like ∇U.
    const perExample: StochasticGradient = (_key, w, g) => {
      g[0] = (2 * w[0]) / N;
    };
    const algorithm = sgld({ stochasticGradient: perExample, stepSize: 0.1, dataSize: N, temperature: 0 });
    const [state] = algorithm.step(makeKey(1), algorithm.init([1]));
    assert.ok(Math.abs(state.position[0] - 0.8) < 1e-15);
    assert.ok(Number.isNaN(state.energy));
  });

  it('rejects bad options with messages naming the parameter', () => {
    assert.throws(
      () => sgld({ stochasticGradient: minibatch, stepSize: 0 }),
      /stepSize must be a finite number > 0/,
    );
    assert.throws(
      () => sgld({ stochasticGradient: minibatch, stepSize: 0.1, dataSize: -2 }),
      /dataSize must be/,
    );
    const bad = sgld({ stochasticGradient: minibatch, stepSize: () => -1 });
    assert.throws(() => bad.step(makeKey(0), bad.init([0, 0])), /stepSize\(0\) must be a finite number > 0/);
  });
});

describe('sghmc', () => {
  it('recovers the posterior mean of a Bayesian linear regression', () => {
    const algorithm = sghmc({ stochasticGradient: minibatch, stepSize: 0.01, friction: 20 });
    const result = sampleChain(algorithm, [0, 0], makeKey(3), RUN);
    assert.deepEqual(meanMismatches(result), []);
  });

  it('negative control: forgetting the N/n scaling is rejected by the same test', () => {
    const algorithm = sghmc({ stochasticGradient: unscaled, stepSize: 0.01, friction: 20 });
    const result = sampleChain(algorithm, [0, 0], makeKey(3), RUN);
    assert.ok(meanMismatches(result).length > 0, 'the wrong posterior should be detected');
  });

  it('the noise-estimate term B̂ = ½hV̂ removes most of the excess variance from gradient noise', () => {
    // V̂: the variance of the minibatch estimate at the posterior mean, per coordinate (smaller one).
    const g = new Float64Array(2);
    const sums = [0, 0, 0, 0];
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      minibatch(makeKey(10_000 + k), Float64Array.from(POSTERIOR_MEAN), g);
      sums[0] += g[0];
      sums[1] += g[0] * g[0];
      sums[2] += g[1];
      sums[3] += g[1] * g[1];
    }
    const noiseVariance = Math.min(
      sums[1] / draws - (sums[0] / draws) ** 2,
      sums[3] / draws - (sums[2] / draws) ** 2,
    );
    const run = (gradientNoiseVariance: number) =>
      sampleChain(
        sghmc({ stochasticGradient: minibatch, stepSize: 0.01, friction: 20, gradientNoiseVariance }),
        POSTERIOR_MEAN,
        makeKey(3),
        RUN,
      );
    const plain = varianceRatio(run(0), 0);
    const corrected = varianceRatio(run(noiseVariance), 0);
    assert.ok(plain > 1.4, `without the term the variance is inflated: ratio ${plain}`);
    assert.ok(
      Math.abs(corrected - 1) < 0.5 * (plain - 1),
      `ratio ${corrected} with the term, ${plain} without`,
    );
    assert.throws(() => run(1e5), /B̂ = ½·h·gradientNoiseVariance = 500 exceeds friction·temperature = 20/);
  });
});

describe('minibatchGradient', () => {
  it('draws every subset of n distinct indices with the same probability (χ²)', () => {
    const dataSize = 5;
    const seen: number[] = [];
    const estimator = minibatchGradient({
      dataSize,
      batchSize: 2,
      exampleGradient: (_w, i) => {
        seen.push(i);
      },
    });
    const counts = new Float64Array(25);
    const g = new Float64Array(1);
    for (let k = 0; k < 20_000; k++) {
      seen.length = 0;
      assert.equal(estimator(makeKey(k), Float64Array.of(0), g), undefined);
      const [a, b] = seen;
      assert.notEqual(a, b);
      counts[Math.min(a, b) * dataSize + Math.max(a, b)]++;
    }
    const pairs = Array.from(counts).filter((_, index) => Math.floor(index / dataSize) < index % dataSize);
    const { pValue } = chiSquareTest(pairs, new Array(10).fill(0.1));
    assert.ok(pValue > P_THRESHOLD, `p = ${pValue}`);
  });

  it('scales the minibatch sum by N/n and adds the prior, for the gradient and the energy', () => {
    const seen: number[] = [];
    const estimator = minibatchGradient({
      dataSize: N,
      batchSize: 4,
      priorGradient,
      exampleGradient: (w, i, g) => {
        seen.push(i);
        return exampleGradient(w, i, g);
      },
    });
    const w = Float64Array.of(0.3, -0.8);
    const g = new Float64Array(2);
    const energy = estimator(makeKey(5), w, g) as number;
    const likelihood = new Float64Array(2);
    let expectedEnergy = 0.5 * (0.09 + 0.64);
    let batchEnergy = 0;
    for (const i of seen) batchEnergy += exampleGradient(w, i, likelihood);
    expectedEnergy += (N / 4) * batchEnergy;
    assert.ok(Math.abs(energy - expectedEnergy) < 1e-12 * Math.abs(expectedEnergy));
    for (let d = 0; d < 2; d++) assert.ok(Math.abs(g[d] - (w[d] + (N / 4) * likelihood[d])) < 1e-10);
  });

  it('rejects bad options with messages naming the parameter', () => {
    assert.throws(
      () => minibatchGradient({ dataSize: 5, batchSize: 6, exampleGradient }),
      /batchSize must be an integer in \[1, 5\]/,
    );
    assert.throws(
      () => minibatchGradient({ dataSize: 0, batchSize: 1, exampleGradient }),
      /dataSize must be an integer/,
    );
  });
});
