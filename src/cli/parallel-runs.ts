/**
 * Many experiment runs, on one thread or several: the engine of `tour` and `sweep`.
 *
 * On one thread the runs go one after the other in this process, with the usual progress
 * display. On n > 1 threads each run goes to a worker thread (`run-worker.ts`) of a task
 * pool; a run's numbers depend only on its experiment, parameters and seed, so they are the
 * same either way (only durations differ). Outcomes come back in job order. Experiments that
 * are not in the registry (test fixtures; workers can only look experiments up by name) run in
 * this process.
 */
import { createNodeTaskPool, workerModule } from '../core/threads/node-pool.js';
import type { Experiment } from '../experiments/framework/define.js';
import type { ParameterSource } from '../experiments/framework/params.js';
import { experiments } from '../experiments/registry.js';
import type { CliIo } from './io.js';
import { runWithProgress } from './run.js';
import { failedRun, type RunTaskOutcome } from './run-task.js';
import type { runWorkerHandlers } from './run-worker.js';

/** One run: an experiment, its parameter sources (lowest priority first) and seed. */
export interface ExperimentJob {
  experiment: Experiment;
  sources: ParameterSource[];
  seed: number;
  /** Parent of the run directory. */
  outputDirectory: string;
}

/** Options of `runExperimentJobs`. */
export interface RunJobsOptions {
  /** Threads; runs are spread over at most this many workers (1: in this process). */
  threads: number;
  /** No progress on stderr (the serial runs' bars). */
  quiet?: boolean;
  /** Called as each run ends, in the order they end. */
  onFinished?: (index: number, outcome: RunTaskOutcome) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a job in this process, with the progress display unless quiet. */
async function runHere(job: ExperimentJob, quiet: boolean | undefined, io: CliIo): Promise<RunTaskOutcome> {
  const begin = Date.now();
  try {
    const { result, runDirectory } = await runWithProgress(
      job.experiment,
      { sources: job.sources, seed: job.seed, outputDirectory: job.outputDirectory, quiet, threads: 1 },
      io,
    );
    return { result, runDirectory, durationSeconds: (Date.now() - begin) / 1000 };
  } catch (error) {
    return failedRun(error, begin);
  }
}

/** Runs every job and resolves with their outcomes in job order; a failed run is an outcome, not an error. */
export async function runExperimentJobs(
  jobs: readonly ExperimentJob[],
  options: RunJobsOptions,
  io: CliIo,
): Promise<RunTaskOutcome[]> {
  const outcomes: RunTaskOutcome[] = new Array(jobs.length);
  const finish = (index: number, outcome: RunTaskOutcome) => {
    outcomes[index] = outcome;
    options.onFinished?.(index, outcome);
  };
  const inWorkers = jobs.flatMap((job, index) => (experiments.includes(job.experiment) ? [index] : []));
  const threads = Math.min(options.threads, inWorkers.length);
  if (threads <= 1) {
    for (const [index, job] of jobs.entries()) finish(index, await runHere(job, options.quiet, io));
    return outcomes;
  }
  const pool = createNodeTaskPool<typeof runWorkerHandlers>({
    module: workerModule(import.meta.url, './run-worker'),
    threads,
  });
  try {
    const parallel = Promise.all(
      inWorkers.map(async (index) => {
        const job = jobs[index];
        const begin = Date.now();
        let outcome: RunTaskOutcome;
        try {
          outcome = await pool.run('run-experiment', {
            experiment: job.experiment.name,
            sources: job.sources,
            seed: job.seed,
            outputDirectory: job.outputDirectory,
          });
        } catch (error) {
          // The worker itself failed (out of memory, a crash): record it like a failed run.
          outcome = { error: messageOf(error), durationSeconds: (Date.now() - begin) / 1000 };
        }
        finish(index, outcome);
      }),
    );
    for (const [index, job] of jobs.entries()) {
      if (!inWorkers.includes(index)) finish(index, await runHere(job, true, io));
    }
    await parallel;
  } finally {
    await pool.close();
  }
  return outcomes;
}
