import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fold, makeKey, RandomStream } from '../../../src/core/random/index.js';
import {
  asynchronousSweep,
  corruptPattern,
  hammingDistance,
  hopfieldEnergy,
  hopfieldNetwork,
  neuronState,
  neuronStateEnergy,
  randomPatterns,
  recall,
  recallBatch,
  storePatterns,
} from '../../../src/models/hopfield/index.js';

describe('recall in the classical network', () => {
  const patterns = randomPatterns(makeKey(21), 10, 200);
  const network = storePatterns(patterns);

  it('retrieves every pattern exactly from 10% corruption at N = 200, P = 10 (both modes)', () => {
    for (let mu = 0; mu < patterns.length; mu++) {
      const probe = corruptPattern(fold(makeKey(22), mu), patterns[mu], 0.1);
      const asynchronous = recall(network, probe, { key: fold(makeKey(23), mu) });
      assert.equal(asynchronous.finalOverlaps[mu], 1, `pattern ${mu}, asynchronous`);
      assert.equal(asynchronous.converged, true);
      assert.equal(asynchronous.classification?.kind, 'retrieved');
      assert.deepEqual(asynchronous.classification?.patternIndices, [mu]);
      const synchronous = recall(network, probe, { mode: 'synchronous' });
      assert.equal(synchronous.finalOverlaps[mu], 1, `pattern ${mu}, synchronous`);
      assert.equal(synchronous.cycleLength, 1);
      // The trajectory: energies and overlaps at every step, the energy of the final state.
      assert.equal(asynchronous.energies.length, asynchronous.steps + 1);
      assert.equal(asynchronous.overlaps.length, asynchronous.steps + 1);
      assert.equal(asynchronous.overlaps[0][mu], 0.8);
      assert.ok(Math.abs(asynchronous.energy - hopfieldEnergy(network, patterns[mu])) < 1e-9);
      assert.equal(asynchronous.updates, 200 * asynchronous.steps);
    }
  });

  it('never increases the energy under asynchronous updates (property test)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 24 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (size, seed, thresholdScale) => {
          // Random symmetric weights with zero diagonal, random thresholds, a random state.
          const stream = new RandomStream(makeKey(seed));
          const weights = new Float32Array(size * size);
          for (let i = 0; i < size; i++) {
            for (let j = i + 1; j < size; j++)
              weights[i * size + j] = weights[j * size + i] = stream.nextNormal();
          }
          const thresholds = Array.from({ length: size }, () => thresholdScale * stream.nextNormal());
          const net = hopfieldNetwork({ weights, thresholds });
          const state = neuronState(
            net,
            Array.from({ length: size }, () => (stream.nextUniform() < 0.5 ? 1 : -1)),
          );
          let energy = neuronStateEnergy(net, state);
          for (let sweep = 0; sweep < 20; sweep++) {
            const flips = asynchronousSweep(net, state, stream);
            const next = neuronStateEnergy(net, state);
            if (next > energy + 1e-9 * (1 + Math.abs(energy))) return false;
            // The incrementally updated fields agree with a fresh product.
            if (Math.abs(next - hopfieldEnergy(net, state.spins)) > 1e-9 * (1 + Math.abs(next))) return false;
            energy = next;
            if (flips === 0) break;
          }
          return true;
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('synchronous dynamics can end in a 2-cycle', () => {
    // Two neurons that want to disagree: (+,+) → (−,−) → (+,+) under parallel updates,
    // while one asynchronous update settles them into (+,−) or (−,+).
    const net = hopfieldNetwork({ weights: [0, -1, -1, 0] });
    const synchronous = recall(net, [1, 1], { mode: 'synchronous' });
    assert.equal(synchronous.cycleLength, 2);
    assert.equal(synchronous.converged, false);
    assert.deepEqual(synchronous.flips, [2, 2]);
    const asynchronous = recall(net, [1, 1], { order: 'sequential' });
    assert.equal(asynchronous.cycleLength, 1);
    assert.deepEqual([...asynchronous.state], [-1, 1]);
    assert.ok(asynchronous.energy < synchronous.energy);
  });

  it('gives the same trajectories with dense and incremental fields, alone or batched', () => {
    const many = randomPatterns(makeKey(24), 60, 300);
    const net = storePatterns(many);
    // 30% corruption at α = 0.2: some probes settle, some cycle, some wander — every path is exercised.
    const probes = Array.from({ length: 8 }, (_, b) => corruptPattern(fold(makeKey(25), b), many[b], 0.3));
    const dense = recallBatch(net, probes, { mode: 'synchronous', fieldUpdate: 'dense' });
    const incremental = recallBatch(net, probes, { mode: 'synchronous', fieldUpdate: 'incremental' });
    const automatic = recallBatch(net, probes, { mode: 'synchronous' });
    const cycles = new Set(dense.map((r) => r.cycleLength));
    assert.ok(cycles.has(1) && cycles.has(2), `cycle lengths seen: ${[...cycles]}`);
    probes.forEach((probe, b) => {
      const single = recall(net, probe, { mode: 'synchronous', fieldUpdate: 'dense' });
      for (const other of [incremental[b], automatic[b], single]) {
        assert.equal(other.steps, dense[b].steps);
        assert.equal(other.cycleLength, dense[b].cycleLength);
        assert.equal(hammingDistance(other.state, dense[b].state), 0);
        // Sums of float32 weights k/N in float64 are exact here, so the energies agree exactly.
        assert.deepEqual(other.energies, dense[b].energies);
      }
    });
  });

  it('Glauber dynamics samples the Boltzmann distribution of a small network (χ² test)', () => {
    const size = 4;
    const stream = new RandomStream(makeKey(26));
    const weights = new Float32Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++)
        weights[i * size + j] = weights[j * size + i] = 0.6 * stream.nextNormal();
    }
    const net = hopfieldNetwork({ weights, thresholds: [0.3, -0.2, 0.1, 0] });
    const temperature = 1.5;
    const weightsOfStates = Array.from({ length: 16 }, (_, code) => {
      const s = Array.from({ length: size }, (_, i) => ((code >> i) & 1 ? 1 : -1));
      return Math.exp(-hopfieldEnergy(net, s) / temperature);
    });
    const total = weightsOfStates.reduce((a, b) => a + b, 0);
    const counts = new Float64Array(16);
    const state = neuronState(net, [1, 1, 1, 1]);
    const sweeps = 20_000;
    for (let sweep = 0; sweep < sweeps; sweep++) {
      for (let thinning = 0; thinning < 5; thinning++) asynchronousSweep(net, state, stream, temperature);
      let code = 0;
      for (let i = 0; i < size; i++) if (state.spins[i] === 1) code |= 1 << i;
      counts[code]++;
    }
    let chiSquare = 0;
    for (let code = 0; code < 16; code++) {
      const expected = (sweeps * weightsOfStates[code]) / total;
      chiSquare += (counts[code] - expected) ** 2 / expected;
    }
    // 15 degrees of freedom: P(χ² > 37.7) = 0.001 for independent draws. Samples 5 sweeps apart
    // are close to independent here (every sweep resamples all 4 weakly coupled spins).
    assert.ok(chiSquare < 37.7, `χ² = ${chiSquare}`);
  });

  it('checks its options', () => {
    assert.throws(
      () => recall(network, patterns[0]),
      /key is required for asynchronous updates in random order/,
    );
    assert.throws(() => recall(network, patterns[0], { mode: 'parallel' as never }), /mode must be one of/);
    assert.throws(
      () => recall(network, patterns[0], { mode: 'synchronous', maxSteps: 0 }),
      /maxSteps must be an integer in \[1, 1000000\]/,
    );
    assert.throws(
      () => recall(network, patterns[0], { mode: 'synchronous', temperature: 1 }),
      /key is required for temperature > 0/,
    );
    assert.throws(
      () => recall(network, patterns[0].slice(1), { mode: 'synchronous' }),
      /probe must have 200 entries/,
    );
    const asymmetric = hopfieldNetwork({ weights: [0, 1, -1, 0] });
    assert.throws(
      () => recall(asymmetric, [1, 1], { mode: 'synchronous', fieldUpdate: 'incremental' }),
      /needs symmetric weights/,
    );
  });
});
