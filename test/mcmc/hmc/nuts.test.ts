import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, normal, split } from '../../../src/core/random/index.js';
import { countDivergences, integratedAutocorrelationTime } from '../../../src/diagnostics/index.js';
import { gaussianEnergy, randomCovariance } from '../../../src/energies/index.js';
import { leapfrog } from '../../../src/integrators/leapfrog.js';
import { type NutsInfo, noUTurn, nuts, warmup } from '../../../src/mcmc/hmc/index.js';
import { coordinateChains, sampleChains } from '../../../src/mcmc/index.js';
import { momentZScores, P_VALUE_THRESHOLD, Z_THRESHOLD } from '../../core/random/statistics.js';
import { assertMomentsWithinMcse, normalKsPValue, thinned } from './helpers.js';

const standardNormal = gaussianEnergy({ covariance: [[1]] });
/** Central moments m₂ … m₈ of N(0, σ²), for `momentZScores`. */
const normalMoments = (sigma: number) => ({
  mean: 0,
  m: [1, 0, sigma ** 2, 0, 3 * sigma ** 4, 0, 15 * sigma ** 6, 0, 105 * sigma ** 8],
});

/** `steps` NUTS transitions; returns the infos and the visited positions. */
function run(sampler: ReturnType<typeof nuts>, start: number[], seed: number, steps: number) {
  let state = sampler.init(start);
  const infos: NutsInfo[] = [];
  for (let t = 0; t < steps; t++) {
    const [next, info] = sampler.step(fold(makeKey(seed), t), state);
    state = next;
    infos.push(info);
  }
  return { infos, state };
}

describe('nuts', () => {
  it('samples a 1-D Gaussian: KS test on thinned draws', () => {
    const sampler = nuts({ energy: standardNormal, stepSize: 0.4 });
    const result = sampleChains(sampler, [[-2], [0], [2]], makeKey(201), { numSamples: 1000, burnIn: 50 });
    const chains = coordinateChains(result, 0);
    const thin = Math.ceil(3 * integratedAutocorrelationTime(chains));
    const p = normalKsPValue(thinned(chains, thin), 0, 1);
    assert.ok(p > P_VALUE_THRESHOLD, `KS p = ${p}`);
    assert.equal(result.divergences, 0);
  });

  it('leaves N(0, 1) invariant: one step from exact draws is still exactly N(0, 1)', () => {
    // 4000 independent exact draws, one transition each (with a large step, ε = 1.3, so that
    // the multinomial weights and the U-turn checks really matter): the outputs are independent
    // and must again be N(0, 1), so KS and moment z-scores apply exactly.
    const count = 4000;
    const starts = normal(makeKey(202), count);
    const sampler = nuts({ energy: standardNormal, stepSize: 1.3 });
    const moved = new Float64Array(count);
    for (let k = 0; k < count; k++)
      moved[k] = sampler.step(fold(makeKey(203), k), sampler.init([starts[k]]))[0].position[0];
    const p = normalKsPValue(moved, 0, 1);
    assert.ok(p > P_VALUE_THRESHOLD, `KS p = ${p}`);
    for (const z of momentZScores(moved, normalMoments(1))) assert.ok(Math.abs(z) < Z_THRESHOLD, `z = ${z}`);

    // Negative control: the same check catches a kernel that is not invariant, one unadjusted
    // leapfrog step from fresh momentum (variance (1 − ε²/2)² + ε² ≈ 1.5).
    const integrator = leapfrog(standardNormal);
    const momenta = normal(makeKey(204), count);
    const unadjusted = moved.map((_, k) => {
      const state = {
        position: Float64Array.of(starts[k]),
        momentum: Float64Array.of(momenta[k]),
        potentialEnergy: 0,
        gradient: Float64Array.of(starts[k]),
      };
      return integrator.step(state, 1.3).position[0];
    });
    assert.ok(normalKsPValue(unadjusted, 0, 1) < P_VALUE_THRESHOLD);
  });

  it('leaves a correlated 2-D Gaussian invariant with a non-identity metric and T = 2', () => {
    const covariance = [
      [1, 0.8],
      [0.8, 1],
    ];
    const energy = gaussianEnergy({ covariance });
    const hot = gaussianEnergy({ covariance: covariance.map((row) => row.map((v) => 2 * v)) });
    const count = 3000;
    const starts = hot.sample(makeKey(205), count); // exact draws of exp(−U/2)
    const sampler = nuts({ energy, stepSize: 0.7, temperature: 2, inverseMassDiagonal: [2, 0.5] });
    const moved = starts.map((x, k) => sampler.step(fold(makeKey(206), k), sampler.init(x))[0].position);
    for (let i = 0; i < 2; i++) {
      const marginal = Float64Array.from(moved, (x) => x[i]);
      const p = normalKsPValue(marginal, 0, Math.SQRT2);
      assert.ok(p > P_VALUE_THRESHOLD, `coordinate ${i}: KS p = ${p}`);
    }
    // The correlation survives: the sum x₀ + x₁ has variance 2·(1 + 1 + 1.6) = 7.2.
    const sums = Float64Array.from(moved, (x) => x[0] + x[1]);
    for (const z of momentZScores(sums, normalMoments(Math.sqrt(7.2))))
      assert.ok(Math.abs(z) < Z_THRESHOLD, `z = ${z}`);
  });

  it('reproduces the means and variances of a 100-d correlated Gaussian within 5 MCSE', () => {
    // κ = 30, a Haar-random eigenbasis: the diagonal metric cannot undo the correlations.
    const dimension = 100;
    const { covariance } = randomCovariance({ dimension, conditionNumber: 30, key: makeKey(207) });
    const energy = gaussianEnergy({ covariance });
    const [warmupKey, sampleKey, startKey] = split(makeKey(208), 3);
    const tuned = warmup((p) => nuts({ energy, ...p }), normal(startKey, dimension), warmupKey, {
      numSteps: 200,
      energy,
    });
    const sampler = nuts({
      energy,
      stepSize: tuned.stepSize,
      inverseMassDiagonal: tuned.inverseMassDiagonal,
    });
    const result = sampleChains(sampler, [tuned.position, tuned.position], sampleKey, { numSamples: 300 });
    // 200 quantities at 5 MCSE: family-wise false-failure rate about 200 × 5.7e-7 ≈ 1e-4.
    const pairs = Array.from({ length: dimension }, (_, i) => [i, i] as const);
    assertMomentsWithinMcse(
      result,
      new Float64Array(dimension),
      (i, j) => covariance.data[i * dimension + j],
      pairs,
      5,
    );
    assert.equal(result.divergences, 0);
  });

  it('chooses a trajectory length set by the target scale, not by the step size', () => {
    // On N(0, σ²) the U-turn comes after a fraction of a period 2πσ, whatever ε is.
    const length = (sigma: number, stepSize: number) => {
      const energy = gaussianEnergy({ covariance: [[sigma * sigma]] });
      const { infos } = run(nuts({ energy, stepSize }), [0.3 * sigma], 209, 400);
      return (stepSize * infos.reduce((s, info) => s + info.numIntegrationSteps, 0)) / infos.length;
    };
    const coarse = length(1, 0.1);
    const fine = length(1, 0.025);
    assert.ok(coarse > 1 && coarse < 4 && fine > 1 && fine < 4, `lengths ${coarse}, ${fine}`);
    const wide = length(10, 0.25);
    assert.ok(wide / coarse > 6 && wide / coarse < 15, `σ = 10 length ${wide} vs σ = 1 length ${coarse}`);
  });

  it('stops at maxTreeDepth with 2^depth − 1 steps', () => {
    const { infos } = run(nuts({ energy: standardNormal, stepSize: 1e-3, maxTreeDepth: 4 }), [0.5], 210, 20);
    for (const info of infos) {
      assert.equal(info.treeDepth, 4);
      assert.equal(info.numIntegrationSteps, 15);
      assert.equal(info.gradientEvaluations, 15);
      assert.ok(info.acceptanceProbability > 0.999999);
    }
  });

  it('flags divergences and then stays put', () => {
    const energy = gaussianEnergy({
      covariance: [
        [1, 0.8],
        [0.8, 1],
      ],
    });
    // ε = 20 is far beyond leapfrog's stability limit 2·√0.2 ≈ 0.89: the first step's energy
    // error is of order 10⁶, so every tree ends at its first leaf.
    const { infos, state } = run(nuts({ energy, stepSize: 20 }), [1, 1], 211, 30);
    assert.equal(countDivergences(infos), 30);
    for (const info of infos) {
      assert.ok(!info.accepted && info.treeDepth === 0 && info.numIntegrationSteps === 1);
      assert.equal(info.acceptanceProbability, 0);
    }
    assert.deepEqual(Array.from(state.position), [1, 1]);
    const calm = run(nuts({ energy, stepSize: 0.3 }), [1, 1], 211, 200).infos;
    assert.equal(countDivergences(calm), 0);
  });

  it('is a pure function of key and state, and reports a consistent energy', () => {
    const energy = gaussianEnergy({
      covariance: [
        [1, 0.8],
        [0.8, 1],
      ],
    });
    const sampler = nuts({ energy, stepSize: 0.3 });
    const state = sampler.init([0.5, -0.5]);
    const before = state.position.slice();
    const [a, infoA] = sampler.step(makeKey(9), state);
    const [b, infoB] = sampler.step(makeKey(9), state);
    assert.deepEqual(Array.from(a.position), Array.from(b.position));
    assert.deepEqual(infoA, infoB);
    assert.deepEqual(Array.from(state.position), Array.from(before));
    // The new state carries U and ∇U of its position; the Hamiltonian is at least U.
    const g = new Float64Array(2);
    assert.ok(Math.abs(energy.energyAndGradient(a.position, g) - a.energy) < 1e-12);
    assert.deepEqual(Array.from(g), Array.from(a.gradient));
    assert.ok(infoA.energy >= a.energy);
  });

  it('names the parameter and its range on bad input', () => {
    assert.throws(
      () => nuts({ energy: standardNormal, stepSize: -1 }),
      /nuts: stepSize must be a finite number > 0/,
    );
    assert.throws(
      () => nuts({ energy: standardNormal, stepSize: 0.1, maxTreeDepth: 0 }),
      /maxTreeDepth must be an integer in \[1, 30\]/,
    );
    assert.throws(
      () => nuts({ energy: standardNormal, stepSize: 0.1, divergenceThreshold: 0 }),
      /divergenceThreshold/,
    );
    assert.throws(
      () => nuts({ energy: standardNormal, stepSize: 0.1 }).init([Number.NaN]),
      /position\[0\] must be finite/,
    );
  });
});

describe('noUTurn', () => {
  it('holds while both ends move away along ρ and fails once either end turns back', () => {
    const v = (...x: number[]) => Float64Array.from(x);
    const zero = v(0, 0);
    assert.equal(noUTurn(v(1, 0), v(1, 0), v(2, 0), zero), true);
    assert.equal(noUTurn(v(1, 0), v(-1, 0), v(2, 0), zero), false);
    assert.equal(noUTurn(v(-1, 0), v(1, 0), v(2, 0), zero), false);
    // ρ split in two parts is the same as their sum; symmetric in the two ends.
    assert.equal(noUTurn(v(1, 1), v(0.5, 2), v(1, 0), v(0, 1)), noUTurn(v(0.5, 2), v(1, 1), v(1, 1), zero));
    // Orthogonal motion is a U-turn (the strict inequality).
    assert.equal(noUTurn(v(0, 1), v(1, 0), v(1, 0), zero), false);
  });
});
