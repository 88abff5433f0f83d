/**
 * Stan's windowed warmup schedule (Stan Reference Manual, "HMC algorithm parameters",
 * Automatic parameter tuning): an initial fast interval where only the step size adapts (the
 * chain travels toward the typical set), then slow windows of doubling length in which draws
 * estimate the mass matrix (the metric is updated at the end of each), then a terminal fast
 * interval where the step size settles for the final metric. With the defaults (75, 25, 50) and
 * 1000 steps the windows are [75, 100), [100, 150), [150, 250), [250, 450), [450, 950); the last
 * window absorbs what would be too short a window after it.
 */

/** Options of `warmupSchedule` (Stan's defaults). */
export interface WarmupScheduleOptions {
  /** Steps of the initial fast interval; 75 by default. */
  initialBuffer?: number;
  /** Length of the first slow window (then doubling); 25 by default. */
  firstWindow?: number;
  /** Steps of the terminal fast interval; 50 by default. */
  terminalBuffer?: number;
}

/** A slow window: draws at steps start … end − 1 feed the metric estimate, updated after step end − 1. */
export interface AdaptationWindow {
  readonly start: number;
  readonly end: number;
}

function checkCount(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`warmupSchedule: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/**
 * The slow (metric) windows of a warmup of `numSteps` steps. When the three intervals do not
 * fit, Stan's fallback applies: 15% initial, 10% terminal, the rest one window. Fewer than 20
 * steps: no metric adaptation (an empty list), only the step size adapts.
 *
 * @param numSteps warmup length, an integer ≥ 0.
 */
export function warmupSchedule(numSteps: number, options: WarmupScheduleOptions = {}): AdaptationWindow[] {
  checkCount('numSteps', numSteps, 0);
  let initialBuffer = options.initialBuffer ?? 75;
  let firstWindow = options.firstWindow ?? 25;
  let terminalBuffer = options.terminalBuffer ?? 50;
  checkCount('initialBuffer', initialBuffer, 0);
  checkCount('firstWindow', firstWindow, 1);
  checkCount('terminalBuffer', terminalBuffer, 0);
  if (numSteps < 20) return [];
  if (initialBuffer + firstWindow + terminalBuffer > numSteps) {
    initialBuffer = Math.floor(0.15 * numSteps);
    terminalBuffer = Math.floor(0.1 * numSteps);
    firstWindow = numSteps - initialBuffer - terminalBuffer;
  }
  const lastEnd = numSteps - terminalBuffer;
  const windows: AdaptationWindow[] = [];
  let start = initialBuffer;
  let size = firstWindow;
  while (start < lastEnd) {
    let end = start + size;
    // From the second window on, a window is stretched to the terminal buffer when the next one
    // (twice as long) would not fit (Stan checks only after the first window).
    if (windows.length > 0 && end + 2 * size > lastEnd) end = lastEnd;
    windows.push({ start, end });
    start = end;
    size *= 2;
  }
  return windows;
}
