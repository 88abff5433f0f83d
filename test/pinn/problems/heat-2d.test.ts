import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  derivativesAt,
  heat2d,
  heat2dExact,
  type PinnNetwork,
  pinnLoss,
  type SpaceTimeDomain,
  sampleCollocation,
  testGrid,
} from '../../../src/pinn/index.js';

const column = (x: T.Tensor, i: number) => T.reshape(T.slice(x, [0, i], [x.shape[0], i + 1]), [x.shape[0]]);

/** e^{−2kπ²t} sin πx sin πy in tensor ops, its one parameter the conductivity k. */
const exactHeat2d: PinnNetwork = {
  inputSize: 3,
  outputSize: 1,
  parameterCount: 1,
  apply: (k, x) => {
    const decay = T.exp(T.mul(T.mul(column(x, 2), T.reshape(k, [])), -2 * Math.PI * Math.PI));
    const modes = T.mul(T.sin(T.mul(column(x, 0), Math.PI)), T.sin(T.mul(column(x, 1), Math.PI)));
    return T.reshape(T.mul(decay, modes), [x.shape[0], 1]);
  },
};

describe('heat2d', () => {
  it('samples the square × [0, T]: lateral boundary with spatial normals, initial slice at t = 0', () => {
    const problem = heat2d({ duration: 0.5, interiorCount: 300, boundaryCount: 200, initialCount: 50 });
    const domain = problem.domain as SpaceTimeDomain;
    assert.deepEqual(
      [domain.low, domain.high],
      [
        [0, 0, 0],
        [1, 1, 0.5],
      ],
    );
    const batch = sampleCollocation(problem, makeKey(1));
    for (let i = 0; i < 300; i++) {
      const p = batch.interior.subarray(3 * i, 3 * i + 3);
      assert.ok(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1 && p[2] >= 0 && p[2] <= 0.5);
    }
    const boundary = batch.conditions[0];
    const normals = boundary.normals as Float64Array;
    for (let i = 0; i < 200; i++) {
      const [x, y, t] = boundary.points.subarray(3 * i, 3 * i + 3);
      const [nx, ny, nt] = normals.subarray(3 * i, 3 * i + 3);
      // On a face of the square, with the normal of that face and no time component.
      const onFace =
        (nx === -1 && x === 0) || (nx === 1 && x === 1) || (ny === -1 && y === 0) || (ny === 1 && y === 1);
      assert.ok(onFace && Math.abs(nx) + Math.abs(ny) === 1 && nt === 0, `${x} ${y} (${nx}, ${ny})`);
      assert.ok(t >= 0 && t <= 0.5);
    }
    const start = batch.conditions[1];
    for (let i = 0; i < 50; i++) {
      const [x, y, t] = start.points.subarray(3 * i, 3 * i + 3);
      assert.equal(t, 0);
      assert.equal((start.targets as Float64Array)[i], Math.sin(Math.PI * x) * Math.sin(Math.PI * y));
    }
    // A 5-point-per-axis test grid covers the cylinder: 125 points.
    assert.equal(testGrid(domain, 5).length, 125 * 3);
  });

  it('the exact solution zeroes every loss term (nested autodiff), a wrong k leaves a residual', () => {
    const problem = heat2d({ conductivity: 0.3, interiorCount: 200, boundaryCount: 64, initialCount: 64 });
    const batch = sampleCollocation(problem, makeKey(2));
    const exact = pinnLoss(problem, exactHeat2d, batch, T.tensor([0.3]));
    assert.deepEqual([...exact.terms.keys()], ['residual', 'boundary', 'initial']);
    for (const [name, value] of exact.terms) assert.ok(value.data[0] < 1e-28, `${name} ${value.data[0]}`);
    // With k' = 0.2 the residual is u_t − 0.3Δu = 2π²(0.3 − 0.2)u, mean square > 0.
    const wrong = pinnLoss(problem, exactHeat2d, batch, T.tensor([0.2]));
    assert.ok((wrong.terms.get('residual') as T.Tensor).data[0] > 0.05);
    // The same derivatives by hand: u_t = −2kπ²u and Δu = −2π²u at a few points.
    const x = T.fromData(batch.interior.slice(0, 15), [5, 3]);
    const d = derivativesAt(exactHeat2d, T.tensor([0.3]), x, { axisNames: ['x', 'y', 't'] });
    const u = heat2dExact(0.3);
    for (let i = 0; i < 5; i++) {
      const value = u(batch.interior.subarray(3 * i, 3 * i + 3));
      assert.ok(Math.abs(d.value().data[i] - value) < 1e-15);
      assert.ok(Math.abs(d.first('t').data[i] + 2 * 0.3 * Math.PI ** 2 * value) < 1e-13);
      assert.ok(Math.abs(d.laplacian(['x', 'y']).data[i] + 2 * Math.PI ** 2 * value) < 1e-12);
    }
  });

  it('rejects a non-positive conductivity', () => {
    assert.throws(() => heat2d({ conductivity: 0 }), /conductivity must be a finite number > 0/);
  });
});
