// Runs the CLI as a real process, as a user would. Under `npm test` the build runs first, so
// dist/ is fresh and we spawn bin/physml.js itself (about 0.3 s a call); when dist/ is missing
// or older than any file in src/ (while developing), we spawn src/cli/entry.ts through tsx
// instead (slower, about 0.7 s, but always current).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** What a finished process left behind. */
export interface ProcessOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  const main = join(repository, 'dist', 'cli', 'main.js');
  return existsSync(main) && statSync(main).mtimeMs >= newestModification(join(repository, 'src'));
}

/** The command line that starts the CLI: bin/physml.js when dist/ is fresh, tsx otherwise. */
export const cliCommand: string[] = distIsFresh()
  ? [join(repository, 'bin', 'physml.js')]
  : ['--import', import.meta.resolve('tsx'), join(repository, 'src', 'cli', 'entry.ts')];

/** Runs `physml <args>` in `cwd` with extra environment variables. */
export function physml(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...cliCommand, ...args],
      { cwd, env: { ...process.env, PHYSML_DEBUG: '', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
