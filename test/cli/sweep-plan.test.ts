// Planning a sweep: splitting --vary values, the seeds, the grid, and --threads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseSeeds, parseVary, splitTopLevel, sweepGrid } from '../../src/cli/sweep-plan.js';
import { parseThreads } from '../../src/cli/threads.js';
import { defineExperiment } from '../../src/experiments/framework/define.js';

const fixture = defineExperiment({
  name: 'sweep-fixture',
  title: 'Sweep fixture',
  description: 'Parameters of every kind.',
  params: z.object({
    rate: z.number().min(0).max(1).default(0.5).describe('a rate'),
    layers: z.array(z.number().int().min(1).max(64)).default([8]).describe('layer widths'),
    mode: z.enum(['fast', 'exact']).default('fast').describe('a mode'),
    flag: z.boolean().default(false).describe('a flag'),
  }),
  metrics: { x: { description: 'nothing' } },
  async run() {
    return { metrics: { x: 0 } };
  },
});

describe('sweep planning', () => {
  it('splits values at top-level commas only', () => {
    assert.deepEqual(splitTopLevel('1, 2,3'), ['1', '2', '3']);
    assert.deepEqual(splitTopLevel('[4,8],[16], [1,2,3]'), ['[4,8]', '[16]', '[1,2,3]']);
    assert.deepEqual(splitTopLevel('{"a":[1,2]},"x,y"'), ['{"a":[1,2]}', '"x,y"']);
  });

  it('parses values by the parameter type, as --set does', () => {
    assert.deepEqual(
      parseVary(fixture, ['rate=0.1,1e-2', 'layers=[4,8],[16],32', 'mode=exact,fast', 'flag=true,no']),
      [
        { name: 'rate', values: [0.1, 0.01] },
        { name: 'layers', values: [[4, 8], [16], [32]] },
        { name: 'mode', values: ['exact', 'fast'] },
        { name: 'flag', values: [true, false] },
      ],
    );
    assert.throws(() => parseVary(fixture, ['rat=1']), /unknown parameter "rat" .*did you mean "rate"\?/);
    assert.throws(
      () => parseVary(fixture, ['flag=maybe']),
      /parameter "flag" of sweep-fixture expects true or false/,
    );
  });

  it('makes the Cartesian grid, last --vary fastest, seeds innermost', () => {
    const varied = parseVary(fixture, ['rate=0.1,0.2', 'mode=fast,exact']);
    assert.deepEqual(
      sweepGrid(varied, [7, 9]).map(({ values, seed }) => `${values.rate}/${values.mode}/${seed}`),
      [
        '0.1/fast/7',
        '0.1/fast/9',
        '0.1/exact/7',
        '0.1/exact/9',
        '0.2/fast/7',
        '0.2/fast/9',
        '0.2/exact/7',
        '0.2/exact/9',
      ],
    );
    assert.deepEqual(sweepGrid([], [0, 1]), [
      { values: {}, seed: 0 },
      { values: {}, seed: 1 },
    ]);
  });

  it('parses seeds as a range, a list or one seed', () => {
    assert.deepEqual(parseSeeds('0..3'), [0, 1, 2, 3]);
    assert.deepEqual(parseSeeds(' 5 .. 5 '), [5]);
    assert.deepEqual(parseSeeds('1,5,9'), [1, 5, 9]);
    assert.deepEqual(parseSeeds('42'), [42]);
    assert.throws(() => parseSeeds('-1'), /--seeds expects/);
    assert.throws(() => parseSeeds('0..20000'), /has 20001 seeds; at most 10000/);
  });

  it('parses --threads: an integer in [1, 256], the core count by default', () => {
    assert.equal(parseThreads('3'), 3);
    assert.equal(parseThreads(' 256 '), 256);
    assert.ok(parseThreads(undefined) >= 1);
    for (const bad of ['0', '257', '1.5', 'two', '', '-2', '0x4']) {
      assert.throws(
        () => parseThreads(bad),
        new RegExp(`--threads must be an integer in \\[1, 256\\], got "${bad.replace(/[.+]/g, '\\$&')}"`),
      );
    }
  });
});
