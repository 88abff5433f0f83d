import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { gradientOf, rosenbrockEnergy } from '../../src/energies/index.js';
import { checkEnergy, randomPoints } from './check-energy.js';

/** Σ b(x_{i+1} − x_i²)² + (a − x_i)² with tensor ops. */
const rosenbrockFormula = (n: number, a: number, b: number) => (x: T.Tensor) => {
  const head = T.slice(x, [0], [n - 1]);
  const tail = T.slice(x, [1]);
  const valley = T.sub(tail, T.square(head));
  return T.sum(T.add(T.mul(b, T.square(valley)), T.square(T.sub(a, head))));
};

describe('rosenbrockEnergy', () => {
  it('matches the autodiff formula in 2, 3 and 10 dimensions, for several (a, b)', () => {
    for (const [n, a, b] of [
      [2, 1, 100],
      [3, 0.5, 10],
      [10, 1, 100],
    ]) {
      const energy = rosenbrockEnergy({ dimension: n, a, b });
      checkEnergy(energy, rosenbrockFormula(n, a, b), randomPoints(makeKey(n), 4, n, 1.5), makeKey(100 + n), {
        differenceTolerance: 1e-6,
      });
    }
  });

  it('has its global minimum U = 0 with zero gradient at (1, …, 1)', () => {
    for (const n of [2, 5, 10, 50]) {
      const energy = rosenbrockEnergy({ dimension: n });
      assert.deepEqual(Array.from(energy.minimizer ?? []), new Array(n).fill(1));
      assert.equal(energy.minimum, 0);
      assert.equal(energy.energy(energy.minimizer!), 0);
      assert.ok(gradientOf(energy, energy.minimizer!).every((g) => g === 0));
      // The Hessian there is positive definite: a strict minimum (check a few directions).
      for (const v of randomPoints(makeKey(7), 5, n)) {
        const hv = new Float64Array(n);
        energy.hessianVector(energy.minimizer!, v, hv);
        assert.ok(hv.reduce((s, h, i) => s + h * v[i], 0) > 0);
      }
    }
  });

  it('puts the 2-D minimum at (a, a²), and knows no closed form for a ≠ 0, 1 in n > 2', () => {
    const energy = rosenbrockEnergy({ a: 2, b: 5 });
    assert.deepEqual(Array.from(energy.minimizer!), [2, 4]);
    assert.equal(energy.energy(energy.minimizer!), 0);
    assert.equal(rosenbrockEnergy({ dimension: 3, a: 2 }).minimizer, null);
    assert.deepEqual(Array.from(rosenbrockEnergy({ dimension: 3, a: 0 }).minimizer!), [0, 0, 0]);
  });

  it('takes the textbook values U(0) = (n − 1)a² and U(−1, 1) = 4 in 2-D', () => {
    assert.equal(rosenbrockEnergy({ dimension: 7, a: 1.5 }).energy(new Float64Array(7)), 6 * 2.25);
    assert.equal(rosenbrockEnergy().energy(Float64Array.of(-1, 1)), 4);
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(() => rosenbrockEnergy({ dimension: 1 }), /dimension must be an integer ≥ 2, got 1/);
    assert.throws(() => rosenbrockEnergy({ b: 0 }), /b must be a finite number > 0/);
    assert.throws(() => rosenbrockEnergy({ a: Number.POSITIVE_INFINITY }), /a must be a finite number/);
  });
});
