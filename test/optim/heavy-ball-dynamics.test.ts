// The heavy ball as physics: m θ'' + γ θ' + ∇L = 0. Without friction the discretization is
// velocity Verlet, whose mechanical energy ½m|θ'|² + L oscillates with amplitude O(h²) and
// does not drift; with friction it dissipates; and its positions follow Polyak's heavy-ball
// recurrence exactly under the documented (m, γ, h) ↔ (η, β) map.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { add, cos, mul, square, sub, sum } from '../../src/core/tensor/index.js';
import type { Energy } from '../../src/energies/energy.js';
import { energyFromTensorFunction } from '../../src/energies/energy.js';
import {
  type HeavyBallDynamicsState,
  heavyBallDynamics,
  heavyBallDynamicsParameters,
  heavyBallParameters,
  minimize,
} from '../../src/optim/index.js';
import { quadratic } from './helpers.js';

/** Mechanical energies E_0 … E_steps of a frictionless run of duration `time`. */
function mechanicalEnergies(energy: Energy, x0: ArrayLike<number>, stepSize: number, time: number): number[] {
  const steps = Math.round(time / stepSize);
  const out = [energy.energy(Float64Array.from(x0))];
  minimize(energy, x0, heavyBallDynamics({ mass: 2, friction: 0, stepSize }), {
    maxSteps: steps,
    gradientTolerance: 0,
    onStep: (info) => {
      out.push((info.state as HeavyBallDynamicsState).mechanicalEnergy);
    },
  });
  return out;
}

function oscillation(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}

/** A pendulum-like anharmonic landscape Σ(1 − cos xᵢ) + 0.05‖x‖⁴, built through autodiff. */
const anharmonic = energyFromTensorFunction('anharmonic', 2, (x) =>
  add(sum(sub(1, cos(x))), mul(0.05, square(sum(square(x))))),
);

describe('heavyBallDynamics', () => {
  it('at γ = 0 conserves ½m|θ′|² + L up to an O(h²) oscillation (quadratic, κ = 100)', () => {
    const { energy } = quadratic();
    const x0 = new Float64Array(10).fill(1);
    // h·√(L/m) ≤ 0.57 < 2: stable. Halving h must divide the oscillation by 4.
    const amplitudes = [0.08, 0.04, 0.02].map((h) => oscillation(mechanicalEnergies(energy, x0, h, 8)));
    for (let i = 0; i + 1 < amplitudes.length; i++) {
      const ratio = amplitudes[i] / amplitudes[i + 1];
      assert.ok(
        ratio > 3.8 && ratio < 4.2,
        `oscillation ratio ${ratio} for h → h/2 (amplitudes ${amplitudes})`,
      );
    }
    const scale = energy.energy(x0) - energy.energy(quadratic().minimizer);
    assert.ok(amplitudes[2] < 0.01 * scale, `oscillation ${amplitudes[2]} vs energy scale ${scale}`);
  });

  it('at γ = 0 conserves the mechanical energy to O(h²) on an anharmonic landscape (autodiff energy)', () => {
    const amplitudes = [0.1, 0.05, 0.025].map((h) =>
      oscillation(mechanicalEnergies(anharmonic, [1.5, -1], h, 5)),
    );
    for (let i = 0; i + 1 < amplitudes.length; i++) {
      const ratio = amplitudes[i] / amplitudes[i + 1];
      assert.ok(ratio > 3.8 && ratio < 4.2, `oscillation ratio ${ratio} (amplitudes ${amplitudes})`);
    }
  });

  it('at γ = 0 does not drift: the oscillation late in a long run matches the early one', () => {
    const energies = mechanicalEnergies(quadratic().energy, new Float64Array(10).fill(1), 0.05, 500);
    const early = oscillation(energies.slice(0, 1000));
    const late = oscillation(energies.slice(-1000));
    assert.ok(late < 1.5 * early, `early ${early}, late ${late}`);
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(Math.abs(mean(energies.slice(-1000)) - mean(energies.slice(0, 1000))) < early);
  });

  it('with friction dissipates the mechanical energy and comes to rest at the minimizer', () => {
    const problem = quadratic();
    const energies: number[] = [];
    const result = minimize(
      problem.energy,
      new Float64Array(10).fill(1),
      heavyBallDynamics({ friction: 1, stepSize: 0.05 }),
      {
        maxSteps: 4000,
        gradientTolerance: 1e-10,
        onStep: (info) => {
          energies.push((info.state as HeavyBallDynamicsState).mechanicalEnergy);
        },
      },
    );
    assert.equal(result.reason, 'gradient tolerance');
    // dE/dt = −γ|θ′|² ≤ 0: allow only rounding-level increases between steps of the splitting.
    let increases = 0;
    for (let k = 1; k < energies.length; k++) if (energies[k] > energies[k - 1] + 1e-12) increases++;
    assert.equal(increases, 0);
  });

  it('moves the positions exactly as heavy ball with η = h²(1 + β)/(2m), β = e^{−γh/m}', () => {
    const problem = quadratic();
    const options = { mass: 1.7, friction: 0.9, stepSize: 0.07 };
    const { learningRate, momentum } = heavyBallParameters(options);
    assert.ok(Math.abs(momentum - Math.exp((-0.9 * 0.07) / 1.7)) < 1e-15);
    const positions: Float64Array[] = [new Float64Array(10).fill(1)];
    minimize(problem.energy, positions[0], heavyBallDynamics(options), {
      maxSteps: 30,
      gradientTolerance: 0,
      onStep: (info) => {
        positions.push(info.position);
      },
    });
    const gradient = new Float64Array(10);
    let worst = 0;
    for (let k = 1; k + 1 < positions.length; k++) {
      problem.energy.energyAndGradient(positions[k], gradient);
      for (let i = 0; i < 10; i++) {
        const predicted =
          positions[k][i] + momentum * (positions[k][i] - positions[k - 1][i]) - learningRate * gradient[i];
        worst = Math.max(worst, Math.abs(predicted - positions[k + 1][i]));
      }
    }
    assert.ok(worst < 1e-13, `largest deviation from the heavy-ball recurrence: ${worst}`);
  });

  it('maps (η, β) to (m, γ, h) and back', () => {
    const dynamics = heavyBallDynamicsParameters({ learningRate: 0.02, momentum: 0.8, mass: 3 });
    const back = heavyBallParameters(dynamics);
    assert.ok(Math.abs(back.learningRate - 0.02) < 1e-15);
    assert.ok(Math.abs(back.momentum - 0.8) < 1e-15);
    // β = 1 is the frictionless limit.
    assert.equal(heavyBallDynamicsParameters({ learningRate: 0.01, momentum: 1 }).friction, 0);
  });

  it('rejects bad parameters with messages naming them', () => {
    assert.throws(
      () => heavyBallDynamics({ friction: -1, stepSize: 0.1 }),
      /friction must be a finite number ≥ 0/,
    );
    assert.throws(
      () => heavyBallDynamics({ friction: 0, stepSize: 0 }),
      /stepSize must be a finite number > 0/,
    );
    assert.throws(() => heavyBallDynamics({ mass: Number.NaN, friction: 0, stepSize: 1 }), /mass must be/);
    assert.throws(
      () => heavyBallDynamicsParameters({ learningRate: 0.1, momentum: 0 }),
      /momentum must be in \(0, 1\]/,
    );
    assert.throws(
      () =>
        minimize(
          quadratic().energy,
          new Float64Array(10),
          heavyBallDynamics({ friction: 0, stepSize: 0.1, initialVelocity: [1] }),
        ),
      /initialVelocity must have 10 entries/,
    );
  });
});
