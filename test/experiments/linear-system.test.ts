import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eigh } from '../../src/core/linalg/index.js';
import { makeKey } from '../../src/core/random/index.js';
import { runExperiment } from '../../src/experiments/framework/index.js';
import { linearSystem, randomSpdMatrix } from '../../src/experiments/linear-system.js';

const out = mkdtempSync(join(tmpdir(), 'physml-linear-system-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('linear-system', () => {
  it('builds an SPD matrix with the requested spectrum', () => {
    const { a } = randomSpdMatrix(12, 50, makeKey(3));
    const { values } = eigh(a);
    assert.ok(Math.abs(values[0] - 1) < 1e-12);
    assert.ok(Math.abs(values[11] - 50) < 1e-11);
  });

  it('all three methods reach the direct solution within their bounds', async () => {
    const { result } = await runExperiment({
      experiment: linearSystem,
      sources: [{ label: 'test', values: { n: 40, kappa: 200, tolerance: 1e-10 } }],
      seed: 5,
      outputDirectory: out,
    });
    const m = result.metrics as Record<string, number>;
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    // CG would stop within n = 40 steps in exact arithmetic; rounding costs it a few more.
    assert.ok(m.conjugateGradientIterations <= 80);
    // The heavy ball beats gradient descent by about √κ.
    assert.ok(m.heavyBallIterations * 4 < m.gradientDescentIterations);
    // Gradient descent with the optimal step contracts every mode by (κ−1)/(κ+1) exactly,
    // so it needs close to its bound (never more).
    assert.ok(m.gradientDescentBoundRatio > 0.8 && m.gradientDescentBoundRatio <= 1);
    assert.ok(m.autodiffGradientError < 1e-12);
  });
});
