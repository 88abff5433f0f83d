import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../../src/core/random/index.js';
import { gaussianEnergy } from '../../../../src/energies/index.js';
import { findReasonableStepSize, leapfrogAcceptanceProbe } from '../../../../src/mcmc/hmc/index.js';

describe('findReasonableStepSize', () => {
  it('doubles or halves until the acceptance crosses 0.8', () => {
    // α(ε) = exp(−ε²) crosses 0.8 at ε ≈ 0.472.
    const probe = (stepSize: number) => Math.exp(-stepSize * stepSize);
    assert.equal(findReasonableStepSize(probe, 0.01, makeKey(1)), 0.64); // 0.01·2⁶: first above 0.472
    assert.equal(findReasonableStepSize(probe, 10, makeKey(1)), 0.3125); // 10·2⁻⁵: first below
  });

  it('with one leapfrog step on a Gaussian, lands within a factor 2 of the 0.8 point, proportional to the scale', () => {
    // One leapfrog step on N(0, σ²) from q with p ~ N(0, 1): the energy error is O(ε⁴/σ⁴)…
    // whatever the constants, the step found must scale like σ.
    const found = (sigma: number) => {
      const energy = gaussianEnergy({ covariance: [[sigma * sigma]] });
      return findReasonableStepSize(leapfrogAcceptanceProbe(energy, [sigma]), 1, makeKey(2));
    };
    const unit = found(1);
    assert.ok(unit > 0.25 && unit < 4, `σ = 1: ε = ${unit}`);
    assert.equal(found(64) / unit, 64);
    assert.equal(found(1 / 64) * 64, unit);
  });

  it('throws with advice when the acceptance never drops (a flat target)', () => {
    assert.throws(() => findReasonableStepSize(() => 1, 1, makeKey(3)), /improper \(flat\)/);
    assert.throws(() => findReasonableStepSize(() => 0, 1, makeKey(3)), /finite and smooth/);
    assert.throws(
      () => findReasonableStepSize(() => 1, 0, makeKey(3)),
      /initialStepSize must be a finite number > 0/,
    );
  });
});
