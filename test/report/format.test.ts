import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatCheckRule,
  formatDuration,
  formatMetric,
  formatNumber,
  formatReference,
  reproduceCommand,
} from '../../src/report/format.js';

describe('format', () => {
  it('formats numbers with 4 significant digits, exponents for tiny and huge ones', () => {
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(0.44123), '0.4412');
    assert.equal(formatNumber(12), '12');
    assert.equal(formatNumber(6.552810682630281e-15), '6.553e-15');
    assert.equal(formatNumber(2.5e7), '2.5e+7');
    assert.equal(formatNumber(-1.5), '-1.5');
    assert.equal(formatNumber(Number.NaN), 'NaN');
    assert.equal(formatNumber(Number.NEGATIVE_INFINITY), '−∞');
  });

  it('rounds an estimate to two significant digits of its error bar', () => {
    assert.equal(formatMetric({ mean: 0.44123, stderr: 0.00312 }), '0.4412 ± 0.0031');
    assert.equal(formatMetric({ mean: -1.4172, stderr: 0.25 }), '-1.42 ± 0.25');
    assert.equal(formatMetric({ mean: 123.4, stderr: 12 }), '123 ± 12');
    assert.equal(formatMetric({ mean: 1, stderr: 0 }), '1 ± 0');
    assert.equal(formatMetric({ mean: 5e-12, stderr: 3e-13 }), '5e-12 ± 3e-13');
    assert.equal(formatReference(undefined), '—');
    assert.equal(formatReference('exact'), 'exact');
  });

  it('states the rule of a check', () => {
    const base = { metric: 'm', reference: 0, value: 1e-13, deviation: 1e-13 };
    assert.equal(
      formatCheckRule({ ...base, tolerance: 1e-12, kind: 'absolute', allowed: 1e-12, passed: true }),
      '|Δ| = 1e-13 ≤ 0.000000000001'.replace('0.000000000001', '1e-12'),
    );
    assert.equal(
      formatCheckRule({
        ...base,
        reference: 2,
        tolerance: 0.01,
        kind: 'relative',
        allowed: 0.02,
        deviation: 0.5,
        passed: false,
      }),
      '|Δ| = 0.5 > 0.01·|ref|',
    );
    assert.equal(
      formatCheckRule({ ...base, tolerance: 3, kind: 'stderr', allowed: 0.3, deviation: 0.05, passed: true }),
      '|Δ| = 0.5 σ ≤ 3 σ',
    );
  });

  it('formats durations and the reproducing command', () => {
    assert.equal(formatDuration(0.4213), '0.42 s');
    assert.equal(formatDuration(42.25), '42.3 s');
    assert.equal(formatDuration(245), '4 min 05 s');
    assert.equal(formatDuration(3720), '1 h 02 min');
    assert.equal(
      reproduceCommand('ising', 4, { size: 16, sizes: [4, 8], label: "it's" }),
      `physml run ising --seed 4 --set size=16 --set sizes=4,8 --set 'label=it'\\''s'`,
    );
  });
});
