/**
 * Helpers shared by the Hopfield and TSP experiments (`hopfield-recall`, `hopfield-capacity`,
 * `dense-memory`, `tsp-hopfield`): means and proportions with their error bars, medians, interval
 * checks, the tiling of several small images into one heatmap, and the digit patterns with the
 * fixed-point test of stored patterns.
 */
import { loadDigits } from '../data/index.js';
import { type HopfieldNetwork, localFields, spinsFromBits } from '../models/hopfield/index.js';

/** The most digit patterns stored: four distinct images of each class. */
export const MAX_DIGIT_PATTERNS = 40;

/**
 * The most digits for which the pseudo-inverse provably keeps every one as a fixed point. The
 * field of neuron i at a stored pattern is (1 − P_ii)ξ_i, P the projection onto the patterns'
 * span. From 22 digits on, two stored images (two 1s) differ in a single pixel: that pixel's
 * direction lies in the span, P_ii = 1, and its field is rounding noise (|ξ_i h_i| < 1e-14): a
 * pattern whose noise there has the wrong sign is no longer a fixed point. At 21 digits the
 * smallest ξ_i h_i is 0.24.
 */
export const PSEUDO_INVERSE_DIGITS = 21;

/** A Monte Carlo estimate: mean and standard error. */
export interface Estimate {
  mean: number;
  stderr: number;
}

/**
 * The sample mean with its standard error s/√n (s the sample standard deviation; 0 for a single
 * value). The values must be independent draws.
 * @throws RangeError for an empty list.
 */
export function meanWithError(values: readonly number[]): Estimate {
  const count = values.length;
  if (count === 0) throw new RangeError('meanWithError: values must not be empty');
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / count;
  if (count === 1) return { mean, stderr: 0 };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, stderr: Math.sqrt(squares / (count - 1) / count) };
}

/**
 * A proportion k/n with the Agresti–Coull standard error √(p̃(1 − p̃)/(n + 4)), p̃ = (k + 2)/(n + 4):
 * finite and honest also at 0/n and n/n, where the plain √(p(1 − p)/n) would claim no error.
 * @throws RangeError unless 0 ≤ successes ≤ trials and trials ≥ 1.
 */
export function proportionWithError(successes: number, trials: number): Estimate {
  if (!(trials >= 1) || !(successes >= 0) || successes > trials) {
    throw new RangeError(
      `proportionWithError: need 0 ≤ successes ≤ trials and trials ≥ 1, got ${successes}/${trials}`,
    );
  }
  const adjusted = (successes + 2) / (trials + 4);
  return { mean: successes / trials, stderr: Math.sqrt((adjusted * (1 - adjusted)) / (trials + 4)) };
}

/** The median (the mean of the two middle values for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
}

/** Several images laid out as one matrix, for a heatmap. */
export interface TiledImages {
  /** Row-major values; NaN in the gaps between images (drawn empty). */
  values: Float64Array;
  rows: number;
  columns: number;
}

/**
 * Lays out a grid of images (`grid[r][c]`, each row-major `height × width`, shorter ones padded
 * with NaN) as one matrix with `gap` empty cells between neighbours. The report draws NaN cells
 * empty, so the images stand apart.
 */
export function tileImages(
  grid: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>,
  height: number,
  width: number,
  gap = 1,
): TiledImages {
  const gridRows = grid.length;
  const gridColumns = Math.max(0, ...grid.map((row) => row.length));
  if (gridRows === 0 || gridColumns === 0)
    throw new RangeError('tileImages: grid must hold at least one image');
  const rows = gridRows * height + (gridRows - 1) * gap;
  const columns = gridColumns * width + (gridColumns - 1) * gap;
  const values = new Float64Array(rows * columns).fill(Number.NaN);
  grid.forEach((gridRow, r) => {
    gridRow.forEach((image, c) => {
      const top = r * (height + gap);
      const left = c * (width + gap);
      for (let i = 0; i < height; i++) {
        for (let j = 0; j < width; j++) {
          const index = i * width + j;
          if (index < image.length) values[(top + i) * columns + left + j] = image[index];
        }
      }
    });
  });
  return { values, rows, columns };
}

/**
 * A check that `value` lies in [lower, upper], written as the framework's absolute check
 * |value − (lower + upper)/2| ≤ (upper − lower)/2.
 */
export function intervalCheck(
  metric: string,
  lower: number,
  upper: number,
): { metric: string; reference: number; tolerance: number; kind: 'absolute' } {
  return { metric, reference: 0.5 * (lower + upper), tolerance: 0.5 * (upper - lower), kind: 'absolute' };
}

/**
 * The first `count` digit patterns, N = 64: digit images binarized at half intensity and mapped
 * to ±1 (ink = +1), one image per class in turn (0, 1, …, 9, then a second image of each class,
 * …), skipping images identical to one already taken (the pseudo-inverse needs independent
 * patterns).
 */
export function digitPatterns(count: number): Int8Array[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_DIGIT_PATTERNS) {
    throw new RangeError(
      `digitPatterns: count must be an integer in [1, ${MAX_DIGIT_PATTERNS}], got ${count}`,
    );
  }
  const digits = loadDigits({ binarize: 0.5 });
  const pixels = digits.width * digits.height;
  const taken = new Set<string>();
  const nextIndex = new Array<number>(10).fill(0);
  const patterns: Int8Array[] = [];
  for (let k = 0; patterns.length < count; k++) {
    const label = k % 10;
    for (let i = nextIndex[label]; i < digits.count; i++) {
      if (digits.labels[i] !== label) continue;
      const spins = spinsFromBits(digits.images.subarray(i * pixels, (i + 1) * pixels));
      const signature = spins.join(',');
      if (taken.has(signature)) continue;
      taken.add(signature);
      patterns.push(spins);
      nextIndex[label] = i + 1;
      break;
    }
  }
  return patterns;
}

/** Fraction of the stored patterns that are fixed points at T = 0: ξ_i h_i > 0 (or h_i = 0) for every i. */
export function storedPatternStability(network: HopfieldNetwork): number {
  let stable = 0;
  for (const pattern of network.patterns) {
    const fields = localFields(network, pattern);
    let fixed = true;
    for (let i = 0; i < network.size && fixed; i++) fixed = pattern[i] * fields[i] >= 0;
    if (fixed) stable++;
  }
  return stable / network.patterns.length;
}
