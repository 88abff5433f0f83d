import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import {
  discreteEnergyTable,
  discreteMetropolis,
  gibbsSampler,
  metropolisHastings,
  type SamplingAlgorithm,
  sampleChain,
} from '../../src/mcmc/index.js';
import { chiSquareTest, histogram, P_THRESHOLD } from './helpers.js';

/** Largest |πᵢPᵢⱼ − πⱼPⱼᵢ| over all pairs. */
function detailedBalanceViolation(pi: Float64Array, p: Float64Array): number {
  const n = pi.length;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      worst = Math.max(worst, Math.abs(pi[i] * p[i * n + j] - pi[j] * p[j * n + i]));
  }
  return worst;
}

/** Largest |(πP)ⱼ − πⱼ| and largest |Σⱼ Pᵢⱼ − 1|. */
function stationarityAndRowErrors(pi: Float64Array, p: Float64Array): [number, number] {
  const n = pi.length;
  let stationarity = 0;
  let rows = 0;
  for (let j = 0; j < n; j++) {
    let flow = 0;
    for (let i = 0; i < n; i++) flow += pi[i] * p[i * n + j];
    stationarity = Math.max(stationarity, Math.abs(flow - pi[j]));
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += p[i * n + j];
    rows = Math.max(rows, Math.abs(sum - 1));
  }
  return [stationarity, rows];
}

/**
 * The smallest k with max |Pᵏᵢⱼ − πⱼ| < 1e-3: draws k steps apart are then independent to that
 * accuracy (far below what 20 000 counts resolve), so counts of thinned draws are multinomial and Pearson's χ² applies.
 */
function mixingSteps(pi: Float64Array, p: Float64Array): number {
  const n = pi.length;
  let power = p.slice();
  for (let k = 1; k < 1000; k++) {
    let distance = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) distance = Math.max(distance, Math.abs(power[i * n + j] - pi[j]));
    if (distance < 1e-3) return k;
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let l = 0; l < n; l++)
        for (let j = 0; j < n; j++) next[i * n + j] += power[i * n + l] * p[l * n + j];
    power = next;
  }
  throw new Error('chain does not mix');
}

/** Counts of configuration indices over a chain's thinned samples. */
function stateCounts(
  samples: Float64Array,
  dimension: number,
  indexOf: (x: Float64Array) => number,
  size: number,
) {
  const n = samples.length / dimension;
  const indices = Float64Array.from({ length: n }, (_, s) =>
    indexOf(samples.subarray(s * dimension, (s + 1) * dimension)),
  );
  return histogram(indices, size);
}

/**
 * Runs `steps` steps and χ²-tests the observed transitions out of each state against the exact
 * row of P (the sampled kernel is the matrix); returns the smallest p-value over rows.
 */
function empiricalKernelPValue(
  algorithm: SamplingAlgorithm,
  start: number[],
  indexOf: (x: Float64Array) => number,
  p: Float64Array,
  size: number,
  steps: number,
): number {
  const counts = Array.from({ length: size }, () => new Float64Array(size));
  const key = makeKey(99);
  let state = algorithm.init(start);
  for (let t = 0; t < steps; t++) {
    const from = indexOf(state.position);
    [state] = algorithm.step(fold(key, t), state);
    counts[from][indexOf(state.position)]++;
  }
  let smallest = 1;
  for (let i = 0; i < size; i++) {
    // Pool the impossible moves (probability 0) out of the test; they must simply never happen.
    const row = Array.from(p.subarray(i * size, (i + 1) * size));
    const possible = row.map((v, j) => [v, counts[i][j]]).filter(([v, c]) => v > 0 || c > 0);
    for (const [v, c] of possible) assert.ok(v > 0 || c === 0, `impossible move observed from ${i}`);
    if (possible.length < 2) continue;
    smallest = Math.min(
      smallest,
      chiSquareTest(
        possible.map(([, c]) => c),
        possible.map(([v]) => v),
      ).pValue,
    );
  }
  return smallest;
}

const FOUR_ENERGIES = [0, 0.5, 1.5, -0.3];
const TEMPERATURE = 0.8;
const ASYMMETRIC_PROPOSAL = [
  [0.1, 0.6, 0.3],
  [0.2, 0.2, 0.6],
  [0.5, 0.4, 0.1],
];

describe('discreteMetropolis', () => {
  it('satisfies detailed balance exactly on a 3-state system with an asymmetric proposal', () => {
    const sampler = discreteMetropolis({
      energies: [0.3, -1, 0.8],
      proposal: ASYMMETRIC_PROPOSAL,
      temperature: 0.7,
    });
    const pi = sampler.stationaryDistribution();
    const p = sampler.transitionMatrix();
    assert.ok(detailedBalanceViolation(pi, p) < 1e-12, `violation ${detailedBalanceViolation(pi, p)}`);
    const [stationarity, rows] = stationarityAndRowErrors(pi, p);
    assert.ok(stationarity < 1e-12 && rows < 1e-12);
    for (const entry of p) assert.ok(entry >= 0);
    // The exact Boltzmann weights.
    const z = Math.exp(-0.3 / 0.7) + Math.exp(1 / 0.7) + Math.exp(-0.8 / 0.7);
    assert.ok(Math.abs(pi[1] - Math.exp(1 / 0.7) / z) < 1e-14);
  });

  it('negative control: dropping the Hastings term breaks detailed balance', () => {
    const energies = [0.3, -1, 0.8];
    const sampler = discreteMetropolis({ energies, proposal: ASYMMETRIC_PROPOSAL, temperature: 0.7 });
    const pi = sampler.stationaryDistribution();
    const n = 3;
    const wrong = new Float64Array(9);
    for (let i = 0; i < n; i++) {
      let stay = 1;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        wrong[i * n + j] =
          ASYMMETRIC_PROPOSAL[i][j] * Math.min(1, Math.exp(-(energies[j] - energies[i]) / 0.7));
        stay -= wrong[i * n + j];
      }
      wrong[i * n + i] = stay;
    }
    assert.ok(detailedBalanceViolation(pi, wrong) > 1e-2);
  });

  it('has detailed balance for random energies, proposals and temperatures (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((n) =>
          fc.tuple(
            fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
            fc.array(
              fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
              {
                minLength: n,
                maxLength: n,
              },
            ),
            fc.double({ min: 0.05, max: 20, noNaN: true }),
          ),
        ),
        ([energies, weights, temperature]) => {
          const proposal = weights.map((row) => {
            const total = row.reduce((a, b) => a + b, 0);
            return row.map((w) => w / total);
          });
          const sampler = discreteMetropolis({ energies, proposal, temperature });
          const pi = sampler.stationaryDistribution();
          const p = sampler.transitionMatrix();
          return detailedBalanceViolation(pi, p) < 1e-12 && stationarityAndRowErrors(pi, p)[1] < 1e-12;
        },
      ),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('steps with exactly the kernel of transitionMatrix (empirical transitions, χ² per row)', () => {
    const sampler = discreteMetropolis({
      energies: [0.3, -1, 0.8],
      proposal: ASYMMETRIC_PROPOSAL,
      temperature: 0.7,
    });
    const pValue = empiricalKernelPValue(sampler, [0], (x) => x[0], sampler.transitionMatrix(), 3, 60_000);
    assert.ok(pValue > P_THRESHOLD, `p = ${pValue}`);
  });

  it('samples a 4-state Boltzmann distribution (χ²)', () => {
    const sampler = discreteMetropolis({ energies: FOUR_ENERGIES, temperature: TEMPERATURE });
    const pi = sampler.stationaryDistribution();
    const thin = mixingSteps(pi, sampler.transitionMatrix());
    const result = sampleChain(sampler, [2], makeKey(5), { numSamples: 20_000, thin, burnIn: 50 });
    const { pValue } = chiSquareTest(
      stateCounts(result.samples, 1, (x) => x[0], 4),
      pi,
    );
    assert.ok(pValue > P_THRESHOLD, `p = ${pValue} (thin ${thin})`);
  });

  it('negative control: Metropolis without the Hastings term, same χ² test, is rejected', () => {
    // The same asymmetric proposal through the generic sampler, once corrected and once not.
    const energies = [0.3, -1, 0.8];
    const reference = discreteMetropolis({ energies, proposal: ASYMMETRIC_PROPOSAL, temperature: 0.7 });
    const pi = reference.stationaryDistribution();
    const build = (corrected: boolean) =>
      metropolisHastings({
        energy: { energy: (x) => energies[x[0]] },
        temperature: 0.7,
        proposal(key, x, out) {
          const u = new RandomStream(key).nextUniform();
          const row = ASYMMETRIC_PROPOSAL[x[0]];
          out[0] = u < row[0] ? 0 : u < row[0] + row[1] ? 1 : 2;
          return corrected ? Math.log(ASYMMETRIC_PROPOSAL[out[0]][x[0]] / row[out[0]]) : 0;
        },
      });
    const counts = (corrected: boolean) =>
      stateCounts(
        sampleChain(build(corrected), [0], makeKey(8), { numSamples: 10_000, thin: 8 }).samples,
        1,
        (x) => x[0],
        3,
      );
    const good = chiSquareTest(counts(true), pi).pValue;
    const bad = chiSquareTest(counts(false), pi).pValue;
    assert.ok(good > P_THRESHOLD, `corrected: p = ${good}`);
    assert.ok(bad < P_THRESHOLD, `uncorrected should be rejected: p = ${bad}`);
  });

  it('rejects bad input with messages naming the parameter', () => {
    assert.throws(() => discreteMetropolis({ energies: [] }), /energies must be a non-empty array/);
    assert.throws(() => discreteMetropolis({ energies: [0, Number.NaN] }), /energies\[1\] must be finite/);
    assert.throws(
      () => discreteMetropolis({ energies: [0, 1], temperature: 0 }),
      /temperature must be a finite number > 0/,
    );
    assert.throws(
      () => discreteMetropolis({ energies: [0, 1], proposal: [[1, 0]] }),
      /proposal must be an array of 2 rows/,
    );
    assert.throws(
      () =>
        discreteMetropolis({
          energies: [0, 1],
          proposal: [
            [0.5, 0.4],
            [0, 1],
          ],
        }),
      /proposal\[0\] must sum to 1/,
    );
    assert.throws(() => discreteMetropolis({ energies: [0, 1] }).init([2]), /integer in \[0, 1\]/);
    assert.throws(
      () => discreteMetropolis({ energies: [0, Number.POSITIVE_INFINITY] }).init([1]),
      /probability 0/,
    );
  });
});

describe('discreteEnergyTable', () => {
  it('indexes configurations row-major with the last variable fastest', () => {
    const table = discreteEnergyTable({ states: [2, 3], energies: [0, 1, 2, 3, 4, 5] });
    assert.equal(table.size, 6);
    assert.equal(table.index([1, 2]), 5);
    assert.deepEqual(Array.from(table.configuration(4)), [1, 1]);
    assert.equal(table.energy(Float64Array.of(0, 2)), 2);
    const out = new Float64Array(3);
    table.conditionalEnergies(Float64Array.of(1, 0), 1, out);
    assert.deepEqual(Array.from(out), [3, 4, 5]);
    const pi = table.boltzmannDistribution(2);
    const z = [0, 1, 2, 3, 4, 5].reduce((s, e) => s + Math.exp(-e / 2), 0);
    assert.ok(Math.abs(pi[3] - Math.exp(-1.5) / z) < 1e-15);
    assert.throws(
      () => discreteEnergyTable({ states: [2, 3], energies: [0, 1] }),
      /energies must have 6 entries/,
    );
    assert.throws(() => table.index([2, 0]), /x\[0\] must be an integer in \[0, 1\]/);
  });
});

describe('gibbsSampler', () => {
  // Two coupled variables, 2 × 3 values: energies chosen with no symmetry.
  const table = discreteEnergyTable({ states: [2, 3], energies: [0.2, -0.5, 1.1, 0.7, 0.1, -0.9] });
  const gibbs = (scan: 'systematic' | 'random', temperature = 0.9) =>
    gibbsSampler({
      variables: 2,
      states: table.states,
      conditionalEnergies: table.conditionalEnergies,
      energy: table.energy,
      temperature,
      scan,
    });

  it('a single 3-state variable: detailed balance exactly (P is then πⱼ in every row)', () => {
    const three = discreteEnergyTable({ states: [3], energies: [0.3, -1, 0.8] });
    const sampler = gibbsSampler({
      variables: 1,
      states: 3,
      conditionalEnergies: three.conditionalEnergies,
      temperature: 0.7,
    });
    const pi = three.boltzmannDistribution(0.7);
    const p = sampler.transitionMatrix();
    assert.ok(detailedBalanceViolation(pi, p) < 1e-12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(p[i * 3 + j] - pi[j]) < 1e-14);
  });

  it('random scan satisfies detailed balance exactly; systematic scan keeps π but is not reversible', () => {
    const pi = table.boltzmannDistribution(0.9);
    const random = gibbs('random').transitionMatrix();
    assert.ok(detailedBalanceViolation(pi, random) < 1e-12);
    assert.ok(Math.max(...stationarityAndRowErrors(pi, random)) < 1e-12);
    const systematic = gibbs('systematic').transitionMatrix();
    assert.ok(Math.max(...stationarityAndRowErrors(pi, systematic)) < 1e-12);
    assert.ok(detailedBalanceViolation(pi, systematic) > 1e-3, 'a sweep in a fixed order is not reversible');
  });

  it('steps with exactly the kernel of transitionMatrix (empirical transitions, χ² per row)', () => {
    for (const scan of ['systematic', 'random'] as const) {
      const sampler = gibbs(scan);
      const pValue = empiricalKernelPValue(
        sampler,
        [0, 0],
        (x) => table.index(x),
        sampler.transitionMatrix(),
        6,
        60_000,
      );
      assert.ok(pValue > P_THRESHOLD, `${scan}: p = ${pValue}`);
    }
  });

  it('samples the Boltzmann distribution of the table (χ², both scans)', () => {
    const pi = table.boltzmannDistribution(0.9);
    for (const scan of ['systematic', 'random'] as const) {
      const sampler = gibbs(scan);
      const thin = mixingSteps(pi, sampler.transitionMatrix());
      const result = sampleChain(sampler, [1, 2], makeKey(11), { numSamples: 20_000, thin });
      const { pValue } = chiSquareTest(
        stateCounts(result.samples, 2, (x) => table.index(x), 6),
        pi,
      );
      assert.ok(pValue > P_THRESHOLD, `${scan}: p = ${pValue}`);
      // The state energies are the table's.
      assert.equal(result.energies[7], table.energy(result.samples.subarray(14, 16)));
    }
  });

  it('negative control: the same χ² test rejects samples at the wrong temperature', () => {
    const result = sampleChain(gibbs('systematic', 1.2), [1, 2], makeKey(11), {
      numSamples: 20_000,
      thin: 4,
    });
    const { pValue } = chiSquareTest(
      stateCounts(result.samples, 2, (x) => table.index(x), 6),
      table.boltzmannDistribution(0.9),
    );
    assert.ok(pValue < P_THRESHOLD, `p = ${pValue}`);
  });

  it('at T = 0 moves each variable to its conditional minimum (coordinate descent)', () => {
    const sampler = gibbs('systematic', 0);
    const [state] = sampler.step(makeKey(1), sampler.init([0, 0]));
    // x0: min over {0.2, 0.7} → 0; then x1 given x0 = 0: min over {0.2, −0.5, 1.1} → 1.
    assert.deepEqual(Array.from(state.position), [0, 1]);
    assert.equal(state.energy, -0.5);
  });

  it('reports changed variables, states NaN energy without `energy`, and validates input', () => {
    const bare = gibbsSampler({
      variables: 2,
      states: [2, 3],
      conditionalEnergies: table.conditionalEnergies,
    });
    const [state, info] = bare.step(makeKey(3), bare.init([0, 0]));
    assert.ok(Number.isNaN(state.energy));
    assert.ok(info.changedVariables >= 0 && info.changedVariables <= 2 && info.accepted);
    assert.throws(
      () => gibbsSampler({ variables: 0, states: 2, conditionalEnergies: () => {} }),
      /variables must be an integer/,
    );
    assert.throws(
      () => gibbsSampler({ variables: 2, states: [2], conditionalEnergies: () => {} }),
      /one entry per variable/,
    );
    assert.throws(() => bare.init([0, 3]), /position\[1\] must be an integer in \[0, 2\]/);
    const broken = gibbsSampler({
      variables: 1,
      states: 2,
      conditionalEnergies: (_x, _i, out) => out.fill(Number.NaN),
    });
    assert.throws(
      () => broken.step(makeKey(1), broken.init([0])),
      /conditionalEnergies wrote NaN for variable 0/,
    );
    assert.throws(
      () => gibbsSampler({ variables: 11, states: 2, conditionalEnergies: () => {} }).transitionMatrix(),
      /at most 1024 configurations/,
    );
  });
});
