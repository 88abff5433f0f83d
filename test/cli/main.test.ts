// The CLI in-process: main(argv, io) with captured streams, for the many cases that do not
// need a separate process (cli.test.ts spawns real ones).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'physml-main-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    ownsProcess: false,
  };
  const code = await main(['node', 'physml', ...args], io);
  return { code, stdout, stderr };
}

function assertUsageError(outcome: Captured, fragment: string): void {
  assert.equal(outcome.code, 2, `exit code 2 for: ${outcome.stderr}`);
  assert.equal(outcome.stdout, '');
  const lines = outcome.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${outcome.stderr}`);
  assert.match(lines[0], /^physml: /);
  assert.ok(lines[0].includes(fragment), `"${lines[0]}" lacks "${fragment}"`);
}

const out = join(work, 'runs');
const small = ['--set', 'n=6', '--set', 'trials=2', '--set', 'points=4', '--out', out];

describe('physml main', () => {
  it('lists experiments, as text and as JSON', async () => {
    const text = await cli(['list']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^orthonormal\s+Householder QR gives an orthonormal Q$/m);
    const json = await cli(['list', '--json']);
    assert.deepEqual(
      JSON.parse(json.stdout).find((entry: { name: string }) => entry.name === 'orthonormal'),
      {
        name: 'orthonormal',
        title: 'Householder QR gives an orthonormal Q',
        inTour: true,
      },
    );
  });

  it('describes an experiment: parameters with type, default and range; metrics with units', async () => {
    const { code, stdout } = await cli(['describe', 'orthonormal']);
    assert.equal(code, 0);
    assert.match(stdout, /parameter\s+type\s+default\s+allowed\s+description/);
    assert.match(stdout, /trials\s+integer\s+4\s+integer in \[1, 100\]/);
    assert.match(stdout, /angleDistortion\s+rad\s+largest absolute change/);
    assert.match(stdout, /In the tour with: n=48 trials=2 points=32/);
  });

  it('prints help (exit 0), the version, and usage on no arguments (exit 2)', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: physml/);
    assert.match(help.stdout, /^\s+lab\b/m, 'lab is a command');
    const version = await cli(['-V']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const none = await cli([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: physml/);
  });

  it('rejects every kind of bad input with exit code 2 and one line naming the problem', async () => {
    writeFileSync(join(work, 'bad.yaml'), 'n: [1, 2\n');
    writeFileSync(join(work, 'unknown.json'), '{"size": 4}');
    const cases: Array<[string[], string, Record<string, string>?]> = [
      [
        ['run', 'orthonormal', '--set', 'n=abc'],
        'parameter "n" of orthonormal expects a number; allowed: integer in [1, 1024]; got "abc"',
      ],
      [['run', 'orthonormal', '--set', 'n=NaN'], 'parameter "n" of orthonormal must be a finite number'],
      [['run', 'orthonormal', '--set', 'n=2.5'], 'parameter "n" of orthonormal must be an integer'],
      [['run', 'orthonormal', '--set', 'n=0'], 'must be ≥ 1; allowed: integer in [1, 1024]; got 0'],
      [['run', 'orthonormal', '--set', 'points'], '--set expects key=value, got "points"'],
      [
        ['run', 'orthonormal', '--set', 'pionts=3'],
        'unknown parameter "pionts" for orthonormal (from --set); allowed: n, trials, points; did you mean "points"?',
      ],
      [['run', 'orthonormal', '--seed', '1.5'], '--seed must be a non-negative integer, got "1.5"'],
      [
        ['run', 'orthonormal', '--seed', '9007199254740992'],
        'seed must be an integer in [0, 9007199254740991]',
      ],
      [['run', 'orthonormal', '--config', join(work, 'bad.yaml')], 'is not valid YAML'],
      [
        ['run', 'orthonormal', '--config', join(work, 'unknown.json')],
        'unknown parameter "size" for orthonormal (from config file',
      ],
      [['run', 'orthonormal', '--config', join(work, 'none.json')], 'does not exist'],
      [['run'], 'missing experiment name'],
      [['run', 'no-such-experiment'], 'unknown experiment "no-such-experiment"; available: '],
      [['tour', '--only', 'orthonormal,isingg'], 'unknown experiment "isingg"'],
      [['describe'], "missing required argument 'experiment'"],
      [['tour', '--seed', 'x'], '--seed must be a non-negative integer'],
      [['run', '--resume', join(work, 'nowhere')], 'does not exist'],
      [['run', '--resume', work], 'is not a physml run directory (no run.json)'],
      [['report', work], 'has no result.json'],
      [
        ['run', 'orthonormal', '--out', join(work, 'bad.yaml')],
        `cannot create a directory in ${join(work, 'bad.yaml')} (`,
      ],
      [
        ['run', 'orthonormal', ...small],
        'PHYSML_INTERRUPT_AFTER_CHECKPOINTS must be a positive integer',
        { PHYSML_INTERRUPT_AFTER_CHECKPOINTS: 'soon' },
      ],
    ];
    for (const [args, fragment, env] of cases) assertUsageError(await cli(args, env), fragment);
    assert.ok(!existsSync(out), 'nothing was created');
  });

  it('prints the stack trace only with PHYSML_DEBUG=1', async () => {
    const quiet = await cli(['run', 'nope']);
    assert.ok(!quiet.stderr.includes('    at '));
    const debug = await cli(['run', 'nope'], { PHYSML_DEBUG: '1' });
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /^physml: unknown experiment "nope"/);
    assert.match(debug.stderr, /\n\s+at /);
  });

  it('runs with a JSON config and prints a readable summary without --json', async () => {
    writeFileSync(join(work, 'params.json'), JSON.stringify({ n: 5, trials: 2, points: 3 }));
    const { code, stdout, stderr } = await cli([
      'run',
      'orthonormal',
      '--config',
      join(work, 'params.json'),
      '--out',
      out,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^orthonormal \(seed 0\) finished in .*: all 5 checks passed$/m);
    assert.match(stdout, /orthogonalityError\s+\S+\s+0\s+pass\s+\|Δ\| = /);
    const report = /^report: (.*)$/m.exec(stdout)?.[1];
    assert.ok(report && existsSync(report));
    const directory = /^run directory: (.*)$/m.exec(stdout)?.[1] ?? '';
    assert.deepEqual(JSON.parse(readFileSync(join(directory, 'result.json'), 'utf8')).params, {
      n: 5,
      trials: 2,
      points: 3,
    });
    assert.match(stderr, /^orthonormal: 100% \(2\/2\) trial 2\/2$/m);

    // `report` renders the report again from result.json.
    rmSync(report);
    const again = await cli(['report', directory]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.trim(), report);
    assert.match(readFileSync(report, 'utf8'), /<svg[\s\S]*<\/svg>/);
  });

  it('tours the experiments: table, index report, exit code 0 when every check passes', async () => {
    // --only keeps this test independent of the other experiments registered.
    const text = await cli(['tour', '--only', 'orthonormal', '--out', join(work, 'tour-text'), '--quiet']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /experiment\s+metric\s+value ± stderr\s+reference\s+check/);
    assert.match(text.stdout, /orthonormal\s+determinantAbs\s+1\s+1\s+pass/);
    const index = /^index: (.*)$/m.exec(text.stdout)?.[1] ?? '';
    assert.match(index, /tour-\d{8}-\d{6}(-\d+)?\/index\.html$/);
    assert.ok(existsSync(index));

    const json = await cli([
      'tour',
      '--only',
      'orthonormal',
      '--json',
      '--quiet',
      '--out',
      join(work, 'tour-json'),
      '--seed',
      '5',
    ]);
    assert.equal(json.code, 0, json.stderr);
    const summary = JSON.parse(json.stdout);
    assert.equal(summary.seed, 5);
    assert.equal(summary.passed, true);
    assert.equal(summary.runs.length, 1);
    const [first] = summary.runs;
    assert.equal(first.experiment, 'orthonormal');
    assert.ok(existsSync(first.report));
    assert.match(
      readFileSync(summary.index, 'utf8'),
      /<a href="orthonormal-[^"]+-5\/report\.html">orthonormal<\/a>/,
    );
  });
});
