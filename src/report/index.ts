/**
 * Reports: plots rendered to SVG without a browser, the self-contained HTML report of a
 * run, and the tour's index page.
 */
export {
  formatCheckRule,
  formatDuration,
  formatMetric,
  formatNumber,
  formatParameterValue,
  formatReference,
  formatVerdict,
  plural,
  reproduceCommand,
} from './format.js';
export { escapeHtml, htmlTable, inlineSvg, renderReportHtml } from './html.js';
export type {
  HeatmapPlotSpec,
  HistogramPlotSpec,
  LinePlotSpec,
  PlotAxis,
  PlotSeries,
  PlotSpec,
  PreparedPlot,
  ScatterPlotSpec,
} from './plots.js';
export { axisTitle, preparePlot, renderPlotSvg } from './plots.js';
export type { TourEntry, TourSummary } from './tour-index.js';
export { entryPassed, renderTourIndex } from './tour-index.js';
export type { VegaLiteSpec } from './vega-lite.js';
export { toVegaLite } from './vega-lite.js';
