import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { doubleWellAnnealing } from '../../src/experiments/double-well-annealing.js';
import {
  InterruptedError,
  ParameterError,
  RunFailedError,
  runExperiment,
} from '../../src/experiments/framework/index.js';

const out = mkdtempSync(join(tmpdir(), 'physml-double-well-annealing-'));
after(() => rmSync(out, { recursive: true, force: true }));

type Estimate = { mean: number; stderr: number };

describe('double-well-annealing: the experiment', () => {
  const values = { temperature: 0.35, amplitude: 0.3, period: 20, cycles: 50, chains: 2, stepSize: 0.01 };

  it('crosses at the exact rate at constant T, faster under the cyclic schedule, 50/50 in both', async () => {
    const { result } = await runExperiment({
      experiment: doubleWellAnnealing,
      sources: [{ label: 'test', values }],
      seed: 4,
      outputDirectory: join(out, 'run'),
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.ok(
      result.checks.some((c) => c.metric === 'cyclicRate'),
      'the cyclic rate is checked at period 20',
    );
    const m = result.metrics as Record<string, number> & Record<'speedup' | 'constantRate', Estimate>;
    assert.ok(m.constantCrossings > 40, `only ${m.constantCrossings} crossings`);
    // The cyclic schedule hops more at the same mean temperature (predicted speed-up 1.40).
    assert.ok(m.speedup.mean - 2 * m.speedup.stderr > 1, JSON.stringify(m.speedup));
    assert.ok(m.exactRate < m.kramersRate);
    assert.equal(result.plots.length, 4);
  });

  it('a run interrupted mid-chain and resumed gives the same numbers', async () => {
    const small = { ...values, cycles: 8 };
    const straight = await runExperiment({
      experiment: doubleWellAnnealing,
      sources: [{ label: 'test', values: small }],
      seed: 9,
      outputDirectory: join(out, 'straight'),
    });
    await assert.rejects(
      runExperiment({
        experiment: doubleWellAnnealing,
        sources: [{ label: 'test', values: small }],
        seed: 9,
        outputDirectory: join(out, 'parts'),
        interruptAfterCheckpoints: 1,
      }),
      (error: unknown) => error instanceof RunFailedError && error.cause instanceof InterruptedError,
    );
    const [runDirectory] = readdirSync(join(out, 'parts'));
    const resumed = await runExperiment({
      experiment: doubleWellAnnealing,
      resume: join(out, 'parts', runDirectory),
    });
    assert.deepEqual(resumed.result.metrics, straight.result.metrics);
    assert.deepEqual(resumed.result.plots, straight.result.plots);
  });

  it('refuses an amplitude that would make the temperature negative', async () => {
    await assert.rejects(
      runExperiment({
        experiment: doubleWellAnnealing,
        sources: [{ label: 'test', values: { temperature: 0.2, amplitude: 0.3 } }],
        outputDirectory: join(out, 'bad'),
      }),
      (error: unknown) =>
        error instanceof ParameterError && /"amplitude".*at most temperature/.test(error.message),
    );
  });
});
