/**
 * Data sets that ship with the package (nothing is downloaded at run time) and small exact
 * generated ones.
 *
 * - `loadDigits`: the 1797 8×8 handwritten digits (UCI, Alpaydin & Kaynak 1998, CC BY 4.0),
 *   grey scale in [0, 1] or binarized, with labels; `digitsPixelCounts` gives the raw 0..16.
 * - `barsAndStripes(n)`: all 2ⁿ⁺¹ − 2 n×n bars-and-stripes patterns.
 * - `minMaxScale`: per-column scaling to [0, 1], as scikit-learn's `minmax_scale`.
 *
 * ```ts
 * const digits = loadDigits({ binarize: 0.5 });
 * const toy = barsAndStripes(3);              // 14 patterns of 9 pixels
 * ```
 */

export { barsAndStripes, MAX_BARS_AND_STRIPES_SIZE } from './bars-and-stripes.js';
export * from './densities.js';
export {
  DIGITS_MAX_VALUE,
  DIGITS_SIDE,
  digitsPixelCounts,
  type ImageDataset,
  type LoadDigitsOptions,
  loadDigits,
} from './digits.js';
export { minMaxScale } from './scaling.js';
