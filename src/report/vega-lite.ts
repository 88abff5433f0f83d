/**
 * Translates a prepared plot into a Vega-Lite specification: one small function per plot
 * kind, sharing the size, fonts and axis conventions (titles carry units, log scales where
 * asked, row 0 of a heatmap at the top).
 */
import { axisTitle, type PlotAxis, type PreparedPlot } from '../experiments/framework/plot-spec.js';

/** A Vega-Lite specification, as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/** Plot size in CSS pixels (the data area; axes and legend come on top). */
export const plotWidth = 520;
export const plotHeight = 300;

const config = {
  // No per-mark aria labels: they triple the size of an SVG with thousands of marks.
  aria: false,
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top-right' },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#666' },
  view: { stroke: '#ccc' },
};

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function scaleOf(axis: PlotAxis): Record<string, unknown> {
  return axis.scale === 'log' ? { type: 'log' } : { type: 'linear', zero: false };
}

function title(plot: PreparedPlot): Record<string, unknown> {
  const dropped = plot.dropped ?? 0;
  const notes: string[] = [];
  if (plot.kind === 'heatmap' && plot.reducedFrom) {
    const { rows, columns } = plot.reducedFrom;
    const merge = plot.aggregate === 'maxAbs' ? 'entry of largest magnitude' : 'mean';
    notes.push(`${rows}×${columns} shown as ${plot.rows}×${plot.columns} blocks (${merge} of each)`);
  }
  if (dropped > 0) {
    const positive =
      plot.kind === 'line' || plot.kind === 'scatter' ? ' (or non-positive on a log axis)' : '';
    notes.push(`${dropped} non-finite${positive} value(s) not shown`);
  }
  return notes.length === 0 ? { text: plot.title } : { text: plot.title, subtitle: notes };
}

function frame(plot: PreparedPlot, body: Record<string, unknown>): VegaLiteSpec {
  return { width: plotWidth, height: plotHeight, title: title(plot), config, ...body };
}

function seriesSpec(plot: Extract<PreparedPlot, { kind: 'line' | 'scatter' }>): VegaLiteSpec {
  const values: Array<Record<string, unknown>> = [];
  for (const series of plot.series) {
    for (let i = 0; i < series.x.length; i++) {
      if (finite(series.x[i]) && finite(series.y[i])) {
        values.push({ x: series.x[i], y: series.y[i], series: series.name, index: i });
      }
    }
  }
  const names = plot.series.map((series) => series.name);
  const mark =
    plot.kind === 'line'
      ? { type: 'line', point: plot.points === true, strokeWidth: 1.5, clip: true }
      : { type: 'point', filled: true, size: 16, opacity: 0.7, clip: true };
  return frame(plot, {
    data: { values },
    mark,
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axisTitle(plot.x), scale: scaleOf(plot.x) },
      y: { field: 'y', type: 'quantitative', title: axisTitle(plot.y), scale: scaleOf(plot.y) },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: names,
        legend: names.length > 1 ? {} : null,
      },
      // Lines follow the data order (a trajectory may turn back), not the x order.
      ...(plot.kind === 'line' ? { order: { field: 'index', type: 'quantitative' } } : {}),
    },
  });
}

function histogramSpec(plot: Extract<PreparedPlot, { kind: 'histogram' }>): VegaLiteSpec {
  const bars: Array<Record<string, unknown>> = [];
  for (const series of plot.series) {
    series.heights.forEach((height, i) => {
      if (finite(height))
        bars.push({ start: plot.edges[i], end: plot.edges[i + 1], height, series: series.name });
    });
  }
  const names = plot.series.map((series) => series.name);
  const layers: Array<Record<string, unknown>> = [
    {
      data: { values: bars },
      mark: { type: 'bar', opacity: names.length > 1 ? 0.55 : 0.8, binSpacing: 0 },
      encoding: {
        x: {
          field: 'start',
          type: 'quantitative',
          bin: 'binned',
          title: axisTitle(plot.x),
          scale: scaleOf(plot.x),
        },
        x2: { field: 'end' },
        y: { field: 'height', type: 'quantitative', stack: null, title: axisTitle(plot.y) },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          sort: names,
          legend: names.length > 1 ? {} : null,
        },
      },
    },
  ];
  if (plot.reference !== undefined) {
    const { name, x, density } = plot.reference;
    const values = x
      .map((u, i) => ({ x: u, density: density[i] }))
      .filter((p) => finite(p.x) && finite(p.density));
    layers.push({
      data: { values },
      mark: { type: 'line', color: '#222', strokeWidth: 2, strokeDash: [6, 3] },
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'density', type: 'quantitative' },
      },
    });
    // The reference curve is named in the subtitle, since it has no colour legend of its own.
    const base = title(plot);
    base.subtitle = [`dashed: ${name}`, ...((base.subtitle as string[] | undefined) ?? [])];
    return { width: plotWidth, height: plotHeight, title: base, config, layer: layers };
  }
  return frame(plot, { layer: layers });
}

function heatmapSpec(plot: Extract<PreparedPlot, { kind: 'heatmap' }>): VegaLiteSpec {
  const { rows, columns } = plot;
  const [x0, x1] = plot.extent?.x ?? [0, columns];
  const [y0, y1] = plot.extent?.y ?? [0, rows];
  const cellWidth = (x1 - x0) / columns;
  const cellHeight = (y1 - y0) / rows;
  const values: Array<Record<string, number>> = [];
  let largest = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const value = plot.values[i * columns + j];
      if (!finite(value)) continue;
      largest = Math.max(largest, Math.abs(value));
      values.push({
        x: x0 + j * cellWidth,
        x2: x0 + (j + 1) * cellWidth,
        y: y0 + i * cellHeight,
        y2: y0 + (i + 1) * cellHeight,
        value,
      });
    }
  }
  const diverging = plot.color.scheme === 'diverging';
  const colorScale = diverging
    ? { scheme: 'redblue', reverse: true, domain: [-(largest || 1), largest || 1] }
    : { scheme: 'viridis' };
  // Whole pixels per cell keep the SVG path coordinates short (a 64×64 map has 4096 cells).
  const cellPixels = Math.max(1, Math.floor(plotHeight / Math.max(rows, columns)));
  const side = cellPixels * Math.max(rows, columns);
  return {
    width: cellPixels * columns,
    height: cellPixels * rows,
    title: title(plot),
    config,
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: axisTitle(plot.x),
        scale: { domain: [x0, x1], nice: false },
      },
      x2: { field: 'x2' },
      y: {
        field: 'y',
        type: 'quantitative',
        title: axisTitle(plot.y),
        scale: { domain: [y0, y1], nice: false, reverse: true },
      },
      y2: { field: 'y2' },
      color: {
        field: 'value',
        type: 'quantitative',
        title: axisTitle(plot.color),
        scale: colorScale,
        // Tiny or huge values (a rounding-error map) read better in exponent notation.
        legend: {
          orient: 'right',
          direction: 'vertical',
          gradientLength: Math.max(120, side - 40),
          ...(largest > 0 && (largest < 1e-3 || largest >= 1e5) ? { format: '.1e' } : {}),
        },
      },
    },
  };
}

/** The Vega-Lite specification of a prepared plot. */
export function toVegaLite(plot: PreparedPlot): VegaLiteSpec {
  switch (plot.kind) {
    case 'line':
    case 'scatter':
      return seriesSpec(plot);
    case 'histogram':
      return histogramSpec(plot);
    case 'heatmap':
      return heatmapSpec(plot);
    default:
      throw new Error(`cannot draw plot kind "${(plot as { kind: unknown }).kind}"`);
  }
}
