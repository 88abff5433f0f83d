import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  edwardsAnderson,
  edwardsAndersonFromCouplings,
  exactGroundState,
  frustratedPlaquettes,
  frustratedTriangles,
  isFrustratedLoop,
  sherringtonKirkpatrick,
  spinSystem,
} from '../../../src/models/spin-glass/index.js';
import { Z_LIMIT } from './helpers.js';

describe('frustration', () => {
  it('decides single loops by the sign of the coupling product', () => {
    assert.equal(isFrustratedLoop([1, 1, 1, -1]), true);
    assert.equal(isFrustratedLoop([1, -1, 1, -1]), false);
    assert.equal(isFrustratedLoop([-1, -1, -1]), true);
    assert.equal(isFrustratedLoop([-2, 0, 1]), false);
  });

  it('counts the hand-made plaquettes around one antiferromagnetic bond', () => {
    // 2D, L = 4: a bond borders 2 plaquettes; 3D, L = 3: a bond borders 4 plaquettes.
    const square = new Float64Array(2 * 16).fill(1);
    square[5 * 2 + 0] = -1;
    const flat = frustratedPlaquettes(
      edwardsAndersonFromCouplings({ dimension: 2, length: 4, latticeCouplings: square }),
    );
    assert.deepEqual([flat.count, flat.total], [2, 16]);
    const cube = new Float64Array(3 * 27).fill(1);
    cube[13 * 3 + 2] = -1;
    const solid = frustratedPlaquettes(
      edwardsAndersonFromCouplings({ dimension: 3, length: 3, latticeCouplings: cube }),
    );
    assert.deepEqual([solid.count, solid.total], [4, 81]);
    // Two negative bonds on one plaquette: that plaquette is unfrustrated again, its neighbours are.
    square[5 * 2 + 1] = -1; // bond 5 → 9 (+y), on the plaquette at site 5 together with 5 → 6
    assert.equal(
      frustratedPlaquettes(
        edwardsAndersonFromCouplings({ dimension: 2, length: 4, latticeCouplings: square }),
      ).count,
      2,
    );
    // A gauge transformation (flip every bond at one site) changes no plaquette.
    const gauge = new Float64Array(2 * 16).fill(1);
    gauge[6 * 2 + 0] = gauge[6 * 2 + 1] = gauge[5 * 2 + 0] = gauge[2 * 2 + 1] = -1;
    assert.equal(
      frustratedPlaquettes(edwardsAndersonFromCouplings({ dimension: 2, length: 4, latticeCouplings: gauge }))
        .count,
      0,
    );
  });

  it('frustrates about half the plaquettes of random ±J lattices', () => {
    const result = frustratedPlaquettes(edwardsAnderson({ dimension: 3, length: 12, key: makeKey(4) }));
    assert.equal(result.total, 3 * 12 ** 3);
    assert.ok(
      Math.abs(result.count - result.total / 2) / Math.sqrt(result.total / 4) < Z_LIMIT,
      `${result.count}`,
    );
  });

  it('counts frustrated triangles, and frustration raises the ground state above −Σ|J|', () => {
    const triangle = spinSystem({
      size: 3,
      bonds: [
        [0, 1, 1],
        [1, 2, 1],
        [0, 2, -1],
      ],
    });
    assert.deepEqual(frustratedTriangles(triangle), { count: 1, total: 1, fraction: 1 });
    // No configuration satisfies all three bonds: E₀ = −1 (not −3), six-fold degenerate.
    const ground = exactGroundState(triangle);
    assert.equal(ground.energy, -1);
    assert.equal(ground.degeneracy, 6);
    const sk = frustratedTriangles(sherringtonKirkpatrick({ size: 60, key: makeKey(5) }));
    assert.equal(sk.total, (60 * 59 * 58) / 6);
    // Triangles sharing bonds are correlated, so the binomial z is only indicative; the fraction is ½ to ±0.02.
    assert.ok(Math.abs(sk.fraction - 0.5) < 0.02, `${sk.fraction}`);
  });
});
