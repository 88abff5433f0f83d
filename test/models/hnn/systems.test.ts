import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, normal } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  hamiltonianDataset,
  idealPendulum,
  massSpring,
  symplecticGradient,
  twoBody,
  twoBodyAngularMomentum,
} from '../../../src/models/hnn/index.js';

const systems = [massSpring(), idealPendulum(), twoBody()];

/** States around typical initial states, so two-body separations stay away from 0. */
function sampleStates(system: (typeof systems)[number], count: number, seed: number): Float64Array {
  const width = 2 * system.degreesOfFreedom;
  const out = new Float64Array(count * width);
  for (let b = 0; b < count; b++) {
    const initial = system.sampleInitialState(fold(makeKey(seed), b));
    const jitter = normal(fold(makeKey(seed + 1), b), width, { std: 0.1 });
    for (let i = 0; i < width; i++) out[b * width + i] = initial[i] + jitter[i];
  }
  return out;
}

describe('Hamiltonian systems', () => {
  it('have an exact vector field equal to the symplectic gradient of their tensor-op H (autodiff)', () => {
    for (const system of systems) {
      const width = 2 * system.degreesOfFreedom;
      const states = sampleStates(system, 16, 3);
      const analytic = system.vectorField(states);
      const fromAutodiff = symplecticGradient(
        (x) => system.hamiltonian(x),
        T.fromData(states, [16, width]),
        system.degreesOfFreedom,
      );
      let worst = 0;
      for (let i = 0; i < analytic.length; i++) {
        worst = Math.max(worst, Math.abs(fromAutodiff.data[i] - analytic[i]) / (1 + Math.abs(analytic[i])));
      }
      // Both sides are a few floating-point operations from the same formula.
      assert.ok(worst < 1e-14, `${system.name}: worst relative difference ${worst}`);
      // And the tensor H is the scalar H.
      const h = system.hamiltonian(T.fromData(states, [16, width]));
      for (let b = 0; b < 16; b++) {
        const scalar = system.energy(states.subarray(b * width, (b + 1) * width));
        assert.ok(Math.abs(h.data[b] - scalar) <= 1e-14 * (1 + Math.abs(scalar)), `${system.name} H[${b}]`);
      }
    }
  });

  it('mass-spring: the exact solution is a rotation of phase space with period 2π', () => {
    const spring = massSpring();
    const path = spring.trajectory([0.3, -0.4], [0, Math.PI / 2, 2 * Math.PI]);
    // After a quarter period (q, p) → (p, −q); after a full period it is back.
    assert.ok(Math.abs(path[2] - -0.4) < 1e-15 && Math.abs(path[3] - -0.3) < 1e-15);
    assert.ok(Math.abs(path[4] - 0.3) < 1e-15 && Math.abs(path[5] - -0.4) < 1e-15);
  });

  it('pendulum: yoshida4 trajectories conserve H and converge at fourth order', () => {
    const pendulum = idealPendulum();
    const initial = [1.5, 1.0];
    const times = [0, 10];
    const coarse = pendulum.trajectory(initial, times, { stepSize: 0.02 });
    const fine = pendulum.trajectory(initial, times, { stepSize: 0.01 });
    const finest = pendulum.trajectory(initial, times, { stepSize: 0.0025 });
    const e0 = pendulum.energy(initial);
    // Measured: 1.7e-7 absolute (2.8e-8 relative) at h = 0.01; yoshida4's error constant is large.
    assert.ok(Math.abs(pendulum.energy(fine.subarray(2)) - e0) < 1e-7 * e0);
    const coarseError = Math.hypot(coarse[2] - finest[2], coarse[3] - finest[3]);
    const fineError = Math.hypot(fine[2] - finest[2], fine[3] - finest[3]);
    // Halving h divides the error by 2⁴ = 16 (measured ≈ 16).
    const ratio = coarseError / fineError;
    assert.ok(ratio > 12 && ratio < 20, `error ratio ${ratio}`);
  });

  it('two-body: yoshida4 orbits conserve energy, angular momentum and total momentum', () => {
    const system = twoBody();
    const initial = system.sampleInitialState(makeKey(11));
    // Centre-of-mass frame: centre at the origin, total momentum zero.
    assert.ok(Math.abs(initial[0] + initial[2]) < 1e-15 && Math.abs(initial[4] + initial[6]) < 1e-15);
    const times = Float64Array.from({ length: 21 }, (_, k) => k);
    const path = system.trajectory(initial, times, { stepSize: 1e-3 });
    const e0 = system.energy(initial);
    const l0 = twoBodyAngularMomentum(initial);
    assert.ok(e0 < 0, 'the drawn orbit is bound');
    let worstEnergy = 0;
    let worstAngular = 0;
    let worstMomentum = 0;
    for (let k = 0; k < times.length; k++) {
      const state = path.subarray(8 * k, 8 * k + 8);
      worstEnergy = Math.max(worstEnergy, Math.abs(system.energy(state) - e0) / Math.abs(e0));
      worstAngular = Math.max(worstAngular, Math.abs(twoBodyAngularMomentum(state) - l0) / Math.abs(l0));
      worstMomentum = Math.max(worstMomentum, Math.abs(state[4] + state[6]), Math.abs(state[5] + state[7]));
    }
    // Energy: O(h⁴) oscillation of a symplectic method (measured 2e-14 at h = 1e-3).
    assert.ok(worstEnergy < 1e-10, `relative energy error ${worstEnergy}`);
    // Angular and linear momentum: conserved exactly by every kick–drift splitting for
    // central pair forces, so only round-off remains.
    assert.ok(worstAngular < 1e-12, `relative angular-momentum error ${worstAngular}`);
    assert.ok(worstMomentum < 1e-13, `total momentum ${worstMomentum}`);
  });

  it('draws initial states in the radius ranges of Greydanus et al.', () => {
    for (let n = 0; n < 200; n++) {
      const spring = massSpring().sampleInitialState(fold(makeKey(5), n));
      const radius = Math.hypot(spring[0], spring[1]);
      assert.ok(radius >= 0.1 - 1e-15 && radius <= 1 + 1e-15, `spring radius ${radius}`);
      const pendulum = idealPendulum().sampleInitialState(fold(makeKey(6), n));
      const pendulumRadius = Math.hypot(pendulum[0], pendulum[1]);
      assert.ok(
        pendulumRadius >= 1.3 - 1e-15 && pendulumRadius <= 2.3 + 1e-15,
        `pendulum radius ${pendulumRadius}`,
      );
    }
  });

  it('rejects bad parameters with messages that name them', () => {
    assert.throws(() => idealPendulum({ gravity: -1 }), /gravity must be a finite number > 0/);
    assert.throws(() => twoBody({ orbitNoise: 2 }), /orbitNoise must be a number in \[0, 1\)/);
    assert.throws(() => massSpring().trajectory([1, 0], [0, 2, 1]), /times must be finite and ascending/);
    assert.throws(() => massSpring().energy([1]), /state must have 2 entries/);
    assert.throws(() => idealPendulum().trajectory([1, 0], [0, 1], { stepSize: 0 }), /stepSize must be/);
  });
});

describe('hamiltonianDataset', () => {
  it('pairs noisy states with the exact time derivatives at the clean states', () => {
    const system = idealPendulum();
    const data = hamiltonianDataset(system, {
      trajectoryCount: 20,
      pointsPerTrajectory: 30,
      key: makeKey(9),
    });
    assert.equal(data.count, 600);
    assert.equal(data.states.length, 1200);
    assert.deepEqual(Array.from(data.times.subarray(0, 2)), [0, 3 / 29]);
    assert.equal(data.times[29], 3);
    assert.deepEqual(data.derivatives, system.vectorField(data.cleanStates));
    // Each trajectory starts at its initial state and stays on its energy shell.
    for (let n = 0; n < 20; n++) {
      const initial = data.initialStates.subarray(2 * n, 2 * n + 2);
      assert.deepEqual(data.cleanStates.subarray(60 * n, 60 * n + 2), initial);
      const last = data.cleanStates.subarray(60 * n + 58, 60 * n + 60);
      assert.ok(Math.abs(system.energy(last) - system.energy(initial)) < 1e-9);
    }
    // Noise: 1200 draws of N(0, 0.1²). The sample mean has std 0.1/√1200 ≈ 0.0029 and the
    // sample std has std ≈ 0.1/√2400 ≈ 0.0020; 4.5σ bounds fail with probability < 1e-5.
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < data.states.length; i++) {
      const noise = data.states[i] - data.cleanStates[i];
      sum += noise;
      squares += noise * noise;
    }
    const mean = sum / data.states.length;
    const std = Math.sqrt(squares / data.states.length - mean * mean);
    assert.ok(Math.abs(mean) < 4.5 * 0.0029, `noise mean ${mean}`);
    assert.ok(Math.abs(std - 0.1) < 4.5 * 0.002, `noise std ${std}`);
  });

  it('is reproducible from its key and noise-free at σ = 0', () => {
    const system = massSpring();
    const a = hamiltonianDataset(system, { trajectoryCount: 3, key: makeKey(1) });
    const b = hamiltonianDataset(system, { trajectoryCount: 3, key: makeKey(1) });
    assert.deepEqual(a.states, b.states);
    const clean = hamiltonianDataset(system, { trajectoryCount: 3, key: makeKey(1), noiseStd: 0 });
    assert.deepEqual(clean.states, clean.cleanStates);
    assert.throws(
      () => hamiltonianDataset(system, { trajectoryCount: 0, key: makeKey(1) }),
      /trajectoryCount/,
    );
    assert.throws(
      () => hamiltonianDataset(system, { trajectoryCount: 1, noiseStd: -1, key: makeKey(1) }),
      /noiseStd/,
    );
  });
});
