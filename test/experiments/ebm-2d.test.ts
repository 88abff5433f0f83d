import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ebm2d } from '../../src/experiments/ebm-2d.js';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { getExperiment } from '../../src/experiments/registry.js';
import { mlpFromJson } from '../../src/models/mlp/index.js';

const root = mkdtempSync(join(tmpdir(), 'physml-ebm-2d-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: ebm2d,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

describe('ebm-2d experiment', () => {
  it('is registered and declares a quick tour', () => {
    assert.equal(getExperiment('ebm-2d'), ebm2d);
    assert.ok(ebm2d.tour !== undefined);
  });

  it('learns the 8-Gaussian mixture far better than the best Gaussian, and passes its checks', async () => {
    const { result, runDirectory } = await run({
      hiddenSizes: [24, 24],
      steps: 200,
      batchSize: 64,
      gridResolution: 64,
      evaluateEvery: 50,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number>;
    // Measured with seed 0: KL = 0.15 against 1.41 (best Gaussian) and 2.02 (uniform on the box).
    assert.ok(Math.abs(m.gaussianBaselineKl - 1.4126) < 1e-3, `${m.gaussianBaselineKl}`);
    // log(area) − H(p), H(p) ≈ log 8 + 1 + log(2πs²) less ~0.005 for the overlap of the modes.
    const entropy = Math.log(8) + 1 + Math.log(2 * Math.PI * 0.0625);
    assert.ok(Math.abs(m.uniformBaselineKl - (Math.log(64) - entropy)) < 0.01, `${m.uniformBaselineKl}`);
    assert.ok(m.klDivergence < 0.3 * m.gaussianBaselineKl, `${m.klDivergence}`);
    assert.ok(
      m.reverseKlDivergence > 0 && m.reverseKlDivergence < m.uniformBaselineKl,
      `${m.reverseKlDivergence}`,
    );
    assert.ok(m.klQuadratureError < 1e-3, `${m.klQuadratureError}`);
    assert.ok(m.trueMassOutsideBox < 1e-14);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['heatmap', 'heatmap', 'scatter', 'line', 'line'],
    );
    // Heatmap rows run from the top: the mode at (0, 2) lies in the upper half of the true density.
    const truth = result.plots[1] as { values: number[]; rows: number; columns: number };
    const column = Math.floor(truth.columns / 2);
    let peakRow = 0;
    for (let row = 0; row < truth.rows; row++) {
      if (truth.values[row * truth.columns + column] > truth.values[peakRow * truth.columns + column])
        peakRow = row;
    }
    assert.ok(peakRow < truth.rows / 2 && peakRow > truth.rows / 8, `peak at row ${peakRow}`);
    // The KL curve starts at step 0 and has one point per evaluation.
    const curve = result.plots[3] as { series: Array<{ x: number[]; y: number[] }> };
    assert.deepEqual(curve.series[0].x, [0, 50, 100, 150, 200]);
    const { model, parameters } = mlpFromJson(
      JSON.parse(readFileSync(join(runDirectory, 'energy-model.json'), 'utf8')),
    );
    assert.deepEqual(model.sizes, [2, 24, 24, 1]);
    assert.equal(parameters.length, model.parameterCount);
  });

  it('resumes from its checkpoint to the same numbers', async () => {
    const params = { hiddenSizes: [8], steps: 30, batchSize: 16, gridResolution: 32, evaluateEvery: 10 };
    const first = await run(params, 3);
    const interrupted = await run(params, 3, { interruptAfterCheckpoints: 1 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    assert.deepEqual(readdirSync(interrupted.location.runDirectory).sort(), ['checkpoint.json', 'run.json']);
    const resumed = await runExperiment({ experiment: ebm2d, resume: interrupted.location.runDirectory });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.plots, first.result.plots);
    const other = await run({ ...params, buffer: false }, 3);
    assert.notDeepEqual(other.result.metrics, first.result.metrics);
  });

  it('rejects out-of-range parameters', async () => {
    await assert.rejects(run({ density: 'spiral' }), /density/);
    await assert.rejects(run({ hiddenSizes: [] }), /hiddenSizes/);
    await assert.rejects(run({ langevinStepSize: 0 }), /langevinStepSize/);
  });
});
