import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKey, normal, split } from '../../src/core/random/index.js';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import {
  interactionNetworkExperiment,
  MOMENTUM_DRIFT_LIMIT,
} from '../../src/experiments/interaction-network.js';
import {
  positionRmseSeries,
  relativeMomentumDrift,
} from '../../src/experiments/interaction-network-report.js';
import { getExperiment } from '../../src/experiments/registry.js';
import {
  interactionNetwork,
  springSystem,
  velocityVerletRollout,
} from '../../src/models/interaction/index.js';

const root = mkdtempSync(join(tmpdir(), 'physml-interaction-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: interactionNetworkExperiment,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

describe('interaction-network experiment', () => {
  it('is registered and declares a quick tour', () => {
    assert.equal(getExperiment('interaction-network'), interactionNetworkExperiment);
    assert.ok(interactionNetworkExperiment.tour !== undefined);
  });

  it('tour: learns the springs and keeps total momentum at round-off over 10⁴ steps', async () => {
    const { result } = await run(interactionNetworkExperiment.tour ?? {});
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number>;
    // Measured with seed 0: drift 3.5e-15 (learned) and 6.7e-15 (true); relative force error
    // 1.2e-3; pair-force RMS error 0.027 against −k(r − L); position error 0.025 at t = 2.
    assert.ok(m.momentumDrift < MOMENTUM_DRIFT_LIMIT && m.trueMomentumDrift < MOMENTUM_DRIFT_LIMIT);
    assert.ok(m.relativeForceError < 1e-2, `relative force error ${m.relativeForceError}`);
    assert.ok(m.pairForceRmse < 0.1, `pair force RMS error ${m.pairForceRmse}`);
    assert.ok(m.positionErrorAtErrorTime < m.finalPositionError, JSON.stringify(m));
    assert.deepEqual(
      result.checks.map((check) => check.metric),
      ['momentumDrift', 'trueMomentumDrift', 'relativeForceError', 'pairForceRmse'],
    );
    assert.equal(result.plots.length, 5);
  });

  it('resumes from its checkpoint to the same numbers', async () => {
    const tiny = {
      hiddenSizes: [4],
      steps: 5,
      trainSimulations: 2,
      testSimulations: 1,
      rolloutSteps: 100,
      errorTime: 0.5,
    };
    const first = await run(tiny, 3);
    const interrupted = await run(tiny, 3, { interruptAfterCheckpoints: 1 }).catch((error: unknown) => error);
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: interactionNetworkExperiment,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ particleCount: 1 }), /particleCount/);
    await assert.rejects(run({ stepSize: 0 }), /stepSize/);
    await assert.rejects(run({ hiddenSizes: [] }), /hiddenSizes/);
    await assert.rejects(run({ rolloutSteps: 100, errorTime: 5 }), /errorTime/);
  });
});

describe('relativeMomentumDrift', () => {
  const n = 4;
  const d = 2;
  const masses = [1, 2, 0.5, 1.5];
  const [positionKey, velocityKey, weightKey] = split(makeKey(7), 3);
  const start = {
    masses,
    spatialDimension: d,
    positions: normal(positionKey, n * d),
    velocities: normal(velocityKey, n * d, { mean: 0.3, std: 0.5 }),
    stepSize: 0.01,
    numSteps: 2000,
    saveEvery: 20,
  };

  it('is at round-off for pair forces with f_ij = −f_ji, learned or true', () => {
    const model = interactionNetwork({ particleCount: n, spatialDimension: d, hiddenSizes: [8] });
    const theta = model.initialize(weightKey);
    const learned = velocityVerletRollout((x, out) => {
      model.evaluateForces(theta, x, out);
    }, start);
    const system = springSystem({ particleCount: n, spatialDimension: d, masses });
    const truth = velocityVerletRollout((x, out) => {
      system.forces(x, out);
    }, start);
    assert.ok(relativeMomentumDrift(learned, masses, d) < 1e-13);
    assert.ok(relativeMomentumDrift(truth, masses, d) < 1e-13);
    assert.equal(
      positionRmseSeries(truth, truth, n).every((error) => error === 0),
      true,
    );
  });

  it('(control) detects a force that breaks Newton’s third law', () => {
    // The spring forces, except that particle 0 feels its pairs twice as strongly as its partners:
    // f_0j = 2·(−f_j0), so Σ_i F_i ≠ 0 and the total momentum changes by O(1).
    const system = springSystem({ particleCount: n, spatialDimension: d, masses });
    const broken = velocityVerletRollout((x, out) => {
      system.forces(x, out);
      for (let a = 0; a < d; a++) out[a] *= 2;
    }, start);
    const drift = relativeMomentumDrift(broken, masses, d);
    assert.ok(drift > 1e-2, `drift ${drift}`);
    assert.ok(!(drift <= MOMENTUM_DRIFT_LIMIT));
  });

  it('rejects a rollout of the wrong size and a rollout at rest', () => {
    const system = springSystem({ particleCount: n, spatialDimension: d, masses });
    const path = velocityVerletRollout((x, out) => {
      system.forces(x, out);
    }, start);
    assert.throws(() => relativeMomentumDrift(path, [1, 1], d), /particles/);
    const rest = velocityVerletRollout(
      (_x, out) => {
        out.fill(0);
      },
      { ...start, velocities: new Float64Array(n * d), numSteps: 3, saveEvery: 1 },
    );
    assert.throws(() => relativeMomentumDrift(rest, masses, d), /at rest/);
  });
});
