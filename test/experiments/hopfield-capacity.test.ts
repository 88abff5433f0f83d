import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import {
  BREAK_OVERLAP,
  crossingLoad,
  hopfieldCapacity,
  loadGrid,
  weightedLine,
} from '../../src/experiments/hopfield-capacity.js';

const out = mkdtempSync(join(tmpdir(), 'physml-hopfield-capacity-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 1, extra = {}) =>
  runExperiment({
    experiment: hopfieldCapacity,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: out,
    ...extra,
  });

type Estimate = { mean: number; stderr: number };
const small = { sizes: [100, 200], minimumLoad: 0.06, maximumLoad: 0.3, loadStep: 0.02, networks: 3 };

describe('hopfield-capacity', () => {
  it('builds the load grid without rounding drift', () => {
    assert.deepEqual(loadGrid(0.04, 0.1, 0.02), [0.04, 0.06, 0.08, 0.1]);
    assert.equal(loadGrid(0.04, 0.3, 0.01).length, 27);
    assert.ok(Math.abs(BREAK_OVERLAP - 0.7337) < 1e-4);
  });

  it('locates a crossing by interpolation, with the delta-method error', () => {
    const alphas = [0.1, 0.2, 0.3];
    const values = [
      { mean: 1, stderr: 0 },
      { mean: 0.8, stderr: 0.01 },
      { mean: 0.4, stderr: 0.01 },
    ];
    const crossing = crossingLoad(alphas, values, 0.6) as Estimate;
    assert.ok(Math.abs(crossing.mean - 0.25) < 1e-12);
    // ∂α/∂m = Δα·½/0.4 for both neighbours: 0.125 each.
    assert.ok(Math.abs(crossing.stderr - Math.hypot(0.125 * 0.01, 0.125 * 0.01)) < 1e-12);
    assert.equal(crossingLoad(alphas, values, 0.3), null);
  });

  it('fits a weighted line, recovering exact data and the two-point error', () => {
    const fit = weightedLine(
      [0, 1, 2],
      [1, 3, 5].map((mean) => ({ mean, stderr: 0.1 })),
    );
    assert.ok(Math.abs(fit.intercept.mean - 1) < 1e-12 && Math.abs(fit.slope - 2) < 1e-12);
    const two = weightedLine(
      [1, 3],
      [
        { mean: 2, stderr: 0.1 },
        { mean: 4, stderr: 0.2 },
      ],
    );
    assert.ok(Math.abs(two.intercept.mean - 1) < 1e-12);
    // intercept = (3·y1 − y2)/2: σ² = (9σ1² + σ2²)/4.
    assert.ok(Math.abs(two.intercept.stderr - Math.sqrt((9 * 0.01 + 0.04) / 4)) < 1e-12);
  });

  it('breaks near α_c, later for smaller N, and matches the AGS overlap below capacity', async () => {
    const { result } = await run(small);
    const m = result.metrics;
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const largest = m.criticalLoad as Estimate;
    const smallest = m.criticalLoadSmallest as Estimate;
    // Finite-size shift: measured 0.24 at N = 100 and 0.20 at N = 200, each ± 0.005.
    assert.ok(smallest.mean - largest.mean > 3 * Math.hypot(smallest.stderr, largest.stderr));
    assert.ok(largest.mean > 0.138 && largest.mean < 0.25);
    assert.equal(m.overlapBelowCapacityLoad, 0.1);
    assert.equal(result.checks.length, 4);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'line', 'line'],
    );
  });

  it('resumes from a checkpoint with the same numbers', async () => {
    const params = { ...small, maximumLoad: 0.26, loadStep: 0.04, networks: 2 };
    const first = await run(params, 3);
    const interrupted = await run(params, 3, { interruptAfterCheckpoints: 5 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: hopfieldCapacity,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
  });
});
