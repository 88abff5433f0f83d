import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../../src/core/random/index.js';
import { gaussianEnergy } from '../../../../src/energies/index.js';
import { dualAveraging, hmc, nuts } from '../../../../src/mcmc/hmc/index.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from '../../../../src/mcmc/index.js';

/**
 * Runs `steps` transitions adapting the step size; returns the mean acceptance statistic of
 * the adapted iterates after the first 10% and the final averaged step size.
 */
function adapt(
  make: (stepSize: number) => SamplingAlgorithm<SamplerState, SamplerInfo>,
  start: number[],
  seed: number,
  steps: number,
) {
  const adapter = dualAveraging({ targetAcceptance: 0.8 });
  let adaptation = adapter.init(1);
  let state = make(1).init(start);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < steps; t++) {
    const [next, info] = make(Math.exp(adaptation.logStepSize)).step(fold(makeKey(seed), t), state);
    state = next;
    adaptation = adapter.update(adaptation, info.acceptanceProbability);
    if (t >= steps / 10) {
      sum += info.acceptanceProbability;
      count++;
    }
  }
  return { meanAcceptance: sum / count, finalStepSize: Math.exp(adaptation.logAverageStepSize) };
}

describe('dualAveraging', () => {
  it('finds the step size of a known acceptance curve', () => {
    // α(ε) = exp(−ε) reaches 0.8 at ε* = −ln 0.8 ≈ 0.2231.
    const adapter = dualAveraging({ targetAcceptance: 0.8 });
    let state = adapter.init(1);
    for (let t = 0; t < 2000; t++) state = adapter.update(state, Math.exp(-Math.exp(state.logStepSize)));
    const target = -Math.log(0.8);
    assert.ok(
      Math.abs(Math.exp(state.logAverageStepSize) / target - 1) < 0.02,
      `ε = ${Math.exp(state.logAverageStepSize)}`,
    );
    assert.equal(state.iteration, 2000);
    // Other targets: α = 0.6 at ε = −ln 0.6.
    const other = dualAveraging({ targetAcceptance: 0.6 });
    let s = other.init(0.01);
    for (let t = 0; t < 2000; t++) s = other.update(s, Math.exp(-Math.exp(s.logStepSize)));
    assert.ok(Math.abs(Math.exp(s.logAverageStepSize) / -Math.log(0.6) - 1) < 0.02);
  });

  it('follows Hoffman & Gelman: μ = log 10ε₀ and the first update by hand', () => {
    const adapter = dualAveraging();
    const state = adapter.init(0.5);
    assert.ok(Math.abs(state.shrinkageTarget - Math.log(5)) < 1e-15);
    const next = adapter.update(state, 0.3);
    // H̄₁ = (0.8 − 0.3)/11, log ε₁ = μ − √1/0.05 · H̄₁, log ε̄₁ = 1·log ε₁.
    const averageGradient = 0.5 / 11;
    assert.ok(Math.abs(next.averageGradient - averageGradient) < 1e-15);
    assert.ok(Math.abs(next.logStepSize - (Math.log(5) - averageGradient / 0.05)) < 1e-14);
    assert.equal(next.logAverageStepSize, next.logStepSize);
  });

  it('brings the mean acceptance of HMC and NUTS to the target within ±0.05', () => {
    const correlated = gaussianEnergy({
      mean: [1, -2],
      covariance: [
        [1, 0.8],
        [0.8, 1],
      ],
    });
    const hmcRun = adapt(
      (stepSize) => hmc({ energy: correlated, stepSize, numIntegrationSteps: 10 }),
      [0, 0],
      301,
      1000,
    );
    assert.ok(Math.abs(hmcRun.meanAcceptance - 0.8) < 0.05, `HMC: ${hmcRun.meanAcceptance}`);
    const scales = [0.1, 0.3, 1, 3, 0.5, 2, 0.2, 1.5, 0.7, 1.2];
    const diagonal = gaussianEnergy({
      covariance: scales.map((s, i) => scales.map((_, j) => (i === j ? s * s : 0))),
    });
    const nutsRun = adapt(
      (stepSize) => nuts({ energy: diagonal, stepSize }),
      new Array(10).fill(0.5),
      302,
      1000,
    );
    assert.ok(Math.abs(nutsRun.meanAcceptance - 0.8) < 0.05, `NUTS: ${nutsRun.meanAcceptance}`);
    // The smallest scale 0.1 bounds the step size: leapfrog is unstable above 0.2.
    assert.ok(nutsRun.finalStepSize > 0.02 && nutsRun.finalStepSize < 0.2, `ε = ${nutsRun.finalStepSize}`);
  });

  it('names the parameter and its range on bad input', () => {
    assert.throws(() => dualAveraging({ targetAcceptance: 1 }), /targetAcceptance must be in \(0, 1\)/);
    assert.throws(() => dualAveraging({ kappa: 0.5 }), /kappa must be in \(0.5, 1\]/);
    assert.throws(() => dualAveraging({ gamma: -1 }), /gamma must be a finite number > 0/);
    assert.throws(() => dualAveraging().init(0), /initialStepSize must be a finite number > 0/);
  });
});
