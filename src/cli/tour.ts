/**
 * `physml tour`: runs every experiment that declares quick `tour` parameters (seed 0 by
 * default), prints one table of every check, and writes `tour-<time>/index.html` linking
 * each run's report. Exit code 0 when every run finished and every check passed, else 1.
 */
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../experiments/framework/atomic-write.js';
import type { Experiment } from '../experiments/framework/define.js';
import { InputError } from '../experiments/framework/errors.js';
import { createUniqueDirectory, timestampName } from '../experiments/framework/run-directory.js';
import { physmlVersion } from '../experiments/framework/version.js';
import { experiments, getExperiment } from '../experiments/registry.js';
import {
  formatCheckRule,
  formatDuration,
  formatMetric,
  formatNumber,
  formatVerdict,
  plural,
} from '../report/format.js';
import { entryPassed, renderTourIndex, type TourEntry, type TourSummary } from '../report/tour-index.js';
import { type CliIo, printJson } from './io.js';
import { runExperimentJobs } from './parallel-runs.js';
import { parseSeed } from './run.js';
import type { RunTaskOutcome } from './run-task.js';
import { renderTable } from './table.js';
import { parseThreads, threadsHelp } from './threads.js';

/** Options of `runTour`. */
export interface TourOptions {
  /** Parent of the tour directory; "runs" by default. */
  outputDirectory?: string;
  seed?: number;
  quiet?: boolean;
  /** The experiments to tour; by default every registered one with tour parameters. */
  experiments?: readonly Experiment[];
  /** Runs at once, each on its own worker thread; 1 (the default) runs them here, one by one. */
  threads?: number;
}

/** What `runTour` returns. */
export interface TourOutcome {
  directory: string;
  index: string;
  summary: TourSummary;
}

/** Runs the tour and writes its index; a failing run is recorded and the tour goes on. */
export async function runTour(options: TourOptions, io: CliIo): Promise<TourOutcome> {
  const toured = (options.experiments ?? experiments).filter((experiment) => experiment.tour !== undefined);
  if (toured.length === 0) throw new InputError('no experiment has tour parameters');
  const seed = options.seed ?? 0;
  const started = new Date();
  const directory = createUniqueDirectory(
    options.outputDirectory ?? 'runs',
    `tour-${timestampName(started)}`,
  );
  const threads = options.threads ?? 1;
  const parallel = threads > 1 && toured.length > 1;
  if (parallel && !options.quiet) {
    io.stderr.write(
      `tour: ${plural(toured.length, 'experiment')} on ${plural(Math.min(threads, toured.length), 'thread')}\n`,
    );
  }
  let finished = 0;
  const outcomes = await runExperimentJobs(
    toured.map((experiment) => ({
      experiment,
      sources: [{ label: `tour parameters of ${experiment.name}`, values: experiment.tour ?? {} }],
      seed,
      outputDirectory: directory,
    })),
    {
      threads,
      quiet: options.quiet,
      onFinished: (index, outcome) => {
        finished += 1;
        // Runs finish in any order on several threads: one line each instead of progress bars.
        if (parallel && !options.quiet)
          io.stderr.write(`${tourProgressLine(toured[index].name, outcome, finished, toured.length)}\n`);
      },
    },
    io,
  );
  const entries: TourEntry[] = outcomes.map((outcome, index) => {
    const experiment = toured[index];
    const { result, runDirectory } = outcome;
    if (result === undefined || runDirectory === undefined) {
      return {
        experiment: experiment.name,
        title: experiment.title,
        error: outcome.error ?? 'unknown error',
        durationSeconds: outcome.durationSeconds,
      };
    }
    return {
      experiment: experiment.name,
      title: experiment.title,
      report: `${basename(runDirectory)}/report.html`,
      result,
      durationSeconds: outcome.durationSeconds,
    };
  });
  const summary: TourSummary = {
    startedAt: started.toISOString(),
    seed,
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    entries,
    passed: entries.every(entryPassed),
    physmlVersion: physmlVersion(),
  };
  const index = join(directory, 'index.html');
  writeFileAtomic(index, renderTourIndex(summary));
  return { directory, index, summary };
}

/** One stderr line per finished run of a parallel tour: `tour: [3/22] ising: pass (1.20 s)`. */
export function tourProgressLine(name: string, outcome: RunTaskOutcome, done: number, total: number): string {
  const verdict =
    outcome.result === undefined
      ? `run failed: ${outcome.error ?? 'unknown error'}`
      : formatVerdict(outcome.result.passed);
  return `tour: [${done}/${total}] ${name}: ${verdict} (${formatDuration(outcome.durationSeconds)})`;
}

/** The terminal table of the tour: one row per check (or per failed run). */
export function tourTable(summary: TourSummary): string {
  const rows: string[][] = [];
  for (const entry of summary.entries) {
    if (entry.result === undefined) {
      rows.push([entry.experiment, '—', '—', '—', `run failed: ${entry.error ?? 'unknown error'}`, '']);
      continue;
    }
    const { result } = entry;
    if (result.checks.length === 0) rows.push([entry.experiment, '—', '—', '—', 'no checks', '']);
    for (const check of result.checks) {
      const value = result.metrics[check.metric];
      rows.push([
        entry.experiment,
        check.metric,
        value === undefined ? formatNumber(check.value) : formatMetric(value),
        formatNumber(check.reference),
        formatVerdict(check.passed),
        // The rule says what "reference" means for this check (a bound, a band, k standard errors).
        formatCheckRule(check),
      ]);
    }
  }
  return renderTable(['experiment', 'metric', 'value ± stderr', 'reference', 'check', 'rule'], rows);
}

/** The experiments named in `--only a,b`; throws an InputError for unknown or untoured names. */
export function selectExperiments(names: string): Experiment[] {
  const selected = names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map(getExperiment);
  const untoured = selected.filter((experiment) => experiment.tour === undefined);
  if (untoured.length > 0) {
    throw new InputError(`--only: ${untoured.map((e) => e.name).join(', ')} has no tour parameters`);
  }
  if (selected.length === 0) throw new InputError('--only expects experiment names, e.g. --only orthonormal');
  return selected;
}

/** Adds `tour` to the program; `setExitCode` receives 1 when something failed. */
export function registerTour(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('tour')
    .description('run every experiment quickly, check each against its reference, and write an index report')
    .option('--out <dir>', 'parent directory of the tour directory (default ./runs)')
    .option('--seed <n>', 'seed of every run (default 0)')
    .option('--json', 'print the tour summary as JSON on stdout')
    .option('--only <names>', 'tour only these experiments (comma-separated)')
    .option('--quiet', 'no progress lines on stderr')
    .option('--threads <n>', threadsHelp)
    .action(
      async (options: {
        out?: string;
        seed?: string;
        json?: boolean;
        quiet?: boolean;
        only?: string;
        threads?: string;
      }) => {
        const outcome = await runTour(
          {
            outputDirectory: options.out,
            seed: options.seed === undefined ? undefined : parseSeed(options.seed),
            quiet: options.quiet,
            experiments: options.only === undefined ? undefined : selectExperiments(options.only),
            threads: parseThreads(options.threads),
          },
          io,
        );
        const { summary } = outcome;
        if (options.json) {
          printJson(io, {
            tour: outcome.directory,
            index: outcome.index,
            seed: summary.seed,
            passed: summary.passed,
            durationSeconds: summary.durationSeconds,
            runs: summary.entries.map((entry) => ({
              experiment: entry.experiment,
              passed: entryPassed(entry),
              runDirectory: entry.result?.runDirectory ?? null,
              report: entry.report === undefined ? null : join(outcome.directory, entry.report),
              metrics: entry.result?.metrics ?? null,
              reference: entry.result?.reference ?? null,
              checks: entry.result?.checks ?? [],
              error: entry.error ?? null,
            })),
          });
        } else {
          const failed = summary.entries.filter((entry) => !entryPassed(entry)).length;
          const total = plural(summary.entries.length, 'experiment');
          const verdict = summary.passed ? `all ${total} passed` : `${failed} of ${total} FAILED`;
          io.stdout.write(`${tourTable(summary)}\n\n${verdict}\nindex: ${outcome.index}\n`);
        }
        if (!summary.passed) setExitCode(1);
      },
    );
}
