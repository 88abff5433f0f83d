/** Kaufman's finite periodic lattice against exact enumeration, and its limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CRITICAL_TEMPERATURE,
  exactIsingObservables,
  isingDensityOfStates,
  kaufmanIsing,
} from '../../src/exact/index.js';

describe('kaufmanIsing', () => {
  it('gives the 4×4 reference values at T = 2 to ≥ 11 digits', () => {
    const result = kaufmanIsing({ width: 4, temperature: 2.0 });
    assert.ok(Math.abs(result.logPartitionFunction - 17.105367118732) < 1e-11);
    assert.ok(Math.abs(result.energyPerSpin - -1.75538028878) < 1e-11);
  });

  it('equals exact enumeration on squares and rectangles (odd, even, sides of 2) at many T', () => {
    const temperatures = [0.5, 1.0, 2.0, CRITICAL_TEMPERATURE, 2.5, 3.0, 10];
    for (const [width, height] of [
      [4, 4],
      [2, 3],
      [3, 2],
      [3, 3],
      [2, 5],
      [4, 3],
      [3, 5],
    ]) {
      const dos = isingDensityOfStates({ dimension: 2, length: width, height });
      for (const temperature of temperatures) {
        const exact = exactIsingObservables(dos, temperature);
        const kaufman = kaufmanIsing({ width, height, temperature });
        const label = `${width}×${height} at T = ${temperature}`;
        assert.ok(
          Math.abs(kaufman.logPartitionFunction - exact.logPartitionFunction) < 1e-11,
          `${label}: ln Z`,
        );
        assert.ok(Math.abs(kaufman.energyPerSpin - exact.energyPerSpin) < 1e-12, `${label}: u`);
        assert.ok(Math.abs(kaufman.specificHeat - exact.specificHeat) < 1e-11, `${label}: C`);
        assert.ok(Math.abs(kaufman.entropyPerSpin - exact.entropyPerSpin) < 1e-11, `${label}: s`);
      }
    }
  });

  it('takes J into account and is symmetric in the two sides', () => {
    const a = kaufmanIsing({ width: 6, height: 10, temperature: 3, coupling: 1.5 });
    const b = kaufmanIsing({ width: 10, height: 6, temperature: 2 });
    assert.ok(Math.abs(a.logPartitionFunction - b.logPartitionFunction) < 1e-10);
    assert.ok(Math.abs(a.energyPerSpin - 1.5 * b.energyPerSpin) < 1e-12);
  });

  it('handles large lattices and extreme temperatures without overflow', () => {
    const big = kaufmanIsing({ width: 1024, temperature: CRITICAL_TEMPERATURE });
    assert.ok(Number.isFinite(big.logPartitionFunction) && Number.isFinite(big.specificHeat));
    // At T_c the specific heat grows like (8/π) K_c² ln L.
    const small = kaufmanIsing({ width: 512, temperature: CRITICAL_TEMPERATURE });
    const slope = (big.specificHeat - small.specificHeat) / Math.LN2;
    const kc = 1 / CRITICAL_TEMPERATURE;
    assert.ok(Math.abs(slope - (8 / Math.PI) * kc * kc) < 1e-3, `slope ${slope}`);
    const cold = kaufmanIsing({ width: 8, temperature: 0.02 });
    assert.ok(Math.abs(cold.energyPerSpin - -2) < 1e-12);
    assert.ok(Math.abs(cold.logPartitionFunction - (128 / 0.02 + Math.LN2)) < 1e-9);
    const hot = kaufmanIsing({ width: 8, temperature: 1e4 });
    assert.ok(Math.abs(hot.logPartitionFunction - 64 * Math.LN2) < 1e-3);
  });

  it('rejects bad input naming the parameter', () => {
    assert.throws(() => kaufmanIsing({ width: 1, temperature: 2 }), /width must be an integer in \[2/);
    assert.throws(
      () => kaufmanIsing({ width: 4, temperature: 0 }),
      /temperature must be a finite number > 0/,
    );
    assert.throws(() => kaufmanIsing({ width: 4, temperature: 2, coupling: -1 }), /coupling must be > 0/);
    assert.throws(
      () => kaufmanIsing({ width: 4, temperature: 0.001 }),
      /coupling\/temperature must be ≤ 100/,
    );
  });
});
