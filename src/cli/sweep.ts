/**
 * `physml sweep <experiment> --vary name=v1,v2 [--vary ...] [--seeds 0..3] [--threads n]`:
 * runs the Cartesian grid of parameter values × seeds, in parallel on worker threads, under one
 * directory `sweep-<experiment>-<time>/`: every run's normal run directory, `sweep.json`
 * (written atomically as runs finish) and `index.html`, a table of every run. Each run's
 * numbers equal those of `physml run` with the same parameters and seed, whatever the number
 * of threads. Exit code 1 when a run failed (as `physml run` would), 2 for bad input.
 */
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic, writeJsonAtomic } from '../experiments/framework/atomic-write.js';
import { loadConfigFile } from '../experiments/framework/config-file.js';
import type { Experiment } from '../experiments/framework/define.js';
import { type ParameterSource, parseAssignments, resolveParams } from '../experiments/framework/params.js';
import { createUniqueDirectory, timestampName } from '../experiments/framework/run-directory.js';
import { physmlVersion } from '../experiments/framework/version.js';
import { getExperiment } from '../experiments/registry.js';
import { formatDuration, formatParameterValue, plural } from '../report/format.js';
import { type CliIo, printJson } from './io.js';
import { runExperimentJobs } from './parallel-runs.js';
import type { RunTaskOutcome } from './run-task.js';
import { renderSweepIndex, runVerdict, type SweepRecord, type SweepRunRecord } from './sweep-index.js';
import { parseSeeds, parseVary, sweepGrid, validateGrid } from './sweep-plan.js';
import { renderTable } from './table.js';
import { parseThreads, threadsHelp } from './threads.js';

/** Options of `runSweep`. */
export interface SweepOptions {
  experiment: Experiment;
  /** The `--vary` texts, `name=v1,v2,...`. */
  vary: readonly string[];
  /** The `--seeds` text (default "0"). */
  seeds?: string;
  /** Parameters every run shares (config file, `--set`), lowest priority first. */
  base?: ParameterSource[];
  threads: number;
  /** Parent of the sweep directory ("runs" by default). */
  outputDirectory?: string;
  quiet?: boolean;
}

/** What `runSweep` returns. */
export interface SweepOutcome {
  directory: string;
  index: string;
  record: SweepRecord;
}

/** "n=8 lr=0.1 seed=2": a run's place in the grid, for progress lines. */
function pointLabel(run: SweepRunRecord): string {
  const values = Object.entries(run.values).map(([name, value]) => `${name}=${formatParameterValue(value)}`);
  return [...values, `seed=${run.seed}`].join(' ');
}

function recordOutcome(run: SweepRunRecord, outcome: RunTaskOutcome, directory: string): void {
  run.durationSeconds = outcome.durationSeconds;
  const inSweep = (path: string) => relative(directory, path).split('\\').join('/');
  if (outcome.result === undefined || outcome.runDirectory === undefined) {
    run.status = 'failed';
    run.error = outcome.error ?? 'unknown error';
    // A run that kept a checkpoint can be finished with `physml run --resume <directory>`.
    if (outcome.resumable !== undefined) run.runDirectory = inSweep(outcome.resumable);
    return;
  }
  const { result } = outcome;
  run.status = 'finished';
  run.runDirectory = inSweep(outcome.runDirectory);
  run.passed = result.passed;
  run.checks = result.checks.length;
  run.checksPassed = result.checks.filter((check) => check.passed).length;
  run.metrics = result.metrics;
}

/** Validates the sweep, runs it and writes its records; a failed run is recorded and the sweep goes on. */
export async function runSweep(options: SweepOptions, io: CliIo): Promise<SweepOutcome> {
  const { experiment } = options;
  const base = options.base ?? [];
  const varied = parseVary(experiment, options.vary);
  const seeds = parseSeeds(options.seeds ?? '0');
  const points = sweepGrid(varied, seeds);
  validateGrid(experiment, base, varied, points);
  const shared = resolveParams(experiment, base);
  const fixed = Object.fromEntries(
    Object.entries(shared).filter(([name]) => !varied.some((parameter) => parameter.name === name)),
  );

  const started = new Date();
  const directory = createUniqueDirectory(
    options.outputDirectory ?? 'runs',
    `sweep-${experiment.name}-${timestampName(started)}`,
  );
  const record: SweepRecord = {
    format: 'physml-sweep',
    version: 1,
    experiment: experiment.name,
    title: experiment.title,
    vary: Object.fromEntries(varied.map(({ name, values }) => [name, values])),
    fixed,
    seeds,
    threads: options.threads,
    status: 'running',
    startedAt: started.toISOString(),
    runs: points.map((point, index) => ({
      index,
      values: point.values,
      seed: point.seed,
      status: 'pending',
    })),
    physmlVersion: physmlVersion(),
  };
  const recordPath = join(directory, 'sweep.json');
  const index = join(directory, 'index.html');
  const metricNames = Object.keys(experiment.metrics);
  // Rewriting the record after every run would cost O(runs²) bytes on a large grid: at most once a second.
  let lastWrite = 0;
  const save = (force: boolean) => {
    if (!force && Date.now() - lastWrite < 1000) return;
    writeJsonAtomic(recordPath, record);
    writeFileAtomic(index, renderSweepIndex(record, metricNames));
    lastWrite = Date.now();
  };
  save(true);
  if (!options.quiet) {
    io.stderr.write(
      `sweep: ${plural(points.length, 'run')} of ${experiment.name} on ${plural(Math.min(options.threads, points.length), 'thread')}, in ${directory}\n`,
    );
  }

  let finished = 0;
  await runExperimentJobs(
    points.map((point) => ({
      experiment,
      sources: [...base, { label: '--vary', values: point.values }],
      seed: point.seed,
      outputDirectory: directory,
    })),
    {
      threads: options.threads,
      quiet: true,
      onFinished: (at, outcome) => {
        const run = record.runs[at];
        recordOutcome(run, outcome, directory);
        finished += 1;
        if (!options.quiet) {
          const why = run.status === 'failed' ? `: ${run.error}` : '';
          io.stderr.write(
            `sweep: [${finished}/${points.length}] ${pointLabel(run)}: ${runVerdict(run)}${why} (${formatDuration(outcome.durationSeconds)})\n`,
          );
        }
        save(false);
      },
    },
    io,
  );
  const finishedAt = new Date();
  record.status = 'finished';
  record.finishedAt = finishedAt.toISOString();
  record.durationSeconds = (finishedAt.getTime() - started.getTime()) / 1000;
  record.passed = record.runs.every((run) => run.status === 'finished' && run.passed === true);
  save(true);
  return { directory, index, record };
}

/** The terminal table of a sweep: one row per run. */
export function sweepTable(record: SweepRecord): string {
  const varied = Object.keys(record.vary);
  const rows = record.runs.map((run) => [
    String(run.index),
    ...varied.map((name) => formatParameterValue(run.values[name])),
    String(run.seed),
    run.checks === undefined ? '—' : `${run.checksPassed}/${run.checks}`,
    run.status === 'failed' ? `run failed: ${run.error}` : runVerdict(run),
    run.runDirectory ?? '',
  ]);
  return renderTable(['run', ...varied, 'seed', 'checks', 'verdict', 'run directory'], rows, {
    align: ['right', ...varied.map(() => 'right' as const), 'right', 'right'],
  });
}

interface SweepCommandOptions {
  vary: string[];
  seeds?: string;
  set: string[];
  config?: string;
  threads?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `sweep` to the program; `setExitCode` receives 1 when a run failed. */
export function registerSweep(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('sweep')
    .description(
      'run an experiment over a grid of parameter values and seeds, in parallel, with a summary table',
    )
    .argument('<experiment>', 'experiment name (see physml list)')
    .option(
      '--vary <name=v1,v2,...>',
      'vary a parameter over these values (repeatable; values as in --set)',
      collect,
      [],
    )
    .option('--seeds <seeds>', 'seeds of every grid point: a..b, a list 1,5,9, or one seed (default 0)')
    .option('--set <name=value>', 'fix a parameter for every run (repeatable)', collect, [])
    .option('--config <file>', 'read fixed parameters from a .json or .yaml file (--set overrides it)')
    .option('--threads <n>', threadsHelp)
    .option('--out <dir>', 'parent directory of the sweep directory (default ./runs)')
    .option('--json', 'print sweep.json on stdout')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (name: string, options: SweepCommandOptions) => {
      const experiment = getExperiment(name);
      const base: ParameterSource[] = [];
      if (options.config !== undefined) base.push(loadConfigFile(options.config));
      if (options.set.length > 0)
        base.push({ label: '--set', values: parseAssignments(options.set), fromText: true });
      const outcome = await runSweep(
        {
          experiment,
          vary: options.vary,
          seeds: options.seeds,
          base,
          threads: parseThreads(options.threads),
          outputDirectory: options.out,
          quiet: options.quiet,
        },
        io,
      );
      const { record } = outcome;
      const failedRuns = record.runs.filter((run) => run.status === 'failed').length;
      if (options.json) {
        printJson(io, { sweep: outcome.directory, index: outcome.index, ...record });
      } else {
        const failedChecks = record.runs.filter((run) => run.status === 'finished' && !run.passed).length;
        const total = plural(record.runs.length, 'run');
        const verdict = record.passed
          ? `all ${total} passed`
          : [
              failedRuns > 0 ? `${failedRuns} of ${total} FAILED to run` : '',
              failedChecks > 0 ? `${failedChecks} of ${total} failed a check` : '',
            ]
              .filter(Boolean)
              .join('; ');
        io.stdout.write(
          `${sweepTable(record)}\n\n${verdict}\nsweep: ${join(outcome.directory, 'sweep.json')}\nindex: ${outcome.index}\n`,
        );
      }
      if (failedRuns > 0) setExitCode(1);
    });
}
