/**
 * Numbers for people: metrics with their error bars, references, checks and durations,
 * formatted the same way in the terminal and in the HTML report.
 */
import type { MetricValue, ReferenceValue } from '../experiments/framework/define.js';
import type { CheckResult } from '../experiments/framework/result.js';

function trimZeros(text: string): string {
  // "0.441200" → "0.4412", "6.5500e-15" → "6.55e-15"; integers stay as they are.
  return text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/**
 * A number with `digits` significant digits: exponent notation below 1e-3 and from 1e6 on,
 * plain notation in between; trailing zeros removed.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return trimZeros(value.toExponential(digits - 1));
  if (Number.isInteger(value)) return String(value);
  return trimZeros(value.toPrecision(digits));
}

/**
 * A metric: a number, or "mean ± stderr" with the mean rounded to the error bar's two
 * significant digits (0.44123 ± 0.00312 → "0.4412 ± 0.0031").
 */
export function formatMetric(value: MetricValue): string {
  if (typeof value === 'number') return formatNumber(value);
  const { mean, stderr } = value;
  if (!(stderr > 0) || !Number.isFinite(stderr)) return `${formatNumber(mean)} ± ${formatNumber(stderr)}`;
  const decimals = 1 - Math.floor(Math.log10(stderr));
  if (decimals >= 0 && decimals <= 8 && Math.abs(mean) < 1e6) {
    return `${mean.toFixed(decimals)} ± ${stderr.toFixed(decimals)}`;
  }
  return `${formatNumber(mean, 5)} ± ${formatNumber(stderr, 2)}`;
}

/** A reference value (a number, an estimate, or a note); "—" when there is none. */
export function formatReference(value: ReferenceValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return formatMetric(value);
}

/** The rule a check applies, e.g. "|Δ| = 6.6e-15 ≤ 1e-12" or "|Δ| = 0.8 σ ≤ 3 σ". */
export function formatCheckRule(check: CheckResult): string {
  const relation = check.passed ? '≤' : '>';
  if (check.kind === 'stderr') {
    const sigmas =
      check.allowed > 0 ? (check.deviation * check.tolerance) / check.allowed : Number.POSITIVE_INFINITY;
    return `|Δ| = ${formatNumber(sigmas, 2)} σ ${relation} ${formatNumber(check.tolerance)} σ`;
  }
  const limit =
    check.kind === 'relative' ? `${formatNumber(check.tolerance)}·|ref|` : formatNumber(check.allowed);
  return `|Δ| = ${formatNumber(check.deviation, 2)} ${relation} ${limit}`;
}

/** "1 check", "3 checks": a count with its noun, plural when needed. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "pass" or "FAIL". */
export function formatVerdict(passed: boolean): string {
  return passed ? 'pass' : 'FAIL';
}

/** A duration: "0.42 s", "12.3 s", "4 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds - 60 * minutes)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A parameter value for display: lists comma-separated, everything else as JSON or text. */
export function formatParameterValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatParameterValue).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The shell command that reproduces a run: `physml run X --seed n --set k=v ...`. */
export function reproduceCommand(experiment: string, seed: number, params: Record<string, unknown>): string {
  const quote = (text: string) =>
    /^[A-Za-z0-9_.,=:+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
  const sets = Object.entries(params).map(
    ([name, value]) => `--set ${quote(`${name}=${formatParameterValue(value)}`)}`,
  );
  return ['physml run', quote(experiment), `--seed ${seed}`, ...sets].join(' ');
}
