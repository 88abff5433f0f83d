import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import { gaussianEnergy } from '../../../src/energies/index.js';
import { type HmcInfo, type HmcState, hmc } from '../../../src/mcmc/hmc/index.js';
import { sampleChains } from '../../../src/mcmc/index.js';
import type { SamplingAlgorithm } from '../../../src/mcmc/sampler.js';
import { chiSquareTest, P_VALUE_THRESHOLD } from '../../core/random/statistics.js';
import { assertMomentsWithinMcse } from './helpers.js';

// The 2-D correlated Gaussian of hmc.test.ts: principal standard deviations √1.8 and √0.2.
const MEAN = [1, -2];
const COVARIANCE = [
  [1, 0.8],
  [0.8, 1],
];
const energy = gaussianEnergy({ mean: MEAN, covariance: COVARIANCE });

/** `steps` transitions from `start`, step t with key fold(key, t): the infos and the positions. */
function run(algorithm: SamplingAlgorithm<HmcState, HmcInfo>, start: number[], seed: number, steps: number) {
  let state = algorithm.init(start);
  const infos: HmcInfo[] = [];
  const positions: number[] = [];
  for (let t = 0; t < steps; t++) {
    const [next, info] = algorithm.step(fold(makeKey(seed), t), state);
    state = next;
    infos.push(info);
    positions.push(state.position[0]);
  }
  return { infos, positions };
}

describe('hmc with jitterIntegrationSteps', () => {
  it('draws the trajectory length uniformly on 1 … 2L − 1 (χ²), one gradient per step', () => {
    const meanSteps = 5;
    const sampler = hmc({
      energy,
      stepSize: 0.1,
      numIntegrationSteps: meanSteps,
      jitterIntegrationSteps: true,
    });
    const { infos } = run(sampler, [1, -2], 201, 4500);
    // No trajectory blows up at ε = 0.1, so the steps taken are the steps drawn.
    assert.ok(
      infos.every((info) => !info.divergent && info.gradientEvaluations === info.numIntegrationSteps),
    );
    const counts = new Float64Array(2 * meanSteps + 1);
    for (const info of infos) counts[info.numIntegrationSteps]++;
    const uniformOn = (low: number, high: number) =>
      Array.from(counts, (_, k) => (k >= low && k <= high ? 1 / (high - low + 1) : 0));
    // 4500 draws in 9 cells of 500: p > 1e-6 fails a correct sampler once in a million runs.
    const fit = chiSquareTest(counts, uniformOn(1, 2 * meanSteps - 1));
    assert.ok(fit.pValue > P_VALUE_THRESHOLD, `χ² = ${fit.statistic}, p = ${fit.pValue}`);
    assert.ok(counts[1] > 0 && counts[2 * meanSteps - 1] > 0, 'both ends of the range are drawn');
    // The same test rejects the neighbouring law on 1 … 2L (mean L + ½): it has the power to fail.
    assert.ok(chiSquareTest(counts, uniformOn(1, 2 * meanSteps)).pValue < P_VALUE_THRESHOLD);
    const mean = infos.reduce((sum, info) => sum + info.numIntegrationSteps, 0) / infos.length;
    // sd of the mean: √((9² − 1)/12 / 4500) ≈ 0.038; 5 sd.
    assert.ok(Math.abs(mean - meanSteps) < 0.19, `mean length ${mean}`);
  });

  it('still reproduces the mean and covariance of the correlated 2-D Gaussian within 5 MCSE', () => {
    const sampler = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8, jitterIntegrationSteps: true });
    const starts = [
      [3, 0],
      [-1, -4],
      [2, -3],
      [0, -1],
    ];
    const result = sampleChains(sampler, starts, makeKey(202), { numSamples: 1500, burnIn: 100 });
    // Five quantities at 5 MCSE: a false failure about once in 300 000 runs.
    const pairs = [
      [0, 0],
      [0, 1],
      [1, 1],
    ] as const;
    assertMomentsWithinMcse(result, MEAN, (i, j) => COVARIANCE[i][j], pairs, 5);
    assert.equal(result.divergences, 0);
  });

  it('breaks the resonance of a half-period trajectory that a fixed length cannot escape', () => {
    // On N(0, 1) a trajectory of length L·ε = π is half an oscillation: it maps x to about −x
    // whatever the momentum, so a fixed length keeps |x| near its start and never samples.
    const standard = gaussianEnergy({ mean: [0], covariance: [[1]] });
    const options = { energy: standard, stepSize: Math.PI / 20, numIntegrationSteps: 20 };
    const secondMoment = (positions: number[]) => positions.reduce((s, x) => s + x * x, 0) / positions.length;
    const fixed = secondMoment(run(hmc(options), [0.1], 203, 2000).positions);
    const jittered = secondMoment(
      run(hmc({ ...options, jitterIntegrationSteps: true }), [0.1], 203, 2000).positions,
    );
    assert.ok(fixed < 0.2, `fixed length: E[x²] = ${fixed}`);
    // E[x²] = 1; the estimate's sd is 0.06 (measured over 60 seeds), so 0.3 is five of them.
    assert.ok(Math.abs(jittered - 1) < 0.3, `jittered length: E[x²] = ${jittered}`);
  });

  it('is off by default, and a one-step trajectory stays one step', () => {
    const plain = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8 });
    const off = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8, jitterIntegrationSteps: false });
    const a = run(plain, [0.5, -1.5], 204, 50);
    const b = run(off, [0.5, -1.5], 204, 50);
    assert.deepEqual(b.positions, a.positions);
    assert.ok(a.infos.every((info) => info.numIntegrationSteps === 8));
    const single = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 1, jitterIntegrationSteps: true });
    assert.ok(run(single, [0.5, -1.5], 205, 50).infos.every((info) => info.numIntegrationSteps === 1));
  });

  it('is a pure function of key and state, and names a non-boolean option', () => {
    const sampler = hmc({ energy, stepSize: 0.25, numIntegrationSteps: 8, jitterIntegrationSteps: true });
    const state = sampler.init([0.5, -1.5]);
    const [first, firstInfo] = sampler.step(makeKey(9), state);
    const [second, secondInfo] = sampler.step(makeKey(9), state);
    assert.deepEqual(Array.from(second.position), Array.from(first.position));
    assert.deepEqual(secondInfo, firstInfo);
    assert.throws(
      () =>
        hmc({
          energy,
          stepSize: 0.25,
          numIntegrationSteps: 8,
          jitterIntegrationSteps: 1 as unknown as boolean,
        }),
      /hmc: jitterIntegrationSteps must be a boolean, got number/,
    );
  });
});
