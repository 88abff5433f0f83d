// The Optax-style pieces: each transformation against its formula, chain composition, purity
// (no input is ever mutated), and parameter validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  adam,
  adamw,
  addDecayedWeights,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  type GradientTransformation,
  gradientDescent,
  heavyBall,
  nesterov,
  rmsprop,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  traceMomentum,
} from '../../src/optim/index.js';
import { stepDecay } from '../../src/schedules/index.js';

const g = Float64Array.of(3, -4);
const params = Float64Array.of(1, 2);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-14): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])),
      `[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

/** Runs `steps` updates with the gradient sequence `gradients(k)` and returns the updates. */
function run<S>(
  transform: GradientTransformation<S>,
  gradients: (k: number) => Float64Array,
  steps: number,
): Float64Array[] {
  let state = transform.init(params);
  const out: Float64Array[] = [];
  for (let k = 0; k < steps; k++) {
    const [update, next] = transform.update(gradients(k), state, params);
    out.push(update);
    state = next;
  }
  return out;
}

describe('gradient transformations', () => {
  it('scaleByLearningRate scales by −η, reading a schedule at the update counter', () => {
    close(run(scaleByLearningRate(0.1), () => g, 1)[0], [-0.3, 0.4]);
    const updates = run(
      scaleByLearningRate(stepDecay({ initialValue: 1, decayFactor: 0.5, decaySteps: 2 })),
      () => g,
      5,
    );
    assert.deepEqual(
      updates.map((u) => u[0]),
      [-3, -3, -1.5, -1.5, -0.75],
    );
    assert.throws(() => scaleByLearningRate(0), /learningRate must be a finite number > 0, got 0/);
    assert.throws(
      () =>
        run(
          scaleByLearningRate(() => Number.NaN),
          () => g,
          1,
        ),
      /schedule returned NaN at step 0/,
    );
  });

  it('traceMomentum followed by −η is Polyak’s heavy ball x⁺ = x − η∇U + β(x − x⁻)', () => {
    // A quadratic U = ½·Σ λᵢxᵢ² driven by hand through init/update/applyUpdates.
    const lambda = Float64Array.of(1, 10);
    const gradient = (x: Float64Array) => x.map((v, i) => lambda[i] * v);
    const optimizer = heavyBall({ learningRate: 0.05, momentum: 0.7 });
    let state = optimizer.init(params);
    let previous: Float64Array = params;
    let x: Float64Array = params;
    for (let k = 0; k < 20; k++) {
      const [update, next] = optimizer.update(gradient(x), state, x);
      const moved = applyUpdates(x, update);
      const expected = x.map((v, i) => v - 0.05 * gradient(x)[i] + 0.7 * (v - previous[i]));
      close(moved, expected, 1e-13);
      [previous, x, state] = [x, moved, next];
    }
  });

  it('traceMomentum with nesterov returns g + β·m, with m = g + β·m⁻', () => {
    const [first, second] = run(
      traceMomentum(0.5, { nesterov: true }),
      (k) => (k === 0 ? g : Float64Array.of(1, 1)),
      2,
    );
    close(first, [3 + 0.5 * 3, -4 + 0.5 * -4]);
    // m₁ = (1, 1) + 0.5·(3, −4) = (2.5, −1); update (1, 1) + 0.5·m₁.
    close(second, [1 + 0.5 * 2.5, 1 + 0.5 * -1]);
  });

  it('scaleByRms divides by the root of the running mean square', () => {
    const [first, second] = run(scaleByRms({ decay: 0.9, epsilon: 1e-8 }), () => g, 2);
    close(first, [3 / (Math.sqrt(0.1 * 9) + 1e-8), -4 / (Math.sqrt(0.1 * 16) + 1e-8)]);
    close(second, [3 / (Math.sqrt(0.19 * 9) + 1e-8), -4 / (Math.sqrt(0.19 * 16) + 1e-8)]);
  });

  it('scaleByAdam is bias-corrected: every step on a constant gradient is g/(|g| + ε)', () => {
    for (const update of run(scaleByAdam({ b1: 0.9, b2: 0.999, epsilon: 1e-8 }), () => g, 5)) {
      close(update, [3 / (3 + 1e-8), -4 / (4 + 1e-8)], 1e-12);
    }
    // The full optimizer moves each coordinate by −η·sign(g) at first.
    close(run(adam({ learningRate: 0.01 }), () => g, 1)[0], [-0.01, 0.01], 1e-8);
  });

  it('clipByGlobalNorm rescales only gradients longer than the bound', () => {
    close(run(clipByGlobalNorm(1), () => g, 1)[0], [0.6, -0.8]);
    close(run(clipByGlobalNorm(10), () => g, 1)[0], [3, -4]);
    assert.throws(() => clipByGlobalNorm(-1), /maxNorm must be a finite number > 0/);
  });

  it('addDecayedWeights adds λ·x, and adamw applies it after the Adam scaling', () => {
    close(run(addDecayedWeights(0.1), () => g, 1)[0], [3.1, -3.8]);
    const [update] = run(adamw({ learningRate: 0.01, weightDecay: 0.1 }), () => g, 1);
    close(update, [-0.01 * (3 / (3 + 1e-8) + 0.1), -0.01 * (-4 / (4 + 1e-8) + 0.2)], 1e-12);
    assert.throws(() => addDecayedWeights(-0.1), /weightDecay must be a finite number ≥ 0/);
  });

  it('chain feeds each update into the next transformation and keeps a tuple of states', () => {
    const composed = chain(clipByGlobalNorm(1), scaleByLearningRate(2));
    const state = composed.init(params);
    assert.deepEqual(state, [null, { count: 0 }]);
    const [update, next] = composed.update(g, state, params);
    close(update, [-1.2, 1.6]);
    assert.deepEqual(next[1], { count: 1 });
    assert.equal(composed.name, 'chain(clipByGlobalNorm, scaleByLearningRate)');
    assert.throws(() => chain(), /at least one transformation/);
    assert.throws(
      () => chain({} as GradientTransformation),
      /transforms\[0\] is not a gradient transformation/,
    );
  });

  it('never mutates the gradient, the state or the parameters (property)', () => {
    const optimizers = [
      gradientDescent({ learningRate: 0.1 }),
      heavyBall({ learningRate: 0.1, momentum: 0.9 }),
      nesterov({ learningRate: 0.1, momentum: 0.9 }),
      rmsprop({ learningRate: 0.1, momentum: 0.5 }),
      adam({ clipNorm: 1 }),
      adamw(),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: optimizers.length - 1 }),
        (values, which) => {
          const optimizer = optimizers[which];
          const x = Float64Array.from(values);
          const gradient = x.map((v) => 2 * v - 1);
          let state = optimizer.init(x);
          [, state] = optimizer.update(gradient, state, x);
          const xCopy = Float64Array.from(x);
          const gradientCopy = Float64Array.from(gradient);
          const stateCopy = structuredClone(state);
          const [update] = optimizer.update(gradient, state, x);
          assert.deepEqual(x, xCopy);
          assert.deepEqual(gradient, gradientCopy);
          assert.deepEqual(state, stateCopy);
          assert.ok(update !== gradient && update.every(Number.isFinite));
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('validates hyperparameters with messages naming them', () => {
    assert.throws(
      () => heavyBall({ learningRate: 0.1, momentum: 1 }),
      /heavyBall: momentum must be a number in \[0, 1\), got 1/,
    );
    assert.throws(
      () => nesterov({ learningRate: -1, momentum: 0.5 }),
      /nesterov: learningRate must be a finite number > 0/,
    );
    assert.throws(() => scaleByAdam({ b2: 1 }), /scaleByAdam: b2 must be a number in \[0, 1\)/);
    assert.throws(() => scaleByRms({ epsilon: 0 }), /scaleByRms: epsilon must be a finite number > 0/);
    assert.throws(() => rmsprop({ learningRate: 0.1, decay: -0.1 }), /decay must be a number in \[0, 1\)/);
    assert.throws(
      () => applyUpdates(params, Float64Array.of(1)),
      /updates must have params.length = 2 entries, got 1/,
    );
  });
});
