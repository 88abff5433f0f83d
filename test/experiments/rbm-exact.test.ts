import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/index.js';
import { rbmExact } from '../../src/experiments/rbm-exact.js';

const out = mkdtempSync(join(tmpdir(), 'physml-rbm-exact-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('rbm-exact', () => {
  it('the exact gradient learns best, and the bias of CD-k falls with k', async () => {
    const { result } = await runExperiment({
      experiment: rbmExact,
      sources: [{ label: 'test', values: { size: 3, hiddenUnits: 5, epochs: 250, biasMeasurements: 3 } }],
      seed: 2,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number>;
    // Every method improves on the shared start; none can beat the data distribution, −ln 14.
    for (const method of ['cd1', 'cd10', 'pcd', 'exact']) {
      const value = m[`${method}LogLikelihood`];
      assert.ok(value > m.initialLogLikelihood + 0.5 && value < -Math.log(14), `${method}: ${value}`);
    }
    assert.ok(m.exactGradientMargin > 0);
    // CD-1 is biased by degrees once the model has learned; CD-10 by far less.
    assert.ok(m.cd1BiasAngle > 1 && m.cd10BiasAngle < m.cd1BiasAngle / 10);
    assert.ok(m.cd1InitialBiasAngle < m.cd1BiasAngle);
    assert.equal(result.plots[0].kind === 'line' && result.plots[0].series.length, 5);
  });
});
