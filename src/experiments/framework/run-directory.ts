/**
 * Run directories: `runs/<experiment>-<YYYYMMDD-HHMMSS>-<seed>/`, holding
 * `run.json` (written at start: experiment, parameters, seed, so `--resume` can continue),
 * `checkpoint.json` while running, and at the end `result.json`, `report.html` and the
 * experiment's artifacts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from './atomic-write.js';
import { CheckpointError, InputError } from './errors.js';

/** File names inside a run directory that experiments may not use for artifacts. */
export const reservedFileNames = ['run.json', 'result.json', 'report.html', 'checkpoint.json'] as const;

/** The content of `run.json`. */
export interface RunManifest {
  format: 'physml-run';
  version: 1;
  experiment: string;
  params: Record<string, unknown>;
  seed: number;
  paramsHash: string;
  startedAt: string;
  physmlVersion: string;
}

/** JSON with object keys sorted, so equal values always give the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of an experiment name and its parameters: what a checkpoint must match. */
export function hashParams(experiment: string, params: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify({ experiment, params })).digest('hex');
}

/** `YYYYMMDD-HHMMSS` in UTC, so names sort by time and do not depend on the time zone. */
export function timestampName(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

/**
 * Creates a new, empty directory `<parent>/<base>`; if it exists (two runs in the same
 * second), `<base>-2`, `<base>-3`, … Creating with a non-recursive mkdir makes the choice
 * race-free between processes.
 */
export function createUniqueDirectory(parent: string, base: string): string {
  const cannot = (error: unknown): never => {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`cannot create a directory in ${parent} (${reason}); choose another with --out`);
  };
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    cannot(error);
  }
  for (let attempt = 1; ; attempt++) {
    const path = join(parent, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      mkdirSync(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') cannot(error);
    }
  }
}

/** Creates the run directory for a fresh run. */
export function createRunDirectory(parent: string, experiment: string, seed: number, date: Date): string {
  return createUniqueDirectory(parent, `${experiment}-${timestampName(date)}-${seed}`);
}

/** Writes `run.json` atomically. */
export function writeRunManifest(directory: string, manifest: RunManifest): void {
  writeJsonAtomic(join(directory, 'run.json'), manifest);
}

/** Reads `run.json` of a run directory given to `--resume`; throws a CheckpointError naming what is wrong. */
export function readRunManifest(directory: string): RunManifest {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new CheckpointError(`run directory ${directory} does not exist`);
  }
  const path = join(directory, 'run.json');
  if (!existsSync(path)) {
    throw new CheckpointError(`${directory} is not a physml run directory (no run.json)`);
  }
  let manifest: Partial<RunManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CheckpointError(`${path} is corrupt (not valid JSON: ${reason})`);
  }
  if (
    manifest === null ||
    typeof manifest !== 'object' ||
    manifest.format !== 'physml-run' ||
    typeof manifest.experiment !== 'string' ||
    typeof manifest.seed !== 'number' ||
    typeof manifest.paramsHash !== 'string' ||
    manifest.params === null ||
    typeof manifest.params !== 'object'
  ) {
    throw new CheckpointError(`${path} is not a physml run manifest`);
  }
  return manifest as RunManifest;
}
