/**
 * A sweep's records: `sweep.json` (what was varied, every run's parameters, seed, directory,
 * metrics and verdict) and its `index.html`, one table row per run linking the run's report.
 * Self-contained HTML like the run reports and the tour index.
 */
import type { MetricValue } from '../experiments/framework/define.js';
import {
  formatDuration,
  formatMetric,
  formatParameterValue,
  formatVerdict,
  plural,
} from '../report/format.js';
import { escapeHtml, htmlTable } from '../report/html.js';
import { reportStyle } from '../report/style.js';

/** One run of a sweep, as `sweep.json` records it. */
export interface SweepRunRecord {
  /** Position in the grid. */
  index: number;
  /** The varied parameters' values. */
  values: Record<string, unknown>;
  seed: number;
  status: 'pending' | 'finished' | 'failed';
  /** The run directory, relative to the sweep directory (of a failed run: kept with a checkpoint, resumable). */
  runDirectory?: string;
  /** True when every check passed. */
  passed?: boolean;
  checksPassed?: number;
  checks?: number;
  metrics?: Record<string, MetricValue>;
  /** Why the run failed. */
  error?: string;
  durationSeconds?: number;
}

/** The content of `sweep.json`. */
export interface SweepRecord {
  format: 'physml-sweep';
  version: 1;
  experiment: string;
  title: string;
  /** Each varied parameter's values, in `--vary` order. */
  vary: Record<string, unknown[]>;
  /** The parameters every run shares (from defaults, `--config` and `--set`). */
  fixed: Record<string, unknown>;
  seeds: number[];
  threads: number;
  status: 'running' | 'finished';
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  /** True when every run finished and passed its checks (set when finished). */
  passed?: boolean;
  runs: SweepRunRecord[];
  physmlVersion: string;
}

/** "pass", "FAIL", "run failed" or "pending". */
export function runVerdict(run: SweepRunRecord): string {
  if (run.status === 'failed') return 'run failed';
  if (run.status === 'pending') return 'pending';
  return formatVerdict(run.passed === true);
}

function statusCell(run: SweepRunRecord): string {
  const kind = run.status === 'finished' && run.passed ? 'pass' : run.status === 'pending' ? 'muted' : 'fail';
  return `<span class="${kind}">${escapeHtml(runVerdict(run))}</span>`;
}

function link(run: SweepRunRecord, text: string): string {
  if (run.runDirectory === undefined || run.status !== 'finished') return escapeHtml(text);
  const href = `${run.runDirectory.split('/').map(encodeURIComponent).join('/')}/report.html`;
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** Renders the sweep's index as an HTML document. */
export function renderSweepIndex(record: SweepRecord, metricNames: readonly string[]): string {
  const varied = Object.keys(record.vary);
  const number = (text: string) => `<span class="number">${escapeHtml(text)}</span>`;
  const rows = record.runs.map((run) => [
    link(run, String(run.index)),
    ...varied.map((name) => `<code>${escapeHtml(formatParameterValue(run.values[name]))}</code>`),
    number(String(run.seed)),
    statusCell(run),
    number(run.checks === undefined ? '—' : `${run.checksPassed} / ${run.checks}`),
    ...metricNames.map((name) => {
      const value = run.metrics?.[name];
      return number(value === undefined ? '—' : formatMetric(value));
    }),
    number(run.durationSeconds === undefined ? '—' : formatDuration(run.durationSeconds)),
    escapeHtml(run.error ?? ''),
  ]);
  const headers = ['run', ...varied, 'seed', 'status', 'checks passed', ...metricNames, 'duration', 'error'];
  const failed = record.runs.filter((run) => run.status !== 'finished' || !run.passed).length;
  const total = plural(record.runs.length, 'run');
  const badge =
    record.status === 'running'
      ? `<span class="badge">running</span>`
      : record.passed
        ? `<span class="badge pass">all ${total} passed</span>`
        : `<span class="badge fail">${failed} of ${total} failed</span>`;
  const fixed = Object.entries(record.fixed)
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(formatParameterValue(value))}</dd>`)
    .join('');
  const vary = Object.entries(record.vary)
    .map(([name, values]) => `${name} ∈ {${values.map(formatParameterValue).join('; ')}}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>physml sweep: ${escapeHtml(record.experiment)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header>
<h1>Sweep of ${escapeHtml(record.experiment)}</h1>
<p>${badge}</p>
<p class="description">${escapeHtml(record.title)}. Every combination of ${escapeHtml(vary || 'no varied parameter')}, with ${escapeHtml(plural(record.seeds.length, 'seed'))} (${escapeHtml(record.seeds.join(', '))}). Each run number links to the run's full report.</p>
<dl class="meta"><dt>started</dt><dd>${escapeHtml(record.startedAt)}</dd><dt>duration</dt><dd>${escapeHtml(record.durationSeconds === undefined ? '—' : formatDuration(record.durationSeconds))}</dd><dt>threads</dt><dd>${record.threads}</dd><dt>physml</dt><dd>${escapeHtml(record.physmlVersion)}</dd></dl>
</header>
<main>
<section><h2>Runs</h2>${htmlTable(headers, rows)}</section>
<section><h2>Fixed parameters</h2><dl class="meta">${fixed}</dl></section>
</main>
<footer>Generated by physml ${escapeHtml(record.physmlVersion)}.</footer>
</body>
</html>
`;
}
