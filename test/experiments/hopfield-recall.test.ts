import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ParameterError, RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { hopfieldRecall } from '../../src/experiments/hopfield-recall.js';
import {
  digitPatterns,
  MAX_DIGIT_PATTERNS,
  PSEUDO_INVERSE_DIGITS,
  storedPatternStability,
} from '../../src/experiments/hopfield-report.js';
import { storePatterns } from '../../src/models/hopfield/index.js';

const out = mkdtempSync(join(tmpdir(), 'physml-hopfield-recall-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 1, extra = {}) =>
  runExperiment({
    experiment: hopfieldRecall,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: out,
    ...extra,
  });

type Estimate = { mean: number; stderr: number };

describe('hopfield-recall', () => {
  it('picks distinct digits one class at a time', () => {
    const patterns = digitPatterns(MAX_DIGIT_PATTERNS);
    assert.equal(patterns.length, MAX_DIGIT_PATTERNS);
    assert.ok(patterns.every((pattern) => pattern.length === 64));
    assert.equal(new Set(patterns.map((pattern) => pattern.join(','))).size, MAX_DIGIT_PATTERNS);
    assert.throws(() => digitPatterns(MAX_DIGIT_PATTERNS + 1), /count must be an integer in \[1, 40\]/);
  });

  it('the pseudo-inverse stores ten correlated digits where Hebb stores none', async () => {
    const { result } = await run({ patterns: 'digits', patternCount: 10, probes: 30 });
    const m = result.metrics;
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.deepEqual(
      result.checks.map((check) => check.metric),
      ['largestEnergyIncrease', 'storedPatternsStable', 'finalOverlap'],
    );
    assert.equal(m.storedPatternsStable, 1);
    assert.ok((m.finalOverlap as Estimate).mean > 0.95);
    assert.ok((m.largestEnergyIncrease as number) <= 0);
    assert.equal(
      (m.retrievedCount as number) +
        (m.wrongPatternCount as number) +
        (m.mixtureCount as number) +
        (m.spuriousCount as number),
      30,
    );
    // The rule table: same probes, Hebb keeps no digit as a fixed point and recalls badly.
    const rows = result.tables[0].rows;
    const hebb = rows.find((row) => String(row[0]).startsWith('hebb')) as Array<number | string>;
    assert.equal(hebb[4], 0);
    assert.ok((hebb[1] as number) < 0.8);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'line', 'heatmap'],
    );
  });

  it('matches the AGS overlap for random patterns below capacity, synchronously', async () => {
    const { result } = await run({
      patterns: 'random',
      size: 100,
      patternCount: 10,
      rule: 'hebb',
      update: 'synchronous',
      probes: 40,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.deepEqual(
      result.checks.map((check) => check.metric),
      ['retrievedOverlap', 'retrievedCount'],
    );
    assert.ok(Math.abs((result.reference.retrievedOverlap as number) - 0.998) < 0.001);
    assert.equal(result.metrics.load, 0.1);
    assert.equal(result.metrics.initialOverlap, 0.8);
  });

  it('Glauber dynamics runs every sweep and never reports convergence', async () => {
    const { result } = await run({
      patterns: 'random',
      size: 64,
      patternCount: 4,
      rule: 'hebb',
      update: 'glauber',
      temperature: 0.1,
      probes: 8,
      maxSteps: 20,
    });
    assert.equal(result.metrics.convergedFraction, 0);
    assert.deepEqual(result.metrics.steps, { mean: 20, stderr: 0 });
    // At T = 0.1 and α = 1/16 the retrieval state survives the noise.
    assert.ok((result.metrics.finalOverlap as Estimate).mean > 0.9);
  });

  it('rejects parameter combinations the rules cannot take', async () => {
    await assert.rejects(
      run({ patterns: 'random', size: 32, patternCount: 32 }),
      (error: unknown) => error instanceof ParameterError && /patternCount < N = 32/.test(error.message),
    );
    await assert.rejects(
      run({ patterns: 'digits', patternCount: 41 }),
      (error: unknown) => error instanceof ParameterError && /at most 40/.test(error.message),
    );
  });

  it('storedPatternStability: 1 for the pseudo-inverse, 0 for Hebb on ten digits', () => {
    const patterns = digitPatterns(10);
    assert.equal(storedPatternStability(storePatterns(patterns, { rule: 'pseudo-inverse' })), 1);
    assert.equal(storedPatternStability(storePatterns(patterns, { rule: 'hebb' })), 0);
    // Up to 21 digits the projection holds; the 22nd differs from a stored 1 in one pixel.
    const limit = digitPatterns(PSEUDO_INVERSE_DIGITS);
    assert.equal(storedPatternStability(storePatterns(limit, { rule: 'pseudo-inverse' })), 1);
    const beyond = digitPatterns(PSEUDO_INVERSE_DIGITS + 1);
    const differing = beyond[11].reduce((sum, spin, i) => sum + (spin !== beyond[21][i] ? 1 : 0), 0);
    assert.equal(differing, 1);
    assert.ok(storedPatternStability(storePatterns(beyond, { rule: 'pseudo-inverse' })) < 1);
  });

  it('resumes from a checkpoint with the same numbers', async () => {
    const params = { patterns: 'random', size: 64, patternCount: 6, rule: 'storkey', probes: 40 };
    const first = await run(params, 4);
    const interrupted = await run(params, 4, { interruptAfterCheckpoints: 3 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: hopfieldRecall,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.tables, first.result.tables);
  });
});
