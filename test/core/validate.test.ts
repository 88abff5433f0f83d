import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertFinite,
  assertFunction,
  assertInRange,
  assertInteger,
  assertKey,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe as describeValue,
  finiteArray,
  finiteOption,
} from '../../src/core/validate.js';

/** Asserts that `run` throws an error of class `kind` whose message is exactly `message`. */
function throwsExactly(run: () => unknown, kind: ErrorConstructor, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof kind, `expected a ${kind.name}, got ${String(error)}`);
    assert.equal((error as Error).message, message);
    return true;
  });
}

describe('core/validate: describe', () => {
  it('describes numbers, strings, empty values, arrays and other values briefly', () => {
    assert.equal(describeValue(2.5), '2.5');
    assert.equal(describeValue(-0), '-0');
    assert.equal(describeValue(Number.NaN), 'NaN');
    assert.equal(describeValue('abc'), '"abc"');
    assert.equal(describeValue('x'.repeat(50)), JSON.stringify(`${'x'.repeat(37)}...`));
    assert.equal(describeValue(null), 'null');
    assert.equal(describeValue(undefined), 'undefined');
    assert.equal(describeValue(new Float64Array(3)), 'Float64Array(3)');
    assert.equal(describeValue([1, 2]), 'Array(2)');
    assert.equal(describeValue({ a: 1 }), 'object');
    assert.equal(
      describeValue(() => 0),
      'function',
    );
  });
});

describe('core/validate: number checks', () => {
  it('assertFinite accepts finite numbers and rejects the rest', () => {
    assertFinite('f', 'x', -3.5);
    assertFinite('f', 'x', 0);
    throwsExactly(
      () => assertFinite('f', 'x', Number.NaN),
      RangeError,
      'f: x must be a finite number, got NaN',
    );
    throwsExactly(() => assertFinite('f', 'x', '1'), RangeError, 'f: x must be a finite number, got "1"');
  });

  it('finiteOption returns the value or the fallback and rejects non-finite values', () => {
    assert.equal(finiteOption('f', 'x', 2, 7), 2);
    assert.equal(finiteOption('f', 'x', undefined, 7), 7);
    throwsExactly(
      () => finiteOption('f', 'x', Number.POSITIVE_INFINITY, 7),
      RangeError,
      'f: x must be a finite number, got Infinity',
    );
    throwsExactly(
      () => finiteOption('f', 'x', null, 7),
      RangeError,
      'f: x must be a finite number, got null',
    );
  });

  it('assertPositive accepts numbers > 0 and rejects 0, negatives and non-numbers', () => {
    assertPositive('f', 'stepSize', 1e-300);
    throwsExactly(
      () => assertPositive('f', 'stepSize', 0),
      RangeError,
      'f: stepSize must be a finite number > 0, got 0',
    );
    throwsExactly(
      () => assertPositive('f', 'stepSize', -0),
      RangeError,
      'f: stepSize must be a finite number > 0, got -0',
    );
    throwsExactly(
      () => assertPositive('f', 'stepSize', Number.POSITIVE_INFINITY),
      RangeError,
      'f: stepSize must be a finite number > 0, got Infinity',
    );
  });

  it('assertNonNegative accepts 0 and rejects negatives', () => {
    assertNonNegative('f', 'temperature', 0);
    assertNonNegative('f', 'temperature', 3);
    throwsExactly(
      () => assertNonNegative('f', 'temperature', -1),
      RangeError,
      'f: temperature must be a finite number ≥ 0, got -1',
    );
    throwsExactly(
      () => assertNonNegative('f', 'temperature', undefined),
      RangeError,
      'f: temperature must be a finite number ≥ 0, got undefined',
    );
  });

  it('assertInRange accepts both bounds and rejects values outside them', () => {
    assertInRange('f', 'p', 0, 0, 1);
    assertInRange('f', 'p', 1, 0, 1);
    throwsExactly(
      () => assertInRange('f', 'p', 1.5, 0, 1),
      RangeError,
      'f: p must be a finite number in [0, 1], got 1.5',
    );
    throwsExactly(
      () => assertInRange('f', 'p', Number.NaN, 0, 1),
      RangeError,
      'f: p must be a finite number in [0, 1], got NaN',
    );
  });

  it('assertInteger writes a one-sided range without max and a closed range with it', () => {
    assertInteger('f', 'n', 1, 1);
    assertInteger('f', 'n', 5, 1, 5);
    throwsExactly(() => assertInteger('f', 'n', 0, 1), RangeError, 'f: n must be an integer ≥ 1, got 0');
    throwsExactly(() => assertInteger('f', 'n', 2.5, 1), RangeError, 'f: n must be an integer ≥ 1, got 2.5');
    throwsExactly(
      () => assertInteger('f', 'n', 6, 1, 5),
      RangeError,
      'f: n must be an integer in [1, 5], got 6',
    );
  });
});

describe('core/validate: shape and kind checks', () => {
  it('assertOneOf accepts an allowed string and lists the choices otherwise', () => {
    assertOneOf('f', 'rule', 'hebb', ['hebb', 'storkey'] as const);
    throwsExactly(
      () => assertOneOf('f', 'rule', 'pseudo', ['hebb', 'storkey'] as const),
      RangeError,
      `f: rule must be one of 'hebb', 'storkey', got "pseudo"`,
    );
    throwsExactly(
      () => assertOneOf('f', 'rule', 3, ['hebb'] as const),
      RangeError,
      `f: rule must be one of 'hebb', got 3`,
    );
  });

  it('assertOptions accepts objects and rejects null and primitives', () => {
    assertOptions('f', {});
    assertOptions('f', []);
    throwsExactly(() => assertOptions('f', null), TypeError, 'f: options must be an object, got null');
    throwsExactly(() => assertOptions('f', 4), TypeError, 'f: options must be an object, got 4');
  });

  it('assertFunction accepts functions and rejects other values', () => {
    assertFunction('f', 'energy', () => 0);
    throwsExactly(
      () => assertFunction('f', 'energy', {}),
      TypeError,
      'f: energy must be a function, got object',
    );
  });

  it('assertKey accepts a 2-word Uint32Array and names the parameter (key by default)', () => {
    assertKey('f', new Uint32Array([1, 2]));
    throwsExactly(
      () => assertKey('f', new Uint32Array(3)),
      TypeError,
      'f: key must be a Uint32Array of 2 words (from makeKey, split or fold), got Uint32Array(3)',
    );
    throwsExactly(
      () => assertKey('f', [1, 2], 'chainKey'),
      TypeError,
      'f: chainKey must be a Uint32Array of 2 words (from makeKey, split or fold), got Array(2)',
    );
  });

  it('finiteArray copies finite entries and rejects bad containers, lengths and entries', () => {
    const source = [1, -2, 3.5];
    const copy = finiteArray('f', 'mean', source, 3);
    assert.deepEqual(Array.from(copy), source);
    assert.ok(copy instanceof Float64Array);
    const typed = new Float64Array([4, 5]);
    const typedCopy = finiteArray('f', 'mean', typed);
    typedCopy[0] = 9;
    assert.equal(typed[0], 4, 'the result is a copy, not a view');
    throwsExactly(
      () => finiteArray('f', 'mean', 'abc'),
      TypeError,
      'f: mean must be an array of numbers, got "abc"',
    );
    throwsExactly(
      () => finiteArray('f', 'mean', [1, 2], 3),
      RangeError,
      'f: mean must have 3 entries, got 2',
    );
    throwsExactly(
      () => finiteArray('f', 'mean', [1, Number.NaN]),
      RangeError,
      'f: mean[1] must be a finite number, got NaN',
    );
    throwsExactly(
      () => finiteArray('f', 'mean', [1, '2']),
      RangeError,
      'f: mean[1] must be a finite number, got "2"',
    );
  });
});
