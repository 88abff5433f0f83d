/**
 * Three maps over the (x, t) square side by side: the network's u_θ, the exact u and the error
 * u_θ − u, each with its colour bar and range, on one canvas (so one PNG holds the figure).
 * u_θ and u share a scale; the error has a symmetric diverging scale of its own. The
 * collocation points can be drawn over the first map.
 */
import { formatValue } from '../../ui/controls.js';
import { divergingColor, type Rgb, sequentialColor } from '../../ui/tiles.js';

const PANEL = 190;
const LEFT = 36;
const GAP = 30;
const TOP = 24;
const BAR = 10;
const BOTTOM = 46;

/** The canvas size for three panels. */
export const MAPS_WIDTH = LEFT + 3 * PANEL + 2 * GAP + 10;
export const MAPS_HEIGHT = TOP + PANEL + BOTTOM;

/** What to draw. */
export interface MapsInput {
  grid: number;
  prediction: Float64Array;
  exact: Float64Array;
  titles: [string, string, string];
  /** Interior collocation points (x, t pairs) to mark on the first map. */
  points: Float64Array | null;
}

function fieldImage(
  grid: number,
  values: ArrayLike<number>,
  color: (value: number) => Rgb,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = grid;
  canvas.height = grid;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = context.createImageData(grid, grid);
  for (let j = 0; j < grid; j++) {
    for (let i = 0; i < grid; i++) {
      // Row j of the grid is time t = j/(G−1); time runs upwards in the picture.
      const [r, g, b] = color(values[j * grid + i]);
      const p = 4 * ((grid - 1 - j) * grid + i);
      image.data[p] = r;
      image.data[p + 1] = g;
      image.data[p + 2] = b;
      image.data[p + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/** Draws the three maps. */
export function drawMaps(canvas: HTMLCanvasElement, input: MapsInput): void {
  const { grid, prediction, exact } = input;
  if (canvas.width !== MAPS_WIDTH) canvas.width = MAPS_WIDTH;
  if (canvas.height !== MAPS_HEIGHT) canvas.height = MAPS_HEIGHT;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const values of [prediction, exact]) {
    for (const value of values) {
      if (!Number.isFinite(value)) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  if (!(high > low)) high = low + 1;
  const error = prediction.map((value, n) => value - exact[n]);
  let largest = 0;
  for (const value of error) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  const scales: [(value: number) => Rgb, string, string][] = [
    [sequentialColor(low, high), formatValue(low), formatValue(high)],
    [sequentialColor(low, high), formatValue(low), formatValue(high)],
    [divergingColor(largest || 1), formatValue(-largest), formatValue(largest)],
  ];
  const fields = [prediction, exact, error];
  context.font = '12px sans-serif';
  context.textBaseline = 'alphabetic';
  for (let panel = 0; panel < 3; panel++) {
    const left = LEFT + panel * (PANEL + GAP);
    const [color, lowText, highText] = scales[panel];
    context.imageSmoothingEnabled = true;
    context.drawImage(fieldImage(grid, fields[panel], color), left, TOP, PANEL, PANEL);
    context.strokeStyle = '#999999';
    context.strokeRect(left + 0.5, TOP + 0.5, PANEL - 1, PANEL - 1);
    context.fillStyle = '#222222';
    context.fillText(input.titles[panel], left, TOP - 8);
    context.fillText('0', left - 2, TOP + PANEL + 13);
    context.fillText('x', left + PANEL / 2 - 3, TOP + PANEL + 13);
    context.fillText('1', left + PANEL - 6, TOP + PANEL + 13);
    if (panel === 0) {
      context.fillText('t', LEFT - 14, TOP + PANEL / 2);
      context.fillText('0', LEFT - 12, TOP + PANEL);
      context.fillText('1', LEFT - 12, TOP + 10);
    }
    // The colour bar under the panel.
    const barTop = TOP + PANEL + 20;
    for (let k = 0; k < PANEL; k++) {
      const fraction = k / (PANEL - 1);
      const value = panel === 2 ? (2 * fraction - 1) * (largest || 1) : low + fraction * (high - low);
      const [r, g, b] = color(value);
      context.fillStyle = `rgb(${r}, ${g}, ${b})`;
      context.fillRect(left + k, barTop, 1, BAR);
    }
    context.fillStyle = '#222222';
    context.fillText(lowText, left, barTop + BAR + 12);
    const width = context.measureText(highText).width;
    context.fillText(highText, left + PANEL - width, barTop + BAR + 12);
  }
  if (input.points) {
    context.fillStyle = 'rgba(255, 255, 255, 0.8)';
    const points = input.points;
    for (let n = 0; n + 1 < points.length; n += 2) {
      context.fillRect(LEFT + points[n] * PANEL - 1, TOP + (1 - points[n + 1]) * PANEL - 1, 2, 2);
    }
  }
}
