/**
 * The errors of the experiment framework, sorted by whose fault they are: the user's input
 * (exit code 2 in the CLI), the experiment's run (exit code 1), or the experiment's code.
 */

/** Bad input: unknown experiment or parameter, out-of-range value, unreadable config or run directory. */
export class InputError extends Error {
  /** The CLI exit code for this kind of error. */
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A parameter value that does not fit the experiment's schema. */
export class ParameterError extends InputError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParameterError';
  }
}

/** A checkpoint or run directory that cannot be resumed: corrupt, foreign or missing. */
export class CheckpointError extends InputError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckpointError';
  }
}

/** An experiment declared against the rules of `defineExperiment` (a bug in the experiment file). */
export class ExperimentDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentDefinitionError';
  }
}

/** Where a failed run left its files, so the user can resume it. */
export interface RunLocation {
  /** The run directory, or undefined when it was removed because nothing was saved. */
  runDirectory?: string;
  /** True when a checkpoint was kept and `--resume` can continue the run. */
  resumable: boolean;
}

/** A run that started and failed: the experiment threw, or returned an invalid output. */
export class RunFailedError extends Error {
  readonly exitCode: number = 1;
  readonly location: RunLocation;
  constructor(message: string, location: RunLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunFailedError';
    this.location = location;
  }
}

/**
 * A run stopped on purpose: the user pressed Ctrl-C, or the test hook
 * `PHYSML_INTERRUPT_AFTER_CHECKPOINTS` fired. The last checkpoint is on disk.
 */
export class InterruptedError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** The CLI exit code for an error: 2 for bad input, 1 for everything else. */
export function exitCodeOf(error: unknown): number {
  return error instanceof InputError ? 2 : 1;
}
