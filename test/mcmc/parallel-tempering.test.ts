import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, portableExp } from '../../src/core/random/index.js';
import {
  geometricLadder,
  mala,
  type ParallelTemperingState,
  parallelTempering,
  randomWalkMetropolis,
  sampleChain,
} from '../../src/mcmc/index.js';
import {
  autocorrelationTime,
  kolmogorovSmirnovTest,
  meanZScore,
  P_THRESHOLD,
  thinSeries,
  Z_LIMIT,
} from './helpers.js';

/** A symmetric double well U = 16(x² − 1)²: a barrier of 16 kT at T = 1 (crossing rate ~e⁻¹⁶). */
const BARRIER = 16;
const doubleWell = { dimension: 1, energy: (x: Float64Array) => BARRIER * (x[0] * x[0] - 1) ** 2 };
const LADDER = geometricLadder(1, 20, 7);
const STEP_SIZES = Array.from(LADDER, (t) => 0.35 * Math.sqrt(t));
const SAMPLES = 10_000;

/** The CDF of |x| under exp(−U/T), by Simpson's rule on a fine grid (the exact reference). */
function absoluteValueCdf(temperature: number): (r: number) => number {
  const top = 2.2;
  const cells = 4400;
  const h = top / cells;
  const density = (x: number) => Math.exp(-(BARRIER * (x * x - 1) ** 2) / temperature);
  const cumulative = new Float64Array(cells + 1);
  for (let i = 0; i < cells; i++) {
    const a = i * h;
    cumulative[i + 1] = cumulative[i] + (h / 6) * (density(a) + 4 * density(a + h / 2) + density(a + h));
  }
  const total = cumulative[cells];
  return (r) => {
    if (r >= top) return 1;
    const i = Math.floor(r / h);
    return (cumulative[i] + (cumulative[i + 1] - cumulative[i]) * ((r - i * h) / h)) / total;
  };
}

/** Fraction of samples in the right well, and its z-score against ½ (autocorrelation-aware). */
function rightWellOccupancy(samples: Float64Array): { fraction: number; z: number } {
  const right = samples.map((x) => (x > 0 ? 1 : 0));
  let count = 0;
  for (const v of right) count += v;
  const fraction = count / right.length;
  return { fraction, z: meanZScore(right, 0.5, 0.25) };
}

describe('parallelTempering', () => {
  const sampler = parallelTempering({ energy: doubleWell, temperatures: LADDER, stepSize: STEP_SIZES });

  it('the coldest replica visits both wells equally and samples exp(−U/T₀) within a well', () => {
    const result = sampleChain(sampler, [1], makeKey(5), { numSamples: SAMPLES, burnIn: 500 });
    const { fraction, z } = rightWellOccupancy(result.samples);
    assert.ok(Math.abs(z) <= Z_LIMIT, `occupancy ${fraction}, z = ${z}`);
    let crossings = 0;
    for (let s = 1; s < SAMPLES; s++) if (result.samples[s] * result.samples[s - 1] < 0) crossings++;
    assert.ok(crossings > 200, `${crossings} crossings`);
    // |x| is indifferent to the well, so it mixes fast: KS against the exact law by quadrature.
    const magnitude = result.samples.map(Math.abs);
    const thin = Math.ceil(3 * autocorrelationTime(magnitude));
    const ks = kolmogorovSmirnovTest(thinSeries(magnitude, thin), absoluteValueCdf(1));
    assert.ok(ks.pValue > P_THRESHOLD, `KS p = ${ks.pValue}`);
    // Sensitivity of the same KS test: the law at T = 2 is rejected.
    assert.ok(kolmogorovSmirnovTest(thinSeries(magnitude, thin), absoluteValueCdf(2)).pValue < P_THRESHOLD);
  });

  it('negative control: plain random-walk Metropolis at T₀, same number of moves, stays in its well', () => {
    const plain = randomWalkMetropolis({ energy: doubleWell, stepSize: STEP_SIZES[0] });
    const result = sampleChain(plain, [1], makeKey(5), { numSamples: SAMPLES * LADDER.length, burnIn: 500 });
    const { fraction, z } = rightWellOccupancy(result.samples);
    assert.ok(Math.abs(z) > Z_LIMIT, `occupancy ${fraction}, z = ${z}`);
    assert.equal(fraction, 1);
  });

  it('takes any base sampler: MALA replicas also equalise the wells', () => {
    const differentiable = {
      ...doubleWell,
      energyAndGradient(x: Float64Array, g: Float64Array) {
        g[0] = 4 * BARRIER * x[0] * (x[0] * x[0] - 1);
        return doubleWell.energy(x);
      },
    };
    const withMala = parallelTempering({
      energy: doubleWell,
      temperatures: LADDER,
      baseSampler: (temperature) =>
        mala({ energy: differentiable, stepSize: 0.004 * temperature, temperature }),
    });
    const result = sampleChain(withMala, [1], makeKey(6), { numSamples: 5000, burnIn: 200 });
    const { fraction, z } = rightWellOccupancy(result.samples);
    assert.ok(Math.abs(z) <= Z_LIMIT && fraction > 0.3 && fraction < 0.7, `occupancy ${fraction}, z = ${z}`);
    assert.equal(result.gradientEvaluations, 5200 * LADDER.length);
  });

  it('swap probabilities are min(1, exp((βₖ − βₖ₊₁)(Uₖ − Uₖ₊₁))), on alternating pairs', () => {
    let state = sampler.init([1]);
    const pairs = LADDER.length - 1;
    const accepted = new Float64Array(pairs);
    const attempted = new Float64Array(pairs);
    for (let t = 0; t < 2000; t++) {
      const [next, info] = sampler.step(makeKey(1000 + t), state);
      for (let k = 0; k < pairs; k++) {
        assert.equal(info.swapAttempted[k], (k + t) % 2 === 0 ? 1 : 0, `step ${t}, pair ${k}`);
        if (!info.swapAttempted[k]) {
          assert.ok(Number.isNaN(info.swapAcceptanceProbabilities[k]));
          continue;
        }
        attempted[k]++;
        accepted[k] += info.swapAccepted[k];
        // Energies before the swap (attempted pairs are disjoint, so this undoes it exactly).
        const swapped = info.swapAccepted[k] === 1;
        const lower = (swapped ? next.replicas[k + 1] : next.replicas[k]).energy;
        const upper = (swapped ? next.replicas[k] : next.replicas[k + 1]).energy;
        const logRatio = (1 / LADDER[k] - 1 / LADDER[k + 1]) * (lower - upper);
        assert.equal(info.swapAcceptanceProbabilities[k], logRatio >= 0 ? 1 : portableExp(logRatio));
      }
      // Labels stay a permutation and follow the configurations.
      assert.deepEqual(
        Array.from(next.replicaAtTemperature).sort((a, b) => a - b),
        Array.from({ length: LADDER.length }, (_, k) => k),
      );
      assert.equal(next.position, next.replicas[0].position);
      state = next;
    }
    for (let k = 0; k < pairs; k++) {
      const rate = accepted[k] / attempted[k];
      assert.ok(rate > 0.2 && rate < 1, `pair ${k}: swap rate ${rate}`);
    }
  });

  it('swaps only every `swapEvery` steps, and replicas can start apart', () => {
    const slow = parallelTempering({ energy: doubleWell, temperatures: [1, 1], stepSize: 0.3, swapEvery: 3 });
    let state: ParallelTemperingState = slow.initReplicas([[-1], [1]]);
    for (let t = 1; t <= 9; t++) {
      const [next, info] = slow.step(makeKey(t), state);
      const swapRound = t % 3 === 0;
      const round = t / 3 - 1;
      assert.equal(info.swapAttempted[0], swapRound && round % 2 === 0 ? 1 : 0, `step ${t}`);
      if (info.swapAttempted[0]) {
        // Equal temperatures: a swap is always accepted.
        assert.equal(info.swapAcceptanceProbabilities[0], 1);
        assert.deepEqual(
          Array.from(next.replicaAtTemperature),
          Array.from(state.replicaAtTemperature).reverse(),
        );
      }
      state = next;
    }
  });

  it('geometricLadder: equal ratios from minimum to maximum', () => {
    const ladder = geometricLadder(0.5, 8, 5);
    assert.deepEqual(Array.from(ladder), [0.5, 1, 2, 4, 8]);
    assert.deepEqual(Array.from(geometricLadder(2, 2, 1)), [2]);
    assert.throws(() => geometricLadder(2, 1, 3), /maximum must be ≥ minimum/);
    assert.throws(() => geometricLadder(0, 1, 3), /minimum must be a finite number > 0/);
    assert.throws(() => geometricLadder(1, 2, 1), /count must be ≥ 2/);
  });

  it('rejects bad options with messages naming the parameter', () => {
    assert.throws(
      () => parallelTempering({ energy: doubleWell, temperatures: [] }),
      /temperatures must be a non-empty/,
    );
    assert.throws(
      () => parallelTempering({ energy: doubleWell, temperatures: [2, 1], stepSize: 1 }),
      /temperatures must be non-decreasing/,
    );
    assert.throws(
      () => parallelTempering({ energy: doubleWell, temperatures: [1, 2] }),
      /stepSize is required/,
    );
    assert.throws(
      () => parallelTempering({ energy: doubleWell, temperatures: [1, 2], stepSize: [1] }),
      /one entry per temperature \(2\)/,
    );
    assert.throws(
      () => parallelTempering({ energy: doubleWell, temperatures: [1, 2], stepSize: 1, swapEvery: 0 }),
      /swapEvery must be an integer ≥ 1/,
    );
    assert.throws(() => sampler.initReplicas([[1]]), /one position per temperature \(7\)/);
  });
});
