import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adiabaticRate,
  doubleWellEnergy,
  doubleWellPassageTime,
  meanFirstPassageTime,
} from '../../src/energies/index.js';

const energy = doubleWellEnergy();

describe('meanFirstPassageTime', () => {
  it('gives the drift time (to − from)/c under a constant force c, at any temperature', () => {
    // U(x) = −c·x: ∫_{−∞}^{y} e^{cz/T} dz = (T/c)·e^{cy/T}, so τ = (1/T)∫ e^{−cy/T}(T/c)e^{cy/T} dy
    // = (to − from)/c exactly: the noise neither speeds nor slows the mean passage.
    for (const temperature of [0.1, 0.5, 2]) {
      const tau = meanFirstPassageTime((x) => -2 * x, temperature, 0, 3);
      assert.ok(Math.abs(tau / 1.5 - 1) < 1e-9, `τ = ${tau} at T = ${temperature}`);
    }
  });

  it('rejects bad input by name', () => {
    assert.throws(
      () => meanFirstPassageTime((x) => x * x, 0, -1, 1),
      /temperature must be a finite number > 0/,
    );
    assert.throws(() => meanFirstPassageTime((x) => x * x, 1, 1, -1), /from < to/);
  });
});

describe('doubleWellPassageTime', () => {
  it('matches an independent trapezoid double integral', () => {
    // numpy: cumulative trapezoid of e^{−U/T} on [−4, y], then trapezoid of e^{U/T}·F over
    // [−1, 1], 2·10⁵ and 4·10⁵ points (agreeing to 12 digits): 69.26364476067.
    const tau = doubleWellPassageTime(energy, 0.25);
    assert.ok(Math.abs(tau / 69.26364476067 - 1) < 1e-9, `τ(0.25) = ${tau}`);
  });

  it("tends to Kramers' law as the temperature falls, from below", () => {
    let previous = 0;
    for (const temperature of [0.35, 0.25, 0.1, 0.05]) {
      const ratio = 1 / doubleWellPassageTime(energy, temperature) / energy.kramersRate(temperature);
      assert.ok(ratio < 1 && ratio > previous, `k/k_Kramers = ${ratio} at T = ${temperature}`);
      previous = ratio;
    }
    // The O(T/h) correction: 2% at T = 0.05.
    assert.ok(previous > 0.975, `k/k_Kramers = ${previous} at T = 0.05`);
  });
});

describe('adiabaticRate', () => {
  it('averages the rate over a cycle; a flat schedule gives the constant rate', () => {
    const flat = adiabaticRate(energy, () => 0.3);
    assert.ok(Math.abs(flat * doubleWellPassageTime(energy, 0.3) - 1) < 1e-12);
    // The rate is convex in T: cycling around the same mean crosses more often.
    assert.ok(adiabaticRate(energy, (phase) => 0.3 + 0.2 * Math.cos(2 * Math.PI * phase)) > 1.2 * flat);
  });
});
