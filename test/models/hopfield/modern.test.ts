import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, normal } from '../../../src/core/random/index.js';
import {
  continuousEnergy,
  continuousHopfield,
  continuousRecall,
  continuousUpdate,
  continuousUpdateBatch,
  corruptPattern,
  denseAssociativeMemory,
  denseEnergy,
  denseRecall,
  measureCapacity,
  patternSeparation,
  randomPatterns,
  recall,
  retrievalTrial,
  storePatterns,
  withBeta,
} from '../../../src/models/hopfield/index.js';

describe('dense associative memory', () => {
  const size = 100;
  const count = 50; // α = 0.5, more than three times the classical 0.138
  const patterns = randomPatterns(makeKey(41), count, size);

  it('with F(x) = x³ retrieves all of 50 patterns at N = 100, where Hebb retrieves none', () => {
    const memory = denseAssociativeMemory(patterns, { interaction: { kind: 'polynomial', degree: 3 } });
    const hebb = storePatterns(patterns);
    let dense = 0;
    let classical = 0;
    for (let mu = 0; mu < count; mu++) {
      const probe = corruptPattern(fold(makeKey(42), mu), patterns[mu], 0.1);
      const result = denseRecall(memory, probe, { key: fold(makeKey(43), mu) });
      if (result.finalOverlaps[mu] === 1) dense++;
      // Energy never increases along the asynchronous dynamics.
      for (let k = 1; k < result.energies.length; k++)
        assert.ok(result.energies[k] <= result.energies[k - 1]);
      const hebbian = recall(hebb, probe, { key: fold(makeKey(43), mu), recordTrajectory: false });
      if (hebbian.finalOverlaps[mu] >= 0.95) classical++;
    }
    assert.equal(dense, count);
    assert.ok(classical <= 2, `Hebb retrieved ${classical} of ${count}`);
  });

  it('with F(x) = x² follows exactly the classical Hebbian dynamics (with the self-term constant)', () => {
    const few = patterns.slice(0, 8);
    const memory = denseAssociativeMemory(few, { interaction: { kind: 'polynomial', degree: 2 } });
    const hebb = storePatterns(few);
    for (let b = 0; b < 5; b++) {
      const probe = corruptPattern(fold(makeKey(44), b), few[b], 0.3);
      const dense = denseRecall(memory, probe, { order: 'sequential' });
      const classical = recall(hebb, probe, { order: 'sequential' });
      assert.deepEqual([...dense.state], [...classical.state]);
      assert.equal(dense.steps, classical.steps);
      // −Σ_μ (ξ^μ·σ)² = 2N·E_Hebb − P·N, up to the float32 rounding of the weights k/N
      // (≤ 3e-9 each, so ≤ ½·N²·3e-9 in E_Hebb and 2N times that here: 3e-3).
      const expected = 2 * size * classical.energy - few.length * size;
      assert.ok(Math.abs(denseEnergy(memory, dense.state) - expected) < 3e-3);
    }
  });

  it('with F(x) = eˣ retrieves even where e^{ξ·σ} overflows (N = 1000)', () => {
    const big = randomPatterns(makeKey(45), 200, 1000);
    const memory = denseAssociativeMemory(big, { interaction: { kind: 'exponential' } });
    assert.equal(denseEnergy(memory, big[0]), Number.NEGATIVE_INFINITY);
    for (const mu of [0, 77, 199]) {
      const probe = corruptPattern(fold(makeKey(46), mu), big[mu], 0.3);
      const result = denseRecall(memory, probe, { key: makeKey(47), recordTrajectory: false });
      assert.equal(result.finalOverlaps[mu], 1);
      assert.equal(result.converged, true);
    }
    const memory5 = denseAssociativeMemory(patterns, { interaction: { kind: 'exponential' } });
    const result = denseRecall(memory5, corruptPattern(makeKey(48), patterns[3], 0.2), { key: makeKey(49) });
    assert.equal(result.finalOverlaps[3], 1);
  });

  it('checks its options', () => {
    assert.throws(
      () => denseAssociativeMemory(patterns, { interaction: { kind: 'polynomial', degree: 1 } }),
      /interaction.degree must be an integer in \[2, 30\]/,
    );
    assert.throws(
      () => denseAssociativeMemory(patterns, { interaction: { kind: 'cubic' } as never }),
      /interaction.kind/,
    );
    const memory = denseAssociativeMemory(patterns, { interaction: { kind: 'exponential' } });
    assert.throws(() => denseRecall(memory, patterns[0]), /key is required for random order/);
  });
});

describe('continuous modern Hopfield network', () => {
  const dimension = 64;
  const count = 20;
  const patterns = randomPatterns(makeKey(51), count, dimension);

  it('retrieves a pattern in one update from 20% corruption at large β (error < 1e-6)', () => {
    const network = continuousHopfield(patterns, { beta: 1 });
    for (const mu of [0, 7, 19]) {
      const probe = corruptPattern(fold(makeKey(52), mu), patterns[mu], 0.2);
      const updated = continuousUpdate(network, probe);
      let error = 0;
      for (let i = 0; i < dimension; i++) error = Math.max(error, Math.abs(updated[i] - patterns[mu][i]));
      assert.ok(error < 1e-6, `pattern ${mu}: error ${error}`);
      const recalled = continuousRecall(network, probe);
      assert.equal(recalled.nearestPattern, mu);
      assert.ok(recalled.steps <= 3);
      assert.ok(recalled.attention[mu] > 1 - 1e-6);
    }
    // The separation is well above the Ramsauer et al. one-step bound at β = 1.
    const bound = 2 / count + Math.log(2 * (count - 1) * count * dimension);
    assert.ok(patternSeparation(network, 0) > bound, `Δ = ${patternSeparation(network, 0)}, bound ${bound}`);
  });

  it('returns the mean of the patterns at β = 0, and nearly so at small β (a metastable average)', () => {
    const network = continuousHopfield(patterns, { beta: 0 });
    const probe = corruptPattern(makeKey(53), patterns[0], 0.2);
    const updated = continuousUpdate(network, probe);
    const small = continuousUpdate(withBeta(network, 1e-4), probe);
    for (let i = 0; i < dimension; i++) {
      let mean = 0;
      for (const pattern of patterns) mean += pattern[i] / count;
      assert.ok(Math.abs(updated[i] - mean) < 1e-14);
      // |ξ·x| ≤ 64 and β = 1e-4: the weights differ from uniform by at most about 2·64·1e-4.
      assert.ok(Math.abs(small[i] - mean) < 0.02);
    }
    const metastable = continuousRecall(withBeta(network, 1e-3), probe);
    assert.equal(metastable.converged, true);
    assert.ok(Math.max(...metastable.attention) < 0.1, 'no pattern dominates at small β');
  });

  it('never increases E, whose formula matches a direct evaluation', () => {
    const gaussian = Array.from({ length: 12 }, (_, mu) => normal(fold(makeKey(54), mu), 16));
    const network = continuousHopfield(gaussian, { beta: 0.7 });
    const start = normal(makeKey(55), 16);
    const result = continuousRecall(network, start, { maxSteps: 50 });
    for (let k = 1; k < result.energies.length; k++)
      assert.ok(result.energies[k] <= result.energies[k - 1] + 1e-12);
    // E = −β⁻¹ log Σ exp(β x_μ·ξ) + ½ξ·ξ + β⁻¹ log P + ½M², evaluated naively.
    let sum = 0;
    let largest = 0;
    for (const x of gaussian) {
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < 16; i++) {
        dot += x[i] * start[i];
        norm += x[i] * x[i];
      }
      sum += Math.exp(0.7 * dot);
      largest = Math.max(largest, norm);
    }
    const square = start.reduce((a, v) => a + v * v, 0);
    const expected = -Math.log(sum) / 0.7 + 0.5 * square + Math.log(12) / 0.7 + 0.5 * largest;
    assert.ok(Math.abs(continuousEnergy(network, start) - expected) < 1e-10);
    assert.ok(continuousEnergy(network, start) >= 0);
  });

  it('updates a batch of states as it updates each one', () => {
    const network = continuousHopfield(patterns, { beta: 0.2 });
    const states = normal(makeKey(56), 3 * dimension);
    const batch = continuousUpdateBatch(network, states, 3);
    for (let r = 0; r < 3; r++) {
      const single = continuousUpdate(network, states.subarray(r * dimension, (r + 1) * dimension));
      for (let i = 0; i < dimension; i++)
        assert.ok(Math.abs(batch.states[r * dimension + i] - single[i]) < 1e-14);
    }
  });
});

describe('capacity of the three memories', () => {
  it('orders classical < dense (n = 3) < continuous at N = 100', () => {
    const settings = { size: 100, key: makeKey(61), probes: 10 };
    const classical = measureCapacity({ ...settings, kind: 'classical' });
    const dense = measureCapacity({ ...settings, kind: 'dense', maxPatterns: 256 });
    const continuous = measureCapacity({ ...settings, kind: 'continuous', maxPatterns: 256 });
    // Classical: about 0.14 N at this size; dense with n = 3 several times N; continuous beyond 256.
    assert.ok(classical.capacity >= 8 && classical.capacity <= 20, `classical ${classical.capacity}`);
    assert.equal(dense.reachedLimit, true, `dense ${dense.capacity}`);
    assert.equal(continuous.reachedLimit, true);
    assert.equal(classical.reachedLimit, false);
    // The trials bracket the boundary: P = capacity passes, capacity + 1 fails.
    const next = classical.trials.find((t) => t.patternCount === classical.capacity + 1);
    assert.ok(next !== undefined && next.retrievedFraction < 0.9);
  });

  it('reports one trial with its error bar', () => {
    const trial = retrievalTrial({ kind: 'classical', size: 200, patternCount: 10, key: makeKey(62) });
    assert.equal(trial.meanOverlap, 1);
    assert.equal(trial.standardError, 0);
    assert.equal(trial.retrievedFraction, 1);
    assert.equal(trial.overlaps.length, 10);
    assert.throws(
      () => retrievalTrial({ kind: 'quantum' as never, size: 10, patternCount: 2, key: makeKey(1) }),
      /kind/,
    );
  });
});
