// All randomness in physml flows from explicit, seeded keys (src/core/random). This test scans
// every file under src/ and fails, naming the file and the line, wherever the unseeded global
// generator is used: as `Math.random`, `Math['random']`, or destructured from `Math`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDirectory = join(root, 'src');

const PATTERNS = [
  /\bMath\s*(?:\?\.|\.)\s*random\b/, // Math.random, Math?.random, Math . random
  /\bMath\s*(?:\?\.)?\s*\[\s*(['"`])random\1\s*\]/, // Math['random']
  /\{[^}]*\brandom\b[^}]*\}\s*=\s*Math\b/, // const { random } = Math
];

/** The 1-based line numbers of `text` where the global generator appears. */
function findMathRandom(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (PATTERNS.some((pattern) => pattern.test(line))) found.push(index + 1);
  });
  return found;
}

function listFiles(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

describe('no Math.random in src/', () => {
  it('the detector finds every spelling, on the right line, and nothing else', () => {
    const sample = [
      'const a = 1;',
      `const u = Math.${'random'}();`,
      `const v = Math['${'random'}']();`,
      `const { ${'random'} } = Math;`,
      'const key = makeKey(1); // randomBits(key, 3) is fine',
      `const w = Math . ${'random'}();`,
    ].join('\n');
    assert.deepEqual(findMathRandom(sample), [2, 3, 4, 6]);
  });

  it('no file under src/ uses the unseeded global generator', () => {
    const files = listFiles(sourceDirectory);
    assert.ok(files.length > 0, `no files found under ${sourceDirectory}`);
    const offences: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const line of findMathRandom(text)) offences.push(`${relative(root, file)}:${line}`);
    }
    assert.deepEqual(
      offences,
      [],
      `Math.random found (use a key from src/core/random instead):\n  ${offences.join('\n  ')}`,
    );
  });
});
