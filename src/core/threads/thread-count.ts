/**
 * Thread counts: the one rule every pool, sweep and `--threads` option checks.
 */

/** Largest number of worker threads a pool accepts (far above any core count; catches typos). */
export const MAX_THREADS = 256;

/** True when `threads` is an integer in [1, MAX_THREADS]. */
export function isThreadCount(threads: unknown): threads is number {
  return typeof threads === 'number' && Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS;
}

/** Throws a RangeError naming `where` and the allowed range unless `threads` is a thread count. */
export function assertThreadCount(where: string, threads: unknown): asserts threads is number {
  if (!isThreadCount(threads)) {
    throw new RangeError(
      `${where}: threads must be an integer in [1, ${MAX_THREADS}], got ${String(threads)}`,
    );
  }
}
