import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { burgersColeHopf } from '../../../src/pinn/reference/burgers-cole-hopf.js';
import { solveBurgersSpectral } from '../../../src/pinn/reference/burgers-solver.js';
import { etdrk4Coefficients } from '../../../src/pinn/reference/etdrk4-coefficients.js';

const exact = burgersColeHopf();

describe('etdrk4Coefficients', () => {
  it('has the limits Q = h/2, f₁ = f₂ = f₃ = h/6 at L = 0 and the closed forms for large |hL|', () => {
    const h = 0.01;
    const c = etdrk4Coefficients([0, -500], h);
    assert.equal(c.e[0], 1);
    for (const [value, expected] of [
      [c.q[0], h / 2],
      [c.f1[0], h / 6],
      [c.f2[0], h / 6],
      [c.f3[0], h / 6],
    ]) {
      assert.ok(Math.abs(value - expected) < 1e-14, `${value} vs ${expected}`);
    }
    // z = hL = −5: the textbook formulas have no cancellation there.
    const z = -5;
    const ez = Math.exp(z);
    const closed = [
      (h * (Math.exp(z / 2) - 1)) / z,
      (h * (-4 - z + ez * (4 - 3 * z + z * z))) / z ** 3,
      (h * (2 + z + ez * (z - 2))) / z ** 3,
      (h * (-4 - 3 * z - z * z + ez * (4 - z))) / z ** 3,
    ];
    const got = [c.q[1], c.f1[1], c.f2[1], c.f3[1]];
    for (const [i, value] of got.entries()) {
      assert.ok(Math.abs(value - closed[i]) < 1e-14, `${i}: ${value} vs ${closed[i]}`);
    }
    assert.throws(() => etdrk4Coefficients([1], h), /must be finite and ≤ 0/);
  });
});

describe('solveBurgersSpectral', () => {
  it('agrees with Cole–Hopf on the grid, and its error falls like h⁴ in the time step', () => {
    const maxError = (points: number, maxTimeStep: number) => {
      const solution = solveBurgersSpectral({ points, maxTimeStep, snapshots: 11 });
      let worst = 0;
      for (let i = 0; i < solution.times.length; i++) {
        for (let j = 0; j < points; j += 4) {
          const e = Math.abs(solution.values[i * points + j] - exact.u(solution.x[j], solution.times[i]));
          worst = Math.max(worst, e);
        }
      }
      return { worst, solution };
    };
    // Measured 2.2e-6 and 1.4e-7 (ratio 15 for h/2): fourth order in h, N = 2048 resolving the shock.
    const coarse = maxError(2048, 4 / 2048);
    const fine = maxError(2048, 2 / 2048);
    assert.ok(coarse.worst < 5e-6, `N = 2048, h = 1/512: ${coarse.worst}`);
    assert.ok(fine.worst < 3e-7, `N = 2048, h = 1/1024: ${fine.worst}`);
    assert.ok(coarse.worst / fine.worst > 8, `order: ${coarse.worst / fine.worst}`);
    assert.equal(fine.solution.steps, 1030);
    assert.equal(fine.solution.timeStep, 0.1 / 103);
    // A 256-point grid cannot resolve the shock (width ~2ν = 0.006): the check can fail.
    assert.ok(maxError(256, 4 / 256).worst > 1e-2);
  });

  it('interpolates between grid points and stored times, and keeps u(±1, t) = 0', () => {
    const solution = solveBurgersSpectral({ points: 1024, maxTimeStep: 2 / 1024, snapshots: 51 });
    for (const [x, t] of [
      [0.0013, 0.503],
      [-0.2, 0.777],
      [0.7, 0.2],
      [0.004, 1],
    ]) {
      const e = Math.abs(solution.at(x, t) - exact.u(x, t));
      assert.ok(e < 5e-5, `(${x}, ${t}): error ${e}`);
    }
    assert.ok(Math.abs(solution.at(1, 0.6)) < 1e-12 && Math.abs(solution.at(-1, 0.6)) < 1e-12);
    // At a grid point and a stored time the interpolant returns the stored value.
    const stored = solution.values[3 * 1024 + 10];
    assert.ok(Math.abs(solution.at(solution.x[10], solution.times[3]) - stored) < 1e-13);
    const values = solution.uAt([0.5, 0.5, -0.5, 0.5]);
    assert.ok(Math.abs(values[0] + values[1]) < 1e-12, 'odd in x');
  });

  it('rejects bad options', () => {
    assert.throws(
      () => solveBurgersSpectral({ points: 1000 }),
      /points must be a power of two in \[64, 65536\]/,
    );
    assert.throws(
      () => solveBurgersSpectral({ snapshots: 1 }),
      /snapshots must be an integer in \[2, 10001\]/,
    );
    assert.throws(() => solveBurgersSpectral({ maxTimeStep: 0 }), /maxTimeStep must be a finite number > 0/);
    assert.throws(() => solveBurgersSpectral({ viscosity: -1 }), /viscosity/);
    const solution = solveBurgersSpectral({ points: 64, snapshots: 2, duration: 0.01 });
    assert.throws(() => solution.at(0, 0.02), /t must be in \[0, 0.01\]/);
  });
});
