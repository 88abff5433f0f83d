/**
 * The RBM page's pictures: the filters (each hidden unit's weights as an image, red positive
 * and blue negative), the fantasy particles, the dreams and the first patterns, as grids of
 * small images.
 */
import { type Text, t } from '../../i18n.js';
import { h } from '../../ui/dom.js';
import { divergingColor, drawTiles, inkColor, largestMagnitude } from '../../ui/tiles.js';
import type { RbmFrame } from './engine.js';

/** Filters drawn (the first ones), and particles. */
const SHOWN = 64;
const COLUMNS = 8;

function figure(parent: HTMLElement, id: string, caption: Text, label: Text): HTMLCanvasElement {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': t(label) });
  parent.append(h('figure', { class: 'tile-figure' }, h('figcaption', {}, t(caption)), canvas));
  return canvas;
}

/** The four image grids. */
export class RbmPictures {
  readonly filters: HTMLCanvasElement;
  readonly particles: HTMLCanvasElement;
  readonly dreams: HTMLCanvasElement;
  readonly examples: HTMLCanvasElement;

  constructor(parent: HTMLElement) {
    this.filters = figure(
      parent,
      'rbm-filters',
      { en: 'Filters: the weights of each hidden unit', zh: '滤波器：每个隐藏单元的权重' },
      {
        en: 'The weight column of each hidden unit drawn as an image: red positive, blue negative.',
        zh: '每个隐藏单元的权重列画成一幅图：红色为正，蓝色为负。',
      },
    );
    this.particles = figure(
      parent,
      'rbm-particles',
      { en: 'Fantasy particles (the negative phase)', zh: '幻想粒子（负相）' },
      {
        en: 'The visible samples of the chains of the negative phase: dark is 1.',
        zh: '负相链的可见层样本：深色为 1。',
      },
    );
    this.dreams = figure(
      parent,
      'rbm-dreams',
      { en: 'Dreams: 200 Gibbs steps from noise', zh: '梦：从噪声出发的 200 步吉布斯采样' },
      {
        en: 'Fresh Gibbs chains started from random noise, after 200 steps: the probability of each visible unit being 1.',
        zh: '从随机噪声出发的新吉布斯链运行 200 步后，每个可见单元为 1 的概率。',
      },
    );
    this.examples = figure(
      parent,
      'rbm-examples',
      { en: 'The patterns (the first ones)', zh: '训练图样（前若干个）' },
      { en: 'The first training patterns: dark is 1.', zh: '前若干个训练图样：深色为 1。' },
    );
  }

  /** Draws a frame's images (the dreams only when the frame has new ones). */
  draw(view: RbmFrame): void {
    const { width, height } = view;
    const cell = Math.max(2, Math.floor(48 / Math.max(width, height)));
    const shown = Math.min(SHOWN, view.hiddenCount);
    const scale = largestMagnitude(view.filters.subarray(0, shown * view.visibleCount));
    drawTiles(this.filters, {
      values: view.filters,
      count: shown,
      width,
      height,
      columns: COLUMNS,
      cell,
      color: divergingColor(scale),
    });
    const tiles = (canvas: HTMLCanvasElement, values: Float64Array, count: number) =>
      drawTiles(canvas, { values, count, width, height, columns: COLUMNS, cell, color: inkColor });
    tiles(this.particles, view.particles, Math.min(SHOWN, view.particleCount));
    if (view.dreams) tiles(this.dreams, view.dreams, view.dreams.length / view.visibleCount);
    tiles(this.examples, view.examples, view.exampleCount);
  }
}
