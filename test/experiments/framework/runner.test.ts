import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Experiment, ExperimentOutput } from '../../../src/experiments/framework/define.js';
import {
  CheckpointError,
  InputError,
  InterruptedError,
  ParameterError,
  RunFailedError,
} from '../../../src/experiments/framework/errors.js';
import { outputProblems } from '../../../src/experiments/framework/result.js';
import {
  type RunOptions,
  type RunOutcome,
  runExperiment,
} from '../../../src/experiments/framework/runner.js';
import { randomWalk } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'physml-runner-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh output directory per test, so listings are exact. */
function outputDirectory(): string {
  counter += 1;
  return join(root, `out${counter}`);
}

function walk(values: Record<string, unknown>, extra: Partial<RunOptions> = {}): Promise<RunOutcome> {
  return runExperiment({
    experiment: randomWalk,
    sources: [{ label: 'test', values }],
    seed: 7,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<RunFailedError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RunFailedError, `expected RunFailedError, got ${String(error)}`);
    return error;
  }
  assert.fail('the run should have failed');
}

const onlyDirectory = (parent: string) => {
  const entries = readdirSync(parent);
  assert.equal(entries.length, 1, `one run directory in ${parent}: ${entries.join(', ')}`);
  return join(parent, entries[0]);
};

describe('runExperiment', () => {
  it('writes the result contract, artifacts and manifest, and nothing else', async () => {
    const out = outputDirectory();
    const fixed = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const { result, runDirectory } = await walk(
      { steps: 20 },
      { outputDirectory: out, now: () => fixed, renderReport: async (r) => `<html>${r.experiment}</html>` },
    );
    assert.equal(basename(runDirectory), 'random-walk-fixture-20240102-030405-7');
    const onDisk = JSON.parse(readFileSync(join(runDirectory, 'result.json'), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(result)));
    for (const key of ['experiment', 'params', 'seed', 'metrics', 'reference', 'artifacts']) {
      assert.ok(key in onDisk, `result.json has "${key}"`);
    }
    assert.equal(onDisk.experiment, 'random-walk-fixture');
    assert.equal(onDisk.seed, 7);
    assert.equal(onDisk.params.steps, 20);
    assert.equal(onDisk.params.mode, 'gaussian', 'defaults are recorded');
    assert.equal(typeof onDisk.metrics.finalPosition, 'number');
    assert.deepEqual(Object.keys(onDisk.metrics.meanPosition), ['mean', 'stderr']);
    assert.equal(onDisk.reference.source, 'symmetric walk <exact>');
    assert.deepEqual(onDisk.artifacts, ['report.html', 'trajectory.csv', 'run.json']);
    assert.deepEqual(readdirSync(runDirectory).sort(), [
      'report.html',
      'result.json',
      'run.json',
      'trajectory.csv',
    ]);
    // The stderr check passes, the deliberately impossible relative check fails.
    assert.deepEqual(
      onDisk.checks.map((check: { metric: string; passed: boolean }) => [check.metric, check.passed]),
      [
        ['meanPosition', true],
        ['finalPosition', false],
      ],
    );
    assert.equal(onDisk.passed, false);
    const manifest = JSON.parse(readFileSync(join(runDirectory, 'run.json'), 'utf8'));
    assert.deepEqual(manifest.params, onDisk.params);
    assert.equal(manifest.seed, 7);
    // Same second, same seed: a second directory with a suffix, never a clash.
    const second = await walk({ steps: 3 }, { outputDirectory: out, now: () => fixed });
    assert.equal(basename(second.runDirectory), 'random-walk-fixture-20240102-030405-7-2');
    assert.ok(!second.result.artifacts.includes('report.html'), 'no renderer, no report');
  });

  it('gives the same numbers after interruptions and resumes as in one go', async () => {
    const out = outputDirectory();
    const whole = await walk({ steps: 40, checkpointEvery: 5 }, { outputDirectory: join(out, 'whole') });

    const interrupted = await failure(
      walk(
        { steps: 40, checkpointEvery: 5 },
        { outputDirectory: join(out, 'parts'), interruptAfterCheckpoints: 3 },
      ),
    );
    assert.ok(interrupted.cause instanceof InterruptedError);
    assert.equal(interrupted.location.resumable, true);
    const runDirectory = onlyDirectory(join(out, 'parts'));
    assert.equal(interrupted.location.runDirectory, runDirectory);
    assert.deepEqual(readdirSync(runDirectory).sort(), ['checkpoint.json', 'run.json'], 'no partial result');
    const checkpoint = JSON.parse(readFileSync(join(runDirectory, 'checkpoint.json'), 'utf8'));
    assert.equal(checkpoint.state.step, 15);

    const again = await failure(
      runExperiment({ experiment: randomWalk, resume: runDirectory, interruptAfterCheckpoints: 2 }),
    );
    assert.ok(again.cause instanceof InterruptedError);
    const logs: string[] = [];
    const resumed = await runExperiment({
      experiment: randomWalk,
      resume: runDirectory,
      log: (message) => logs.push(message),
    });
    assert.match(logs[0], /from checkpoint 5/);
    assert.deepEqual(resumed.result.metrics, whole.result.metrics);
    assert.deepEqual(resumed.result.plots, whole.result.plots);
    assert.equal(
      readFileSync(join(runDirectory, 'trajectory.csv'), 'utf8'),
      readFileSync(join(whole.runDirectory, 'trajectory.csv'), 'utf8'),
    );
    assert.equal(resumed.result.resumed, true);
    assert.ok(!existsSync(join(runDirectory, 'checkpoint.json')), 'checkpoint removed after success');
    await assert.rejects(
      runExperiment({ experiment: randomWalk, resume: runDirectory }),
      /has already finished/,
    );
  });

  it('removes the run directory of a run that failed before its first checkpoint', async () => {
    const out = outputDirectory();
    const error = await failure(walk({ failAtStep: 2, checkpointEvery: 5 }, { outputDirectory: out }));
    assert.match(error.message, /random-walk-fixture failed: fixture failure at step 2/);
    assert.deepEqual(error.location, { runDirectory: undefined, resumable: false });
    assert.deepEqual(readdirSync(out), []);
  });

  it('keeps only the manifest and checkpoint of a run that failed later', async () => {
    const out = outputDirectory();
    const error = await failure(walk({ failAtStep: 12, checkpointEvery: 5 }, { outputDirectory: out }));
    assert.equal(error.location.resumable, true);
    assert.deepEqual(readdirSync(onlyDirectory(out)).sort(), ['checkpoint.json', 'run.json']);
  });

  it('reports a NaN metric as an error of the experiment and writes no result', async () => {
    const out = outputDirectory();
    const error = await failure(walk({ nanMetric: true, checkpointEvery: 1000 }, { outputDirectory: out }));
    assert.match(error.message, /random-walk-fixture returned an invalid result: metric "meanSquare" is NaN/);
    assert.deepEqual(readdirSync(out), []);
  });

  it('removes artifacts and report when writing the result fails at the end', async () => {
    const out = outputDirectory();
    const error = await failure(
      walk(
        { steps: 10, checkpointEvery: 5 },
        {
          outputDirectory: out,
          renderReport: async () => {
            throw new Error('renderer broke');
          },
        },
      ),
    );
    assert.match(error.message, /renderer broke/);
    assert.deepEqual(readdirSync(onlyDirectory(out)).sort(), ['checkpoint.json', 'run.json']);
  });

  it('rejects bad parameters and seeds before creating anything', async () => {
    const out = outputDirectory();
    await assert.rejects(walk({ steps: 0 }, { outputDirectory: out }), ParameterError);
    await assert.rejects(
      walk({}, { outputDirectory: out, seed: -1 }),
      /seed must be an integer in \[0, 9007199254740991\], got -1/,
    );
    await assert.rejects(walk({}, { outputDirectory: out, seed: 1.5 }), InputError);
    assert.ok(!existsSync(out));
  });

  it('refuses to resume from a foreign, corrupt or tampered run directory', async () => {
    const out = outputDirectory();
    await failure(
      walk({ steps: 20, checkpointEvery: 5 }, { outputDirectory: out, interruptAfterCheckpoints: 1 }),
    );
    const runDirectory = onlyDirectory(out);
    const resume = (experiment: Experiment) => runExperiment({ experiment, resume: runDirectory });
    const other = { ...randomWalk, name: 'other-walk' } as unknown as Experiment;
    await assert.rejects(resume(other), (error: unknown) => {
      assert.ok(error instanceof CheckpointError);
      assert.match(error.message, /is a run of "random-walk-fixture", not of "other-walk"/);
      return true;
    });
    const checkpointPath = join(runDirectory, 'checkpoint.json');
    const saved = readFileSync(checkpointPath, 'utf8');
    writeFileSync(checkpointPath, saved.slice(0, 40));
    await assert.rejects(resume(randomWalk), /checkpoint .* is corrupt \(not valid JSON/);
    writeFileSync(
      checkpointPath,
      saved.replace(/"paramsHash": "[0-9a-f]+"/, `"paramsHash": "${'0'.repeat(64)}"`),
    );
    await assert.rejects(resume(randomWalk), /saved with other parameters/);
    writeFileSync(checkpointPath, saved);
    const manifestPath = join(runDirectory, 'run.json');
    const manifest = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, manifest.replace('"steps": 20', '"steps": 21'));
    await assert.rejects(resume(randomWalk), /does not match its parameter hash/);
    writeFileSync(manifestPath, manifest);
    await assert.rejects(
      runExperiment({ experiment: randomWalk, resume: join(root, 'nowhere') }),
      /run directory .*nowhere does not exist/,
    );
    // After all that, the untouched directory still resumes.
    const { result } = await resume(randomWalk);
    assert.equal(result.params.steps, 20);
  });
});

describe('outputProblems', () => {
  const output = (overrides: Partial<ExperimentOutput>): ExperimentOutput => ({
    metrics: { finalPosition: 1, meanSquare: 2, meanPosition: { mean: 0, stderr: 1 } },
    ...overrides,
  });
  const problems = (overrides: Partial<ExperimentOutput>) =>
    outputProblems(randomWalk, output(overrides)).join('; ');

  it('accepts a valid output', () => {
    assert.equal(problems({}), '');
  });

  it('names missing, undeclared and non-finite metrics', () => {
    assert.match(
      problems({ metrics: { finalPosition: 1, meanSquare: 2 } }),
      /metric "meanPosition" is declared but missing/,
    );
    assert.match(
      problems({ metrics: { finalPosition: 1, meanSquare: 2, meanPosition: 0, extra: 1 } }),
      /metric "extra" is not declared/,
    );
    assert.match(
      problems({ metrics: { finalPosition: Number.POSITIVE_INFINITY, meanSquare: 2, meanPosition: 0 } }),
      /metric "finalPosition" is Infinity/,
    );
    assert.match(
      problems({ metrics: { finalPosition: 1, meanSquare: 2, meanPosition: { mean: 0, stderr: -1 } } }),
      /metric "meanPosition" has stderr -1/,
    );
  });

  it('names malformed checks, artifacts and tables', () => {
    assert.match(
      problems({ checks: [{ metric: 'nope', reference: 0, tolerance: 1, kind: 'absolute' }] }),
      /check on unknown metric "nope"/,
    );
    assert.match(
      problems({ checks: [{ metric: 'finalPosition', reference: 0, tolerance: 1, kind: 'stderr' }] }),
      /kind "stderr" but the metric has no stderr/,
    );
    assert.match(
      problems({ checks: [{ metric: 'finalPosition', reference: 0, tolerance: -1, kind: 'absolute' }] }),
      /tolerance -1/,
    );
    assert.match(problems({ artifacts: [{ name: '../evil.sh', content: '' }] }), /must be a plain file name/);
    assert.match(problems({ artifacts: [{ name: 'result.json', content: '' }] }), /is reserved/);
    assert.match(
      problems({
        artifacts: [
          { name: 'a.csv', content: '' },
          { name: 'a.csv', content: '' },
        ],
      }),
      /"a.csv" is used twice/,
    );
    assert.match(
      problems({ tables: [{ title: 'T', columns: ['a', 'b'], rows: [[1]] }] }),
      /table "T" has rows/,
    );
  });
});
