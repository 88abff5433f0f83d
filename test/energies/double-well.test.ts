import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { doubleWellEnergy, gradientOf } from '../../src/energies/index.js';
import { eulerMaruyama, overdampedState } from '../../src/integrators/index.js';
import { checkEnergy, randomPoints } from './check-energy.js';

describe('doubleWellEnergy', () => {
  it('matches the autodiff formula h·Σ(x² − 1)² in 1 and 4 dimensions', () => {
    for (const [n, h] of [
      [1, 1],
      [4, 2.5],
    ]) {
      const energy = doubleWellEnergy({ dimension: n, barrier: h });
      const formula = (x: T.Tensor) => T.mul(h, T.sum(T.square(T.sub(T.square(x), 1))));
      checkEnergy(energy, formula, randomPoints(makeKey(n), 5, n, 1.2), makeKey(10 + n));
    }
  });

  it('has minima at ±1 with U = 0, a barrier h at 0, and curvatures 8h and −4h', () => {
    const energy = doubleWellEnergy({ barrier: 3 });
    for (const m of energy.minima) {
      assert.equal(energy.energy(Float64Array.of(m)), 0);
      assert.ok(gradientOf(energy, Float64Array.of(m))[0] === 0);
      assert.equal(energy.hessian(Float64Array.of(m))[0], energy.curvatureAtMinimum);
    }
    assert.equal(energy.energy(Float64Array.of(0)), 3);
    assert.equal(energy.curvatureAtMinimum, 24);
    assert.equal(energy.hessian(Float64Array.of(0))[0], energy.curvatureAtBarrier);
    assert.equal(energy.curvatureAtBarrier, -12);
  });

  it("Kramers' rate matches the barrier-crossing rate of overdamped Langevin dynamics", () => {
    // 32 independent coordinates at h/T = 4 for time 200: about 32·200·k ≈ 100 crossings.
    // Kramers' law holds up to O(T/h) corrections (measured ratio ≈ 0.93 at a 5× smaller step),
    // the step adds an O(stepSize) bias, and the count's Poisson error is ≈ 10%, so we accept
    // a ratio in [0.6, 1.25]. A rate off by the prefactor's 2π or by a factor e^{±1} fails.
    const n = 32;
    const temperature = 0.25;
    const energy = doubleWellEnergy({ dimension: n });
    const dynamics = eulerMaruyama(energy, { temperature });
    const state = overdampedState(energy, new Float64Array(n).fill(-1));
    const stream = new RandomStream(makeKey(4));
    const stepSize = 0.01;
    const steps = 20_000;
    // A crossing is counted when a coordinate reaches the other minimum's side past ±0.5
    // (committed transitions, not recrossings of the barrier top).
    const side = new Int8Array(n).fill(-1);
    let crossings = 0;
    for (let t = 0; t < steps; t++) {
      dynamics.step(state, stepSize, stream);
      for (let i = 0; i < n; i++) {
        const x = state.position[i];
        if (side[i] < 0 && x > 0.5) {
          side[i] = 1;
          crossings++;
        } else if (side[i] > 0 && x < -0.5) {
          side[i] = -1;
          crossings++;
        }
      }
    }
    const measured = crossings / (n * steps * stepSize);
    const ratio = measured / energy.kramersRate(temperature);
    assert.ok(
      ratio > 0.6 && ratio < 1.25,
      `rate ${measured} vs Kramers ${energy.kramersRate(temperature)} (${crossings} crossings)`,
    );
  });

  it("Kramers' friction formula reduces to the overdamped one as γ → ∞ (rate × γ)", () => {
    const energy = doubleWellEnergy({ barrier: 2 });
    const overdamped = energy.kramersRate(0.4);
    const heavy = energy.kramersRate(0.4, 1e6) * 1e6;
    assert.ok(Math.abs(heavy / overdamped - 1) < 1e-6);
    // At zero friction it is the transition-state-theory rate ω₀/(2π)·e^{−h/T}.
    assert.ok(Math.abs(energy.kramersRate(0.4, 0) - (Math.sqrt(16) / (2 * Math.PI)) * Math.exp(-5)) < 1e-15);
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(() => doubleWellEnergy({ barrier: 0 }), /barrier must be a finite number > 0/);
    assert.throws(() => doubleWellEnergy({ dimension: 1.5 }), /dimension must be an integer ≥ 1/);
    assert.throws(() => doubleWellEnergy().kramersRate(-1), /temperature must be a finite number > 0/);
  });
});
