import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inverse, matrix } from '../../../src/core/linalg/index.js';
import { makeKey } from '../../../src/core/random/index.js';
import {
  hebbianWeights,
  hopfieldEnergy,
  hopfieldNetwork,
  localFields,
  pseudoInverseWeights,
  randomPatterns,
  storePatterns,
  storkeyWeights,
} from '../../../src/models/hopfield/index.js';

/** Largest |a − b| over two equally long arrays. */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('storage rules', () => {
  const patterns = randomPatterns(makeKey(11), 6, 40);
  const size = 40;

  it("Hebb's rule is (1/N) Σ ξξᵀ with a zero diagonal, in float32", () => {
    const weights = hebbianWeights(patterns);
    assert.ok(weights instanceof Float32Array);
    assert.equal(weights.length, size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (const p of patterns) sum += p[i] * p[j];
        assert.equal(weights[i * size + j], i === j ? 0 : Math.fround(sum / size));
      }
    }
  });

  it('the pseudo-inverse rule equals (1/N) Ξᵀ C⁻¹ Ξ computed naively, and stores correlated patterns as fixed points', () => {
    const correlated = randomPatterns(makeKey(12), 12, 40, { bias: 0.5 });
    const weights = pseudoInverseWeights(correlated);
    const count = correlated.length;
    const overlapMatrix = matrix(count, count);
    for (let mu = 0; mu < count; mu++) {
      for (let nu = 0; nu < count; nu++) {
        let dot = 0;
        for (let i = 0; i < size; i++) dot += correlated[mu][i] * correlated[nu][i];
        overlapMatrix.data[mu * count + nu] = dot / size;
      }
    }
    const inverseOverlaps = inverse(overlapMatrix);
    const expected = new Float64Array(size * size);
    const leverage = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (let mu = 0; mu < count; mu++) {
          for (let nu = 0; nu < count; nu++) {
            sum += correlated[mu][i] * inverseOverlaps.data[mu * count + nu] * correlated[nu][j];
          }
        }
        if (i === j) leverage[i] = sum / size;
        else expected[i * size + j] = sum / size;
      }
    }
    assert.ok(maxDifference(weights, expected) < 1e-6, `max difference ${maxDifference(weights, expected)}`);
    // A projection P with its diagonal removed: the field at ξ^μ is (1 − P_ii) ξ^μ_i, and
    // 0 ≤ P_ii < 1 (independent patterns), so every stored pattern is a fixed point.
    const network = hopfieldNetwork({ weights });
    for (const pattern of correlated) {
      const fields = localFields(network, pattern);
      for (let i = 0; i < size; i++) {
        assert.ok(leverage[i] >= 0 && leverage[i] < 1);
        assert.ok(
          Math.abs(fields[i] * pattern[i] - (1 - leverage[i])) < 1e-5,
          `field ${fields[i]} at neuron ${i}`,
        );
      }
    }
  });

  it('the pseudo-inverse rule names linearly dependent patterns', () => {
    assert.throws(() => pseudoInverseWeights([patterns[0], patterns[0]]), /linearly dependent/);
    const tooMany = randomPatterns(makeKey(13), 5, 4);
    assert.throws(() => pseudoInverseWeights(tooMany), /P = 5 exceeds N = 4/);
    // A ridge makes it solvable.
    assert.equal(
      pseudoInverseWeights([patterns[0], patterns[0]], { regularization: 0.1 }).length,
      size * size,
    );
  });

  it("Storkey's rule matches a direct transcription of the 1997 formula", () => {
    const few = patterns.slice(0, 4);
    const small = 12;
    const cut = few.map((p) => p.slice(0, small));
    const weights = storkeyWeights(cut);
    const w = new Float64Array(small * small);
    for (const xi of cut) {
      const next = w.slice();
      for (let i = 0; i < small; i++) {
        for (let j = 0; j < small; j++) {
          if (i === j) continue;
          // h_ij = Σ_{k≠i,j} w_ik ξ_k, with the weights before this pattern.
          let hij = 0;
          let hji = 0;
          for (let k = 0; k < small; k++) {
            if (k !== i && k !== j) {
              hij += w[i * small + k] * xi[k];
              hji += w[j * small + k] * xi[k];
            }
          }
          next[i * small + j] = w[i * small + j] + (xi[i] * xi[j] - xi[i] * hji - hij * xi[j]) / small;
        }
      }
      w.set(next);
    }
    assert.ok(maxDifference(weights, w) < 1e-6, `max difference ${maxDifference(weights, w)}`);
    const network = hopfieldNetwork({ weights });
    assert.equal(network.symmetric, true);
  });

  it('storePatterns keeps the patterns and the rule, and checks its input', () => {
    const network = storePatterns(patterns, { rule: 'storkey' });
    assert.equal(network.rule, 'storkey');
    assert.equal(network.patterns.length, patterns.length);
    assert.equal(network.symmetric, true);
    assert.equal(network.hasSelfCouplings, false);
    assert.throws(() => storePatterns(patterns, { rule: 'oja' as never }), /rule must be one of 'hebb'/);
    assert.throws(() => storePatterns([Int8Array.of(1, 0)]), /patterns\[0\]\[1\] must be \+1 or −1/);
    assert.throws(
      () => storePatterns([Int8Array.of(1, 1), Int8Array.of(1, 1, 1)]),
      /patterns\[1\] must have 2 entries/,
    );
  });

  it('the N = 2048 Hebbian network holds only its float32 matrix', () => {
    // The same check as the benchmark's N = 8192 figure, at a size a test can afford.
    const big = 2048;
    const before = process.memoryUsage().arrayBuffers;
    const weights = hebbianWeights(randomPatterns(makeKey(14), 2, big));
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.equal(weights.byteLength, big * big * 4);
    // The matrix itself (16 MiB) plus at most 2 MiB of patterns and kernel scratch.
    assert.ok(grown < big * big * 4 + 2 * 2 ** 20, `arrayBuffers grew by ${grown} bytes`);
  });
});

describe('hopfieldNetwork', () => {
  it('computes E = −½ Σ w_ij s_i s_j − Σ θ_i s_i with self-couplings and thresholds', () => {
    const weights = [0.5, 1, -2, 1, 0, 0.25, -2, 0.25, 0.1];
    const thresholds = [0.3, -0.2, 0.7];
    const network = hopfieldNetwork({ weights, thresholds });
    assert.equal(network.hasSelfCouplings, true);
    for (let code = 0; code < 8; code++) {
      const s = [0, 1, 2].map((i) => ((code >> i) & 1 ? 1 : -1));
      let expected = 0;
      for (let i = 0; i < 3; i++) {
        expected -= thresholds[i] * s[i];
        for (let j = 0; j < 3; j++) expected -= 0.5 * Math.fround(weights[i * 3 + j]) * s[i] * s[j];
      }
      assert.ok(Math.abs(hopfieldEnergy(network, s) - expected) < 1e-12);
    }
  });

  it('flags asymmetric weights and rejects bad input', () => {
    assert.equal(hopfieldNetwork({ weights: [0, 1, 2, 0] }).symmetric, false);
    assert.throws(() => hopfieldNetwork({ weights: [0, 1, 1] }), /weights must hold N·N entries/);
    assert.throws(
      () => hopfieldNetwork({ weights: [0, Number.NaN, 1, 0] }),
      /weights\[0·N \+ 1\] must be finite/,
    );
    assert.throws(
      () => hopfieldNetwork({ weights: [0, 1, 1, 0], thresholds: [1] }),
      /thresholds must have 2 entries/,
    );
  });
});
