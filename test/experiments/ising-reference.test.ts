/** The exact reference of experiment `ising`: the best exact method for each kind of lattice. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  enumerateIsing,
  isingChainTransferMatrix,
  isingRowTransfer,
  kaufmanIsing,
} from '../../src/exact/index.js';
import { isingReference } from '../../src/experiments/ising-reference.js';
import { isingModel } from '../../src/models/ising/index.js';

const keys = (values: object) => Object.keys(values).sort();

describe('isingReference', () => {
  it('enumerates a lattice of at most 25 spins, with P(M) from the row transfer matrix', () => {
    const model = isingModel({ dimension: 2, length: 4, field: 0.2, boundary: 'open' });
    const reference = isingReference(model, 2);
    const exact = enumerateIsing(model, 2);
    assert.match(reference.method, /enumeration of all 2\^16 states/);
    assert.equal(reference.values.energyPerSpin, exact.energyPerSpin);
    assert.equal(reference.values.binder, exact.binder);
    assert.equal(reference.values.absMagnetization, exact.absMagnetizationPerSpin);
    assert.equal(keys(reference.values).length, 6);
    assert.equal(reference.distribution?.length, 17);
  });

  it('uses the row transfer matrix for a chain of up to 1024 spins, the eigenvalues beyond', () => {
    const chain = isingModel({ dimension: 1, length: 300, coupling: -1, field: 0.3 });
    const rows = isingReference(chain, 0.7);
    assert.match(rows.method, /row transfer matrix/);
    assert.equal(rows.values.susceptibility, isingRowTransfer(chain, 0.7).susceptibility);
    assert.equal(rows.distribution?.length, 301);
    const long = isingModel({ dimension: 1, length: 5000, field: 0.3, boundary: 'open' });
    const eigen = isingReference(long, 0.7);
    assert.match(eigen.method, /eigenvalues/);
    assert.deepEqual(keys(eigen.values), ['energyPerSpin', 'magnetization', 'specificHeat']);
    const exact = isingChainTransferMatrix({ length: 5000, temperature: 0.7, field: 0.3, boundary: 'open' });
    assert.equal(eigen.values.specificHeat, exact.specificHeat);
    assert.equal(eigen.distribution, undefined);
  });

  it('uses Kaufman for a periodic 2D lattice in zero field, an antiferromagnet on an even torus too', () => {
    const ferro = isingReference(isingModel({ dimension: 2, length: 16 }), 2.3);
    assert.match(ferro.method, /Kaufman/);
    assert.deepEqual(keys(ferro.values), ['energyPerSpin', 'specificHeat']);
    const antiferro = isingReference(isingModel({ dimension: 2, length: 6, coupling: -1 }), 2.3);
    assert.equal(antiferro.values.energyPerSpin, kaufmanIsing({ width: 6, temperature: 2.3 }).energyPerSpin);
  });

  it('has no exact values for an open or frustrated large lattice, a field, or |J|/T > 100', () => {
    for (const [options, temperature] of [
      [{ dimension: 2, length: 16, boundary: 'open' }, 2.3],
      [{ dimension: 2, length: 7, coupling: -1 }, 2.3],
      [{ dimension: 2, length: 16, field: 0.1 }, 2.3],
      [{ dimension: 2, length: 16 }, 0.009],
    ] as const) {
      const reference = isingReference(isingModel(options), temperature);
      assert.match(reference.method, /^none/, JSON.stringify(options));
      assert.deepEqual(reference.values, {});
    }
  });
});
