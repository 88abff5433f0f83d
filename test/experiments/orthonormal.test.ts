import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { angleBetween, orthonormal, orthonormalTolerance } from '../../src/experiments/orthonormal.js';

const root = mkdtempSync(join(tmpdir(), 'physml-orthonormal-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: orthonormal,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

describe('orthonormal experiment', () => {
  it('finds Q orthonormal to machine precision, and all checks pass', async () => {
    const { result } = await run({ n: 24, trials: 3, points: 20 });
    assert.equal(result.passed, true);
    assert.equal(result.checks.length, 5);
    const metrics = result.metrics as Record<string, number>;
    // Far below the 1e-12 tolerance: a few hundred ulps at most for n = 24.
    assert.ok(
      metrics.orthogonalityError > 0 && metrics.orthogonalityError < 1e-13,
      String(metrics.orthogonalityError),
    );
    assert.ok(metrics.reconstructionError < 1e-14);
    assert.ok(metrics.distanceDistortion < 1e-14);
    assert.ok(metrics.angleDistortion < 1e-14);
    assert.ok(Math.abs(metrics.determinantAbs - 1) < 1e-13);
    assert.deepEqual(result.reference, {
      orthogonalityError: 0,
      reconstructionError: 0,
      distanceDistortion: 0,
      angleDistortion: 0,
      determinantAbs: 1,
    });
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['histogram', 'heatmap'],
    );
    assert.equal(result.tables[0].rows.length, 3);
  });

  it('is exact for n = 1 (Q = ±1)', async () => {
    const { result } = await run({ n: 1, trials: 2, points: 3 });
    assert.deepEqual(result.metrics, {
      orthogonalityError: 0,
      reconstructionError: 0,
      distanceDistortion: 0,
      angleDistortion: 0,
      determinantAbs: 1,
    });
  });

  it('gives the same numbers for the same seed, other numbers for another, and after a resume', async () => {
    const params = { n: 10, trials: 3, points: 8 };
    const first = await run(params, 5);
    const second = await run(params, 5);
    const other = await run(params, 6);
    assert.deepEqual(first.result.metrics, second.result.metrics);
    assert.notDeepEqual(first.result.metrics, other.result.metrics);
    const interrupted = await run(params, 5, { interruptAfterCheckpoints: 1 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    assert.deepEqual(readdirSync(interrupted.location.runDirectory).sort(), ['checkpoint.json', 'run.json']);
    const resumed = await runExperiment({
      experiment: orthonormal,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.plots, first.result.plots);
  });

  it('uses a tolerance of 1e-12, growing as 10·n·ε beyond n ≈ 450', () => {
    assert.equal(orthonormalTolerance(64), 1e-12);
    assert.equal(orthonormalTolerance(1024), 10 * 1024 * Number.EPSILON);
  });
});

describe('angleBetween', () => {
  it('is exact on simple configurations, including tiny angles where acos fails', () => {
    assert.equal(angleBetween(Float64Array.of(1, 0), Float64Array.of(0, 3)), Math.PI / 2);
    assert.equal(angleBetween(Float64Array.of(2, 0), Float64Array.of(5, 0)), 0);
    assert.equal(angleBetween(Float64Array.of(1, 0), Float64Array.of(-1, 0)), Math.PI);
    const tiny = 1e-9;
    const angle = angleBetween(Float64Array.of(1, 0), Float64Array.of(Math.cos(tiny), Math.sin(tiny)));
    assert.ok(Math.abs(angle - tiny) < 1e-20, `angle ${angle}`);
  });

  it('satisfies angle(x, y) + angle(x, −y) = π (property)', () => {
    const vector = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(vector, vector, (x, y) => {
        const nx = Math.hypot(...x);
        const ny = Math.hypot(...y);
        fc.pre(nx > 1e-3 && ny > 1e-3);
        const a = angleBetween(Float64Array.from(x), Float64Array.from(y));
        const b = angleBetween(
          Float64Array.from(x),
          Float64Array.from(y, (v) => -v),
        );
        assert.ok(Math.abs(a + b - Math.PI) < 1e-14, `${a} + ${b}`);
      }),
      { seed: 2, numRuns: 300 },
    );
  });
});
