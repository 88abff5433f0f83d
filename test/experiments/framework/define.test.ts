import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { defineExperiment } from '../../../src/experiments/framework/define.js';
import { ExperimentDefinitionError } from '../../../src/experiments/framework/errors.js';

const base = {
  title: 't',
  description: 'd',
  metrics: { value: { description: 'a value' } },
  async run() {
    return { metrics: { value: 1 } };
  },
};

function definitionError(build: () => unknown, pattern: RegExp): void {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof ExperimentDefinitionError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

describe('defineExperiment', () => {
  it('accepts a well-formed declaration and returns it unchanged', () => {
    const params = z.object({ n: z.number().int().min(1).max(9).default(3).describe('size') });
    const experiment = defineExperiment({ ...base, name: 'good-one', params, tour: { n: 2 } });
    assert.equal(experiment.name, 'good-one');
    assert.equal(experiment.params, params);
  });

  it('requires a kebab-case name', () => {
    const params = z.object({});
    definitionError(() => defineExperiment({ ...base, name: 'Bad_Name', params }), /must be kebab-case/);
    definitionError(() => defineExperiment({ ...base, name: 'trailing-', params }), /must be kebab-case/);
  });

  it('requires a default, a description and, for numbers, both bounds', () => {
    definitionError(
      () =>
        defineExperiment({
          ...base,
          name: 'x',
          params: z.object({ n: z.number().min(0).max(1).describe('n') }),
        }),
      /parameter "n" has no default/,
    );
    definitionError(
      () =>
        defineExperiment({
          ...base,
          name: 'x',
          params: z.object({ n: z.number().min(0).max(1).default(0) }),
        }),
      /parameter "n" has no description/,
    );
    definitionError(
      () =>
        defineExperiment({
          ...base,
          name: 'x',
          params: z.object({ n: z.number().min(0).default(0).describe('n') }),
        }),
      /parameter "n" needs both \.min\(\.\.\.\) and \.max\(\.\.\.\)/,
    );
  });

  it('requires described metrics and valid tour parameters', () => {
    const params = z.object({ n: z.number().int().min(1).max(9).default(3).describe('size') });
    definitionError(
      () => defineExperiment({ ...base, name: 'x', params, metrics: { value: { description: ' ' } } }),
      /metric "value" has no description/,
    );
    definitionError(
      () => defineExperiment({ ...base, name: 'x', params, tour: { n: 99 } }),
      /tour parameters are invalid: n: /,
    );
    definitionError(
      () => defineExperiment({ ...base, name: 'x', params, tour: { m: 1 } as never }),
      /tour sets unknown parameter\(s\) m/,
    );
  });
});
