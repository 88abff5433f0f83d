import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  energyAlongRollout,
  energyDrift,
  energyMse,
  hamiltonianNeuralNetwork,
  idealPendulum,
  massSpring,
  modelVectorField,
  referenceRollout,
  rollout,
  stateMse,
  systemVectorField,
} from '../../../src/models/hnn/index.js';

const spring = massSpring();
const initial = Float64Array.of(0.6, 0.2, -0.3, 0.9);

describe('rollout', () => {
  it('rk4 converges to the exact spring solution at fourth order', () => {
    const errorAt = (stepSize: number) => {
      const path = rollout(systemVectorField(spring), initial, 2, {
        stepSize,
        numSteps: Math.round(10 / stepSize),
      });
      return Math.sqrt(stateMse(path, referenceRollout(spring, path)));
    };
    const ratio = errorAt(0.1) / errorAt(0.05);
    assert.ok(ratio > 14 && ratio < 18, `error ratio ${ratio} (expected 2⁴ = 16)`);
  });

  it('implicit midpoint conserves the spring energy to round-off; rk4 dissipates it', () => {
    const options = { stepSize: 0.5, numSteps: 2000, saveEvery: 100 };
    const midpoint = rollout(systemVectorField(spring), initial, 2, {
      ...options,
      method: 'implicit-midpoint',
      tolerance: 1e-15,
    });
    const rk4 = rollout(systemVectorField(spring), initial, 2, options);
    assert.equal(midpoint.times.length, 21);
    assert.equal(midpoint.times[20], 1000);
    // A quadratic invariant is conserved exactly by the midpoint rule, up to the fixed-point
    // tolerance: each step stops ~0.25 × 1e-15 short, and 2000 steps add up to the measured
    // 5e-13 (8.7e-12 at the default tolerance 1e-13). rk4 loses |R(ih)|² − 1 ≈ −h⁶/72 per step: 2000 steps at h = 0.5
    // keep (1 − 2.2e-4)^2000 ≈ 0.65 of the energy.
    assert.ok(energyDrift(spring, midpoint) < 2e-12, `midpoint drift ${energyDrift(spring, midpoint)}`);
    const energies = energyAlongRollout(spring, rk4);
    const kept = energies[20 * 2] / energies[0];
    assert.ok(Math.abs(kept - (1 - 0.5 ** 6 / 72 + 0.5 ** 8 / 576) ** 2000) < 1e-6, `rk4 kept ${kept}`);
  });

  it('implicit midpoint is second order on the (non-linear) pendulum', () => {
    const pendulum = idealPendulum();
    const start = Float64Array.of(1.5, 1.0);
    const errorAt = (stepSize: number) => {
      const path = rollout(systemVectorField(pendulum), start, 2, {
        stepSize,
        numSteps: Math.round(4 / stepSize),
        method: 'implicit-midpoint',
      });
      return Math.sqrt(stateMse(path, referenceRollout(pendulum, path, { stepSize: 1e-3 })));
    };
    const ratio = errorAt(0.04) / errorAt(0.02);
    assert.ok(ratio > 3.5 && ratio < 4.5, `error ratio ${ratio} (expected 2² = 4)`);
  });

  it('implicit midpoint keeps a random (non-separable) learned H_θ bounded: no drift, error ∝ h²', () => {
    const hnn = hamiltonianNeuralNetwork({ degreesOfFreedom: 1, hiddenSizes: [16, 16] });
    const theta = hnn.initialize(makeKey(3));
    // H_θ is conserved by the exact flow of its symplectic gradient for ANY θ; a symplectic
    // method conserves a nearby modified H̃_θ, so |H_θ(x_t) − H_θ(x₀)| oscillates at O(h²).
    const deviations = (stepSize: number) => {
      const path = rollout(modelVectorField(hnn, theta), Float64Array.of(0.8, -0.2), 2, {
        stepSize,
        numSteps: Math.round(30 / stepSize),
        method: 'implicit-midpoint',
      });
      const frames = path.times.length;
      const h = hnn.hamiltonian(theta, T.fromData(path.states, [frames, 2])).data;
      const third = Math.floor(frames / 3);
      let early = 0;
      let late = 0;
      for (let k = 0; k < frames; k++) {
        const deviation = Math.abs(h[k] - h[0]);
        if (k < third) early = Math.max(early, deviation);
        if (k >= frames - third) late = Math.max(late, deviation);
      }
      return { early, late };
    };
    const coarse = deviations(0.4);
    const fine = deviations(0.2);
    // Measured: 2.7e-4 at h = 0.4 and 6.8e-5 at h = 0.2, the same in the first and last thirds.
    assert.ok(coarse.late < 1.1 * coarse.early && fine.late < 1.1 * fine.early, 'the error does not grow');
    const ratio = coarse.early / fine.early;
    assert.ok(ratio > 3.5 && ratio < 4.5, `error ratio ${ratio} (expected 2² = 4)`);
  });

  it('rejects bad options', () => {
    const field = systemVectorField(spring);
    assert.throws(() => rollout(field, initial, 2, { stepSize: 0, numSteps: 1 }), /stepSize must be/);
    assert.throws(() => rollout(field, initial, 3, { stepSize: 0.1, numSteps: 1 }), /initialStates/);
    assert.throws(() => rollout(field, initial, 2, { stepSize: 0.1, numSteps: 1.5 }), /numSteps/);
    assert.throws(
      () => rollout(field, initial, 2, { stepSize: 0.1, numSteps: 1, method: 'euler' as never }),
      /method/,
    );
    // The fixed-point iteration contracts only for h·Lip(f)/2 < 1.
    assert.throws(
      () => rollout(field, initial, 2, { stepSize: 3, numSteps: 1, method: 'implicit-midpoint' }),
      /did not converge/,
    );
  });
});

describe('energy metrics', () => {
  it('measure the true energy of the rolled-out states', () => {
    const path = rollout(systemVectorField(spring), initial, 2, { stepSize: 0.01, numSteps: 100 });
    assert.ok(energyMse(spring, path) < 1e-20);
    // A rollout whose states grow by a factor 2 (energy ×4) on its last frame.
    const states = Float64Array.from(path.states);
    const last = states.length - 4;
    for (let i = 0; i < 4; i++) states[last + i] = 2 * initial[i];
    const scaled = { ...path, states };
    const e0 = [spring.energy(initial.subarray(0, 2)), spring.energy(initial.subarray(2))];
    assert.ok(Math.abs(energyDrift(spring, scaled) - (3 * e0[0] + 3 * e0[1]) / 2) < 1e-12);
    assert.throws(() => energyMse(idealPendulum(), { ...path, stateLength: 3 }), /rollout must hold states/);
  });
});
