import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, split } from '../../src/core/random/index.js';
import type { ExperimentContext } from '../../src/experiments/framework/define.js';
import { CheckpointError } from '../../src/experiments/framework/errors.js';
import type { PinnTrainingCheckpoint } from '../../src/experiments/pinn-checkpoint.js';
import {
  type ResumableTrainingOptions,
  type ResumableTrainingResult,
  trainPinnResumable,
} from '../../src/experiments/pinn-resumable-training.js';
import { mlp } from '../../src/models/mlp/index.js';
import { inverseHeat, trainPinn } from '../../src/pinn/index.js';

// A tiny inverse problem: it has a trainable φ (log k), so the φ history is checkpointed too.
const problem = inverseHeat({
  conductivity: 0.5,
  initialConductivity: 0.2,
  observationCount: 12,
  noise: 0.01,
  key: makeKey(11),
  interiorCount: 16,
  boundaryCount: 4,
  initialCount: 4,
});
const [networkKey, pointKey] = split(makeKey(12), 2);
const model = mlp({ sizes: [2, 5, 1], key: networkKey });

const settings = {
  model,
  adamSteps: 12,
  learningRate: 1e-2,
  lbfgsSteps: 8,
  resampleEvery: 4,
  checkpointEvery: 3,
  key: pointKey,
} satisfies ResumableTrainingOptions;

/** A context whose checkpoint starts from `initial` and keeps every save as the file would (JSON). */
function contextWith(initial?: unknown): { context: ExperimentContext; saves: unknown[] } {
  const saves: unknown[] = [];
  const context: ExperimentContext = {
    seed: 0,
    key: makeKey(0),
    progress: () => {},
    log: () => {},
    checkpoint: {
      load: <T>() => (initial === undefined ? undefined : (structuredClone(initial) as T)),
      save: (state) => {
        saves.push(JSON.parse(JSON.stringify(state)));
      },
    },
  };
  return { context, saves };
}

/** The numbers a run ends with (everything but the seconds and the closure). */
function numbers(result: ResumableTrainingResult) {
  return {
    parameters: result.parameters,
    physicalParameters: result.physicalParameters,
    lossHistory: result.lossHistory,
    physicalHistory: result.physicalHistory,
    switchStep: result.switchStep,
    terms: result.terms,
  };
}

describe('trainPinnResumable', () => {
  it('takes the same steps as trainPinn, bit for bit, resampling included', () => {
    const result = trainPinnResumable(problem, settings, contextWith().context);
    const reference = trainPinn(problem, { ...settings, network: model });
    assert.deepEqual(result.lossHistory, reference.lossHistory);
    assert.deepEqual(result.parameters, reference.parameters);
    assert.deepEqual(result.physicalParameters, reference.physicalParameters);
    assert.equal(result.switchStep, 12);
    assert.deepEqual(result.terms, reference.terms);
    assert.equal(result.physicalHistory.length, result.lossHistory.length);
    assert.equal(result.physicalHistory[0][0], Math.log(0.2));
    assert.deepEqual(result.physicalHistory.at(-1), reference.physicalParameters);
    assert.equal(result.resumedFromStep, 0);
  });

  for (const checkpointEvery of [3, 4]) {
    // With 4 the checkpoints fall on the resample steps: Adam's next step there still uses the
    // gradient taken on the previous batch, which only the saved gradient reproduces.
    it(`resumes from every checkpoint with the same numbers (checkpointEvery ${checkpointEvery})`, () => {
      const options = { ...settings, checkpointEvery };
      const { context, saves } = contextWith();
      const uninterrupted = numbers(trainPinnResumable(problem, options, context));
      const steps = saves.map((state) => (state as PinnTrainingCheckpoint).step);
      const expected = checkpointEvery === 3 ? [3, 6, 9, 12, 15, 18] : [4, 8, 12, 16];
      assert.deepEqual(steps, expected);
      for (const state of saves) {
        const resumed = trainPinnResumable(problem, options, contextWith(state).context);
        assert.equal(resumed.resumedFromStep, (state as PinnTrainingCheckpoint).step);
        assert.deepEqual(numbers(resumed), uninterrupted, `resumed from step ${resumed.resumedFromStep}`);
      }
    });
  }

  it('saves only at the switch to L-BFGS when checkpointEvery is 0', () => {
    const { context, saves } = contextWith();
    trainPinnResumable(problem, { ...settings, checkpointEvery: 0 }, context);
    assert.deepEqual(
      saves.map((state) => [(state as PinnTrainingCheckpoint).phase, (state as PinnTrainingCheckpoint).step]),
      [['lbfgs', 12]],
    );
  });

  it('refuses a checkpoint of another network or plan, naming each field that differs', () => {
    const { context, saves } = contextWith();
    trainPinnResumable(problem, settings, context);
    const state = saves[1] as PinnTrainingCheckpoint;
    const wider = mlp({ sizes: [2, 6, 1], key: networkKey });
    assert.throws(
      () => trainPinnResumable(problem, { ...settings, model: wider }, contextWith(state).context),
      (error: unknown) =>
        error instanceof CheckpointError &&
        /sizes: checkpoint \[2,5,1\], this run \[2,6,1\]/.test(error.message) &&
        /parameterCount: checkpoint 21, this run 25/.test(error.message),
    );
    assert.throws(
      () => trainPinnResumable(problem, { ...settings, key: makeKey(99) }, contextWith(state).context),
      /another network or training plan: key: checkpoint "philox:/,
    );
    assert.throws(
      () => trainPinnResumable(problem, { ...settings, lbfgsSteps: 9 }, contextWith(state).context),
      /lbfgsSteps: checkpoint 8, this run 9/,
    );
  });

  it('refuses a corrupt checkpoint, naming the field', () => {
    const { context, saves } = contextWith();
    trainPinnResumable(problem, settings, context);
    const state = saves[1] as PinnTrainingCheckpoint;
    const attempt = (edit: (copy: PinnTrainingCheckpoint) => void) => {
      const copy = structuredClone(state);
      edit(copy);
      return () => trainPinnResumable(problem, settings, contextWith(copy).context);
    };
    assert.throws(
      attempt((copy) => {
        copy.position = copy.position.slice(0, 32); // base64 of the first 3 numbers
      }),
      /corrupt: position holds 3 numbers, expected 22/,
    );
    assert.throws(
      attempt((copy) => {
        copy.lossHistory = '%%%';
      }),
      /corrupt: lossHistory is not base64 float64 numbers/,
    );
    assert.throws(
      attempt((copy) => {
        copy.step = 7;
      }),
      /corrupt: lossHistory holds 7 losses, expected 8 \(step 7\)/,
    );
    assert.throws(
      attempt((copy) => {
        copy.optimizer = null;
      }),
      /corrupt: the adam optimizer state is missing at step 6/,
    );
    assert.throws(
      attempt((copy) => {
        const [adamState] = copy.optimizer!.state as Array<{ object: Record<string, unknown> }>;
        adamState.object.firstMoment = { float64: state.position.slice(0, 32) };
      }),
      /corrupt: optimizer.state\[0\].firstMoment holds 3 numbers, expected 22/,
    );
    assert.throws(
      attempt((copy) => {
        (copy as { format: string }).format = 'something else';
      }),
      (error: unknown) =>
        error instanceof CheckpointError && /not a PINN training checkpoint/.test(error.message),
    );
  });
});
