/**
 * The runner: validates parameters, creates the run directory, runs an experiment with a
 * seeded key, progress and checkpoints, checks its output and writes the result files.
 *
 * Failure policy. `result.json` is written last, after the artifacts and `report.html`,
 * so its presence marks a finished run; if anything fails, the files of this attempt are
 * removed again, so no partial result or report is ever left. The run directory itself is
 * kept when a checkpoint exists (with `run.json`, so `--resume` can continue the run), and
 * removed when nothing was saved: a directory holding only the manifest of a run that failed
 * before its first checkpoint is clutter, and a new run reproduces it exactly from the seed.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeKey } from '../../core/random/index.js';
import { removeStaleTemporaryFiles, writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
import { checkpointFileName, createCheckpointStore, readCheckpointFile } from './checkpoint.js';
import type { Experiment, ExperimentContext, ExperimentOutput } from './define.js';
import { CheckpointError, InputError, InterruptedError, RunFailedError } from './errors.js';
import { describeParameters, type ParameterSource, resolveParams } from './params.js';
import { type ExperimentResult, evaluateCheck, outputProblems, preparePlots } from './result.js';
import {
  createRunDirectory,
  hashParams,
  type RunManifest,
  readRunManifest,
  writeRunManifest,
} from './run-directory.js';
import { physmlVersion } from './version.js';

/** The largest seed: keys are made from integers in [0, 2^53 − 1]. */
export const maxSeed = Number.MAX_SAFE_INTEGER;

/** Options of `runExperiment`. */
export interface RunOptions {
  experiment: Experiment;
  /** Parameter sources in increasing priority (config file, then `--set`); ignored on resume. */
  sources?: ParameterSource[];
  /** The seed, an integer in [0, 2^53 − 1]; 0 by default. Ignored on resume. */
  seed?: number;
  /** Where run directories are created; "runs" by default. */
  outputDirectory?: string;
  /** A run directory to continue from its checkpoint, with its own parameters and seed. */
  resume?: string;
  progress?: (done: number, total: number, label?: string) => void;
  log?: (message: string) => void;
  signal?: AbortSignal;
  /** Renders `report.html` from the result; without it no report is written. */
  renderReport?: (result: ExperimentResult) => Promise<string>;
  /** Test hook: interrupt after this many checkpoint saves (see `PHYSML_INTERRUPT_AFTER_CHECKPOINTS`). */
  interruptAfterCheckpoints?: number;
  /** Called once the run directory exists (created, or reopened to resume). */
  onStart?: (runDirectory: string) => void;
  /** Called when the experiment has returned and the result files are about to be written. */
  onFinishing?: () => void;
  /** The clock, for tests. */
  now?: () => Date;
  /** Worker threads the experiment may use (`ExperimentContext.threads`); not recorded, results do not depend on it. */
  threads?: number;
}

/** A finished run. */
export interface RunOutcome {
  result: ExperimentResult;
  runDirectory: string;
}

/** Checks a seed given by a user; throws an InputError naming the range. */
export function validateSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > maxSeed) {
    throw new InputError(`seed must be an integer in [0, ${maxSeed}], got ${String(seed)}`);
  }
  return seed;
}

interface Prepared {
  runDirectory: string;
  params: Record<string, unknown>;
  seed: number;
  paramsHash: string;
  created: boolean;
}

/** Resolves parameters and seed, and creates the run directory (or reopens it to resume). */
function prepareRun(options: RunOptions, now: () => Date): Prepared {
  const { experiment } = options;
  if (options.resume !== undefined) {
    const runDirectory = options.resume;
    const manifest = readRunManifest(runDirectory);
    if (manifest.experiment !== experiment.name) {
      throw new CheckpointError(
        `${runDirectory} is a run of "${manifest.experiment}", not of "${experiment.name}"`,
      );
    }
    if (existsSync(join(runDirectory, 'result.json'))) {
      throw new InputError(`${runDirectory} has already finished (result.json exists); nothing to resume`);
    }
    // Parameters are re-validated: the schema may have changed since the run started.
    const params = resolveParams(experiment, [
      { label: `${runDirectory}/run.json`, values: manifest.params },
    ]);
    const paramsHash = hashParams(experiment.name, params);
    if (paramsHash !== manifest.paramsHash) {
      throw new CheckpointError(
        `${runDirectory}/run.json does not match its parameter hash (edited by hand, or the experiment's defaults changed)`,
      );
    }
    removeStaleTemporaryFiles(runDirectory);
    return { runDirectory, params, seed: validateSeed(manifest.seed), paramsHash, created: false };
  }
  const params = resolveParams(experiment, options.sources ?? []);
  const seed = validateSeed(options.seed ?? 0);
  const paramsHash = hashParams(experiment.name, params);
  const runDirectory = createRunDirectory(options.outputDirectory ?? 'runs', experiment.name, seed, now());
  const manifest: RunManifest = {
    format: 'physml-run',
    version: 1,
    experiment: experiment.name,
    params,
    seed,
    paramsHash,
    startedAt: now().toISOString(),
    physmlVersion: physmlVersion(),
  };
  writeRunManifest(runDirectory, manifest);
  return { runDirectory, params, seed, paramsHash, created: true };
}

/** Freezes the parameters so an experiment cannot change what gets recorded. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs an experiment and records it. Returns the result; throws an InputError for bad
 * parameters or an unusable `--resume` directory (nothing is created then), and a
 * RunFailedError when the run fails or is interrupted (its `location` says whether it can
 * be resumed).
 */
export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const { experiment } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const prepared = prepareRun(options, now);
  const { runDirectory, params, seed, paramsHash } = prepared;
  const checkpointPath = join(runDirectory, checkpointFileName);
  const identity = { experiment: experiment.name, paramsHash, seed };
  let store: ReturnType<typeof createCheckpointStore> | undefined;
  const written: string[] = [];
  const startedAt = now();
  try {
    options.onStart?.(runDirectory);
    const initial = readCheckpointFile(checkpointPath, identity);
    if (options.resume !== undefined) {
      log(
        initial === undefined
          ? `resuming ${runDirectory}: no checkpoint saved, starting from the beginning`
          : `resuming ${runDirectory} from checkpoint ${initial.saveCount} (saved ${initial.savedAt})`,
      );
    }
    store = createCheckpointStore({
      path: checkpointPath,
      identity,
      initial,
      interruptAfterSaves: options.interruptAfterCheckpoints,
      signal: options.signal,
    });
    const context: ExperimentContext = {
      seed,
      key: makeKey(seed),
      progress: (done, total, label) => {
        if (options.signal?.aborted) throw new InterruptedError('interrupted by the user');
        options.progress?.(done, total, label);
      },
      checkpoint: store,
      log,
      signal: options.signal,
      threads: options.threads,
    };
    const output: ExperimentOutput = await experiment.run(deepFreeze(structuredClone(params)), context);
    options.onFinishing?.();
    const problems = outputProblems(experiment, output);
    const plots = preparePlots(output?.plots, problems);
    if (problems.length > 0) {
      throw new RunFailedError(`${experiment.name} returned an invalid result: ${problems.join('; ')}`, {
        resumable: false,
      });
    }

    const artifactNames: string[] = [];
    for (const artifact of output.artifacts ?? []) {
      const path = join(runDirectory, artifact.name);
      written.push(path);
      writeFileAtomic(path, artifact.content);
      artifactNames.push(artifact.name);
    }
    const finishedAt = now();
    const result: ExperimentResult = {
      experiment: experiment.name,
      params,
      seed,
      metrics: output.metrics,
      reference: output.reference ?? {},
      artifacts: [...(options.renderReport ? ['report.html'] : []), ...artifactNames, 'run.json'],
      artifactDescriptions: {
        ...(options.renderReport ? { 'report.html': 'this report' } : {}),
        ...Object.fromEntries(
          (output.artifacts ?? []).flatMap((artifact) =>
            artifact.description ? [[artifact.name, artifact.description]] : [],
          ),
        ),
        'run.json': 'parameters and seed, as recorded at the start (used by --resume)',
      },
      checks: (output.checks ?? []).map((check) => evaluateCheck(check, output.metrics[check.metric])),
      passed: true,
      title: experiment.title,
      description: experiment.description,
      metricDefinitions: experiment.metrics,
      parameterDefinitions: Object.fromEntries(
        describeParameters(experiment.params).map((p) => [
          p.name,
          { description: p.description, allowed: p.allowed },
        ]),
      ),
      plots,
      tables: output.tables ?? [],
      runDirectory,
      physmlVersion: physmlVersion(),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      resumed: options.resume !== undefined,
    };
    result.passed = result.checks.every((check) => check.passed);
    if (options.renderReport) {
      const html = await options.renderReport(result);
      const path = join(runDirectory, 'report.html');
      written.push(path);
      writeFileAtomic(path, html);
    }
    // result.json last: its presence means the run finished.
    const resultPath = join(runDirectory, 'result.json');
    written.push(resultPath);
    writeJsonAtomic(resultPath, result);
    written.length = 0; // committed: from here on nothing is rolled back
    try {
      rmSync(checkpointPath, { force: true });
    } catch (error) {
      log(`could not remove ${checkpointPath}: ${reasonOf(error)}`);
    }
    return { result, runDirectory };
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    const resumable = store?.hasSaved ?? existsSync(checkpointPath);
    if (!resumable && prepared.created) rmSync(runDirectory, { recursive: true, force: true });
    if (error instanceof InputError) throw error;
    const location = { runDirectory: resumable || !prepared.created ? runDirectory : undefined, resumable };
    if (error instanceof RunFailedError) throw new RunFailedError(error.message, location, { cause: error });
    const prefix =
      error instanceof InterruptedError
        ? `${experiment.name} ${reasonOf(error)}`
        : `${experiment.name} failed: ${reasonOf(error)}`;
    throw new RunFailedError(prefix, location, { cause: error });
  }
}
