/**
 * Parameters: describing an experiment's schema to users (name, type, default, allowed
 * range) and turning user input (defaults, a config file, `--set key=value` strings) into
 * validated parameters, with errors that name the parameter, the allowed range and the
 * value given.
 */
import type { z } from 'zod';
import { type Experiment, type ParamsSchema, parameterJsonSchemas } from './define.js';
import { ParameterError } from './errors.js';
import { didYouMean } from './suggest.js';

/** The kind of value a parameter takes. */
export type ParameterType = 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'array' | 'object';

/** One parameter of an experiment, as `describe` shows it. */
export interface ParameterDescription {
  name: string;
  type: ParameterType;
  default: unknown;
  description: string;
  /** Inclusive bounds, when the parameter is a number. */
  minimum?: number;
  maximum?: number;
  /** Exclusive bounds, when the parameter is a number. */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** The allowed values of an enum. */
  values?: string[];
  /** The element type of an array. */
  items?: ParameterType;
  /** The allowed values in words, e.g. "integer in [1, 1024]" or "one of cg, descent". */
  allowed: string;
}

/** A set of raw parameter values and where they came from (for error messages). */
export interface ParameterSource {
  /** E.g. "--set" or "config file run.yaml". */
  label: string;
  values: Record<string, unknown>;
  /** True when the values are strings typed by a user and must be parsed by type. */
  fromText?: boolean;
}

function typeOf(json: Record<string, unknown>): ParameterType {
  if (Array.isArray(json.enum)) return 'enum';
  const type = json.type;
  if (type === 'integer' || type === 'number' || type === 'boolean' || type === 'string') return type;
  if (type === 'array') return 'array';
  return 'object';
}

function rangeText(json: Record<string, unknown>): string {
  const lower =
    typeof json.exclusiveMinimum === 'number'
      ? `(${json.exclusiveMinimum}`
      : typeof json.minimum === 'number'
        ? `[${json.minimum}`
        : '(-∞';
  const upper =
    typeof json.exclusiveMaximum === 'number'
      ? `${json.exclusiveMaximum})`
      : typeof json.maximum === 'number'
        ? `${json.maximum}]`
        : '∞)';
  return `${lower}, ${upper}`;
}

function allowedText(json: Record<string, unknown>): string {
  const type = typeOf(json);
  switch (type) {
    case 'integer':
    case 'number':
      return `${type} in ${rangeText(json)}`;
    case 'enum':
      return `one of ${(json.enum as unknown[]).map(String).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = (json.items ?? {}) as Record<string, unknown>;
      return `list of ${allowedText(items)}`;
    }
    default:
      return type;
  }
}

/** The parameters of an experiment, in declaration order. */
export function describeParameters(schema: ParamsSchema): ParameterDescription[] {
  return Object.entries(parameterJsonSchemas(schema)).map(([name, json]) => {
    const description: ParameterDescription = {
      name,
      type: typeOf(json),
      default: json.default,
      description: typeof json.description === 'string' ? json.description : '',
      allowed: allowedText(json),
    };
    for (const bound of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
      const value = json[bound];
      // zod writes ±MAX_SAFE_INTEGER for plain .int(); that is no user-facing bound.
      if (typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER)
        description[bound] = value;
    }
    if (Array.isArray(json.enum)) description.values = json.enum.map(String);
    if (description.type === 'array')
      description.items = typeOf((json.items ?? {}) as Record<string, unknown>);
    return description;
  });
}

/** Parses one `--set` string by the parameter's type; throws a ParameterError naming it. */
export function parseParameterText(
  parameter: ParameterDescription,
  text: string,
  experiment: string,
): unknown {
  const fail = (problem: string): never => {
    throw new ParameterError(
      `parameter "${parameter.name}" of ${experiment} ${problem}; allowed: ${parameter.allowed}; got "${text}"`,
    );
  };
  const trimmed = text.trim();
  switch (parameter.type) {
    case 'number':
    case 'integer':
      return parseNumberText(trimmed, fail);
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      return fail('expects true or false');
    }
    case 'enum':
    case 'string':
      return text;
    case 'array': {
      if (trimmed.startsWith('[')) return parseJsonText(trimmed, fail);
      if (trimmed === '') return [];
      const itemType = parameter.items ?? 'string';
      return trimmed.split(',').map((item) => {
        const piece = item.trim();
        if (itemType === 'number' || itemType === 'integer') return parseNumberText(piece, fail);
        if (itemType === 'boolean') return ['true', '1', 'yes', 'on'].includes(piece.toLowerCase());
        return piece;
      });
    }
    default:
      return parseJsonText(trimmed, fail);
  }
}

function parseNumberText(text: string, fail: (problem: string) => never): number {
  // Number('') is 0 and Number('0x10') is 16: accept only decimal notation.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    if (/^[+-]?(nan|inf|infinity)$/i.test(text)) fail('must be a finite number');
    fail('expects a number');
  }
  const value = Number(text);
  if (!Number.isFinite(value)) fail('must be a finite number');
  return value;
}

function parseJsonText(text: string, fail: (problem: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('expects a JSON value');
  }
}

/**
 * Splits `--set key=value` strings into a record; the same key given twice keeps the last
 * value. Throws a ParameterError for a string without `=`.
 */
export function parseAssignments(assignments: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      throw new ParameterError(`--set expects key=value, got "${assignment}"`);
    }
    values[assignment.slice(0, equals).trim()] = assignment.slice(equals + 1);
  }
  return values;
}

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}

function formatGiven(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One zod issue as a sentence that names the parameter, the allowed values and the value given. */
function issueText(
  issue: z.core.$ZodIssue,
  experiment: string,
  parameters: Map<string, ParameterDescription>,
  merged: Record<string, unknown>,
): string {
  if (issue.path.length === 0) return `parameters of ${experiment}: ${issue.message}`;
  const name = String(issue.path[0]);
  const parameter = parameters.get(name);
  const given = formatGiven(valueAt(merged, issue.path));
  const allowed = parameter === undefined ? '' : `; allowed: ${parameter.allowed}`;
  let problem: string;
  switch (issue.code) {
    case 'too_big':
      problem = `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
      break;
    case 'too_small':
      problem = `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
      break;
    case 'invalid_type': {
      const received = (issue as { received?: string }).received;
      if (received === 'NaN' || received === 'Infinity') problem = 'must be a finite number';
      else if (issue.expected === 'int') problem = 'must be an integer';
      else problem = `expects ${issue.expected === 'number' ? 'a number' : `a ${issue.expected}`}`;
      break;
    }
    case 'invalid_value':
      problem = `must be one of ${issue.values.map(String).join(', ')}`;
      break;
    default:
      problem = issue.message.replace(/^Invalid input: /, '');
  }
  return `parameter "${pathText(issue.path)}" of ${experiment} ${problem}${allowed}; got ${given}`;
}

/**
 * Merges the sources (later ones win) over the defaults, rejects unknown names and invalid
 * values, and returns the validated parameters (defaults filled in).
 */
export function resolveParams<Schema extends ParamsSchema>(
  experiment: Experiment<Schema>,
  sources: readonly ParameterSource[] = [],
): z.output<Schema> {
  const parameters = new Map(describeParameters(experiment.params).map((p) => [p.name, p]));
  const names = [...parameters.keys()];
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [name, raw] of Object.entries(source.values)) {
      const parameter = parameters.get(name);
      if (parameter === undefined) {
        throw new ParameterError(
          `unknown parameter "${name}" for ${experiment.name} (from ${source.label}); allowed: ${names.join(', ') || '(none)'}${didYouMean(name, names)}`,
        );
      }
      merged[name] =
        source.fromText && typeof raw === 'string'
          ? parseParameterText(parameter, raw, experiment.name)
          : raw;
    }
  }
  const parsed = experiment.params.safeParse(merged);
  if (!parsed.success) {
    throw new ParameterError(
      parsed.error.issues.map((issue) => issueText(issue, experiment.name, parameters, merged)).join('; '),
    );
  }
  return parsed.data;
}
