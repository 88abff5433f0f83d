/**
 * Wolff near T_c against Metropolis (and heat-bath, and Swendsen–Wang): the integrated
 * autocorrelation time of |M| on the 64×64 periodic lattice at T_c, the wall time per sweep,
 * and the product, the time to 1000 independent samples of |M|.
 *
 *   node --import tsx bench/ising-wolff.ts [--quick]
 *
 * τ_int follows the convention of src/observables (τ = 1 + 2 Σ ρ_t, in sweeps: the number of
 * sweeps per independent sample). A Wolff "sweep" is the fixed number of clusters adapted
 * during burn-in so that one sweep flips about L² spins on average.
 */

import { makeKey } from '../src/core/random/index.js';
import { CRITICAL_TEMPERATURE } from '../src/exact/index.js';
import { type IsingAlgorithm, simulateIsing } from '../src/models/ising/index.js';

const quick = process.argv.includes('--quick');
const length = 64;
const runs: Array<{ algorithm: IsingAlgorithm; sweeps: number }> = [
  { algorithm: 'wolff', sweeps: quick ? 4000 : 40000 },
  { algorithm: 'swendsen-wang', sweeps: quick ? 4000 : 40000 },
  { algorithm: 'metropolis', sweeps: quick ? 20000 : 200000 },
  { algorithm: 'heatbath', sweeps: quick ? 20000 : 200000 },
];

console.log(
  `2D Ising, L = ${length}, periodic, T = T_c = ${CRITICAL_TEMPERATURE.toFixed(6)}; node ${process.version}`,
);
console.log(
  '| algorithm | sweeps | τ_int of |M| (sweeps) | ⟨|m|⟩ | µs per sweep | time to 1000 independent samples (s) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
const rows: Array<{ algorithm: string; seconds: number }> = [];
for (const { algorithm, sweeps } of runs) {
  const start = performance.now();
  const result = simulateIsing({
    model: { dimension: 2, length, boundary: 'periodic', coupling: 1, field: 0 },
    temperature: CRITICAL_TEMPERATURE,
    algorithm,
    sweeps,
    burnIn: Math.floor(sweeps / 10),
    key: makeKey(7),
  });
  const seconds = (performance.now() - start) / 1000;
  const perSweep = seconds / (sweeps + Math.floor(sweeps / 10));
  const tau = result.tauIntegrated.absMagnetization * result.measureEvery;
  const toThousand = 1000 * tau * perSweep;
  rows.push({ algorithm, seconds: toThousand });
  const m = result.observables.absMagnetizationPerSpin;
  console.log(
    `| ${algorithm} | ${sweeps} | ${tau.toFixed(2)} | ${m.mean.toFixed(4)} ± ${m.stderr.toFixed(4)} | ${(perSweep * 1e6).toFixed(1)} | ${toThousand.toFixed(3)} |`,
  );
  for (const warning of result.warnings) console.log(`  (${algorithm}: ${warning})`);
}
const wolff = rows.find((r) => r.algorithm === 'wolff')!.seconds;
const metropolis = rows.find((r) => r.algorithm === 'metropolis')!.seconds;
console.log(
  `\nWolff is ${(metropolis / wolff).toFixed(1)}× faster than Metropolis to 1000 independent samples of |M|.`,
);
