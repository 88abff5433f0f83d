/**
 * Small images in a grid on one canvas: RBM filters and fantasy particles, spin-glass replicas.
 * Each image is `width × height` values, drawn as square cells through a colour function; the
 * canvas is resized to fit. Colour maps for the usual cases are provided.
 */
import { VIRIDIS } from './colors.js';

/** An RGB triple, 0–255. */
export type Rgb = readonly [number, number, number];

/** Options of {@link drawTiles}. */
export interface TileOptions {
  /** Values of all images, image-major (`count × width·height`). */
  values: ArrayLike<number>;
  count: number;
  width: number;
  height: number;
  /** Images per row of the grid. */
  columns: number;
  /** Pixels per cell. */
  cell: number;
  /** Pixels between images (default 2). */
  gap?: number;
  /** Colour of image `image`'s value `value`. */
  color(value: number, image: number): Rgb;
}

/** Draws the grid into `canvas` (resized to fit). */
export function drawTiles(canvas: HTMLCanvasElement, options: TileOptions): void {
  const { values, count, width, height, cell } = options;
  const gap = options.gap ?? 2;
  const columns = Math.max(1, Math.min(options.columns, count));
  const rows = Math.max(1, Math.ceil(count / columns));
  const tileWidth = width * cell;
  const tileHeight = height * cell;
  const canvasWidth = columns * tileWidth + (columns - 1) * gap;
  const canvasHeight = rows * tileHeight + (rows - 1) * gap;
  if (canvas.width !== canvasWidth) canvas.width = canvasWidth;
  if (canvas.height !== canvasHeight) canvas.height = canvasHeight;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = context.createImageData(canvasWidth, canvasHeight);
  const pixels = image.data;
  // The gaps stay white.
  pixels.fill(255);
  const size = width * height;
  for (let n = 0; n < count; n++) {
    const left = (n % columns) * (tileWidth + gap);
    const top = Math.floor(n / columns) * (tileHeight + gap);
    for (let i = 0; i < size; i++) {
      const [r, g, b] = options.color(values[n * size + i], n);
      const x0 = left + (i % width) * cell;
      const y0 = top + Math.floor(i / width) * cell;
      for (let y = y0; y < y0 + cell; y++) {
        let p = 4 * (y * canvasWidth + x0);
        for (let x = 0; x < cell; x++, p += 4) {
          pixels[p] = r;
          pixels[p + 1] = g;
          pixels[p + 2] = b;
        }
      }
    }
  }
  context.putImageData(image, 0, 0);
}

/** Ink on paper for values in [0, 1]: 0 light, 1 dark (digits, binary patterns). */
export function inkColor(value: number): Rgb {
  const v = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0));
  return [Math.round(250 - 219 * v), Math.round(248 - 190 * v), Math.round(240 - 144 * v)];
}

/** Blue (negative) – white – red (positive), saturating at ±`scale`; grey for non-finite values. */
export function divergingColor(scale: number): (value: number) => Rgb {
  return (value) => {
    if (!Number.isFinite(value)) return [128, 128, 128];
    const v = Math.max(-1, Math.min(1, value / (scale || 1)));
    return v >= 0
      ? [255, Math.round(255 * (1 - 0.75 * v)), Math.round(255 * (1 - 0.8 * v))]
      : [Math.round(255 * (1 + 0.8 * v)), Math.round(255 * (1 + 0.55 * v)), 255];
  };
}

/** The sequential map (viridis) over [low, high]; grey for non-finite values. */
export function sequentialColor(low: number, high: number): (value: number) => Rgb {
  return (value) => {
    if (!Number.isFinite(value)) return [128, 128, 128];
    const fraction = Math.max(0, Math.min(1, (value - low) / (high - low || 1)));
    const entry = 3 * Math.round(fraction * 255);
    return [VIRIDIS[entry], VIRIDIS[entry + 1], VIRIDIS[entry + 2]];
  };
}

/** The largest |value| (1 when there is none), for a symmetric colour scale. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const size = Math.abs(values[i]);
    if (Number.isFinite(size) && size > largest) largest = size;
  }
  return largest || 1;
}

/** A grid shape close to square for `count` values: [width, height] with width·height = count. */
export function imageShape(count: number): [number, number] {
  for (let height = Math.floor(Math.sqrt(count)); height >= 1; height--) {
    if (count % height === 0) return [count / height, height];
  }
  return [count, 1];
}
