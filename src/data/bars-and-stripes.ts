/**
 * Bars and stripes (MacKay 2003, §43): the n×n binary images in which every column is all on
 * or all off (bars), or every row is (stripes). There are 2ⁿ of each; the blank and the full
 * image are both, so the set has 2ⁿ⁺¹ − 2 distinct patterns. Small, exactly known and
 * multimodal, it is the classic test of whether a Boltzmann machine can learn a distribution
 * (for n = 3: 14 patterns over 9 pixels, so the exact log-likelihood is cheap).
 */
import { describe } from '../models/spin-glass/validate.js';
import type { ImageDataset } from './digits.js';

/** The largest side accepted (2¹³ − 2 = 8190 patterns of 144 pixels). */
export const MAX_BARS_AND_STRIPES_SIZE = 12;

/**
 * All 2ⁿ⁺¹ − 2 distinct n×n bars-and-stripes patterns, pixels 0 or 1, each once. Order: the
 * bars for column masks 0, 1, …, 2ⁿ − 1 (bit c of the mask lights column c; mask 0 is the
 * blank image, the last is the full one), then the stripes for row masks 1, …, 2ⁿ − 2. Labels:
 * 0 for bars (including the blank and full images), 1 for stripes.
 * @throws Error when `size` is not an integer in [1, 12].
 */
export function barsAndStripes(size: number): ImageDataset {
  if (!Number.isInteger(size) || size < 1 || size > MAX_BARS_AND_STRIPES_SIZE) {
    throw new Error(
      `barsAndStripes: size must be an integer in [1, ${MAX_BARS_AND_STRIPES_SIZE}], got ${describe(size)}`,
    );
  }
  const pixels = size * size;
  const full = 2 ** size;
  const count = 2 * full - 2;
  const images = new Float64Array(count * pixels);
  const labels = new Int32Array(count);
  let n = 0;
  for (let mask = 0; mask < full; mask++, n++) {
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) images[n * pixels + r * size + c] = (mask >> c) & 1;
    }
  }
  for (let mask = 1; mask < full - 1; mask++, n++) {
    labels[n] = 1;
    for (let r = 0; r < size; r++) {
      const on = (mask >> r) & 1;
      for (let c = 0; c < size; c++) images[n * pixels + r * size + c] = on;
    }
  }
  return { images, labels, count, width: size, height: size };
}
