/**
 * AIS against the exact log Z of small RBMs (12 × 10 Bernoulli, trained so that the weights are
 * not trivial; 6 × 8 Gaussian), and the honesty of its error bar over repetitions.
 *
 * False-failure rates: each single-run check allows 4 standard errors (two-sided normal tail
 * 6·10⁻⁵; the estimator is close to normal at ESS ≈ M). The repetition check draws 40
 * independent runs; with honest error bars the RMS z-score is about 1 (its sampling spread at
 * n = 40 is ±0.11), so requiring 0.7 < RMS z < 1.4 fails by chance with probability < 10⁻³,
 * while an error bar off by a factor 1.5 either way is caught.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  annealingLadder,
  baseRateVisibleBias,
  createRbm,
  RbmTrainer,
  rbmAnnealedImportanceSampling,
  rbmLogPartitionFunction,
} from '../../../src/models/rbm/index.js';
import { noisyPrototypes, randomRbm } from './helpers.js';

const data = noisyPrototypes(12, 60, 40);
const rbm = createRbm({ visibleCount: 12, hiddenCount: 10, key: makeKey(41), weightScale: 0.1 });
new RbmTrainer(rbm, data, { learningRate: 0.2, batchSize: 10, key: makeKey(42) }).train(40);
const exact = rbmLogPartitionFunction(rbm);
const base = baseRateVisibleBias(data, 12);

describe('rbmAnnealedImportanceSampling', () => {
  it('is trained to non-trivial weights (so AIS has work to do)', () => {
    let largest = 0;
    for (const w of rbm.weights) largest = Math.max(largest, Math.abs(w));
    assert.ok(largest > 1, `largest |w| = ${largest}`);
  });

  it('matches the exact log Z of a 12 × 10 RBM within 4 standard errors', () => {
    const ais = rbmAnnealedImportanceSampling({
      rbm,
      chains: 100,
      steps: 1000,
      key: makeKey(43),
      baseVisibleBias: base,
    });
    const z = (ais.logPartitionFunction - exact) / ais.standardError;
    assert.ok(Math.abs(z) < 4, `AIS ${ais.logPartitionFunction} ± ${ais.standardError}, exact ${exact}`);
    assert.ok(ais.standardError < 0.02, `standard error ${ais.standardError}`);
    assert.ok(ais.logPartitionFunctionLower < exact && exact < ais.logPartitionFunctionUpper);
    assert.ok(ais.effectiveSampleSize > 50);
    assert.equal(ais.inverseTemperatures.length, 1001);
  });

  it('has honest error bars over 40 repetitions (RMS z-score near 1)', () => {
    const scores: number[] = [];
    for (let r = 0; r < 40; r++) {
      const ais = rbmAnnealedImportanceSampling({
        rbm,
        chains: 20,
        steps: 50,
        key: fold(makeKey(44), r),
        baseVisibleBias: base,
        schedule: 'linear',
      });
      scores.push((ais.logPartitionFunction - exact) / ais.standardError);
    }
    const rms = Math.sqrt(scores.reduce((sum, z) => sum + z * z, 0) / scores.length);
    assert.ok(rms > 0.7 && rms < 1.4, `RMS z = ${rms}; z = ${scores.map((z) => z.toFixed(2)).join(' ')}`);
  });

  it('matches the exact log Z of a Gaussian–Bernoulli RBM (base N(b, I))', () => {
    const gaussian = randomRbm(6, 8, 45, 0.4, 'gaussian');
    const truth = rbmLogPartitionFunction(gaussian);
    const ais = rbmAnnealedImportanceSampling({ rbm: gaussian, chains: 60, steps: 1000, key: makeKey(46) });
    const z = (ais.logPartitionFunction - truth) / ais.standardError;
    assert.ok(Math.abs(z) < 4, `AIS ${ais.logPartitionFunction} ± ${ais.standardError}, exact ${truth}`);
    assert.ok(ais.standardError < 0.06, `standard error ${ais.standardError}`);
  });

  it('builds the ladders: linear, and the Salakhutdinov–Murray proportions', () => {
    assert.deepEqual(Array.from(annealingLadder(4, 'linear')), [0, 0.25, 0.5, 0.75, 1]);
    const ladder = annealingLadder(14500, 'salakhutdinov-murray');
    assert.equal(ladder[500], 0.5);
    assert.ok(Math.abs(ladder[4500] - 0.9) < 1e-12);
    assert.equal(ladder[14500], 1);
    for (let k = 1; k < ladder.length; k++) assert.ok(ladder[k] > ladder[k - 1]);
  });

  it('rejects bad options, naming them', () => {
    const key = makeKey(47);
    assert.throws(
      () => rbmAnnealedImportanceSampling({ rbm, chains: 1, key }),
      /chains must be an integer in \[2/,
    );
    assert.throws(
      () => rbmAnnealedImportanceSampling({ rbm, chains: 4, key, schedule: [0, 0.7, 0.5, 1] }),
      /schedule must increase strictly/,
    );
    assert.throws(
      () => rbmAnnealedImportanceSampling({ rbm, chains: 4, key, baseVisibleBias: [1, 2] }),
      /baseVisibleBias must have 12 entries/,
    );
  });
});
