import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrate } from '../../src/energies/index.js';

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${actual} vs ${expected}`);

describe('integrate (adaptive Gauss–Kronrod)', () => {
  it('gets known integrals on finite intervals to ~1e-12', () => {
    close(integrate(Math.sin, 0, Math.PI).value, 2, 1e-13);
    close(integrate((x) => x ** 7 - 3 * x ** 2, -1, 2).value, 255 / 8 - 9, 1e-14);
    close(integrate(Math.exp, 0, 1).value, Math.E - 1, 1e-14);
    // Endpoint singularities (integrable) converge by bisection toward the end point.
    close(integrate(Math.sqrt, 0, 1).value, 2 / 3, 1e-10);
    close(integrate((x) => 1 / Math.sqrt(x), 0, 1).value, 2, 1e-9);
    close(integrate((x) => Math.log(x), 0, 1).value, -1, 1e-10);
  });

  it('maps infinite ranges: √π, π, 1', () => {
    close(integrate((x) => Math.exp(-x * x), -Infinity, Infinity).value, Math.sqrt(Math.PI), 1e-13);
    close(integrate((x) => 1 / (1 + x * x), -Infinity, Infinity).value, Math.PI, 1e-13);
    close(integrate((x) => Math.exp(-x), 0, Infinity).value, 1, 1e-13);
    close(integrate((x) => Math.exp(x), -Infinity, 0).value, 1, 1e-13);
    close(integrate((x) => Math.exp(-0.5 * (x - 3) ** 2), 3, Infinity).value, Math.sqrt(Math.PI / 2), 1e-12);
  });

  it('reports an honest error estimate and its work', () => {
    const result = integrate((x) => Math.cos(10 * x) * Math.exp(-x), 0, 5);
    const exact = (1 + Math.exp(-5) * (10 * Math.sin(50) - Math.cos(50))) / 101;
    assert.ok(result.converged);
    assert.ok(
      Math.abs(result.value - exact) <= result.errorEstimate + 1e-16,
      'the estimate bounds the error',
    );
    assert.ok(result.errorEstimate <= 1e-10 * Math.abs(result.value));
    assert.equal(result.evaluations, 15 * (2 * result.subdivisions - 1));
  });

  it('finds a narrow peak surrounded by breakpoints, and misses it otherwise', () => {
    const width = 1e-4;
    const peak = (x: number) => Math.exp(-0.5 * ((x - 0.3) / width) ** 2);
    const exact = Math.sqrt(2 * Math.PI) * width;
    const around = [-16, -4, -1, 1, 4, 16].map((k) => 0.3 + k * width);
    close(integrate(peak, -10, 10, { breakpoints: around }).value, exact, 1e-10);
    // Left alone, no node lands within 8 widths of the peak and the estimate is 0. This is why
    // basin integrals surround each well's centre with breakpoints.
    assert.ok(integrate(peak, -10, 10).value < 1e-3 * exact);
    assert.ok(integrate(peak, -10, 10, { breakpoints: [0.3] }).value < 1e-3 * exact);
  });

  it('negates for reversed bounds and gives 0 on an empty interval', () => {
    close(integrate(Math.cos, 1, 0).value, -Math.sin(1), 1e-14);
    assert.equal(integrate(Math.cos, 2, 2).value, 0);
  });

  it('flags non-convergence and rejects a non-finite integrand or bad options', () => {
    const rough = integrate((x) => Math.abs(Math.sin(1000 * x)), 0, 1, { maxSubdivisions: 3 });
    assert.equal(rough.converged, false);
    assert.throws(
      () => integrate((x) => 1 / x, -1, 1, { breakpoints: [0] }),
      /integrand is (-)?Infinity at x = 0|must stay finite/,
    );
    assert.throws(() => integrate(() => Number.NaN, 0, 1), /integrand is NaN/);
    assert.throws(() => integrate(Math.sin, 0, Number.NaN), /lower and upper must be numbers/);
    assert.throws(
      () => integrate(Math.sin, 0, 1, { relativeTolerance: -1 }),
      /relativeTolerance must be a finite number ≥ 0/,
    );
    assert.throws(
      () => integrate(Math.sin, 0, 1, { relativeTolerance: 0 }),
      /absoluteTolerance and relativeTolerance cannot both be 0/,
    );
  });
});
