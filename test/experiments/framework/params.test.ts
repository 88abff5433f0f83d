import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfigFile } from '../../../src/experiments/framework/config-file.js';
import { InputError, ParameterError } from '../../../src/experiments/framework/errors.js';
import {
  describeParameters,
  parseAssignments,
  resolveParams,
} from '../../../src/experiments/framework/params.js';
import { randomWalk } from './fixtures.js';

const fromSet = (values: Record<string, string>) => [{ label: '--set', values, fromText: true }];

/** Asserts that resolving throws a ParameterError whose message contains every fragment. */
function rejects(values: Record<string, string>, ...fragments: string[]): void {
  assert.throws(
    () => resolveParams(randomWalk, fromSet(values)),
    (error: unknown) => {
      assert.ok(error instanceof ParameterError, `expected a ParameterError, got ${String(error)}`);
      for (const fragment of fragments)
        assert.ok(error.message.includes(fragment), `"${error.message}" lacks "${fragment}"`);
      return true;
    },
  );
}

describe('describeParameters', () => {
  it('lists name, type, default, range and description in declaration order', () => {
    const parameters = describeParameters(randomWalk.params);
    assert.deepEqual(
      parameters.map((p) => p.name),
      ['steps', 'checkpointEvery', 'stepSize', 'mode', 'verbose', 'weights', 'failAtStep', 'nanMetric'],
    );
    const steps = parameters[0];
    assert.equal(steps.type, 'integer');
    assert.equal(steps.default, 40);
    assert.equal(steps.minimum, 1);
    assert.equal(steps.maximum, 100_000);
    assert.equal(steps.allowed, 'integer in [1, 100000]');
    assert.equal(steps.description, 'number of steps');
    const stepSize = parameters[2];
    assert.equal(stepSize.exclusiveMinimum, 0);
    assert.equal(stepSize.allowed, 'number in (0, 10]');
    assert.deepEqual(parameters[3].values, ['gaussian', 'sign']);
    assert.equal(parameters[3].allowed, 'one of gaussian, sign');
    assert.equal(parameters[4].allowed, 'true or false');
    assert.equal(parameters[5].allowed, 'list of number in [0, 1]');
  });
});

describe('resolveParams', () => {
  it('fills defaults', () => {
    const params = resolveParams(randomWalk);
    assert.equal(params.steps, 40);
    assert.equal(params.mode, 'gaussian');
    assert.deepEqual(params.weights, [0.5, 0.5]);
  });

  it('parses numbers, booleans, enums and lists from --set strings', () => {
    const params = resolveParams(
      randomWalk,
      fromSet({ steps: '12', stepSize: '2.5e-1', verbose: 'yes', mode: 'sign', weights: '0.1, 0.9,1' }),
    );
    assert.equal(params.steps, 12);
    assert.equal(params.stepSize, 0.25);
    assert.equal(params.verbose, true);
    assert.equal(params.mode, 'sign');
    assert.deepEqual(params.weights, [0.1, 0.9, 1]);
    assert.equal(resolveParams(randomWalk, fromSet({ verbose: 'off' })).verbose, false);
    assert.deepEqual(resolveParams(randomWalk, fromSet({ weights: '[0.3]' })).weights, [0.3]);
  });

  it('lets later sources override earlier ones', () => {
    const params = resolveParams(randomWalk, [
      { label: 'config file a.yaml', values: { steps: 7, stepSize: 3 } },
      { label: '--set', values: { steps: '9' }, fromText: true },
    ]);
    assert.equal(params.steps, 9);
    assert.equal(params.stepSize, 3);
  });

  it('rejects an unknown parameter, listing the allowed ones and the closest', () => {
    rejects(
      { stepsize: '1' },
      'unknown parameter "stepsize" for random-walk-fixture',
      'allowed: steps, checkpointEvery',
      'did you mean "stepSize"?',
    );
  });

  it('rejects out-of-range values with the allowed range and the value given', () => {
    rejects({ steps: '0' }, 'parameter "steps"', 'must be ≥ 1', 'allowed: integer in [1, 100000]', 'got 0');
    rejects({ steps: '100001' }, 'must be ≤ 100000', 'got 100001');
    rejects({ stepSize: '0' }, 'parameter "stepSize"', 'must be > 0', 'allowed: number in (0, 10]');
    rejects({ weights: '0.5,2' }, 'parameter "weights[1]"', 'must be ≤ 1', 'got 2');
  });

  it('rejects NaN, infinities, non-numeric strings and non-integers', () => {
    rejects({ stepSize: 'NaN' }, 'parameter "stepSize"', 'must be a finite number', 'got "NaN"');
    rejects({ stepSize: '-Infinity' }, 'must be a finite number');
    rejects({ stepSize: '1e999' }, 'must be a finite number');
    rejects({ steps: 'ten' }, 'parameter "steps"', 'expects a number', 'got "ten"');
    rejects({ steps: '' }, 'expects a number');
    rejects({ steps: '0x10' }, 'expects a number');
    rejects({ steps: '2.5' }, 'must be an integer', 'got 2.5');
  });

  it('rejects bad booleans and enum values', () => {
    rejects({ verbose: 'maybe' }, 'parameter "verbose"', 'expects true or false', 'allowed: true or false');
    rejects({ mode: 'levy' }, 'parameter "mode"', 'must be one of gaussian, sign', 'got "levy"');
  });

  it('rejects wrongly typed values from a config file, naming the source', () => {
    assert.throws(
      () => resolveParams(randomWalk, [{ label: 'config file c.json', values: { steps: '12' } }]),
      /parameter "steps" of random-walk-fixture expects a number; allowed: integer in \[1, 100000\]; got "12"/,
    );
    assert.throws(
      () => resolveParams(randomWalk, [{ label: 'config file c.json', values: { nope: 1 } }]),
      /unknown parameter "nope" for random-walk-fixture \(from config file c.json\)/,
    );
  });
});

describe('parseAssignments', () => {
  it('splits key=value, keeping "=" inside values and the last repeated key', () => {
    assert.deepEqual(parseAssignments(['a=1', 'b=x=y', 'a=2']), { a: '2', b: 'x=y' });
  });

  it('rejects a string without "="', () => {
    assert.throws(() => parseAssignments(['steps']), /--set expects key=value, got "steps"/);
    assert.throws(() => parseAssignments(['=3']), ParameterError);
  });
});

describe('loadConfigFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'physml-config-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('reads JSON and YAML mappings', () => {
    writeFileSync(join(directory, 'a.json'), '{"steps": 8, "mode": "sign"}');
    writeFileSync(join(directory, 'b.yaml'), 'steps: 9\nweights: [0.2, 0.4]\n');
    assert.deepEqual(loadConfigFile(join(directory, 'a.json')).values, { steps: 8, mode: 'sign' });
    const yaml = loadConfigFile(join(directory, 'b.yaml'));
    assert.deepEqual(yaml.values, { steps: 9, weights: [0.2, 0.4] });
    assert.match(yaml.label, /config file .*b\.yaml/);
  });

  it('rejects missing files, bad syntax, non-mappings and unknown extensions', () => {
    writeFileSync(join(directory, 'bad.json'), '{"steps": ');
    writeFileSync(join(directory, 'bad.yaml'), 'steps: [1, 2\n');
    writeFileSync(join(directory, 'list.yaml'), '- 1\n- 2\n');
    writeFileSync(join(directory, 'c.toml'), 'steps = 1');
    assert.throws(() => loadConfigFile(join(directory, 'missing.json')), /does not exist/);
    assert.throws(() => loadConfigFile(join(directory, 'bad.json')), /is not valid JSON/);
    assert.throws(() => loadConfigFile(join(directory, 'bad.yaml')), /is not valid YAML/);
    assert.throws(() => loadConfigFile(join(directory, 'list.yaml')), /must hold a mapping/);
    assert.throws(
      () => loadConfigFile(join(directory, 'c.toml')),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /must end in \.json, \.yaml or \.yml/);
        return true;
      },
    );
  });
});
