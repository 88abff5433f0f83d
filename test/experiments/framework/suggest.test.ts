import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/experiments/framework/errors.js';
import { closeNames, didYouMean, editDistance } from '../../../src/experiments/framework/suggest.js';
import { experimentNames, getExperiment } from '../../../src/experiments/registry.js';

describe('suggestions', () => {
  it('measures edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('Kappa', 'kappa'), 0);
  });

  it('suggests close names only', () => {
    assert.deepEqual(closeNames('lineer-system', ['ising', 'linear-system', 'tour']), ['linear-system']);
    assert.deepEqual(closeNames('zzz', ['ising', 'linear-system']), []);
    assert.equal(didYouMean('kapa', ['n', 'kappa']), '; did you mean "kappa"?');
    assert.equal(didYouMean('q', ['kappa']), '');
  });
});

describe('registry', () => {
  it('finds registered experiments by name', () => {
    assert.ok(experimentNames().includes('orthonormal'));
    assert.equal(getExperiment('orthonormal').name, 'orthonormal');
  });

  it('rejects an unknown name, listing the available ones and the closest', () => {
    assert.throws(
      () => getExperiment('orthonormel'),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /^unknown experiment "orthonormel"; available: .*orthonormal/);
        assert.match(error.message, /did you mean "orthonormal"\?$/);
        return true;
      },
    );
    assert.throws(
      () => getExperiment('qqqqqqq'),
      (error: unknown) => !(error as Error).message.includes('did you mean'),
    );
  });
});
