/**
 * Parameter files: `--config params.json` or `--config params.yaml`, a mapping from
 * parameter names to values, e.g.
 *
 * ```yaml
 * n: 128
 * trials: 4
 * ```
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.js';
import type { ParameterSource } from './params.js';

/** Reads a JSON or YAML parameter file (by extension: .json, .yaml, .yml) as a parameter source. */
export function loadConfigFile(path: string): ParameterSource {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new InputError(`config file ${path} must end in .json, .yaml or .yml`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `config file ${path} does not exist` : `cannot read config file ${path} (${code})`,
    );
  }
  let values: unknown;
  try {
    values = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(
      `config file ${path} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${reason}`,
    );
  }
  if (values === null || values === undefined) values = {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new InputError(`config file ${path} must hold a mapping of parameter names to values`);
  }
  return { label: `config file ${path}`, values: values as Record<string, unknown> };
}
