/**
 * The run report: one self-contained `report.html` per run, readable offline and by itself
 * (inline CSS, plots as inline SVG, no script, no external URL): title, description,
 * metrics against their references with pass/fail, parameters, plots, tables, artifacts,
 * seed, timing and the command that reproduces the run. All text is HTML-escaped.
 */
import type { ExperimentResult } from '../experiments/framework/result.js';
import {
  formatCheckRule,
  formatDuration,
  formatMetric,
  formatNumber,
  formatParameterValue,
  formatReference,
  formatVerdict,
  plural,
  reproduceCommand,
} from './format.js';
import { renderPlotSvg } from './plots.js';
import { reportStyle } from './style.js';

/** Escapes the five HTML-special characters, so any text is shown as text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Makes an SVG fit for inlining next to others: drops the namespace declarations (HTML
 * does not need them, and they are the only URLs a Vega SVG contains) and prefixes every
 * id (Vega numbers its clip paths from 1 in each plot, so two plots would clash).
 */
export function inlineSvg(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(match[1]);
  let out = svg.replace(/\sxmlns(:xlink)?="[^"]*"/g, '');
  for (const id of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${escaped}"`, 'g'), `$1${prefix}-${id}"`)
      .replace(new RegExp(`url\\(#${escaped}\\)`, 'g'), `url(#${prefix}-${id})`)
      .replace(new RegExp(`(href=")#${escaped}"`, 'g'), `$1#${prefix}-${id}"`);
  }
  return out;
}

/** A table from header cells and rows of already-escaped HTML cells. */
export function htmlTable(headers: string[], rows: string[][], className = ''): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function verdictCell(passed: boolean | undefined): string {
  if (passed === undefined) return '<span class="muted">—</span>';
  return `<span class="${passed ? 'pass' : 'fail'}">${formatVerdict(passed)}</span>`;
}

function metricsSection(result: ExperimentResult): string {
  const names = [...new Set([...Object.keys(result.metricDefinitions), ...Object.keys(result.metrics)])];
  const rows = names.map((name) => {
    const definition = result.metricDefinitions[name];
    const checks = result.checks.filter((check) => check.metric === name);
    const value = result.metrics[name];
    return [
      `<code>${escapeHtml(name)}</code>`,
      `<span class="number">${escapeHtml(value === undefined ? '—' : formatMetric(value))}</span>`,
      escapeHtml(definition?.unit ?? ''),
      `<span class="number">${escapeHtml(formatReference(result.reference[name]))}</span>`,
      checks.length === 0 ? verdictCell(undefined) : verdictCell(checks.every((check) => check.passed)),
      escapeHtml(checks.map(formatCheckRule).join('; ')),
      escapeHtml(definition?.description ?? ''),
    ];
  });
  const extraReferences = Object.entries(result.reference).filter(([name]) => !names.includes(name));
  const notes =
    extraReferences.length === 0
      ? ''
      : `<ul class="notes">${extraReferences
          .map(
            ([name, value]) =>
              `<li><code>${escapeHtml(name)}</code>: ${escapeHtml(formatReference(value))}</li>`,
          )
          .join('')}</ul>`;
  return `<section><h2>Metrics</h2>${htmlTable(
    ['metric', 'value', 'unit', 'reference', 'check', 'rule', 'description'],
    rows,
    'metrics',
  )}${notes}</section>`;
}

function parametersSection(result: ExperimentResult): string {
  const rows = Object.entries(result.params).map(([name, value]) => {
    const definition = result.parameterDefinitions[name];
    return [
      `<code>${escapeHtml(name)}</code>`,
      `<span class="number">${escapeHtml(formatParameterValue(value))}</span>`,
      escapeHtml(definition?.allowed ?? ''),
      escapeHtml(definition?.description ?? ''),
    ];
  });
  rows.push([
    '<code>seed</code>',
    `<span class="number">${result.seed}</span>`,
    '',
    'the root of all randomness',
  ]);
  return `<section><h2>Parameters</h2>${htmlTable(['parameter', 'value', 'allowed', 'description'], rows)}</section>`;
}

async function plotsSection(result: ExperimentResult): Promise<string> {
  if (result.plots.length === 0) return '';
  const figures: string[] = [];
  for (const [index, plot] of result.plots.entries()) {
    let body: string;
    try {
      body = inlineSvg(await renderPlotSvg(plot), `plot${index + 1}`);
    } catch (error) {
      // One bad plot must not cost the whole report.
      const reason = error instanceof Error ? error.message : String(error);
      body = `<p class="fail">Could not draw “${escapeHtml(plot.title)}”: ${escapeHtml(reason)}</p>`;
    }
    const caption = plot.caption ? `<figcaption>${escapeHtml(plot.caption)}</figcaption>` : '';
    figures.push(`<figure>${body}${caption}</figure>`);
  }
  return `<section><h2>Plots</h2>${figures.join('\n')}</section>`;
}

function tablesSection(result: ExperimentResult): string {
  return result.tables
    .map((table) => {
      const rows = table.rows.map((cells) =>
        cells.map((cell) =>
          typeof cell === 'number'
            ? `<span class="number">${escapeHtml(formatNumber(cell))}</span>`
            : escapeHtml(String(cell)),
        ),
      );
      return `<section><h2>${escapeHtml(table.title)}</h2>${htmlTable(table.columns, rows)}</section>`;
    })
    .join('\n');
}

function artifactsSection(result: ExperimentResult): string {
  const items = ['result.json', ...result.artifacts].map((name) => {
    const description =
      name === 'result.json'
        ? 'the result: metrics, references, checks'
        : result.artifactDescriptions?.[name];
    // Artifact names are plain file names (checked by the runner), so a relative link stays inside the run.
    const link = `<a href="${escapeHtml(encodeURIComponent(name))}">${escapeHtml(name)}</a>`;
    return `<li>${link}${description ? ` — ${escapeHtml(description)}` : ''}</li>`;
  });
  return `<section><h2>Files</h2><ul>${items.join('')}</ul></section>`;
}

function summaryLine(result: ExperimentResult): string {
  const failed = result.checks.filter((check) => !check.passed).length;
  if (result.checks.length === 0) return '<span class="badge muted">no checks</span>';
  const total = plural(result.checks.length, 'check');
  return failed === 0
    ? `<span class="badge pass">all ${total} passed</span>`
    : `<span class="badge fail">${failed} of ${total} failed</span>`;
}

/** Renders the complete report of a run as an HTML document. */
export async function renderReportHtml(result: ExperimentResult): Promise<string> {
  const meta = [
    ['experiment', `<code>${escapeHtml(result.experiment)}</code>`],
    ['seed', String(result.seed)],
    ['started', escapeHtml(result.startedAt ?? '—')],
    [
      'duration',
      escapeHtml(
        `${formatDuration(result.durationSeconds)}${result.resumed ? ' (last segment; resumed run)' : ''}`,
      ),
    ],
    ['physml', escapeHtml(result.physmlVersion ?? 'unknown')],
    [
      'reproduce',
      `<code>${escapeHtml(reproduceCommand(result.experiment, result.seed, result.params))}</code>`,
    ],
  ]
    .map(([key, value]) => `<dt>${key}</dt><dd>${value}</dd>`)
    .join('');
  const title = escapeHtml(result.title || result.experiment);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — physml</title>
<style>${reportStyle}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p>${summaryLine(result)}</p>
<p class="description">${escapeHtml(result.description)}</p>
<dl class="meta">${meta}</dl>
</header>
<main>
${metricsSection(result)}
${parametersSection(result)}
${await plotsSection(result)}
${tablesSection(result)}
${artifactsSection(result)}
</main>
<footer>Generated by physml ${escapeHtml(result.physmlVersion ?? '')} on ${escapeHtml(result.finishedAt ?? '')}.</footer>
</body>
</html>
`;
}
