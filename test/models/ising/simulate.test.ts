/** The simulation driver: determinism, bit-identical resume from a JSON checkpoint, validation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  type IsingProgress,
  type IsingSimulationState,
  resumeIsingSimulation,
  type SimulateIsingOptions,
  simulateIsing,
  startIsingSimulation,
} from '../../../src/models/ising/index.js';

const base: SimulateIsingOptions = {
  model: { dimension: 2, length: 6 },
  temperature: 2.4,
  algorithm: 'metropolis',
  sweeps: 600,
  burnIn: 100,
  key: makeKey(99),
};

function sameRun(a: ReturnType<typeof simulateIsing>, b: ReturnType<typeof simulateIsing>): void {
  assert.deepEqual(Array.from(a.timeSeries.energy), Array.from(b.timeSeries.energy));
  assert.deepEqual(Array.from(a.timeSeries.magnetization), Array.from(b.timeSeries.magnetization));
  assert.deepEqual(Array.from(a.finalSpins), Array.from(b.finalSpins));
  assert.deepEqual(a.observables, b.observables);
  assert.deepEqual(a.equilibration, b.equilibration);
  assert.equal(a.clustersPerSweep, b.clustersPerSweep);
}

describe('simulateIsing', () => {
  it('is a pure function of its options (same key, same numbers; another key, other numbers)', () => {
    const first = simulateIsing(base);
    sameRun(first, simulateIsing(base));
    const other = simulateIsing({ ...base, key: makeKey(100) });
    assert.notDeepEqual(Array.from(other.timeSeries.energy), Array.from(first.timeSeries.energy));
  });

  it('reports what it measured', () => {
    const result = simulateIsing({ ...base, measureEvery: 3 });
    assert.equal(result.measurements, 200);
    assert.equal(result.timeSeries.energy.length, 200);
    assert.equal(result.equilibration.burnInValues, 33);
    assert.ok(result.acceptanceRate !== null && result.acceptanceRate > 0.1 && result.acceptanceRate < 0.6);
    assert.ok(result.tauIntegrated.energy > 0 && result.effectiveSamples.energy > 0);
    for (const estimate of Object.values(result.observables)) {
      assert.ok(Number.isFinite(estimate.mean) && estimate.stderr >= 0);
    }
    const spins = new Int8Array(result.finalSpins);
    assert.ok(spins.every((s) => s === 1 || s === -1));
  });

  for (const [algorithm, burnIn] of [
    ['metropolis', 100],
    ['heatbath', 100],
    ['wolff', 100],
    ['swendsen-wang', 100],
    ['wolff', 0],
  ] as const) {
    it(`${algorithm} (burn-in ${burnIn}) resumes bit-identically from a JSON checkpoint`, () => {
      const options = { ...base, algorithm, burnIn };
      const whole = simulateIsing(options);
      // Stop inside the burn-in (where Wolff adapts) and again inside the measurements.
      const first = startIsingSimulation(options);
      first.advance(burnIn > 0 ? 37 : 5);
      const second = resumeIsingSimulation(JSON.parse(JSON.stringify(first.getState())));
      second.advance(333);
      assert.equal(second.finished, false);
      const third = resumeIsingSimulation(JSON.parse(JSON.stringify(second.getState())));
      assert.equal(third.advance(), true);
      sameRun(whole, third.result());
    });
  }

  it('calls onProgress in order, ending at the total', () => {
    const calls: IsingProgress[] = [];
    simulateIsing({ ...base, onProgress: (progress) => calls.push(progress), progressEvery: 50 });
    assert.ok(calls.length >= 14);
    for (let i = 1; i < calls.length; i++) assert.ok(calls[i].completedSweeps > calls[i - 1].completedSweeps);
    assert.deepEqual(calls.at(-1), { phase: 'measurement', completedSweeps: 700, totalSweeps: 700 });
    assert.ok(calls.some((call) => call.phase === 'burn-in' && call.completedSweeps === 100));
  });

  it('adapts Wolff clusters per sweep during burn-in so that a sweep flips about N spins', () => {
    const result = simulateIsing({ ...base, algorithm: 'wolff', temperature: 3.5, burnIn: 200 });
    assert.ok(result.clustersPerSweep > 2, `clusters per sweep ${result.clustersPerSweep}`);
    const perSweep = (result.meanClusterSize as number) * result.clustersPerSweep;
    assert.ok(perSweep > 18 && perSweep < 72, `spins flipped per sweep ${perSweep} (N = 36)`);
    const fixed = simulateIsing({ ...base, algorithm: 'wolff', temperature: 3.5, clustersPerSweep: 2 });
    assert.equal(fixed.clustersPerSweep, 2);
  });

  it('rejects bad options with messages that name them', () => {
    assert.throws(
      () => simulateIsing({ ...base, temperature: 0 }),
      /temperature must be a finite number > 0/,
    );
    assert.throws(() => simulateIsing({ ...base, sweeps: 20 }), /sweeps must be an integer ≥ 32/);
    assert.throws(
      () => simulateIsing({ ...base, sweeps: 64, measureEvery: 4 }),
      /sweeps must be an integer ≥ 128/,
    );
    assert.throws(() => simulateIsing({ ...base, burnIn: -1 }), /burnIn/);
    assert.throws(
      () => simulateIsing({ ...base, algorithm: 'glauber' as never }),
      /algorithm must be one of/,
    );
    assert.throws(
      () => simulateIsing({ ...base, algorithm: 'wolff', model: { dimension: 2, length: 4, field: 0.1 } }),
      /Wolff cluster updates need field h = 0.*h = 0.1/,
    );
    assert.throws(() => startIsingSimulation(base).result(), /not finished/);
  });

  it('refuses a corrupt checkpoint, naming the field', () => {
    const simulation = startIsingSimulation(base);
    simulation.advance(150);
    const good = simulation.getState();
    const corrupt = (change: (state: Record<string, unknown>) => void) => {
      const state = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
      change(state);
      return () => resumeIsingSimulation(state as unknown as IsingSimulationState);
    };
    assert.throws(
      corrupt((s) => (s.format = 'other')),
      /state.format/,
    );
    assert.throws(
      corrupt((s) => (s.spins = (s.spins as string).slice(1))),
      /state.spins must be 9 lowercase hexadecimal/,
    );
    assert.throws(
      corrupt((s) => (s.spins = `${(s.spins as string).slice(0, -1)}z`)),
      /state.spins/,
    );
    assert.throws(
      corrupt((s) => (s.energy as number[]).pop()),
      /state.energy must be an array of 50 numbers/,
    );
    assert.throws(
      corrupt((s) => ((s.energy as number[])[3] = Number.NaN)),
      /state.energy\[3\] must be a finite number/,
    );
    assert.throws(
      corrupt((s) => (s.completedSweeps = 10_000)),
      /completedSweeps/,
    );
    assert.throws(
      corrupt((s) => (s.temperature = -1)),
      /state.temperature/,
    );
    assert.throws(
      corrupt((s) => ((s.stream as Record<string, unknown>).counter = -4)),
      /state.counter/,
    );
    assert.throws(
      corrupt((s) => ((s.model as Record<string, unknown>).width = 1)),
      /length must be an integer/,
    );
    assert.throws(() => resumeIsingSimulation(null as never), /state must be an object/);
  });
});
