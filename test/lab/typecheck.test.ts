// The lab is compiled by Vite, which strips types without checking them; this checks them
// (lab/tsconfig.json: the app, its workers and the library sources they import).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { repository } from './lab-harness.js';

it('the lab type-checks (tsc -p lab/tsconfig.json)', async () => {
  const compiler = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const outcome = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [compiler, '-p', 'lab/tsconfig.json', '--noEmit'],
      { cwd: repository, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
  assert.equal(outcome.code, 0, outcome.output);
});
