import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EQUIVARIANCE_LIMIT, egnnExperiment } from '../../src/experiments/egnn.js';
import { equivarianceTable, largestEquivarianceError } from '../../src/experiments/egnn-report.js';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { getExperiment } from '../../src/experiments/registry.js';

const root = mkdtempSync(join(tmpdir(), 'physml-egnn-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: egnnExperiment,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

describe('egnn experiment', () => {
  it('is registered and declares a quick tour', () => {
    assert.equal(getExperiment('egnn'), egnnExperiment);
    assert.ok(egnnExperiment.tour !== undefined);
  });

  it('tour: the trained EGNN is equivariant to round-off and learns from far fewer examples', async () => {
    const { result } = await run(egnnExperiment.tour ?? {});
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number>;
    // Measured with seed 0: EGNN errors ≤ 8.2e-16, baseline 2.96; held-out MSE EGNN 0.067 with 4
    // configurations, baseline 4.02 with 32 (predicting zero: 5.59).
    for (const kind of ['Rotation', 'Reflection', 'Translation', 'Permutation']) {
      assert.ok(m[`egnn${kind}Error`] < EQUIVARIANCE_LIMIT, `${kind}: ${m[`egnn${kind}Error`]}`);
    }
    assert.ok(m.egnnEquivarianceError < 1e-13, `${m.egnnEquivarianceError}`);
    // The same measurement finds the baseline's symmetry errors: the check can tell them apart.
    assert.ok(m.baselineEquivarianceError > 0.1, `${m.baselineEquivarianceError}`);
    assert.ok(m.egnnSmallestSetMse < 0.1 * m.baselineLargestSetMse, JSON.stringify(m));
    assert.ok(m.egnnSmallestSetMse < 0.1 * m.forceMeanSquare, JSON.stringify(m));
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'scatter'],
    );
    assert.deepEqual(
      result.tables[1].rows.map((row) => row[0]),
      [4, 32],
    );
  });

  it('resumes from its checkpoint to the same numbers', async () => {
    const tiny = {
      particleCount: 3,
      hiddenSize: 4,
      layerCount: 1,
      baselineHiddenSizes: [4],
      trainingSizes: [2, 4],
      testConfigurations: 8,
      steps: 3,
    };
    const first = await run(tiny, 3);
    const interrupted = await run(tiny, 3, { interruptAfterCheckpoints: 2 }).catch((error: unknown) => error);
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: egnnExperiment,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ trainingSizes: [8, 4] }), /trainingSizes/);
    await assert.rejects(run({ trainingSizes: [] }), /trainingSizes/);
    await assert.rejects(run({ spatialDimension: 1 }), /spatialDimension/);
    await assert.rejects(run({ layerCount: 0 }), /layerCount/);
    await assert.rejects(run({ testConfigurations: 2 }), /testConfigurations/);
  });
});

describe('egnn report helpers', () => {
  const exact = { rotation: 1e-16, reflection: 3e-16, translation: 0, permutation: 2e-16 };
  const broken = { rotation: 2, reflection: 1.5, translation: 0.1, permutation: 3 };

  it('takes the largest error over the transformations', () => {
    assert.equal(largestEquivarianceError(exact), 3e-16);
    assert.equal(largestEquivarianceError(broken), 3);
  });

  it('tabulates the worst error per transformation over the draws', () => {
    const table = equivarianceTable({
      egnn: [exact, { ...exact, rotation: 5e-16 }],
      baseline: [broken, broken],
    });
    assert.deepEqual(table.rows[0], ['rotation', 5e-16, 2]);
    assert.deepEqual(
      table.rows.map((row) => row[0]),
      ['rotation', 'reflection', 'translation', 'permutation'],
    );
  });
});
