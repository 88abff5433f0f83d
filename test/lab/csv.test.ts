// A user's CSV in the lab: patterns are read with clear messages naming the row and column of
// any problem, and small pattern sets travel in the permalink bit for bit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePatterns, encodePatterns, MAX_LINK_BITS } from '../../lab/src/pages/rbm/patterns-link.js';
import { CsvError, readBinaryPatterns, readNumericCsv } from '../../lab/src/ui/csv.js';

describe('CSV reading', () => {
  it('reads numbers with a header, comments, blank lines and any of , ; tab space', () => {
    const table = readNumericCsv('# data\nx,y\n1,2\n\n3.5,-4e1\n');
    assert.deepEqual(table.header, ['x', 'y']);
    assert.deepEqual(Array.from(table.values), [1, 2, 3.5, -40]);
    assert.deepEqual(table.lines, [3, 5]);
    for (const text of ['1;2\n3;4', '1\t2\n3\t4', '1 2\n 3   4 ', '"1","2"\r\n"3","4"']) {
      assert.deepEqual(Array.from(readNumericCsv(text).values), [1, 2, 3, 4], text);
    }
  });

  it('reads binary patterns, 0/1 or ±1 throughout', () => {
    const patterns = readBinaryPatterns('0,1,1\n1,0,0\n');
    assert.deepEqual([patterns.count, patterns.length], [2, 3]);
    assert.deepEqual(Array.from(patterns.values), [0, 1, 1, 1, 0, 0]);
    assert.deepEqual(Array.from(readBinaryPatterns('-1 1\n1 −1').values), [0, 1, 1, 0]);
  });

  const problems: [string, string, RegExp][] = [
    ['a row of the wrong length', '0,1,1\n1,0\n', /^row 2 has 2 values, but row 1 has 3/],
    ['a value that is not a number', 'a,b\n0,1\n1,x\n', /^row 3, column 2: "x" is not a number/],
    ['an empty cell', '0,1\n1,\n', /^row 2, column 2: an empty cell is not a number/],
    ['a value that is not binary', '0,1\n\n1,2\n', /^row 3, column 2: 2 is not 0 or 1/],
    ['a 0 in a ±1 file', '-1,1\n0,1\n', /^row 2, column 1: 0 in a file of −1\/\+1 values/],
    ['a single pattern', '0,1\n', /at least 2 are needed/],
    ['a single column', '0\n1\n', /rows have 1 columns; the allowed number is 2 to 1024/],
  ];
  for (const [what, text, message] of problems) {
    it(`refuses ${what}, naming where`, () => {
      assert.throws(
        () => readBinaryPatterns(text),
        (error: unknown) => error instanceof CsvError && message.test(error.message),
      );
    });
  }
});

describe('patterns in a permalink', () => {
  it('round-trips bit for bit, and refuses what is too large or malformed', () => {
    const values = Float64Array.from({ length: 7 * 13 }, (_, i) => ((i * 7919) % 3 === 0 ? 1 : 0));
    const text = encodePatterns(values, 7, 13);
    assert.ok(text !== null);
    assert.match(text, /^13\.7\.[A-Za-z0-9_-]+$/);
    const back = decodePatterns(text);
    assert.deepEqual([back.count, back.length], [7, 13]);
    assert.deepEqual(Array.from(back.values), Array.from(values));
    assert.equal(encodePatterns(new Float64Array(MAX_LINK_BITS + 2), 2, MAX_LINK_BITS / 2 + 1), null);
    assert.throws(() => decodePatterns('13.7.abc'), /truncated/);
    assert.throws(() => decodePatterns('13;7;abc'), /malformed/);
  });
});
