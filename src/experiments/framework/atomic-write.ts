/**
 * Atomic file writes: a reader (or a crash) sees either the old file or the complete new
 * one, never half of it.
 *
 * The content goes to a temporary file in the same directory (so the rename cannot cross a
 * file system), is flushed to disk with fsync, and is renamed over the target; rename is
 * atomic on POSIX file systems. The directory is fsynced afterwards so the rename itself
 * survives a power cut. A crash between the write and the rename leaves a stray
 * `.<name>.<pid>.<n>.tmp` file next to the target and the target untouched;
 * `removeStaleTemporaryFiles` cleans those up.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /**
   * Test hook: called with the temporary file's path after the content is on disk and before
   * the rename. Throwing here simulates a crash mid-write: the temporary file is removed and
   * the target keeps its old content.
   */
  beforeRename?: (temporaryPath: string) => void;
}

let counter = 0;

const temporaryPattern = /^\..+\.\d+\.\d+\.tmp$/;

/** The temporary name for a write to `path`: hidden, unique per process and call. */
function temporaryPathFor(path: string): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
}

/** Flushes a directory entry to disk; not every platform allows opening a directory, so best effort. */
function fsyncDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, 'r');
    fsyncSync(descriptor);
  } catch {
    // Windows and some network file systems refuse; the rename is still atomic there.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Writes `content` to `path` atomically (temporary file, fsync, rename). The directory must exist. */
export function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const temporaryPath = temporaryPathFor(path);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporaryPath, 'wx', 0o644);
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
    }
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    options.beforeRename?.(temporaryPath);
    renameSync(temporaryPath, path);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporaryPath, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}

/** Writes a JSON value atomically, pretty-printed with a trailing newline. */
export function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Removes temporary files that a crashed write left in `directory`; returns their names.
 * Only names of the form `.<name>.<pid>.<n>.tmp` are touched.
 */
export function removeStaleTemporaryFiles(directory: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(directory)) {
    if (temporaryPattern.test(name)) {
      rmSync(join(directory, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
