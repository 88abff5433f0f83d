/**
 * Exact checks of the update kernels on tiny lattices: every transition probability is computed
 * by enumerating the random choices of the real sweep code (see `exact-transitions.ts`), then
 * - each single-site Metropolis / heat-bath update satisfies detailed balance, π_a P_ab = π_b P_ba;
 * - a whole checkerboard sweep equals the product of its single-site kernels in that order and
 *   leaves π invariant (πP = π), though it is not reversible itself;
 * - a Wolff cluster flip and a Swendsen–Wang update (with a field) satisfy detailed balance.
 * All to 1e−13 (float summation over a few thousand paths), so any wrong probability fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterBondProbability,
  heatBathSiteUpdate,
  heatBathSweep,
  heatBathTable,
  isingModel,
  metropolisAcceptanceTable,
  metropolisSiteUpdate,
  metropolisSweep,
  swendsenWangSweep,
  wolffSweep,
} from '../../../src/models/ising/index.js';
import {
  boltzmannDistribution,
  detailedBalanceError,
  exactTransitionMatrix,
  multiplyMatrices,
  rowSumError,
  stationarityError,
} from './exact-transitions.js';

const TOLERANCE = 1e-13;

describe('Metropolis and heat-bath on a 2×2 periodic lattice (16 states), exactly', () => {
  const model = isingModel({ dimension: 2, length: 2, coupling: 1, field: 0.3 });
  const temperature = 1.7;
  const pi = boltzmannDistribution(model, temperature);
  // Checkerboard order on 2×2: colour 0 is sites 0 and 3, colour 1 is sites 1 and 2.
  const order = [0, 3, 1, 2];

  const kinds = [
    {
      name: 'Metropolis',
      boundaries: metropolisAcceptanceTable(model, temperature),
      site: metropolisSiteUpdate,
      sweep: metropolisSweep,
    },
    {
      name: 'heat-bath',
      boundaries: heatBathTable(model, temperature),
      site: heatBathSiteUpdate,
      sweep: heatBathSweep,
    },
  ];

  for (const kind of kinds) {
    it(`${kind.name}: every single-site kernel satisfies detailed balance`, () => {
      for (let site = 0; site < 4; site++) {
        const p = exactTransitionMatrix(
          model,
          (lattice, source) => kind.site(lattice, site, temperature, source),
          kind.boundaries,
        );
        assert.ok(rowSumError(p, 16) < TOLERANCE);
        const error = detailedBalanceError(pi, p);
        assert.ok(error < TOLERANCE, `site ${site}: detailed balance violated by ${error}`);
      }
    });

    it(`${kind.name}: the sweep is the product of the site kernels in checkerboard order and keeps π`, () => {
      const sweep = exactTransitionMatrix(
        model,
        (lattice, source) => kind.sweep(lattice, temperature, source),
        kind.boundaries,
      );
      let product: Float64Array | null = null;
      for (const site of order) {
        const p = exactTransitionMatrix(
          model,
          (lattice, source) => kind.site(lattice, site, temperature, source),
          kind.boundaries,
        );
        product = product === null ? p : multiplyMatrices(product, p, 16);
      }
      let difference = 0;
      for (let i = 0; i < sweep.length; i++)
        difference = Math.max(difference, Math.abs(sweep[i] - (product as Float64Array)[i]));
      assert.ok(difference < TOLERANCE, `sweep differs from the ordered product by ${difference}`);
      const error = stationarityError(pi, sweep);
      assert.ok(error < TOLERANCE, `πP − π = ${error}`);
      // A fixed-order sweep is not reversible: detailed balance is the wrong test for it.
      assert.ok(detailedBalanceError(pi, sweep) > 1e-4);
    });
  }

  it('a wrong acceptance rule (exp(−2ΔE/T)) is caught by the same test', () => {
    const wrongTemperature = temperature / 2;
    const p = exactTransitionMatrix(
      model,
      (lattice, source) => metropolisSweep(lattice, wrongTemperature, source),
      metropolisAcceptanceTable(model, wrongTemperature),
    );
    assert.ok(stationarityError(pi, p) > 1e-3);
  });
});

describe('Metropolis on an odd periodic ring (5 sites, not bipartite), exactly', () => {
  it('the even-then-odd sweep still keeps π', () => {
    const model = isingModel({ dimension: 1, length: 5, coupling: -0.7, field: 0.4 });
    const temperature = 0.9;
    const p = exactTransitionMatrix(
      model,
      (lattice, source) => metropolisSweep(lattice, temperature, source),
      metropolisAcceptanceTable(model, temperature),
    );
    assert.ok(stationarityError(boltzmannDistribution(model, temperature), p) < TOLERANCE);
  });
});

describe('cluster updates, exactly', () => {
  it('a Wolff cluster flip on 2×2 periodic satisfies detailed balance', () => {
    const model = isingModel({ dimension: 2, length: 2 });
    for (const temperature of [1.2, 3]) {
      const p = exactTransitionMatrix(model, (lattice, source) => wolffSweep(lattice, temperature, source), [
        clusterBondProbability(1, temperature),
      ]);
      const pi = boltzmannDistribution(model, temperature);
      assert.ok(rowSumError(p, 16) < TOLERANCE);
      assert.ok(detailedBalanceError(pi, p) < TOLERANCE);
      assert.ok(stationarityError(pi, p) < TOLERANCE);
    }
  });

  it('Swendsen–Wang on a 2×2 open lattice satisfies detailed balance', () => {
    const model = isingModel({ dimension: 2, length: 2, boundary: 'open' });
    const temperature = 1.4;
    const p = exactTransitionMatrix(
      model,
      (lattice, source) => swendsenWangSweep(lattice, temperature, source),
      [clusterBondProbability(1, temperature), 0.5],
    );
    const pi = boltzmannDistribution(model, temperature);
    assert.ok(rowSumError(p, 16) < TOLERANCE);
    assert.ok(detailedBalanceError(pi, p) < TOLERANCE);
  });

  it('Swendsen–Wang in a field (cluster heat-bath) satisfies detailed balance', () => {
    // A periodic pair has a double bond; its clusters have M_C = ±1 or ±2.
    for (const [coupling, field] of [
      [1, 0.35],
      [-0.8, -0.5],
    ]) {
      const model = isingModel({ dimension: 1, length: 2, coupling, field });
      const temperature = 1.1;
      const boundaries = [clusterBondProbability(coupling, temperature)];
      for (const m of [-2, -1, 1, 2]) boundaries.push(1 / (1 + Math.exp((2 * field * m) / temperature)));
      const p = exactTransitionMatrix(
        model,
        (lattice, source) => swendsenWangSweep(lattice, temperature, source),
        boundaries,
      );
      const pi = boltzmannDistribution(model, temperature);
      assert.ok(rowSumError(p, 4) < TOLERANCE);
      assert.ok(detailedBalanceError(pi, p) < TOLERANCE, `J = ${coupling}, h = ${field}`);
    }
  });
});
