/**
 * The deterministic integrators against physics with known answers: time reversibility,
 * exact free fall, bounded energy error and exact angular momentum on Kepler orbits, and the
 * symplectic condition JᵀΩJ = Ω of the step map.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bananaEnergy } from '../../src/energies/index.js';
import {
  advance,
  copyPhaseSpaceState,
  forwardEuler,
  hamiltonian,
  type IntegratorFactory,
  kickDriftSplitting,
  leapfrog,
  mclachlan,
  type PhaseSpaceState,
  phaseSpaceState,
  yoshida4,
} from '../../src/integrators/index.js';
import { counting, freeFall, harmonic, kepler, pendulum } from './systems.js';

const symplectic: [string, IntegratorFactory][] = [
  ['leapfrog', leapfrog],
  ['mclachlan', mclachlan],
  ['yoshida4', yoshida4],
];

const distance = (a: PhaseSpaceState, b: PhaseSpaceState) => {
  let d = 0;
  for (let i = 0; i < a.position.length; i++) {
    d = Math.max(d, Math.abs(a.position[i] - b.position[i]), Math.abs(a.momentum[i] - b.momentum[i]));
  }
  return d;
};

/** Flip the momentum, integrate n steps, flip again. */
function reverse(
  factory: IntegratorFactory,
  state: PhaseSpaceState,
  inverseMass: Float64Array,
  energy = kepler,
) {
  state.momentum.forEach((p, i) => {
    state.momentum[i] = -p;
  });
  advance(factory(energy, inverseMass), state, 0.01, 200);
  state.momentum.forEach((p, i) => {
    state.momentum[i] = -p;
  });
}

describe('time reversibility', () => {
  for (const [name, factory] of symplectic) {
    it(`${name}: 200 steps, flip p, 200 steps, flip p returns to the start (Kepler, banana with a mass matrix)`, () => {
      const ones = Float64Array.of(1, 1);
      const start = phaseSpaceState(kepler, [0.5, 0], [0, Math.sqrt(3)]);
      const state = copyPhaseSpaceState(start);
      advance(factory(kepler, ones), state, 0.01, 200);
      assert.ok(distance(state, start) > 0.1, 'the orbit moved');
      reverse(factory, state, ones);
      assert.ok(distance(state, start) < 1e-12, `${name}: distance ${distance(state, start)}`);

      const banana = bananaEnergy({ curvature: 0.1, scale: 10 });
      const mass = Float64Array.of(0.5, 2);
      const bananaStart = phaseSpaceState(banana, [1, -2], [0.7, 0.3]);
      const bananaState = copyPhaseSpaceState(bananaStart);
      advance(factory(banana, mass), bananaState, 0.01, 200);
      reverse(factory, bananaState, mass, banana);
      assert.ok(
        distance(bananaState, bananaStart) < 1e-11,
        `${name}: banana distance ${distance(bananaState, bananaStart)}`,
      );
    });
  }

  it('forward Euler is not reversible (the same test misses by far more than rounding)', () => {
    const ones = Float64Array.of(1, 1);
    const start = phaseSpaceState(kepler, [0.5, 0], [0, Math.sqrt(3)]);
    const state = copyPhaseSpaceState(start);
    advance(forwardEuler(kepler, ones), state, 0.01, 200);
    reverse(forwardEuler, state, ones);
    assert.ok(distance(state, start) > 1e-3, `distance ${distance(state, start)}`);
  });
});

describe('free fall (a linear potential)', () => {
  const gravity = 9.81;
  const mass = 2;
  const inverseMass = Float64Array.of(1 / mass, 1 / mass);
  const q0 = [1, 100];
  const v0 = [3, 5];
  const p0 = v0.map((v) => mass * v);

  for (const [name, factory] of symplectic) {
    it(`${name} is exact: q(t) = q₀ + v₀t − ½(g/m)t², for any step`, () => {
      for (const [stepSize, steps] of [
        [0.1, 37],
        [0.37, 11],
      ]) {
        const energy = freeFall(gravity);
        const state = advance(factory(energy, inverseMass), phaseSpaceState(energy, q0, p0), stepSize, steps);
        const t = stepSize * steps;
        const acceleration = gravity / mass;
        assert.ok(Math.abs(state.position[0] - (q0[0] + v0[0] * t)) < 1e-12);
        assert.ok(Math.abs(state.position[1] - (q0[1] + v0[1] * t - 0.5 * acceleration * t * t)) < 1e-11);
        assert.ok(Math.abs(state.momentum[1] - (p0[1] - gravity * t)) < 1e-12);
      }
    });
  }

  it('forward Euler is off by exactly ½(g/m)·h·t (its first-order error)', () => {
    const energy = freeFall(gravity);
    const stepSize = 0.1;
    const steps = 50;
    const state = advance(
      forwardEuler(energy, inverseMass),
      phaseSpaceState(energy, q0, p0),
      stepSize,
      steps,
    );
    const t = stepSize * steps;
    const exact = q0[1] + v0[1] * t - 0.5 * (gravity / mass) * t * t;
    assert.ok(Math.abs(state.position[1] - exact - 0.5 * (gravity / mass) * stepSize * t) < 1e-11);
  });
});

describe('Kepler orbit (e = 0.5, period 2π)', () => {
  const ones = Float64Array.of(1, 1);
  const angularMomentum = (s: PhaseSpaceState) =>
    s.position[0] * s.momentum[1] - s.position[1] * s.momentum[0];

  /** Max |ΔH| over each of `periods` periods, and the largest |ΔL|. */
  function run(factory: IntegratorFactory, stepsPerPeriod: number, periods: number) {
    const state = phaseSpaceState(kepler, [0.5, 0], [0, Math.sqrt(3)]);
    const integrator = factory(kepler, ones);
    const h0 = hamiltonian(state, ones);
    const l0 = angularMomentum(state);
    const perPeriod: number[] = [];
    let worstL = 0;
    for (let k = 0; k < periods; k++) {
      let worst = 0;
      for (let i = 0; i < stepsPerPeriod; i++) {
        integrator.step(state, (2 * Math.PI) / stepsPerPeriod);
        worst = Math.max(worst, Math.abs(hamiltonian(state, ones) - h0));
        worstL = Math.max(worstL, Math.abs(angularMomentum(state) - l0));
      }
      perPeriod.push(worst);
    }
    return { perPeriod, worstL, h0, state };
  }

  for (const [name, factory, stepsPerPeriod, bound] of [
    ['leapfrog', leapfrog, 1000, 5e-3],
    ['mclachlan', mclachlan, 500, 5e-3],
    ['yoshida4', yoshida4, 400, 5e-4],
  ] as const) {
    it(`${name}: the energy error stays bounded over 20 periods, no drift, and L is exact`, () => {
      const { perPeriod, worstL, h0 } = run(factory, stepsPerPeriod, 20);
      assert.ok(Math.abs(h0 + 0.5) < 1e-15, 'H = −1/(2a) = −0.5');
      const first = perPeriod[0];
      const last = perPeriod[19];
      assert.ok(first < bound, `${name}: |ΔH| ${first} in the first period`);
      assert.ok(last < 1.2 * first, `${name}: no secular drift (${first} then ${last})`);
      // Kicks are radial and drifts along p: q × p is conserved by every sub-step.
      assert.ok(worstL < 1e-12, `${name}: |ΔL| = ${worstL}`);
    });
  }

  it('forward Euler spirals out: its energy error grows every period', () => {
    const { perPeriod } = run(forwardEuler, 1000, 5);
    for (let k = 1; k < 5; k++) assert.ok(perPeriod[k] > perPeriod[k - 1]);
    assert.ok(perPeriod[4] > 0.1, `forward Euler |ΔH| after 5 periods: ${perPeriod[4]}`);
  });
});

describe('symplecticity of the step map', () => {
  /** The 4×4 Jacobian of one step on Kepler by central differences; returns max|JᵀΩJ − Ω|. */
  function symplecticDefect(factory: IntegratorFactory, stepSize: number): number {
    const ones = Float64Array.of(1, 1);
    const integrator = factory(kepler, ones);
    const z0 = [0.7, 0.2, -0.3, 1.1];
    const jacobian: number[][] = [];
    const epsilon = 1e-6;
    for (let j = 0; j < 4; j++) {
      const image = (sign: number) => {
        const z = z0.slice();
        z[j] += sign * epsilon;
        const s = integrator.step(phaseSpaceState(kepler, z.slice(0, 2), z.slice(2)), stepSize);
        return [...s.position, ...s.momentum];
      };
      const plus = image(1);
      const minus = image(-1);
      jacobian.push(plus.map((v, i) => (v - minus[i]) / (2 * epsilon))); // column j
    }
    // Ω = [[0, I], [−I, 0]]; (JᵀΩJ)_{ab} = Σ J_{ia} Ω_{ij} J_{jb}.
    const omega = (i: number, j: number) => (j === i + 2 ? 1 : i === j + 2 ? -1 : 0);
    let worst = 0;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let s = 0;
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) s += jacobian[a][i] * omega(i, j) * jacobian[b][j];
        worst = Math.max(worst, Math.abs(s - omega(a, b)));
      }
    }
    return worst;
  }

  for (const [name, factory] of symplectic) {
    it(`${name}: JᵀΩJ = Ω to finite-difference accuracy`, () => {
      assert.ok(symplecticDefect(factory, 0.1) < 1e-8, `${name}: ${symplecticDefect(factory, 0.1)}`);
    });
  }

  it('forward Euler is not: det J = 1 + h²ω² exactly on the oscillator, and JᵀΩJ ≠ Ω on Kepler', () => {
    const ones = Float64Array.of(1);
    const energy = harmonic([4]);
    const h = 0.1;
    const step = (q: number, p: number) => {
      const s = forwardEuler(energy, ones).step(phaseSpaceState(energy, [q], [p]), h);
      return [s.position[0], s.momentum[0]];
    };
    const [a, c] = step(1, 0);
    const [b, d] = step(0, 1);
    assert.ok(Math.abs(a * d - b * c - (1 + 4 * h * h)) < 1e-15);
    assert.ok(symplecticDefect(forwardEuler, 0.1) > 1e-3);
  });
});

describe('cost and validation', () => {
  it('each step costs the advertised number of gradients (the cached force is reused)', () => {
    for (const factory of [forwardEuler, leapfrog, mclachlan, yoshida4]) {
      const energy = counting(pendulum);
      const integrator = factory(energy, Float64Array.of(1));
      const state = phaseSpaceState(energy, [0.3], [0.1]);
      energy.calls = 0;
      advance(integrator, state, 0.1, 10);
      assert.equal(energy.calls, 10 * (integrator.gradientEvaluationsPerStep ?? 0), integrator.name);
      assert.equal(state.potentialEnergy, pendulum.energy(state.position), 'U is cached at the new position');
    }
  });

  it('rejects a bad mass, step or state, naming the problem', () => {
    const energy = harmonic([1, 1]);
    assert.throws(
      () => leapfrog(energy, Float64Array.of(1)),
      /inverseMassDiagonal must have the energy's dimension 2, got 1/,
    );
    assert.throws(
      () => yoshida4(energy, Float64Array.of(1, -1)),
      /inverseMassDiagonal\[1\] must be a finite number > 0/,
    );
    const integrator = leapfrog(energy);
    const state = phaseSpaceState(energy, [1, 0], [0, 1]);
    assert.throws(() => integrator.step(state, Number.NaN), /stepSize must be a finite number, got NaN/);
    assert.throws(
      () => integrator.step(phaseSpaceState(harmonic([1]), [1], [0]), 0.1),
      /the state has dimension 1, the energy 2/,
    );
    assert.throws(() => advance(integrator, state, 0.1, -1), /numberOfSteps must be an integer ≥ 0/);
    assert.throws(() => forwardEuler({} as never), /energy must be an Energy/);
  });

  it('kickDriftSplitting checks consistency and the palindrome', () => {
    assert.throws(
      () => kickDriftSplitting({ name: 'bad', order: 2, kicks: [0.5, 0.4], drifts: [1] }),
      /must each sum to 1/,
    );
    assert.throws(
      () => kickDriftSplitting({ name: 'skew', order: 1, kicks: [0.3, 0.3, 0.4], drifts: [0.5, 0.5] }),
      /must be palindromic/,
    );
    // The leapfrog coefficients rebuild leapfrog exactly.
    const custom = kickDriftSplitting({ name: 'verlet', order: 2, kicks: [0.5, 0.5], drifts: [1] });
    const a = advance(
      custom(kepler, Float64Array.of(1, 1)),
      phaseSpaceState(kepler, [0.5, 0], [0, 1.7]),
      0.01,
      100,
    );
    const b = advance(
      leapfrog(kepler, Float64Array.of(1, 1)),
      phaseSpaceState(kepler, [0.5, 0], [0, 1.7]),
      0.01,
      100,
    );
    assert.deepEqual(a, b);
  });
});
