import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import {
  type Domain,
  disk,
  interval,
  lShape,
  rectangle,
  spaceTime,
  unitCubeSample,
} from '../../src/pinn/index.js';

function moments(points: Float64Array, dimension: number, axis: number): { mean: number; variance: number } {
  const n = points.length / dimension;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = points[i * dimension + axis];
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

// n = 4000 points; every bound below is 5 standard errors of the estimator (two-sided false
// failure ≈ 6e-7 per check for a correct sampler), and the seeds are fixed.
const n = 4000;

describe('domain interior sampling', () => {
  it('is uniform on a rectangle: means and variances of the uniform law', () => {
    const domain = rectangle([0, -1], [2, 3]);
    for (const method of ['uniform', 'latin-hypercube'] as const) {
      const points = domain.sampleInterior(makeKey(1), n, { method });
      const x = moments(points, 2, 0);
      const y = moments(points, 2, 1);
      assert.ok(Math.abs(x.mean - 1) < 5 * Math.sqrt(1 / 3 / n), `${method} mean x ${x.mean}`);
      assert.ok(Math.abs(y.mean - 1) < 5 * Math.sqrt(4 / 3 / n), `${method} mean y ${y.mean}`);
      // Var of a uniform on width w is w²/12; the sample variance's standard error is w²·√(1/180n).
      assert.ok(Math.abs(x.variance - 1 / 3) < 5 * 4 * Math.sqrt(1 / 180 / n), `${method} var x`);
      assert.ok(Math.abs(y.variance - 4 / 3) < 5 * 16 * Math.sqrt(1 / 180 / n), `${method} var y`);
      for (let i = 0; i < n; i++) assert.ok(domain.contains(points.subarray(2 * i, 2 * i + 2), 0));
    }
  });

  it('is uniform on a disk: mean at the centre, variance R²/4, a quarter inside R/2', () => {
    const domain = disk([1, -1], 2);
    const points = domain.sampleInterior(makeKey(2), n);
    const x = moments(points, 2, 0);
    const y = moments(points, 2, 1);
    assert.ok(Math.abs(x.mean - 1) < 5 * Math.sqrt(1 / n));
    assert.ok(Math.abs(y.mean + 1) < 5 * Math.sqrt(1 / n));
    // E[x⁴] = R⁴/8 = 2, so the sample variance has standard error √((2 − 1)/n).
    assert.ok(Math.abs(x.variance - 1) < 5 * Math.sqrt(1 / n), `var x ${x.variance}`);
    let inner = 0;
    for (let i = 0; i < n; i++) {
      const p = points.subarray(2 * i, 2 * i + 2);
      assert.ok(domain.contains(p, 0));
      if (Math.hypot(p[0] - 1, p[1] + 1) < 1) inner++;
    }
    assert.ok(Math.abs(inner / n - 0.25) < 5 * Math.sqrt(0.1875 / n), `inner fraction ${inner / n}`);
  });

  it('fills the three squares of the L-shape equally and never the cut-out quarter', () => {
    const domain = lShape();
    const points = domain.sampleInterior(makeKey(3), n, { method: 'latin-hypercube' });
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [x, y] = points.subarray(2 * i, 2 * i + 2);
      assert.ok(!(x > 0 && y > 0) && domain.contains([x, y], 0), `point (${x}, ${y})`);
      counts[y >= 0 ? 2 : x >= 0 ? 1 : 0]++;
    }
    for (const c of counts) assert.ok(Math.abs(c / n - 1 / 3) < 5 * Math.sqrt(2 / 9 / n), `counts ${counts}`);
    assert.equal(domain.contains([0.5, 0.5]), false);
    assert.equal(domain.contains([-0.5, 0.5]), true);
  });

  it('puts exactly one point in each stratum of each axis (Latin hypercube)', () => {
    const count = 50;
    const unit = unitCubeSample(makeKey(4), count, 3, 'latin-hypercube');
    for (let axis = 0; axis < 3; axis++) {
      const seen = new Set<number>();
      for (let i = 0; i < count; i++) seen.add(Math.floor(unit[i * 3 + axis] * count));
      assert.equal(seen.size, count);
    }
  });
});

describe('domain boundary sampling', () => {
  const onBoundary: [Domain, (p: Float64Array) => number][] = [
    [interval(-1, 2), (p) => Math.min(Math.abs(p[0] + 1), Math.abs(p[0] - 2))],
    [
      rectangle([0, 0], [2, 1]),
      (p) => Math.min(Math.abs(p[0]), Math.abs(p[0] - 2), Math.abs(p[1]), Math.abs(p[1] - 1)),
    ],
    [disk([0.5, 0], 3), (p) => Math.abs(Math.hypot(p[0] - 0.5, p[1]) - 3)],
    [
      lShape(),
      (p) =>
        Math.abs(p[0]) === 1 || Math.abs(p[1]) === 1 || (p[0] === 0 && p[1] >= 0) || (p[1] === 0 && p[0] >= 0)
          ? 0
          : 1,
    ],
  ];
  for (const [domain, distance] of onBoundary) {
    it(`lies on the boundary of ${domain.name} with outward unit normals`, () => {
      const d = domain.dimension;
      const { points, normals } = domain.sampleBoundary(makeKey(5), 400);
      for (let i = 0; i < 400; i++) {
        const p = points.subarray(i * d, (i + 1) * d);
        const normal = normals.subarray(i * d, (i + 1) * d);
        assert.ok(distance(p) < 1e-12, `${Array.from(p)} off the boundary`);
        assert.ok(Math.abs(Math.hypot(...normal) - 1) < 1e-14);
        // Outward: a small step along the normal leaves the domain, one against it stays in.
        assert.equal(
          domain.contains(
            p.map((v, a) => v + 1e-6 * normal[a]),
            0,
          ),
          false,
        );
        assert.equal(
          domain.contains(
            p.map((v, a) => v - 1e-6 * normal[a]),
            0,
          ),
          true,
        );
      }
    });
  }

  it('covers a rectangle boundary in proportion to edge length', () => {
    const { points } = rectangle([0, 0], [3, 1]).sampleBoundary(makeKey(6), n);
    let horizontal = 0;
    for (let i = 0; i < n; i++) if (points[2 * i + 1] === 0 || points[2 * i + 1] === 1) horizontal++;
    // Horizontal edges are 6 of the perimeter's 8.
    assert.ok(Math.abs(horizontal / n - 0.75) < 5 * Math.sqrt(0.1875 / n), `${horizontal / n}`);
  });
});

describe('spaceTime', () => {
  it('samples Ω × [0, T], the lateral boundary with spatial normals, and the initial slice', () => {
    const domain = spaceTime(interval(0, 1), 2);
    assert.equal(domain.dimension, 2);
    const interior = domain.sampleInterior(makeKey(7), n);
    const t = moments(interior, 2, 1);
    assert.ok(Math.abs(t.mean - 1) < 5 * Math.sqrt(1 / 3 / n));
    const { points, normals } = domain.sampleBoundary(makeKey(8), 100);
    const initialPoints = domain.sampleInitial(makeKey(9), 100);
    for (let i = 0; i < 100; i++) {
      assert.ok(points[2 * i] === 0 || points[2 * i] === 1);
      assert.equal(normals[2 * i], points[2 * i] === 0 ? -1 : 1);
      assert.equal(normals[2 * i + 1], 0);
      assert.equal(initialPoints[2 * i + 1], 0);
      assert.ok(domain.contains(points.subarray(2 * i, 2 * i + 2)));
    }
    assert.equal(domain.contains([0.5, 2.5]), false);
  });

  it('rejects bad input with a message naming the parameter', () => {
    assert.throws(() => spaceTime(interval(0, 1), -1), /duration must be/);
    assert.throws(() => interval(1, 0), /low < high/);
    assert.throws(() => disk([0, 0], 0), /radius must be > 0/);
    assert.throws(() => rectangle([0, 0], [1, 1]).sampleInterior(makeKey(1), -3), /count must be an integer/);
    assert.throws(
      () => rectangle([0, 0], [1, 1]).sampleInterior(makeKey(1), 3, { method: 'sobol' as never }),
      /options.method must be one of/,
    );
  });
});
