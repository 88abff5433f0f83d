/**
 * The result contract: what `result.json` holds and `physml run X --json` prints.
 *
 * `{ experiment, params, seed, metrics, reference, artifacts }` is the contract every
 * consumer may rely on; the other fields (checks, definitions, plots, timing) serve the
 * report and the tour. This file also checks an experiment's output: every metric declared
 * and finite, every check well-formed, every artifact name safe.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  Check,
  Experiment,
  ExperimentOutput,
  MetricDefinition,
  MetricValue,
  ReferenceValue,
  Table,
} from './define.js';
import { InputError } from './errors.js';
import { type PreparedPlot, preparePlot } from './plot-spec.js';
import { reservedFileNames } from './run-directory.js';

/** A check with its outcome. */
export interface CheckResult extends Check {
  /** The metric's value (its mean for a Monte Carlo estimate). */
  value: number;
  /** |value − reference|. */
  deviation: number;
  /** The largest deviation that passes: tolerance, tolerance·|reference| or tolerance·stderr. */
  allowed: number;
  passed: boolean;
}

/** The content of `result.json`. */
export interface ExperimentResult {
  experiment: string;
  params: Record<string, unknown>;
  seed: number;
  metrics: Record<string, MetricValue>;
  reference: Record<string, ReferenceValue>;
  /** Files in the run directory, relative to it (result.json itself excluded). */
  artifacts: string[];
  /** What each artifact holds, where known. */
  artifactDescriptions: Record<string, string>;
  checks: CheckResult[];
  /** True when every check passed (and there were no checks to fail). */
  passed: boolean;
  title: string;
  description: string;
  metricDefinitions: Record<string, MetricDefinition>;
  parameterDefinitions: Record<string, { description: string; allowed: string }>;
  plots: PreparedPlot[];
  tables: Table[];
  /** The run directory as it was given when the run was made. */
  runDirectory: string;
  physmlVersion: string;
  startedAt: string;
  finishedAt: string;
  /** Wall time of the last (or only) segment of the run. */
  durationSeconds: number;
  /** True when the run was continued from a checkpoint. */
  resumed: boolean;
}

/** The value a check compares: the number, or the mean of an estimate. */
export function metricMean(value: MetricValue): number {
  return typeof value === 'number' ? value : value.mean;
}

/** Evaluates one check against the metric's value. */
export function evaluateCheck(check: Check, value: MetricValue): CheckResult {
  const mean = metricMean(value);
  const deviation = Math.abs(mean - check.reference);
  const scale =
    check.kind === 'absolute'
      ? 1
      : check.kind === 'relative'
        ? Math.abs(check.reference)
        : typeof value === 'number'
          ? 0
          : value.stderr;
  const allowed = check.tolerance * scale;
  return { ...check, value: mean, deviation, allowed, passed: deviation <= allowed };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function metricProblem(name: string, value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `metric "${name}" is ${value}`;
  if (value !== null && typeof value === 'object') {
    const { mean, stderr } = value as { mean?: unknown; stderr?: unknown };
    if (!isFiniteNumber(mean)) return `metric "${name}" has mean ${String(mean)}`;
    if (!isFiniteNumber(stderr) || stderr < 0) return `metric "${name}" has stderr ${String(stderr)}`;
    return undefined;
  }
  return `metric "${name}" is ${JSON.stringify(value)}, not a number or {mean, stderr}`;
}

const artifactName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks an experiment's output against its declaration; returns the problems found (empty
 * when the output is valid).
 */
export function outputProblems(experiment: Experiment, output: ExperimentOutput): string[] {
  const problems: string[] = [];
  if (
    output === null ||
    typeof output !== 'object' ||
    typeof output.metrics !== 'object' ||
    !output.metrics
  ) {
    return ['run() must return an object with a "metrics" record'];
  }
  const declared = Object.keys(experiment.metrics);
  for (const name of declared) {
    if (!(name in output.metrics)) problems.push(`metric "${name}" is declared but missing`);
  }
  for (const [name, value] of Object.entries(output.metrics)) {
    if (!(name in experiment.metrics)) problems.push(`metric "${name}" is not declared in metrics`);
    const problem = metricProblem(name, value);
    if (problem !== undefined) problems.push(problem);
  }
  for (const [name, value] of Object.entries(output.reference ?? {})) {
    if (typeof value !== 'string') {
      const problem = metricProblem(name, value);
      if (problem !== undefined) problems.push(`reference ${problem.replace(/^metric /, '')}`);
    }
  }
  for (const check of output.checks ?? []) {
    const value = output.metrics[check.metric];
    if (value === undefined) problems.push(`check on unknown metric "${check.metric}"`);
    if (!['absolute', 'relative', 'stderr'].includes(check.kind)) {
      problems.push(`check on "${check.metric}" has unknown kind "${check.kind}"`);
    }
    if (!isFiniteNumber(check.reference))
      problems.push(`check on "${check.metric}" has reference ${check.reference}`);
    if (!isFiniteNumber(check.tolerance) || check.tolerance < 0) {
      problems.push(`check on "${check.metric}" has tolerance ${check.tolerance}; it must be finite and ≥ 0`);
    }
    if (check.kind === 'stderr' && typeof value === 'number') {
      problems.push(`check on "${check.metric}" is of kind "stderr" but the metric has no stderr`);
    }
  }
  const names = new Set<string>();
  for (const artifact of output.artifacts ?? []) {
    if (!artifactName.test(artifact.name) || artifact.name.includes('..')) {
      problems.push(`artifact name "${artifact.name}" must be a plain file name (letters, digits, . _ -)`);
    } else if ((reservedFileNames as readonly string[]).includes(artifact.name)) {
      problems.push(`artifact name "${artifact.name}" is reserved by the framework`);
    } else if (names.has(artifact.name)) {
      problems.push(`artifact name "${artifact.name}" is used twice`);
    }
    names.add(artifact.name);
  }
  for (const table of output.tables ?? []) {
    if (table.rows.some((row) => row.length !== table.columns.length)) {
      problems.push(
        `table "${table.title}" has rows whose length differs from its ${table.columns.length} columns`,
      );
    }
  }
  return problems;
}

/** Prepares the plots for storage; a malformed plot is a problem of the experiment. */
export function preparePlots(plots: ExperimentOutput['plots'], problems: string[]): PreparedPlot[] {
  const prepared: PreparedPlot[] = [];
  for (const plot of plots ?? []) {
    try {
      prepared.push(preparePlot(plot));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return prepared;
}

const resultShape = z.looseObject({
  experiment: z.string(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number(),
  metrics: z.record(z.string(), z.unknown()),
  reference: z.record(z.string(), z.unknown()),
  artifacts: z.array(z.string()),
});

/** Reads `result.json` of a run directory; throws an InputError if it is missing or not a physml result. */
export function readResultFile(directory: string): ExperimentResult {
  const path = join(directory, 'result.json');
  if (!existsSync(path)) {
    throw new InputError(
      `${directory} has no result.json (the run did not finish, or this is no run directory)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${path} is not valid JSON: ${reason}`);
  }
  const checked = resultShape.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InputError(`${path} is not a physml result: field "${issue.path.join('.')}" ${issue.message}`);
  }
  const result = parsed as ExperimentResult;
  // Older or hand-written results may lack the report's extras; default them.
  return {
    ...result,
    checks: result.checks ?? [],
    artifactDescriptions: result.artifactDescriptions ?? {},
    passed: result.passed ?? true,
    title: result.title ?? result.experiment,
    description: result.description ?? '',
    metricDefinitions: result.metricDefinitions ?? {},
    parameterDefinitions: result.parameterDefinitions ?? {},
    plots: result.plots ?? [],
    tables: result.tables ?? [],
  };
}
