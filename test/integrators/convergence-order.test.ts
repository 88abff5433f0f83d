/**
 * Every integrator converges at its advertised order: halving the step divides the error by
 * 2^order. We fit the log-log slope of the error against the step size and require it within
 * ±0.3 of the order, for the energy error on the harmonic oscillator and for the position
 * error on the (nonlinear) pendulum.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  advance,
  forwardEuler,
  hamiltonian,
  type IntegratorFactory,
  leapfrog,
  mclachlan,
  phaseSpaceState,
  yoshida4,
} from '../../src/integrators/index.js';
import { harmonic, logLogSlope, pendulum } from './systems.js';

const ones = Float64Array.of(1);
const finalTime = 10;

/** max over the trajectory of |H − H₀| on the oscillator q₀ = 1, p₀ = 0, up to `finalTime`. */
function maxEnergyError(factory: IntegratorFactory, steps: number): number {
  const energy = harmonic([1]);
  const integrator = factory(energy, ones);
  const state = phaseSpaceState(energy, [1], [0]);
  const h0 = hamiltonian(state, ones);
  let worst = 0;
  for (let i = 0; i < steps; i++) {
    integrator.step(state, finalTime / steps);
    worst = Math.max(worst, Math.abs(hamiltonian(state, ones) - h0));
  }
  return worst;
}

/** |q(T) − q_ref(T)| on the pendulum from q₀ = 1.5 (large swing), p₀ = 0. */
const reference = (() => {
  const state = phaseSpaceState(pendulum, [1.5], [0]);
  return advance(yoshida4(pendulum, ones), state, finalTime / 20_000, 20_000).position[0];
})();
function positionError(factory: IntegratorFactory, steps: number): number {
  const state = phaseSpaceState(pendulum, [1.5], [0]);
  return Math.abs(advance(factory(pendulum, ones), state, finalTime / steps, steps).position[0] - reference);
}

const cases: { factory: IntegratorFactory; order: number; steps: number[] }[] = [
  // Euler's energy grows as (1 + h²)^{T/h} − 1 ≈ T·h only once T·h ≪ 1: small steps.
  { factory: forwardEuler, order: 1, steps: [1000, 2000, 4000, 8000] },
  { factory: leapfrog, order: 2, steps: [50, 100, 200, 400] },
  { factory: mclachlan, order: 2, steps: [50, 100, 200, 400] },
  { factory: yoshida4, order: 4, steps: [25, 50, 100, 200] },
];

describe('convergence order (log-log slope of the error against the step size)', () => {
  for (const { factory, order, steps } of cases) {
    const name = factory(harmonic([1]), ones).name;
    it(`${name}: energy error on the harmonic oscillator ∝ h^${order}`, () => {
      const stepSizes = steps.map((n) => finalTime / n);
      const errors = steps.map((n) => maxEnergyError(factory, n));
      const slope = logLogSlope(stepSizes, errors);
      assert.ok(Math.abs(slope - order) < 0.3, `${name}: slope ${slope.toFixed(3)}, errors ${errors}`);
    });

    it(`${name}: position error on the pendulum ∝ h^${order}`, () => {
      const stepSizes = steps.map((n) => finalTime / n);
      const errors = steps.map((n) => positionError(factory, n));
      const slope = logLogSlope(stepSizes, errors);
      assert.ok(Math.abs(slope - order) < 0.3, `${name}: slope ${slope.toFixed(3)}, errors ${errors}`);
    });
  }

  it("McLachlan's splitting beats leapfrog at equal cost (2 gradients: leapfrog at half the step)", () => {
    const lf = maxEnergyError(leapfrog, 200);
    const mc = maxEnergyError(mclachlan, 100);
    assert.ok(mc < 0.5 * lf, `McLachlan ${mc} vs leapfrog ${lf}`);
  });
});
