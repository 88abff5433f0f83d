// The tour on worker threads: the same table (same metrics, same order) as the serial tour.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io.js';
import { runTour, tourProgressLine, tourTable } from '../../src/cli/tour.js';
import { isingExact } from '../../src/experiments/ising-exact.js';
import { linearSystem } from '../../src/experiments/linear-system.js';
import { tensorContraction } from '../../src/experiments/tensor-contraction.js';

const work = mkdtempSync(join(tmpdir(), 'physml-tour-threads-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('runTour on several threads', () => {
  it('gives the serial tour’s metrics and table, in registry order, with one progress line per run', async () => {
    // Three fast experiments with their registered tour parameters; the first takes longest.
    const experiments = [linearSystem, tensorContraction, isingExact];
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      ownsProcess: false,
    };
    const quiet = { ...io, stderr: { write: () => true } };
    const serial = await runTour(
      { outputDirectory: join(work, 'serial'), quiet: true, experiments, threads: 1 },
      quiet,
    );
    const parallel = await runTour({ outputDirectory: join(work, 'parallel'), experiments, threads: 2 }, io);
    assert.deepEqual(
      parallel.summary.entries.map((entry) => entry.experiment),
      ['linear-system', 'tensor-contraction', 'ising-exact'],
    );
    for (const [index, entry] of parallel.summary.entries.entries()) {
      assert.equal(entry.error, undefined, entry.error);
      assert.deepEqual(
        entry.result?.metrics,
        serial.summary.entries[index].result?.metrics,
        entry.experiment,
      );
      assert.match(entry.report ?? '', new RegExp(`^${entry.experiment}-\\d{8}-\\d{6}-0/report\\.html$`));
    }
    assert.equal(tourTable(parallel.summary), tourTable(serial.summary));
    assert.equal(parallel.summary.passed, serial.summary.passed);
    assert.match(stderr, /^tour: 3 experiments on 2 threads$/m);
    for (const name of ['linear-system', 'tensor-contraction', 'ising-exact']) {
      assert.match(stderr, new RegExp(`^tour: \\[\\d/3\\] ${name}: pass \\(\\d`, 'm'));
    }
  });

  it('words a progress line for a failed run', () => {
    assert.equal(
      tourProgressLine('x', { error: 'x failed: kaput', durationSeconds: 1.5 }, 2, 5),
      'tour: [2/5] x: run failed: x failed: kaput (1.50 s)',
    );
  });
});
