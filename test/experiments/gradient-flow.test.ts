import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError, RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { fittedSlope, gradientFlow } from '../../src/experiments/gradient-flow.js';

const out = mkdtempSync(join(tmpdir(), 'physml-gradient-flow-'));
after(() => rmSync(out, { recursive: true, force: true }));

const small = {
  dimension: 8,
  conditionNumber: 50,
  smallestStepSize: 1e-3,
  largestStepSize: 1e-2,
  stepSizeCount: 4,
};
const run = (values: Record<string, unknown>, seed = 3, extra = {}) =>
  runExperiment({
    experiment: gradientFlow,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: out,
    ...extra,
  });

describe('gradient-flow', () => {
  it('is first order, converges just below 2/λmax and diverges just above it where predicted', async () => {
    const { result } = await run(small);
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number>;
    const reference = result.reference as Record<string, number>;
    // Forward Euler: slope 1 to within a few parts in a thousand on this range of η.
    assert.ok(Math.abs(m.fittedOrder - 1) < 0.01, String(m.fittedOrder));
    assert.ok(Math.abs(m.errorConstant / reference.errorConstant - 1) < 0.01);
    // λmax = κ exactly; Lanczos pins it to rounding.
    assert.ok(Math.abs(m.stabilityBound - 2 / 50) < 1e-12);
    assert.equal(m.convergedBelow, 1);
    assert.equal(m.divergedAbove, 1);
    assert.ok(Math.abs(m.divergenceStep - reference.divergenceStep) <= 1);
    assert.ok(m.divergenceStep > 10 && m.divergenceStep < 5000);
    const stability = result.tables[1].rows;
    assert.match(String(stability[1][4]), /gradient descent diverged at step \d+: .*η < 2\/λmax = 0\.04/);
    assert.equal(result.plots.length, 4);
  });

  it('resumes from a checkpoint with the same numbers', async () => {
    const first = await run(small, 7);
    const interrupted = await run(small, 7, { interruptAfterCheckpoints: 2 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: gradientFlow,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
  });

  it('refuses a sweep that reaches the stability bound, naming the parameter and the bound', async () => {
    await assert.rejects(
      run({ ...small, largestStepSize: 0.05 }),
      (error: unknown) =>
        error instanceof InputError &&
        /largestStepSize must be below the stability bound 2\/λmax = 2\/κ = 0\.04/.test(error.message),
    );
    await assert.rejects(run({ ...small, smallestStepSize: 0.02 }), /must be greater than smallestStepSize/);
  });

  it('fits slopes by least squares', () => {
    assert.ok(Math.abs(fittedSlope([0, 1, 2, 3], [1, 3, 5, 7]) - 2) < 1e-15);
    assert.ok(Math.abs(fittedSlope([0, 1, 2], [0, 1, 1]) - 0.5) < 1e-15);
  });
});
