/**
 * The packed kernel samples the Boltzmann distribution: its averages agree with exact results
 * (enumeration of 4 × 4, Kaufman's finite-lattice energy for 16 × 16 and 64 × 64) and with the simple
 * Int8Array kernel, within autocorrelation-corrected error bars (see `helpers.ts` for the
 * threshold and its false-failure rate).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { enumerateIsing, kaufmanIsing } from '../../src/exact/index.js';
import { runPackedChain } from '../../src/lattice/index.js';
import {
  createIsingLattice,
  isingEnergy,
  isingMagnetization,
  metropolisSweep,
} from '../../src/models/ising/index.js';
import { absolute, mean, standardError, Z_LIMIT } from './helpers.js';

const T_CRITICAL = 2 / Math.log(1 + Math.SQRT2);
const TEMPERATURES = [1.5, T_CRITICAL, 3.5];

/** z-score of a series' mean against an exact value. */
function zAgainst(series: Float64Array, exact: number): number {
  return (mean(series) - exact) / standardError(series);
}

/** Two-sample z-score of the means of two independent series. */
function zBetween(a: Float64Array, b: Float64Array): number {
  return (mean(a) - mean(b)) / Math.hypot(standardError(a), standardError(b));
}

/** Energy and magnetization per spin of the simple kernel's chain on an L × L lattice. */
function simpleChain(size: number, temperature: number, seed: number, burnIn: number, sweeps: number) {
  const lattice = createIsingLattice({ dimension: 2, length: size }, { initial: 'up' });
  const stream = new RandomStream(makeKey(seed));
  for (let n = 0; n < burnIn; n++) metropolisSweep(lattice, temperature, stream);
  const energy = new Float64Array(sweeps);
  const magnetization = new Float64Array(sweeps);
  for (let n = 0; n < sweeps; n++) {
    metropolisSweep(lattice, temperature, stream);
    energy[n] = isingEnergy(lattice) / (size * size);
    magnetization[n] = isingMagnetization(lattice) / (size * size);
  }
  return { energy, magnetization };
}

describe('packed Metropolis samples the Boltzmann distribution', () => {
  for (const temperature of TEMPERATURES) {
    it(`4 × 4 at T = ${temperature.toFixed(3)}: ⟨e⟩ and ⟨|m|⟩ match exact enumeration`, () => {
      const exact = enumerateIsing({ dimension: 2, length: 4 }, temperature);
      const chain = runPackedChain({
        size: 4,
        temperature,
        key: fold(makeKey(41), Math.round(1000 * temperature)),
        sweeps: 40000,
        burnIn: 1000,
        initial: 'up',
      });
      const zEnergy = zAgainst(chain.energyPerSpin, exact.energyPerSpin);
      const zAbs = zAgainst(absolute(chain.magnetizationPerSpin), exact.absMagnetizationPerSpin);
      assert.ok(
        Math.abs(zEnergy) < Z_LIMIT,
        `⟨e⟩ ${mean(chain.energyPerSpin)} vs ${exact.energyPerSpin}: z = ${zEnergy}`,
      );
      assert.ok(Math.abs(zAbs) < Z_LIMIT, `⟨|m|⟩ vs ${exact.absMagnetizationPerSpin}: z = ${zAbs}`);
    });
  }

  it('negative control: a chain at T = 2.0 is told apart from the exact 4 × 4 values at T_c', () => {
    const exact = enumerateIsing({ dimension: 2, length: 4 }, T_CRITICAL);
    const chain = runPackedChain({
      size: 4,
      temperature: 2.0,
      key: makeKey(42),
      sweeps: 40000,
      burnIn: 1000,
    });
    assert.ok(Math.abs(zAgainst(chain.energyPerSpin, exact.energyPerSpin)) > Z_LIMIT);
  });

  for (const [temperature, burnIn, sweeps] of [
    [1.5, 500, 4000],
    [T_CRITICAL, 2000, 16000],
    [3.5, 200, 4000],
  ]) {
    it(`64 × 64 at T = ${temperature.toFixed(3)}: ⟨e⟩ matches Kaufman's exact finite-lattice energy`, () => {
      const exact = kaufmanIsing({ width: 64, temperature }).energyPerSpin;
      const chain = runPackedChain({
        size: 64,
        temperature,
        key: fold(makeKey(64), Math.round(1000 * temperature)),
        sweeps,
        burnIn,
        initial: 'up',
      });
      const z = zAgainst(chain.energyPerSpin, exact);
      assert.ok(Math.abs(z) < Z_LIMIT, `⟨e⟩ ${mean(chain.energyPerSpin)} vs ${exact}: z = ${z}`);
    });
  }

  for (const temperature of TEMPERATURES) {
    it(`16 × 16 at T = ${temperature.toFixed(3)}: the packed and simple kernels agree on ⟨e⟩ and ⟨|m|⟩`, () => {
      const packed = runPackedChain({
        size: 16,
        temperature,
        key: fold(makeKey(16), Math.round(1000 * temperature)),
        sweeps: 12000,
        burnIn: 1000,
        initial: 'up',
        blockCount: 2,
      });
      const simple = simpleChain(16, temperature, 160 + Math.round(temperature), 1000, 12000);
      const zEnergy = zBetween(packed.energyPerSpin, simple.energy);
      const zAbs = zBetween(absolute(packed.magnetizationPerSpin), absolute(simple.magnetization));
      assert.ok(Math.abs(zEnergy) < Z_LIMIT, `⟨e⟩: z = ${zEnergy}`);
      assert.ok(Math.abs(zAbs) < Z_LIMIT, `⟨|m|⟩: z = ${zAbs}`);
      const exact = kaufmanIsing({ width: 16, temperature }).energyPerSpin;
      assert.ok(Math.abs(zAgainst(packed.energyPerSpin, exact)) < Z_LIMIT);
      assert.ok(Math.abs(zAgainst(simple.energy, exact)) < Z_LIMIT);
    });
  }
});
