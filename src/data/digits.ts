/**
 * The 8×8 handwritten digits: 1797 grey-scale images of the digits 0–9, shipped inside the
 * package (no download at run time).
 *
 * Source and licence: "Optical Recognition of Handwritten Digits" (test part), E. Alpaydin and
 * C. Kaynak, Boğaziçi University, 1998; UCI Machine Learning Repository,
 * https://doi.org/10.24432/C50P49 ; Creative Commons Attribution 4.0 International (CC BY 4.0).
 * The same 1797 images are scikit-learn's `load_digits()`. Each pixel counts the "on" pixels of
 * a 4×4 block of a 32×32 bitmap, so it is an integer in 0..16. `digits-data.ts` holds them
 * losslessly re-encoded (about 3 bits per pixel, 58 KB of text), written once by
 * `scripts/build-digits.py`.
 *
 * ```ts
 * const { images, labels, count } = loadDigits();              // pixels / 16, in [0, 1]
 * const binary = loadDigits({ binarize: 0.5 });                // pixel / 16 > 0.5 → 1, else 0
 * ```
 */
import { describe } from '../models/spin-glass/validate.js';
import { decodeBase64 } from './base64.js';
import { DIGITS_COUNT, DIGITS_LABELS_BASE64, DIGITS_PIXELS_BASE64 } from './digits-data.js';

/** Width and height of a digit image, in pixels. */
export const DIGITS_SIDE = 8;
/** The largest raw pixel value (16 "on" pixels in a 4×4 block). */
export const DIGITS_MAX_VALUE = 16;

/** Images of equal size with optional labels, as flat typed arrays. */
export interface ImageDataset {
  /** `count × width·height` pixel values; image n, row r, column c is at `n·width·height + r·width + c`. */
  readonly images: Float64Array;
  /** The class of each image (for the digits, the digit 0–9); empty when unlabelled. */
  readonly labels: Int32Array;
  /** Number of images. */
  readonly count: number;
  /** Pixels per row. */
  readonly width: number;
  /** Rows per image. */
  readonly height: number;
}

/** Options of {@link loadDigits}. */
export interface LoadDigitsOptions {
  /**
   * When given, a threshold in [0, 1): a pixel becomes 1 when its scaled value (count / 16) is
   * strictly above it and 0 otherwise (as scikit-learn's `Binarizer`). Default: grey scale.
   */
  binarize?: number;
}

const PIXELS = DIGITS_SIDE * DIGITS_SIDE;
let rawPixels: Uint8Array | undefined;
let rawLabels: Int32Array | undefined;

/** Decodes the embedded bit stream once (about 1 ms) and keeps it for later calls. */
function decodeDigits(): { pixels: Uint8Array; labels: Int32Array } {
  if (rawPixels !== undefined && rawLabels !== undefined) return { pixels: rawPixels, labels: rawLabels };
  const bytes = decodeBase64(DIGITS_PIXELS_BASE64);
  const pixels = new Uint8Array(DIGITS_COUNT * PIXELS);
  let position = 0;
  const totalBits = bytes.length * 8;
  for (let i = 0; i < pixels.length; i++) {
    // 0 → one bit 0; v in 1..16 → bit 1 then v − 1 in 4 bits (most significant bit first).
    if (position >= totalBits) throw new Error('loadDigits: the embedded pixel stream is truncated');
    const flag = (bytes[position >> 3] >> (7 - (position & 7))) & 1;
    position++;
    if (flag === 0) continue;
    let value = 0;
    for (let b = 0; b < 4; b++, position++) {
      value = (value << 1) | ((bytes[position >> 3] >> (7 - (position & 7))) & 1);
    }
    pixels[i] = value + 1;
  }
  const labelBytes = decodeBase64(DIGITS_LABELS_BASE64);
  const labels = new Int32Array(DIGITS_COUNT);
  for (let i = 0; i < DIGITS_COUNT; i++) {
    const byte = labelBytes[i >> 1];
    labels[i] = (i & 1) === 0 ? byte >> 4 : byte & 15;
  }
  rawPixels = pixels;
  rawLabels = labels;
  return { pixels, labels };
}

/**
 * The raw pixel counts (integers 0..16), `1797 × 64`, row-major, as a fresh copy. Use this to
 * apply your own scaling (for instance `minMaxScale`, as scikit-learn's RBM example does).
 */
export function digitsPixelCounts(): Uint8Array {
  return decodeDigits().pixels.slice();
}

/**
 * The 1797 digit images scaled to [0, 1] (count / 16), or binarized, with their labels 0–9.
 * Every call returns fresh arrays.
 * @throws Error when `binarize` is not a number in [0, 1).
 */
export function loadDigits(options: LoadDigitsOptions = {}): ImageDataset {
  if (options === null || typeof options !== 'object') {
    throw new Error(`loadDigits: options must be an object, got ${describe(options)}`);
  }
  const threshold = options.binarize;
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold >= 0 && threshold < 1)) {
    throw new Error(`loadDigits: binarize must be a number in [0, 1), got ${describe(threshold)}`);
  }
  const { pixels, labels } = decodeDigits();
  const images = new Float64Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i] / DIGITS_MAX_VALUE;
    images[i] = threshold === undefined ? value : value > threshold ? 1 : 0;
  }
  return {
    images,
    labels: labels.slice(),
    count: DIGITS_COUNT,
    width: DIGITS_SIDE,
    height: DIGITS_SIDE,
  };
}
