import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { sampleChain, type UnderdampedLangevinState, underdampedLangevin } from '../../src/mcmc/index.js';
import { assertFits, assertRejected, gaussianEnergy, gaussianFit, meanZScore, Z_LIMIT } from './helpers.js';

const MEAN = [1, -2];
const COVARIANCE = [1, 0.6, 0.6, 2];

describe('underdampedLangevin (BAOAB)', () => {
  it('samples a correlated 2-D Gaussian in position (KS and moments)', () => {
    const algorithm = underdampedLangevin({
      energy: gaussianEnergy(MEAN, COVARIANCE),
      stepSize: 0.5,
      friction: 1,
    });
    const result = sampleChain(algorithm, MEAN, makeKey(7), { numSamples: 30_000, burnIn: 500 });
    assertFits('BAOAB', gaussianFit(result.samples, MEAN, COVARIANCE));
  });

  it('harmonic oscillator: ⟨q²⟩ = T/ω² exactly at any stable step, ⟨p²⟩ = T(1 − h²ω²/4)', () => {
    // BAOAB's known property (Leimkuhler and Matthews 2013): the O(h²) error is all in p.
    const omega = 1.3;
    const temperature = 0.8;
    for (const [stepSize, friction] of [
      [1, 1],
      [1.2, 3],
    ]) {
      const algorithm = underdampedLangevin({
        energy: gaussianEnergy([0], [1 / (omega * omega)]),
        stepSize,
        friction,
        temperature,
      });
      const n = 30_000;
      const q2 = new Float64Array(n);
      const p2 = new Float64Array(n);
      sampleChain(algorithm, [0], makeKey(5), {
        numSamples: n,
        burnIn: 200,
        storeSamples: false,
        onSample(state: UnderdampedLangevinState, s) {
          q2[s] = state.position[0] ** 2;
          p2[s] = state.momentum[0] ** 2;
        },
      });
      const qVariance = temperature / (omega * omega);
      const pVariance = temperature * (1 - (stepSize * stepSize * omega * omega) / 4);
      const zq = meanZScore(q2, qVariance, 2 * qVariance * qVariance);
      const zp = meanZScore(p2, pVariance, 2 * pVariance * pVariance);
      assert.ok(Math.abs(zq) <= Z_LIMIT, `h = ${stepSize}: ⟨q²⟩ z = ${zq}`);
      assert.ok(Math.abs(zp) <= Z_LIMIT, `h = ${stepSize}: ⟨p²⟩ z = ${zp}`);
      // The momentum bias is resolved: the naive value T is rejected.
      assert.ok(Math.abs(meanZScore(p2, temperature, 2 * temperature * temperature)) > 10);
    }
  });

  it('negative control: the same fit rejects a run at the wrong temperature', () => {
    const algorithm = underdampedLangevin({
      energy: gaussianEnergy(MEAN, COVARIANCE),
      stepSize: 0.5,
      friction: 1,
      temperature: 1.15,
    });
    const result = sampleChain(algorithm, MEAN, makeKey(7), { numSamples: 30_000, burnIn: 500 });
    assertRejected('BAOAB at T = 1.15', gaussianFit(result.samples, MEAN, COVARIANCE));
  });

  it('at T = 0 is a damped heavy ball that settles in the minimum', () => {
    const algorithm = underdampedLangevin({
      energy: gaussianEnergy(MEAN, COVARIANCE),
      stepSize: 0.3,
      temperature: 0,
    });
    const { finalState } = sampleChain(algorithm, [5, 5], makeKey(1), { numSamples: 1, burnIn: 300 });
    assert.ok(Math.abs(finalState.position[0] - 1) < 1e-8 && Math.abs(finalState.position[1] + 2) < 1e-8);
    assert.ok(Math.abs(finalState.momentum[0]) < 1e-8);
  });

  it('without friction is leapfrog: time-reversible and energy-conserving to O(h²)', () => {
    const energy = gaussianEnergy([0, 0], [1, 0, 0, 4]);
    const algorithm = underdampedLangevin({
      energy,
      stepSize: 0.05,
      friction: 0,
      inverseMassDiagonal: [1, 2],
    });
    let state: UnderdampedLangevinState = {
      ...algorithm.init([1, 0.5]),
      momentum: Float64Array.of(0.3, -0.7),
    };
    const total = (s: UnderdampedLangevinState) =>
      s.energy + 0.5 * (s.momentum[0] ** 2 + 2 * s.momentum[1] ** 2);
    const initial = total(state);
    let drift = 0;
    for (let t = 0; t < 400; t++) {
      [state] = algorithm.step(makeKey(t), state);
      drift = Math.max(drift, Math.abs(total(state) - initial));
    }
    assert.ok(drift < 0.01 * initial, `energy drift ${drift}`);
    state = { ...state, momentum: state.momentum.map((p) => -p) };
    for (let t = 0; t < 400; t++) [state] = algorithm.step(makeKey(t), state);
    assert.ok(Math.abs(state.position[0] - 1) < 1e-10 && Math.abs(state.position[1] - 0.5) < 1e-10);
  });

  it('rejects bad options with messages naming the parameter', () => {
    const energy = gaussianEnergy([0], [1]);
    assert.throws(
      () => underdampedLangevin({ energy, stepSize: 0.1, friction: -1 }),
      /friction must be a finite number ≥ 0/,
    );
    assert.throws(
      () => underdampedLangevin({ energy, stepSize: 0.1, inverseMassDiagonal: [1, 2] }).init([0]),
      /inverseMassDiagonal has 2 entries/,
    );
    assert.throws(
      () => underdampedLangevin({ energy, stepSize: 0.1, inverseMassDiagonal: 0 }),
      /inverseMassDiagonal must be/,
    );
  });
});
