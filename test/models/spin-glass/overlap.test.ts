import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import { integratedAutocorrelationTime } from '../../../src/diagnostics/index.js';
import {
  boltzmannProbabilities,
  exactOverlapDistribution,
  overlap,
  overlapStatistics,
  type SpinUpdateRule,
  sampleOverlaps,
  sherringtonKirkpatrick,
} from '../../../src/models/spin-glass/index.js';
import { chiSquareTest } from '../../core/random/statistics.js';
import { P_THRESHOLD, spinsOf, Z_LIMIT } from './helpers.js';

/** P(q) by the plain double sum over all pairs of configurations. */
function pairSumDistribution(probabilities: Float64Array, size: number): Float64Array {
  const result = new Float64Array(size + 1);
  for (let s = 0; s < probabilities.length; s++) {
    const a = spinsOf(s, size);
    for (let t = 0; t < probabilities.length; t++) {
      const q = overlap(a, spinsOf(t, size));
      result[Math.round(((q + 1) * size) / 2)] += probabilities[s] * probabilities[t];
    }
  }
  return result;
}

/**
 * ⌈3τ⌉ for the larger integrated autocorrelation time of q and q², so that the thinned counts
 * are close to independent draws, as Pearson's χ² assumes. Both matter: q² relaxes within a few
 * sweeps, but the sign of q flips only when a replica crosses to the reversed valley (τ ≈ 55
 * sweeps here at T = 0.6, against τ ≈ 1.5 for q²).
 */
function thinning(overlaps: Float64Array): number {
  const tauSquare = integratedAutocorrelationTime([overlaps.map((q) => q * q)], { split: false });
  const tauSign = integratedAutocorrelationTime([overlaps], { split: false });
  return Math.ceil(3 * Math.max(tauSquare, tauSign));
}

/** Counts of each overlap value among every `every`-th entry. */
function overlapCounts(overlaps: Float64Array, size: number, every: number): Float64Array {
  const counts = new Float64Array(size + 1);
  for (let t = 0; t < overlaps.length; t += every) counts[Math.round(((overlaps[t] + 1) * size) / 2)]++;
  return counts;
}

describe('overlap statistics', () => {
  it('computes q, the moments, χ_SG and the Binder ratio', () => {
    assert.equal(overlap([1, -1, 1, 1], [1, 1, 1, -1]), 0);
    const stats = overlapStatistics([1, -1, 1, -1], 4, { blocks: 2 });
    assert.deepEqual([stats.secondMoment, stats.fourthMoment, stats.meanAbsolute], [1, 1, 1]);
    assert.equal(stats.spinGlassSusceptibility, 4);
    assert.equal(stats.binderRatio, 1); // q = ±q_EA exactly: g = 1
    assert.deepEqual(Array.from(stats.probabilities), [0.5, 0, 0, 0, 0.5]);
    assert.throws(() => overlapStatistics([2], 4), /overlaps\[0\] must lie in \[−1, 1\]/);
  });

  it('finds the exact P(q) by Walsh–Hadamard in agreement with the double sum over pairs', () => {
    const system = sherringtonKirkpatrick({ size: 7, key: makeKey(12), fields: 0.1 });
    const exact = exactOverlapDistribution(system, 0.7);
    const direct = pairSumDistribution(boltzmannProbabilities(system, 0.7), 7);
    for (let k = 0; k <= 7; k++) assert.ok(Math.abs(exact.probabilities[k] - direct[k]) < 1e-14);
    assert.ok(Math.abs(exact.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    // High temperature: replicas nearly independent, ⟨q²⟩ → 1/N and g → 0 (up to 1/N corrections).
    const hot = exactOverlapDistribution(sherringtonKirkpatrick({ size: 12, key: makeKey(13) }), 100);
    assert.ok(Math.abs(hot.secondMoment - 1 / 12) < 1e-3);
    assert.ok(Math.abs(hot.binderRatio) < 0.1);
  });
});

describe('sampleOverlaps', () => {
  const size = 6;
  const system = sherringtonKirkpatrick({ size, key: makeKey(14) });
  const temperature = 0.6;
  const exact = exactOverlapDistribution(system, temperature);

  for (const rule of ['metropolis', 'heat-bath'] as SpinUpdateRule[]) {
    it(`samples the exact two-replica P(q) (${rule}, χ² and moments)`, () => {
      const run = sampleOverlaps({
        system,
        temperature,
        sweeps: 40000,
        burnInSweeps: 100,
        rule,
        key: makeKey(15),
      });
      const every = thinning(run.overlaps);
      const test = chiSquareTest(overlapCounts(run.overlaps, size, every), exact.probabilities);
      assert.ok(test.pValue > P_THRESHOLD, `${rule}: χ² p-value ${test.pValue} (every ${every})`);
      const stats = run.statistics;
      for (const name of ['secondMoment', 'fourthMoment', 'meanAbsolute', 'binderRatio'] as const) {
        const z = (stats[name] - exact[name]) / stats.standardErrors[name];
        assert.ok(Math.abs(z) < Z_LIMIT, `${rule} ${name}: ${stats[name]} vs ${exact[name]} (z = ${z})`);
      }
      assert.ok(Math.abs(stats.spinGlassSusceptibility - size * stats.secondMoment) < 1e-12);
    });
  }

  it('rejects a sampler at the wrong temperature (the test can fail)', () => {
    const run = sampleOverlaps({
      system,
      temperature: 0.9,
      sweeps: 40000,
      burnInSweeps: 100,
      key: makeKey(15),
    });
    const test = chiSquareTest(
      overlapCounts(run.overlaps, size, thinning(run.overlaps)),
      exact.probabilities,
    );
    assert.ok(test.pValue < 1e-10, `p-value ${test.pValue}`);
  });

  it('measures every pair of R replicas', () => {
    const run = sampleOverlaps({
      system,
      temperature: 1,
      sweeps: 10,
      burnInSweeps: 0,
      replicas: 4,
      key: makeKey(16),
    });
    assert.equal(run.pairs, 6);
    assert.equal(run.overlaps.length, 60);
    assert.equal(run.energies.length, 4);
    assert.equal(run.overlaps[59], overlap(run.states[2].spins, run.states[3].spins));
    assert.throws(
      () => sampleOverlaps({ system, temperature: 0, sweeps: 10, key: makeKey(1) }),
      /temperature must be a finite number > 0/,
    );
  });
});
