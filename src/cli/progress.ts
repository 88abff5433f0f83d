/**
 * Progress on stderr: a live bar (cli-progress) on a terminal, plain throttled lines
 * otherwise (logs, CI): the first update (the run has started), then a line when progress
 * crosses a new tenth, at most one per second, and always the last one; a run prints at
 * most a dozen lines.
 */
import cliProgress from 'cli-progress';
import type { CliStream } from './io.js';

/** Receives an experiment's progress and log messages. */
export interface ProgressReporter {
  update(done: number, total: number, label?: string): void;
  /** Writes a log line without garbling the bar. */
  log(message: string): void;
  /** Ends the bar (or prints the final line if it was held back). */
  finish(): void;
}

/** Options of `createProgressReporter`. */
export interface ProgressOptions {
  stream: CliStream;
  /** Shown in front of every line, e.g. the experiment name. */
  name: string;
  /** Print nothing (logs included). */
  quiet?: boolean;
  /** Milliseconds, for tests. */
  now?: () => number;
}

/** A reporter that prints nothing. */
export function silentProgress(): ProgressReporter {
  return { update() {}, log() {}, finish() {} };
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.max(0, (100 * done) / total)) : 0;
}

function lineProgress(options: ProgressOptions): ProgressReporter {
  const { stream, name } = options;
  const now = options.now ?? (() => Date.now());
  let lastTime = Number.NEGATIVE_INFINITY;
  let lastTenth = -1;
  let pending: string | undefined;
  let pendingTenth = -1;
  const emit = (text: string, tenth: number) => {
    stream.write(`${text}\n`);
    lastTime = now();
    lastTenth = tenth;
    pending = undefined;
  };
  return {
    update(done, total, label) {
      const share = percent(done, total);
      const tenth = Math.floor(share / 10);
      const text = `${name}: ${share.toFixed(0)}% (${done}/${total})${label ? ` ${label}` : ''}`;
      // 100% is tenth 10, so the final update always counts as a new tenth.
      if (tenth <= lastTenth) return;
      if (now() - lastTime >= 1000) emit(text, tenth);
      else {
        pending = text;
        pendingTenth = tenth;
      }
    },
    log(message) {
      stream.write(`${message}\n`);
    },
    finish() {
      if (pending !== undefined) emit(pending, pendingTenth);
    },
  };
}

function barProgress(options: ProgressOptions): ProgressReporter {
  const { stream, name } = options;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `${name} [{bar}] {percentage}% {value}/{total} {label} | eta {eta_formatted}`,
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, done, { label: label ?? '' });
        started = true;
      } else {
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(done, { label: label ?? '' });
      }
    },
    log(message) {
      // Clear the bar's line, print, and let the next update redraw the bar.
      stream.write(`${started ? '\r\u001b[K' : ''}${message}\n`);
    },
    finish() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** The reporter for a stream: a bar on a terminal, throttled lines elsewhere, nothing when quiet. */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  if (options.quiet) return silentProgress();
  return options.stream.isTTY ? barProgress(options) : lineProgress(options);
}
