import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Grid2d, gaussianCircleDensity, grid2d } from '../../../src/data/densities.js';
import {
  klDivergenceOnGrid,
  logDensityFromEnergies,
  logPartitionOnGrid,
  logSumExpArray,
  massOnGrid,
  midpointGaussianError,
  momentMatchedGaussianOnGrid,
} from '../../../src/models/ebm/index.js';

const box = { x: [-4, 4], y: [-4, 4] } as const;

/** E(x) = |x − μ|²/2s² + c at the cell centres: exact log Z = log(2πs²) − c on the plane. */
function gaussianEnergies(grid: Grid2d, mean: [number, number], std: number, shift = 0): Float64Array {
  const out = new Float64Array(grid.resolution ** 2);
  for (let i = 0; i < out.length; i++) {
    const dx = grid.points[2 * i] - mean[0];
    const dy = grid.points[2 * i + 1] - mean[1];
    out[i] = (dx * dx + dy * dy) / (2 * std * std) + shift;
  }
  return out;
}

describe('grid normalisation', () => {
  it('integrates a Gaussian energy to its exact log Z within the stated quadrature error', () => {
    const grid = grid2d(box, 200);
    // s = 0.3 on cells of 0.04: the aliasing bound is e^{−2π²(s/h)²} ≈ 1e-482, the mass outside
    // the box below 1e-30, so only rounding remains.
    const std = 0.3;
    const bound = midpointGaussianError(std, grid.cellWidth, grid.cellHeight);
    assert.ok(bound < 1e-300, `${bound}`);
    const logZ = logPartitionOnGrid(gaussianEnergies(grid, [0.37, -0.51], std, 1000), grid);
    assert.ok(Math.abs(logZ - (Math.log(2 * Math.PI * std * std) - 1000)) < 1e-12, `${logZ}`);
  });

  it('has exactly the predicted midpoint (aliasing) error for a Gaussian narrower than two cells', () => {
    const grid = grid2d(box, 200);
    const std = 0.02; // s/h = 0.5: aliases e^{−2π²/4} ≈ 7e-3 per axis and sign
    const bound = midpointGaussianError(std, grid.cellWidth, grid.cellHeight);
    const exact = Math.log(2 * Math.PI * std * std);
    // Mean on a cell centre: every alias adds up, the error is the bound itself.
    const centred = logPartitionOnGrid(gaussianEnergies(grid, [grid.xs[103], grid.ys[91]], std), grid);
    assert.ok(
      Math.abs(Math.expm1(centred - exact) - bound) < 1e-9 * bound,
      `${Math.expm1(centred - exact)} vs ${bound}`,
    );
    // Mean on a cell corner: the first aliases change sign, the error is about −bound.
    const corner = [grid.xs[103] + grid.cellWidth / 2, grid.ys[91] + grid.cellHeight / 2] as [number, number];
    const cornered = logPartitionOnGrid(gaussianEnergies(grid, corner, std), grid);
    const relative = Math.expm1(cornered - exact);
    assert.ok(relative < 0 && Math.abs(relative) <= bound && Math.abs(relative) > 0.9 * bound, `${relative}`);
  });

  it('gives the analytic KL between two Gaussians', () => {
    // A wide box: the Gaussians' mass outside it (11σ away) is far below the tolerance.
    const grid = grid2d({ x: [-8, 8], y: [-8, 8] }, 300);
    const logP = logDensityFromEnergies(gaussianEnergies(grid, [0, 0], 0.5), grid);
    const logQ = logDensityFromEnergies(gaussianEnergies(grid, [0.3, -0.2], 0.7), grid);
    // Per axis: log(s₂/s₁) + (s₁² + m²)/(2s₂²) − ½.
    const axis = (m: number) => Math.log(0.7 / 0.5) + (0.25 + m * m) / (2 * 0.49) - 0.5;
    const kl = klDivergenceOnGrid(logP, logQ);
    assert.ok(Math.abs(kl - (axis(0.3) + axis(-0.2))) < 1e-12, `${kl}`);
    assert.equal(klDivergenceOnGrid(logP, logP), 0);
    // Unnormalised inputs give the same divergence (both are normalised on the cells).
    const shifted = klDivergenceOnGrid(
      logP.map((v) => v + 5),
      logQ,
    );
    assert.ok(Math.abs(shifted - kl) < 1e-13, `${shifted}`);
  });

  it('finds the moment-matched Gaussian: exact for a Gaussian, the KL-best one for a mixture', () => {
    const grid = grid2d(box, 160);
    const logP = logDensityFromEnergies(gaussianEnergies(grid, [0.5, -0.25], 0.6), grid);
    const self = klDivergenceOnGrid(logP, momentMatchedGaussianOnGrid(logP, grid));
    assert.ok(self < 1e-12, `${self}`);
    const mixture = gaussianCircleDensity();
    const logMixture = mixture.logDensity(grid.points);
    const best = klDivergenceOnGrid(logMixture, momentMatchedGaussianOnGrid(logMixture, grid));
    // Analytic: −H(p) + H(N(0, (R²/2 + s²)I)), with H(p) ≈ log 8 + 1 + log(2πs²) if the modes did not
    // overlap; neighbours 6σ apart overlap enough to lower H(p) by about 0.004.
    const entropy = Math.log(8) + 1 + Math.log(2 * Math.PI * 0.0625);
    const expected = 1 + Math.log(2 * Math.PI * 2.0625) - entropy;
    assert.ok(Math.abs(best - expected) < 1e-2, `${best} vs ${expected}`);
    for (const variance of [1.5, 3]) {
      const other = logDensityFromEnergies(gaussianEnergies(grid, [0, 0], Math.sqrt(variance)), grid);
      assert.ok(klDivergenceOnGrid(logMixture, other) > best, `variance ${variance}`);
    }
    assert.ok(Math.abs(massOnGrid(logMixture, grid) - 1) < 1e-12, 'mass');
  });

  it('computes log-sum-exp stably', () => {
    assert.ok(Math.abs(logSumExpArray([1000, 1000]) - (1000 + Math.LN2)) < 1e-12);
    assert.ok(Math.abs(logSumExpArray([-1000, -1000]) - (-1000 + Math.LN2)) < 1e-12);
    assert.equal(logSumExpArray([Number.NEGATIVE_INFINITY]), Number.NEGATIVE_INFINITY);
    assert.throws(() => logSumExpArray([0, Number.NaN]), /values\[1\] is NaN/);
    assert.throws(() => logPartitionOnGrid([1, 2], grid2d(box, 4)), /one value per cell \(16\)/);
  });
});
