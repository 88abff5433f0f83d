// The driver: phases (Adam → L-BFGS), evaluation counting, stopping rules, callbacks,
// autodiff energies, and input validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { add, mul, slice, square, sub, sum } from '../../src/core/tensor/index.js';
import { energyFromTensorFunction } from '../../src/energies/energy.js';
import { adam, gradientDescent, lbfgs, minimize, newton, rmsprop } from '../../src/optim/index.js';
import { distance, quadratic, rosenbrock } from './helpers.js';

describe('minimize', () => {
  it('switching Adam → L-BFGS reaches a far tighter tolerance than Adam alone on the same budget', () => {
    const valley = rosenbrock();
    const switched = minimize(
      valley,
      [-1.2, 1],
      { phases: [{ optimizer: adam({ learningRate: 0.05 }), steps: 300 }, { optimizer: lbfgs() }] },
      { maxSteps: 400, gradientTolerance: 1e-10 },
    );
    assert.equal(switched.reason, 'gradient tolerance');
    assert.deepEqual(
      switched.phases.map((p) => [p.optimizer, p.startStep]),
      [
        ['Adam', 1],
        ['L-BFGS', 301],
      ],
    );
    assert.equal(switched.phases[0].steps, 300);
    assert.equal(switched.steps, 300 + switched.phases[1].steps);
    // Adam alone gets exactly as many gradient evaluations as the switched run used.
    const alone = minimize(valley, [-1.2, 1], adam({ learningRate: 0.05 }), {
      maxSteps: switched.gradientEvaluations - 1,
      gradientTolerance: 1e-10,
    });
    assert.equal(alone.gradientEvaluations, switched.gradientEvaluations);
    const switchedError = distance(switched.x, [1, 1]);
    const aloneError = distance(alone.x, [1, 1]);
    assert.ok(switchedError < 1e-9, `Adam → L-BFGS: ‖x − x*‖ = ${switchedError}`);
    assert.ok(aloneError > 1e3 * switchedError && aloneError > 1e-3, `Adam alone: ‖x − x*‖ = ${aloneError}`);
  });

  it('counts evaluations: one per first-order step plus the start; line-search trials for L-BFGS', () => {
    const problem = quadratic();
    const first = minimize(problem.energy, new Float64Array(10), gradientDescent({ learningRate: 0.01 }), {
      maxSteps: 25,
    });
    assert.equal(first.steps, 25);
    assert.equal(first.reason, 'max steps');
    assert.equal(first.gradientEvaluations, 26);
    assert.deepEqual([first.history.energy.length, first.history.gradientNorm.length], [26, 26]);
    assert.equal(first.energyEvaluations + first.hessianEvaluations + first.hessianVectorProducts, 0);
    const quasi = minimize(problem.energy, new Float64Array(10), lbfgs(), { maxSteps: 25 });
    assert.ok(quasi.gradientEvaluations > quasi.steps);
    const second = minimize(problem.energy, new Float64Array(10), newton({ hessian: 'hessian-free' }), {
      maxSteps: 3,
    });
    assert.ok(second.hessianVectorProducts > 0);
  });

  it('stops at the start when the gradient is already small, and when the callback returns false', () => {
    const problem = quadratic();
    const atMinimum = minimize(problem.energy, problem.minimizer, lbfgs(), { gradientTolerance: 1e-8 });
    assert.deepEqual(
      [atMinimum.steps, atMinimum.reason, atMinimum.converged],
      [0, 'gradient tolerance', true],
    );
    const seen: number[] = [];
    const stopped = minimize(problem.energy, new Float64Array(10), rmsprop({ learningRate: 1e-3 }), {
      onStep: (info) => {
        seen.push(info.step);
        assert.equal(info.optimizer, 'RMSProp');
        assert.ok(Math.abs(info.gradientNorm - Math.hypot(...info.gradient)) < 1e-14 * info.gradientNorm);
        return info.step < 7;
      },
    });
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual([stopped.steps, stopped.reason], [7, 'stopped by callback']);
    const phased = minimize(problem.energy, new Float64Array(10), {
      phases: [
        { optimizer: gradientDescent({ learningRate: 1e-3 }), steps: 2 },
        { optimizer: adam(), steps: 3 },
      ],
    });
    assert.deepEqual([phased.steps, phased.reason], [5, 'phases completed']);
  });

  it('runs energies built by autodiff (energyFromTensorFunction)', () => {
    // Rosenbrock written with tensor ops: (1 − x₀)² + 100(x₁ − x₀²)².
    const energy = energyFromTensorFunction('rosenbrock (autodiff)', 2, (x) => {
      const first = slice(x, [0], [1]);
      const second = slice(x, [1], [2]);
      return sum(add(square(sub(1, first)), mul(100, square(sub(second, square(first))))));
    });
    for (const optimizer of [lbfgs(), newton()]) {
      const result = minimize(energy, [-1.2, 1], optimizer, { maxSteps: 100, gradientTolerance: 1e-9 });
      assert.ok(result.converged, `${result.reason}`);
      assert.ok(distance(result.x, [1, 1]) < 1e-8);
    }
  });

  it('rejects bad input with messages naming the parameter', () => {
    const problem = quadratic();
    const gd = gradientDescent({ learningRate: 0.01 });
    assert.throws(
      () => minimize(problem.energy, [1, 2], gd),
      /x0 must have energy.dimension = 10 entries, got 2/,
    );
    assert.throws(
      () => minimize(problem.energy, new Float64Array(10).fill(Number.NaN), gd),
      /x0 must be finite, but x0\[0\] = NaN/,
    );
    assert.throws(
      () => minimize(problem.energy, new Float64Array(10), gd, { maxSteps: 1.5 }),
      /maxSteps must be an integer ≥ 0/,
    );
    assert.throws(
      () => minimize(problem.energy, new Float64Array(10), gd, { gradientTolerance: -1 }),
      /gradientTolerance must be a number ≥ 0/,
    );
    assert.throws(
      () => minimize(problem.energy, new Float64Array(10), gd, { divergence: { maxNorm: 0 } }),
      /divergence.maxNorm must be a number > 0/,
    );
    assert.throws(
      () =>
        minimize(problem.energy, new Float64Array(10), {
          phases: [{ optimizer: gd }, { optimizer: lbfgs() }],
        }),
      /phases\[0\].steps must be an integer ≥ 0 \(only the last phase may omit it\)/,
    );
    assert.throws(
      () => minimize(problem.energy, new Float64Array(10), { phases: [] }),
      /phases must be a non-empty array/,
    );
    const broken = { ...problem.energy, energyAndGradient: () => Number.NaN };
    assert.throws(
      () => minimize(broken, new Float64Array(10), gd),
      /starting point is not usable: non-finite energy/,
    );
  });
});
