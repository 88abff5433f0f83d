import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExperimentResult } from '../../src/experiments/framework/result.js';
import { escapeHtml, inlineSvg, renderReportHtml } from '../../src/report/html.js';

const hostile = '<script>alert("pwned")</script>';

/** A result with hostile text in every field a report shows. */
function result(): ExperimentResult {
  return {
    experiment: 'walk',
    params: { steps: 10, label: hostile },
    seed: 3,
    metrics: { energy: { mean: -1.2345, stderr: 0.0123 }, drift: 2e-9 },
    reference: { energy: -1.23, drift: 0, note: `Onsager ${hostile}` },
    artifacts: ['report.html', 'trajectory.csv', 'run.json'],
    artifactDescriptions: { 'trajectory.csv': `positions ${hostile}` },
    checks: [
      {
        metric: 'energy',
        reference: -1.23,
        tolerance: 3,
        kind: 'stderr',
        value: -1.2345,
        deviation: 0.0045,
        allowed: 0.0369,
        passed: true,
      },
      {
        metric: 'drift',
        reference: 0,
        tolerance: 1e-10,
        kind: 'absolute',
        value: 2e-9,
        deviation: 2e-9,
        allowed: 1e-10,
        passed: false,
      },
    ],
    passed: false,
    title: `Title ${hostile}`,
    description: `Description ${hostile} with <b>tags</b> & ampersands`,
    metricDefinitions: {
      energy: { description: `energy ${hostile}`, unit: 'J' },
      drift: { description: 'drift' },
    },
    parameterDefinitions: { steps: { description: 'steps', allowed: 'integer in [1, 10]' } },
    plots: [
      {
        kind: 'line',
        title: `Plot ${hostile}`,
        caption: `caption ${hostile}`,
        x: { title: 'time', unit: 's' },
        y: { title: 'x', unit: 'm' },
        series: [{ name: 'a', x: [0, 1, 2], y: [0, 1, 0] }],
      },
      {
        kind: 'line',
        title: 'Second plot',
        x: { title: 'time', unit: 's' },
        y: { title: 'x', unit: 'm' },
        series: [{ name: 'b', x: [0, 1], y: [1, 0] }],
      },
    ],
    tables: [{ title: `Table ${hostile}`, columns: ['k', hostile], rows: [[1, hostile]] }],
    runDirectory: 'runs/walk-1',
    physmlVersion: '0.1.0',
    startedAt: '2024-01-01T00:00:00.000Z',
    finishedAt: '2024-01-01T00:00:02.500Z',
    durationSeconds: 2.5,
    resumed: false,
  };
}

describe('renderReportHtml', () => {
  it('escapes every piece of text: no injected element survives', async () => {
    const html = await renderReportHtml(result());
    assert.ok(!html.includes('<script'), 'no <script> element');
    assert.ok(!html.includes('<b>tags'), 'no injected tags');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;'));
    assert.ok(html.includes('&amp; ampersands'));
  });

  it('is self-contained: no URL to anything outside the run directory', async () => {
    const html = await renderReportHtml(result());
    assert.ok(!/https?:\/\//.test(html), 'no http(s) URL at all, not even SVG namespaces');
    assert.ok(!/\ssrc=/.test(html), 'no src attribute');
    assert.ok(!/<link\b/.test(html), 'no stylesheet link');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    for (const href of hrefs) assert.match(href, /^(#[\w-]+|[\w.-]+)$/, `relative link ${href}`);
    assert.deepEqual(
      hrefs.filter((href) => !href.startsWith('#')),
      ['result.json', 'report.html', 'trajectory.csv', 'run.json'],
    );
  });

  it('shows metrics against references with pass/fail, parameters, seed, timing and plots', async () => {
    const html = await renderReportHtml(result());
    assert.ok(html.includes('-1.234 ± 0.012'), 'estimate rounded to its error bar');
    assert.ok(html.includes('1 of 2 checks failed'));
    assert.match(html, /<span class="pass">pass<\/span>/);
    assert.match(html, /<span class="fail">FAIL<\/span>/);
    assert.ok(html.includes('integer in [1, 10]'));
    assert.ok(html.includes('<dt>seed</dt><dd>3</dd>'));
    assert.ok(html.includes('2.50 s'));
    assert.ok(html.includes('physml run walk --seed 3 --set steps=10'));
    assert.equal((html.match(/<svg/g) ?? []).length, 2);
    assert.ok(html.includes('time (s)'), 'axis title with unit');
  });

  it('gives each inlined plot its own ids, so clip paths do not clash', async () => {
    const html = await renderReportHtml(result());
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(ids.length >= 2);
    assert.equal(new Set(ids).size, ids.length, `unique ids: ${ids.join(', ')}`);
    for (const match of html.matchAll(/url\(#([^)]+)\)/g))
      assert.ok(ids.includes(match[1]), `url(#${match[1]}) resolves`);
  });

  it('shows a note instead of failing when a plot cannot be drawn', async () => {
    const broken = result();
    broken.plots = [{ kind: 'pie', title: 'Broken <plot>' } as never];
    const html = await renderReportHtml(broken);
    assert.match(html, /Could not draw “Broken &lt;plot&gt;”: unknown plot kind &quot;pie&quot;/);
  });
});

describe('escapeHtml and inlineSvg', () => {
  it('escapes the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('prefixes ids and their references and drops namespace URLs', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"></g></svg>';
    assert.equal(
      inlineSvg(svg, 'p2'),
      '<svg><clipPath id="p2-clip1"></clipPath><g clip-path="url(#p2-clip1)"></g></svg>',
    );
  });
});
