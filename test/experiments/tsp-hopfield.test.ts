import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { tspHopfield } from '../../src/experiments/tsp-hopfield.js';

const out = mkdtempSync(join(tmpdir(), 'physml-tsp-hopfield-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 1, extra = {}) =>
  runExperiment({
    experiment: tspHopfield,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: out,
    ...extra,
  });

type Estimate = { mean: number; stderr: number };

describe('tsp-hopfield', () => {
  it('annealing finds the Held–Karp optimum; Hopfield–Tank is reported as it is', async () => {
    const { result } = await run({ cities: 8, attempts: 20 });
    const m = result.metrics;
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    // The same tour summed in another order: equal to the last bits.
    assert.ok(Math.abs((m.annealedRatio as number) - 1) < 1e-12);
    const valid = m.validFraction as Estimate;
    // Seed 1: 4 of 20 runs decode to a valid tour, none longer than 1.5× the optimum.
    assert.ok(valid.mean > 0 && valid.mean < 1);
    assert.ok((m.bestRatio as number) >= 1 - 1e-12 && (m.bestRatio as number) <= (m.medianRatio as number));
    assert.ok((m.medianRatio as number) < 1.5);
    assert.ok((m.optimalFraction as Estimate).mean <= valid.mean);
    // Random tours are far longer: the scale against which the network's tours are judged.
    assert.ok((m.randomTourRatio as Estimate).mean > (m.medianRatio as number));
    assert.equal(result.tables[0].rows.length, 20);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'line', 'line', 'heatmap'],
    );
  });

  it('resumes from a checkpoint with the same numbers', async () => {
    const params = { cities: 7, attempts: 6 };
    const first = await run(params, 5);
    const interrupted = await run(params, 5, { interruptAfterCheckpoints: 3 }).catch(
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: tspHopfield,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.plots, first.result.plots);
  });
});
