// Newton's method: one step on a quadratic, quadratic convergence near a minimum, Levenberg
// damping where the Hessian is indefinite, and the Hessian-free (Newton-CG) variant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal } from '../../src/core/random/index.js';
import type { Energy } from '../../src/energies/energy.js';
import { minimize, type NewtonState, newton } from '../../src/optim/index.js';
import { distance, quadratic, rosenbrock } from './helpers.js';

/** ‖x_k − (1, 1)‖ along a Newton run on Rosenbrock from (0.8, 0.6). */
function rosenbrockErrors(optimizer: ReturnType<typeof newton>): number[] {
  const e = [distance([0.8, 0.6], [1, 1])];
  minimize(rosenbrock(), [0.8, 0.6], optimizer, {
    maxSteps: 40,
    gradientTolerance: 1e-14,
    onStep: (info) => {
      e.push(distance(info.position, [1, 1]));
    },
  });
  return e;
}

/** A double well in x and a parabola in y: (x⁴/4 − x²/2) + y²/2, saddle at 0, minima (±1, 0). */
const doubleWell: Energy = {
  name: 'double well',
  dimension: 2,
  energy: (p) => p[0] ** 4 / 4 - p[0] ** 2 / 2 + p[1] ** 2 / 2,
  energyAndGradient(p, gradient) {
    gradient[0] = p[0] ** 3 - p[0];
    gradient[1] = p[1];
    return p[0] ** 4 / 4 - p[0] ** 2 / 2 + p[1] ** 2 / 2;
  },
  hessian: (p) => Float64Array.of(3 * p[0] ** 2 - 1, 0, 0, 1),
};

describe('newton', () => {
  it('solves a quadratic in one step (exact Hessian, Cholesky)', () => {
    const problem = quadratic({ n: 10, condition: 1e4, seed: 5 });
    const x0 = normal(makeKey(9), 10);
    const result = minimize(problem.energy, x0, newton(), { maxSteps: 1, gradientTolerance: 1e-9 });
    assert.equal(result.steps, 1);
    assert.ok(distance(result.x, problem.minimizer) < 1e-11 * Math.hypot(...problem.minimizer));
    assert.equal(result.reason, 'gradient tolerance');
    assert.equal(result.hessianEvaluations, 1);
    // x0 and the one trial of the line search, which accepts α = 1 at once.
    assert.equal(result.gradientEvaluations, 2);
  });

  it('converges quadratically near the minimum of Rosenbrock: e_{k+1} ≤ C·e_k²', () => {
    // Measured C ≈ 3–30; a linearly convergent method with rate r would show r/e_k ≥ 1e2·r
    // for e_k < 1e-2, growing without bound.
    for (const lineSearch of [undefined, 'none' as const]) {
      const e = rosenbrockErrors(newton({ lineSearch }));
      const final = e.findIndex((v) => v < 1e-13);
      assert.ok(final > 0 && final <= 12, `reached 1e-13 at step ${final}: ${e}`);
      let checked = 0;
      for (let k = 0; k < final; k++) {
        if (e[k] < 1e-2 && e[k + 1] > 1e-14) {
          checked++;
          assert.ok(e[k + 1] <= 100 * e[k] ** 2, `step ${k + 1}: e = ${e[k + 1]} after ${e[k]}`);
        }
      }
      assert.ok(checked >= 2, `only ${checked} steps in the quadratic regime: ${e}`);
    }
  });

  it('Hessian-free Newton-CG converges superlinearly (finite-difference H·v without a Hessian)', () => {
    for (const energy of [rosenbrock(), rosenbrock({ withHessian: false })]) {
      const e: number[] = [];
      const result = minimize(energy, [0.8, 0.6], newton({ hessian: 'hessian-free' }), {
        maxSteps: 40,
        gradientTolerance: 1e-12,
        onStep: (info) => {
          e.push(distance(info.position, [1, 1]));
        },
      });
      assert.ok(result.converged, `${result.reason} after ${result.steps} steps`);
      assert.ok(result.steps <= 15, `${result.steps} steps`);
      // Superlinear: the contraction factor itself tends to 0.
      const tail = e.filter((v) => v < 1e-2 && v > 1e-12);
      for (let k = 1; k < tail.length; k++) assert.ok(tail[k] < 0.05 * tail[k - 1], `${tail}`);
      if (energy.hessianVector) assert.ok(result.hessianVectorProducts > 0);
      else assert.equal(result.hessianVectorProducts, 0);
    }
  });

  it('adds Levenberg damping where the Hessian is indefinite, and still descends to a minimum', () => {
    const states: NewtonState[] = [];
    // At (0.1, 1) H = diag(−0.97, 1): the pure Newton step would aim at the saddle (0, 0).
    const result = minimize(doubleWell, [0.1, 1], newton(), {
      maxSteps: 50,
      gradientTolerance: 1e-12,
      onStep: (info) => {
        states.push(info.state as NewtonState);
      },
    });
    assert.ok(states[0].damping > 0.97, `damping ${states[0].damping}`);
    assert.ok(result.converged);
    assert.ok(distance(result.x, [1, 0]) < 1e-10, `x = ${result.x}`);
    assert.ok(result.history.energy.every((v, k, all) => k === 0 || v <= all[k - 1]));
    // Near the minimum H is positive definite and no damping is added.
    assert.equal(states[states.length - 1].damping, 0);
  });

  it('explains what is missing or wrong', () => {
    assert.throws(
      () => minimize(rosenbrock({ withHessian: false }), [0, 0], newton()),
      /hessian: 'exact' needs an energy with a hessian\(x\) method, and energy 'rosenbrock' has none/,
    );
    assert.throws(() => newton({ hessian: 'dense' as 'exact' }), /hessian must be 'exact' or 'hessian-free'/);
    assert.throws(() => newton({ damping: -1 }), /damping must be a finite number ≥ 0/);
    assert.throws(
      () => newton({ maxConjugateGradientIterations: 0 }),
      /maxConjugateGradientIterations must be/,
    );
  });
});
