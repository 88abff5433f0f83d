import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acceptanceRate,
  countDivergences,
  divergenceRate,
  meanAcceptanceProbability,
} from '../../src/diagnostics/index.js';

const infos = [
  { accepted: true, acceptanceProbability: 1, divergent: false },
  { accepted: false, acceptanceProbability: 0.25, divergent: true },
  { accepted: true, acceptanceProbability: 0.5 },
  { accepted: false, acceptanceProbability: 0, divergent: true },
];

describe('acceptance and divergence counts', () => {
  it('count what the step infos report', () => {
    assert.equal(acceptanceRate(infos), 0.5);
    assert.equal(meanAcceptanceProbability(infos), 0.4375);
    assert.equal(countDivergences(infos), 2);
    assert.equal(divergenceRate(infos), 0.5);
  });

  it('reject empty input with a message', () => {
    assert.throws(() => acceptanceRate([]), /acceptanceRate: infos must hold at least one step/);
    assert.throws(() => divergenceRate([]), /divergenceRate: infos must hold at least one step/);
    assert.equal(countDivergences([]), 0);
  });
});
