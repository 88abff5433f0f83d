/**
 * Binning analysis and Sokal's windowed τ on AR(1) series, whose autocorrelation is known:
 * x_t = φ x_{t−1} + √(1 − φ²) ε_t has ρ(t) = φ^t, τ = (1 + φ)/(1 − φ) and
 * n·Var(x̄) = τ − 2φ(1 − φⁿ)/(n(1 − φ)²).
 *
 * Tolerance 15%: with n = 2^18 the plateau level keeps ≥ 256 bins, so the estimated error has a
 * relative sampling error ≈ 1/√(2·256) ≈ 4.4%; 15% is 3.4 of those (false failure ≈ 10⁻³ per
 * check, about 1% for the file), and seeds are fixed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { integratedAutocorrelationTime } from '../../src/diagnostics/index.js';
import { binningAnalysis, windowedAutocorrelationTime } from '../../src/observables/index.js';

function ar1(phi: number, n: number, seed: number): Float64Array {
  const stream = new RandomStream(fold(makeKey(77), seed));
  const out = new Float64Array(n);
  let x = stream.nextNormal(); // stationary start
  const scale = Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    x = phi * x + scale * stream.nextNormal();
    out[t] = x;
  }
  return out;
}

function exactStandardError(phi: number, n: number): number {
  const tau = (1 + phi) / (1 - phi);
  return Math.sqrt((tau - (2 * phi * (1 - phi ** n)) / (n * (1 - phi) ** 2)) / n);
}

describe('binningAnalysis on AR(1)', () => {
  const n = 2 ** 18;
  for (const phi of [0.5, 0.9, 0.97]) {
    const tau = (1 + phi) / (1 - phi);
    it(`φ = ${phi} (τ = ${tau.toFixed(1)}): error and τ within 15% of exact`, () => {
      for (let seed = 0; seed < 3; seed++) {
        const series = ar1(phi, n, seed);
        const analysis = binningAnalysis(series);
        const exact = exactStandardError(phi, n);
        const ratio = analysis.standardError / exact;
        assert.ok(Math.abs(ratio - 1) < 0.15, `seed ${seed}: binning error / exact = ${ratio.toFixed(3)}`);
        assert.ok(
          Math.abs(analysis.tauIntegrated / tau - 1) < 0.3,
          `τ from binning ${analysis.tauIntegrated}`,
        );
        assert.ok(Math.abs(analysis.windowed.tau / tau - 1) < 0.15, `windowed τ ${analysis.windowed.tau}`);
        assert.ok(analysis.converged);
        assert.ok(Math.abs(analysis.effectiveSamples - n / analysis.tauIntegrated) < 1e-6);
        // The naive error ignores the correlation and is √τ too small.
        assert.ok(analysis.naiveStandardError < (exact / Math.sqrt(tau)) * 1.1);
        // The mean itself is within 4 exact errors of 0.
        assert.ok(Math.abs(analysis.mean) < 4 * exact);
      }
    });
  }

  it('agrees with the Geyer estimate of diagnostics/ within its noise', () => {
    const series = ar1(0.9, 2 ** 16, 7);
    const windowed = windowedAutocorrelationTime(series).tau;
    const geyer = integratedAutocorrelationTime([series], { split: false });
    assert.ok(Math.abs(windowed / geyer - 1) < 0.15, `windowed ${windowed}, Geyer ${geyer}`);
  });

  it('gives the independent-sample error for white noise', () => {
    const series = ar1(0, 2 ** 15, 3);
    const analysis = binningAnalysis(series);
    assert.ok(Math.abs(analysis.tauIntegrated - 1) < 0.25, `τ = ${analysis.tauIntegrated}`);
    assert.ok(Math.abs(analysis.standardError / analysis.naiveStandardError - 1) < 0.12);
  });

  it('flags a series too short for its correlation time', () => {
    const analysis = binningAnalysis(ar1(0.995, 2000, 1));
    assert.equal(analysis.converged, false);
    assert.equal(windowedAutocorrelationTime(ar1(0.999, 500, 1)).converged, false);
  });

  it('handles constant series and rejects bad input', () => {
    const constant = binningAnalysis(new Float64Array(100).fill(2.5));
    assert.equal(constant.mean, 2.5);
    assert.equal(constant.standardError, 0);
    assert.equal(constant.tauIntegrated, 1);
    assert.throws(() => binningAnalysis([1, 2, 3]), /at least 8 values/);
    assert.throws(() => binningAnalysis([1, 2, 3, 4, 5, 6, 7, Number.NaN]), /series\[7\] must be finite/);
    assert.throws(
      () => binningAnalysis(new Float64Array(64), { minimumBins: 1 }),
      /minimumBins must be an integer ≥ 2/,
    );
    assert.throws(
      () => windowedAutocorrelationTime(new Float64Array(64), { windowFactor: 0 }),
      /windowFactor/,
    );
  });
});
