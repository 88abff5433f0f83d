/**
 * `--threads n` of `run`, `tour` and `sweep`: an integer in [1, 256], by default the number of
 * cores (`os.availableParallelism()`).
 */
import { defaultThreadCount } from '../core/threads/node-pool.js';
import { isThreadCount, MAX_THREADS } from '../core/threads/thread-count.js';
import { InputError } from '../experiments/framework/errors.js';

/** The help text of the option. */
export const threadsHelp = `worker threads, an integer in [1, ${MAX_THREADS}] (default: the number of cores)`;

/** Parses `--threads` (undefined: the default); throws an InputError naming the allowed range. */
export function parseThreads(text: string | undefined): number {
  if (text === undefined) return Math.min(defaultThreadCount(), MAX_THREADS);
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!isThreadCount(value)) {
    throw new InputError(`--threads must be an integer in [1, ${MAX_THREADS}], got "${text}"`);
  }
  return value;
}
