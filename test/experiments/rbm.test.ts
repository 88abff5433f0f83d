import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InterruptedError, runExperiment } from '../../src/experiments/framework/index.js';
import { rbm } from '../../src/experiments/rbm.js';

const out = mkdtempSync(join(tmpdir(), 'physml-rbm-'));
after(() => rmSync(out, { recursive: true, force: true }));

type Estimate = { mean: number; stderr: number };
const barsAndStripes = {
  dataset: 'bars-and-stripes',
  size: 3,
  hiddenUnits: 16,
  algorithm: 'cd',
  batchSize: 2,
  learningRate: 0.2,
  aisSteps: 300,
  aisChains: 50,
  samplingSteps: 20,
};

describe('rbm', () => {
  it('learns bars-and-stripes, and AIS agrees with the exact log Z', async () => {
    const { result } = await runExperiment({
      experiment: rbm,
      sources: [{ label: 'test', values: { ...barsAndStripes, epochs: 150 } }],
      seed: 3,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number | Estimate>;
    const ais = m.logLikelihood as Estimate;
    const exact = result.reference?.logLikelihood as number;
    assert.ok(Math.abs(ais.mean - exact) <= 4 * ais.stderr + 1e-9);
    // Learned something (the uniform model has −9 ln 2 = −6.24), and no model beats −ln 14.
    assert.ok(exact > -6.1 && exact < -Math.log(14), `exact log-likelihood ${exact}`);
    assert.ok((m.pseudoLikelihoodGain as number) > 0.3);
    assert.equal(result.plots.length, 4);
  });

  it('runs on the digits with a held-out log-likelihood', async () => {
    const { result } = await runExperiment({
      experiment: rbm,
      sources: [
        {
          label: 'test',
          values: { hiddenUnits: 10, epochs: 3, aisSteps: 200, aisChains: 20, samplingSteps: 20 },
        },
      ],
      seed: 1,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number | Estimate>;
    // Ten hidden units: log Z is exact, and the model beats the uniform distribution.
    assert.equal(typeof result.reference?.logPartitionFunction, 'number');
    const exact = result.reference?.logLikelihood as number;
    assert.ok(
      Math.abs((m.logLikelihood as Estimate).mean - exact) <= 4 * (m.logLikelihood as Estimate).stderr,
    );
    assert.ok((m.logLikelihood as Estimate).mean > -64 * Math.LN2);
  });

  it('resumes after an interruption with identical numbers', async () => {
    const values = { ...barsAndStripes, epochs: 40 };
    const whole = await runExperiment({
      experiment: rbm,
      sources: [{ label: 'test', values }],
      seed: 7,
      outputDirectory: join(out, 'whole'),
    });
    const parts = join(out, 'parts');
    await assert.rejects(
      runExperiment({
        experiment: rbm,
        sources: [{ label: 'test', values }],
        seed: 7,
        outputDirectory: parts,
        interruptAfterCheckpoints: 3,
      }),
      (error: unknown) => error instanceof Error && error.cause instanceof InterruptedError,
    );
    const [runDirectory] = readdirSync(parts);
    const resumed = await runExperiment({ experiment: rbm, resume: join(parts, runDirectory) });
    assert.equal(resumed.result.resumed, true);
    assert.deepEqual(resumed.result.metrics, whole.result.metrics);
    assert.deepEqual(resumed.result.plots, whole.result.plots);
  });
});
