import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preparePlot } from '../../src/experiments/framework/plot-spec.js';
import { renderPlotSvg } from '../../src/report/plots.js';
import { estimateTextWidth } from '../../src/report/text-width.js';
import { toVegaLite } from '../../src/report/vega-lite.js';
import { assertWellFormedSvg } from './svg-check.js';

const t = Array.from({ length: 300 }, (_, i) => i * 0.05);

describe('renderPlotSvg', () => {
  it('draws a line plot with log axis and several series, titles carrying units', async () => {
    const svg = await renderPlotSvg({
      kind: 'line',
      title: 'Energy decay',
      x: { title: 'time t', unit: 's' },
      y: { title: 'energy E', unit: 'J', scale: 'log' },
      series: [
        { name: 'gradient flow', x: t, y: t.map((s) => Math.exp(-s)) },
        { name: 'Euler', x: t, y: t.map((s) => Math.exp(-1.1 * s)) },
      ],
    });
    assertWellFormedSvg(svg);
    for (const text of ['Energy decay', 'time t (s)', 'energy E (J)', 'gradient flow', 'Euler']) {
      assert.ok(svg.includes(text), `SVG shows "${text}"`);
    }
    assert.ok(svg.length < 200_000, `${svg.length} bytes`);
  });

  it('draws a scatter plot', async () => {
    const svg = await renderPlotSvg({
      kind: 'scatter',
      title: 'Phase space',
      x: { title: 'position q', unit: 'm' },
      y: { title: 'momentum p', unit: 'kg·m/s' },
      series: [{ name: 'orbit', x: t.map(Math.cos), y: t.map(Math.sin) }],
    });
    assertWellFormedSvg(svg);
    assert.ok(svg.includes('position q (m)') && svg.includes('momentum p (kg·m/s)'));
  });

  it('draws a histogram with a reference density curve', async () => {
    const values = t.map((s) => Math.sin(s * 7.3));
    const svg = await renderPlotSvg({
      kind: 'histogram',
      title: 'Samples',
      x: { title: 'position x', unit: 'm' },
      samples: [{ name: 'Langevin', values }],
      reference: { name: 'Boltzmann density', x: [-1, 1], density: [0.5, 0.5] },
    });
    assertWellFormedSvg(svg);
    for (const text of ['position x (m)', 'probability density (1/m)', 'dashed: Boltzmann density']) {
      assert.ok(svg.includes(text), `SVG shows "${text}"`);
    }
  });

  it('draws a heatmap with a colour scale', async () => {
    const svg = await renderPlotSvg({
      kind: 'heatmap',
      title: 'Spins',
      x: { title: 'site column' },
      y: { title: 'site row' },
      color: { title: 'spin s' },
      rows: 8,
      columns: 8,
      values: Array.from({ length: 64 }, (_, i) => ((i * 7) % 3) - 1),
    });
    assertWellFormedSvg(svg);
    assert.ok(svg.includes('site column') && svg.includes('site row') && svg.includes('spin s'));
    assert.ok(!svg.includes('blocks'), 'an 8×8 map is drawn cell by cell, with no reduction note');
    assert.equal(
      (svg.match(/<path d="M[^"]*h\d+v\d+h-\d+Z" fill="rgb/g) ?? []).length,
      64,
      'one rect per cell',
    );
  });

  it('notes when a heatmap was reduced to blocks, and when values were dropped', async () => {
    const svg = await renderPlotSvg({
      kind: 'heatmap',
      title: 'Big',
      x: { title: 'j' },
      y: { title: 'i' },
      color: { title: 'v' },
      rows: 100,
      columns: 100,
      values: Array.from({ length: 10_000 }, (_, i) => (i === 5 ? Number.NaN : i % 7)),
      aggregate: 'maxAbs',
    });
    assertWellFormedSvg(svg);
    assert.ok(svg.includes('100×100 shown as 64×64 blocks (entry of largest magnitude of each)'));
    assert.ok(svg.includes('1 non-finite value(s) not shown'));
  });

  it('escapes text and contains no external reference besides XML namespaces', async () => {
    const svg = await renderPlotSvg({
      kind: 'line',
      title: '<script>alert("x")</script> & co',
      x: { title: 'a<b', unit: 's' },
      y: { title: 'y' },
      series: [{ name: '<b>bold</b>', x: [0, 1], y: [1, 2] }],
    });
    assertWellFormedSvg(svg);
    assert.ok(!svg.includes('<script'));
    assert.ok(svg.includes('&lt;script&gt;'));
    const namespaces = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];
    for (const url of svg.match(/https?:\/\/[^"]*/g) ?? []) assert.ok(namespaces.includes(url), url);
  });
});

describe('toVegaLite', () => {
  it('keeps the data order of lines and reverses heatmap rows (row 0 on top)', () => {
    const line = toVegaLite(
      preparePlot({
        kind: 'line',
        title: 'l',
        x: { title: 'x' },
        y: { title: 'y' },
        series: [{ name: 'a', x: [1], y: [1] }],
      }),
    ) as { encoding: Record<string, unknown> };
    assert.deepEqual(line.encoding.order, { field: 'index', type: 'quantitative' });
    const heatmap = toVegaLite(
      preparePlot({
        kind: 'heatmap',
        title: 'h',
        x: { title: 'x' },
        y: { title: 'y' },
        color: { title: 'c' },
        rows: 2,
        columns: 2,
        values: [1, 2, 3, 4],
      }),
    ) as { encoding: { y: { scale: { reverse: boolean } } } };
    assert.equal(heatmap.encoding.y.scale.reverse, true);
  });
});

describe('estimateTextWidth', () => {
  it('is narrower than Vega’s 0.8 em per character and orders strings sensibly', () => {
    const title = 'Pairwise distances of random points';
    assert.ok(estimateTextWidth(title, 14) < 0.6 * 14 * title.length);
    assert.ok(estimateTextWidth('iiii', 12) < estimateTextWidth('MMMM', 12));
    assert.ok(estimateTextWidth('x', 12, true) > estimateTextWidth('x', 12));
  });
});
