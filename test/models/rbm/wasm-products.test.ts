/**
 * The trainer's WebAssembly path (small batches, plain SGD, float64 weights: the products in
 * SIMD on a loaded copy of W) against the TypeScript loops it replaces: the same sums in the
 * same order, so training must give bit-identical parameters and fantasy particles, for PCD
 * and CD, Bernoulli and Gaussian visible units, shuffled or not. Float32 storage and
 * momentum keep the TypeScript path under both kernels.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoKernels, jsKernels, type Kernels, withKernels } from '../../../src/core/kernels/index.js';
import { wasmRuntimeIfAvailable } from '../../../src/core/kernels/wasm/runtime.js';
import { makeKey } from '../../../src/core/random/index.js';
import { minMaxScale } from '../../../src/data/index.js';
import { createRbm, RbmTrainer, type RbmTrainerOptions } from '../../../src/models/rbm/index.js';

/** 60 rows of 13 values in [0, 1], half of them 0 (a small LCG; tests only). */
function greyData(): Float64Array {
  const out = new Float64Array(60 * 13);
  let state = 12345;
  for (let n = 0; n < out.length; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const u = state / 4294967296;
    out[n] = u < 0.5 ? 0 : u;
  }
  return minMaxScale(out, 13);
}

function train(
  kernels: Kernels,
  options: Partial<RbmTrainerOptions>,
  visibleUnits: 'bernoulli' | 'gaussian' = 'bernoulli',
  precision: 'float64' | 'float32' = 'float64',
) {
  return withKernels(kernels, () => {
    const rbm = createRbm({ visibleCount: 13, hiddenCount: 11, key: makeKey(1), visibleUnits, precision });
    const trainer = new RbmTrainer(rbm, greyData(), {
      learningRate: 0.05,
      batchSize: 7,
      key: makeKey(2),
      ...options,
    } as RbmTrainerOptions);
    trainer.train(3);
    return {
      weights: Array.from(rbm.weights),
      visibleBias: Array.from(rbm.visibleBias),
      hiddenBias: Array.from(rbm.hiddenBias),
      particles: Array.from(trainer.fantasyParticles()),
    };
  });
}

describe('RbmTrainer, WebAssembly products', { skip: wasmRuntimeIfAvailable() === undefined }, () => {
  const cases: [string, Partial<RbmTrainerOptions>, 'bernoulli' | 'gaussian', 'float64' | 'float32'][] = [
    ['PCD', { method: 'pcd', persistentChains: 5 }, 'bernoulli', 'float64'],
    ['PCD, 2 Gibbs steps, shuffled', { method: 'pcd', gibbsSteps: 2, shuffle: true }, 'bernoulli', 'float64'],
    ['CD-1', { method: 'cd' }, 'bernoulli', 'float64'],
    ['CD-1, Gaussian visible units', { method: 'cd', learningRate: 0.01 }, 'gaussian', 'float64'],
    ['PCD with momentum (TypeScript path)', { method: 'pcd', momentum: 0.5 }, 'bernoulli', 'float64'],
    ['PCD, float32 storage (TypeScript path)', { method: 'pcd' }, 'bernoulli', 'float32'],
  ];
  for (const [label, options, units, precision] of cases) {
    it(`trains bit-identically to the TypeScript loops: ${label}`, () => {
      const fast = train(autoKernels, options, units, precision);
      const plain = train(jsKernels, options, units, precision);
      assert.deepEqual(fast, plain);
      // Training moved the weights away from their initial values.
      const initial = withKernels(jsKernels, () =>
        Array.from(
          createRbm({ visibleCount: 13, hiddenCount: 11, key: makeKey(1), visibleUnits: units }).weights,
        ),
      );
      assert.ok(fast.weights.some((w, n) => Math.abs(w - initial[n]) > 1e-3));
    });
  }
});
