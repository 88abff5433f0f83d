/**
 * The training update against its formula (one step, small and large minibatches, PCD and CD,
 * momentum and weight decay), PCD on bars and stripes against the exact log-likelihood, exact
 * resumption from a JSON checkpoint, and option checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import { barsAndStripes, loadDigits } from '../../../src/data/index.js';
import {
  cloneRbm,
  createRbm,
  hiddenProbabilities,
  type Rbm,
  RbmTrainer,
  type RbmTrainerOptions,
  rbmLogLikelihood,
} from '../../../src/models/rbm/index.js';
import { noisyPrototypes, randomRbm } from './helpers.js';

/** The update θ + rate·(positive − negative statistics), from the data rows and the negative samples. */
function expectedUpdate(rbm: Rbm, rows: Float64Array, negative: Float64Array, rate: number, decay = 0) {
  const { visibleCount: V, hiddenCount: H } = rbm;
  const m = rows.length / V;
  const chains = negative.length / V;
  const positiveHidden = hiddenProbabilities(rbm, rows);
  const negativeHidden = hiddenProbabilities(rbm, negative);
  const gradient = new Float64Array(V * H + V + H);
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < H; j++) {
      let g = -decay * rbm.weights[i * H + j];
      for (let s = 0; s < m; s++) g += (rows[s * V + i] * positiveHidden[s * H + j]) / m;
      for (let s = 0; s < chains; s++) g -= (negative[s * V + i] * negativeHidden[s * H + j]) / chains;
      gradient[i * H + j] = g;
    }
    let g = 0;
    for (let s = 0; s < m; s++) g += rows[s * V + i] / m;
    for (let s = 0; s < chains; s++) g -= negative[s * V + i] / chains;
    gradient[V * H + i] = g;
  }
  for (let j = 0; j < H; j++) {
    let g = 0;
    for (let s = 0; s < m; s++) g += positiveHidden[s * H + j] / m;
    for (let s = 0; s < chains; s++) g -= negativeHidden[s * H + j] / chains;
    gradient[V * H + V + j] = g;
  }
  return gradient.map((g) => rate * g);
}

function parameters(rbm: Rbm): Float64Array {
  const out = new Float64Array(rbm.weights.length + rbm.visibleBias.length + rbm.hiddenBias.length);
  out.set(rbm.weights);
  out.set(rbm.visibleBias, rbm.weights.length);
  out.set(rbm.hiddenBias, rbm.weights.length + rbm.visibleBias.length);
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let n = 0; n < a.length; n++) worst = Math.max(worst, Math.abs(a[n] - b[n]));
  return worst;
}

describe('RbmTrainer update', () => {
  const cases: [string, number, number, number, number, RbmTrainerOptions['method']][] = [
    // name, V, H, batch, chains, method
    ['PCD, small batch, grey data', 9, 7, 5, 7, 'pcd'],
    ['CD-1, small batch', 9, 7, 6, 6, 'cd'],
    ['PCD, large batch (kernel matmul path)', 12, 9, 80, 70, 'pcd'],
  ];
  for (const [name, V, H, batch, chains, method] of cases) {
    it(`follows θ ← θ + η·(⟨vh⟩₊ − ⟨vh⟩₋) for one step (${name})`, () => {
      const rbm = randomRbm(V, H, 21, 0.3);
      const grey = noisyPrototypes(V, batch, 22).map((x, n) =>
        x === 0 ? 0 : 0.25 + (0.75 * ((n * 7) % 4)) / 3,
      );
      const trainer = new RbmTrainer(rbm, grey, {
        method,
        learningRate: 0.07,
        batchSize: batch,
        persistentChains: chains,
        key: makeKey(23),
      });
      // Two steps, so that the PCD chains start from a nonzero state in the checked step.
      trainer.trainBatch();
      const before = cloneRbm(rbm);
      trainer.trainBatch();
      const negative = trainer.fantasyParticles();
      assert.equal(negative.length, (method === 'pcd' ? chains : batch) * V);
      const change = expectedUpdate(before, grey, negative, 0.07);
      const expected = parameters(before).map((p, n) => p + change[n]);
      assert.ok(
        maxDifference(parameters(rbm), expected) < 1e-12,
        `${name}: ${maxDifference(parameters(rbm), expected)}`,
      );
      assert.ok(maxDifference(parameters(rbm), parameters(before)) > 1e-4, 'the step moved the parameters');
    });
  }

  it('applies momentum and weight decay: v ← μv + η(g − λW), θ ← θ + v', () => {
    const rbm = randomRbm(6, 5, 24, 0.3);
    const data = noisyPrototypes(6, 4, 25);
    const trainer = new RbmTrainer(rbm, data, {
      learningRate: 0.1,
      momentum: 0.8,
      weightDecay: 0.01,
      batchSize: 4,
      key: makeKey(26),
    });
    const first = cloneRbm(rbm);
    trainer.trainBatch();
    const velocity1 = expectedUpdate(first, data, trainer.fantasyParticles(), 0.1, 0.01);
    assert.ok(
      maxDifference(
        parameters(rbm),
        parameters(first).map((p, n) => p + velocity1[n]),
      ) < 1e-12,
    );
    const second = cloneRbm(rbm);
    trainer.trainBatch();
    const gradient2 = expectedUpdate(second, data, trainer.fantasyParticles(), 0.1, 0.01);
    const expected = parameters(second).map((p, n) => p + 0.8 * velocity1[n] + gradient2[n]);
    assert.ok(maxDifference(parameters(rbm), expected) < 1e-12);
  });

  it('follows a learning-rate schedule by update count', () => {
    const rbm = randomRbm(4, 3, 27, 0.3);
    const data = noisyPrototypes(4, 6, 28);
    const rates: number[] = [];
    const trainer = new RbmTrainer(rbm, data, {
      learningRate: (step) => {
        rates.push(step);
        return 0.1 / (1 + step);
      },
      batchSize: 4,
      key: makeKey(29),
    });
    trainer.train(2);
    assert.deepEqual(rates, [0, 1, 2, 3]);
    assert.equal(trainer.step, 4);
    assert.equal(trainer.epoch, 2);
  });
});

describe('RbmTrainer learning', () => {
  it('PCD on 3×3 bars and stripes raises the exact log-likelihood by more than 2 nats', () => {
    const data = barsAndStripes(3).images;
    const rbm = createRbm({ visibleCount: 9, hiddenCount: 8, key: makeKey(1), weightScale: 0.1 });
    const trainer = new RbmTrainer(rbm, data, {
      learningRate: 0.05,
      momentum: 0.5,
      batchSize: 14,
      persistentChains: 50,
      key: makeKey(2),
    });
    const trace = [rbmLogLikelihood(rbm, data).mean];
    for (let round = 0; round < 3; round++) {
      trainer.train(500);
      trace.push(rbmLogLikelihood(rbm, data).mean);
    }
    // Uniform model: −9 ln 2 = −6.24; the best possible is ln(1/14) = −2.64.
    assert.ok(trace[0] < -6, `start ${trace[0]}`);
    assert.ok(trace[3] > trace[0] + 2, `trace ${trace.map((x) => x.toFixed(3)).join(' ')}`);
    assert.ok(trace[3] < Math.log(1 / 14));
  });

  it('trains Gaussian–Bernoulli RBMs: the exact log-likelihood rises', () => {
    const data = new Float64Array(60 * 3);
    for (let r = 0; r < 60; r++) {
      // Two clusters at ±1.5 along (1, 1, −1), unit-ish spread from a deterministic pattern.
      const sign = r % 2 === 0 ? 1 : -1;
      const jitter = [Math.sin(r), Math.cos(1.3 * r), Math.sin(2.1 * r + 1)];
      data[3 * r] = 1.5 * sign + 0.5 * jitter[0];
      data[3 * r + 1] = 1.5 * sign + 0.5 * jitter[1];
      data[3 * r + 2] = -1.5 * sign + 0.5 * jitter[2];
    }
    const rbm = createRbm({ visibleCount: 3, hiddenCount: 4, visibleUnits: 'gaussian', key: makeKey(3) });
    const before = rbmLogLikelihood(rbm, data).mean;
    new RbmTrainer(rbm, data, { learningRate: 0.01, batchSize: 10, key: makeKey(4), shuffle: true }).train(
      60,
    );
    const after = rbmLogLikelihood(rbm, data).mean;
    assert.ok(after > before + 1, `${before} → ${after}`);
  });

  it('stores float32 parameters and follows the float64 run closely at first', () => {
    const images = loadDigits({ binarize: 0.5 }).images.subarray(0, 200 * 64);
    const make = (precision: 'float32' | 'float64') =>
      createRbm({ visibleCount: 64, hiddenCount: 16, key: makeKey(5), precision });
    const single = make('float32');
    const double = make('float64');
    assert.ok(single.weights instanceof Float32Array);
    for (const rbm of [single, double]) {
      const trainer = new RbmTrainer(rbm, images, { learningRate: 0.05, batchSize: 20, key: makeKey(6) });
      for (let n = 0; n < 3; n++) trainer.trainBatch();
    }
    const difference = maxDifference(single.weights, double.weights);
    assert.ok(difference > 0 && difference < 1e-5, `difference ${difference}`);
  });
});

describe('RbmTrainer checkpoints', () => {
  it('resumes from JSON exactly (PCD, shuffle, momentum), mid-epoch', () => {
    const data = noisyPrototypes(10, 37, 30);
    const options: RbmTrainerOptions = {
      learningRate: 0.05,
      momentum: 0.5,
      weightDecay: 0.001,
      batchSize: 8,
      persistentChains: 6,
      shuffle: true,
      key: makeKey(31),
    };
    const straight = new RbmTrainer(
      createRbm({ visibleCount: 10, hiddenCount: 6, key: makeKey(32) }),
      data,
      options,
    );
    straight.train(3);
    const interrupted = new RbmTrainer(
      createRbm({ visibleCount: 10, hiddenCount: 6, key: makeKey(32) }),
      data,
      options,
    );
    interrupted.train(1);
    interrupted.trainBatch();
    interrupted.trainBatch();
    const saved = JSON.parse(JSON.stringify(interrupted.getState()));
    const resumed = RbmTrainer.fromState(saved, data);
    assert.equal(resumed.step, interrupted.step);
    resumed.trainEpoch();
    resumed.train(1);
    assert.equal(resumed.epoch, 3);
    assert.deepEqual(Array.from(resumed.rbm.weights), Array.from(straight.rbm.weights));
    assert.deepEqual(Array.from(resumed.fantasyParticles()), Array.from(straight.fantasyParticles()));
  });

  it('rejects a corrupt checkpoint and a schedule it cannot restore, naming the field', () => {
    const data = noisyPrototypes(4, 8, 33);
    const trainer = new RbmTrainer(createRbm({ visibleCount: 4, hiddenCount: 3 }), data, {
      key: makeKey(34),
    });
    trainer.trainBatch();
    const state = trainer.getState();
    assert.throws(() => RbmTrainer.fromState({ ...state, batchInEpoch: 9 }, data), /state\.batchInEpoch/);
    assert.throws(() => RbmTrainer.fromState({ ...state, chainHidden: [1, 2] }, data), /state\.chainHidden/);
    assert.throws(
      () =>
        RbmTrainer.fromState({ ...state, words: { algorithm: 'xoshiro128**', words: [0, 0, 0, 0] } }, data),
      /state\.words/,
    );
    assert.throws(
      () => RbmTrainer.fromState({ ...state, learningRate: null }, data),
      /pass options\.learningRate/,
    );
    assert.throws(
      () => RbmTrainer.fromState(state, noisyPrototypes(5, 7, 1)),
      /data must be an array of rows of 4/,
    );
    assert.throws(
      () => RbmTrainer.fromState(state, noisyPrototypes(4, 9, 1)),
      /state\.dataRows is 8 but data has 9 rows/,
    );
  });
});

describe('RbmTrainer options', () => {
  const rbm = createRbm({ visibleCount: 4, hiddenCount: 3 });
  const data = noisyPrototypes(4, 8, 35);
  const key = makeKey(36);
  for (const [options, message] of [
    [{ method: 'sgd' }, /method must be one of 'cd', 'pcd'/],
    [{ gibbsSteps: 0 }, /gibbsSteps must be an integer in \[1, 10000\]/],
    [{ learningRate: -1 }, /learningRate must be a finite number > 0 or a schedule/],
    [{ momentum: 1 }, /momentum must be a number in \[0, 1\)/],
    [{ weightDecay: Number.NaN }, /weightDecay must be a finite number ≥ 0/],
    [{ batchSize: 0 }, /batchSize must be an integer/],
    [{ persistentChains: 1.5 }, /persistentChains must be an integer/],
  ] as const) {
    it(`rejects ${JSON.stringify(options)}`, () => {
      assert.throws(() => new RbmTrainer(rbm, data, { key, ...(options as object) }), message);
    });
  }
  it('rejects non-finite data and a missing key', () => {
    assert.throws(
      () => new RbmTrainer(rbm, [0, 1, Number.NaN, 0], { key }),
      /data\[2\] must be a finite number/,
    );
    assert.throws(() => new RbmTrainer(rbm, data, {} as RbmTrainerOptions), /key must be a Uint32Array/);
  });
});
