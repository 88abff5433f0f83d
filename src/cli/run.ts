/**
 * `physml run <experiment>`: validates the parameters (defaults, `--config`, then `--set`),
 * runs the experiment with progress on stderr, writes the run directory and prints the
 * result: a summary, or with `--json` exactly one JSON object on stdout.
 * `--resume <run-dir>` continues an interrupted run from its checkpoint.
 */
import type { Command } from 'commander';
import { setKernelThreads } from '../core/kernels/wasm/threaded-node.js';
import { loadConfigFile } from '../experiments/framework/config-file.js';
import type { Experiment } from '../experiments/framework/define.js';
import { InputError } from '../experiments/framework/errors.js';
import { type ParameterSource, parseAssignments } from '../experiments/framework/params.js';
import { readRunManifest } from '../experiments/framework/run-directory.js';
import {
  type RunOptions,
  type RunOutcome,
  runExperiment,
  validateSeed,
} from '../experiments/framework/runner.js';
import { getExperiment } from '../experiments/registry.js';
import { renderReportHtml } from '../report/html.js';
import { type CliIo, printJson } from './io.js';
import { createProgressReporter } from './progress.js';
import { runSummary } from './summary.js';
import { parseThreads, threadsHelp } from './threads.js';

/** Environment variable of the checkpoint test hook (see `RunOptions.interruptAfterCheckpoints`). */
export const interruptVariable = 'PHYSML_INTERRUPT_AFTER_CHECKPOINTS';

/** Parses `--seed`: a non-negative integer in decimal notation. */
export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new InputError(`--seed must be a non-negative integer, got "${text}"`);
  }
  return validateSeed(Number(text.trim()));
}

/**
 * Reads the test hook `PHYSML_INTERRUPT_AFTER_CHECKPOINTS=n`: the run stops with an
 * InterruptedError right after its n-th checkpoint, as if interrupted by the user. Tests use
 * it to check that `--resume` gives the same numbers as an uninterrupted run.
 */
export function interruptAfterCheckpoints(env: CliIo['env']): number | undefined {
  const text = env[interruptVariable];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new InputError(`${interruptVariable} must be a positive integer, got "${text}"`);
  }
  return Number(text);
}

/** Options shared by `run` and `tour` for one experiment run. */
export interface CliRunOptions
  extends Omit<RunOptions, 'experiment' | 'progress' | 'log' | 'signal' | 'onStart' | 'onFinishing'> {
  quiet?: boolean;
}

/**
 * Runs one experiment with the CLI's progress display and report rendering.
 *
 * Ctrl-C: while the experiment computes, SIGINT keeps Node's default and ends the process at
 * once. A JavaScript handler would only run when the event loop is free, which a synchronous
 * simulation loop never lets happen, so Ctrl-C would appear dead until the run finished.
 * Stopping abruptly is safe: every checkpoint is written atomically, so the last one is intact
 * and `--resume` continues from it (the line printed at the start says how). Only while the
 * result files are written is SIGINT deferred, so a finished run is never left half-recorded.
 */
export async function runWithProgress(
  experiment: Experiment,
  options: CliRunOptions,
  io: CliIo,
): Promise<RunOutcome> {
  const progress = createProgressReporter({ stream: io.stderr, name: experiment.name, quiet: options.quiet });
  const deferInterrupt = () => progress.log('physml: writing the result files; the run is finishing');
  let deferring = false;
  try {
    return await runExperiment({
      ...options,
      experiment,
      progress: (done, total, label) => progress.update(done, total, label),
      log: (message) => progress.log(message),
      renderReport: renderReportHtml,
      interruptAfterCheckpoints: options.interruptAfterCheckpoints ?? interruptAfterCheckpoints(io.env),
      onStart: (runDirectory) =>
        progress.log(
          `${experiment.name}: run directory ${runDirectory} (if interrupted: physml run --resume ${runDirectory})`,
        ),
      onFinishing: () => {
        if (io.ownsProcess) process.on('SIGINT', deferInterrupt);
        deferring = io.ownsProcess;
      },
    });
  } finally {
    progress.finish();
    if (deferring) process.off('SIGINT', deferInterrupt);
  }
}

interface RunCommandOptions {
  set: string[];
  config?: string;
  seed?: string;
  json?: boolean;
  out?: string;
  resume?: string;
  quiet?: boolean;
  threads?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Picks the experiment and its inputs from the command line; throws InputError on conflicts. */
function planRun(
  name: string | undefined,
  options: RunCommandOptions,
): { experiment: Experiment; run: CliRunOptions } {
  if (options.resume !== undefined) {
    const conflicting = [
      options.set.length > 0 ? '--set' : '',
      options.config !== undefined ? '--config' : '',
      options.seed !== undefined ? '--seed' : '',
      options.out !== undefined ? '--out' : '',
    ].filter(Boolean);
    if (conflicting.length > 0) {
      throw new InputError(
        `--resume continues a run with its recorded parameters, seed and directory; it cannot be combined with ${conflicting.join(', ')}`,
      );
    }
    const experiment = getExperiment(name ?? readRunManifest(options.resume).experiment);
    const threads = parseThreads(options.threads);
    return { experiment, run: { resume: options.resume, quiet: options.quiet, threads } };
  }
  if (name === undefined) {
    throw new InputError('missing experiment name: physml run <experiment> (see physml list)');
  }
  const experiment = getExperiment(name);
  const sources: ParameterSource[] = [];
  if (options.config !== undefined) sources.push(loadConfigFile(options.config));
  if (options.set.length > 0)
    sources.push({ label: '--set', values: parseAssignments(options.set), fromText: true });
  return {
    experiment,
    run: {
      sources,
      seed: options.seed === undefined ? 0 : parseSeed(options.seed),
      outputDirectory: options.out,
      quiet: options.quiet,
      threads: parseThreads(options.threads),
    },
  };
}

/** Adds `run` to the program. */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('run an experiment and write its run directory (result.json, report.html, artifacts)')
    .argument('[experiment]', 'experiment name (see physml list); optional with --resume')
    .option('--set <name=value>', 'set a parameter (repeatable)', collect, [])
    .option('--config <file>', 'read parameters from a .json or .yaml file (--set overrides it)')
    .option('--seed <n>', 'seed of all randomness, an integer ≥ 0 (default 0)')
    .option('--json', 'print only the result JSON on stdout')
    .option('--out <dir>', 'parent directory of the run directory (default ./runs)')
    .option('--resume <run-dir>', 'continue an interrupted run from its checkpoint')
    .option('--quiet', 'no progress or log lines on stderr')
    .option(
      '--threads <n>',
      `${threadsHelp}, for experiments with independent chains; when given, also for large matrix products`,
    )
    .action(async (name: string | undefined, options: RunCommandOptions) => {
      const { experiment, run } = planRun(name, options);
      // Kernel threads only on request: row-split products give the same bits, but parked
      // workers cost a core each while the run lasts.
      const kernelThreads = options.threads === undefined ? 1 : (run.threads ?? 1);
      if (kernelThreads > 1) await setKernelThreads(kernelThreads);
      let outcome: Awaited<ReturnType<typeof runWithProgress>>;
      try {
        outcome = await runWithProgress(experiment, run, io);
      } finally {
        if (kernelThreads > 1) await setKernelThreads(1);
      }
      const { result, runDirectory } = outcome;
      if (options.json) printJson(io, result);
      else io.stdout.write(runSummary(result, runDirectory));
    });
}
