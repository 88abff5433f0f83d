import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import {
  type Density2d,
  density2d,
  densityNames,
  gaussianCircleDensity,
  grid2d,
  logDensityOnGrid,
  moonsDensity,
  ringsDensity,
} from '../../src/data/densities.js';

/** Σ p·A over a fine grid: the midpoint rule, exact to rounding for these smooth densities. */
function gridMass(density: Density2d, resolution: number): number {
  const grid = grid2d(density.box, resolution);
  let sum = 0;
  for (const v of logDensityOnGrid(density, grid)) sum += Math.exp(v);
  return sum * grid.cellArea;
}

/**
 * χ² of `count` samples against the density's cell probabilities on a coarse 8×8 grid
 * (probabilities integrated on a 240×240 grid). Returns the statistic and the degrees of freedom.
 */
function chiSquare(density: Density2d, count: number, seed: number): { statistic: number; dof: number } {
  const fine = 240;
  const coarse = 8;
  const grid = grid2d(density.box, fine);
  const log = logDensityOnGrid(density, grid);
  const probability = new Float64Array(coarse * coarse);
  for (let i = 0; i < fine; i++) {
    for (let j = 0; j < fine; j++) {
      const cell = Math.floor((i * coarse) / fine) * coarse + Math.floor((j * coarse) / fine);
      probability[cell] += Math.exp(log[i * fine + j]) * grid.cellArea;
    }
  }
  const samples = density.sample(makeKey(seed), count);
  const counts = new Float64Array(coarse * coarse);
  const [x0, x1] = density.box.x;
  const [y0, y1] = density.box.y;
  for (let k = 0; k < count; k++) {
    const j = Math.floor(((samples[2 * k] - x0) / (x1 - x0)) * coarse);
    const i = Math.floor(((samples[2 * k + 1] - y0) / (y1 - y0)) * coarse);
    if (i >= 0 && i < coarse && j >= 0 && j < coarse) counts[i * coarse + j] += 1;
  }
  // Cells expecting fewer than 5 samples are pooled into one.
  let statistic = 0;
  let cells = 0;
  let pooledExpected = 0;
  let pooledCount = 0;
  for (let c = 0; c < probability.length; c++) {
    const expected = probability[c] * count;
    if (expected < 5) {
      pooledExpected += expected;
      pooledCount += counts[c];
      continue;
    }
    statistic += (counts[c] - expected) ** 2 / expected;
    cells += 1;
  }
  if (pooledExpected >= 5) {
    statistic += (pooledCount - pooledExpected) ** 2 / pooledExpected;
    cells += 1;
  }
  return { statistic, dof: cells - 1 };
}

describe('2-D densities', () => {
  it('are normalised: the midpoint rule on [−4, 4]² gives mass 1 − (mass outside) to 1e-11', () => {
    for (const name of densityNames) {
      const density = density2d(name);
      assert.ok(density.massOutsideBox < 1e-10, `${name}: ${density.massOutsideBox}`);
      for (const resolution of [150, 200, 257]) {
        const mass = gridMass(density, resolution);
        assert.ok(Math.abs(mass - 1) < 1e-11, `${name} at ${resolution}: mass ${mass}`);
      }
    }
  });

  it('stay normalised where the closed-form normalisers differ from the simple ones', () => {
    // A ring whose radius is comparable to its width: Φ(R/σ) = Φ(0.67) and e^{−R²/2σ²} matter.
    // Its cone point at the origin is not small here, so integrate in polar coordinates
    // (Simpson's rule in r, exact in the angle).
    const ring = ringsDensity({ radii: [0.2], std: 0.3, box: { x: [-5, 5], y: [-5, 5] } });
    const steps = 4000;
    const rMax = 5;
    const radii = Float64Array.from({ length: 2 * (steps + 1) }, (_, i) =>
      i % 2 === 0 ? (rMax * (i / 2)) / steps : 0,
    );
    const log = ring.logDensity(radii);
    let mass = 0;
    for (let i = 0; i <= steps; i++) {
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      mass += weight * 2 * Math.PI * radii[2 * i] * Math.exp(log[i]);
    }
    mass *= rMax / steps / 3;
    // Simpson's error is ~1e-12 here; dropping either term of the normaliser would be off by > 0.1.
    assert.ok(Math.abs(mass - 1) < 1e-10, `ring mass ${mass}`);
    // Wider moons on a larger box, and three Gaussians.
    const moons = moonsDensity({ radius: 2.5, std: 0.25, box: { x: [-6, 6], y: [-6, 6] } });
    assert.ok(moons.massOutsideBox < 1e-15);
    assert.ok(Math.abs(gridMass(moons, 300) - 1) < 1e-11);
    const three = gaussianCircleDensity({ components: 3, radius: 1, std: 0.4 });
    assert.ok(Math.abs(gridMass(three, 200) - 1) < 1e-11);
  });

  it('give the exact log density of the 8-Gaussian mixture at its centres', () => {
    const density = gaussianCircleDensity();
    const [at] = density.logDensity(Float64Array.of(2, 0));
    // At a centre its own Gaussian dominates; the neighbours at distance 2·2·sin(π/8) add e^{−Δ²/2s²}.
    const d = 4 * Math.sin(Math.PI / 8);
    let sum = 1 + 2 * Math.exp(-(d * d) / (2 * 0.0625));
    for (let k = 2; k <= 6; k++) sum += Math.exp(-((4 * Math.sin((k * Math.PI) / 8)) ** 2) / (2 * 0.0625));
    assert.ok(Math.abs(at - Math.log(sum / (8 * 2 * Math.PI * 0.0625))) < 1e-14);
  });

  it('sample their own densities (χ² on an 8×8 grid, 100000 samples)', () => {
    // The χ² statistic with ν degrees of freedom has mean ν and sd √(2ν); ν + 6√(2ν) is far in
    // the tail (probability below 1e-5 for ν between 15 and 60), while a sampler off by 2% in
    // any region adds ~0.0004·n·cells ≫ that.
    for (const name of densityNames) {
      const { statistic, dof } = chiSquare(density2d(name), 100000, 7);
      assert.ok(dof >= 15, `${name}: ${dof} cells`);
      assert.ok(statistic < dof + 6 * Math.sqrt(2 * dof), `${name}: χ² = ${statistic} with ${dof} dof`);
    }
  });

  it('sample with the right second moments', () => {
    // E|x|² = R² + 2s² for the Gaussians, E|x|² for the rings from the radial law (numerically).
    const samples = gaussianCircleDensity().sample(makeKey(3), 200000);
    let r2 = 0;
    for (let i = 0; i < samples.length; i += 2) r2 += samples[i] ** 2 + samples[i + 1] ** 2;
    r2 /= 100000 * 2;
    // Var|x|² ≈ 4·R²·s² + … ≈ 1.1, so the standard error of the mean over 2e5 is 0.0024.
    assert.ok(Math.abs(r2 - 4.125) < 0.012, `E|x|² = ${r2}`);
  });

  it('are reproducible from the key, in the box, and validate their options', () => {
    for (const name of densityNames) {
      const density = density2d(name);
      assert.deepEqual(density.sample(makeKey(1), 50), density.sample(makeKey(1), 50));
      assert.notDeepEqual(density.sample(makeKey(1), 50), density.sample(makeKey(2), 50));
      assert.equal(density.sample(makeKey(1), 0).length, 0);
    }
    assert.throws(() => ringsDensity({ radii: [1, -2] }), /radii\[1\] must be a finite number > 0/);
    assert.throws(() => moonsDensity({ std: 0 }), /std must be a finite number > 0/);
    assert.throws(
      () => gaussianCircleDensity({ components: 0 }),
      /components must be an integer in \[1, 1000\]/,
    );
    assert.throws(() => density2d('spiral' as 'rings'), /density must be one of rings, moons, gaussians8/);
    assert.throws(() => grid2d({ x: [1, 0], y: [0, 1] }, 10), /box must be/);
    assert.throws(() => grid2d({ x: [0, 1], y: [0, 1] }, 0), /resolution must be an integer in \[1, 4096\]/);
    assert.throws(() => density2d('moons').logDensity(Float64Array.of(1, 2, 3)), /even length/);
  });

  it('lays grid cells out row by row from the bottom left', () => {
    const grid = grid2d({ x: [0, 4], y: [-1, 1] }, 4);
    assert.deepEqual(Array.from(grid.xs), [0.5, 1.5, 2.5, 3.5]);
    assert.deepEqual(Array.from(grid.ys), [-0.75, -0.25, 0.25, 0.75]);
    assert.equal(grid.cellArea, 0.5);
    // Point 6 is row 1 (y = −0.25), column 2 (x = 2.5).
    assert.deepEqual([grid.points[12], grid.points[13]], [2.5, -0.25]);
  });
});
