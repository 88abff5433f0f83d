/** The 1D transfer matrix against exact enumeration (periodic and open, with a field), and limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  enumerateIsing,
  type IsingDensityOfStates,
  isingChainTransferMatrix,
  isingDensityOfStates,
} from '../../src/exact/index.js';

const NAMES = [
  'logPartitionFunction',
  'energyPerSpin',
  'specificHeat',
  'entropyPerSpin',
  'magnetizationPerSpin',
  'susceptibilityConnected',
  'susceptibilityFromSecondMoment',
] as const;
type Name = (typeof NAMES)[number];
type Boundary = 'periodic' | 'open';

const densities = new Map<string, IsingDensityOfStates>();
function densityOfStates(length: number, boundary: Boundary): IsingDensityOfStates {
  const key = `${length} ${boundary}`;
  let found = densities.get(key);
  if (found === undefined) {
    found = isingDensityOfStates({ dimension: 1, length, boundary });
    densities.set(key, found);
  }
  return found;
}

/**
 * Exact observables from the enumerated g(B, M), accurate to rounding however sharp the energy
 * distribution: energies are measured from a ground state (B₀, M₀) as −J(B − B₀) − h(M − M₀)
 * before any weight or moment is taken, so no average carries the rounding of |E| into a
 * variance of 10⁻³⁰⁰ (`exactIsingObservables` keeps an absolute floor of about (ε E)²/(N T²)
 * there, far above such values), and a tiny h is not lost against J.
 */
function enumerated(
  length: number,
  boundary: Boundary,
  coupling: number,
  field: number,
  temperature: number,
) {
  const { bondSums, magnetizations, counts } = densityOfStates(length, boundary);
  const entries = counts.length;
  const energy = Array.from(
    { length: entries },
    (_, e) => -coupling * bondSums[e] - field * magnetizations[e],
  );
  const lowest = energy.indexOf(Math.min(...energy));
  const ground = energy[lowest];
  const excess = Array.from(
    { length: entries },
    (_, e) =>
      -coupling * (bondSums[e] - bondSums[lowest]) - field * (magnetizations[e] - magnetizations[lowest]),
  );
  const weights = excess.map((d, e) => counts[e] * Math.exp(-d / temperature));
  let groundWeight = 0;
  let restWeight = 0;
  for (let e = 0; e < entries; e++) {
    if (e === lowest) groundWeight += weights[e];
    else restWeight += weights[e];
  }
  const total = groundWeight + restWeight;
  const average = (f: (e: number) => number) => {
    let sum = 0;
    for (let e = 0; e < entries; e++) sum += weights[e] * f(e);
    return sum / total;
  };
  const meanExcess = average((e) => excess[e]);
  const varianceE = average((e) => (excess[e] - meanExcess) ** 2);
  const meanM = average((e) => magnetizations[e]);
  const varianceM = average((e) => (magnetizations[e] - meanM) ** 2);
  const logTotal = Math.log(groundWeight) + Math.log1p(restWeight / groundWeight);
  const values: Record<Name, number> = {
    logPartitionFunction: logTotal - ground / temperature,
    energyPerSpin: (ground + meanExcess) / length,
    specificHeat: varianceE / (length * temperature * temperature),
    // S = ln Z + ⟨E⟩/T, with the large −E₀/T cancelled analytically.
    entropyPerSpin: (logTotal + meanExcess / temperature) / length,
    magnetizationPerSpin: meanM / length,
    susceptibilityConnected: varianceM / (length * temperature),
    susceptibilityFromSecondMoment: (varianceM + meanM * meanM) / (length * temperature),
  };
  return values;
}

/**
 * 10⁻¹² relative, with an absolute floor where a value can vanish: ⟨m⟩ and s are per-spin sums
 * of terms of order 1, exact to ~10⁻¹⁶ absolute; u is a sum of N energies of order |J| + |h|,
 * exact to some ulps of that scale (the reference's mean of E − E₀ too); a variance near the
 * underflow of a double (10⁻³⁰⁸) keeps few digits.
 */
function assertAgrees(
  length: number,
  boundary: Boundary,
  coupling: number,
  field: number,
  temperature: number,
): void {
  const exact = enumerated(length, boundary, coupling, field, temperature);
  const transfer = isingChainTransferMatrix({ length, temperature, coupling, field, boundary });
  const floors: Record<Name, number> = {
    logPartitionFunction: 0,
    energyPerSpin: 1e-14 * (Math.abs(coupling) + Math.abs(field)),
    specificHeat: 1e-290,
    entropyPerSpin: 1e-15,
    magnetizationPerSpin: 1e-15,
    susceptibilityConnected: 1e-290,
    susceptibilityFromSecondMoment: 1e-290,
  };
  for (const name of NAMES) {
    assert.ok(
      Math.abs(transfer[name] - exact[name]) <= 1e-12 * Math.abs(exact[name]) + floors[name],
      `${boundary} N = ${length}, J = ${coupling}, h = ${field}, T = ${temperature}: ${name} ${transfer[name]} vs ${exact[name]}`,
    );
  }
}

describe('isingChainTransferMatrix', () => {
  it('equals exact enumeration for rings and open chains, any sign of J and h', () => {
    for (const boundary of ['periodic', 'open'] as const) {
      for (const [coupling, field] of [
        [1, 0.3],
        [-1, 0.3],
        [0.5, -1.2],
        [1, 0],
      ]) {
        for (const length of [2, 3, 8, 13]) {
          for (const temperature of [0.3, 1, 2.5]) {
            const exact = enumerateIsing({ dimension: 1, length, coupling, field, boundary }, temperature);
            const transfer = isingChainTransferMatrix({ length, temperature, coupling, field, boundary });
            for (const name of NAMES) {
              const scale = Math.max(1, Math.abs(exact[name]));
              assert.ok(
                Math.abs(transfer[name] - exact[name]) < 1e-12 * scale,
                `${boundary} N = ${length}, J = ${coupling}, h = ${field}, T = ${temperature}: ${name} ${transfer[name]} vs ${exact[name]}`,
              );
            }
          }
        }
      }
    }
  });

  it('equals enumeration to 1e-12 relative on a grid out to |J|/T = |h|/T = 250 (N ≤ 12)', () => {
    const values = [-5, -3, -1, -0.25, 0, 0.5, 2, 5];
    for (const boundary of ['periodic', 'open'] as const) {
      for (const length of [2, 3, 8, 11, 12]) {
        for (const coupling of values) {
          for (const field of values) {
            for (const temperature of [0.02, 0.07, 0.5, 3, 50]) {
              assertAgrees(length, boundary, coupling, field, temperature);
            }
          }
        }
      }
    }
  });

  it('equals enumeration to 1e-12 relative for random J, h ∈ [−5, 5], T ∈ [0.02, 50], N ≤ 12', () => {
    // Energies are carried to about 32 digits: a level splitting below 10⁻³⁰ of |E| (h = 10⁻²⁹
    // against J = 1) is not resolved, so |J|, |h| < 10⁻⁶ are drawn as 0.
    const strength = fc.double({ min: -5, max: 5, noNaN: true }).map((x) => (Math.abs(x) < 1e-6 ? 0 : x));
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.constantFrom<Boundary>('periodic', 'open'),
        strength,
        strength,
        // log-uniform in T: as many low temperatures (sharp distributions) as high ones.
        fc.double({ min: 0, max: 1, noNaN: true }),
        (length, boundary, coupling, field, u) => {
          assertAgrees(length, boundary, coupling, field, 0.02 * 2500 ** u);
        },
      ),
      { seed: 17, numRuns: 400 },
    );
  });

  it('is exact at the extreme couplings that broke the eigenvalue formula', () => {
    // A ring gave C ≈ −1.25·10⁵ here (overflow in the chain rule through e^{−2K}, K = −250).
    assertAgrees(8, 'periodic', -5, 3, 0.02);
    assertAgrees(12, 'periodic', -5, 3, 0.02);
    // An open chain was off by 10⁻⁹ to 10⁻⁷ relative (cancellation in λ″/λ − (λ′/λ)²).
    assertAgrees(8, 'open', -5, 5, 0.02);
    assertAgrees(12, 'open', -5, 5, 0.02);
    assertAgrees(12, 'open', 5, 0, 0.02);
  });

  it('gives a long antiferromagnetic ring its low-temperature C = (N/8)(βΔ)² e^{−βΔ}', () => {
    // J = −5, h = 3, even N: two Néel ground states; the cheapest excitation is a pair of "++"
    // domain walls an odd number of bonds apart, ΔE = 4|J| − 2h = 14, in N²/4 ways. So
    // Z = 2e^{−βE₀}(1 + (N²/8)e^{−βΔ}) and C = Var(E)/(N T²) = (N/8)(βΔ)² e^{−βΔ}, all other
    // terms below e^{−1000} (they underflow).
    const temperature = 0.02;
    const x = 14 / temperature;
    for (const length of [8, 64, 2048, 2 ** 20]) {
      const chain = isingChainTransferMatrix({ length, temperature, coupling: -5, field: 3 });
      const expected = (length / 8) * x * x * Math.exp(-x);
      assert.ok(
        Math.abs(chain.specificHeat / expected - 1) < 1e-12,
        `N = ${length}: ${chain.specificHeat} vs ${expected}`,
      );
      assert.equal(chain.energyPerSpin, -5);
    }
  });

  it('gives ⟨m⟩ = 0 exactly in zero field, by spin-flip symmetry', () => {
    for (const boundary of ['periodic', 'open'] as const) {
      for (const length of [2, 7, 2000, 2 ** 40]) {
        for (const coupling of [-5, -1.3, 0.3, 4.7]) {
          for (const temperature of [0.02, 0.7, 50]) {
            const chain = isingChainTransferMatrix({ length, temperature, coupling, boundary });
            assert.equal(
              chain.magnetizationPerSpin,
              0,
              `${boundary} N = ${length}, J = ${coupling}, T = ${temperature}`,
            );
          }
        }
      }
    }
  });

  it('stays exact for a frustrated ring at low temperature (J < 0, odd N)', () => {
    const exact = enumerateIsing({ dimension: 1, length: 11, coupling: -1 }, 0.05);
    const transfer = isingChainTransferMatrix({ length: 11, temperature: 0.05, coupling: -1 });
    assert.ok(
      Math.abs(transfer.logPartitionFunction - exact.logPartitionFunction) <
        1e-11 * exact.logPartitionFunction,
    );
    assert.ok(Math.abs(transfer.energyPerSpin - exact.energyPerSpin) < 1e-12);
    assert.ok(Math.abs(transfer.specificHeat - exact.specificHeat) < 1e-10);
  });

  it('approaches the infinite chain: u = −J tanh K, m = sinh H/√(sinh² H + e^{−4K})', () => {
    const ring = isingChainTransferMatrix({ length: 100000, temperature: 1.3 });
    assert.ok(Math.abs(ring.energyPerSpin - -Math.tanh(1 / 1.3)) < 1e-12);
    const k = 1 / 1.3;
    const h = 0.1 / 1.3;
    const inField = isingChainTransferMatrix({
      length: 2 ** 40,
      temperature: 1.3,
      field: 0.1,
      boundary: 'open',
    });
    const m = Math.sinh(h) / Math.sqrt(Math.sinh(h) ** 2 + Math.exp(-4 * k));
    assert.ok(Math.abs(inField.magnetizationPerSpin - m) < 1e-9);
  });

  it('rejects bad input naming the parameter', () => {
    assert.throws(
      () => isingChainTransferMatrix({ length: 1, temperature: 1 }),
      /length must be an integer in \[2/,
    );
    assert.throws(() => isingChainTransferMatrix({ length: 4, temperature: Number.NaN }), /temperature/);
    assert.throws(
      () => isingChainTransferMatrix({ length: 4, temperature: 1, boundary: 'twisted' as never }),
      /boundary/,
    );
  });
});
