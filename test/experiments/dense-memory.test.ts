import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { denseCapacityTheory, denseMemory } from '../../src/experiments/dense-memory.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';

const out = mkdtempSync(join(tmpdir(), 'physml-dense-memory-'));
after(() => rmSync(out, { recursive: true, force: true }));

type Estimate = { mean: number; stderr: number };

describe('dense-memory', () => {
  it('Krotov–Hopfield capacity: McEliece at n = 2, one more factor N/(2(2n − 1)) per degree', () => {
    assert.ok(Math.abs(denseCapacityTheory(64, 2) - 64 / (2 * Math.log(64))) < 1e-12);
    assert.ok(Math.abs(denseCapacityTheory(64, 3) - 64 ** 2 / (6 * Math.log(64))) < 1e-9);
    assert.ok(Math.abs(denseCapacityTheory(64, 4) - 64 ** 3 / (30 * Math.log(64))) < 1e-9);
  });

  it('dense and continuous memories hold far more than the classical network', async () => {
    const maxPatterns = 512;
    const { result } = await runExperiment({
      experiment: denseMemory,
      sources: [{ label: 'test', values: { size: 32, probes: 30, maxPatterns, repeats: 2 } }],
      seed: 2,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const capacity = (name: string) => (result.metrics[name] as Estimate).mean;
    // F = x² is Hebb's energy, with the same visiting orders: the same capacity.
    assert.equal(capacity('capacityDense2'), capacity('capacityHebb'));
    assert.ok(capacity('capacityHebb') < capacity('capacityStorkey'));
    assert.ok(capacity('capacityHebb') * 5 < capacity('capacityDense3'));
    assert.ok(capacity('capacityDense3') * 3 < capacity('capacityDense4'));
    assert.ok(capacity('capacityPseudoInverse') < 32);
    assert.equal(capacity('capacityExponential'), maxPatterns);
    assert.equal(capacity('capacityContinuous'), maxPatterns);
    const table = result.tables[0].rows;
    assert.equal(table.filter((row) => row[5] === 'yes (lower bound)').length, 2);
    // The plot follows every memory past its capacity (except the two that never fail).
    const plot = result.plots[0] as { series: Array<{ name: string; y: number[] }> };
    const cubic = plot.series.find((series) => series.name === 'dense, F = x³') as { y: number[] };
    assert.ok(Math.min(...cubic.y) < 0.5);
  });
});
