/** Exact enumeration: the density of states g(B, M) and the thermodynamics drawn from it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  enumerateIsing,
  exactIsingObservables,
  isingDensityOfStates,
  kaufmanIsing,
} from '../../src/exact/index.js';
import {
  createIsingLattice,
  isingBondSum,
  isingMagnetization,
  isingModel,
} from '../../src/models/ising/index.js';

/** Observables by direct summation over the 2^N configurations (no Gray code), as a reference. */
function bruteForce(options: Parameters<typeof isingModel>[0], temperature: number) {
  const model = isingModel(options);
  const n = model.sites;
  let z = 0;
  let energy = 0;
  let absM = 0;
  for (let index = 0; index < 2 ** n; index++) {
    const spins = Array.from({ length: n }, (_, i) => ((index >> i) & 1 ? 1 : -1));
    const lattice = createIsingLattice(model, { initial: spins });
    const m = isingMagnetization(lattice);
    const e = -model.coupling * isingBondSum(lattice) - model.field * m;
    const w = Math.exp(-e / temperature);
    z += w;
    energy += w * e;
    absM += w * Math.abs(m);
  }
  return { logZ: Math.log(z), energyPerSpin: energy / z / n, absMagnetizationPerSpin: absM / z / n };
}

describe('isingDensityOfStates', () => {
  it('counts every configuration exactly once', () => {
    for (const options of [
      { dimension: 2 as const, length: 4 },
      { dimension: 2 as const, length: 3, height: 2, boundary: 'open' as const },
      { dimension: 1 as const, length: 9 },
    ]) {
      const dos = isingDensityOfStates(options);
      const total = dos.counts.reduce((s, c) => s + c, 0);
      assert.equal(total, 2 ** dos.model.sites);
      // Global spin flip symmetry: g(B, M) = g(B, −M).
      const key = (b: number, m: number) => `${b},${m}`;
      const table = new Map<string, number>();
      for (let e = 0; e < dos.counts.length; e++)
        table.set(key(dos.bondSums[e], dos.magnetizations[e]), dos.counts[e]);
      for (let e = 0; e < dos.counts.length; e++) {
        assert.equal(table.get(key(dos.bondSums[e], -dos.magnetizations[e])), dos.counts[e]);
      }
    }
  });

  it('agrees with a brute-force sum over states (periodic, open, field, antiferromagnet)', () => {
    for (const options of [
      { dimension: 2 as const, length: 3, coupling: 1, field: 0.2 },
      { dimension: 2 as const, length: 2, height: 3, boundary: 'open' as const, coupling: -0.8, field: 0.5 },
      { dimension: 1 as const, length: 7, coupling: 1.3, field: -0.4 },
    ]) {
      for (const t of [0.7, 2.5]) {
        const exact = enumerateIsing(options, t);
        const reference = bruteForce(options, t);
        assert.ok(Math.abs(exact.logPartitionFunction - reference.logZ) < 1e-12);
        assert.ok(Math.abs(exact.energyPerSpin - reference.energyPerSpin) < 1e-12);
        assert.ok(Math.abs(exact.absMagnetizationPerSpin - reference.absMagnetizationPerSpin) < 1e-12);
      }
    }
  });

  it('gives the 4×4 periodic reference values at T = 2 to 12 digits', () => {
    const exact = enumerateIsing({ dimension: 2, length: 4 }, 2.0);
    assert.ok(Math.abs(exact.energyPerSpin - -1.75538028878) < 1e-11);
    assert.ok(Math.abs(exact.absMagnetizationPerSpin - 0.918943267402) < 1e-12);
    assert.ok(Math.abs(exact.logPartitionFunction - 17.105367118732) < 1e-11);
  });

  it('enumerates 5×5 (2^25 states) and matches Kaufman', () => {
    const dos = isingDensityOfStates({ dimension: 2, length: 5 });
    assert.equal(
      dos.counts.reduce((s, c) => s + c, 0),
      2 ** 25,
    );
    for (const t of [1.5, 2.27, 3.5]) {
      const exact = exactIsingObservables(dos, t);
      const kaufman = kaufmanIsing({ width: 5, temperature: t });
      assert.ok(Math.abs(exact.logPartitionFunction - kaufman.logPartitionFunction) < 1e-11);
      assert.ok(Math.abs(exact.energyPerSpin - kaufman.energyPerSpin) < 1e-12);
      assert.ok(Math.abs(exact.specificHeat - kaufman.specificHeat) < 1e-11);
    }
  });

  it('stays finite at very low and very high temperature (log-sum-exp)', () => {
    const dos = isingDensityOfStates({ dimension: 2, length: 4 });
    const cold = exactIsingObservables(dos, 0.01);
    assert.ok(Math.abs(cold.energyPerSpin - -2) < 1e-12);
    assert.ok(Math.abs(cold.logPartitionFunction - (32 / 0.01 + Math.log(2))) < 1e-9);
    assert.ok(Math.abs(cold.binder - 2 / 3) < 1e-12);
    const hot = exactIsingObservables(dos, 1e6);
    assert.ok(Math.abs(hot.logPartitionFunction - 16 * Math.LN2) < 1e-4);
    // Other J and h from the same enumeration.
    const field = exactIsingObservables(dos, 2, { field: 0.3 });
    assert.ok(field.magnetizationPerSpin > 0.9);
  });

  it('relates its observables as defined', () => {
    const exact = enumerateIsing({ dimension: 2, length: 3, field: 0.1 }, 2.2);
    const n = 9;
    const t = 2.2;
    assert.ok(
      Math.abs(exact.susceptibility - (n * (exact.secondMoment - exact.absMagnetizationPerSpin ** 2)) / t) <
        1e-12,
    );
    assert.ok(Math.abs(exact.susceptibilityFromSecondMoment - (n * exact.secondMoment) / t) < 1e-12);
    assert.ok(
      Math.abs(
        exact.susceptibilityConnected - (n * (exact.secondMoment - exact.magnetizationPerSpin ** 2)) / t,
      ) < 1e-12,
    );
    assert.ok(Math.abs(exact.binder - (1 - exact.fourthMoment / (3 * exact.secondMoment ** 2))) < 1e-14);
    assert.ok(Math.abs(exact.entropyPerSpin - (exact.energyPerSpin - exact.freeEnergyPerSpin) / t) < 1e-14);
  });

  it('refuses lattices too large to enumerate', () => {
    assert.throws(
      () => isingDensityOfStates({ dimension: 2, length: 6 }),
      /36 spins; exact enumeration allows at most 25/,
    );
    assert.throws(
      () => enumerateIsing({ dimension: 2, length: 3 }, -1),
      /temperature must be a finite number > 0/,
    );
  });
});
