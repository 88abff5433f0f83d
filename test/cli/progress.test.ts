import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgressReporter } from '../../src/cli/progress.js';
import { renderTable } from '../../src/cli/table.js';

function recorder(isTTY = false) {
  const lines: string[] = [];
  return { stream: { write: (text: string) => lines.push(text), isTTY }, lines };
}

describe('plain progress lines (not a TTY)', () => {
  it('prints at most one line per tenth and per second, and always the last', () => {
    const { stream, lines } = recorder();
    let clock = 0;
    const progress = createProgressReporter({ stream, name: 'walk', now: () => clock });
    // 1000 fast updates within 0.5 s: the first one prints (the run has started), the rest is held back...
    for (let done = 1; done <= 1000; done++) {
      clock = done / 2;
      progress.update(done, 1000, 'sweeps');
    }
    // ...and the final state appears when the run finishes.
    progress.finish();
    assert.deepEqual(lines, ['walk: 0% (1/1000) sweeps\n', 'walk: 100% (1000/1000) sweeps\n']);
  });

  it('prints the start and a line per tenth for a slow run', () => {
    const { stream, lines } = recorder();
    let clock = 0;
    const progress = createProgressReporter({ stream, name: 'slow', now: () => clock });
    for (let done = 1; done <= 100; done++) {
      clock += 2000; // two seconds per step
      progress.update(done, 100);
    }
    progress.finish();
    assert.equal(lines.length, 11);
    assert.equal(lines[0], 'slow: 1% (1/100)\n');
    assert.equal(lines[1], 'slow: 10% (10/100)\n');
    assert.equal(lines[10], 'slow: 100% (100/100)\n');
  });

  it('prints nothing when quiet, and logs go through as lines', () => {
    const quiet = recorder();
    const silent = createProgressReporter({ stream: quiet.stream, name: 'q', quiet: true });
    silent.update(1, 1);
    silent.log('hello');
    silent.finish();
    assert.deepEqual(quiet.lines, []);
    const loud = recorder();
    createProgressReporter({ stream: loud.stream, name: 'l' }).log('checkpoint saved');
    assert.deepEqual(loud.lines, ['checkpoint saved\n']);
  });
});

describe('renderTable', () => {
  it('pads columns to the widest cell, with a rule under the header', () => {
    const table = renderTable(
      ['name', 'value'],
      [
        ['a', '1'],
        ['long name', '± 2'],
      ],
      { align: ['left', 'right'] },
    );
    assert.equal(
      table,
      ['name       value', '─────────  ─────', 'a              1', 'long name    ± 2'].join('\n'),
    );
  });
});
