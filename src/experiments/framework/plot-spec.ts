/**
 * Plots as data: what an experiment asks to be drawn (`PlotSpec`), and the compact form
 * stored in `result.json` (`PreparedPlot`): long series downsampled to at most 2000 points,
 * histograms binned, heatmaps reduced to at most 64×64 cells, non-finite values dropped.
 *
 * The types live in the experiment tier because they are part of an experiment's output;
 * `report/plots.ts` renders them to SVG.
 */

/** An axis: a title with its physical unit (shown as "title (unit)") and a scale. */
export interface PlotAxis {
  title: string;
  /** Physical unit ("s", "J", "rad"); omit for dimensionless quantities. */
  unit?: string;
  scale?: 'linear' | 'log';
}

/** A named curve or point cloud. */
export interface PlotSeries<Numbers = ArrayLike<number>> {
  name: string;
  x: Numbers;
  y: Numbers;
}

interface PlotBase {
  title: string;
  /** A sentence under the plot: what to look at. */
  caption?: string;
}

/** Curves y(x), one per series (a trajectory, a loss curve). */
export interface LinePlotSpec<Numbers = ArrayLike<number>> extends PlotBase {
  kind: 'line';
  x: PlotAxis;
  y: PlotAxis;
  series: PlotSeries<Numbers>[];
  /** Draw a marker at every point. */
  points?: boolean;
}

/** Points (x, y), one colour per series. */
export interface ScatterPlotSpec<Numbers = ArrayLike<number>> extends PlotBase {
  kind: 'scatter';
  x: PlotAxis;
  y: PlotAxis;
  series: PlotSeries<Numbers>[];
}

/** An exact or reference density p(x) drawn over a histogram. */
export interface ReferenceDensity<Numbers = ArrayLike<number>> {
  name: string;
  x: Numbers;
  density: Numbers;
}

/** Histograms of samples (overlaid, sharing bins), optionally with a reference density. */
export interface HistogramPlotSpec extends PlotBase {
  kind: 'histogram';
  x: PlotAxis;
  samples: Array<{ name: string; values: ArrayLike<number> }>;
  /** Number of bins; default: the Rice rule 2·n^(1/3), between 5 and 80. */
  bins?: number;
  /** The binned range; default: the range of the samples. */
  range?: [number, number];
  /** Normalize to a probability density (default true; always true with a reference density). */
  density?: boolean;
  reference?: ReferenceDensity;
}

/** A matrix or lattice as an image with a colour scale; `values` is row-major, row 0 at the top. */
export interface HeatmapPlotSpec<Numbers = ArrayLike<number>> extends PlotBase {
  kind: 'heatmap';
  x: PlotAxis;
  y: PlotAxis;
  color: { title: string; unit?: string; scheme?: 'viridis' | 'diverging' };
  rows: number;
  columns: number;
  values: Numbers;
  /**
   * The coordinates the matrix spans, for the axes: by default columns 0…columns along x and
   * rows 0…rows along y; kept when the matrix is reduced, so the axes still read original indices.
   */
  extent?: { x: [number, number]; y: [number, number] };
  /** How cells are merged when the matrix is reduced to 64×64: mean, or the entry of largest magnitude. */
  aggregate?: 'mean' | 'maxAbs';
  /** Set by `preparePlot` when the matrix was reduced: its original size. */
  reducedFrom?: { rows: number; columns: number };
}

/** What an experiment may ask to be drawn. */
export type PlotSpec = LinePlotSpec | ScatterPlotSpec | HistogramPlotSpec | HeatmapPlotSpec;

/** A binned histogram, as stored. */
export interface PreparedHistogram extends PlotBase {
  kind: 'histogram';
  x: PlotAxis;
  y: PlotAxis;
  /** Bin edges, length bins + 1, shared by all series. */
  edges: number[];
  series: Array<{ name: string; heights: number[] }>;
  reference?: ReferenceDensity<number[]>;
  dropped?: number;
}

/** A plot ready to store and render: plain arrays, bounded size. */
export type PreparedPlot =
  | (LinePlotSpec<number[]> & { dropped?: number })
  | (ScatterPlotSpec<number[]> & { dropped?: number })
  | PreparedHistogram
  | (HeatmapPlotSpec<number[]> & { dropped?: number });

/** The most points a stored series keeps. */
export const maxSeriesPoints = 2000;
/** The most rows (and columns) a stored heatmap keeps. */
export const maxHeatmapSide = 64;

function positiveOnly(axis: PlotAxis): boolean {
  return axis.scale === 'log';
}

/** Keeps finite points (and positive ones on log axes); returns them with the count dropped. */
function cleanSeries(
  series: PlotSeries,
  x: PlotAxis,
  y: PlotAxis,
): { xs: number[]; ys: number[]; dropped: number } {
  const length = Math.min(series.x.length, series.y.length);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < length; i++) {
    const u = series.x[i];
    const v = series.y[i];
    if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
    if ((positiveOnly(x) && u <= 0) || (positiveOnly(y) && v <= 0)) continue;
    xs.push(u);
    ys.push(v);
  }
  return { xs, ys, dropped: length - xs.length };
}

/**
 * Reduces a curve to at most `maxSeriesPoints` points, keeping the lowest and highest point
 * of each bucket so spikes (a divergence, a barrier crossing) survive.
 */
export function downsampleMinMax(
  xs: number[],
  ys: number[],
  maxPoints = maxSeriesPoints,
): [number[], number[]] {
  if (xs.length <= maxPoints) return [xs, ys];
  const buckets = Math.floor(maxPoints / 2);
  const outX: number[] = [];
  const outY: number[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = Math.floor((bucket * xs.length) / buckets);
    const end = Math.floor(((bucket + 1) * xs.length) / buckets);
    let low = start;
    let high = start;
    for (let i = start; i < end; i++) {
      if (ys[i] < ys[low]) low = i;
      if (ys[i] > ys[high]) high = i;
    }
    for (const index of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) {
      outX.push(xs[index]);
      outY.push(ys[index]);
    }
  }
  return [outX, outY];
}

/** Keeps every k-th point so that at most `maxPoints` remain (point clouds have no order to preserve). */
function downsampleStride(xs: number[], ys: number[], maxPoints = maxSeriesPoints): [number[], number[]] {
  if (xs.length <= maxPoints) return [xs, ys];
  const stride = Math.ceil(xs.length / maxPoints);
  return [xs.filter((_, i) => i % stride === 0), ys.filter((_, i) => i % stride === 0)];
}

function prepareHistogram(spec: HistogramPlotSpec): PreparedHistogram {
  const samples = spec.samples.map(({ name, values }) => ({
    name,
    values: Array.from(values).filter((value) => Number.isFinite(value)),
  }));
  const total = spec.samples.reduce((sum, sample) => sum + sample.values.length, 0);
  const kept = samples.reduce((sum, sample) => sum + sample.values.length, 0);
  let [low, high] = spec.range ?? [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  if (spec.range === undefined) {
    for (const sample of samples) {
      for (const value of sample.values) {
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    if (!Number.isFinite(low)) [low, high] = [0, 1];
  }
  if (!(high > low)) [low, high] = [low - 0.5, low + 0.5];
  const largest = Math.max(1, ...samples.map((sample) => sample.values.length));
  const bins = Math.round(spec.bins ?? Math.min(80, Math.max(5, Math.ceil(2 * Math.cbrt(largest)))));
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
  const density = spec.density ?? true;
  const series = samples.map(({ name, values }) => {
    const counts = new Array<number>(bins).fill(0);
    for (const value of values) {
      if (value < low || value > high) continue;
      counts[Math.min(bins - 1, Math.floor((value - low) / width))] += 1;
    }
    const scale = density || spec.reference ? 1 / (Math.max(1, values.length) * width) : 1;
    return { name, heights: counts.map((count) => count * scale) };
  });
  const unit = spec.x.unit ? `1/${spec.x.unit}` : undefined;
  const prepared: PreparedHistogram = {
    kind: 'histogram',
    title: spec.title,
    x: { ...spec.x },
    y: density || spec.reference ? { title: 'probability density', unit } : { title: 'count' },
    edges,
    series,
  };
  if (spec.caption !== undefined) prepared.caption = spec.caption;
  if (spec.reference !== undefined) {
    const { xs, ys } = cleanSeries(
      { name: spec.reference.name, x: spec.reference.x, y: spec.reference.density },
      spec.x,
      { title: '' },
    );
    const [x, y] = downsampleMinMax(xs, ys);
    prepared.reference = { name: spec.reference.name, x, density: y };
  }
  if (total > kept) prepared.dropped = total - kept;
  return prepared;
}

function prepareHeatmap(spec: HeatmapPlotSpec): HeatmapPlotSpec<number[]> & { dropped?: number } {
  const { rows, columns } = spec;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1) {
    throw new Error(
      `heatmap "${spec.title}": rows and columns must be positive integers, got ${rows}×${columns}`,
    );
  }
  if (spec.values.length !== rows * columns) {
    throw new Error(
      `heatmap "${spec.title}": values has length ${spec.values.length}, expected rows·columns = ${rows * columns}`,
    );
  }
  const outRows = Math.min(rows, maxHeatmapSide);
  const outColumns = Math.min(columns, maxHeatmapSide);
  const values = new Array<number>(outRows * outColumns);
  let dropped = 0;
  for (let i = 0; i < outRows; i++) {
    const rowStart = Math.floor((i * rows) / outRows);
    const rowEnd = Math.floor(((i + 1) * rows) / outRows);
    for (let j = 0; j < outColumns; j++) {
      const columnStart = Math.floor((j * columns) / outColumns);
      const columnEnd = Math.floor(((j + 1) * columns) / outColumns);
      let sum = 0;
      let count = 0;
      let extreme = 0;
      for (let r = rowStart; r < rowEnd; r++) {
        for (let c = columnStart; c < columnEnd; c++) {
          const value = spec.values[r * columns + c];
          // null: an empty cell of an already prepared heatmap (NaN stored as JSON), counted then.
          if ((value as number | null) === null) continue;
          if (!Number.isFinite(value)) {
            dropped += 1;
            continue;
          }
          sum += value;
          count += 1;
          if (Math.abs(value) > Math.abs(extreme)) extreme = value;
        }
      }
      // A cell with no finite entry is stored as null in JSON and drawn empty.
      values[i * outColumns + j] =
        count === 0 ? Number.NaN : spec.aggregate === 'maxAbs' ? extreme : sum / count;
    }
  }
  const prepared: HeatmapPlotSpec<number[]> & { dropped?: number } = {
    ...spec,
    x: { ...spec.x },
    y: { ...spec.y },
    color: { ...spec.color },
    rows: outRows,
    columns: outColumns,
    values,
    extent: spec.extent ?? { x: [0, columns], y: [0, rows] },
  };
  if (outRows < rows || outColumns < columns) prepared.reducedFrom = spec.reducedFrom ?? { rows, columns };
  // Preparing twice (e.g. `physml report` on a stored result) keeps the first count.
  dropped += (spec as { dropped?: number }).dropped ?? 0;
  if (dropped > 0) prepared.dropped = dropped;
  return prepared;
}

/** Turns an experiment's plot request into its bounded, JSON-storable form. */
export function preparePlot(spec: PlotSpec | PreparedPlot): PreparedPlot {
  switch (spec.kind) {
    case 'line':
    case 'scatter': {
      // Preparing twice (e.g. `physml report` on a stored result) keeps the first count.
      let dropped = (spec as { dropped?: number }).dropped ?? 0;
      const series = spec.series.map((one) => {
        const cleaned = cleanSeries(one, spec.x, spec.y);
        dropped += cleaned.dropped;
        const [x, y] =
          spec.kind === 'line'
            ? downsampleMinMax(cleaned.xs, cleaned.ys)
            : downsampleStride(cleaned.xs, cleaned.ys);
        return { name: one.name, x, y };
      });
      const prepared = { ...spec, x: { ...spec.x }, y: { ...spec.y }, series } as PreparedPlot & {
        dropped?: number;
      };
      if (dropped > 0) prepared.dropped = dropped;
      else delete prepared.dropped;
      return prepared;
    }
    case 'histogram':
      return 'edges' in spec ? spec : prepareHistogram(spec);
    case 'heatmap':
      return prepareHeatmap(spec);
    default:
      throw new Error(`unknown plot kind "${(spec as { kind: unknown }).kind}"`);
  }
}

/** "title (unit)", or the title alone for a dimensionless quantity. */
export function axisTitle(axis: { title: string; unit?: string }): string {
  return axis.unit ? `${axis.title} (${axis.unit})` : axis.title;
}
