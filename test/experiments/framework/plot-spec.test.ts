import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  axisTitle,
  downsampleMinMax,
  maxHeatmapSide,
  maxSeriesPoints,
  type PreparedHistogram,
  preparePlot,
} from '../../../src/experiments/framework/plot-spec.js';

describe('preparePlot', () => {
  it('downsamples a long line to at most 2000 points, keeping its extremes', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    // A slow sine with one spike that a plain stride would miss.
    const y = Float64Array.from(x, (t) => Math.sin(t / 5000) + (t === 54_321 ? 50 : 0));
    const prepared = preparePlot({
      kind: 'line',
      title: 'long',
      x: { title: 'step' },
      y: { title: 'loss' },
      series: [{ name: 's', x, y }],
    });
    assert.equal(prepared.kind, 'line');
    if (prepared.kind !== 'line') return;
    const [series] = prepared.series;
    assert.ok(series.x.length <= maxSeriesPoints, `${series.x.length} points`);
    assert.ok(series.x.length > maxSeriesPoints / 2);
    assert.ok(Array.isArray(series.x), 'plain arrays, storable as JSON');
    assert.equal(Math.max(...series.y), 50 + Math.sin(54_321 / 5000));
    assert.ok(series.x.includes(54_321));
    assert.ok(
      series.x.every((value, i) => i === 0 || value > series.x[i - 1]),
      'order kept',
    );
  });

  it('drops non-finite points, and non-positive ones on log axes, and counts them', () => {
    const prepared = preparePlot({
      kind: 'scatter',
      title: 's',
      x: { title: 'x' },
      y: { title: 'y', scale: 'log' },
      series: [{ name: 'a', x: [1, 2, 3, 4, 5], y: [1, Number.NaN, -1, 0, 10] }],
    });
    assert.ok(prepared.kind === 'scatter');
    assert.deepEqual(prepared.series[0].x, [1, 5]);
    assert.equal(prepared.dropped, 3);
    // Stored as JSON and prepared again (as `physml report` does): the same plot, the same count.
    const again = preparePlot(JSON.parse(JSON.stringify(prepared)));
    assert.deepEqual(again, prepared);
  });

  it('bins histograms on shared edges and normalizes densities to integrate to one', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 100) / 10);
    const prepared = preparePlot({
      kind: 'histogram',
      title: 'h',
      x: { title: 'energy', unit: 'J' },
      samples: [
        { name: 'a', values },
        { name: 'b', values: values.map((v) => v / 2) },
      ],
      bins: 20,
      reference: { name: 'uniform', x: [0, 10], density: [0.1, 0.1] },
    }) as PreparedHistogram;
    assert.equal(prepared.edges.length, 21);
    assert.equal(prepared.edges[0], 0);
    assert.equal(prepared.edges[20], 9.9);
    const width = prepared.edges[1] - prepared.edges[0];
    for (const series of prepared.series) {
      const integral = series.heights.reduce((sum, h) => sum + h * width, 0);
      assert.ok(Math.abs(integral - 1) < 1e-12, `integral ${integral}`);
    }
    assert.deepEqual(prepared.y, { title: 'probability density', unit: '1/J' });
    assert.deepEqual(prepared.reference, { name: 'uniform', x: [0, 10], density: [0.1, 0.1] });
  });

  it('keeps counts when density is off', () => {
    const prepared = preparePlot({
      kind: 'histogram',
      title: 'h',
      x: { title: 'x' },
      samples: [{ name: 'a', values: [0, 0, 1, 1, 1, Number.NaN] }],
      bins: 2,
      density: false,
    }) as PreparedHistogram;
    assert.deepEqual(prepared.series[0].heights, [2, 3]);
    assert.equal(prepared.dropped, 1);
    assert.deepEqual(prepared.y, { title: 'count' });
  });

  it('reduces a large heatmap to 64×64 cells, by mean or by the entry of largest magnitude', () => {
    const n = 200;
    const values = new Float64Array(n * n);
    values[57 * n + 133] = -9; // one outlier
    const base = {
      kind: 'heatmap' as const,
      title: 'm',
      x: { title: 'j' },
      y: { title: 'i' },
      color: { title: 'v' },
      rows: n,
      columns: n,
      values,
    };
    const byMax = preparePlot({ ...base, aggregate: 'maxAbs' });
    const byMean = preparePlot(base);
    assert.ok(byMax.kind === 'heatmap' && byMean.kind === 'heatmap');
    assert.equal(byMax.rows, maxHeatmapSide);
    assert.equal(byMax.values.length, maxHeatmapSide ** 2);
    assert.equal(Math.min(...byMax.values), -9);
    assert.ok(Math.min(...byMean.values) > -9 && Math.min(...byMean.values) < 0);
    assert.deepEqual(byMax.extent, { x: [0, n], y: [0, n] });
    assert.deepEqual(byMax.reducedFrom, { rows: n, columns: n });
    const holes = preparePlot({ ...base, values: Array.from(values, (v, i) => (i < 3 ? Number.NaN : v)) });
    assert.equal(holes.dropped, 3);
    const stored = JSON.parse(JSON.stringify(holes));
    assert.deepEqual(JSON.parse(JSON.stringify(preparePlot(stored))), stored);
    const small = preparePlot({ ...base, rows: 2, columns: 2, values: [1, 2, 3, 4] });
    assert.ok(small.kind === 'heatmap' && small.reducedFrom === undefined);
    assert.throws(
      () => preparePlot({ ...base, rows: 3 }),
      /values has length 40000, expected rows·columns = 600/,
    );
  });

  it('downsampleMinMax keeps the global minimum and maximum of any series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 600 }),
        (ys) => {
          const xs = ys.map((_, i) => i);
          const [, kept] = downsampleMinMax(xs, ys, 50);
          assert.ok(kept.length <= 50);
          assert.equal(Math.max(...kept), Math.max(...ys));
          assert.equal(Math.min(...kept), Math.min(...ys));
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  it('writes axis titles with units', () => {
    assert.equal(axisTitle({ title: 'time', unit: 's' }), 'time (s)');
    assert.equal(axisTitle({ title: 'step' }), 'step');
  });
});
