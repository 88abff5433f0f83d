/**
 * The minibatch products of RBM training against naive triple loops, on random shapes (sizes
 * that are and are not multiples of the 8-wide register blocks), rows that are dense, sparse,
 * binary or grey, and float64 or float32 weights.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  backwardProduct,
  createOuterScratch,
  createRowLists,
  forwardProduct,
  listRows,
  outerProductUpdate,
} from '../../../src/models/rbm/small-products.js';

/** Deterministic pseudo-random values from a seed (a small LCG; tests only). */
function values(seed: number, length: number, kind: 'grey' | 'binary' | 'dense'): Float64Array {
  const out = new Float64Array(length);
  let state = seed >>> 0 || 1;
  for (let n = 0; n < length; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const u = state / 4294967296;
    out[n] = kind === 'dense' ? 2 * u - 1 : kind === 'binary' ? (u < 0.4 ? 1 : 0) : u < 0.5 ? 0 : u;
  }
  return out;
}

describe('small products', () => {
  it('forward, backward and outer updates equal naive loops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 19 }),
        fc.integer({ min: 1, max: 11 }),
        fc.constantFrom('grey', 'binary', 'dense'),
        fc.boolean(),
        fc.integer({ min: 1, max: 1e6 }),
        (V, H, rows, kind, float32, seed) => {
          const w64 = values(seed, V * H, 'dense');
          const weights = float32 ? Float32Array.from(w64) : w64;
          const visibleBias = values(seed + 1, V, 'dense');
          const hiddenBias = values(seed + 2, H, 'dense');
          const x = values(seed + 3, (rows + 2) * V, kind as 'grey');
          const h = values(seed + 4, rows * H, kind as 'grey');
          // The lists of all rows + 2 rows of x; the forward product reads rows 2 … rows + 1.
          const xLists = createRowLists(rows + 2, V);
          listRows(x, 0, rows + 2, V, xLists);
          assert.equal(xLists.binary, kind === 'binary');
          const forward = new Float64Array(rows * H);
          forwardProduct(xLists, 2, rows, H, weights, hiddenBias, forward);
          for (let s = 0; s < rows; s++) {
            for (let j = 0; j < H; j++) {
              let expected = hiddenBias[j];
              for (let i = 0; i < V; i++) expected += x[(s + 2) * V + i] * weights[i * H + j];
              assert.ok(Math.abs(forward[s * H + j] - expected) < 1e-12, `forward ${s},${j}`);
            }
          }
          const backward = new Float64Array(rows * V);
          const hLists = createRowLists(rows, H);
          listRows(h, 0, rows, H, hLists);
          backwardProduct(hLists, rows, V, H, weights, visibleBias, backward);
          for (let s = 0; s < rows; s++) {
            for (let i = 0; i < V; i++) {
              let expected = visibleBias[i];
              for (let j = 0; j < H; j++) expected += h[s * H + j] * weights[i * H + j];
              assert.ok(Math.abs(backward[s * V + i] - expected) < 1e-12, `backward ${s},${i}`);
            }
          }
          // outer: first block = x rows 2… (rows), second block = x rows 0…1 (2 rows)
          const y = values(seed + 5, (rows + 2) * H, 'dense');
          const target = Float64Array.from(w64);
          outerProductUpdate(
            target,
            V,
            H,
            xLists,
            2,
            rows,
            0.3,
            xLists,
            2,
            -0.7,
            y,
            createOuterScratch(V, rows + 2),
          );
          for (let i = 0; i < V; i++) {
            for (let j = 0; j < H; j++) {
              let expected = w64[i * H + j];
              for (let s = 0; s < rows; s++) expected += 0.3 * x[(s + 2) * V + i] * y[s * H + j];
              for (let s = 0; s < 2; s++) expected += -0.7 * x[s * V + i] * y[(rows + s) * H + j];
              assert.ok(Math.abs(target[i * H + j] - expected) < 1e-12, `outer ${i},${j}`);
            }
          }
        },
      ),
      { numRuns: 60, seed: 20240801 },
    );
  });
});
