import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExperimentResult } from '../../src/experiments/framework/result.js';
import { entryPassed, renderTourIndex, type TourSummary } from '../../src/report/tour-index.js';

const passing = {
  metrics: { energy: 1 },
  checks: [
    {
      metric: 'energy',
      reference: 1,
      tolerance: 0.1,
      kind: 'absolute',
      value: 1,
      deviation: 0,
      allowed: 0.1,
      passed: true,
    },
  ],
  passed: true,
} as unknown as ExperimentResult;

describe('renderTourIndex', () => {
  const summary: TourSummary = {
    startedAt: '2024-01-01T00:00:00Z',
    seed: 0,
    durationSeconds: 3,
    physmlVersion: '0.1.0',
    passed: false,
    entries: [
      {
        experiment: 'good',
        title: 'Good <one>',
        report: 'good-1/report.html',
        result: passing,
        durationSeconds: 1,
      },
      { experiment: 'bad', title: 'Bad', error: 'exploded <badly>', durationSeconds: 2 },
    ],
  };

  it('links every finished run and marks failures, escaping all text', () => {
    const html = renderTourIndex(summary);
    assert.ok(html.includes('<a href="good-1/report.html">good</a>'));
    assert.ok(html.includes('Good &lt;one&gt;'));
    assert.ok(html.includes('exploded &lt;badly&gt;'));
    assert.ok(html.includes('run failed'));
    assert.ok(html.includes('1 of 2 experiments failed'));
    assert.ok(!/https?:\/\//.test(html));
  });

  it('counts an entry as passed only when it finished with all checks passed', () => {
    assert.equal(entryPassed(summary.entries[0]), true);
    assert.equal(entryPassed(summary.entries[1]), false);
    assert.equal(entryPassed({ ...summary.entries[0], result: { ...passing, passed: false } }), false);
  });
});
