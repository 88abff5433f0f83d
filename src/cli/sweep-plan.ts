/**
 * Planning a sweep: `--vary name=v1,v2,...` (repeatable) and `--seeds 0..3` become the
 * Cartesian grid of runs, every grid point validated against the experiment's schema before
 * anything runs, so that a bad value fails at once, naming the parameter and its allowed range.
 *
 * Values are parsed like `--set`. They are split at commas outside brackets and quotes, so a
 * list parameter takes JSON lists: `--vary 'hidden=[4,8],[16]'` (quoted for the shell).
 */
import type { Experiment } from '../experiments/framework/define.js';
import { InputError, ParameterError } from '../experiments/framework/errors.js';
import {
  describeParameters,
  type ParameterSource,
  parseParameterText,
  resolveParams,
} from '../experiments/framework/params.js';
import { stableStringify } from '../experiments/framework/run-directory.js';
import { validateSeed } from '../experiments/framework/runner.js';
import { didYouMean } from '../experiments/framework/suggest.js';

/** Most runs one sweep may make (a guard against a mistyped range). */
export const MAX_SWEEP_RUNS = 10_000;

/** One varied parameter: its name and values, parsed. */
export interface VariedParameter {
  name: string;
  values: unknown[];
}

/** One run of the grid. */
export interface SweepPoint {
  /** The varied parameters' values at this point, in `--vary` order. */
  values: Record<string, unknown>;
  seed: number;
}

/** Splits `text` at commas that are not inside brackets, braces or double quotes. */
export function splitTopLevel(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces.map((piece) => piece.trim());
}

/** Parses the `--vary` options of a sweep of `experiment`; throws an InputError on bad input. */
export function parseVary(experiment: Experiment, texts: readonly string[]): VariedParameter[] {
  const parameters = new Map(describeParameters(experiment.params).map((p) => [p.name, p]));
  const names = [...parameters.keys()];
  const varied: VariedParameter[] = [];
  for (const text of texts) {
    const equals = text.indexOf('=');
    if (equals <= 0) throw new InputError(`--vary expects name=value1,value2,..., got "${text}"`);
    const name = text.slice(0, equals).trim();
    const parameter = parameters.get(name);
    if (parameter === undefined) {
      throw new ParameterError(
        `unknown parameter "${name}" for ${experiment.name} (from --vary); allowed: ${names.join(', ') || '(none)'}${didYouMean(name, names)}`,
      );
    }
    if (varied.some((other) => other.name === name)) {
      throw new InputError(`--vary ${name} is given twice; list all its values in one --vary`);
    }
    const pieces = splitTopLevel(text.slice(equals + 1));
    if (pieces.some((piece) => piece === '')) {
      throw new InputError(`--vary ${name} has an empty value in "${text}"; allowed: ${parameter.allowed}`);
    }
    const values = pieces.map((piece) => parseParameterText(parameter, piece, experiment.name));
    const seen = new Set<string>();
    for (const [index, value] of values.entries()) {
      const key = stableStringify(value);
      if (seen.has(key)) throw new InputError(`--vary ${name} lists the value ${pieces[index]} twice`);
      seen.add(key);
    }
    varied.push({ name, values });
  }
  return varied;
}

/** Parses `--seeds`: `a..b` (inclusive), a comma-separated list, or one seed. */
export function parseSeeds(text: string): number[] {
  const fail = (): never => {
    throw new InputError(
      `--seeds expects a range a..b (e.g. 0..3), a list (e.g. 1,5,9) or one seed, of integers ≥ 0; got "${text}"`,
    );
  };
  const integer = (piece: string): number => {
    if (!/^\d+$/.test(piece.trim())) fail();
    return validateSeed(Number(piece.trim()));
  };
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  let seeds: number[];
  if (range !== null) {
    const [first, last] = [integer(range[1]), integer(range[2])];
    if (last < first) throw new InputError(`--seeds range ${text} is empty: the end must be ≥ the start`);
    if (last - first + 1 > MAX_SWEEP_RUNS) {
      throw new InputError(`--seeds ${text} has ${last - first + 1} seeds; at most ${MAX_SWEEP_RUNS}`);
    }
    seeds = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  } else {
    seeds = text.split(',').map(integer);
  }
  if (new Set(seeds).size !== seeds.length) throw new InputError(`--seeds ${text} lists a seed twice`);
  return seeds;
}

/** The grid: every combination of the varied values (the last `--vary` fastest), each seed innermost. */
export function sweepGrid(varied: readonly VariedParameter[], seeds: readonly number[]): SweepPoint[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const { name, values } of varied) {
    combinations = combinations.flatMap((combination) =>
      values.map((value) => ({ ...combination, [name]: value })),
    );
  }
  return combinations.flatMap((values) => seeds.map((seed) => ({ values, seed })));
}

/**
 * Checks every grid point against the schema (base sources, then the point's values) and the
 * size of the grid; throws the first problem as an InputError. A point's values never clash
 * with `--set`: a parameter is either fixed or varied.
 */
export function validateGrid(
  experiment: Experiment,
  base: readonly ParameterSource[],
  varied: readonly VariedParameter[],
  points: readonly SweepPoint[],
): void {
  if (points.length > MAX_SWEEP_RUNS) {
    throw new InputError(`the sweep has ${points.length} runs; at most ${MAX_SWEEP_RUNS}`);
  }
  for (const { name } of varied) {
    const fixed = base.find((source) => source.label === '--set' && name in source.values);
    if (fixed !== undefined) {
      throw new InputError(`parameter "${name}" is both set (--set) and varied (--vary); drop one`);
    }
  }
  const checked = new Set<string>();
  for (const point of points) {
    const key = stableStringify(point.values);
    if (checked.has(key)) continue;
    checked.add(key);
    resolveParams(experiment, [...base, { label: '--vary', values: point.values }]);
  }
}
