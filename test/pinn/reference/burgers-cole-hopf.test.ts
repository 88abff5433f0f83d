import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BURGERS_STEEPEST_SLOPE,
  BURGERS_STEEPEST_TIME,
  BURGERS_VISCOSITY,
  burgersColeHopf,
} from '../../../src/pinn/reference/burgers-cole-hopf.js';

const solution = burgersColeHopf();

describe('burgersColeHopf', () => {
  it("reproduces Basdevant et al.'s u_x(0, 1.6037/π) = −152.00516 to the published digits", () => {
    const { u, ux } = solution.evaluate(0, BURGERS_STEEPEST_TIME);
    assert.equal(BURGERS_STEEPEST_SLOPE, -152.00516);
    // Measured −152.0051616: within half a unit of the last published digit.
    assert.ok(Math.abs(ux - BURGERS_STEEPEST_SLOPE) < 5e-6, `u_x = ${ux}`);
    assert.ok(Math.abs(u) < 1e-14, `u(0, t) = ${u} (odd solution)`);
    // Too few nodes miss the heat kernel's tails where f = e^{−cos πy/(2πν)} is largest.
    const coarse = burgersColeHopf({ nodes: 32 }).ux(0, BURGERS_STEEPEST_TIME);
    assert.ok(Math.abs(coarse - BURGERS_STEEPEST_SLOPE) > 0.1, `32 nodes: ${coarse}`);
  });

  it('starts from −sin πx, keeps u(±1, t) = 0, is odd in x and converges in the node count', () => {
    assert.equal(solution.u(0.3, 0), -Math.sin(0.3 * Math.PI));
    const fine = burgersColeHopf({ nodes: 512 });
    let worst = 0;
    for (const t of [1e-4, 0.1, 0.35, 0.7, 1]) {
      assert.ok(Math.abs(solution.u(1, t)) < 1e-13 && Math.abs(solution.u(-1, t)) < 1e-13, `t = ${t}`);
      for (let i = 0; i <= 40; i++) {
        const x = -1 + i / 20;
        const u = solution.u(x, t);
        assert.ok(Math.abs(u + solution.u(-x, t)) < 1e-13, `odd at x = ${x}, t = ${t}`);
        worst = Math.max(worst, Math.abs(u - fine.u(x, t)));
      }
    }
    assert.ok(worst < 1e-13, `128 vs 512 nodes: ${worst}`);
    // Tiny t: one Taylor step of the PDE, u ≈ u₀ + t(−u₀u₀' + νu₀'') with u₀ = −sin πx.
    const x = 0.4;
    const t = 1e-6;
    const [s, c] = [Math.sin(Math.PI * x), Math.cos(Math.PI * x)];
    const expected = -s + t * (-Math.PI * s * c + BURGERS_VISCOSITY * Math.PI * Math.PI * s);
    assert.ok(Math.abs(solution.u(x, t) - expected) < 1e-11, `${solution.u(x, t)} vs ${expected}`);
  });

  it('satisfies u_t + u u_x = ν u_xx by finite differences, with u_x matching the difference quotient', () => {
    const nu = BURGERS_VISCOSITY;
    const h = 1e-5;
    for (const [x, t] of [
      [0.3, 0.2],
      [-0.5, 0.7],
      [0.05, 0.9],
      [0.8, 0.45],
    ]) {
      const { u, ux } = solution.evaluate(x, t);
      const ut = (solution.u(x, t + h) - solution.u(x, t - h)) / (2 * h);
      const uxDifference = (solution.u(x + h, t) - solution.u(x - h, t)) / (2 * h);
      const uxx = (solution.ux(x + h, t) - solution.ux(x - h, t)) / (2 * h);
      const scale = Math.abs(ut) + Math.abs(u * ux) + Math.abs(nu * uxx);
      const residual = ut + u * ux - nu * uxx;
      assert.ok(Math.abs(residual) < 1e-7 * scale, `(${x}, ${t}): residual ${residual}, scale ${scale}`);
      assert.ok(
        Math.abs(ux - uxDifference) < 1e-7 * Math.max(1, Math.abs(ux)),
        `(${x}, ${t}): ${ux} vs ${uxDifference}`,
      );
    }
  });

  it('evaluates point lists and rejects bad input', () => {
    const values = solution.uAt([0.25, 0.5, -0.25, 0.5]);
    assert.equal(values.length, 2);
    assert.equal(values[0], solution.u(0.25, 0.5));
    assert.ok(Math.abs(values[0] + values[1]) < 1e-14);
    assert.throws(() => solution.u(0, -1), /t must be a finite number ≥ 0/);
    assert.throws(() => solution.u(Number.NaN, 0.5), /x must be a finite number/);
    assert.throws(() => burgersColeHopf({ viscosity: 0 }), /viscosity must be a finite number > 0/);
    assert.throws(() => burgersColeHopf({ nodes: 8 }), /nodes must be an integer in \[16, 4096\]/);
    assert.throws(() => solution.uAt([1, 2, 3]), /pairs/);
  });
});
