import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { rHat, splitRHat } from '../../src/diagnostics/index.js';
import { ar1Chains, arvizLong, arvizSine, arvizSmall } from './helpers.js';

describe('rHat (rank-normalised split R̂)', () => {
  it('is about 1 for chains from the same distribution', () => {
    // Over 200 seeds of 4 × 2500 AR(1) draws with ρ = 0.5, R̂ had mean 1.0008 and maximum 1.003.
    const draws = ar1Chains(makeKey(31), 4, 2500, 0.5);
    const value = rHat(draws);
    assert.ok(value > 0.99 && value < 1.01, `R̂ = ${value}`);
    assert.ok(Math.abs(splitRHat(draws) - 1) < 0.01);
  });

  it('exceeds 1.1 when one chain is shifted by two standard deviations', () => {
    // Expected R̂ ≈ √(1 + Var(chain means)) = √(1 + 1) before rank normalisation.
    const draws = ar1Chains(makeKey(32), 4, 1000, 0.5);
    draws[3] = draws[3].map((x) => x + 2);
    assert.ok(rHat(draws) > 1.1, `R̂ = ${rHat(draws)}`);
  });

  it('exceeds 1.1 when a chain drifts (caught by splitting, even with one chain)', () => {
    const [chain] = ar1Chains(makeKey(33), 1, 2000, 0.5);
    const drifting = chain.map((x, t) => x + (2 * t) / chain.length);
    assert.ok(rHat([drifting]) > 1.1);
    assert.ok(rHat([chain]) < 1.02);
  });

  it('detects chains with equal location but different scale (the folded part)', () => {
    const draws = ar1Chains(makeKey(34), 4, 2000, 0);
    draws[0] = draws[0].map((x) => 3 * x);
    // Locations agree, so the classic split R̂ barely moves; the tail R̂ sees the scale.
    assert.ok(splitRHat(draws) < 1.01, `split R̂ = ${splitRHat(draws)}`);
    assert.ok(rHat(draws) > 1.05, `rank R̂ = ${rHat(draws)}`);
  });

  it('reproduces ArviZ rank and split R̂ on fixed data sets', () => {
    // Reference: numpy/scipy transcription of ArviZ `_rhat_rank` and `_rhat_split`.
    const cases: [number[][] | Float64Array[], number, number][] = [
      [arvizSmall, 0.9769044880872816, 0.9584931790171917],
      [arvizSine(), 1.7071569962954896, 1.7711622349878577],
      [arvizLong(), 1.0727285174557604, 1.0142466774974914],
    ];
    for (const [draws, rank, split] of cases) {
      assert.ok(Math.abs(rHat(draws) - rank) < 1e-12, `rank: ${rHat(draws)} vs ${rank}`);
      assert.ok(Math.abs(splitRHat(draws) - split) < 1e-12, `split: ${splitRHat(draws)} vs ${split}`);
    }
  });

  it('names the problem with bad input', () => {
    assert.throws(() => rHat([[1, 2]]), /rHat: each chain must hold at least 4 draws/);
  });
});
