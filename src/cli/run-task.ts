/**
 * One experiment run as a task of a parallel tour or sweep: a registered experiment by name,
 * run exactly as `physml run` would (same parameters, seed, report). Failures come back as
 * data, with the runner's message, so the caller records them and goes on.
 */
import { RunFailedError } from '../experiments/framework/errors.js';
import type { ParameterSource } from '../experiments/framework/params.js';
import type { ExperimentResult } from '../experiments/framework/result.js';
import { runExperiment } from '../experiments/framework/runner.js';
import { getExperiment } from '../experiments/registry.js';
import { renderReportHtml } from '../report/html.js';

/** One run to make: a registered experiment by name, its parameter sources and seed. */
export interface RunTask {
  experiment: string;
  sources: ParameterSource[];
  seed: number;
  /** Parent of the run directory. */
  outputDirectory: string;
}

/** How a run ended: its result, or why it failed. */
export interface RunTaskOutcome {
  result?: ExperimentResult;
  runDirectory?: string;
  error?: string;
  /** A failed run's directory when it kept a checkpoint (`physml run --resume` continues it). */
  resumable?: string;
  /** Wall-clock time of the run itself, queueing excluded. */
  durationSeconds: number;
}

/** Runs one task on the calling thread (single-threaded: the parallelism is across runs). */
export async function runTask(task: RunTask): Promise<RunTaskOutcome> {
  const begin = Date.now();
  try {
    const { result, runDirectory } = await runExperiment({
      experiment: getExperiment(task.experiment),
      sources: task.sources,
      seed: task.seed,
      outputDirectory: task.outputDirectory,
      renderReport: renderReportHtml,
      threads: 1,
    });
    return { result, runDirectory, durationSeconds: (Date.now() - begin) / 1000 };
  } catch (error) {
    return failedRun(error, begin);
  }
}

/** The outcome of a run that threw `error`. */
export function failedRun(error: unknown, begin: number): RunTaskOutcome {
  const outcome: RunTaskOutcome = {
    error: error instanceof Error ? error.message : String(error),
    durationSeconds: (Date.now() - begin) / 1000,
  };
  if (error instanceof RunFailedError && error.location.resumable)
    outcome.resumable = error.location.runDirectory;
  return outcome;
}
