/**
 * Every algorithm samples the Boltzmann distribution: Monte Carlo estimates on small lattices
 * agree with exact enumeration (or the transfer matrix) within 4 autocorrelation-corrected
 * standard errors, below, near and above T_c, with and without a field, ferro- and
 * antiferromagnetic.
 *
 * False-failure rate: about 100 comparisons; with error bars estimated from ≥ 60 jackknife bins
 * a |z| > 4 has probability ≈ 2·10⁻⁴ each (Student t, 60 d.o.f.), ≈ 2% for the file, and seeds
 * are fixed, so a pass is reproducible. The last test shows the comparison has power: a chain run
 * 13% off in temperature is caught.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  type ExactIsingObservables,
  exactIsingObservables,
  isingChainTransferMatrix,
  isingDensityOfStates,
} from '../../../src/exact/index.js';
import {
  ISING_ALGORITHMS,
  type IsingAlgorithm,
  type IsingModelOptions,
  type IsingSimulationResult,
  simulateIsing,
} from '../../../src/models/ising/index.js';

const Z_LIMIT = 4;
const root = makeKey(20240601);
let run = 0;

type Name = keyof IsingSimulationResult['observables'] & keyof ExactIsingObservables;

function simulate(model: IsingModelOptions, temperature: number, algorithm: IsingAlgorithm, sweeps = 6000) {
  return simulateIsing({ model, temperature, algorithm, sweeps, burnIn: 500, key: fold(root, run++) });
}

/** Asserts |estimate − exact| < Z_LIMIT·stderr for each name; returns the z-scores. */
function compare(
  result: IsingSimulationResult,
  exact: Partial<Record<Name, number>>,
  names: Name[],
): number[] {
  return names.map((name) => {
    const estimate = result.observables[name];
    const z = (estimate.mean - (exact[name] as number)) / estimate.stderr;
    assert.ok(
      Math.abs(z) < Z_LIMIT,
      `${result.algorithm} at T = ${result.temperature}: ${name} = ${estimate.mean} ± ${estimate.stderr}, exact ${exact[name]} (z = ${z.toFixed(2)})`,
    );
    return z;
  });
}

describe('4×4 periodic, zero field: every algorithm against exact enumeration', () => {
  const model: IsingModelOptions = { dimension: 2, length: 4 };
  const densityOfStates = isingDensityOfStates(model);
  const names: Name[] = [
    'energyPerSpin',
    'absMagnetizationPerSpin',
    'specificHeat',
    'susceptibility',
    'susceptibilityFromSecondMoment',
    'binder',
  ];
  for (const algorithm of ISING_ALGORITHMS) {
    it(`${algorithm} at T = 1.5, 2.3, 3.5`, () => {
      for (const temperature of [1.5, 2.3, 3.5]) {
        const result = simulate(model, temperature, algorithm);
        compare(result, exactIsingObservables(densityOfStates, temperature), names);
        assert.ok(result.effectiveSamples.energy > 500, 'too few effective samples for a meaningful test');
      }
    });
  }
});

describe('with a field, open boundaries and antiferromagnets', () => {
  it('1D ring of 10 in a field: Metropolis, heat-bath, Swendsen–Wang against the transfer matrix', () => {
    const options = { length: 10, temperature: 1.5, coupling: 1, field: 0.4 };
    const exact = isingChainTransferMatrix(options);
    for (const algorithm of ['metropolis', 'heatbath', 'swendsen-wang'] as const) {
      const result = simulate(
        { dimension: 1, length: 10, coupling: 1, field: 0.4 },
        options.temperature,
        algorithm,
      );
      compare(result, exact, [
        'energyPerSpin',
        'magnetizationPerSpin',
        'specificHeat',
        'susceptibilityConnected',
      ]);
    }
  });

  it('4×3 open lattice in a field: heat-bath and Swendsen–Wang against enumeration', () => {
    const model: IsingModelOptions = { dimension: 2, length: 4, height: 3, boundary: 'open', field: 0.25 };
    const exact = exactIsingObservables(isingDensityOfStates(model), 2.0);
    for (const algorithm of ['heatbath', 'swendsen-wang'] as const) {
      compare(simulate(model, 2.0, algorithm), exact, [
        'energyPerSpin',
        'magnetizationPerSpin',
        'absMagnetizationPerSpin',
        'specificHeat',
        'susceptibilityConnected',
      ]);
    }
  });

  it('4×4 antiferromagnet (J = −1): Wolff and Swendsen–Wang against enumeration', () => {
    const model: IsingModelOptions = { dimension: 2, length: 4, coupling: -1 };
    const exact = exactIsingObservables(isingDensityOfStates(model), 2.0);
    for (const algorithm of ['wolff', 'swendsen-wang'] as const) {
      compare(simulate(model, 2.0, algorithm), exact, [
        'energyPerSpin',
        'specificHeat',
        'absMagnetizationPerSpin',
      ]);
    }
  });

  it('has power: a chain at T = 2.0 is told apart from the exact values at T = 2.3', () => {
    const model: IsingModelOptions = { dimension: 2, length: 4 };
    const result = simulate(model, 2.0, 'metropolis');
    const exact = exactIsingObservables(isingDensityOfStates(model), 2.3);
    const z =
      (result.observables.energyPerSpin.mean - exact.energyPerSpin) / result.observables.energyPerSpin.stderr;
    assert.ok(Math.abs(z) > 2 * Z_LIMIT, `z = ${z}`);
  });
});
