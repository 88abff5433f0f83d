import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  burgers,
  burgersColeHopf,
  burgersResidual,
  type PinnNetwork,
  pinnLoss,
  sampleCollocation,
} from '../../../src/pinn/index.js';

const solution = burgersColeHopf();
const step = 1e-6;

/** u, u_t, u_x, u_xx of the Cole–Hopf solution (u_x exact, u_t and u_xx by differences). */
function exactDerivatives(x: number, t: number) {
  const { u, ux } = solution.evaluate(x, t);
  const ut =
    t >= step
      ? (solution.u(x, t + step) - solution.u(x, t - step)) / (2 * step)
      : (-3 * u + 4 * solution.u(x, t + step) - solution.u(x, t + 2 * step)) / (2 * step);
  const uxx = (solution.ux(x + step, t) - solution.ux(x - step, t)) / (2 * step);
  return { u, ut, ux, uxx };
}

/**
 * A "network" that is the exact solution: its Taylor pass returns Cole–Hopf values and
 * derivatives as constants, so the problem's loss can be evaluated on it.
 */
const exactNetwork: PinnNetwork = {
  inputSize: 2,
  outputSize: 1,
  parameterCount: 1,
  apply: (_parameters, x) => {
    const b = x.shape[0];
    return T.fromData(
      Float64Array.from({ length: b }, (_, i) => solution.u(x.data[2 * i], x.data[2 * i + 1])),
      [b, 1],
    );
  },
  taylor: (_parameters, x) => {
    const b = x.shape[0];
    const value = new Float64Array(b);
    const gradient = new Float64Array(2 * b);
    const second = new Float64Array(2 * b);
    for (let i = 0; i < b; i++) {
      const d = exactDerivatives(x.data[2 * i], x.data[2 * i + 1]);
      value[i] = d.u;
      gradient[2 * i] = d.ux;
      gradient[2 * i + 1] = d.ut;
      second[2 * i] = d.uxx;
    }
    return {
      value: T.fromData(value, [b, 1]),
      gradient: T.fromData(gradient, [b, 2, 1]),
      secondDiagonal: T.fromData(second, [b, 2, 1]),
    };
  },
};

describe('burgers problem', () => {
  it('the Cole–Hopf solution makes every loss term vanish; a wrong viscosity does not', () => {
    const problem = burgers({ interiorCount: 200, boundaryCount: 20, initialCount: 20 });
    assert.deepEqual(problem.axisNames, ['x', 't']);
    assert.deepEqual([...problem.domain.low, ...problem.domain.high], [-1, 0, 1, 1]);
    const batch = sampleCollocation(problem, makeKey(5));
    const { terms } = pinnLoss(problem, exactNetwork, batch, T.zeros([1]));
    const value = (name: string) => (terms.get(name) as T.Tensor).data[0];
    // The scale: mean square of u_t alone over the same points.
    let scale = 0;
    for (let i = 0; i < 200; i++)
      scale += exactDerivatives(batch.interior[2 * i], batch.interior[2 * i + 1]).ut ** 2;
    scale /= 200;
    // Measured 7e-15 (the difference quotients' error).
    assert.ok(value('residual') < 1e-12 * scale, `residual ${value('residual')}, scale ${scale}`);
    assert.ok(value('boundary') < 1e-26, `boundary ${value('boundary')}`);
    assert.ok(value('initial') < 1e-26, `initial ${value('initial')}`);
    const wrong = burgers({ viscosity: 0.1, interiorCount: 200, boundaryCount: 20, initialCount: 20 });
    const wrongResidual = pinnLoss(wrong, exactNetwork, batch, T.zeros([1])).terms.get(
      'residual',
    ) as T.Tensor;
    assert.ok(wrongResidual.data[0] > 1e-4 * scale, `ν = 0.1: ${wrongResidual.data[0]}`);
  });

  it('the residual is u_t + u u_x − ν u_xx, and the exact solution is Cole–Hopf', () => {
    const r = burgersResidual(
      0.5,
      T.fromData(Float64Array.of(2, -1), [2]),
      T.fromData(Float64Array.of(1, 0), [2]),
      T.fromData(Float64Array.of(3, 4), [2]),
      T.fromData(Float64Array.of(2, -2), [2]),
    );
    assert.deepEqual(Array.from(r.data), [1 + 6 - 1, 0 - 4 + 1]);
    const problem = burgers({ interiorCount: 8 });
    const exact = problem.exact as (p: Float64Array) => number;
    assert.equal(exact(Float64Array.of(0.3, 0.4)), solution.u(0.3, 0.4));
    assert.equal(problem.interiorCount, 8);
    assert.equal(burgers().interiorCount, 10_000);
    assert.throws(() => burgers({ viscosity: 0 }), /viscosity must be a finite number > 0/);
  });
});
