import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  agsCriticalPoint,
  agsRetrievalOverlap,
  classifyState,
  erf,
  mixtureState,
  randomPatterns,
  recall,
  storePatterns,
} from '../../../src/models/hopfield/index.js';

describe('AGS replica-symmetric theory', () => {
  it('erf agrees with reference values', () => {
    // Values from Abramowitz & Stegun / mpmath to 16 digits.
    const reference: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3.5, 0.9999992569016276],
      [-1.3, -0.9340079449406524],
    ];
    for (const [x, value] of reference) assert.ok(Math.abs(erf(x) - value) < 2e-15, `erf(${x}) = ${erf(x)}`);
    assert.equal(erf(0), 0);
    assert.equal(erf(7), 1);
  });

  it('finds α_c ≈ 0.1379 with m_c ≈ 0.9674 (about 1.6% of bits wrong)', () => {
    const critical = agsCriticalPoint();
    assert.ok(Math.abs(critical.alpha - 0.1379) < 1e-4, `α_c = ${critical.alpha}`);
    assert.ok(Math.abs(critical.overlap - 0.9674) < 1e-4, `m_c = ${critical.overlap}`);
    assert.ok(Math.abs(critical.errorFraction - 0.0163) < 1e-4);
    assert.equal(agsRetrievalOverlap(critical.alpha - 1e-6).retrieval, true);
    assert.equal(agsRetrievalOverlap(critical.alpha + 1e-6).retrieval, false);
  });

  it('solves y[√(2α) + (2/√π)e^{−y²}] = erf(y) with m decreasing in α', () => {
    let previous = 1;
    for (const alpha of [0.02, 0.05, 0.08, 0.1, 0.12, 0.13, 0.137]) {
      const { y, overlap, retrieval } = agsRetrievalOverlap(alpha);
      assert.equal(retrieval, true);
      const residual = y * (Math.sqrt(2 * alpha) + (2 / Math.sqrt(Math.PI)) * Math.exp(-y * y)) - erf(y);
      assert.ok(Math.abs(residual) < 1e-13, `residual ${residual} at α = ${alpha}`);
      assert.ok(overlap <= previous);
      previous = overlap;
    }
    assert.equal(agsRetrievalOverlap(0).overlap, 1);
    assert.throws(() => agsRetrievalOverlap(-0.1), /alpha must be a finite number in \[0, 10\]/);
  });

  it('predicts the overlap of simulated retrieval states at α = 0.1, N = 1000', () => {
    // Start at each stored pattern and relax asynchronously: the fixed point reached is the
    // retrieval state whose overlap the theory gives (m(0.1) = 0.99800).
    const size = 1000;
    const count = 100;
    const overlaps: number[] = [];
    for (let network = 0; network < 3; network++) {
      const key = fold(makeKey(31), network);
      const patterns = randomPatterns(fold(key, 0), count, size);
      const net = storePatterns(patterns);
      for (let mu = 0; mu < 25; mu++) {
        const result = recall(net, patterns[mu], { key: fold(key, 1 + mu), recordTrajectory: false });
        assert.equal(result.converged, true);
        overlaps.push(result.finalOverlaps[mu]);
      }
    }
    const mean = overlaps.reduce((a, b) => a + b, 0) / overlaps.length;
    const variance = overlaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (overlaps.length - 1);
    const standardError = Math.sqrt(variance / overlaps.length);
    const theory = agsRetrievalOverlap(0.1).overlap;
    // Patterns of one network are nearly independent probes; 4 standard errors leave a false
    // failure rate below 1e-4 for a normal mean. (Measured over 20 networks × 50 patterns:
    // 0.99783 ± 0.00013 against 0.99800, so finite-N bias is below the tolerance.)
    assert.ok(
      Math.abs(mean - theory) < 4 * standardError,
      `simulated ${mean} ± ${standardError}, theory ${theory}`,
    );
    assert.ok(standardError < 0.002, `standard error ${standardError}`);
  });
});

describe('classifyState', () => {
  const patterns = randomPatterns(makeKey(32), 3, 300);

  it('recognizes patterns, reversed patterns, mixtures and spurious states', () => {
    const retrieved = classifyState(patterns, patterns[1]);
    assert.equal(retrieved.kind, 'retrieved');
    assert.deepEqual(retrieved.patternIndices, [1]);
    assert.deepEqual(retrieved.signs, [1]);
    const reversed = classifyState(
      patterns,
      patterns[2].map((v) => -v),
    );
    assert.equal(reversed.kind, 'retrieved');
    assert.deepEqual(reversed.signs, [-1]);
    const mixture = classifyState(patterns, mixtureState(patterns, [0, 1, 2], [1, -1, 1]));
    assert.equal(mixture.kind, 'mixture');
    assert.deepEqual([...mixture.patternIndices].sort(), [0, 1, 2]);
    assert.equal(mixture.overlap, 1);
    // Random states overlap with each pattern by about ±1/√N.
    const [random] = randomPatterns(makeKey(33), 1, 300);
    assert.equal(classifyState(patterns, random).kind, 'spurious');
  });

  it('finds the symmetric 3-mixture to be a fixed point of the Hebbian network at low load', () => {
    // Amit, Gutfreund and Sompolinsky: sign(ξ¹ + ξ² + ξ³) is a stable spurious minimum for small α.
    const net = storePatterns(patterns);
    const start = mixtureState(patterns, [0, 1, 2], [1, 1, 1]);
    const result = recall(net, start, { key: makeKey(34) });
    assert.equal(result.classification?.kind, 'mixture');
    for (const m of result.finalOverlaps) assert.ok(Math.abs(Math.abs(m) - 0.5) < 0.1, `overlap ${m}`);
    // A mixture is a local minimum, above the energy of the retrieval states.
    const stored = recall(net, patterns[0], { key: makeKey(35) });
    assert.ok(stored.energy < result.energy);
  });
});
