/**
 * The exact field paths of large networks (resident-weights.ts): weights that are integers
 * times one power of two (Hebbian weights of N = 2^m neurons; here also integer-grid weights
 * of odd N) get float32 and int16 SIMD products whose sums are exact. Their fields must be
 * BIT-IDENTICAL to the plain float64 path (the `js` kernels), so recall must run the very same
 * dynamics: same states, steps, flips and energies, for one probe and for batches beyond one
 * kernel call's 32 probes. Weights off the grid keep the float64 paths, named by `fieldPath`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoKernels, jsKernels, withKernels } from '../../../src/core/kernels/index.js';
import { wasmSimdSupported } from '../../../src/core/kernels/wasm/runtime.js';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  corruptPattern,
  fieldPath,
  hebbianWeights,
  hopfieldNetwork,
  localFields,
  localFieldsBatch,
  patternOverlaps,
  pseudoInverseWeights,
  randomPatterns,
  recallBatch,
} from '../../../src/models/hopfield/index.js';
import { spinOverlaps } from '../../../src/models/hopfield/patterns.js';
import {
  incrementalSumsExact,
  RESIDENT_MIN_NEURONS,
  weightGrid,
} from '../../../src/models/hopfield/resident-weights.js';

const skip = !wasmSimdSupported();

/** Hebbian couplings Σ_μ ξ_i ξ_j (zero diagonal) times 2^−exponent: on the grid for any N. */
function integerHebbian(patterns: readonly Int8Array[], exponent: number, diagonal = 0): Float32Array {
  const size = patterns[0].length;
  const w = new Float32Array(size * size);
  for (const p of patterns) {
    for (let i = 0; i < size; i++) {
      const row = i * size;
      const pi = p[i];
      for (let j = 0; j < size; j++) w[row + j] += pi * p[j];
    }
  }
  const scale = 2 ** -exponent;
  for (let t = 0; t < w.length; t++) w[t] *= scale;
  for (let i = 0; i < size; i++) w[i * size + i] = diagonal;
  return w;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++)
    assert.ok(Object.is(a[i], b[i]), `${what}, entry ${i}: ${a[i]} vs ${b[i]}`);
}

describe('weightGrid', () => {
  it('finds the power of two and the integer bounds', () => {
    const w = Float32Array.of(0, 0.5, -0.25, 3, 0, 0.75, 0, 0, -0.125);
    assert.deepEqual(weightGrid(w, 3), { exponent: 3, maxInteger: 24, maxRowSum: 30 });
    assert.deepEqual(weightGrid(new Float32Array(4), 2), { exponent: 0, maxInteger: 0, maxRowSum: 0 });
    assert.deepEqual(weightGrid(Float32Array.of(8, -16, 0, 24), 2), {
      exponent: -3,
      maxInteger: 3,
      maxRowSum: 3,
    });
    // The smallest subnormal float32 is 2^−149.
    assert.equal(weightGrid(Float32Array.of(2 ** -149, 0, 0, 1), 2).exponent, 149);
  });

  it('puts Hebbian weights of N = 2^m on the grid k/N with |k| ≤ P, and not those of odd N', () => {
    const patterns = randomPatterns(makeKey(1), 9, 64);
    const grid = weightGrid(hebbianWeights(patterns), 64);
    assert.ok(grid.exponent <= 6, `exponent ${grid.exponent}`);
    assert.ok(grid.maxInteger * 2 ** (6 - grid.exponent) <= 9);
    const odd = randomPatterns(makeKey(2), 9, 63);
    assert.ok(weightGrid(hebbianWeights(odd), 63).maxRowSum > 2 ** 24, 'k/63 is not a short binary fraction');
  });
});

describe('exact field paths of resident networks', { skip }, () => {
  // Odd N (every SIMD tail), above the resident threshold.
  const SIZE = 515;
  const COUNT = 40;
  const patterns = randomPatterns(makeKey(21), COUNT, SIZE);
  const probes = Array.from({ length: 37 }, (_, b) =>
    corruptPattern(fold(makeKey(22), b), patterns[b % COUNT], 0.15),
  );

  function networks(weights: () => Float32Array, thresholds?: number | number[]) {
    const build = () => hopfieldNetwork({ weights: weights(), patterns, thresholds });
    return { fast: withKernels(autoKernels, build), slow: withKernels(jsKernels, build) };
  }

  it('chooses the paths from the weights and the kernels, and says which', () => {
    assert.ok(SIZE >= RESIDENT_MIN_NEURONS);
    const { fast, slow } = networks(() => integerHebbian(patterns, 9));
    withKernels(autoKernels, () => {
      assert.equal(fieldPath(fast, 1), 'resident-f32-symmetric');
      assert.equal(fieldPath(fast, 5), 'resident-int16');
    });
    withKernels(jsKernels, () => assert.equal(fieldPath(slow, 1), 'kernels'));
    const asymmetric = integerHebbian(patterns, 9);
    asymmetric[1] += 2 ** -9;
    const skewed = withKernels(autoKernels, () => hopfieldNetwork({ weights: asymmetric }));
    withKernels(autoKernels, () => assert.equal(fieldPath(skewed, 1), 'resident-f32'));
    // Off the grid: pseudo-inverse weights, and Hebbian weights k/515.
    for (const weights of [() => pseudoInverseWeights(patterns), () => hebbianWeights(patterns)]) {
      const network = withKernels(autoKernels, () => hopfieldNetwork({ weights: weights() }));
      withKernels(autoKernels, () => {
        assert.equal(fieldPath(network, 1), 'resident-f64');
        assert.equal(fieldPath(network, 5), 'kernels');
      });
    }
  });

  for (const diagonal of [0, 0.5]) {
    it(`gives bit-identical fields, one state and a batch (w_ii = ${diagonal})`, () => {
      const { fast, slow } = networks(() => integerHebbian(patterns, 9, diagonal));
      const states = new Int8Array(probes.length * SIZE);
      probes.forEach((p, b) => {
        states.set(p, b * SIZE);
      });
      const a = withKernels(autoKernels, () => localFields(fast, probes[3]));
      const b = withKernels(jsKernels, () => localFields(slow, probes[3]));
      sameBits(a, b, 'localFields');
      const batchFast = withKernels(autoKernels, () => localFieldsBatch(fast, states));
      const batchSlow = withKernels(jsKernels, () => localFieldsBatch(slow, states));
      assert.equal(batchFast.path, 'resident-int16');
      assert.equal(batchSlow.path, 'kernels');
      sameBits(batchFast.fields, batchSlow.fields, 'localFieldsBatch');
      // Three states take the half-matrix kernel one by one: the same bits again.
      const few = states.subarray(0, 3 * SIZE);
      sameBits(
        withKernels(autoKernels, () => localFieldsBatch(fast, few)).fields,
        batchSlow.fields.subarray(0, 3 * SIZE),
        'localFieldsBatch, 3 states',
      );
      // States that are not ±1 leave the exact paths and are still right (to round-off).
      const general = Float64Array.from(probes[0], (v, i) => v * (1 + (i % 3) / 4));
      const c = withKernels(autoKernels, () => localFields(fast, general));
      const d = withKernels(jsKernels, () => localFields(slow, general));
      c.forEach((v, i) => {
        assert.ok(Math.abs(v - d[i]) <= 1e-12, `general state, field ${i}`);
      });
      const e = withKernels(autoKernels, () => localFieldsBatch(fast, Float64Array.from(general)));
      sameBits(e.fields, c, 'a one-state batch is the single-state product');
    });
  }

  for (const diagonal of [0, 0.5]) {
    for (const fieldUpdate of ['auto', 'dense', 'incremental'] as const) {
      it(`runs the same synchronous recall on exact paths (${fieldUpdate}, w_ii = ${diagonal})`, () => {
        const { fast, slow } = networks(() => integerHebbian(patterns, 9, diagonal));
        const options = { mode: 'synchronous', maxSteps: 30, fieldUpdate } as const;
        // One probe (float32, upper half of W), and 37 probes (two int16 calls: 32 + 5).
        for (const batch of [probes.slice(0, 1), probes]) {
          const a = withKernels(autoKernels, () => recallBatch(fast, batch, options));
          const b = withKernels(jsKernels, () => recallBatch(slow, batch, options));
          a.forEach((result, p) => {
            assert.deepEqual(result.state, b[p].state, `probe ${p}: final state`);
            assert.equal(result.steps, b[p].steps, `probe ${p}: steps`);
            assert.equal(result.cycleLength, b[p].cycleLength, `probe ${p}: cycle`);
            assert.deepEqual(result.flips, b[p].flips, `probe ${p}: flips`);
            sameBits(result.energies, b[p].energies, `probe ${p}: energies`);
            sameBits(result.finalOverlaps, b[p].finalOverlaps, `probe ${p}: overlaps`);
            assert.deepEqual(result.classification, b[p].classification, `probe ${p}: classification`);
          });
          if (batch.length > 1)
            assert.ok(
              a.some((r) => r.steps >= 3),
              'some probe needs several steps',
            );
        }
      });
    }
  }

  it('sums incremental updates in float32 only when the thresholds are on the grid too', () => {
    const grid = () => integerHebbian(patterns, 9);
    assert.equal(incrementalSumsExact(networks(grid).fast), true);
    // Σ of 40 products ±1 is even: the weights are multiples of 2^−8.
    assert.equal(incrementalSumsExact(networks(grid, 3 * 2 ** -8).fast), true);
    assert.equal(incrementalSumsExact(networks(grid, 3 * 2 ** -9).fast), false);
    assert.equal(incrementalSumsExact(networks(grid, 0.1).fast), false);
    assert.equal(incrementalSumsExact(networks(() => hebbianWeights(patterns)).fast), false);
  });

  for (const thresholds of [5 * 2 ** -8, 0.1]) {
    it(`runs the same incremental recall with thresholds ${thresholds} (float32 sums when on the grid)`, () => {
      const { fast, slow } = networks(
        () => integerHebbian(patterns, 9, 0.25),
        Array.from({ length: SIZE }, (_, i) => (i % 3) * thresholds),
      );
      assert.equal(incrementalSumsExact(fast), thresholds !== 0.1);
      const options = { mode: 'synchronous', maxSteps: 30, fieldUpdate: 'incremental' } as const;
      for (const batch of [probes.slice(0, 1), probes.slice(0, 6)]) {
        const a = withKernels(autoKernels, () => recallBatch(fast, batch, options));
        const b = withKernels(jsKernels, () => recallBatch(slow, batch, options));
        a.forEach((result, p) => {
          assert.deepEqual(result.state, b[p].state, `probe ${p}: final state`);
          assert.equal(result.steps, b[p].steps, `probe ${p}: steps`);
          assert.deepEqual(result.flips, b[p].flips, `probe ${p}: flips`);
          if (thresholds !== 0.1) sameBits(result.energies, b[p].energies, `probe ${p}: energies`);
        });
      }
    });
  }

  it('runs the same recall with asymmetric grid weights (float32 over all of W)', () => {
    const { fast, slow } = networks(() => {
      const w = integerHebbian(patterns, 9);
      for (let i = 0; i < SIZE; i += 7) w[i * SIZE + ((i * 3 + 1) % SIZE)] += 2 ** -9;
      return w;
    });
    assert.equal(fast.symmetric, false);
    const options = { mode: 'synchronous', maxSteps: 30, fieldUpdate: 'dense' } as const;
    const a = withKernels(autoKernels, () => recallBatch(fast, probes.slice(0, 3), options));
    const b = withKernels(jsKernels, () => recallBatch(slow, probes.slice(0, 3), options));
    a.forEach((result, p) => {
      assert.deepEqual(result.state, b[p].state);
      assert.equal(result.steps, b[p].steps);
      sameBits(result.energies, b[p].energies, `probe ${p}: energies`);
    });
  });

  it('gives Hebbian weights of N = 1024 the exact paths and the same recall', () => {
    const size = 1024;
    const stored = randomPatterns(makeKey(31), 60, size);
    const build = () => hopfieldNetwork({ weights: hebbianWeights(stored), patterns: stored });
    const fast = withKernels(autoKernels, build);
    const slow = withKernels(jsKernels, build);
    withKernels(autoKernels, () => {
      assert.equal(fieldPath(fast, 1), 'resident-f32-symmetric');
      assert.equal(fieldPath(fast, 2), 'resident-int16');
    });
    const batch = Array.from({ length: 6 }, (_, b) => corruptPattern(fold(makeKey(32), b), stored[b], 0.2));
    for (const probesNow of [batch.slice(0, 1), batch]) {
      const options = { mode: 'synchronous', maxSteps: 30, fieldUpdate: 'dense' } as const;
      const a = withKernels(autoKernels, () => recallBatch(fast, probesNow, options));
      const b = withKernels(jsKernels, () => recallBatch(slow, probesNow, options));
      a.forEach((result, p) => {
        assert.deepEqual(result.state, b[p].state);
        assert.equal(result.steps, b[p].steps);
        sameBits(result.energies, b[p].energies, `probe ${p}: energies`);
      });
    }
  });
});

describe('spinOverlaps', () => {
  it('equals patternOverlaps for ±1 states, aligned or not, any length', () => {
    for (const size of [1, 3, 4, 5, 1021, 1024, 1030]) {
      const stored = randomPatterns(makeKey(size), 5, size);
      const state = corruptPattern(makeKey(size + 1), stored[2], 0.3);
      sameBits(spinOverlaps(stored, state), patternOverlaps(stored, state), `N = ${size}`);
      const shifted = new Int8Array(size + 1);
      shifted.set(state, 1);
      sameBits(
        spinOverlaps(stored, shifted.subarray(1)),
        patternOverlaps(stored, state),
        `N = ${size}, unaligned`,
      );
    }
  });
});
