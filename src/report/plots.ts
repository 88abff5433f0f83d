/**
 * Plots to SVG, in Node, without a browser: a plot spec becomes a Vega-Lite specification,
 * Vega-Lite compiles it to Vega, and a headless Vega view (`renderer: 'none'`) writes SVG.
 *
 * Vega is imported on first use (it takes a few hundred milliseconds to load), so commands
 * that draw nothing do not pay for it.
 */
import { type PlotSpec, type PreparedPlot, preparePlot } from '../experiments/framework/plot-spec.js';
import { vegaTextWidth } from './text-width.js';
import { toVegaLite } from './vega-lite.js';

export type {
  HeatmapPlotSpec,
  HistogramPlotSpec,
  LinePlotSpec,
  PlotAxis,
  PlotSeries,
  PlotSpec,
  PreparedPlot,
  ScatterPlotSpec,
} from '../experiments/framework/plot-spec.js';
export { axisTitle, preparePlot } from '../experiments/framework/plot-spec.js';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

let modules: Promise<[VegaModule, VegaLiteModule]> | undefined;

function loadVega(): Promise<[VegaModule, VegaLiteModule]> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // Vega supports a user-defined text measure (vl-convert uses the same hook).
    // The typings omit textMetrics, which vega re-exports from vega-scenegraph.
    const { textMetrics } = vega as unknown as { textMetrics: { width: typeof vegaTextWidth } };
    textMetrics.width = vegaTextWidth;
    return [vega, vegaLite];
  });
  return modules;
}

/**
 * Renders a plot to a standalone SVG document (a string starting with `<svg`). Plot specs are
 * prepared (downsampled, binned) first; prepared plots are drawn as they are.
 */
export async function renderPlotSvg(plot: PlotSpec | PreparedPlot): Promise<string> {
  const prepared = preparePlot(plot);
  const [vega, vegaLite] = await loadVega();
  const compiled = vegaLite.compile(
    toVegaLite(prepared) as unknown as Parameters<VegaLiteModule['compile']>[0],
  );
  // No loader may reach the network: the data are inline, and a report must work offline.
  const view = new vega.View(vega.parse(compiled.spec), {
    renderer: 'none',
    loader: vega.loader({ mode: 'file' }),
    logLevel: vega.Warn,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
