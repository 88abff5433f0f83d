import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import type { CliIo } from '../../src/cli/io.js';
import { runTour, tourTable } from '../../src/cli/tour.js';
import { defineExperiment } from '../../src/experiments/framework/define.js';
import { orthonormal } from '../../src/experiments/orthonormal.js';
import { randomWalk } from '../experiments/framework/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'physml-tour-'));
after(() => rmSync(work, { recursive: true, force: true }));
const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  env: {},
  ownsProcess: false,
};

const broken = defineExperiment({
  name: 'broken-fixture',
  title: 'Always fails',
  description: 'Throws.',
  params: z.object({}),
  metrics: { x: { description: 'never measured' } },
  tour: {},
  async run() {
    throw new Error('kaput');
  },
});

describe('runTour', () => {
  it('runs each toured experiment, records failures and goes on, and writes the index', async () => {
    const fastOrthonormal = { ...orthonormal, tour: { n: 4, trials: 1, points: 3 } };
    const outcome = await runTour(
      {
        outputDirectory: work,
        quiet: true,
        experiments: [
          randomWalk,
          broken,
          fastOrthonormal,
          { ...randomWalk, name: 'untoured', tour: undefined },
        ],
      },
      io,
    );
    const { summary } = outcome;
    assert.deepEqual(
      summary.entries.map((entry) => entry.experiment),
      ['random-walk-fixture', 'broken-fixture', 'orthonormal'],
    );
    assert.equal(summary.passed, false, 'the fixture has a failing check and one run fails');
    assert.equal(summary.entries[1].error, 'broken-fixture failed: kaput');
    assert.equal(summary.entries[2].result?.passed, true);
    assert.ok(existsSync(outcome.index));
    assert.deepEqual(
      readdirSync(outcome.directory).filter((name) => name.startsWith('broken')),
      [],
      'failed run left no directory',
    );
    const table = tourTable(summary);
    assert.match(table, /random-walk-fixture\s+finalPosition\s+\S+\s+1e\+9\s+FAIL/);
    assert.match(table, /broken-fixture\s+—\s+—\s+—\s+run failed: broken-fixture failed: kaput/);
    assert.match(table, /orthonormal\s+orthogonalityError\s+\S+\s+0\s+pass/);
  });
});
