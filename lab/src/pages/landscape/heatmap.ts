/**
 * The landscape as a picture: log(U − U_min + δ) as a heat map with contour lines, computed
 * once per surface into an offscreen canvas, and the mapping between the plane and pixels.
 */
import { VIRIDIS } from '../../ui/colors.js';
import type { Surface } from './surfaces.js';

/** Pixel ↔ plane mapping of a square canvas of `size` pixels over `surface.view`. */
export interface Projection {
  size: number;
  toPixel(x: number, y: number): [number, number];
  toPlane(px: number, py: number): [number, number];
}

/** The projection of `surface` onto a `size` × `size` canvas (y up). */
export function projection(surface: Surface, size: number): Projection {
  const { xMin, xMax, yMin, yMax } = surface.view;
  return {
    size,
    toPixel: (x, y) => [((x - xMin) / (xMax - xMin)) * size, ((yMax - y) / (yMax - yMin)) * size],
    toPlane: (px, py) => [xMin + (px / size) * (xMax - xMin), yMax - (py / size) * (yMax - yMin)],
  };
}

/** Contour levels drawn across the range of log(U − U_min + δ). */
const CONTOUR_LEVELS = 16;

/** Renders the heat map with contours into a new canvas of `size` pixels. */
export function renderLandscape(surface: Surface, size: number): HTMLCanvasElement {
  const { energy, minimum } = surface;
  const map = projection(surface, size);
  const values = new Float64Array(size * size);
  const point = new Float64Array(2);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const [x, y] = map.toPlane(column + 0.5, row + 0.5);
      point[0] = x;
      point[1] = y;
      const gap = energy.energy(point) - minimum;
      values[row * size + column] = gap;
      if (Number.isFinite(gap)) {
        low = Math.min(low, gap);
        high = Math.max(high, gap);
      }
    }
  }
  // δ sets how deep the log scale looks into the minima: a thousandth of the visible range.
  const delta = Math.max(1e-12, (high - Math.max(0, low)) * 1e-3);
  const logLow = Math.log(Math.max(0, low) + delta);
  const logHigh = Math.log(high + delta);
  const scaled = new Float64Array(size * size);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    scaled[i] = Number.isFinite(value)
      ? (Math.log(Math.max(0, value) + delta) - logLow) / (logHigh - logLow || 1)
      : 1;
  }
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = context.createImageData(size, size);
  const pixels = image.data;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const index = row * size + column;
      const value = scaled[index];
      const level = Math.floor(value * CONTOUR_LEVELS);
      const right = column + 1 < size ? Math.floor(scaled[index + 1] * CONTOUR_LEVELS) : level;
      const below = row + 1 < size ? Math.floor(scaled[index + size] * CONTOUR_LEVELS) : level;
      const entry = 3 * Math.max(0, Math.min(255, Math.round(value * 255)));
      const shade = level !== right || level !== below ? 0.55 : 1;
      pixels[4 * index] = VIRIDIS[entry] * shade;
      pixels[4 * index + 1] = VIRIDIS[entry + 1] * shade;
      pixels[4 * index + 2] = VIRIDIS[entry + 2] * shade;
      pixels[4 * index + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}
