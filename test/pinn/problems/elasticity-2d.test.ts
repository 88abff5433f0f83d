import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, uniform } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { mlp } from '../../../src/models/mlp/index.js';
import {
  elasticity2d,
  elasticity2dBodyForce,
  elasticity2dExact,
  mlpNetwork,
  type PinnNetwork,
  pinnLoss,
  planeStress,
  planeStressModuli,
  sampleCollocation,
  trainPinn,
} from '../../../src/pinn/index.js';

const column = (x: T.Tensor, i: number) => T.reshape(T.slice(x, [0, i], [x.shape[0], i + 1]), [x.shape[0]]);

/** c·(u, v) of the manufactured displacement in tensor ops; its one parameter is c. */
const exactDisplacement: PinnNetwork = {
  inputSize: 2,
  outputSize: 2,
  parameterCount: 1,
  apply: (c, x) => {
    const [px, py] = [T.mul(column(x, 0), Math.PI), T.mul(column(x, 1), Math.PI)];
    const u = T.mul(T.sin(px), T.sin(py));
    const v = T.mul(T.mul(T.sin(T.mul(px, 2)), T.sin(py)), 0.5);
    return T.mul(T.stack([u, v], 1), T.reshape(c, []));
  },
};

describe('elasticity2d', () => {
  it('the manufactured displacement zeroes the loss (mixed derivatives by nested autodiff)', () => {
    const problem = elasticity2d({
      youngsModulus: 2.5,
      poissonRatio: 0.25,
      interiorCount: 100,
      boundaryCount: 40,
    });
    const batch = sampleCollocation(problem, makeKey(1));
    const exact = pinnLoss(problem, exactDisplacement, batch, T.tensor([1]));
    assert.deepEqual([...exact.terms.keys()], ['residual', 'boundary u', 'boundary v']);
    for (const [name, value] of exact.terms) assert.ok(value.data[0] < 1e-26, `${name} ${value.data[0]}`);
    // c = 2: the boundary stays exact but div σ doubles, so the residual is (−f)/E, mean square > 0.
    const doubled = pinnLoss(problem, exactDisplacement, batch, T.tensor([2])).terms;
    const force = elasticity2dBodyForce(2.5, 0.25);
    let expected = 0;
    for (let i = 0; i < 100; i++) {
      const [fx, fy] = force(batch.interior.subarray(2 * i, 2 * i + 2));
      expected += (fx * fx + fy * fy) / (2.5 * 2.5) / 100;
    }
    const residual = (doubled.get('residual') as T.Tensor).data[0];
    assert.ok(Math.abs(residual - expected) < 1e-10 * expected, `${residual} vs ${expected}`);
  });

  it('the body force equals −div σ of the displacement by finite differences of the stresses', () => {
    const [E, nu] = [3, 0.3];
    const force = elasticity2dBodyForce(E, nu);
    const h = 1e-4;
    // σ(x, y) from central differences of the displacement.
    const stress = (x: number, y: number) => {
      const d = (dx: number, dy: number, k: 0 | 1) =>
        (elasticity2dExact([x + dx, y + dy])[k] - elasticity2dExact([x - dx, y - dy])[k]) / (2 * h);
      return planeStress(E, nu, [d(h, 0, 0), d(0, h, 0), d(h, 0, 1), d(0, h, 1)]);
    };
    const points = uniform(makeKey(2), 40);
    for (let i = 0; i < 20; i++) {
      const [x, y] = [0.05 + 0.9 * points[2 * i], 0.05 + 0.9 * points[2 * i + 1]];
      const [sxxPlus, , sxyPlusX] = stress(x + h, y);
      const [sxxMinus, , sxyMinusX] = stress(x - h, y);
      const [, syyPlus, sxyPlusY] = stress(x, y + h);
      const [, syyMinus, sxyMinusY] = stress(x, y - h);
      const divX = (sxxPlus - sxxMinus + sxyPlusY - sxyMinusY) / (2 * h);
      const divY = (sxyPlusX - sxyMinusX + syyPlus - syyMinus) / (2 * h);
      const [fx, fy] = force([x, y]);
      // Nested central differences: error O(h²)·|∂⁴u| ≈ 1e-8·π⁴·E, plus round-off ~1e-16/h².
      assert.ok(Math.abs(divX + fx) < 1e-5, `f_x at (${x}, ${y}): ${fx} vs ${-divX}`);
      assert.ok(Math.abs(divY + fy) < 1e-5, `f_y at (${x}, ${y}): ${fy} vs ${-divY}`);
    }
    // Plane-stress moduli: A = E/(1 − ν²), G = E/(2(1 + ν)); a pure shear strain gives σ_xy = G γ.
    const { A, G } = planeStressModuli(E, nu);
    assert.ok(Math.abs(A - 3 / 0.91) < 1e-14 && Math.abs(G - 3 / 2.6) < 1e-14);
    assert.deepEqual(planeStress(E, nu, [0, 0.5, 0.5, 0]), [0, 0, G]);
  });

  it('trains a two-output MLP and predicts each displacement component', () => {
    const problem = elasticity2d({ interiorCount: 32, boundaryCount: 16 });
    const net = mlp({ sizes: [2, 8, 2], key: makeKey(3) });
    const result = trainPinn(problem, { network: net, adamSteps: 5, learningRate: 1e-2, key: makeKey(4) });
    assert.ok(result.lossHistory[5] < result.lossHistory[0]);
    const points = Float64Array.from([0.2, 0.3, 0.7, 0.9]);
    const both = mlpNetwork(net).apply(T.tensor(result.parameters), T.fromData(points, [2, 2]));
    assert.deepEqual(Array.from(result.predict(points)), [both.data[0], both.data[2]]);
    assert.deepEqual(Array.from(result.predict(points, 1)), [both.data[1], both.data[3]]);
    assert.throws(() => result.predict(points, 2), /output must be an integer in \[0, 1\]/);
  });

  it('rejects invalid material constants', () => {
    assert.throws(() => elasticity2d({ poissonRatio: 0.5 }), /poissonRatio must lie in \(-1, 0.5\)/);
    assert.throws(() => elasticity2d({ youngsModulus: -1 }), /youngsModulus must be a finite number > 0/);
  });
});
