import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { enumerateIsing, kaufmanIsing } from '../../src/exact/index.js';
import {
  type ExperimentResult,
  InterruptedError,
  ParameterError,
  RunFailedError,
  runExperiment,
} from '../../src/experiments/framework/index.js';
import { ising } from '../../src/experiments/ising.js';

const out = mkdtempSync(join(tmpdir(), 'physml-ising-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = async (values: Record<string, unknown>, seed = 3, outputDirectory = out) =>
  (await runExperiment({ experiment: ising, sources: [{ label: 'test', values }], seed, outputDirectory }))
    .result;

type Estimate = { mean: number; stderr: number };
const metric = (result: ExperimentResult, name: string) => result.metrics[name] as Estimate;
const checked = (result: ExperimentResult) => result.checks.map((check) => check.metric).sort();

describe('ising', () => {
  it('agrees with Kaufman on a periodic 16 × 16 lattice (the tour: Wolff at T = 2.5)', async () => {
    const result = await run({ ...ising.tour });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.deepEqual(checked(result), ['energyPerSpin', 'specificHeat']);
    const exact = kaufmanIsing({ width: 16, temperature: 2.5 });
    assert.equal(result.reference.energyPerSpin, exact.energyPerSpin);
    assert.match(String(result.reference.method), /Kaufman/);
    // The error bars are tight enough to mean something: ≤ 1% of e and ≤ 5% of C.
    assert.ok(metric(result, 'energyPerSpin').stderr < 0.01 * Math.abs(exact.energyPerSpin));
    assert.ok(metric(result, 'specificHeat').stderr < 0.05 * exact.specificHeat);
    // Above T_c on a finite lattice: 0 < U < 2/3, and Wolff decorrelates in a few sweeps.
    const binder = metric(result, 'binder').mean;
    assert.ok(binder > 0 && binder < 2 / 3);
    assert.ok((result.metrics.tauIntegrated as number) < 10);
    // Infinite-lattice context is reported but not checked.
    assert.equal(typeof result.reference.onsagerEnergyPerSpin, 'number');
    const kinds = result.plots.map((plot) => plot.kind).sort();
    assert.deepEqual(kinds, ['heatmap', 'histogram', 'line', 'line']);
  });

  it('checks every metric against exact enumeration on a small open lattice in a field (heat-bath)', async () => {
    const result = await run({
      L: 3,
      T: 2,
      h: 0.3,
      boundary: 'open',
      algorithm: 'heatbath',
      sweeps: 20_000,
      burnin: 500,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.deepEqual(checked(result), [
      'absMagnetization',
      'binder',
      'energyPerSpin',
      'magnetization',
      'specificHeat',
      'susceptibility',
    ]);
    const exact = enumerateIsing({ dimension: 2, length: 3, field: 0.3, boundary: 'open' }, 2);
    assert.equal(result.reference.absMagnetization, exact.absMagnetizationPerSpin);
    // The histogram carries the exact P(m): one bin per value of M, densities integrating to 1.
    const histogram = result.plots.find((plot) => plot.kind === 'histogram');
    assert.ok(histogram !== undefined && histogram.kind === 'histogram' && histogram.reference !== undefined);
    assert.equal(histogram.edges.length, 11);
    const mass = histogram.reference.density.reduce((sum, density) => sum + density * (2 / 9), 0);
    assert.ok(Math.abs(mass - 1) < 1e-12);
  });

  it('checks a chain against its exact transfer matrix (Swendsen–Wang in a field)', async () => {
    const result = await run({
      dimension: 1,
      L: 40,
      T: 1,
      h: 0.2,
      algorithm: 'swendsen-wang',
      sweeps: 8_000,
      burnin: 200,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.equal(result.checks.length, 6);
    assert.match(String(result.reference.method), /transfer matrix/);
  });

  it('runs the bit-packed Metropolis kernel and checks it against Kaufman', async () => {
    const result = await run({ L: 8, T: 2.3, algorithm: 'metropolis-packed', sweeps: 20_000, burnin: 500 });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.deepEqual(checked(result), ['energyPerSpin', 'specificHeat']);
  });

  it('refuses impossible requests with parameter errors before creating anything', async () => {
    const empty = mkdtempSync(join(out, 'refused-'));
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { L: 9000 },
        /parameter "L" of ising: a 9000 × 9000 lattice has 81000000 spins and would need 464 MiB/,
      ],
      [{ L: 16, h: 0.5 }, /Wolff cluster updates need h = 0/],
      [
        { L: 16, h: 0.5, algorithm: 'metropolis-packed' },
        /metropolis-packed cannot run this lattice: it needs zero field/,
      ],
      [{ L: 96, algorithm: 'metropolis-packed' }, /L even and ≤ 64, or a multiple of 64/],
      [{ L: 16, sweeps: 100, measureEvery: 4 }, /between 32 and 1000000 measurements/],
    ];
    for (const [values, message] of cases) {
      await assert.rejects(run(values, 0, empty), (error: unknown) => {
        assert.ok(error instanceof ParameterError, String(error));
        assert.match((error as Error).message, message);
        return true;
      });
    }
    assert.deepEqual(readdirSync(empty), []);
  });

  for (const algorithm of ['metropolis', 'metropolis-packed'] as const) {
    it(`resumes an interrupted ${algorithm} run to exactly the same numbers`, async () => {
      const values = { L: 8, T: 2.2, algorithm, sweeps: 2_000, burnin: 200 };
      const whole = await run(values, 11, join(out, `whole-${algorithm}`));
      const parts = join(out, `parts-${algorithm}`);
      await assert.rejects(
        runExperiment({
          experiment: ising,
          sources: [{ label: 'test', values }],
          seed: 11,
          outputDirectory: parts,
          interruptAfterCheckpoints: 4,
        }),
        (error: unknown) => error instanceof RunFailedError && error.cause instanceof InterruptedError,
      );
      const [directory] = readdirSync(parts);
      const checkpointPath = join(parts, directory, 'checkpoint.json');
      const saved = readFileSync(checkpointPath, 'utf8');
      // A checkpoint whose series were tampered with is refused with a message naming the field.
      const tampered = JSON.parse(saved);
      tampered.state.chain.energy.pop();
      writeFileSync(checkpointPath, JSON.stringify(tampered));
      await assert.rejects(
        runExperiment({ experiment: ising, resume: join(parts, directory) }),
        /energy must be/,
      );
      writeFileSync(checkpointPath, saved);
      const resumed = await runExperiment({ experiment: ising, resume: join(parts, directory) });
      assert.equal(resumed.result.resumed, true);
      assert.deepEqual(resumed.result.metrics, whole.metrics);
      assert.deepEqual(resumed.result.plots, whole.plots);
    });
  }
});
