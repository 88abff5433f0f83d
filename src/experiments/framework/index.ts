/**
 * The experiment framework: define an experiment, validate its parameters, run it with
 * seeds, progress and checkpoints, and record its result.
 */

export type { AtomicWriteOptions } from './atomic-write.js';
export { removeStaleTemporaryFiles, writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
export type { CheckpointFile, CheckpointIdentity, CheckpointStore } from './checkpoint.js';
export { checkpointFileName, createCheckpointStore, readCheckpointFile } from './checkpoint.js';
export { decodeFloat64, encodeFloat64 } from './checkpoint-codec.js';
export { loadConfigFile } from './config-file.js';
export type {
  Artifact,
  Check,
  CheckKind,
  Checkpoint,
  Experiment,
  ExperimentContext,
  ExperimentOutput,
  MetricDefinition,
  MetricValue,
  ParamsSchema,
  ReferenceValue,
  Table,
} from './define.js';
export { defineExperiment } from './define.js';
export {
  CheckpointError,
  ExperimentDefinitionError,
  exitCodeOf,
  InputError,
  InterruptedError,
  ParameterError,
  RunFailedError,
} from './errors.js';
export type { ParameterDescription, ParameterSource, ParameterType } from './params.js';
export { describeParameters, parseAssignments, parseParameterText, resolveParams } from './params.js';
export type {
  HeatmapPlotSpec,
  HistogramPlotSpec,
  LinePlotSpec,
  PlotAxis,
  PlotSeries,
  PlotSpec,
  PreparedHistogram,
  PreparedPlot,
  ReferenceDensity,
  ScatterPlotSpec,
} from './plot-spec.js';
export { axisTitle, downsampleMinMax, maxHeatmapSide, maxSeriesPoints, preparePlot } from './plot-spec.js';
export type { CheckResult, ExperimentResult } from './result.js';
export { evaluateCheck, metricMean, readResultFile } from './result.js';
export type { RunManifest } from './run-directory.js';
export { hashParams, readRunManifest, stableStringify, timestampName } from './run-directory.js';
export type { RunOptions, RunOutcome } from './runner.js';
export { maxSeed, runExperiment, validateSeed } from './runner.js';
export { closeNames, didYouMean } from './suggest.js';
