/**
 * Small shared helpers for the benchmarks in `bench/`: timing (warm-up, then the median of
 * repeats), GFLOP/s figures, markdown tables, and running a Python peer that prints JSON.
 *
 * Benchmarks print ratios against a peer measured in the same run; they are never timed
 * assertions inside tests.
 */
import { spawnSync } from 'node:child_process';
import { enableRelaxedSimd } from '../src/cli/relaxed-simd.js';
import { getKernels, wasmMultiplyAdd } from '../src/core/kernels/index.js';

// The benchmarks measure what the CLI runs: relaxed SIMD on, so the kernels use their fused
// multiply-add build (set PHYSML_WASM_MULTIPLY_ADD=separate to measure the other one). No
// kernels module has compiled yet when this module loads.
enableRelaxedSimd();

/** Timings of one measured function, in milliseconds. */
export interface Timing {
  /** Median over the repeats: the figure to report. */
  medianMs: number;
  /** Fastest repeat (least disturbed by other work on the machine). */
  minMs: number;
  /** Slowest repeat. */
  maxMs: number;
  /** Every repeat, in the order run. */
  samplesMs: number[];
}

/** Options of `measure`. */
export interface MeasureOptions {
  /** Runs before timing starts (JIT compilation, caches, scratch buffers); default 2. */
  warmup?: number;
  /** Timed runs; default 5. */
  repeats?: number;
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: values must not be empty');
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `fn` `warmup` times untimed, then `repeats` times timed, and summarizes the timings. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const warmup = options.warmup ?? 2;
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new Error(`measure: warmup must be an integer ≥ 0, got ${warmup}`);
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new Error(`measure: repeats must be an integer ≥ 1, got ${repeats}`);
  }
  for (let i = 0; i < warmup; i++) fn();
  const samplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    samplesMs.push(performance.now() - start);
  }
  return {
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs,
  };
}

/** Floating-point operations of an m×k by k×n matrix product: 2·m·n·k. */
export function matmulFlops(m: number, n: number, k: number): number {
  return 2 * m * n * k;
}

/** Rate in GFLOP/s of `flops` operations done in `milliseconds`. */
export function gflops(flops: number, milliseconds: number): number {
  return flops / (milliseconds * 1e6);
}

/** A rate with three significant digits (`4.41`, `12.3`, `105`), or `n/a`. */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return 'n/a';
  return rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

/** A markdown pipe table: a header row, a separator, then the rows (cells already formatted). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Options of `runPythonPeer`. */
export interface PythonPeerOptions {
  /** Extra environment variables (added to this process's environment). */
  env?: Record<string, string>;
  /** Environment variables to remove from the inherited environment. */
  unset?: readonly string[];
  /** Wall-clock limit in milliseconds; default 10 minutes. */
  timeoutMs?: number;
  /** Interpreter; default `python3`. */
  python?: string;
}

/**
 * Runs `python3 script ...args` and parses the JSON object on the last non-empty line of its
 * standard output.
 * @throws Error with the peer's standard error when it cannot start, fails, or prints no JSON.
 */
export function runPythonPeer(
  script: string,
  args: readonly string[],
  options: PythonPeerOptions = {},
): unknown {
  const python = options.python ?? 'python3';
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of options.unset ?? []) delete env[name];
  const result = spawnSync(python, [script, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 600_000,
  });
  if (result.error) throw new Error(`runPythonPeer: cannot run ${python} ${script}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `runPythonPeer: ${python} ${script} exited with status ${result.status}:\n${result.stderr}`,
    );
  }
  const lines = result.stdout.split('\n').filter((line) => line.trim().length > 0);
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error(`runPythonPeer: ${script} printed nothing:\n${result.stderr}`);
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`runPythonPeer: the last line of ${script}'s output is not JSON: ${last.slice(0, 200)}`);
  }
}

/** The kernels in use and the WebAssembly build they run, e.g. `auto, fused multiply-add`. */
export function kernelLabel(): string {
  return `${getKernels().name}, ${wasmMultiplyAdd()} multiply-add`;
}
