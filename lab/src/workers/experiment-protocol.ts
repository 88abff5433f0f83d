/**
 * Messages between a page and the experiment worker, which runs a physml experiment exactly
 * as `physml run` does (same parameter validation, `makeKey(seed)`, same run function), so a
 * seeded run in the lab gives the CLI's numbers (to the last bit wherever the experiment avoids
 * Math functions whose last bit depends on the JavaScript engine).
 */
import type { MetricValue, ReferenceValue } from '../../../src/experiments/framework/define.js';

/** The experiments the lab can run in a worker (browser-safe run functions). */
export const LAB_EXPERIMENTS = [
  'ising',
  'double-well-annealing',
  'hopfield-recall',
  'spin-glass',
  'rbm',
  'hnn',
  'pinn-heat',
  'momentum',
] as const;
export type LabExperiment = (typeof LAB_EXPERIMENTS)[number];

/** Page → worker: run an experiment. */
export interface ExperimentRequest {
  id: number;
  experiment: LabExperiment;
  /** Parameter values (as `--set` would give them, but typed). */
  values: Record<string, unknown>;
  seed: number;
}

/** The result, in the shape of `physml run --json` (without the artifacts). */
export interface ExperimentResultMessage {
  experiment: string;
  params: Record<string, unknown>;
  seed: number;
  metrics: Record<string, MetricValue>;
  reference: Record<string, ReferenceValue>;
}

/** Worker → page. */
export type ExperimentResponse =
  | { id: number; type: 'progress'; done: number; total: number; label?: string }
  | { id: number; type: 'log'; message: string }
  | { id: number; type: 'result'; result: ExperimentResultMessage; seconds: number }
  | { id: number; type: 'error'; name: string; message: string };
