// The CLI driven as a user would: real processes (see spawn-cli.ts), checking exit codes, that
// stdout is pure JSON with --json, the error lines on stderr, and the files left behind.
// The many smaller cases run in-process in main.test.ts.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type ProcessOutcome, physml } from './spawn-cli.js';

const work = mkdtempSync(join(tmpdir(), 'physml-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
const run = (args: string[], env: Record<string, string> = {}) => physml(args, work, env);

/** Asserts a usage error: exit code 2, one `physml: ...` line on stderr, no stack trace, nothing on stdout. */
export function assertUsageError(outcome: ProcessOutcome, ...fragments: string[]): void {
  assert.equal(outcome.code, 2, outcome.stderr);
  assert.equal(outcome.stdout, '');
  const lines = outcome.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${outcome.stderr}`);
  assert.match(lines[0], /^physml: /);
  for (const fragment of fragments)
    assert.ok(lines[0].includes(fragment), `"${lines[0]}" lacks "${fragment}"`);
}

const params = ['--set', 'n=8', '--set', 'trials=2', '--set', 'points=5', '--seed', '3'];
/** The result of an uninterrupted run with `params`, to compare the resumed run with. */
let uninterrupted: { metrics: unknown; params: unknown } | undefined;

describe('physml as a process', () => {
  it('describes an experiment as pure JSON, and rejects bad input with exit code 2', async () => {
    const out = join(work, 'rejected');
    const [json, unknown, range] = await Promise.all([
      run(['describe', 'orthonormal', '--json']),
      run(['run', 'orthonormel', '--out', out]),
      run(['run', 'orthonormal', '--set', 'n=5000', '--out', out]),
    ]);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr, '');
    const description = JSON.parse(json.stdout);
    const n = description.parameters.find((p: { name: string }) => p.name === 'n');
    assert.deepEqual(
      { type: n.type, default: n.default, minimum: n.minimum, maximum: n.maximum },
      { type: 'integer', default: 64, minimum: 1, maximum: 1024 },
    );
    assertUsageError(
      unknown,
      'unknown experiment "orthonormel"; available: ',
      'orthonormal',
      'did you mean "orthonormal"?',
    );
    assertUsageError(
      range,
      'parameter "n" of orthonormal must be ≤ 1024',
      'allowed: integer in [1, 1024]',
      'got 5000',
    );
    assert.ok(!existsSync(out), 'no run directory for rejected input');
  });

  it('runs with repeated --set and --config YAML, printing only the result JSON', async () => {
    writeFileSync(join(work, 'params.yaml'), 'n: 7\ntrials: 1\npoints: 4\n');
    const out = join(work, 'runs');
    const [repeated, yaml] = await Promise.all([
      run(['run', 'orthonormal', '--set', 'n=9', ...params, '--json', '--out', out]),
      run([
        'run',
        'orthonormal',
        '--config',
        'params.yaml',
        '--set',
        'points=6',
        '--json',
        '--quiet',
        '--out',
        out,
      ]),
    ]);
    assert.equal(repeated.code, 0, repeated.stderr);
    assert.equal(yaml.code, 0, yaml.stderr);
    const result = JSON.parse(repeated.stdout); // all of stdout must be the one JSON object
    assert.deepEqual(Object.keys(result).slice(0, 6), [
      'experiment',
      'params',
      'seed',
      'metrics',
      'reference',
      'artifacts',
    ]);
    assert.deepEqual(result.params, { n: 8, trials: 2, points: 5 }, 'the last --set wins');
    uninterrupted = result;
    assert.equal(result.seed, 3);
    assert.equal(result.passed, true);
    assert.ok(Object.values(result.metrics).every((value) => Number.isFinite(value)));
    for (const file of result.artifacts) assert.ok(existsSync(join(result.runDirectory, file)), file);
    assert.match(result.runDirectory, /orthonormal-\d{8}-\d{6}-3(-\d+)?$/);
    // Progress goes to stderr as plain lines (not a TTY): a few, never a flood, after a line
    // naming the run directory (where --resume would continue an interrupted run).
    const lines = repeated.stderr.trim().split('\n');
    assert.equal(
      lines[0],
      `orthonormal: run directory ${result.runDirectory} (if interrupted: physml run --resume ${result.runDirectory})`,
    );
    const progress = lines.slice(1);
    assert.ok(progress.length >= 1 && progress.length <= 3, repeated.stderr);
    assert.match(progress.at(-1) ?? '', /^orthonormal: 100% \(2\/2\)/);
    assert.deepEqual(JSON.parse(yaml.stdout).params, { n: 7, trials: 1, points: 6 });
    assert.equal(yaml.stderr, '', '--quiet prints no progress');
  });

  it('leaves no partial result when a run fails, and --resume reproduces the uninterrupted numbers', async () => {
    const out = join(work, 'resume');
    const interrupted = await run(['run', 'orthonormal', ...params, '--json', '--out', join(out, 'parts')], {
      PHYSML_INTERRUPT_AFTER_CHECKPOINTS: '1',
    });
    assert.equal(interrupted.code, 1);
    assert.equal(interrupted.stdout, '', 'no result on stdout');
    const [runDirectory] = readdirSync(join(out, 'parts')).map((name) => join(out, 'parts', name));
    assert.deepEqual(readdirSync(runDirectory).sort(), ['checkpoint.json', 'run.json']);
    const errorLines = interrupted.stderr.split('\n').filter((line) => line.startsWith('physml: '));
    assert.equal(errorLines.length, 1, interrupted.stderr);
    assert.ok(errorLines[0].includes('orthonormal interrupted after checkpoint 1'), errorLines[0]);
    assert.ok(errorLines[0].endsWith(`continue with: physml run --resume ${runDirectory}`), errorLines[0]);
    assert.ok(!/\n\s+at /.test(interrupted.stderr), 'no stack trace');

    const resumed = await run(['run', '--resume', runDirectory, '--json', '--quiet']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const b = JSON.parse(resumed.stdout);
    assert.ok(uninterrupted, 'the uninterrupted run of the previous test');
    assert.deepEqual(b.metrics, uninterrupted.metrics);
    assert.deepEqual(b.params, uninterrupted.params);
    assert.equal(b.resumed, true);
    assert.deepEqual(readdirSync(runDirectory).sort(), [
      'report.html',
      'result.json',
      'run.json',
      'trials.csv',
    ]);
  });
});
