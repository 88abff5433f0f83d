/**
 * The exact bias of CD-k on a 4 × 3 RBM: the exact gradient agrees with the enumeration of
 * `rbmLogLikelihoodGradient`; the angle and relative difference to it shrink as k grows, and
 * vanish for large k; the expected CD-1 update agrees with a Monte Carlo average of sampled
 * CD-1 statistics (within 5 standard errors per component: a false failure has probability
 * about 6·10⁻⁷ per component, 2·10⁻⁵ over the 19 parameters).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import {
  contrastiveDivergenceBias,
  createRbm,
  hiddenProbabilities,
  RbmTrainer,
  rbmLogLikelihoodGradient,
  sampleHidden,
  sampleVisible,
} from '../../../src/models/rbm/index.js';
import { noisyPrototypes } from './helpers.js';

const data = noisyPrototypes(4, 24, 70, 0.15);
// A toy model trained briefly by CD-1, as in the classic CD-bias experiments.
const rbm = createRbm({ visibleCount: 4, hiddenCount: 3, key: makeKey(71), weightScale: 1 });
new RbmTrainer(rbm, data, { method: 'cd', learningRate: 0.2, batchSize: 8, key: makeKey(72) }).train(300);
const result = contrastiveDivergenceBias(rbm, data, [1, 2, 5, 10, 400]);

describe('contrastiveDivergenceBias', () => {
  it('its gradient equals the enumerated exact gradient', () => {
    const exact = rbmLogLikelihoodGradient(rbm, data);
    for (const part of ['weights', 'visibleBias', 'hiddenBias'] as const) {
      for (let n = 0; n < exact[part].length; n++) {
        assert.ok(Math.abs(result.gradient[part][n] - exact[part][n]) < 1e-12, `${part}[${n}]`);
      }
    }
  });

  it('the bias of CD-k shrinks with k and vanishes for large k', () => {
    const [k1, k2, k5, k10, k400] = result.entries;
    assert.deepEqual(
      result.entries.map((e) => e.gibbsSteps),
      [1, 2, 5, 10, 400],
    );
    assert.ok(k1.angleDegrees > 3, `CD-1 is biased: ${k1.angleDegrees}°`);
    for (const [a, b] of [
      [k1, k2],
      [k2, k5],
      [k5, k10],
    ]) {
      assert.ok(b.angleDegrees < a.angleDegrees, `angle ${a.gibbsSteps} → ${b.gibbsSteps}`);
      assert.ok(b.relativeDifference < a.relativeDifference, `difference ${a.gibbsSteps} → ${b.gibbsSteps}`);
    }
    assert.ok(k400.relativeDifference < 1e-6, `k = 400: ${k400.relativeDifference}`);
  });

  it('the expected CD-1 update matches a Monte Carlo average of sampled CD-1 statistics', () => {
    const samples = 40000;
    const V = 4;
    const H = 3;
    const start = new Float64Array(samples * V);
    for (let s = 0; s < samples; s++) start.set(data.subarray((s % 24) * V, (s % 24) * V + V), s * V);
    const stream = new RandomStream(makeKey(73));
    const reconstruction = sampleVisible(rbm, sampleHidden(rbm, start, stream), stream);
    const positive = hiddenProbabilities(rbm, start);
    const negative = hiddenProbabilities(rbm, reconstruction);
    const expected = result.entries[0].update;
    const check = (name: string, value: (s: number) => number, target: number) => {
      let sum = 0;
      let squares = 0;
      for (let s = 0; s < samples; s++) {
        const x = value(s);
        sum += x;
        squares += x * x;
      }
      const mean = sum / samples;
      const se = Math.sqrt((squares / samples - mean * mean) / samples);
      assert.ok(Math.abs(mean - target) < 5 * se + 1e-12, `${name}: ${mean} ± ${se} vs ${target}`);
    };
    for (let i = 0; i < V; i++) {
      for (let j = 0; j < H; j++) {
        check(
          `W[${i},${j}]`,
          (s) => start[s * V + i] * positive[s * H + j] - reconstruction[s * V + i] * negative[s * H + j],
          expected.weights[i * H + j],
        );
      }
      check(`b[${i}]`, (s) => start[s * V + i] - reconstruction[s * V + i], expected.visibleBias[i]);
    }
    for (let j = 0; j < H; j++) {
      check(`c[${j}]`, (s) => positive[s * H + j] - negative[s * H + j], expected.hiddenBias[j]);
    }
  });

  it('rejects models too large, Gaussian units and non-binary data', () => {
    const big = createRbm({ visibleCount: 13, hiddenCount: 2 });
    assert.throws(() => contrastiveDivergenceBias(big, new Float64Array(13)), /must be ≤ 12/);
    const gaussian = createRbm({ visibleCount: 2, hiddenCount: 2, visibleUnits: 'gaussian' });
    assert.throws(() => contrastiveDivergenceBias(gaussian, [0, 1]), /must be 'bernoulli'/);
    assert.throws(() => contrastiveDivergenceBias(rbm, [0, 0.5, 1, 1]), /data must be 0\/1/);
    assert.throws(() => contrastiveDivergenceBias(rbm, data, [0]), /gibbsSteps/);
  });
});
