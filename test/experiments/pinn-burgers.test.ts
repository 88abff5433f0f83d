import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { RunFailedError, runExperiment } from '../../src/experiments/framework/index.js';
import { PINN_BURGERS_DEFAULT_BOUND, pinnBurgers } from '../../src/experiments/pinn-burgers.js';
import { residualMagnitudes } from '../../src/experiments/pinn-burgers-training.js';
import { experimentNames } from '../../src/experiments/registry.js';
import { mlp, mlpFromJson } from '../../src/models/mlp/index.js';
import {
  burgers,
  burgersColeHopf,
  errorAgainst,
  mlpNetwork,
  pinnLoss,
  predictWith,
} from '../../src/pinn/index.js';

const out = mkdtempSync(join(tmpdir(), 'physml-pinn-burgers-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('pinn-burgers', () => {
  it('the tour parameters run and pass: both references checked, the PINN within its loose band', async () => {
    assert.ok(experimentNames().includes('pinn-burgers'));
    const { result, runDirectory } = await runExperiment({
      experiment: pinnBurgers,
      sources: [{ label: 'tour', values: pinnBurgers.tour ?? {} }],
      seed: 0,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number>;
    assert.ok(Math.abs(m.referenceSteepestSlope + 152.00516) < 1e-5, `${m.referenceSteepestSlope}`);
    assert.ok(m.solverDiscrepancy < 1e-6, `${m.solverDiscrepancy}`);
    // A tiny network after 250 steps learns the smooth part, not the shock.
    assert.ok(m.relativeL2 < 0.8 && m.relativeL2 > 1e-3, `${m.relativeL2}`);
    assert.ok(m.maxError > 0.1, 'the shock is not resolved by the tour network');
    assert.deepEqual(
      result.checks.map((c) => c.metric),
      ['referenceSteepestSlope', 'solverDiscrepancy', 'relativeL2'],
    );
    const kinds = result.plots.map((plot) => plot.kind);
    assert.deepEqual(kinds, ['heatmap', 'heatmap', 'heatmap', 'line', 'line', 'line', 'heatmap']);
    const snapshots = result.plots[3];
    assert.ok(snapshots.kind === 'line' && snapshots.series.length === 6);
    const loss = result.plots[4];
    assert.ok(loss.kind === 'line' && loss.series.some((s) => s.name === 'switch to L-BFGS'));
    // The test error is recorded from step 0 to the end, and falls.
    const errors = result.plots[5];
    assert.ok(errors.kind === 'line' && errors.series[0].x[0] === 0 && errors.series[0].x.at(-1) === 250);
    assert.ok(errors.kind === 'line' && errors.series[0].y.at(-1)! < errors.series[0].y[0] / 1.5);
    assert.ok(PINN_BURGERS_DEFAULT_BOUND > 0 && PINN_BURGERS_DEFAULT_BOUND < 1);
    // Two refinements of 32 points each grew the 256 interior points.
    assert.equal(m.interiorPoints, 256 + 2 * 32);
    // The saved network reproduces the reported error on the tour's 51 × 51 grid.
    const { model, parameters } = mlpFromJson(
      JSON.parse(readFileSync(join(runDirectory, 'network.json'), 'utf8')),
    );
    const grid = Float64Array.from({ length: 2 * 51 * 51 }, (_, i) =>
      i % 2 === 0 ? 1 - (2 * Math.floor(i / 2 / 51)) / 50 : (Math.floor(i / 2) % 51) / 50,
    );
    const reloaded = errorAgainst(
      predictWith(mlpNetwork(model), parameters, grid),
      burgersColeHopf().uAt(grid),
    );
    assert.ok(
      Math.abs(reloaded.relativeL2 - m.relativeL2) < 1e-12,
      `${reloaded.relativeL2} vs ${m.relativeL2}`,
    );
  });

  it('resumes after the Adam checkpoint with the same numbers', async () => {
    const values = {
      hiddenSizes: [6],
      interiorCount: 64,
      boundaryCount: 8,
      initialCount: 8,
      adamSteps: 20,
      lbfgsSteps: 20,
      refinementRounds: 2,
      refinementPoints: 8,
      refinementCandidates: 200,
      testPointsPerAxis: 11,
      solverTimeStep: 1e-3,
    };
    const run = (extra: object) =>
      runExperiment({
        experiment: pinnBurgers,
        sources: [{ label: 'test', values }],
        seed: 4,
        outputDirectory: out,
        ...extra,
      });
    const first = await run({});
    const interrupted = await run({ interruptAfterCheckpoints: 1 }).catch((error: unknown) => error);
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: pinnBurgers,
      resume: interrupted.location.runDirectory,
    });
    const withoutTimes = (metrics: Record<string, unknown>) => {
      const { trainingSeconds: _t, solverSeconds: _s, ...rest } = metrics;
      return rest;
    };
    assert.deepEqual(withoutTimes(resumed.result.metrics), withoutTimes(first.result.metrics));
    assert.equal((first.result.metrics as Record<string, number>).interiorPoints, 80);
  });

  it('ranks candidates by the same residual the loss squares', () => {
    const problem = burgers({ interiorCount: 1, boundaryCount: 1, initialCount: 1 });
    const model = mlp({ sizes: [2, 8, 1], key: makeKey(3) });
    const network = mlpNetwork(model);
    const points = Float64Array.of(0.1, 0.2, -0.7, 0.9, 0.0, 0.5);
    const magnitudes = residualMagnitudes(problem, network, model.parameters, points);
    for (let i = 0; i < 3; i++) {
      const batch = { interior: points.slice(2 * i, 2 * i + 2), conditions: [] };
      const { terms } = pinnLoss(
        problem,
        network,
        batch,
        new T.Tensor(model.parameters, [model.parameterCount]),
      );
      const squared = (terms.get('residual') as T.Tensor).data[0];
      assert.ok(Math.abs(magnitudes[i] - Math.sqrt(squared)) < 1e-12 * (1 + magnitudes[i]), `point ${i}`);
    }
    assert.ok(magnitudes.every((value) => value > 0));
  });

  it('rejects bad parameters with the parameter named', async () => {
    const attempt = (values: Record<string, unknown>) =>
      runExperiment({
        experiment: pinnBurgers,
        sources: [{ label: 'test', values }],
        seed: 0,
        outputDirectory: out,
      });
    await assert.rejects(attempt({ solverPoints: 1000 }), /solverPoints/);
    await assert.rejects(attempt({ quadratureNodes: 8 }), /quadratureNodes/);
    await assert.rejects(attempt({ hiddenSizes: [] }), /hiddenSizes/);
    await assert.rejects(attempt({ interiorCount: 0 }), /interiorCount/);
    await assert.rejects(attempt({ resampleEvery: 5 }), /resampleEvery/);
  });
});
