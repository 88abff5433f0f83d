/**
 * Boltzmann machines against brute force: log Z and p(v) by enumeration equal direct sums of
 * e^−E; an RBM written as a Boltzmann machine keeps its log Z; the exact gradient equals central
 * finite differences of the exact log-likelihood; Gibbs sweeps sample p(v) (χ², 7 degrees of
 * freedom, 0.999 quantile 24.32, so a false failure has probability 10⁻³; every expected count
 * is above 100); the sampled gradient averages to the exact one; training (exact and sampled)
 * raises the exact log-likelihood; checkpoints resume exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal, split } from '../../../src/core/random/index.js';
import { barsAndStripes } from '../../../src/data/index.js';
import {
  type BoltzmannMachine,
  BoltzmannTrainer,
  boltzmannEnergy,
  boltzmannGibbsSampling,
  boltzmannLogLikelihood,
  boltzmannLogLikelihoodGradient,
  boltzmannLogPartitionFunction,
  boltzmannMachineFromJSON,
  boltzmannMachineToJSON,
  boltzmannVisibleDistribution,
  createBoltzmannMachine,
} from '../../../src/models/boltzmann/index.js';
import { createRbm, rbmLogPartitionFunction } from '../../../src/models/rbm/index.js';

function randomMachine(V: number, H: number, seed: number, scale: number): BoltzmannMachine {
  const [couplingKey, biasKey] = split(makeKey(seed));
  const machine = createBoltzmannMachine({
    visibleCount: V,
    hiddenCount: H,
    key: couplingKey,
    weightScale: scale,
  });
  machine.biases.set(normal(biasKey, V + H, { std: scale }));
  return machine;
}

function bitsOf(index: number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (index >> i) & 1;
  return out;
}

function bruteForce(machine: BoltzmannMachine): { logZ: number; visible: Float64Array } {
  const n = machine.unitCount;
  const weights: number[] = [];
  for (let s = 0; s < 2 ** n; s++) weights.push(Math.exp(-boltzmannEnergy(machine, bitsOf(s, n))));
  const Z = weights.reduce((a, b) => a + b, 0);
  const visible = new Float64Array(2 ** machine.visibleCount);
  for (let s = 0; s < 2 ** n; s++) visible[s & (2 ** machine.visibleCount - 1)] += weights[s] / Z;
  return { logZ: Math.log(Z), visible };
}

const data = Float64Array.from([1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0]); // 4 rows of 4

describe('Boltzmann machine, exact', () => {
  const machine = randomMachine(4, 3, 1, 0.8);

  it('log Z and p(v) equal brute-force sums of e^−E(s)', () => {
    const reference = bruteForce(machine);
    assert.ok(Math.abs(boltzmannLogPartitionFunction(machine) - reference.logZ) < 1e-12);
    const distribution = boltzmannVisibleDistribution(machine);
    for (let v = 0; v < 16; v++) assert.ok(Math.abs(distribution[v] - reference.visible[v]) < 1e-14);
    const ll = boltzmannLogLikelihood(machine, data);
    assert.ok(Math.abs(ll.values[1] - Math.log(reference.visible[0b0011])) < 1e-12);
  });

  it('an RBM written as a Boltzmann machine has the same log Z', () => {
    const rbm = createRbm({ visibleCount: 4, hiddenCount: 3, key: makeKey(2), weightScale: 1 });
    rbm.visibleBias.set([0.3, -0.2, 0.1, 0.5]);
    rbm.hiddenBias.set([-0.4, 0.2, 0.7]);
    const n = 7;
    const couplings = new Float64Array(n * n);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) {
        couplings[i * n + 4 + j] = rbm.weights[i * 3 + j];
        couplings[(4 + j) * n + i] = rbm.weights[i * 3 + j];
      }
    }
    const biases = [...rbm.visibleBias, ...rbm.hiddenBias];
    const as = createBoltzmannMachine({ visibleCount: 4, hiddenCount: 3, couplings, biases });
    assert.ok(Math.abs(boltzmannLogPartitionFunction(as) - rbmLogPartitionFunction(rbm)) < 1e-12);
  });

  it('the exact gradient equals central finite differences of the exact log-likelihood', () => {
    const gradient = boltzmannLogLikelihoodGradient(machine, data);
    const n = machine.unitCount;
    const step = 1e-5;
    const ll = () => boltzmannLogLikelihood(machine, data).mean;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const saved = machine.couplings[i * n + j];
        machine.couplings[i * n + j] = machine.couplings[j * n + i] = saved + step;
        const plus = ll();
        machine.couplings[i * n + j] = machine.couplings[j * n + i] = saved - step;
        const minus = ll();
        machine.couplings[i * n + j] = machine.couplings[j * n + i] = saved;
        const fd = (plus - minus) / (2 * step);
        assert.ok(Math.abs(gradient.couplings[i * n + j] - fd) < 1e-8, `W[${i},${j}]`);
        assert.equal(gradient.couplings[j * n + i], gradient.couplings[i * n + j]);
      }
      const saved = machine.biases[i];
      machine.biases[i] = saved + step;
      const plus = ll();
      machine.biases[i] = saved - step;
      const minus = ll();
      machine.biases[i] = saved;
      assert.ok(Math.abs(gradient.biases[i] - (plus - minus) / (2 * step)) < 1e-8, `b[${i}]`);
      assert.equal(gradient.couplings[i * n + i], 0);
    }
  });

  it('rejects bad machines and data, naming the problem', () => {
    assert.throws(
      () => createBoltzmannMachine({ visibleCount: 2, hiddenCount: 0, couplings: [0, 1, 2, 0] }),
      /couplings must be symmetric/,
    );
    assert.throws(
      () => createBoltzmannMachine({ visibleCount: 2, hiddenCount: 0, couplings: [1, 0, 0, 0] }),
      /zero diagonal/,
    );
    assert.throws(() => boltzmannLogLikelihood(machine, [0, 1, 2, 0]), /data must be 0\/1/);
    const big = createBoltzmannMachine({ visibleCount: 15, hiddenCount: 6 });
    assert.throws(() => boltzmannLogPartitionFunction(big), /at most 20 can be enumerated/);
    const copy = boltzmannMachineFromJSON(JSON.parse(JSON.stringify(boltzmannMachineToJSON(machine))));
    assert.deepEqual(copy, machine);
  });
});

describe('Boltzmann machine, sampling', () => {
  it('Gibbs sweeps sample the exact p(v) (χ² with 7 degrees of freedom < 24.32)', () => {
    const machine = randomMachine(3, 2, 3, 0.7);
    const chains = 20000;
    const states = boltzmannGibbsSampling({ machine, chains, sweeps: 20, key: makeKey(4) });
    const counts = new Float64Array(8);
    for (let c = 0; c < chains; c++) counts[states[c * 5] + 2 * states[c * 5 + 1] + 4 * states[c * 5 + 2]]++;
    const exact = boltzmannVisibleDistribution(machine);
    let statistic = 0;
    for (let v = 0; v < 8; v++) {
      assert.ok(exact[v] * chains > 100);
      statistic += (counts[v] - exact[v] * chains) ** 2 / (exact[v] * chains);
    }
    assert.ok(statistic < 24.32, `χ² = ${statistic}`);
  });

  it('the sampled gradient, averaged over updates at a fixed machine, approaches the exact gradient', () => {
    const machine = randomMachine(4, 2, 5, 0.5);
    const exact = boltzmannLogLikelihoodGradient(machine, data);
    // A learning rate of 1e−12 leaves the machine fixed while the chains run; the average of the
    // sampled gradients is read back from the parameter change.
    const before = Float64Array.from(machine.couplings);
    const trainer = new BoltzmannTrainer(machine, data, {
      learningRate: 1e-12,
      batchSize: 4,
      persistentChains: 200,
      positiveSweeps: 4,
      negativeSweeps: 2,
      key: makeKey(6),
    });
    const updates = 300;
    trainer.train(updates);
    const n = machine.unitCount;
    let worst = 0;
    for (let k = 0; k < n * n; k++) {
      const average = (machine.couplings[k] - before[k]) / (1e-12 * updates);
      worst = Math.max(worst, Math.abs(average - exact.couplings[k]));
    }
    // Each average holds about 300·200 correlated samples of a ±1-bounded statistic: its error is
    // a few 10⁻³; the largest of 36 entries stays below 0.02.
    assert.ok(worst < 0.02, `largest deviation ${worst}`);
  });
});

describe('BoltzmannTrainer', () => {
  const bars = barsAndStripes(2).images; // 6 patterns of 4 pixels

  it('exact-gradient training raises the exact log-likelihood towards log(1/6)', () => {
    const machine = createBoltzmannMachine({
      visibleCount: 4,
      hiddenCount: 2,
      key: makeKey(7),
      weightScale: 0.1,
    });
    const before = boltzmannLogLikelihood(machine, bars).mean;
    new BoltzmannTrainer(machine, bars, {
      gradient: 'exact',
      learningRate: 0.5,
      momentum: 0.5,
      batchSize: 6,
      key: makeKey(8),
    }).train(500);
    const after = boltzmannLogLikelihood(machine, bars).mean;
    assert.ok(before < -2.7 && after > -1.9, `${before} → ${after} (optimum ${Math.log(1 / 6)})`);
  });

  it('sampled training raises the exact log-likelihood too', () => {
    const machine = createBoltzmannMachine({
      visibleCount: 4,
      hiddenCount: 2,
      key: makeKey(9),
      weightScale: 0.1,
    });
    const before = boltzmannLogLikelihood(machine, bars).mean;
    new BoltzmannTrainer(machine, bars, {
      learningRate: 0.1,
      momentum: 0.5,
      batchSize: 6,
      persistentChains: 30,
      key: makeKey(10),
    }).train(1000);
    const after = boltzmannLogLikelihood(machine, bars).mean;
    assert.ok(after > before + 0.6 && after > -2.1, `${before} → ${after}`);
  });

  it('resumes from JSON exactly', () => {
    const make = () =>
      createBoltzmannMachine({ visibleCount: 4, hiddenCount: 2, key: makeKey(11), weightScale: 0.1 });
    const options = {
      learningRate: 0.05,
      momentum: 0.3,
      batchSize: 4,
      persistentChains: 5,
      key: makeKey(12),
    };
    const straight = new BoltzmannTrainer(make(), bars, options);
    straight.train(4);
    const first = new BoltzmannTrainer(make(), bars, options);
    first.train(2);
    first.trainBatch();
    const resumed = BoltzmannTrainer.fromState(JSON.parse(JSON.stringify(first.getState())), bars);
    resumed.trainBatch();
    resumed.train(1);
    assert.equal(resumed.epoch, 4);
    assert.deepEqual(Array.from(resumed.machine.couplings), Array.from(straight.machine.couplings));
    assert.deepEqual(Array.from(resumed.fantasyParticles()), Array.from(straight.fantasyParticles()));
    assert.throws(
      () => BoltzmannTrainer.fromState({ ...first.getState(), chains: [1] }, bars),
      /state\.chains/,
    );
  });

  it('rejects bad options, naming them', () => {
    const machine = createBoltzmannMachine({ visibleCount: 4, hiddenCount: 1 });
    const key = makeKey(13);
    assert.throws(
      () => new BoltzmannTrainer(machine, bars, { key, gradient: 'magic' as 'exact' }),
      /gradient must be one of/,
    );
    assert.throws(() => new BoltzmannTrainer(machine, bars, { key, positiveSweeps: 0 }), /positiveSweeps/);
    assert.throws(() => new BoltzmannTrainer(machine, [0, 1, 0.5, 1], { key }), /data must be 0\/1/);
  });
});
