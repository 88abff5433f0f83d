/**
 * Checkpoint files: an experiment's saved state, stamped with the experiment, a hash of its
 * parameters and the seed, so that a resumed run refuses a checkpoint from another run.
 *
 * The file is `checkpoint.json` in the run directory, written atomically on every save and
 * removed when the run completes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeJsonAtomic } from './atomic-write.js';
import type { Checkpoint } from './define.js';
import { CheckpointError, InterruptedError } from './errors.js';

/** The file name of the checkpoint inside a run directory. */
export const checkpointFileName = 'checkpoint.json';

/** What identifies the run a checkpoint belongs to. */
export interface CheckpointIdentity {
  experiment: string;
  paramsHash: string;
  seed: number;
}

/** The content of `checkpoint.json`. */
export interface CheckpointFile extends CheckpointIdentity {
  format: 'physml-checkpoint';
  version: 1;
  /** How many saves this run has made, across resumes. */
  saveCount: number;
  savedAt: string;
  state: unknown;
}

/** Options of `createCheckpointStore`. */
export interface CheckpointStoreOptions {
  path: string;
  identity: CheckpointIdentity;
  /** The state to start from (from `readCheckpointFile` on resume). */
  initial?: CheckpointFile;
  /**
   * Test hook: after this many saves in this process, `save` writes the checkpoint and then
   * throws an InterruptedError, as if the user had pressed Ctrl-C right after it.
   */
  interruptAfterSaves?: number;
  /** When aborted, the next `save` writes the checkpoint and then throws an InterruptedError. */
  signal?: AbortSignal;
}

/** A Checkpoint with what the runner needs to know about it. */
export interface CheckpointStore extends Checkpoint {
  /** Saves made in this process. */
  readonly savesThisRun: number;
  /** True when a checkpoint file exists (saved now or in an earlier, interrupted run). */
  readonly hasSaved: boolean;
}

/** Describes the first value in `value` that JSON cannot carry faithfully, or undefined. */
export function nonJsonValue(value: unknown, path = 'state'): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? undefined
      : `${path} is ${value} (JSON cannot hold it; encode it, e.g. as null)`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = nonJsonValue(value[i], `${path}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as object).constructor?.name ?? 'a class instance';
      return `${path} is a ${kind} (use plain arrays and objects; convert typed arrays with Array.from)`;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = nonJsonValue(item, `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return `${path} is a ${typeof value}`;
}

/**
 * Reads and checks a checkpoint file; returns undefined if there is none. Throws a
 * CheckpointError for bad JSON, a file that is no physml checkpoint, or one from another
 * experiment, parameter set or seed.
 */
export function readCheckpointFile(path: string, expected: CheckpointIdentity): CheckpointFile | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CheckpointError(`checkpoint ${path} is corrupt (not valid JSON: ${reason})`);
  }
  const file = parsed as Partial<CheckpointFile> | null;
  if (
    file === null ||
    typeof file !== 'object' ||
    file.format !== 'physml-checkpoint' ||
    !('state' in file)
  ) {
    throw new CheckpointError(`checkpoint ${path} is not a physml checkpoint`);
  }
  if (file.version !== 1) {
    throw new CheckpointError(
      `checkpoint ${path} has format version ${file.version}; this physml reads version 1`,
    );
  }
  if (file.experiment !== expected.experiment) {
    throw new CheckpointError(
      `checkpoint ${path} belongs to experiment "${file.experiment}", not "${expected.experiment}"`,
    );
  }
  if (file.paramsHash !== expected.paramsHash) {
    throw new CheckpointError(
      `checkpoint ${path} was saved with other parameters (hash ${String(file.paramsHash).slice(0, 12)}, expected ${expected.paramsHash.slice(0, 12)})`,
    );
  }
  if (file.seed !== expected.seed) {
    throw new CheckpointError(`checkpoint ${path} was saved with seed ${file.seed}, not ${expected.seed}`);
  }
  if (typeof file.saveCount !== 'number') {
    throw new CheckpointError(`checkpoint ${path} is corrupt (no save count)`);
  }
  return file as CheckpointFile;
}

/** The checkpoint handed to an experiment: loads the resumed state, saves atomically. */
export function createCheckpointStore(options: CheckpointStoreOptions): CheckpointStore {
  const { path, identity, interruptAfterSaves, signal } = options;
  let current = options.initial;
  let savesThisRun = 0;
  return {
    get savesThisRun() {
      return savesThisRun;
    },
    get hasSaved() {
      return current !== undefined;
    },
    load<T>(): T | undefined {
      // A copy: the experiment may mutate what it loaded without touching the stored state.
      return current === undefined ? undefined : (structuredClone(current.state) as T);
    },
    save<T>(state: T): void {
      const problem = nonJsonValue(state);
      if (problem !== undefined) {
        throw new Error(`checkpoint state of ${identity.experiment} is not JSON-serialisable: ${problem}`);
      }
      const file: CheckpointFile = {
        format: 'physml-checkpoint',
        version: 1,
        ...identity,
        saveCount: (current?.saveCount ?? 0) + 1,
        savedAt: new Date().toISOString(),
        state: structuredClone(state),
      };
      writeJsonAtomic(path, file);
      current = file;
      savesThisRun += 1;
      if (interruptAfterSaves !== undefined && savesThisRun >= interruptAfterSaves) {
        throw new InterruptedError(
          `interrupted after checkpoint ${savesThisRun} (test hook PHYSML_INTERRUPT_AFTER_CHECKPOINTS=${interruptAfterSaves})`,
        );
      }
      if (signal?.aborted) {
        throw new InterruptedError(`interrupted by the user after checkpoint ${file.saveCount}`);
      }
    },
  };
}
