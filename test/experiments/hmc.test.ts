import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  InterruptedError,
  ParameterError,
  RunFailedError,
  runExperiment,
} from '../../src/experiments/framework/index.js';
import { hmcExperiment } from '../../src/experiments/hmc.js';

const out = mkdtempSync(join(tmpdir(), 'physml-hmc-'));
after(() => rmSync(out, { recursive: true, force: true }));

type Estimate = { mean: number; stderr: number };
type Metrics = Record<string, number> & Record<string, Estimate>;

describe('hmc', () => {
  it('HMC and NUTS reproduce the exact moments of a correlated Gaussian', async () => {
    const { result } = await runExperiment({
      experiment: hmcExperiment,
      sources: [{ label: 'test', values: { dimension: 10, chains: 2, warmupSteps: 150, draws: 250 } }],
      seed: 2,
      outputDirectory: join(out, 'gaussian'),
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    assert.equal(result.checks.length, 8);
    const m = result.metrics as Metrics;
    for (const sampler of ['hmc', 'nuts']) {
      // Honest error bars: (mean − exact)/MCSE has an RMS near 1 over the coordinates.
      assert.ok(m[`${sampler}MeanErrorRms`] > 0.4 && m[`${sampler}MeanErrorRms`] < 1.8, `${sampler} RMS z`);
      assert.ok(
        m[`${sampler}EssPerGradient`] > 0.005,
        `${sampler} ESS per gradient ${m[`${sampler}EssPerGradient`]}`,
      );
      assert.ok(m[`${sampler}Acceptance`] > 0.6 && m[`${sampler}Acceptance`] < 0.98);
      assert.ok(m[`${sampler}CovarianceError`] < 0.5);
      const tail = m[`${sampler}LowerTail`];
      assert.ok(Math.abs(tail.mean - 0.1587) < 5 * tail.stderr + 0.01, `${sampler} lower tail ${tail.mean}`);
    }
    assert.equal(result.plots.length, 3);
  });

  it('reports the divergences of the funnel and its under-sampled neck', async () => {
    const { result } = await runExperiment({
      experiment: hmcExperiment,
      sources: [{ label: 'test', values: { target: 'funnel', chains: 2, warmupSteps: 200, draws: 500 } }],
      seed: 1,
      outputDirectory: join(out, 'funnel'),
    });
    // No pass/fail check on the funnel: the samplers are known to be biased there.
    assert.equal(result.checks.length, 0);
    const m = result.metrics as Metrics;
    // With seed 1: HMC 2 and NUTS 11 divergent transitions; 3 of 4 seeds diverge at this size.
    assert.ok(m.hmcDivergences + m.nutsDivergences > 0, 'the funnel produces divergences');
    // Neither sampler reaches the neck as often as the exact Φ(−1) = 0.159 (HMC 0, NUTS 0.06).
    assert.ok(Math.max(m.hmcLowerTail.mean, m.nutsLowerTail.mean) < 0.12);
    const scatter = result.plots[3] as { kind: string; series: Array<{ name: string; x: number[] }> };
    assert.equal(scatter.kind, 'scatter');
    assert.equal(scatter.series[1].x.length, m.hmcDivergences + m.nutsDivergences);
  });

  it('a run interrupted after one chain and resumed gives the same numbers', async () => {
    const values = { dimension: 5, chains: 2, warmupSteps: 50, draws: 40 };
    const straight = await runExperiment({
      experiment: hmcExperiment,
      sources: [{ label: 'test', values }],
      seed: 7,
      outputDirectory: join(out, 'straight'),
    });
    await assert.rejects(
      runExperiment({
        experiment: hmcExperiment,
        sources: [{ label: 'test', values }],
        seed: 7,
        outputDirectory: join(out, 'parts'),
        interruptAfterCheckpoints: 1,
      }),
      (error: unknown) => error instanceof RunFailedError && error.cause instanceof InterruptedError,
    );
    const [runDirectory] = readdirSync(join(out, 'parts'));
    const resumed = await runExperiment({
      experiment: hmcExperiment,
      resume: join(out, 'parts', runDirectory),
    });
    assert.deepEqual(resumed.result.metrics, straight.result.metrics);
  });

  it('refuses a one-dimensional funnel by name', async () => {
    await assert.rejects(
      runExperiment({
        experiment: hmcExperiment,
        sources: [{ label: 'test', values: { target: 'funnel', dimension: 1 } }],
        outputDirectory: join(out, 'bad'),
      }),
      (error: unknown) => error instanceof ParameterError && /"dimension".*at least 2/.test(error.message),
    );
  });
});
