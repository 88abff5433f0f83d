/**
 * Human-readable results for the terminal: a run's metrics against their references, and
 * the tour's table of every check.
 */
import type { ExperimentResult } from '../experiments/framework/result.js';
import {
  formatCheckRule,
  formatDuration,
  formatMetric,
  formatReference,
  formatVerdict,
  plural,
} from '../report/format.js';
import { renderTable } from './table.js';

/** One row per metric: name, value ± stderr, unit, reference, check verdict, rule. */
export function metricRows(result: ExperimentResult): string[][] {
  return Object.entries(result.metrics).map(([name, value]) => {
    const checks = result.checks.filter((check) => check.metric === name);
    return [
      name,
      formatMetric(value),
      result.metricDefinitions[name]?.unit ?? '',
      formatReference(result.reference[name]),
      checks.length === 0 ? '—' : formatVerdict(checks.every((check) => check.passed)),
      checks.map(formatCheckRule).join('; '),
    ];
  });
}

/** "all 5 checks passed", "2 of 5 checks FAILED" or "no checks". */
export function checksVerdict(result: ExperimentResult): string {
  const failed = result.checks.filter((check) => !check.passed).length;
  if (result.checks.length === 0) return 'no checks';
  return failed === 0
    ? `all ${plural(result.checks.length, 'check')} passed`
    : `${failed} of ${plural(result.checks.length, 'check')} FAILED`;
}

/** The summary `physml run` prints without `--json`. */
export function runSummary(result: ExperimentResult, runDirectory: string): string {
  const header = `${result.experiment} (seed ${result.seed}) finished in ${formatDuration(result.durationSeconds)}: ${checksVerdict(result)}`;
  const table = renderTable(['metric', 'value', 'unit', 'reference', 'check', 'rule'], metricRows(result), {
    indent: '  ',
  });
  const report = result.artifacts.includes('report.html') ? [`report: ${runDirectory}/report.html`] : [];
  return [header, '', table, '', `run directory: ${runDirectory}`, ...report, ''].join('\n');
}
