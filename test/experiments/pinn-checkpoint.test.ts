import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckpointError } from '../../src/experiments/framework/errors.js';
import { decodeOptimizerState, encodeOptimizerState } from '../../src/experiments/pinn-checkpoint.js';

describe('pinn-checkpoint optimizer-state codec', () => {
  it('restores vectors and the numbers JSON cannot hold bit for bit, through JSON text', () => {
    const state = {
      moments: [Float64Array.of(1 / 3, -0, Number.MIN_VALUE), Float64Array.of(Math.PI, 1e300, -2)],
      specials: [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1],
      nested: { count: 7, flag: true, name: 'adam', nothing: null, absent: undefined },
    };
    const text = JSON.stringify(encodeOptimizerState(state));
    const restored = decodeOptimizerState(JSON.parse(text), 3) as typeof state;
    assert.deepEqual(restored.moments, state.moments);
    assert.ok(Object.is(restored.moments[0][1], -0));
    assert.ok(Object.is(restored.specials[1], -0));
    assert.deepEqual(restored.specials, state.specials);
    // An absent optional field stays absent rather than becoming null.
    assert.deepEqual(restored.nested, { count: 7, flag: true, name: 'adam', nothing: null });
  });

  it('refuses what it cannot restore, naming where it sits', () => {
    assert.throws(
      () => encodeOptimizerState({ pairs: [new Float32Array(2)] }),
      /optimizer state.pairs\[0\] cannot be checkpointed/,
    );
    const encoded = encodeOptimizerState({ moment: new Float64Array(4) });
    assert.throws(
      () => decodeOptimizerState(encoded, 5),
      (error: unknown) =>
        error instanceof CheckpointError &&
        /optimizerState.moment holds 4 numbers, expected 5/.test(error.message),
    );
    assert.throws(
      () => decodeOptimizerState({ number: 'many' }, 1),
      /optimizerState is not a number: "many"/,
    );
    assert.throws(
      () => decodeOptimizerState({ something: 1 }, 1),
      /optimizerState is not an encoded optimizer state/,
    );
  });
});
