import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { optimizerNames, optimizers } from '../../src/experiments/optimizers.js';

const out = mkdtempSync(join(tmpdir(), 'physml-optimizers-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = (values: Record<string, unknown>) =>
  runExperiment({
    experiment: optimizers,
    sources: [{ label: 'test', values }],
    seed: 4,
    outputDirectory: out,
  });

describe('optimizers', () => {
  it('brings every optimizer to the known minimizers of Rosenbrock and of the quadratic', async () => {
    const { result } = await run({ dimension: 10, conditionNumber: 100, tolerance: 1e-5 });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.equal(result.checks.length, 2 * optimizerNames.length);
    const m = result.metrics as Record<string, number>;
    for (const problem of ['rosenbrock', 'quadratic']) {
      for (const name of optimizerNames) {
        const key = `${problem}${name[0].toUpperCase()}${name.slice(1)}`;
        assert.ok(m[`${key}Error`] <= 1e-5, key);
        assert.ok(m[`${key}GradientEvaluations`] >= m[`${key}Iterations`], key);
      }
    }
    // Newton solves a quadratic in one step; curvature-aware methods beat gradient descent by orders.
    assert.equal(m.quadraticNewtonIterations, 1);
    assert.ok(m.rosenbrockLbfgsGradientEvaluations * 100 < m.rosenbrockGradientDescentGradientEvaluations);
    assert.ok(m.rosenbrockNewtonIterations < 40);
    assert.ok(m.quadraticHeavyBallIterations * 3 < m.quadraticGradientDescentIterations);
    assert.equal(result.plots.length, 4);
    assert.deepEqual(
      result.tables.map((table) => table.rows.length),
      [optimizerNames.length, optimizerNames.length],
    );
  });

  it('fails its checks when the budget is too small for the first-order methods', async () => {
    const { result } = await run({ dimension: 10, conditionNumber: 100, maxSteps: 50 });
    assert.equal(result.passed, false);
    const failed = result.checks.filter((c) => !c.passed).map((c) => c.metric);
    assert.ok(failed.includes('rosenbrockGradientDescentError'));
    assert.ok(!failed.includes('rosenbrockNewtonError'));
  });
});
