import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import type { PreparedHistogram } from '../../src/experiments/framework/plot-spec.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { spinGlass } from '../../src/experiments/spin-glass.js';
import { PARISI_GROUND_STATE_ENERGY } from '../../src/models/spin-glass/index.js';

const root = mkdtempSync(join(tmpdir(), 'physml-spin-glass-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: spinGlass,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

type Estimate = { mean: number; stderr: number };

describe('spin-glass experiment', () => {
  it('SK at the tour parameters: exact ground states found, P(q) matches enumeration, e∞ ≈ Parisi', async () => {
    const { result } = await run(spinGlass.tour ?? {});
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number & Estimate>;
    // Tempering reaches the exact ground state of every N = 16 instance, so found = exact.
    assert.equal(m.successFraction, 1);
    assert.equal(m.energyGapPerSpin, 0);
    assert.ok(Math.abs(m.groundStateEnergyPerSpin.mean - m.referenceEnergyPerSpin.mean) < 1e-12);
    // SK ground states of N = 16 lie well above Parisi's N = ∞ value (finite-size correction ≈ +0.1).
    assert.ok(m.referenceEnergyPerSpin.mean > PARISI_GROUND_STATE_ENERGY);
    assert.deepEqual(
      result.checks.map((check) => check.metric),
      [
        'extrapolatedGroundStateEnergy',
        'successFraction',
        'overlapAbsoluteMean',
        'overlapSecondMoment',
        'binderRatio',
      ],
    );
    // Below T_c = 1 the overlap is far from the paramagnet's ⟨q²⟩ ≈ 1/N.
    assert.ok(m.overlapSecondMoment.mean > 5 / 16);
    assert.ok(Math.abs(m.spinGlassSusceptibility.mean - 16 * m.overlapSecondMoment.mean) < 1e-12);
    assert.ok(m.binderRatio.mean > 0 && m.binderRatio.mean < 1);
    // Frustrated triangles: half of them on average, for any symmetric coupling law.
    assert.ok(Math.abs(m.frustratedFraction.mean - 0.5) < 4 * m.frustratedFraction.stderr + 0.01);
    assert.ok(m.minimumSwapAcceptance > 0.3);
    // The fit through N = 8 … 16 is consistent (χ²/dof of order 1) and its slope positive.
    assert.ok(m.extrapolationReducedChiSquared < 3);
    assert.ok(m.extrapolationSlope.mean > 0);

    // P(q) sums to 1, is symmetric (no field), and the exact P(q) is overlaid.
    const histogram = result.plots[0] as PreparedHistogram;
    const width = histogram.edges[1] - histogram.edges[0];
    const total = histogram.series[0].heights.reduce((sum, h) => sum + h * width, 0);
    assert.ok(Math.abs(total - 1) < 1e-12);
    assert.equal(histogram.reference?.x.length, 17);
    const exact = histogram.reference?.density ?? [];
    for (let k = 0; k < exact.length; k++) assert.ok(Math.abs(exact[k] - exact[16 - k]) < 1e-9);
    // The energy trace of instance 0 ends at its exact ground state.
    const trace = result.plots[1] as { series: Array<{ name: string; y: number[] }> };
    const lowest = trace.series.find((series) => series.name === 'lowest so far')?.y.at(-1);
    const exactRow = result.tables[0].rows[0];
    assert.ok(Math.abs((lowest as number) - (exactRow[2] as number)) < 1e-9);
  });

  it('anneals an EA ±J lattice, and a resumed run gives the same numbers', async () => {
    const params = {
      model: 'ea2d',
      length: 3,
      couplings: 'bimodal',
      method: 'annealing',
      sweeps: 100,
      restarts: 4,
      instances: 3,
      equilibriumSweeps: 400,
      sweepMaxSize: 12,
      sweepInstances: 8,
    };
    const first = await run(params, 3);
    const m = first.result.metrics as Record<string, number & Estimate>;
    // ±J on a 3×3 torus: energies are integers, and every bond closes two plaquettes, so the
    // frustrated plaquettes of an instance come in even numbers.
    for (const row of first.result.tables[0].rows) {
      const energy = (row[2] as number) * 9;
      assert.ok(Math.abs(energy - Math.round(energy)) < 1e-9, String(energy));
      assert.equal((row[1] as number) % 2, 0);
    }
    assert.equal(m.successFraction, 1);
    const interrupted = await run(params, 3, { interruptAfterCheckpoints: 2 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({ experiment: spinGlass, resume: interrupted.location.runDirectory });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.plots, first.result.plots);
  });

  it('rejects a P(q) temperature above the top of the ladder', async () => {
    await assert.rejects(
      run({ temperature: 2, maxTemperature: 1.5 }),
      /maxTemperature.*greater than temperature/,
    );
  });
});
