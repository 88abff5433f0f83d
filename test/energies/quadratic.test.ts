import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eigh, fromRows, matrix } from '../../src/core/linalg/index.js';
import { makeKey, normal, split } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { gradientOf, illConditionedQuadratic, quadraticEnergy } from '../../src/energies/index.js';
import { checkEnergy, randomPoints, relativeError } from './check-energy.js';

/** ½xᵀAx − bᵀx with tensor ops. */
const quadraticFormula = (a: Float64Array, b: Float64Array, n: number) => {
  const at = new T.Tensor(Float64Array.from(a), [n, n]);
  const bt = new T.Tensor(Float64Array.from(b), [n]);
  return (x: T.Tensor) => T.sub(T.mul(0.5, T.sum(T.mul(x, T.matmul(at, x)))), T.sum(T.mul(bt, x)));
};

describe('quadraticEnergy', () => {
  const a = fromRows([
    [4, 1, 0.5],
    [1, 3, -0.2],
    [0.5, -0.2, 2],
  ]);
  const b = Float64Array.of(1, -2, 0.5);

  it('matches the autodiff formula: value, gradient, H·v, Hessian', () => {
    const energy = quadraticEnergy({ matrix: a, vector: b });
    checkEnergy(energy, quadraticFormula(a.data, b, 3), randomPoints(makeKey(1), 5, 3, 2), makeKey(2));
  });

  it('has its minimum where Ax = b, with U* = −½ bᵀx*', () => {
    const energy = quadraticEnergy({ matrix: a, vector: b });
    const g = gradientOf(energy, energy.minimizer);
    assert.ok(Math.max(...g.map(Math.abs)) < 1e-14, `∇U(x*) = ${g}`);
    assert.ok(Math.abs(energy.energy(energy.minimizer) - energy.minimum) < 1e-14);
    // Any other point is higher: U(x* + d) − U* = ½dᵀAd > 0.
    for (const d of randomPoints(makeKey(3), 10, 3, 0.1)) {
      const x = Float64Array.from(energy.minimizer, (v, i) => v + d[i]);
      assert.ok(energy.energy(x) > energy.minimum);
    }
  });

  it('takes A as a Matrix, a flat row-major array or rows, and b defaults to zero', () => {
    const x = Float64Array.of(0.3, -1, 2);
    const fromMatrix = quadraticEnergy({ matrix: a });
    const fromFlat = quadraticEnergy({ matrix: Array.from(a.data) });
    const fromNested = quadraticEnergy({
      matrix: [
        [4, 1, 0.5],
        [1, 3, -0.2],
        [0.5, -0.2, 2],
      ],
    });
    assert.equal(fromFlat.energy(x), fromMatrix.energy(x));
    assert.equal(fromNested.energy(x), fromMatrix.energy(x));
    assert.deepEqual(Array.from(fromMatrix.minimizer), [0, 0, 0]);
    assert.equal(fromMatrix.minimum, 0);
  });

  it('a diagonal A takes the fast path with the same values as the dense one', () => {
    const diagonal = quadraticEnergy({ matrix: matrix(3, 3, [2, 0, 0, 0, 5, 0, 0, 0, 7]), vector: b });
    const x = Float64Array.of(1, 2, 3);
    const g = new Float64Array(3);
    const u = diagonal.energyAndGradient(x, g);
    assert.equal(u, 0.5 * (2 + 20 + 63) - (1 - 4 + 1.5));
    assert.deepEqual(Array.from(g), [2 - 1, 10 + 2, 21 - 0.5]);
    assert.deepEqual(Array.from(diagonal.minimizer), [0.5, -0.4, 0.5 / 7]);
  });

  it('rejects a non-symmetric, indefinite or misshapen A and a wrong-length b', () => {
    assert.throws(() => quadraticEnergy({ matrix: [1, 2, 0, 1] }), /matrix must be symmetric/);
    assert.throws(
      () => quadraticEnergy({ matrix: [1, 2, 2, 1] }),
      /matrix must be symmetric positive definite/,
    );
    assert.throws(() => quadraticEnergy({ matrix: [1, 0, 0, -1] }), /positive definite.*diagonal entry 1/);
    assert.throws(() => quadraticEnergy({ matrix: [1, 2, 3] }), /matrix must hold n² entries/);
    assert.throws(
      () => quadraticEnergy({ matrix: [1, 0, 0, Number.NaN] }),
      /matrix\[3\] must be a finite number/,
    );
    assert.throws(() => quadraticEnergy({ matrix: a, vector: [1, 2] }), /vector must have 3 entries/);
    assert.throws(() => quadraticEnergy({ matrix: a }).energy(new Float64Array(2)), /x must have length 3/);
  });
});

describe('illConditionedQuadratic', () => {
  it('has eigenvalues log-spaced in [1, κ] and κ exactly, rotated by a key', () => {
    const energy = illConditionedQuadratic({ dimension: 20, conditionNumber: 1e4, key: makeKey(5) });
    const { values } = eigh(energy.matrix);
    assert.ok(relativeError(values, energy.eigenvalues) < 1e-12, 'eigh(A) = the promised spectrum');
    assert.equal(energy.eigenvalues[0], 1);
    assert.equal(energy.eigenvalues[19], 1e4);
    for (let i = 1; i < 20; i++) {
      const ratio = energy.eigenvalues[i] / energy.eigenvalues[i - 1];
      assert.ok(Math.abs(ratio - 1e4 ** (1 / 19)) < 1e-12, 'constant ratio: log-spaced');
    }
    // A rotated A is dense (a diagonal one would have zero off-diagonal entries).
    assert.ok(Math.abs(energy.matrix.data[1]) > 1e-6);
    assert.notEqual(energy.rotation, null);
  });

  it('is diagonal without a key and deterministic with one', () => {
    const plain = illConditionedQuadratic({ dimension: 4, conditionNumber: 8 });
    const expected = [1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 4, 0, 0, 0, 0, 8];
    assert.ok(
      relativeError(plain.matrix.data, expected) < 1e-15,
      `diag(1, 2, 4, 8), got ${plain.matrix.data}`,
    );
    assert.equal(plain.rotation, null);
    const [k] = split(makeKey(9), 1);
    const first = illConditionedQuadratic({ dimension: 6, conditionNumber: 10, key: k });
    const second = illConditionedQuadratic({ dimension: 6, conditionNumber: 10, key: k });
    assert.deepEqual(first.matrix.data, second.matrix.data);
  });

  it('puts the minimum at the requested minimizer', () => {
    const target = normal(makeKey(11), 8);
    const energy = illConditionedQuadratic({
      dimension: 8,
      conditionNumber: 100,
      key: makeKey(12),
      minimizer: target,
      smallestEigenvalue: 0.5,
    });
    assert.deepEqual(energy.minimizer, target);
    const g = gradientOf(energy, target);
    assert.ok(Math.max(...g.map(Math.abs)) < 1e-12, 'gradient vanishes at the minimizer');
    assert.ok(Math.abs(energy.energy(target) - energy.minimum) < 1e-12);
    assert.equal(energy.eigenvalues[0], 0.5);
    assert.ok(Math.abs(energy.eigenvalues[7] - 50) < 1e-12);
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(
      () => illConditionedQuadratic({ dimension: 0, conditionNumber: 10 }),
      /dimension must be an integer ≥ 1/,
    );
    assert.throws(
      () => illConditionedQuadratic({ dimension: 3, conditionNumber: 0.5 }),
      /conditionNumber must be ≥ 1/,
    );
    assert.throws(
      () => illConditionedQuadratic({ dimension: 3, conditionNumber: 10, smallestEigenvalue: -1 }),
      /smallestEigenvalue must be a finite number > 0/,
    );
  });
});
