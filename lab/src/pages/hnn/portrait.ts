/**
 * The phase portrait (q across, p up): level sets of the true H as the background, the noisy
 * training states as dots, and from three test states the true orbits (dashed) with the
 * rollouts of the HNN and of the baseline. A legend is drawn on the canvas, so an exported
 * PNG explains itself.
 */
import type { HamiltonianSystem } from '../../../../src/models/hnn/index.js';
import { PALETTE } from '../../ui/colors.js';

/** Half-width of the square view of a system. */
export function viewHalfWidth(system: HamiltonianSystem): number {
  return system.name === 'mass-spring' ? 1.6 : 3.2;
}

/** Level sets of H as a light background image (computed once per system). */
export function renderPhaseBackground(system: HamiltonianSystem, size: number): HTMLCanvasElement {
  const half = viewHalfWidth(system);
  const values = new Float64Array(size * size);
  let high = 0;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const q = -half + ((column + 0.5) / size) * 2 * half;
      const p = half - ((row + 0.5) / size) * 2 * half;
      const energy = system.energy([q, p]);
      values[row * size + column] = energy;
      high = Math.max(high, energy);
    }
  }
  const levels = 14;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = context.createImageData(size, size);
  const level = (value: number) => Math.floor(Math.sqrt(value / high) * levels);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const index = row * size + column;
      const own = level(values[index]);
      const edge =
        (column + 1 < size && level(values[index + 1]) !== own) ||
        (row + 1 < size && level(values[index + size]) !== own);
      const shade = 250 - 4 * own;
      image.data[4 * index] = edge ? 170 : shade;
      image.data[4 * index + 1] = edge ? 180 : shade;
      image.data[4 * index + 2] = edge ? 200 : shade + 3;
      image.data[4 * index + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/** A rollout to draw: states [frame][trajectory][q, p]. */
export interface PortraitPath {
  states: Float64Array;
  trajectories: number;
  color: string;
  dash?: number[];
  width?: number;
}

/** Draws the portrait into `canvas`. */
export function drawPortrait(
  canvas: HTMLCanvasElement,
  system: HamiltonianSystem,
  background: HTMLCanvasElement,
  data: Float64Array | null,
  paths: PortraitPath[],
  legend: { label: string; color: string; dash?: number[] }[],
): void {
  const size = canvas.width;
  const half = viewHalfWidth(system);
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const x = (q: number) => ((q + half) / (2 * half)) * size;
  const y = (p: number) => ((half - p) / (2 * half)) * size;
  context.drawImage(background, 0, 0, size, size);
  if (data) {
    context.fillStyle = 'rgba(80, 80, 80, 0.35)';
    for (let i = 0; i + 1 < data.length; i += 2) context.fillRect(x(data[i]) - 1, y(data[i + 1]) - 1, 2, 2);
  }
  for (const path of paths) {
    context.strokeStyle = path.color;
    context.lineWidth = path.width ?? 2;
    context.setLineDash(path.dash ?? []);
    const frames = path.states.length / (2 * path.trajectories);
    for (let b = 0; b < path.trajectories; b++) {
      context.beginPath();
      let drawing = false;
      for (let f = 0; f < frames; f++) {
        const q = path.states[(f * path.trajectories + b) * 2];
        const p = path.states[(f * path.trajectories + b) * 2 + 1];
        // Leave the view (or become non-finite): the curve stops there.
        if (!Number.isFinite(q) || !Number.isFinite(p) || Math.abs(q) > 10 * half || Math.abs(p) > 10 * half)
          break;
        if (drawing) context.lineTo(x(q), y(p));
        else context.moveTo(x(q), y(p));
        drawing = true;
      }
      context.stroke();
    }
    context.setLineDash([]);
    for (let b = 0; b < path.trajectories; b++) {
      context.fillStyle = path.color;
      context.beginPath();
      context.arc(x(path.states[2 * b]), y(path.states[2 * b + 1]), 3, 0, 2 * Math.PI);
      context.fill();
    }
  }
  // Axes and legend.
  context.fillStyle = PALETTE.black;
  context.font = '12px sans-serif';
  context.fillText('q →', size - 30, size / 2 - 4);
  context.fillText('p ↑', size / 2 + 4, 14);
  context.strokeStyle = 'rgba(0, 0, 0, 0.25)';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(0, size / 2);
  context.lineTo(size, size / 2);
  context.moveTo(size / 2, 0);
  context.lineTo(size / 2, size);
  context.stroke();
  legend.forEach((entry, index) => {
    const top = size - 14 - 16 * (legend.length - 1 - index);
    context.strokeStyle = entry.color;
    context.lineWidth = 2;
    context.setLineDash(entry.dash ?? []);
    context.beginPath();
    context.moveTo(10, top - 4);
    context.lineTo(34, top - 4);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = PALETTE.black;
    context.fillText(entry.label, 40, top);
  });
}
