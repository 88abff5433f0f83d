/**
 * Where the CLI writes: stdout carries results only (JSON with `--json`), stderr carries
 * progress, logs and errors. Commands take a `CliIo` so that tests can capture both.
 */

/** A writable text stream; `isTTY` decides between a progress bar and plain lines. */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The CLI's environment. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** True when the CLI runs as the process itself and may install a Ctrl-C handler. */
  ownsProcess: boolean;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, ownsProcess: true };
}

/** Writes one line to stderr, prefixed "physml: ". */
export function printError(io: CliIo, message: string): void {
  io.stderr.write(`physml: ${message}\n`);
}

/** Writes a JSON value to stdout as one pretty-printed document. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
