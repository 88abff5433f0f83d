/**
 * Large networks keep their couplings in WebAssembly memory and compute fields with the SIMD
 * kernels; the results must be those of the plain TypeScript path (the `js` kernels, which
 * keep a plain array): the same weights, the same trajectories, fields equal to round-off.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoKernels, jsKernels, withKernels } from '../../../src/core/kernels/index.js';
import { residentMatrixOf } from '../../../src/core/kernels/wasm/resident-matrix.js';
import { wasmSimdSupported } from '../../../src/core/kernels/wasm/runtime.js';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  corruptPattern,
  hebbianWeights,
  hopfieldNetwork,
  localFields,
  randomPatterns,
  recallBatch,
} from '../../../src/models/hopfield/index.js';
import { RESIDENT_MIN_NEURONS } from '../../../src/models/hopfield/resident-weights.js';

const skip = !wasmSimdSupported();
// Odd N (every SIMD tail is used) and a load where 10% corrupted probes need several steps.
const SIZE = 515;
const COUNT = 40;

function setup(diagonal = 0) {
  const patterns = randomPatterns(makeKey(11), COUNT, SIZE);
  const probes = Array.from({ length: 5 }, (_, b) => corruptPattern(fold(makeKey(12), b), patterns[b], 0.15));
  const build = () => {
    const weights = hebbianWeights(patterns);
    for (let i = 0; i < SIZE; i++) weights[i * SIZE + i] = diagonal;
    return hopfieldNetwork({ weights, patterns });
  };
  return { patterns, probes, wasm: withKernels(autoKernels, build), plain: withKernels(jsKernels, build) };
}

describe('WebAssembly-resident Hopfield couplings', { skip }, () => {
  it('places large matrices in WebAssembly memory, with the same values as the plain path', () => {
    assert.ok(SIZE >= RESIDENT_MIN_NEURONS);
    const { wasm, plain } = setup();
    assert.ok(residentMatrixOf(wasm.weights), 'default kernels: resident');
    assert.equal(residentMatrixOf(plain.weights), undefined, 'js kernels: plain array');
    assert.deepEqual(wasm.weights, plain.weights);
  });

  it('copies a plain large matrix in once and keeps small ones as they are', () => {
    const large = new Float32Array(RESIDENT_MIN_NEURONS ** 2).fill(0.25);
    const network = withKernels(autoKernels, () => hopfieldNetwork({ weights: large }));
    assert.notEqual(network.weights, large);
    assert.ok(residentMatrixOf(network.weights));
    assert.deepEqual(network.weights, large);
    const resident = network.weights;
    assert.equal(
      hopfieldNetwork({ weights: resident }).weights,
      resident,
      'a resident matrix is not copied again',
    );
    const small = new Float32Array((RESIDENT_MIN_NEURONS - 1) ** 2);
    assert.equal(hopfieldNetwork({ weights: small }).weights, small);
  });

  it('computes local fields equal to the plain path to round-off', () => {
    const { wasm, plain, probes } = setup();
    const a = withKernels(autoKernels, () => localFields(wasm, probes[0]));
    const b = withKernels(jsKernels, () => localFields(plain, probes[0]));
    // Sums of 515 terms of size ≤ 1 in float64, in different orders.
    a.forEach((value, i) => {
      assert.ok(Math.abs(value - b[i]) <= 1e-12, `field ${i}: ${value} vs ${b[i]}`);
    });
  });

  for (const diagonal of [0, 0.5]) {
    for (const fieldUpdate of ['auto', 'dense', 'incremental'] as const) {
      it(`runs the same synchronous recall (${fieldUpdate} fields, w_ii = ${diagonal})`, () => {
        const { wasm, plain, probes } = setup(diagonal);
        const options = { mode: 'synchronous', maxSteps: 30, fieldUpdate } as const;
        // One probe takes the single-probe kernels; the batch takes the batched product and
        // the incremental kernel per probe.
        for (const batch of [probes.slice(0, 1), probes]) {
          const fast = withKernels(autoKernels, () => recallBatch(wasm, batch, options));
          const slow = withKernels(jsKernels, () => recallBatch(plain, batch, options));
          fast.forEach((result, b) => {
            assert.deepEqual(result.state, slow[b].state, `probe ${b}: final state`);
            assert.equal(result.steps, slow[b].steps, `probe ${b}: steps`);
            assert.deepEqual(result.flips, slow[b].flips, `probe ${b}: flips`);
            result.energies.forEach((energy, t) => {
              assert.ok(Math.abs(energy - slow[b].energies[t]) <= 1e-9, `probe ${b}, step ${t}: energy`);
            });
          });
          assert.ok(
            fast.some((r) => r.steps >= 3),
            'some probe needs several steps',
          );
        }
      });
    }
  }
});
