// `--threads` on `run` and `tour`: validated like every option, and handed to the experiment.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { runWithProgress } from '../../src/cli/run.js';
import { defineExperiment } from '../../src/experiments/framework/define.js';

const work = mkdtempSync(join(tmpdir(), 'physml-run-threads-'));
after(() => rmSync(work, { recursive: true, force: true }));

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      ownsProcess: false,
    },
    out: () => stdout,
    err: () => stderr,
  };
}

/** Reports the thread count its context carried. */
const threadsProbe = defineExperiment({
  name: 'threads-probe',
  title: 'Threads probe',
  description: 'Reports context.threads.',
  params: z.object({}),
  metrics: { threads: { description: 'context.threads, or 0 when absent' } },
  async run(_params, context) {
    return { metrics: { threads: context.threads ?? 0 } };
  },
});

describe('--threads', () => {
  it('reaches the experiment through its context, and is not recorded in the result', async () => {
    const { io } = capture();
    const three = await runWithProgress(threadsProbe, { threads: 3, quiet: true, outputDirectory: work }, io);
    assert.equal(three.result.metrics.threads, 3);
    assert.ok(!('threads' in three.result.params));
    const unset = await runWithProgress(threadsProbe, { quiet: true, outputDirectory: work }, io);
    assert.equal(unset.result.metrics.threads, 0);
  });

  it('is accepted by run and refused out of range by run and tour, naming the range', async () => {
    const ok = capture();
    const out = join(work, 'runs');
    const args = [
      'orthonormal',
      '--set',
      'n=4',
      '--set',
      'trials=1',
      '--set',
      'points=3',
      '--json',
      '--quiet',
    ];
    assert.equal(
      await main(['node', 'physml', 'run', ...args, '--threads', '2', '--out', out], ok.io),
      0,
      ok.err(),
    );
    assert.equal(JSON.parse(ok.out()).experiment, 'orthonormal');
    const rejected = join(work, 'rejected');
    for (const [command, value] of [
      ['run', '0'],
      ['run', 'all'],
      ['tour', '300'],
    ]) {
      const bad = capture();
      const extra = command === 'run' ? args : ['--only', 'orthonormal', '--quiet'];
      const code = await main(
        ['node', 'physml', command, ...extra, '--threads', value, '--out', rejected],
        bad.io,
      );
      assert.equal(code, 2);
      assert.equal(bad.err(), `physml: --threads must be an integer in [1, 256], got "${value}"\n`);
    }
    assert.ok(!existsSync(rejected));
  });

  it('splits large matrix products over kernel threads when given, with the same numbers', async () => {
    // n = 320: the conjugate-gradient and Cholesky products pass the 2^24 multiply-add threshold.
    const metrics: unknown[] = [];
    for (const threads of ['1', '2']) {
      const run = capture();
      const code = await main(
        [
          'node',
          'physml',
          'run',
          'linear-system',
          '--set',
          'n=320',
          '--json',
          '--quiet',
          '--threads',
          threads,
          '--out',
          join(work, `kernel-${threads}`),
        ],
        run.io,
      );
      assert.equal(code, 0, run.err());
      metrics.push(JSON.parse(run.out()).metrics);
    }
    const { kernelThreads } = await import('../../src/core/kernels/index.js');
    assert.equal(kernelThreads(), 1, 'kernel threads are stopped after the run');
    const withoutTime = (m: unknown) =>
      Object.fromEntries(
        Object.entries(m as Record<string, unknown>).filter(([k]) => !/seconds|time/i.test(k)),
      );
    assert.deepEqual(withoutTime(metrics[1]), withoutTime(metrics[0]));
  });
});
