import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultKernels,
  getKernels,
  jsKernels,
  type Kernels,
  referenceKernels,
  setKernels,
  withKernels,
} from '../../../src/core/kernels/index.js';

describe('kernel registry', () => {
  it('starts with the default kernels: auto unless PHYSML_KERNELS says otherwise', () => {
    assert.equal(getKernels(), defaultKernels());
    const expected = { js: 'js-blocked', wasm: 'wasm-simd' }[process.env.PHYSML_KERNELS ?? ''] ?? 'auto';
    assert.equal(getKernels().name, expected);
  });

  it('setKernels switches the active kernels and can switch back', () => {
    try {
      setKernels(referenceKernels);
      assert.equal(getKernels().name, 'reference');
    } finally {
      setKernels(defaultKernels());
    }
    assert.equal(getKernels(), defaultKernels());
  });

  it('setKernels rejects objects that do not implement Kernels, naming what is missing', () => {
    const partial = { name: 'partial', matmul: jsKernels.matmul, sum: jsKernels.sum } as unknown as Kernels;
    assert.throws(() => setKernels(partial), /kernels 'partial' lacks the method\(s\) max, min, dot/);
    assert.throws(() => setKernels({ ...jsKernels, name: '' }), /kernels.name must be a non-empty string/);
    assert.throws(
      () => setKernels(null as unknown as Kernels),
      /kernels must be an object implementing Kernels/,
    );
    assert.throws(
      () => setKernels({ ...jsKernels, dot: 3 } as unknown as Kernels),
      /kernels 'js-blocked' lacks the method\(s\) dot/,
    );
    assert.equal(getKernels(), defaultKernels(), 'a rejected object must not become active');
  });

  it('withKernels activates the kernels for the call and restores the previous ones', () => {
    const seen = withKernels(referenceKernels, () => getKernels().name);
    assert.equal(seen, 'reference');
    assert.equal(getKernels(), defaultKernels());
  });

  it('withKernels restores the previous kernels when the function throws', () => {
    assert.throws(
      () =>
        withKernels(referenceKernels, () => {
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.equal(getKernels(), defaultKernels());
  });

  it('withKernels restores the previous kernels when a returned promise settles', async () => {
    const pending = withKernels(referenceKernels, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return getKernels().name;
    });
    assert.equal(getKernels().name, 'reference', 'active until the promise settles');
    assert.equal(await pending, 'reference');
    assert.equal(getKernels(), defaultKernels());
    await assert.rejects(
      withKernels(referenceKernels, async () => {
        throw new Error('async boom');
      }),
      /async boom/,
    );
    assert.equal(getKernels(), defaultKernels());
  });

  it('nested withKernels calls unwind in order', () => {
    const custom: Kernels = { ...referenceKernels, name: 'custom' };
    const names = withKernels(referenceKernels, () => [
      getKernels().name,
      withKernels(custom, () => getKernels().name),
      getKernels().name,
    ]);
    assert.deepEqual(names, ['reference', 'custom', 'reference']);
    assert.equal(getKernels(), defaultKernels());
  });
});
