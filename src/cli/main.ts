/**
 * The `physml` command line: `list`, `describe`, `run`, `report`, `tour`, `sweep`, `lab`.
 *
 * Exit codes: 0 success; 1 a failed run (or, for `tour`, a failed check); 2 bad input
 * (unknown experiment or parameter, out-of-range value, bad option, unusable run directory).
 * `sweep` exits with 1 when one of its runs failed.
 * Errors are one line on stderr, `physml: ...`; set PHYSML_DEBUG=1 for the stack trace.
 */
import { Command, CommanderError } from 'commander';
import { exitCodeOf, RunFailedError } from '../experiments/framework/errors.js';
import { physmlVersion } from '../experiments/framework/version.js';
import { registerDescribe } from './describe.js';
import { type CliIo, printError, processIo } from './io.js';
import { registerLab } from './lab.js';
import { registerList } from './list.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerSweep } from './sweep.js';
import { registerTour } from './tour.js';

/** The error line for a failed run: the reason, and how to resume when a checkpoint was kept. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RunFailedError && error.location.resumable && error.location.runDirectory) {
    return `${message}; checkpoint kept, continue with: physml run --resume ${error.location.runDirectory}`;
  }
  return message;
}

function printDebug(io: CliIo, error: unknown): void {
  if (io.env.PHYSML_DEBUG !== '1') return;
  let current: unknown = error;
  while (current instanceof Error) {
    io.stderr.write(`${current.stack ?? current.message}\n`);
    current = current.cause;
    if (current !== undefined) io.stderr.write('caused by: ');
  }
}

/** Builds the commander program; `setExitCode` lets a command finish with a non-zero code. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('physml')
    .description('The physics of learning, runnable and checked against exact physics.')
    .version(physmlVersion(), '-V, --version')
    .showHelpAfterError('(run physml --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`physml: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride();
  registerList(program, io);
  registerDescribe(program, io);
  registerRun(program, io);
  registerReport(program, io);
  registerTour(program, io, setExitCode);
  registerSweep(program, io, setExitCode);
  registerLab(program, io);
  for (const command of program.commands) command.exitOverride().showHelpAfterError(false);
  return program;
}

/**
 * Runs the CLI. `argv` is a full process argv (`[node, script, ...arguments]`); returns the
 * exit code instead of exiting, so it can run inside tests.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length <= 2) {
    io.stderr.write(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; every other commander error is a usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    printError(io, describeFailure(error));
    printDebug(io, error);
    return exitCodeOf(error);
  }
}
