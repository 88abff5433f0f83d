/**
 * The Ising observables from synthetic series with known answers: independent Gaussian e and m
 * give C = N·Var(e)/T², χ' = N·Var(m)/T and a Binder cumulant of 0; m = ±a gives U = 2/3.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { isingObservables } from '../../src/observables/index.js';

describe('isingObservables', () => {
  const n = 20000;
  const stream = new RandomStream(fold(makeKey(31), 0));
  const energy = Float64Array.from({ length: n }, () => -1.2 + 0.05 * stream.nextNormal());
  const magnetization = Float64Array.from({ length: n }, () => 0.1 * stream.nextNormal());
  const sites = 64;
  const temperature = 2;
  const { observables, jackknifeBins, converged } = isingObservables(
    { energy, magnetization },
    { sites, temperature },
  );

  it('estimates each observable within 4 of its error bars', () => {
    const expected = {
      energyPerSpin: -1.2,
      magnetizationPerSpin: 0,
      absMagnetizationPerSpin: 0.1 * Math.sqrt(2 / Math.PI),
      specificHeat: (sites * 0.05 ** 2) / temperature ** 2,
      susceptibilityFromSecondMoment: (sites * 0.01) / temperature,
      susceptibilityConnected: (sites * 0.01) / temperature,
      susceptibility: (sites * 0.01 * (1 - 2 / Math.PI)) / temperature,
      binder: 0,
    };
    for (const [name, value] of Object.entries(expected)) {
      const estimate = observables[name as keyof typeof expected];
      const z = (estimate.mean - value) / estimate.stderr;
      assert.ok(Math.abs(z) < 4, `${name}: ${estimate.mean} ± ${estimate.stderr}, expected ${value}`);
      assert.ok(estimate.stderr > 0);
    }
    assert.ok(jackknifeBins >= 16);
    assert.ok(converged);
  });

  it('error bars match theory for independent samples (C: σ²·√(2/n)·N/T²)', () => {
    const theory = ((sites * 0.05 ** 2) / temperature ** 2) * Math.sqrt(2 / n);
    assert.ok(Math.abs(observables.specificHeat.stderr / theory - 1) < 0.35);
    assert.ok(Math.abs(observables.energyPerSpin.stderr / (0.05 / Math.sqrt(n)) - 1) < 0.2);
  });

  it('gives U = 2/3 for a magnetisation that only flips sign', () => {
    const flips = Float64Array.from({ length: 256 }, (_, t) => (t % 3 === 0 ? 0.8 : -0.8));
    const result = isingObservables(
      { energy: new Float64Array(256).fill(-1.5), magnetization: flips },
      { sites, temperature },
    );
    assert.ok(Math.abs(result.observables.binder.mean - 2 / 3) < 1e-12);
    assert.equal(result.observables.specificHeat.mean, 0);
    assert.ok(Math.abs(result.observables.absMagnetizationPerSpin.mean - 0.8) < 1e-12);
  });

  it('rejects bad input naming it', () => {
    assert.throws(
      () => isingObservables({ energy, magnetization: magnetization.subarray(1) }, { sites, temperature }),
      /they must match/,
    );
    assert.throws(
      () => isingObservables({ energy: [1, 2], magnetization: [1, 2] }, { sites, temperature }),
      /at least 32 values/,
    );
    assert.throws(
      () => isingObservables({ energy, magnetization }, { sites: 0, temperature }),
      /options.sites must be an integer ≥ 1/,
    );
    assert.throws(
      () => isingObservables({ energy, magnetization }, { sites, temperature: -2 }),
      /options.temperature/,
    );
  });
});
