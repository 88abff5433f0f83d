import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InterruptedError, RunFailedError, runExperiment } from '../../src/experiments/framework/index.js';
import { automaticStepSize, langevinWideNarrow } from '../../src/experiments/langevin-wide-narrow.js';

const out = mkdtempSync(join(tmpdir(), 'physml-langevin-wide-narrow-'));
after(() => rmSync(out, { recursive: true, force: true }));

type Estimate = { mean: number; stderr: number };

/** Runs once straight through, and once interrupted after `saves` checkpoints (1: mid-chain) and resumed. */
async function straightAndResumed(values: Record<string, unknown>, saves: number) {
  const directory = (name: string) => join(out, `${name}-${String(values.dynamics)}`);
  const straight = await runExperiment({
    experiment: langevinWideNarrow,
    sources: [{ label: 'test', values }],
    seed: 11,
    outputDirectory: directory('straight'),
  });
  await assert.rejects(
    runExperiment({
      experiment: langevinWideNarrow,
      sources: [{ label: 'test', values }],
      seed: 11,
      outputDirectory: directory('parts'),
      interruptAfterCheckpoints: saves,
    }),
    (error: unknown) => error instanceof RunFailedError && error.cause instanceof InterruptedError,
  );
  const [runDirectory] = readdirSync(directory('parts'));
  const resumed = await runExperiment({
    experiment: langevinWideNarrow,
    resume: join(directory('parts'), runDirectory),
  });
  return { straight: straight.result, resumed: resumed.result };
}

describe('langevin-wide-narrow', () => {
  it('picks a step size from the narrow well for each dynamics', () => {
    assert.ok(Math.abs(automaticStepSize('underdamped', 0.2) - 0.02) < 1e-15);
    assert.ok(Math.abs(automaticStepSize('overdamped', 0.2) - 0.002) < 1e-15);
    assert.ok(Math.abs(automaticStepSize('mala', 0.2) - 0.02) < 1e-15);
  });

  it('occupies the wide basin about 2.5 times as long as the narrow one, as the Boltzmann ratio says', async () => {
    const { result } = await runExperiment({
      experiment: langevinWideNarrow,
      sources: [
        {
          label: 'test',
          values: {
            steps: 300_000,
            chains: 2,
            temperature: 0.4,
            sweepTemperatures: [0.7],
            sweepSteps: 100_000,
          },
        },
      ],
      seed: 3,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const metrics = result.metrics as Record<string, number> & { occupancyRatio: Estimate };
    // Equal depths, yet the wide basin is clearly preferred: the ratio is far from 1
    // (measured 2.07 ± 0.21 with seed 3; exact 2.448).
    assert.ok(metrics.occupancyRatio.mean > 1.5, `ratio ${metrics.occupancyRatio.mean}`);
    assert.ok(Math.abs(metrics.exactRatio - 2.448) < 1e-3);
    assert.ok(Math.abs(metrics.lowTemperatureRatio - 2.4996) < 1e-3);
    // Enough barrier crossings for an honest error bar, and an error bar of sensible size.
    assert.ok(metrics.transitions > 100, `transitions ${metrics.transitions}`);
    const relativeError = metrics.occupancyRatio.stderr / metrics.occupancyRatio.mean;
    assert.ok(relativeError > 0.02 && relativeError < 0.2, `relative stderr ${relativeError}`);
    assert.equal(metrics.acceptanceRate, 1);
    assert.equal(result.plots.length, 2);
    assert.equal(result.tables?.[0].rows.length, 2);
  });

  for (const dynamics of ['underdamped', 'mala'] as const) {
    it(`${dynamics}: a run interrupted and resumed gives the same numbers`, async () => {
      const values = {
        dynamics,
        steps: 10_000,
        chains: 2,
        temperature: 0.5,
        sweepTemperatures: [0.8],
        sweepSteps: 10_000,
      };
      const { straight, resumed } = await straightAndResumed(values, 1);
      assert.deepEqual(resumed.metrics, straight.metrics);
      assert.deepEqual(resumed.plots, straight.plots);
      if (dynamics === 'mala') {
        const acceptance = (straight.metrics as Record<string, number>).acceptanceRate;
        assert.ok(acceptance > 0.85 && acceptance < 1, `MALA acceptance ${acceptance}`);
      }
    });
  }
});
