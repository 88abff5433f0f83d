import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrad, hessian } from '../../src/core/autodiff/index.js';
import { makeKey, normal, uniform } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { mlp } from '../../src/models/mlp/index.js';
import {
  derivativesAt,
  dirichlet,
  disk,
  heat1d,
  interval,
  mlpNetwork,
  neumann,
  type PinnNetwork,
  periodic,
  pinnEnergy,
  pinnLoss,
  pinnProblem,
  poisson2d,
  rectangle,
  sampleCollocation,
} from '../../src/pinn/index.js';

const column = (x: T.Tensor, i: number) => T.reshape(T.slice(x, [0, i], [x.shape[0], i + 1]), [x.shape[0]]);

/** The exact heat solution as a "network" whose one parameter is the conductivity k. */
const exactHeat: PinnNetwork = {
  inputSize: 2,
  outputSize: 1,
  parameterCount: 1,
  apply: (k, x) => {
    const decay = T.exp(T.mul(T.mul(column(x, 1), T.reshape(k, [])), -Math.PI * Math.PI));
    return T.reshape(T.mul(decay, T.sin(T.mul(column(x, 0), Math.PI))), [x.shape[0], 1]);
  },
};

/** u = sin πx sin πy with no parameters used (one dummy parameter scales nothing). */
const exactPoisson: PinnNetwork = {
  inputSize: 2,
  outputSize: 1,
  parameterCount: 1,
  apply: (p, x) => {
    const u = T.mul(T.sin(T.mul(column(x, 0), Math.PI)), T.sin(T.mul(column(x, 1), Math.PI)));
    return T.reshape(T.mul(u, T.reshape(p, [])), [x.shape[0], 1]);
  },
};

describe('derivativesAt', () => {
  it('Taylor mode agrees with nested autodiff on a random MLP, mixed derivatives with the Hessian', () => {
    const net = mlp({ sizes: [3, 8, 6, 2], activation: 'tanh', key: makeKey(11) });
    const network = mlpNetwork(net);
    const x = T.fromData(normal(makeKey(12), 5 * 3), [5, 3]);
    const p = T.tensor(net.parameters);
    const taylor = derivativesAt(network, p, x, { axisNames: ['x', 'y', 't'] });
    const nested = derivativesAt(network, p, x, { axisNames: ['x', 'y', 't'], forceAutodiff: true });
    const close = (a: T.Tensor, b: T.Tensor, what: string) => {
      for (let i = 0; i < a.size; i++) assert.ok(Math.abs(a.data[i] - b.data[i]) < 1e-13, what);
    };
    for (const k of [0, 1]) {
      close(taylor.value(k), nested.value(k), 'u');
      for (const axis of ['x', 'y', 't']) {
        close(taylor.first(axis, k), nested.first(axis, k), `u_${axis}`);
        close(taylor.second(axis, axis, k), nested.second(axis, axis, k), `u_${axis}${axis}`);
      }
      close(taylor.laplacian(undefined, k), nested.laplacian(undefined, k), 'Δu');
    }
    // A mixed derivative against the Hessian of one point.
    const point = T.slice(x, [2], [3]);
    const h = hessian((y: T.Tensor) => T.sum(T.slice(net.apply(net.parameters, y), [0, 1], [1, 2])))(point);
    assert.ok(Math.abs(taylor.second('x', 't', 1).data[2] - h.data[0 * 3 + 2]) < 1e-13);
    assert.throws(() => taylor.first('z'), /axis must be one of x, y, t/);
    assert.throws(() => taylor.value(2), /output must be an integer in \[0, 1\]/);
  });
});

describe('pinnLoss', () => {
  it('is zero to round-off for the exact heat solution, and not for a wrong conductivity', () => {
    const problem = heat1d({ conductivity: 0.7, interiorCount: 200 });
    const batch = sampleCollocation(problem, makeKey(1));
    const exact = pinnLoss(problem, exactHeat, batch, T.tensor([0.7]));
    for (const [name, value] of exact.terms) assert.ok(value.data[0] < 1e-28, `${name} ${value.data[0]}`);
    const wrong = pinnLoss(problem, exactHeat, batch, T.tensor([0.5]));
    assert.ok((wrong.terms.get('residual') as T.Tensor).data[0] > 1e-2);
  });

  it('is zero to round-off for the exact Poisson solution (Laplacian through autodiff)', () => {
    const problem = poisson2d({ interiorCount: 200, boundaryCount: 50 });
    const batch = sampleCollocation(problem, makeKey(2));
    assert.ok(pinnLoss(problem, exactPoisson, batch, T.tensor([1])).total.data[0] < 1e-25);
    // Scaling u by 2 leaves the boundary exact but doubles −Δu: residual = f, mean f² > 0.
    assert.ok(pinnLoss(problem, exactPoisson, batch, T.tensor([2])).total.data[0] > 10);
  });

  it('measures Neumann and periodic misfits exactly', () => {
    // u = c (x² + y²) on the disk of radius 2: ∂u/∂n = 4c, Δu = 4c.
    const quadratic: PinnNetwork = {
      inputSize: 2,
      outputSize: 1,
      parameterCount: 1,
      apply: (c, x) => T.reshape(T.mul(T.sum(T.square(x), 1), T.reshape(c, [])), [x.shape[0], 1]),
    };
    const diskProblem = pinnProblem({
      name: 'neumann check',
      domain: disk([0, 0], 2),
      residual: ({ derivatives: d }) => T.sub(d.laplacian(), 4),
      conditions: [neumann(4, { count: 40 })],
      interiorCount: 30,
    });
    const batch = sampleCollocation(diskProblem, makeKey(3));
    assert.ok(pinnLoss(diskProblem, quadratic, batch, T.tensor([1])).total.data[0] < 1e-24);
    // c = 2: residual 4 and flux misfit 4, each mean square 16.
    const terms = pinnLoss(diskProblem, quadratic, batch, T.tensor([2])).terms;
    assert.ok(Math.abs((terms.get('neumann') as T.Tensor).data[0] - 16) < 1e-10);
    // u = sin(2πx) + c·x on [0, 1]²: periodic in x iff c = 0; the misfit is c².
    const wave: PinnNetwork = {
      inputSize: 2,
      outputSize: 1,
      parameterCount: 1,
      apply: (c, x) => {
        const u = T.add(T.sin(T.mul(column(x, 0), 2 * Math.PI)), T.mul(column(x, 0), T.reshape(c, [])));
        return T.reshape(T.add(u, column(x, 1)), [x.shape[0], 1]);
      },
    };
    const periodicProblem = pinnProblem({
      name: 'periodic check',
      domain: rectangle([0, 0], [1, 1]),
      axisNames: ['x', 'y'],
      residual: ({ u }) => T.mul(u, 0),
      conditions: [periodic('x', { count: 20, derivative: true })],
      interiorCount: 5,
    });
    const periodicBatch = sampleCollocation(periodicProblem, makeKey(4));
    assert.ok(pinnLoss(periodicProblem, wave, periodicBatch, T.tensor([0])).total.data[0] < 1e-28);
    const misfit = pinnLoss(periodicProblem, wave, periodicBatch, T.tensor([0.5])).total.data[0];
    assert.ok(Math.abs(misfit - 0.25) < 1e-12, `${misfit}`);
  });

  it('restricts a Dirichlet condition to the boundary part where `where` holds', () => {
    const problem = pinnProblem({
      name: 'left end',
      domain: interval(0, 1),
      residual: ({ u }) => T.mul(u, 0),
      conditions: [dirichlet((p) => p[0] + 3, { count: 10, where: (p) => p[0] === 0 })],
      interiorCount: 4,
    });
    const batch = sampleCollocation(problem, makeKey(5));
    assert.deepEqual(Array.from(batch.conditions[0].points), new Array(10).fill(0));
    assert.deepEqual(Array.from(batch.conditions[0].targets as Float64Array), new Array(10).fill(3));
  });

  it('has a parameter gradient matching finite differences (Taylor mode inside reverse mode)', () => {
    const problem = heat1d({ conductivity: 0.3, interiorCount: 24, boundaryCount: 8, initialCount: 8 });
    const net = mlp({ sizes: [2, 6, 6, 1], activation: 'tanh', key: makeKey(6) });
    const network = mlpNetwork(net);
    const batch = sampleCollocation(problem, makeKey(7));
    const report = checkGrad((p) => pinnLoss(problem, network, batch, p).total, T.tensor(net.parameters), {
      tolerance: 1e-7,
      directions: 4,
    });
    assert.ok(report.ok);
    // The Energy wrapper gives the same value and gradient.
    const energy = pinnEnergy(problem, network, batch);
    const g = new Float64Array(net.parameterCount);
    const value = energy.energyAndGradient(net.parameters, g);
    assert.equal(value, energy.energy(net.parameters));
    const u = uniform(makeKey(8), net.parameterCount);
    const h = 1e-6;
    const plus = Float64Array.from(net.parameters, (v, i) => v + h * u[i]);
    const minus = Float64Array.from(net.parameters, (v, i) => v - h * u[i]);
    const directional = (energy.energy(plus) - energy.energy(minus)) / (2 * h);
    const exact = g.reduce((s, gi, i) => s + gi * u[i], 0);
    assert.ok(Math.abs(directional - exact) < 1e-7 * Math.max(1, Math.abs(exact)));
  });
});
