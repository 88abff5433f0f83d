import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fold, type Key, makeKey, split, uniform } from '../../src/core/random/index.js';
import { splitRHat } from '../../src/diagnostics/r-hat.js';
import {
  coordinateChains,
  randomWalkMetropolis,
  type SamplerInfo,
  type SamplerState,
  type SamplingAlgorithm,
  sampleChain,
  sampleChains,
} from '../../src/mcmc/index.js';
import { gaussianEnergy } from './helpers.js';

const energy = gaussianEnergy([1, -2], [1, 0.6, 0.6, 2]);
const rwm = randomWalkMetropolis({ energy, stepSize: 1.5 });

/** A scripted sampler: x ← x + u (u uniform from the key), with infos chosen by the step index. */
function scripted(): SamplingAlgorithm<SamplerState & { step: number }, SamplerInfo> {
  return {
    name: 'scripted',
    init: (position) => ({ position: Float64Array.from(position), energy: 0, step: 0 }),
    step(key: Key, state) {
      const u = uniform(key, 1)[0];
      const t = state.step;
      return [
        { position: Float64Array.of(state.position[0] + u), energy: u, step: t + 1 },
        {
          acceptanceProbability: 0.25,
          accepted: t % 4 === 0,
          divergent: t % 10 === 0,
          gradientEvaluations: 3,
        },
      ];
    },
  };
}

describe('sampleChain', () => {
  it('step t uses fold(key, t); sample s is the state after step burnIn + (s + 1)·thin − 1', () => {
    const key = makeKey(42);
    const burnIn = 7;
    const thin = 3;
    const result = sampleChain(rwm, [0, 0], key, { numSamples: 20, burnIn, thin });
    let state = rwm.init([0, 0]);
    for (let t = 0; t < burnIn + 20 * thin; t++) {
      [state] = rwm.step(fold(key, t), state);
      if (t >= burnIn && (t - burnIn + 1) % thin === 0) {
        const s = (t - burnIn + 1) / thin - 1;
        assert.deepEqual(result.samples.subarray(2 * s, 2 * s + 2), state.position);
        assert.equal(result.energies[s], state.energy);
      }
    }
    assert.deepEqual(result.finalState.position, state.position);
    assert.equal(result.numSteps, burnIn + 20 * thin);
    assert.equal(result.dimension, 2);
  });

  it('a longer run extends a shorter one', () => {
    const short = sampleChain(rwm, [0, 0], makeKey(1), { numSamples: 30, burnIn: 5 });
    const long = sampleChain(rwm, [0, 0], makeKey(1), { numSamples: 60, burnIn: 5 });
    assert.deepEqual(long.samples.subarray(0, 60), short.samples);
  });

  it('counts acceptance, divergences (after burn-in) and gradient evaluations (all steps)', () => {
    const result = sampleChain(scripted(), [0], makeKey(2), { numSamples: 40, burnIn: 20 });
    // Steps 20 … 59: accepted when t % 4 = 0 (10 of 40), divergent when t % 10 = 0 (4 of 40).
    assert.equal(result.acceptanceRate, 0.25);
    assert.equal(result.meanAcceptanceProbability, 0.25);
    assert.equal(result.divergences, 4);
    assert.equal(result.gradientEvaluations, 180);
  });

  it('without storing, reports each sample to onSample and progress to onProgress', () => {
    const seen: number[] = [];
    const progress: number[] = [];
    const result = sampleChain(scripted(), [0], makeKey(3), {
      numSamples: 500,
      thin: 2,
      burnIn: 10,
      storeSamples: false,
      onSample: (state, index, chain) => {
        assert.equal(chain, 0);
        assert.equal(state.step, 10 + 2 * (index + 1));
        seen.push(index);
      },
      onProgress: (done, total) => {
        assert.equal(total, 1010);
        progress.push(done);
      },
    });
    assert.equal(result.samples.length, 0);
    assert.equal(result.energies.length, 0);
    assert.deepEqual(
      seen,
      Array.from({ length: 500 }, (_, i) => i),
    );
    assert.equal(progress.at(-1), 1010);
    // Every ⌈1010/100⌉ = 11 steps, then once at the end.
    assert.equal(progress.length, Math.floor(1010 / 11) + 1);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i] > progress[i - 1]);
  });

  it('memory stays flat over a long unstored run (10-d random-walk Metropolis)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const d = 10;
    const target = {
      dimension: d,
      energy: (x: Float64Array) => {
        let u = 0;
        for (let i = 0; i < d; i++) u += 0.5 * x[i] * x[i];
        return u;
      },
    };
    const sampler = randomWalkMetropolis({ energy: target, stepSize: 0.75 });
    const run = (steps: number, storeSamples: boolean) =>
      sampleChain(sampler, new Float64Array(d), makeKey(4), { numSamples: steps, storeSamples });
    run(2000, false);
    gc();
    // Typed-array contents live outside the JS heap ("external"), so count both.
    const used = () => {
      const { heapUsed, external } = process.memoryUsage();
      return heapUsed + external;
    };
    const before = used();
    const unstored = run(50_000, false);
    gc();
    const growth = used() - before;
    assert.ok(growth < 5e5, `memory grew by ${growth} bytes over 5·10⁴ steps`);
    assert.ok(unstored.acceptanceRate > 0.1);
    // The measurement can see growth: storing the same run keeps 5·10⁴ × 10 floats (4 MB).
    const stored = run(50_000, true);
    gc();
    const storedGrowth = used() - before;
    assert.ok(storedGrowth > 3.5e6, `stored growth ${storedGrowth}`);
    assert.equal(stored.samples.length, 5e5);
  });

  it('rejects bad input with messages naming the parameter', () => {
    assert.throws(
      () => sampleChain(rwm, [0, 0], makeKey(0), { numSamples: -1 }),
      /numSamples must be an integer/,
    );
    assert.throws(
      () => sampleChain(rwm, [0, 0], makeKey(0), { numSamples: 1, thin: 0 }),
      /thin must be an integer/,
    );
    assert.throws(
      () => sampleChain(rwm, [0, 0], makeKey(0), { numSamples: 1, burnIn: 0.5 }),
      /burnIn must be/,
    );
    assert.throws(
      () => sampleChain(rwm, [0, 0], Uint32Array.of(1), { numSamples: 1 }),
      /key must be a Uint32Array/,
    );
    assert.throws(
      () => sampleChain({} as unknown as SamplingAlgorithm, [0], makeKey(0), { numSamples: 1 }),
      /algorithm must be a SamplingAlgorithm/,
    );
  });
});

describe('sampleChains', () => {
  it('chain c is sampleChain with key split(key, chains)[c], laid out [chains, draws, dimension]', () => {
    const key = makeKey(9);
    const starts = [
      [0, 0],
      [5, 5],
      [-5, 0],
    ];
    const result = sampleChains(rwm, starts, key, { numSamples: 50, burnIn: 10 });
    assert.deepEqual(result.shape, [3, 50, 2]);
    const keys = split(key, 3);
    starts.forEach((start, c) => {
      const single = sampleChain(rwm, start, keys[c], { numSamples: 50, burnIn: 10 });
      assert.deepEqual(result.chains[c].samples, single.samples);
      assert.deepEqual(result.draws.subarray(c * 100, (c + 1) * 100), single.samples);
      assert.deepEqual(result.chains[c].energies, single.energies);
    });
    const second = coordinateChains(result, 1);
    assert.equal(second.length, 3);
    assert.equal(second[2][7], result.draws[(2 * 50 + 7) * 2 + 1]);
    assert.deepEqual(coordinateChains(result, -1)[1], result.chains[1].energies);
  });

  it('feeds the diagnostics: dispersed starts converge, split R-hat ≈ 1', () => {
    const starts = [
      [10, 10],
      [-10, 10],
      [10, -10],
      [-10, -10],
    ];
    const result = sampleChains(rwm, starts, makeKey(10), { numSamples: 2000, burnIn: 300 });
    for (const index of [0, 1]) {
      const rHat = splitRHat(coordinateChains(result, index));
      assert.ok(rHat < 1.05, `coordinate ${index}: R-hat ${rHat}`);
    }
    // Without burn-in, from farther out, the starting transient shows up in R-hat.
    const far = starts.map(([a, b]) => [3 * a, 3 * b]);
    const raw = sampleChains(rwm, far, makeKey(10), { numSamples: 200 });
    const rawRHat = splitRHat(coordinateChains(raw, 0));
    assert.ok(rawRHat > 1.1, `R-hat without burn-in ${rawRHat}`);
    assert.ok(result.acceptanceRate > 0.2, `acceptance ${result.acceptanceRate}`);
  });

  it('rejects bad input', () => {
    assert.throws(
      () => sampleChains(rwm, [], makeKey(0), { numSamples: 1 }),
      /initialPositions must be a non-empty array/,
    );
    assert.throws(
      () => sampleChains(rwm, [[0, 0], [0]], makeKey(0), { numSamples: 1 }),
      /position must have length 2/,
    );
    const result = sampleChains(rwm, [[0, 0]], makeKey(0), { numSamples: 2 });
    assert.throws(() => coordinateChains(result, 2), /index must be an integer in \[-1, 1\]/);
  });
});
