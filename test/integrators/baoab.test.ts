import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../src/core/random/index.js';
import { illConditionedQuadratic } from '../../src/energies/index.js';
import {
  advance,
  baoab,
  copyPhaseSpaceState,
  leapfrog,
  phaseSpaceState,
} from '../../src/integrators/index.js';
import { batchMeans, harmonic } from './systems.js';

type Matrix2 = [number, number, number, number]; // row-major 2×2
const times = (a: Matrix2, b: Matrix2): Matrix2 => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
];
const transpose = (a: Matrix2): Matrix2 => [a[0], a[2], a[1], a[3]];

/**
 * The exact stationary covariance of BAOAB on U = ½kq² with mass m: the step is linear,
 * z' = F z + g ξ, so Σ solves Σ = FΣFᵀ + ggᵀ (iterated to a fixed point). Returns [⟨q²⟩, ⟨p²⟩].
 */
function stationaryCovariance(
  k: number,
  m: number,
  temperature: number,
  friction: number,
  h: number,
): [number, number] {
  const kick: Matrix2 = [1, 0, -0.5 * h * k, 1];
  const drift: Matrix2 = [1, (0.5 * h) / m, 0, 1];
  const c = Math.exp(-friction * h);
  const f = times(times(kick, drift), times([1, 0, 0, c], times(drift, kick)));
  const noise = Math.sqrt(temperature * (1 - c * c) * m);
  const after = times(kick, drift); // maps the O-step's noise (0, noise) to the step's end
  const g = [after[1] * noise, after[3] * noise];
  let sigma: Matrix2 = [0, 0, 0, 0];
  for (let i = 0; i < 3000; i++) {
    const next = times(times(f, sigma), transpose(f));
    sigma = [next[0] + g[0] * g[0], next[1] + g[0] * g[1], next[2] + g[1] * g[0], next[3] + g[1] * g[1]];
  }
  return [sigma[0], sigma[3]];
}

describe('baoab (underdamped Langevin)', () => {
  // ω² = k/m = 0.5 and 8: a slow and a fast mode, with a heavy and a light mass.
  const stiffness = [1, 4];
  const masses = [2, 0.5];
  const temperature = 0.7;
  const friction = 1;
  const stepSize = 0.2;

  it('has the exact position variance T/k on a harmonic potential at a finite step (its Lyapunov equation)', () => {
    for (let i = 0; i < 2; i++) {
      const [q2, p2] = stationaryCovariance(stiffness[i], masses[i], temperature, friction, stepSize);
      assert.ok(Math.abs(q2 - temperature / stiffness[i]) < 1e-12, `⟨q²⟩ = ${q2}`);
      // The momentum is biased at O(h²): ⟨p²/m⟩ = T(1 − h²ω²/4) for this splitting.
      const omega2 = stiffness[i] / masses[i];
      assert.ok(Math.abs(p2 / masses[i] - temperature * (1 - (stepSize * stepSize * omega2) / 4)) < 1e-12);
    }
  });

  it('samples ⟨q²⟩ = T/k and the exact ⟨p²/m⟩ within 4 batch-means standard errors', () => {
    // 2 oscillators × 2 moments, each within 4 standard errors: the false-failure rate under
    // correct dynamics is below 4 × 2e-4 (t with 49 degrees of freedom); the seed is fixed.
    const energy = harmonic(stiffness);
    const inverseMassDiagonal = Float64Array.from(masses, (m) => 1 / m);
    const integrator = baoab(energy, { inverseMassDiagonal, friction, temperature });
    const state = phaseSpaceState(energy, [0, 0], [0, 0]);
    const stream = new RandomStream(makeKey(31));
    const burnIn = 2000;
    const steps = 100_000;
    const q2 = stiffness.map(() => new Float64Array(steps));
    const p2 = stiffness.map(() => new Float64Array(steps));
    for (let t = 0; t < burnIn; t++) integrator.step(state, stepSize, stream);
    for (let t = 0; t < steps; t++) {
      integrator.step(state, stepSize, stream);
      for (let i = 0; i < 2; i++) {
        q2[i][t] = state.position[i] ** 2;
        p2[i][t] = state.momentum[i] ** 2 / masses[i];
      }
    }
    for (let i = 0; i < 2; i++) {
      const [exactQ2, exactP2] = stationaryCovariance(
        stiffness[i],
        masses[i],
        temperature,
        friction,
        stepSize,
      );
      const q = batchMeans(q2[i], 50);
      const p = batchMeans(p2[i], 50);
      assert.ok(
        Math.abs(q.mean - exactQ2) < 4 * q.stderr,
        `oscillator ${i}: ⟨q²⟩ ${q.mean} ± ${q.stderr} vs ${exactQ2}`,
      );
      assert.ok(
        Math.abs(p.mean - exactP2 / masses[i]) < 4 * p.stderr,
        `oscillator ${i}: ⟨p²/m⟩ ${p.mean} ± ${p.stderr}`,
      );
      assert.ok(q.stderr < 0.03 * exactQ2, 'the run is long enough to resolve a few-percent error');
    }
  });

  it('is leapfrog at zero friction (no noise drawn) and a damped descent at zero temperature', () => {
    const energy = harmonic([1, 3]);
    const stream = new RandomStream(makeKey(1));
    const a = phaseSpaceState(energy, [1, -0.5], [0.2, 0.4]);
    const b = copyPhaseSpaceState(a);
    const hamiltonian = baoab(energy, { friction: 0, temperature: 5 });
    for (let t = 0; t < 100; t++) hamiltonian.step(a, 0.1, stream);
    advance(leapfrog(energy), b, 0.1, 100);
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(a.position[i] - b.position[i]) < 1e-13);
    assert.equal(stream.counter, 0, 'no random numbers drawn');

    const quadratic = illConditionedQuadratic({
      dimension: 5,
      conditionNumber: 10,
      minimizer: [1, 2, 3, 4, 5],
    });
    const cold = baoab(quadratic, { friction: 2, temperature: 0 });
    const state = phaseSpaceState(quadratic, new Float64Array(5), new Float64Array(5));
    for (let t = 0; t < 2000; t++) cold.step(state, 0.1, stream);
    for (let i = 0; i < 5; i++)
      assert.ok(Math.abs(state.position[i] - (i + 1)) < 1e-8, 'reaches the minimum');
    assert.equal(stream.counter, 0);
  });

  it('takes a key instead of a stream (the same numbers as a fresh stream on that key)', () => {
    const energy = harmonic([1, 2]);
    const integrator = baoab(energy, { temperature: 1 });
    const a = phaseSpaceState(energy, [0.1, 0.2], [0, 0]);
    const b = copyPhaseSpaceState(a);
    integrator.step(a, 0.1, makeKey(5));
    integrator.step(b, 0.1, new RandomStream(makeKey(5)));
    assert.deepEqual(a, b);
  });

  it('lets the temperature change between steps, and rejects bad options', () => {
    const energy = harmonic([1]);
    const integrator = baoab(energy, { temperature: 1 });
    integrator.temperature = 0.25;
    assert.equal(integrator.temperature, 0.25);
    assert.throws(() => {
      integrator.temperature = -1;
    }, /temperature must be a finite number ≥ 0/);
    assert.throws(() => baoab(energy, { friction: -1 }), /friction must be a finite number ≥ 0/);
    assert.throws(
      () => baoab(energy, { inverseMassDiagonal: Float64Array.of(0) }),
      /inverseMassDiagonal\[0\]/,
    );
    const state = phaseSpaceState(energy, [0], [0]);
    assert.throws(() => integrator.step(state, 0, makeKey(1)), /stepSize must be a finite number > 0/);
    assert.throws(
      () => integrator.step(state, 0.1, 'seed' as never),
      /noise must be a RandomStream or a Key/,
    );
  });
});
