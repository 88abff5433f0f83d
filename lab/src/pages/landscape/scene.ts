/**
 * The picture of the dynamics page: the landscape, its minima (white crosses), the start
 * (white square), the path, and the ball (orange; red once diverged, kept at the edge when it
 * has left the view).
 */
import { PALETTE } from '../../ui/colors.js';
import type { Walker } from './dynamics.js';
import { projection } from './heatmap.js';
import type { Surface } from './surfaces.js';

/** Most path points drawn (the path is thinned evenly beyond). */
const DRAWN_POINTS = 20_000;

/** Draws the scene onto `drawing`, whose canvas is as large as `background`. */
export function drawScene(
  drawing: CanvasRenderingContext2D,
  background: HTMLCanvasElement,
  surface: Surface,
  walker: Walker,
): void {
  const size = background.width;
  const map = projection(surface, size);
  drawing.drawImage(background, 0, 0);
  drawing.strokeStyle = 'white';
  drawing.lineWidth = 1.5;
  for (const [x, y] of surface.minima) {
    const [px, py] = map.toPixel(x, y);
    drawing.beginPath();
    drawing.moveTo(px - 5, py - 5);
    drawing.lineTo(px + 5, py + 5);
    drawing.moveTo(px + 5, py - 5);
    drawing.lineTo(px - 5, py + 5);
    drawing.stroke();
  }
  const path = walker.path;
  const count = path.x.length;
  const stride = Math.max(1, Math.floor(count / DRAWN_POINTS));
  drawing.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  drawing.lineWidth = 1.2;
  drawing.beginPath();
  for (let i = 0; i < count; i += stride) {
    const [px, py] = map.toPixel(path.x[i], path.y[i]);
    if (i === 0) drawing.moveTo(px, py);
    else drawing.lineTo(px, py);
  }
  const [lastX, lastY] = map.toPixel(path.x[count - 1], path.y[count - 1]);
  drawing.lineTo(lastX, lastY);
  drawing.stroke();
  const [startX, startY] = map.toPixel(path.x[0], path.y[0]);
  drawing.fillStyle = 'white';
  drawing.fillRect(startX - 3, startY - 3, 6, 6);
  drawing.fillStyle = walker.divergence ? PALETTE.red : PALETTE.orange;
  drawing.strokeStyle = 'black';
  drawing.beginPath();
  const ballX = Math.max(6, Math.min(size - 6, lastX));
  const ballY = Math.max(6, Math.min(size - 6, lastY));
  drawing.arc(ballX, ballY, 6, 0, 2 * Math.PI);
  drawing.fill();
  drawing.stroke();
}
