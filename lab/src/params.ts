/**
 * Permalinks: a page's parameters (and seed) live in the URL hash, `#/<page>?name=value&…`, so
 * a link reproduces the view. Each page declares its parameters once (type, default, range);
 * `readParams` parses a query against them (out-of-range or malformed values fall back, with a
 * message naming the parameter and the allowed range) and `writeParams` writes them back in a
 * canonical order, so that reading what was written gives the same values (round trip).
 */

/** One parameter of a page. */
export type ParamSpec =
  | { kind: 'number'; default: number; min: number; max: number; integer?: boolean }
  | { kind: 'enum'; default: string; values: readonly string[] }
  | { kind: 'boolean'; default: boolean };

/** The parameters of a page, in the order they are written. */
export type ParamSpecs = Record<string, ParamSpec>;

/** The values of a page's parameters. */
export type ParamValues<S extends ParamSpecs> = {
  -readonly [K in keyof S]: S[K] extends { kind: 'number' }
    ? number
    : S[K] extends { kind: 'boolean' }
      ? boolean
      : string;
};

/** Text of a number in a URL: the shortest form that reads back as the same double. */
export function formatParam(value: number): string {
  return String(value);
}

function parseOne(name: string, spec: ParamSpec, raw: string): { value: unknown; problem?: string } {
  if (spec.kind === 'number') {
    const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : Number.NaN;
    const allowed = `${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
    if (!Number.isFinite(value) || (spec.integer && !Number.isInteger(value))) {
      return { value: spec.default, problem: `${name} must be ${allowed}, got "${raw}"` };
    }
    if (value < spec.min || value > spec.max) {
      return { value: spec.default, problem: `${name} must be ${allowed}, got ${raw}` };
    }
    return { value };
  }
  if (spec.kind === 'boolean') {
    if (raw === '1' || raw === 'true') return { value: true };
    if (raw === '0' || raw === 'false') return { value: false };
    return { value: spec.default, problem: `${name} must be 0 or 1, got "${raw}"` };
  }
  if (spec.values.includes(raw)) return { value: raw };
  return { value: spec.default, problem: `${name} must be one of ${spec.values.join(', ')}, got "${raw}"` };
}

/** The parameters in `query` (defaults for missing ones), and what was wrong with the rest. */
export function readParams<S extends ParamSpecs>(
  specs: S,
  query: URLSearchParams,
): { values: ParamValues<S>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = query.get(name);
    if (raw === null) {
      values[name] = spec.default;
      continue;
    }
    const parsed = parseOne(name, spec, raw);
    values[name] = parsed.value;
    if (parsed.problem) problems.push(parsed.problem);
  }
  return { values: values as ParamValues<S>, problems };
}

/** The canonical query of `values`: every parameter, in declaration order. */
export function writeParams<S extends ParamSpecs>(specs: S, values: ParamValues<S>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, spec] of Object.entries(specs)) {
    const value = (values as Record<string, unknown>)[name];
    if (spec.kind === 'number') query.set(name, formatParam(value as number));
    else if (spec.kind === 'boolean') query.set(name, value ? '1' : '0');
    else query.set(name, String(value));
  }
  return query;
}

/** A route: the page id and its query, from `#/<page>?<query>`. */
export interface Route {
  page: string;
  query: URLSearchParams;
}

/** Parses `location.hash`. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const question = body.indexOf('?');
  const page = (question < 0 ? body : body.slice(0, question)) || 'home';
  return { page, query: new URLSearchParams(question < 0 ? '' : body.slice(question + 1)) };
}

/** The hash of a route (`#/page?query`; the home page is `#/`). */
export function routeHash(page: string, query: URLSearchParams): string {
  const text = query.toString();
  return `#/${page === 'home' ? '' : page}${text ? `?${text}` : ''}`;
}
