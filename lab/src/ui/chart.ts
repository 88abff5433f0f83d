/**
 * Line and bar charts on uPlot (small and fast enough to redraw every frame), with two
 * additions the lab needs: an overlay that explains a missing or non-finite stretch of data
 * (a divergence, NaN) instead of leaving the chart blank, and an SVG export of the data.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type Text, t } from '../i18n.js';
import { h } from './dom.js';

/** One series of a chart. */
export interface SeriesSpec {
  label: Text | string;
  color: string;
  dash?: number[];
  width?: number;
  /** Draw as bars (histograms) instead of a line. */
  bars?: boolean;
}

/** Options of {@link LineChart}. */
export interface ChartOptions {
  /** The chart's id (`chart-<name>`). */
  name: string;
  title: Text;
  xLabel: Text;
  yLabel: Text;
  series: SeriesSpec[];
  height?: number;
  /** Logarithmic y axis (non-positive values are left out, and said so). */
  logY?: boolean;
  /** A fixed y range (default: fitted to the data). */
  yRange?: [number, number];
}

type Column = ArrayLike<number | null>;

/** The smallest value drawn on a log axis. */
const LOG_FLOOR = 1e-200;

/** An axis tick: short, exponential for very large or small magnitudes. */
function tickText(value: number): string {
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e4 || size < 1e-2)) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

/**
 * The tick labels of an axis. On a log axis spanning many decades, only every k-th decade is
 * labelled (at most about six labels), so that the labels never overlap.
 */
function tickTexts(splits: number[], log: boolean): string[] {
  if (!log) return splits.map((value) => (value == null ? '' : tickText(value)));
  const isDecade = (value: number) =>
    value > 0 && Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-6;
  const every = Math.max(1, Math.ceil(splits.filter(isDecade).length / 6));
  return splits.map((value) =>
    value != null && isDecade(value) && Math.round(Math.log10(value)) % every === 0 ? tickText(value) : '',
  );
}

function label(text: Text | string): string {
  return typeof text === 'string' ? text : t(text);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** A chart in a figure element, with an explanation overlay. */
export class LineChart {
  readonly element: HTMLElement;
  private readonly plot: uPlot;
  private readonly overlay: HTMLElement;
  private readonly resize: ResizeObserver;
  private x: ArrayLike<number> = [];
  private ys: Column[] = [];

  constructor(
    parent: HTMLElement,
    private readonly options: ChartOptions,
  ) {
    const holder = h('div', { class: 'chart-canvas' });
    this.overlay = h('div', { class: 'chart-overlay', role: 'status', hidden: true });
    this.element = h(
      'figure',
      { class: 'chart', id: `chart-${options.name}` },
      h('figcaption', {}, t(options.title)),
      h('div', { class: 'chart-body' }, holder, this.overlay),
    );
    parent.append(this.element);
    const width = Math.max(240, holder.clientWidth || parent.clientWidth || 480);
    const bars = uPlot.paths.bars?.({ size: [0.95, 100] });
    this.plot = new uPlot(
      {
        width,
        height: options.height ?? 200,
        scales: {
          x: { time: false },
          y: options.logY
            ? { distr: 3, log: 10 }
            : options.yRange
              ? { distr: 1, auto: false, range: options.yRange }
              : { distr: 1 },
        },
        axes: [
          { label: t(options.xLabel), stroke: '#444', grid: { stroke: '#eee' } },
          {
            label: t(options.yLabel),
            stroke: '#444',
            grid: { stroke: '#eee' },
            size: 60,
            space: 24,
            values: (_plot: uPlot, splits: number[]) => tickTexts(splits, options.logY === true),
          },
        ],
        series: [
          { label: t(options.xLabel) },
          ...options.series.map((series) => ({
            label: label(series.label),
            stroke: series.color,
            width: series.width ?? 1.5,
            dash: series.dash,
            fill: series.bars ? `${series.color}66` : undefined,
            paths: series.bars ? bars : undefined,
            points: { show: false },
          })),
        ],
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
      },
      [[], ...options.series.map(() => [])],
      holder,
    );
    this.resize = new ResizeObserver(() => {
      const next = Math.max(240, holder.clientWidth);
      if (Math.abs(next - this.plot.width) > 2) this.plot.setSize({ width: next, height: this.plot.height });
    });
    this.resize.observe(holder);
  }

  /** The chart's canvas (for PNG export). */
  get canvas(): HTMLCanvasElement {
    return this.plot.ctx.canvas;
  }

  /**
   * Replaces the data. Non-finite values (and, on a log axis, values ≤ 0) become gaps; the
   * return value counts them, so the caller can explain them.
   */
  setData(x: ArrayLike<number>, ys: Column[]): number {
    let gaps = 0;
    const clean = ys.map((column) => {
      const out = new Array<number | null>(column.length);
      for (let i = 0; i < column.length; i++) {
        const value = column[i];
        // On a log axis, values below 1e-200 (converged to round-off) are left out like zeros.
        const usable = value !== null && Number.isFinite(value) && (!this.options.logY || value > LOG_FLOOR);
        out[i] = usable ? value : null;
        if (!usable && value !== null) gaps++;
      }
      return out;
    });
    this.x = x;
    this.ys = ys;
    this.plot.setData([Array.from(x), ...clean] as uPlot.AlignedData);
    return gaps;
  }

  /** Shows an explanation over the chart (null hides it). */
  explain(message: string | null): void {
    this.overlay.hidden = message === null;
    this.overlay.textContent = message ?? '';
  }

  /** The current data as a standalone SVG line chart. */
  toSvg(): string {
    const width = 640;
    const height = 360;
    const margin = { left: 70, right: 20, top: 40, bottom: 50 };
    const finite: number[] = [];
    for (const column of this.ys) {
      for (let i = 0; i < column.length; i++) {
        const value = column[i];
        if (value !== null && Number.isFinite(value) && (!this.options.logY || value > LOG_FLOOR))
          finite.push(value);
      }
    }
    const xs = Array.from(this.x);
    const transform = (value: number) => (this.options.logY ? Math.log10(value) : value);
    const yMin = finite.length ? Math.min(...finite.map(transform)) : 0;
    const yMax = finite.length ? Math.max(...finite.map(transform)) : 1;
    const xMin = xs.length ? Math.min(...xs) : 0;
    const xMax = xs.length ? Math.max(...xs) : 1;
    const sx = (value: number) =>
      margin.left + ((value - xMin) / (xMax - xMin || 1)) * (width - margin.left - margin.right);
    const sy = (value: number) =>
      height -
      margin.bottom -
      ((transform(value) - yMin) / (yMax - yMin || 1)) * (height - margin.top - margin.bottom);
    const lines = this.ys.map((column, index) => {
      const spec = this.options.series[index];
      const segments: string[] = [];
      let current = '';
      for (let i = 0; i < column.length && i < xs.length; i++) {
        const value = column[i];
        if (value === null || !Number.isFinite(value) || (this.options.logY && value <= LOG_FLOOR)) {
          if (current) segments.push(current);
          current = '';
          continue;
        }
        current += `${current ? ' L' : 'M'}${sx(xs[i]).toFixed(1)},${sy(value).toFixed(1)}`;
      }
      if (current) segments.push(current);
      const dash = spec.dash ? ` stroke-dasharray="${spec.dash.join(' ')}"` : '';
      return `<path d="${segments.join(' ')}" fill="none" stroke="${spec.color}" stroke-width="${spec.width ?? 1.5}"${dash}/>`;
    });
    const tick = (value: number) => (this.options.logY ? `1e${value.toFixed(1)}` : value.toPrecision(3));
    const legend = this.options.series
      .map(
        (spec, index) =>
          `<text x="${margin.left + 10 + index * 150}" y="${margin.top - 8}" fill="${spec.color}" font-size="12">${escapeXml(label(spec.label))}</text>`,
      )
      .join('');
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
      `<rect width="${width}" height="${height}" fill="white"/>`,
      `<text x="${margin.left}" y="18" font-size="14">${escapeXml(t(this.options.title))}</text>`,
      legend,
      `<rect x="${margin.left}" y="${margin.top}" width="${width - margin.left - margin.right}" height="${height - margin.top - margin.bottom}" fill="none" stroke="#999"/>`,
      `<text x="${margin.left}" y="${height - margin.bottom + 16}" font-size="11">${xMin.toPrecision(3)}</text>`,
      `<text x="${width - margin.right}" y="${height - margin.bottom + 16}" font-size="11" text-anchor="end">${xMax.toPrecision(3)}</text>`,
      `<text x="${margin.left - 6}" y="${height - margin.bottom}" font-size="11" text-anchor="end">${tick(yMin)}</text>`,
      `<text x="${margin.left - 6}" y="${margin.top + 10}" font-size="11" text-anchor="end">${tick(yMax)}</text>`,
      `<text x="${(width + margin.left) / 2}" y="${height - 12}" font-size="12" text-anchor="middle">${escapeXml(t(this.options.xLabel))}</text>`,
      `<text transform="translate(16 ${(height + margin.top - margin.bottom) / 2}) rotate(-90)" font-size="12" text-anchor="middle">${escapeXml(t(this.options.yLabel))}</text>`,
      ...lines,
      '</svg>',
      '',
    ].join('\n');
  }

  /** Removes the chart. */
  destroy(): void {
    this.resize.disconnect();
    this.plot.destroy();
    this.element.remove();
  }
}
