// Test helper of the PINN experiments trained through trainPinnExperiment: run once without
// stopping, once interrupted right after a chosen checkpoint, resume the interrupted run, and
// check that it ends with the same numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Experiment } from '../../src/experiments/framework/define.js';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { type RunOutcome, runExperiment } from '../../src/experiments/framework/runner.js';

/** The metrics without the wall-clock ones, which differ between any two runs. */
export function withoutSeconds(metrics: Record<string, unknown>): Record<string, unknown> {
  const { trainingSeconds: _seconds, ...rest } = metrics;
  return rest;
}

/** Interrupts a run of `values` right after checkpoint `interruptAfter`; returns its directory. */
export async function interruptedRun(
  experiment: Experiment,
  values: Record<string, unknown>,
  interruptAfter: number,
  outputDirectory: string,
): Promise<string> {
  const interrupted = await runExperiment({
    experiment,
    sources: [{ label: 'test', values }],
    seed: 3,
    outputDirectory,
    interruptAfterCheckpoints: interruptAfter,
  }).catch((error: unknown) => error);
  assert.ok(
    interrupted instanceof RunFailedError && interrupted.location.resumable,
    `expected an interrupted, resumable run, got ${String(interrupted)}`,
  );
  return interrupted.location.runDirectory as string;
}

/**
 * Checks that a run resumed after checkpoint `interruptAfter` reports the same metrics, bit
 * for bit, as an uninterrupted run with the same seed; returns both outcomes.
 */
export async function assertResumesIdentically(
  experiment: Experiment,
  values: Record<string, unknown>,
  interruptAfter: number,
  outputDirectory: string,
): Promise<{ uninterrupted: RunOutcome; resumed: RunOutcome }> {
  const uninterrupted = await runExperiment({
    experiment,
    sources: [{ label: 'test', values }],
    seed: 3,
    outputDirectory,
  });
  const runDirectory = await interruptedRun(experiment, values, interruptAfter, outputDirectory);
  const saved = JSON.parse(readFileSync(join(runDirectory, 'checkpoint.json'), 'utf8'));
  const messages: string[] = [];
  const resumed = await runExperiment({ experiment, resume: runDirectory, log: (m) => messages.push(m) });
  // The training went on from the checkpoint rather than from the start.
  assert.ok(
    messages.some((m) => m.startsWith(`PINN training resumes at step ${saved.state.step} of `)),
    messages.join('\n'),
  );
  assert.deepEqual(withoutSeconds(resumed.result.metrics), withoutSeconds(uninterrupted.result.metrics));
  return { uninterrupted, resumed };
}
