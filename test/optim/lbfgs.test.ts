// L-BFGS and its strong-Wolfe line search: the conditions hold at every accepted step
// (checked from the iterates, independently of the line search's own bookkeeping), the
// scalar search satisfies them on random quartics, and the two-loop recursion satisfies the
// secant equation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Energy } from '../../src/energies/energy.js';
import {
  type LbfgsState,
  type LinePoint,
  lbfgs,
  lbfgsDirection,
  minimize,
  strongWolfe,
  strongWolfeSearch,
} from '../../src/optim/index.js';
import { quadratic, rosenbrock } from './helpers.js';

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Checks sufficient decrease and the strong curvature condition for every step of a run. */
function assertStrongWolfeAlongRun(energy: Energy, x0: ArrayLike<number>, c1: number, c2: number): number {
  const start = Float64Array.from(x0);
  const gradient0 = new Float64Array(energy.dimension);
  let previous: { position: Float64Array; energy: number; gradient: Float64Array } = {
    position: start,
    energy: energy.energyAndGradient(start, gradient0),
    gradient: gradient0,
  };
  let steps = 0;
  minimize(energy, x0, lbfgs({ lineSearch: strongWolfe({ c1, c2 }) }), {
    maxSteps: 200,
    gradientTolerance: 1e-10,
    onStep: (info) => {
      const s = info.position.map((v, i) => v - previous.position[i]);
      const slope = dot(previous.gradient, s); // α·φ'(0)
      assert.ok(slope < 0, `step ${info.step} is not a descent step`);
      assert.ok(
        info.energy <= previous.energy + c1 * slope,
        `step ${info.step}: sufficient decrease fails: ${info.energy} > ${previous.energy} + ${c1 * slope}`,
      );
      const curvature = Math.abs(dot(info.gradient, s)); // α·|φ'(α)|
      assert.ok(
        curvature <= c2 * Math.abs(slope),
        `step ${info.step}: |φ'(α)| = ${curvature} > ${c2}·|φ'(0)|`,
      );
      previous = { position: info.position, energy: info.energy, gradient: info.gradient };
      steps++;
    },
  });
  return steps;
}

describe('strong-Wolfe line search', () => {
  it('holds at every accepted L-BFGS step on Rosenbrock and on the quadratic', () => {
    assert.ok(assertStrongWolfeAlongRun(rosenbrock(), [-1.2, 1], 1e-4, 0.9) > 20);
    assert.ok(assertStrongWolfeAlongRun(quadratic().energy, new Float64Array(10), 1e-4, 0.9) > 10);
    // A demanding curvature constant (an almost exact line search) holds too.
    assert.ok(assertStrongWolfeAlongRun(rosenbrock(), [-1.2, 1], 1e-4, 0.1) > 10);
  });

  it('finds a strong-Wolfe step on random quartics φ(α) = aα⁴ + bα³ + cα² + dα with d < 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: -0.01, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (a, b, c, d, initial) => {
          const phi = (t: number): LinePoint => ({
            stepLength: t,
            value: ((a * t + b) * t + c) * t * t + d * t,
            derivative: ((4 * a * t + 3 * b) * t + 2 * c) * t + d,
          });
          const result = strongWolfeSearch(phi, phi(0), initial, { c1: 1e-4, c2: 0.9 });
          assert.ok(result.converged, result.failure);
          const { stepLength, value, derivative } = result.best;
          assert.ok(stepLength > 0);
          assert.ok(value <= 1e-4 * stepLength * d);
          assert.ok(Math.abs(derivative) <= 0.9 * Math.abs(d));
          assert.ok(result.evaluations <= 30);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('accepts the unit step at once on a quadratic along the Newton direction', () => {
    const phi = (t: number): LinePoint => ({ stepLength: t, value: t * t - 2 * t, derivative: 2 * t - 2 });
    const result = strongWolfeSearch(phi, phi(0), 1);
    assert.deepEqual([result.converged, result.best.stepLength, result.evaluations], [true, 1, 1]);
  });

  it('reports failures instead of accepting a bad step', () => {
    const uphill = strongWolfeSearch(
      (t) => ({ stepLength: t, value: t, derivative: 1 }),
      { stepLength: 0, value: 0, derivative: 1 },
      1,
    );
    assert.equal(uphill.converged, false);
    assert.match(uphill.failure!, /not a descent direction/);
    const unbounded = strongWolfeSearch(
      (t) => ({ stepLength: t, value: -t, derivative: -1 }),
      { stepLength: 0, value: 0, derivative: -1 },
      1,
      { maxStepLength: 100 },
    );
    assert.equal(unbounded.converged, false);
    assert.match(unbounded.failure!, /maxStepLength = 100/);
    // Non-finite values count as "too far": the bracket shrinks back into the domain.
    const barrier = strongWolfeSearch(
      (t) =>
        t < 1
          ? { stepLength: t, value: -Math.log(1 - t) - 2 * t, derivative: 1 / (1 - t) - 2 }
          : { stepLength: t, value: Number.NaN, derivative: Number.NaN },
      { stepLength: 0, value: 0, derivative: -1 },
      4,
    );
    assert.ok(barrier.converged && barrier.best.stepLength < 1, `${barrier.best.stepLength}`);
  });

  it('validates its constants', () => {
    assert.throws(() => strongWolfe({ c1: 0 }), /c1 must be a number in \(0, 1\)/);
    assert.throws(() => strongWolfe({ c1: 0.5, c2: 0.4 }), /c2 must be a number in \(c1 = 0.5, 1\)/);
    assert.throws(() => strongWolfe({ maxEvaluations: 0 }), /maxEvaluations must be an integer ≥ 1/);
  });
});

describe('lbfgs', () => {
  it('keeps at most historySize pairs, each with positive curvature sᵀy > 0', () => {
    let largest = 0;
    minimize(rosenbrock(), [-1.2, 1], lbfgs({ historySize: 3 }), {
      gradientTolerance: 1e-10,
      onStep: (info) => {
        const state = info.state as LbfgsState;
        largest = Math.max(largest, state.steps.length);
        for (const rho of state.inverseCurvatures) assert.ok(rho > 0);
      },
    });
    assert.equal(largest, 3);
  });

  it('its two-loop recursion satisfies the secant equation H·y = s for the newest pair', () => {
    const states: LbfgsState[] = [];
    minimize(quadratic().energy, new Float64Array(10), lbfgs({ historySize: 5 }), {
      maxSteps: 12,
      gradientTolerance: 0,
      onStep: (info) => {
        states.push(info.state as LbfgsState);
      },
    });
    for (const state of states.slice(1)) {
      const m = state.steps.length;
      const direction = lbfgsDirection(state.gradientChanges[m - 1], state); // −H·y
      const s = state.steps[m - 1];
      const error = Math.max(...direction.map((v, i) => Math.abs(v + s[i])));
      assert.ok(error < 1e-10 * Math.max(...s.map(Math.abs)), `secant error ${error}`);
    }
  });

  it('stops with an explanation once energies cannot resolve further progress', () => {
    const result = minimize(quadratic().energy, new Float64Array(10), lbfgs(), { gradientTolerance: 1e-14 });
    assert.equal(result.reason, 'stalled');
    assert.match(result.stallMessage!, /^L-BFGS: .*rounding level/);
    assert.equal(result.converged, false);
  });

  it('rejects a bad history size', () => {
    assert.throws(() => lbfgs({ historySize: 0 }), /historySize must be an integer ≥ 1, got 0/);
  });
});
