// The live engines of the lab's spin-glass, RBM, HNN and PINN pages run the library's own
// functions one unit of work at a time. These tests check, in Node, that stepping an engine
// gives exactly what the library gives when run in one call with the same settings and keys
// (so the lab shows the library's numbers), and that their explained states are reachable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HnnEngine, type HnnParams } from '../../lab/src/pages/hnn/engine.js';
import {
  PinnEngine,
  type PinnParams,
  pinnNetwork,
  pinnProblemOf,
  pinnTrainingKey,
} from '../../lab/src/pages/pinn/engine.js';
import { empiricalNegativeEntropy, RbmEngine, type RbmParams } from '../../lab/src/pages/rbm/engine.js';
import {
  COOLING_FLOOR,
  SpinGlassEngine,
  type SpinGlassParams,
} from '../../lab/src/pages/spin-glass/engine.js';
import { fold, makeKey } from '../../src/core/random/index.js';
import { barsAndStripes } from '../../src/data/index.js';
import {
  energyMse,
  hamiltonianDataset,
  hamiltonianNeuralNetwork,
  idealPendulum,
  modelVectorField,
  rollout,
  trainVectorFieldModel,
  vectorFieldBaseline,
} from '../../src/models/hnn/index.js';
import { createRbm, RbmTrainer } from '../../src/models/rbm/index.js';
import {
  exactOverlapDistribution,
  sampleOverlaps,
  sherringtonKirkpatrick,
} from '../../src/models/spin-glass/index.js';
import { adam } from '../../src/optim/index.js';
import { trainPinn } from '../../src/pinn/index.js';

describe('spin-glass engine', () => {
  const params: SpinGlassParams = {
    size: 12,
    couplings: 'gaussian',
    replicas: 3,
    rule: 'metropolis',
    temperature: 0.7,
    cooling: false,
    halving: 100,
    window: 400,
    seed: 5,
  };

  it('at a fixed temperature records exactly the overlaps of sampleOverlaps', () => {
    const engine = new SpinGlassEngine(params);
    for (let s = 0; s < 300; s++) engine.step();
    const key = makeKey(params.seed);
    const system = sherringtonKirkpatrick({ size: 12, key: fold(key, 0) });
    const reference = sampleOverlaps({
      system,
      temperature: 0.7,
      sweeps: 300,
      burnInSweeps: 0,
      replicas: 3,
      key: fold(key, 1),
    });
    assert.deepEqual(Array.from(engine.windowOverlaps()), Array.from(reference.overlaps));
    assert.deepEqual(
      engine.states.map((state) => state.energy),
      reference.states.map((state) => state.energy),
    );
    // The frame's reference is the exact P(q) of this instance at this temperature.
    const { frame } = engine.frame();
    const exact = exactOverlapDistribution(system, 0.7);
    assert.deepEqual(Array.from(frame.exact?.probabilities ?? []), Array.from(exact.probabilities));
    assert.ok(Math.abs(frame.histogram.reduce((a, b) => a + b, 0) - 1) < 1e-12, 'P(q) sums to 1');
  });

  it('cools geometrically (T halves every τ sweeps) down to the floor; the window keeps W sweeps', () => {
    const engine = new SpinGlassEngine({
      ...params,
      cooling: true,
      temperature: 1.6,
      halving: 50,
      window: 20,
    });
    for (let s = 0; s < 100; s++) engine.step();
    assert.ok(Math.abs(engine.temperature - 0.4) < 1e-12, `T = ${engine.temperature}`);
    for (let s = 0; s < 1000; s++) engine.step();
    assert.equal(engine.temperature, COOLING_FLOOR);
    assert.equal(engine.windowOverlaps().length, 20 * 3);
    engine.update({ window: 10 });
    assert.equal(engine.windowOverlaps().length, 10 * 3);
  });
});

describe('RBM engine', () => {
  const params: RbmParams = {
    hidden: 6,
    method: 'pcd',
    gibbsSteps: 2,
    learningRate: 0.1,
    momentum: 0.5,
    batchSize: 7,
    chains: 5,
    seed: 3,
  };

  it('trains exactly as RbmTrainer with the same options, and keeps the weights when settings change', () => {
    const engine = new RbmEngine(params, { kind: 'bars' });
    for (let n = 0; n < 25; n++) engine.step();
    const key = makeKey(params.seed);
    const bars = barsAndStripes(4);
    const rbm = createRbm({ visibleCount: 16, hiddenCount: 6, key: fold(key, 0) });
    const trainer = new RbmTrainer(rbm, bars.images, {
      method: 'pcd',
      gibbsSteps: 2,
      learningRate: 0.1,
      momentum: 0.5,
      batchSize: 7,
      persistentChains: 5,
      shuffle: true,
      key: fold(fold(key, 1), 0),
    });
    for (let n = 0; n < 25; n++) trainer.trainBatch();
    assert.deepEqual(Array.from(engine.rbm.weights), Array.from(rbm.weights));
    assert.deepEqual(Array.from(engine.trainer.fantasyParticles()), Array.from(trainer.fantasyParticles()));
    // A new k keeps the machine (weights) and counts on.
    const before = Array.from(engine.rbm.weights);
    engine.update({ gibbsSteps: 3, learningRate: 0.05 });
    assert.deepEqual(Array.from(engine.rbm.weights), before);
    engine.step();
    const { frame } = engine.frame();
    assert.equal(frame.step, 26);
    assert.notDeepEqual(Array.from(engine.rbm.weights), before);
    // Bars and stripes: 30 distinct patterns, so the best mean log-likelihood is −log 30.
    assert.ok(Math.abs(frame.bestLogLikelihood + Math.log(30)) < 1e-12);
    assert.ok(frame.logLikelihood !== null && frame.logLikelihood < frame.bestLogLikelihood);
    assert.equal(frame.filters.length, 6 * 16);
  });

  it('learns a user’s patterns, and says when the weights stop being finite', () => {
    const values = Float64Array.from([1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0]);
    const engine = new RbmEngine(
      { ...params, batchSize: 3 },
      { kind: 'csv', values, count: 3, width: 2, height: 2 },
    );
    assert.equal(engine.rbm.visibleCount, 4);
    engine.step();
    assert.equal(engine.frame().frame.divergence, null);
    engine.rbm.weights[0] = Number.NaN;
    const { frame } = engine.frame();
    assert.match(frame.divergence ?? '', /non-finite after 1 updates/);
    assert.equal(engine.halted, frame.divergence);
    assert.equal(empiricalNegativeEntropy(Float64Array.from([1, 0, 1, 0]), 2, 2), 0);
  });
});

describe('HNN engine', () => {
  const params: HnnParams = {
    system: 'pendulum',
    model: 'hnn',
    width: 6,
    learningRate: 0.01,
    trajectories: 3,
    noise: 0.1,
    horizon: 2,
    stepSize: 0.1,
    seed: 2,
  };

  for (const model of ['hnn', 'baseline'] as const) {
    it(`${model}: Adam steps equal trainVectorFieldModel, and the rollout metrics are the library's`, () => {
      const engine = new HnnEngine({ ...params, model });
      for (let n = 0; n < 6; n++) engine.step();
      const root = makeKey(params.seed);
      const system = idealPendulum();
      const data = hamiltonianDataset(system, { trajectoryCount: 3, noiseStd: 0.1, key: fold(root, 0) });
      const options = { degreesOfFreedom: 1, hiddenSizes: [6, 6] };
      const network = model === 'hnn' ? hamiltonianNeuralNetwork(options) : vectorFieldBaseline(options);
      const reference = trainVectorFieldModel(network, data, {
        parameters: network.initialize(fold(root, 2)),
        numSteps: 6,
        optimizer: adam({ learningRate: 0.01 }),
      });
      assert.deepEqual(Array.from(engine.parameters), Array.from(reference.parameters));
      const { frame } = engine.frame();
      assert.deepEqual(Array.from(frame.losses), Array.from(reference.losses));
      const test = hamiltonianDataset(system, { trajectoryCount: 10, noiseStd: 0.1, key: fold(root, 1) });
      const path = rollout(
        modelVectorField(network, reference.parameters),
        test.initialStates.slice(0, 6),
        2,
        {
          stepSize: 0.1,
          numSteps: 20,
        },
      );
      assert.equal(frame.rollout?.energyMse, energyMse(system, path));
      assert.equal(frame.rollout?.blowUp, null);
      assert.equal(frame.data?.length, data.states.length);
    });
  }
});

describe('PINN engine', () => {
  const params: PinnParams = {
    conductivity: 0.3,
    width: 5,
    depth: 1,
    learningRate: 0.02,
    adamSteps: 4,
    lbfgsSteps: 3,
    interior: 24,
    sampling: 'uniform',
    seed: 4,
  };

  it('Adam then L-BFGS gives exactly the losses of trainPinn, then finishes', () => {
    const engine = new PinnEngine(params);
    for (let n = 0; n < 20 && engine.halted === null; n++) engine.step();
    assert.equal(engine.halted, 'finished');
    const { frame } = engine.frame();
    const { architecture, parameters } = pinnNetwork(params);
    const reference = trainPinn(pinnProblemOf(params), {
      network: architecture,
      parameters,
      adamSteps: 4,
      lbfgsSteps: 3,
      learningRate: 0.02,
      key: pinnTrainingKey(params.seed),
    });
    assert.equal(reference.switchStep, 4);
    assert.deepEqual(Array.from(frame.losses), reference.lossHistory.slice(1));
    assert.deepEqual(Array.from(frame.phases), [0, 0, 0, 0, 1, 1, 1]);
    assert.equal(frame.finished, 'finished');
    assert.equal(frame.prediction.length, frame.exact.length);
    assert.ok(frame.relativeL2 > 0 && Number.isFinite(frame.relativeL2));
  });

  it('switches to L-BFGS on demand, keeps θ when the PDE changes, and explains a divergence', () => {
    const engine = new PinnEngine({ ...params, adamSteps: 100, lbfgsSteps: 100 });
    engine.step();
    engine.action('switch');
    engine.step();
    assert.equal(engine.phase, 'lbfgs');
    const theta = Array.from(engine.point.position);
    engine.update({ conductivity: 1 });
    assert.deepEqual(Array.from(engine.point.position), theta);
    assert.notEqual(engine.point.energy, undefined);
    const wild = new PinnEngine({ ...params, learningRate: 1e300 });
    for (let n = 0; n < 5 && wild.halted === null; n++) wild.step();
    assert.match(wild.halted ?? '', /^Adam diverged at step \d+/);
    assert.match(wild.frame().frame.divergence ?? '', /diverged/);
  });
});
