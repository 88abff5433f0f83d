// `physml sweep` in-process: a grid run on 2 worker threads and on 1 gives the same numbers as
// `physml run` with the same parameters and seed; its records; and its input validation.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { runSweep } from '../../src/cli/sweep.js';
import type { SweepRecord } from '../../src/cli/sweep-index.js';
import { randomWalk } from '../experiments/framework/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'physml-sweep-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
    ownsProcess: false,
  };
  const code = await main(['node', 'physml', ...args], io);
  return { code, stdout, stderr };
}

function assertUsageError(outcome: Captured, ...fragments: string[]): void {
  assert.equal(outcome.code, 2, `exit code 2 for: ${outcome.stderr}`);
  assert.equal(outcome.stdout, '');
  const lines = outcome.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${outcome.stderr}`);
  for (const fragment of fragments)
    assert.ok(lines[0].includes(fragment), `"${lines[0]}" lacks "${fragment}"`);
}

// linear-system draws its matrix from the seed, so a mixed-up seed or parameter shows in the metrics.
const grid = ['sweep', 'linear-system', '--vary', 'n=4,6', '--seeds', '0..1', '--set', 'kappa=10'];

describe('physml sweep', () => {
  it('gives the numbers of physml run for every grid point, on 2 threads and on 1', async () => {
    const two = await cli([...grid, '--threads', '2', '--json', '--out', join(work, 'two')]);
    assert.equal(two.code, 0, two.stderr);
    const one = await cli([...grid, '--threads', '1', '--out', join(work, 'one')]);
    assert.equal(one.code, 0, one.stderr);

    const record = JSON.parse(two.stdout) as SweepRecord & { sweep: string; index: string };
    assert.deepEqual(
      record.runs.map((run) => [run.values.n, run.seed, run.status]),
      [
        [4, 0, 'finished'],
        [4, 1, 'finished'],
        [6, 0, 'finished'],
        [6, 1, 'finished'],
      ],
    );
    assert.deepEqual(record.vary, { n: [4, 6] });
    assert.equal(record.fixed.kappa, 10);
    assert.equal(record.status, 'finished');
    assert.deepEqual(JSON.parse(readFileSync(join(record.sweep, 'sweep.json'), 'utf8')).runs, record.runs);

    const oneRecordPath = /^sweep: (.*)$/m.exec(one.stdout)?.[1] ?? '';
    const oneRecord = JSON.parse(readFileSync(oneRecordPath, 'utf8')) as SweepRecord;
    assert.match(one.stdout, /all 4 runs passed/);
    assert.match(one.stderr, /sweep: \[4\/4\] n=6 seed=1: pass/);

    for (const [index, run] of record.runs.entries()) {
      const result = JSON.parse(
        readFileSync(join(record.sweep, run.runDirectory ?? '', 'result.json'), 'utf8'),
      );
      assert.deepEqual(result.params, {
        n: run.values.n,
        kappa: 10,
        tolerance: 1e-10,
        maxIterations: 1_000_000,
      });
      assert.equal(result.seed, run.seed);
      assert.deepEqual(result.metrics, run.metrics);
      assert.ok(existsSync(join(record.sweep, run.runDirectory ?? '', 'report.html')));
      assert.deepEqual(oneRecord.runs[index].metrics, run.metrics, `run ${index}: 1 thread = 2 threads`);
      const direct = await cli([
        'run',
        'linear-system',
        '--set',
        `n=${run.values.n}`,
        '--set',
        'kappa=10',
        '--seed',
        String(run.seed),
        '--json',
        '--quiet',
        '--out',
        join(work, 'direct'),
      ]);
      assert.equal(direct.code, 0, direct.stderr);
      assert.deepEqual(JSON.parse(direct.stdout).metrics, run.metrics, `run ${index}: sweep = physml run`);
    }
    // The seed matters (the comparisons above are not vacuous).
    assert.notDeepEqual(record.runs[0].metrics, record.runs[1].metrics);

    const index = readFileSync(record.index, 'utf8');
    assert.match(index, /<h1>Sweep of linear-system<\/h1>/);
    assert.match(
      index,
      /<th>n<\/th><th>seed<\/th><th>status<\/th><th>checks passed<\/th><th>gradientDescentIterations<\/th>/,
    );
    for (const run of record.runs) assert.ok(index.includes(`href="${run.runDirectory}/report.html"`));
  });

  it('records a failed run, with its directory when it kept a checkpoint, and goes on', async () => {
    const { record, index, directory } = await runSweep(
      {
        experiment: randomWalk,
        vary: ['failAtStep=-1,5,3'],
        base: [{ label: '--set', values: { steps: '6' }, fromText: true }],
        threads: 2,
        outputDirectory: join(work, 'failing'),
        quiet: true,
      },
      { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, ownsProcess: false },
    );
    assert.deepEqual(
      record.runs.map((run) => run.status),
      ['finished', 'failed', 'failed'],
    );
    // The fixture saves a checkpoint every 5 steps: the run failing at step 5 can be resumed.
    assert.equal(record.runs[1].error, 'random-walk-fixture failed: fixture failure at step 5');
    assert.ok(existsSync(join(directory, record.runs[1].runDirectory ?? 'none', 'checkpoint.json')));
    assert.equal(record.runs[2].error, 'random-walk-fixture failed: fixture failure at step 3');
    assert.equal(record.runs[2].runDirectory, undefined);
    assert.equal(record.passed, false);
    assert.match(readFileSync(index, 'utf8'), /run failed/);
  });

  it('rejects bad input with exit code 2 before creating anything', async () => {
    const out = join(work, 'rejected');
    const cases: Array<[string[], ...string[]]> = [
      [['--vary', 'nn=4,6'], 'unknown parameter "nn" for linear-system (from --vary)', 'did you mean "n"?'],
      [
        ['--vary', 'n=4,5000'],
        'parameter "n" of linear-system must be ≤ 2000',
        'allowed: integer in [2, 2000]',
        'got 5000',
      ],
      [['--vary', 'n=4,x'], 'parameter "n" of linear-system expects a number', 'got "x"'],
      [['--vary', 'n=4,,6'], '--vary n has an empty value'],
      [['--vary', 'n'], '--vary expects name=value1,value2,..., got "n"'],
      [['--vary', 'n=4', '--vary', 'n=6'], '--vary n is given twice'],
      [['--vary', 'n=4,4'], '--vary n lists the value 4 twice'],
      [['--vary', 'n=4', '--set', 'n=5'], 'parameter "n" is both set (--set) and varied (--vary)'],
      [['--seeds', '3..1'], '--seeds range 3..1 is empty'],
      [['--seeds', 'a'], '--seeds expects a range a..b'],
      [['--seeds', '1,1'], '--seeds 1,1 lists a seed twice'],
      [['--threads', '0'], '--threads must be an integer in [1, 256], got "0"'],
      [['--vary', 'n=2..5'], 'parameter "n" of linear-system expects a number'],
    ];
    for (const [args, ...fragments] of cases) {
      assertUsageError(await cli(['sweep', 'linear-system', ...args, '--out', out]), ...fragments);
    }
    assertUsageError(await cli(['sweep', 'linear-sistem', '--out', out]), 'did you mean "linear-system"?');
    assert.ok(!existsSync(out), 'nothing created for rejected input');
  });
});
