import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { gradientOf, type WideNarrowWellOptions, wideNarrowWellEnergy } from '../../src/energies/index.js';
import { checkEnergy, randomPoints } from './check-energy.js';

/** The documented formula, written with tensor ops. */
function formula(options: Required<WideNarrowWellOptions>) {
  const { wideCenter, narrowCenter, wideWidth, narrowWidth, depth } = options;
  const [left, right] = wideCenter < narrowCenter ? [wideCenter, narrowCenter] : [narrowCenter, wideCenter];
  const [leftWidth, rightWidth] =
    wideCenter < narrowCenter ? [wideWidth, narrowWidth] : [narrowWidth, wideWidth];
  const hole = (x: T.Tensor, c: number, w: number) =>
    T.sub(1, T.exp(T.mul(-0.5 / (w * w), T.square(T.sub(x, c)))));
  const fourth = (t: T.Tensor) => T.square(T.square(t));
  return (x: T.Tensor) => {
    const wells = T.sub(T.mul(hole(x, wideCenter, wideWidth), hole(x, narrowCenter, narrowWidth)), 1);
    const walls = T.add(
      T.mul(leftWidth ** -4, fourth(T.relu(T.sub(left, x)))),
      T.mul(rightWidth ** -4, fourth(T.relu(T.sub(x, right)))),
    );
    return T.sum(T.mul(depth, T.add(wells, walls)));
  };
}

const defaults = { wideCenter: -1, narrowCenter: 1, wideWidth: 0.5, narrowWidth: 0.2, depth: 1 };
const mirrored = { wideCenter: 2, narrowCenter: -0.5, wideWidth: 0.4, narrowWidth: 0.1, depth: 3 };

/** Composite Simpson on [a, b] with m (even) panels: an independent reference for the quadrature. */
function simpson(f: (x: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('wideNarrowWellEnergy', () => {
  it('matches the autodiff formula, including the walls outside the wells', () => {
    for (const [k, options] of [defaults, mirrored].entries()) {
      const energy = wideNarrowWellEnergy(options);
      checkEnergy(energy, formula(options), randomPoints(makeKey(k), 12, 1, 1.5, 0.5), makeKey(10 + k), {
        tolerance: 1e-11,
      });
    }
  });

  it('has two minima of exactly equal depth −D with zero gradient, and U > −D elsewhere', () => {
    for (const options of [defaults, mirrored]) {
      const energy = wideNarrowWellEnergy(options);
      for (const c of [energy.wideCenter, energy.narrowCenter]) {
        assert.equal(energy.energy(Float64Array.of(c)), -options.depth);
        assert.equal(gradientOf(energy, Float64Array.of(c))[0], 0);
      }
      for (let x = -4; x <= 4; x += 0.001) {
        if (Math.abs(x - energy.wideCenter) < 1e-6 || Math.abs(x - energy.narrowCenter) < 1e-6) continue;
        assert.ok(energy.energy(Float64Array.of(x)) > -options.depth, `U(${x}) ≤ −D`);
      }
    }
  });

  it('has one barrier between the wells, at the dividing point', () => {
    for (const options of [defaults, mirrored]) {
      const energy = wideNarrowWellEnergy(options);
      const [a, b] = [
        Math.min(options.wideCenter, options.narrowCenter),
        Math.max(options.wideCenter, options.narrowCenter),
      ];
      let changes = 0;
      let previous = 1;
      for (let x = a + 1e-4; x < b; x += 1e-4) {
        const sign = Math.sign(gradientOf(energy, Float64Array.of(x))[0]);
        if (sign !== previous) changes++;
        previous = sign;
      }
      assert.equal(changes, 1, 'U′ changes sign once between the wells');
      const top = energy.dividingPoint;
      assert.ok(Math.abs(gradientOf(energy, Float64Array.of(top))[0]) < 1e-9, 'U′ = 0 at the barrier');
      assert.ok(energy.hessian(Float64Array.of(top))[0] < 0, 'a maximum');
      assert.ok(Math.abs(energy.energy(Float64Array.of(top)) + options.depth - energy.barrierHeight) < 1e-15);
    }
  });

  it('has curvature D(1 − g_other(c))/w² at each minimum, so the wide well is the flat one', () => {
    const energy = wideNarrowWellEnergy(defaults);
    const overlap = (x: number, c: number, w: number) => 1 - Math.exp(-0.5 * ((x - c) / w) ** 2);
    assert.ok(Math.abs(energy.wideCurvature - overlap(-1, 1, 0.2) / 0.25) < 1e-12);
    assert.ok(Math.abs(energy.narrowCurvature - overlap(1, -1, 0.5) / 0.04) < 1e-12);
    assert.ok(energy.wideCurvature < energy.narrowCurvature);
  });

  it('basin probabilities agree with an independent Simpson rule to 1e-9', () => {
    for (const temperature of [0.05, 0.3, 1]) {
      const energy = wideNarrowWellEnergy(defaults);
      const p = energy.basinProbabilities(temperature);
      const weight = (x: number) => Math.exp(-(energy.energy(Float64Array.of(x)) + 1) / temperature);
      const wide = simpson(weight, -4, energy.dividingPoint, 40_000);
      const narrow = simpson(weight, energy.dividingPoint, 3, 40_000);
      assert.ok(Math.abs(p.wide - wide / (wide + narrow)) < 1e-9, `T = ${temperature}`);
      assert.ok(Math.abs(p.wide + p.narrow - 1) < 1e-15);
      assert.ok(p.errorEstimate < 1e-9);
      assert.ok(Math.abs(p.ratio - p.wideWeight / p.narrowWeight) < 1e-14);
    }
  });

  it('prefers the wide well by √(curvature ratio) as T → 0: entropy, not depth', () => {
    const energy = wideNarrowWellEnergy(defaults);
    const cold = energy.basinProbabilities(1e-4);
    assert.ok(
      Math.abs(cold.ratio / energy.lowTemperatureRatio - 1) < 1e-3,
      `${cold.ratio} vs ${energy.lowTemperatureRatio}`,
    );
    assert.ok(Math.abs(energy.lowTemperatureRatio - 2.5) < 1e-3, '≈ w_wide / w_narrow');
    assert.ok(cold.wide > 0.7);
  });

  it('is symmetric: equal widths give ½ each, and mirroring the landscape changes nothing', () => {
    const equal = wideNarrowWellEnergy({ wideWidth: 0.3, narrowWidth: 0.3 });
    assert.ok(Math.abs(equal.basinProbabilities(0.4).wide - 0.5) < 1e-10);
    assert.ok(Math.abs(equal.dividingPoint) < 1e-12);
    const flipped = wideNarrowWellEnergy({ wideCenter: 1, narrowCenter: -1 });
    const original = wideNarrowWellEnergy();
    assert.ok(Math.abs(flipped.basinProbabilities(0.2).wide - original.basinProbabilities(0.2).wide) < 1e-10);
    assert.ok(Math.abs(flipped.dividingPoint + original.dividingPoint) < 1e-12);
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(() => wideNarrowWellEnergy({ wideCenter: 1, narrowCenter: 1 }), /narrowCenter must differ/);
    assert.throws(() => wideNarrowWellEnergy({ narrowWidth: 0 }), /narrowWidth must be a finite number > 0/);
    assert.throws(() => wideNarrowWellEnergy({ depth: -1 }), /depth must be a finite number > 0/);
    assert.throws(
      () => wideNarrowWellEnergy().basinProbabilities(0),
      /temperature must be a finite number > 0/,
    );
  });
});
