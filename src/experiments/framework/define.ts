/**
 * What an experiment is: a parameter schema, a run function, the metrics it reports and
 * the exact values they are checked against.
 *
 * An experiment file exports `defineExperiment({...})`. The framework (runner, CLI, tour,
 * lab) does everything else: parameter parsing and validation, seeding, checkpoints,
 * progress, the result file and the report. This file holds no Node-only code so an
 * experiment can run in a browser worker as well.
 */
import { z } from 'zod';
import type { Key } from '../../core/random/index.js';
import { ExperimentDefinitionError } from './errors.js';
import type { PlotSpec, PreparedPlot } from './plot-spec.js';

/** A measured value: a plain number, or a Monte Carlo mean with its standard error. */
export type MetricValue = number | { mean: number; stderr: number };

/** A reference value: a number, an estimate with an error bar, or a note (e.g. "Onsager, exact"). */
export type ReferenceValue = MetricValue | string;

/** What a metric means and in which unit it is measured. */
export interface MetricDefinition {
  /** One sentence: what is measured. */
  description: string;
  /** Physical unit ("J", "rad", "1/s"); omit for dimensionless numbers. */
  unit?: string;
}

/** How a metric is compared with its reference. */
export type CheckKind = 'absolute' | 'relative' | 'stderr';

/**
 * A pass/fail check of one metric against a reference value:
 * `absolute`: |value − reference| ≤ tolerance;
 * `relative`: |value − reference| ≤ tolerance·|reference|;
 * `stderr`: |mean − reference| ≤ tolerance·stderr (the metric must carry an error bar).
 */
export interface Check {
  metric: string;
  reference: number;
  tolerance: number;
  kind: CheckKind;
}

/** A small table shown in the report (e.g. per-trial values). */
export interface Table {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** An extra file the experiment wants written into its run directory. */
export interface Artifact {
  /** A plain file name (no directories), e.g. "trajectory.csv". */
  name: string;
  content: string | Uint8Array;
  /** Shown next to the link in the report. */
  description?: string;
}

/** What `run` returns. */
export interface ExperimentOutput {
  metrics: Record<string, MetricValue>;
  reference?: Record<string, ReferenceValue>;
  checks?: Check[];
  /** Plots to draw; already-prepared plots (e.g. kept in a checkpoint) are accepted as well. */
  plots?: Array<PlotSpec | PreparedPlot>;
  tables?: Table[];
  artifacts?: Artifact[];
}

/**
 * Saving and restoring an experiment's progress. The state must be JSON-serialisable
 * (plain objects, arrays, finite numbers, strings, booleans, null); convert typed arrays
 * with `Array.from`. Everything the rest of the run depends on, random keys included,
 * belongs in the state, so that a resumed run gives the same numbers as an uninterrupted one.
 */
export interface Checkpoint {
  /** The last saved state, or undefined on a fresh run. */
  load<T>(): T | undefined;
  /** Saves the state atomically (the framework decides where). */
  save<T>(state: T): void;
}

/** What the framework hands to `run`. */
export interface ExperimentContext {
  /** The run's seed (an unsigned 32-bit integer). */
  seed: number;
  /** `makeKey(seed)`: the root of all randomness in the run. */
  key: Key;
  /** Reports progress; `done` of `total` work units, with an optional label for the current stage. */
  progress(done: number, total: number, label?: string): void;
  checkpoint: Checkpoint;
  /** A human-readable message, written to stderr (never stdout). */
  log(message: string): void;
  /** Aborted when the user interrupts the run; long loops may check it between steps. */
  signal?: AbortSignal;
  /**
   * Worker threads the run may use for independent work (chains, replicas, temperatures), from
   * `--threads`; absent means 1. Results must not depend on it: each chain owns its key.
   */
  threads?: number;
}

/** The schema type of an experiment's parameters: a zod object. */
export type ParamsSchema = z.ZodObject;

/** A runnable experiment. */
export interface Experiment<Schema extends ParamsSchema = ParamsSchema> {
  /** kebab-case, e.g. "linear-system". */
  name: string;
  title: string;
  /** A paragraph: what the experiment shows and what it is checked against. */
  description: string;
  /**
   * Every field has a default and a `.describe()`; numbers carry `.min/.max` (and `.int()`
   * where relevant) so that the CLI can print and enforce the allowed range.
   */
  params: Schema;
  metrics: Record<string, MetricDefinition>;
  /** Parameters for a quick run in the tour (seconds, not minutes); absent: not in the tour. */
  tour?: Partial<z.input<Schema>>;
  run(params: z.output<Schema>, context: ExperimentContext): Promise<ExperimentOutput>;
}

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** JSON-schema fragments of the parameter fields, as zod exports them. */
export function parameterJsonSchemas(schema: ParamsSchema): Record<string, Record<string, unknown>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return json.properties ?? {};
}

/** Checks one parameter field against the rules above; returns a complaint or undefined. */
function fieldProblem(name: string, field: Record<string, unknown>): string | undefined {
  if (!('default' in field)) return `parameter "${name}" has no default (add .default(...))`;
  if (typeof field.description !== 'string' || field.description.trim() === '') {
    return `parameter "${name}" has no description (add .describe(...))`;
  }
  if (field.type === 'number' || field.type === 'integer') {
    const hasLower = typeof field.minimum === 'number' || typeof field.exclusiveMinimum === 'number';
    const hasUpper = typeof field.maximum === 'number' || typeof field.exclusiveMaximum === 'number';
    if (!hasLower || !hasUpper) return `parameter "${name}" needs both .min(...) and .max(...)`;
  }
  return undefined;
}

/**
 * Declares an experiment. Checks the declaration itself (kebab-case name, every parameter
 * with a default, a description and, for numbers, a range; tour parameters valid) and
 * throws `ExperimentDefinitionError` at import time if it is wrong.
 */
export function defineExperiment<Schema extends ParamsSchema>(
  definition: Experiment<Schema>,
): Experiment<Schema> {
  const { name } = definition;
  if (!kebabCase.test(name)) {
    throw new ExperimentDefinitionError(`experiment name "${name}" must be kebab-case, e.g. "linear-system"`);
  }
  const fields = parameterJsonSchemas(definition.params);
  for (const [field, json] of Object.entries(fields)) {
    const problem = fieldProblem(field, json);
    if (problem !== undefined) throw new ExperimentDefinitionError(`experiment "${name}": ${problem}`);
  }
  for (const [metric, info] of Object.entries(definition.metrics)) {
    if (typeof info.description !== 'string' || info.description.trim() === '') {
      throw new ExperimentDefinitionError(`experiment "${name}": metric "${metric}" has no description`);
    }
  }
  if (definition.tour !== undefined) {
    const unknown = Object.keys(definition.tour).filter((key) => !(key in fields));
    if (unknown.length > 0) {
      throw new ExperimentDefinitionError(
        `experiment "${name}": tour sets unknown parameter(s) ${unknown.join(', ')}`,
      );
    }
    const parsed = definition.params.safeParse(definition.tour);
    if (!parsed.success) {
      throw new ExperimentDefinitionError(
        `experiment "${name}": tour parameters are invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }
  }
  return definition;
}
