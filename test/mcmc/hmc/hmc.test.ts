import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  countDivergences,
  integratedAutocorrelationTime,
  meanAcceptanceProbability,
} from '../../../src/diagnostics/index.js';
import { gaussianEnergy } from '../../../src/energies/index.js';
import { type HmcInfo, hmc } from '../../../src/mcmc/hmc/index.js';
import { coordinateChains, sampleChains } from '../../../src/mcmc/index.js';
import { P_VALUE_THRESHOLD } from '../../core/random/statistics.js';
import { assertMomentsWithinMcse, normalKsPValue, thinned } from './helpers.js';

// The 2-D correlated Gaussian N(μ, Σ) with μ = (1, −2), Σ = [[1, 0.8], [0.8, 1]]: principal
// standard deviations √1.8 and √0.2, so leapfrog is stable for ε < 2·√0.2 ≈ 0.89.
const MEAN = [1, -2];
const COVARIANCE = [
  [1, 0.8],
  [0.8, 1],
];
const energy = gaussianEnergy({ mean: MEAN, covariance: COVARIANCE });
const STARTS = [
  [3, 0],
  [-1, -4],
  [2, -3],
  [0, -1],
];
const ALL_PAIRS = [
  [0, 0],
  [0, 1],
  [1, 1],
] as const;

/** `steps` transitions from `start`, step t with key fold(key, t); returns the infos. */
function run(algorithm: ReturnType<typeof hmc>, start: number[], seed: number, steps: number): HmcInfo[] {
  let state = algorithm.init(start);
  const infos: HmcInfo[] = [];
  for (let t = 0; t < steps; t++) {
    const [next, info] = algorithm.step(fold(makeKey(seed), t), state);
    state = next;
    infos.push(info);
  }
  return infos;
}

describe('hmc', () => {
  const sampler = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8 });
  const result = sampleChains(sampler, STARTS, makeKey(101), { numSamples: 1500, burnIn: 100 });

  it('reproduces the mean and covariance of a correlated 2-D Gaussian within 5 MCSE', () => {
    // Nine quantities at 5 MCSE: a false failure has probability about 9 × 5.7e-7 for a correct
    // sampler (normal approximation of the MCMC error).
    assertMomentsWithinMcse(result, MEAN, (i, j) => COVARIANCE[i][j], ALL_PAIRS, 5);
    assert.equal(result.divergences, 0);
  });

  it('draws each marginal from N(μᵢ, 1): KS test on thinned draws, with a negative control', () => {
    for (let i = 0; i < 2; i++) {
      const chains = coordinateChains(result, i);
      // Thin by 3τ so the KS test's independence assumption holds to a good approximation.
      const thin = Math.ceil(3 * integratedAutocorrelationTime(chains));
      const draws = thinned(chains, thin);
      assert.ok(draws.length > 500, `only ${draws.length} thinned draws`);
      const p = normalKsPValue(draws, MEAN[i], 1);
      assert.ok(p > P_VALUE_THRESHOLD, `coordinate ${i}: KS p = ${p}`);
      // The same test rejects a mean off by a quarter standard deviation: it has the power to fail.
      assert.ok(normalKsPValue(draws, MEAN[i] + 0.25, 1) < P_VALUE_THRESHOLD);
    }
  });

  it('samples exp(−U/T): at T = 2 the covariance doubles (with a non-identity metric)', () => {
    const hot = hmc({
      energy,
      stepSize: 0.3,
      numIntegrationSteps: 8,
      temperature: 2,
      inverseMassDiagonal: [1, 0.5],
    });
    const hotResult = sampleChains(hot, STARTS, makeKey(102), { numSamples: 1500, burnIn: 100 });
    assertMomentsWithinMcse(hotResult, MEAN, (i, j) => 2 * COVARIANCE[i][j], ALL_PAIRS, 5);
  });

  it('accepts more as the step shrinks, and almost always at a tiny step', () => {
    const stepSizes = [0.6, 0.3, 0.1, 0.03, 0.01, 0.001];
    const means = stepSizes.map((stepSize) =>
      meanAcceptanceProbability(run(hmc({ energy, stepSize, numIntegrationSteps: 10 }), [1, -2], 103, 300)),
    );
    for (let k = 1; k < means.length; k++) {
      assert.ok(means[k] > means[k - 1], `acceptance ${means.join(', ')} not increasing`);
    }
    const tiny = run(hmc({ energy, stepSize: 0.001, numIntegrationSteps: 10 }), [1, -2], 104, 1000);
    assert.ok(meanAcceptanceProbability(tiny) > 0.999);
    // The energy error of leapfrog is O(ε²): at ε = 10⁻³ every |ΔH| is below 10⁻⁴.
    assert.ok(tiny.every((info) => Math.abs(info.energyError) < 1e-4 && info.accepted));
  });

  it('reports divergences when the step exceeds the stability limit, and none below it', () => {
    const unstable = run(hmc({ energy, stepSize: 2.5, numIntegrationSteps: 20 }), [1, -2], 105, 50);
    assert.equal(countDivergences(unstable), 50);
    assert.ok(
      unstable.every((info) => !info.accepted && info.energyError > 1000 && info.acceptanceProbability === 0),
    );
    const stable = run(hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8 }), [1, -2], 105, 200);
    assert.equal(countDivergences(stable), 0);
    assert.ok(stable.every((info) => info.gradientEvaluations === 8 && info.numIntegrationSteps === 8));
  });

  it('stops a trajectory that blows up to a non-finite energy, and rejects it', () => {
    // U = x⁴ overflows within a few steps of size 1 from x = 100.
    const quartic = {
      name: 'quartic',
      dimension: 1,
      energy: (x: Float64Array) => x[0] ** 4,
      energyAndGradient(x: Float64Array, g: Float64Array) {
        g[0] = 4 * x[0] ** 3;
        return x[0] ** 4;
      },
    };
    const [info] = run(hmc({ energy: quartic, stepSize: 1, numIntegrationSteps: 50 }), [100], 106, 1);
    assert.ok(info.divergent && !info.accepted);
    assert.ok(info.numIntegrationSteps < 50, `took ${info.numIntegrationSteps} steps`);
    assert.equal(info.energyError, Number.POSITIVE_INFINITY);
  });

  it('is a pure function of key and state: same key, same step; states are never mutated', () => {
    const state = sampler.init([0.5, -1.5]);
    const before = state.position.slice();
    const [a, infoA] = sampler.step(makeKey(7), state);
    const [b, infoB] = sampler.step(makeKey(7), state);
    assert.deepEqual(Array.from(a.position), Array.from(b.position));
    assert.deepEqual(infoA, infoB);
    assert.deepEqual(Array.from(state.position), Array.from(before));
    const [c] = sampler.step(makeKey(8), state);
    assert.notDeepEqual(Array.from(c.position), Array.from(a.position));
    if (infoA.accepted) assert.notEqual(a.position, state.position);
  });

  it('names the parameter and its range on bad input', () => {
    assert.throws(
      () => hmc({ energy, stepSize: 0, numIntegrationSteps: 5 }),
      /hmc: stepSize must be a finite number > 0/,
    );
    assert.throws(
      () => hmc({ energy, stepSize: 0.1, numIntegrationSteps: 1.5 }),
      /numIntegrationSteps must be an integer ≥ 1/,
    );
    assert.throws(
      () => hmc({ energy, stepSize: 0.1, numIntegrationSteps: 5, inverseMassDiagonal: [1] }),
      /inverseMassDiagonal must have length 2/,
    );
    assert.throws(
      () => hmc({ energy, stepSize: 0.1, numIntegrationSteps: 5, inverseMassDiagonal: [1, -1] }),
      /inverseMassDiagonal\[1\] must be a finite number > 0/,
    );
    assert.throws(
      () => hmc({ energy, stepSize: 0.1, numIntegrationSteps: 5, temperature: 0 }),
      /temperature must be a finite number > 0/,
    );
    assert.throws(() => sampler.init([1, 2, 3]), /position must have length 2/);
  });
});
