import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { warmupSchedule } from '../../../../src/mcmc/hmc/index.js';

describe('warmupSchedule', () => {
  it("gives Stan's windows for 1000 steps: 75 fast, slow 25, 50, 100, 200, 500, 50 fast", () => {
    assert.deepEqual(warmupSchedule(1000), [
      { start: 75, end: 100 },
      { start: 100, end: 150 },
      { start: 150, end: 250 },
      { start: 250, end: 450 },
      { start: 450, end: 950 },
    ]);
  });

  it('stretches the last window, and never the first', () => {
    // 160 steps: [75, 100) fixed, then a window of 50 would leave 10 steps: it is stretched.
    assert.deepEqual(warmupSchedule(160), [
      { start: 75, end: 100 },
      { start: 100, end: 110 },
    ]);
    assert.deepEqual(warmupSchedule(150), [{ start: 75, end: 100 }]);
  });

  it('falls back to 15% / 75% / 10% for short warmups and skips metric adaptation below 20 steps', () => {
    assert.deepEqual(warmupSchedule(100), [{ start: 15, end: 90 }]);
    assert.deepEqual(warmupSchedule(19), []);
    assert.deepEqual(warmupSchedule(0), []);
  });

  it('tiles [initialBuffer, numSteps − terminalBuffer) without gaps for any length', () => {
    for (let n = 150; n < 3000; n += 37) {
      const windows = warmupSchedule(n);
      assert.equal(windows[0].start, 75);
      assert.equal(windows[windows.length - 1].end, n - 50);
      for (let k = 1; k < windows.length; k++) assert.equal(windows[k].start, windows[k - 1].end);
    }
  });

  it('names the parameter on bad input', () => {
    assert.throws(() => warmupSchedule(-1), /numSteps must be an integer ≥ 0/);
    assert.throws(() => warmupSchedule(100, { firstWindow: 0 }), /firstWindow must be an integer ≥ 1/);
  });
});
