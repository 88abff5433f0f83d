/**
 * The physml version recorded in run manifests and results, read from package.json (found
 * three levels up from this file both in src/ and in the compiled dist/).
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version field of physml's package.json, or "unknown" if it cannot be read. */
export function physmlVersion(): string {
  if (cached === undefined) {
    try {
      const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
      cached = String((JSON.parse(text) as { version?: unknown }).version ?? 'unknown');
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
