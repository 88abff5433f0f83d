import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/index.js';
import { tensorContraction } from '../../src/experiments/tensor-contraction.js';

const out = mkdtempSync(join(tmpdir(), 'physml-tensor-contraction-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('tensor-contraction', () => {
  it('every identity holds and the rounding error stays below ε·n', async () => {
    const { result } = await runExperiment({
      experiment: tensorContraction,
      sources: [{ label: 'test', values: { n: 9, chainSize: 4, maxSize: 64 } }],
      seed: 11,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number>;
    assert.equal(m.deltaTrace, 9);
    assert.equal(m.gradientError, 0);
    assert.ok(m.largestRoundingError < 64 * Number.EPSILON);
  });
});
