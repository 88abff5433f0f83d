/**
 * The RBM sparse-row kernels (`wasm/assembly/rbm.ts` through `WasmSparseRowProducts`) against
 * plain TypeScript loops that add the same terms in the same order: forward (X·W + c),
 * backward (S·Wᵀ + b, through the transposed copy) and the listed outer update of W must be
 * bit-identical, on random shapes around the 8- and 2-wide SIMD blocks, rows that are empty,
 * binary or grey, and a row window that does not start at 0.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { wasmRuntimeIfAvailable } from '../../../../src/core/kernels/wasm/runtime.js';
import {
  type SparseRows,
  WasmSparseRowProducts,
} from '../../../../src/core/kernels/wasm/wasm-sparse-rows.js';

const runtime = wasmRuntimeIfAvailable();

/** Deterministic values from a seed (a small LCG; tests only): grey rows are half zeros. */
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

/** The nonzero entries of `rows` rows of `width` values, in column order. */
function lists(x: Float64Array, rows: number, width: number): SparseRows {
  const starts = new Int32Array(rows + 1);
  const columns: number[] = [];
  const entries: number[] = [];
  for (let s = 0; s < rows; s++) {
    for (let i = 0; i < width; i++) {
      if (x[s * width + i] !== 0) {
        columns.push(i);
        entries.push(x[s * width + i]);
      }
    }
    starts[s + 1] = columns.length;
  }
  return { starts, columns: Int32Array.from(columns), values: Float64Array.from(entries) };
}

describe('WasmSparseRowProducts', { skip: runtime === undefined }, () => {
  it('forward, backward and the outer update are bit-identical to in-order loops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 19 }),
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('grey', 'binary', 'dense'),
        fc.integer({ min: 1, max: 1e6 }),
        (V, H, rows, skipped, kind, seed) => {
          const weights = values(seed, V * H, 'dense');
          const hiddenBias = values(seed + 1, H, 'dense');
          const visibleBias = values(seed + 2, V, 'dense');
          // `skipped` leading rows that the forward product must not read.
          const x = values(seed + 3, (skipped + rows) * V, kind);
          const h = values(seed + 4, rows * H, kind === 'dense' ? 'grey' : kind);
          const xLists = lists(x, skipped + rows, V);
          const hLists = lists(h, rows, H);
          const products = new WasmSparseRowProducts(
            runtime as NonNullable<typeof runtime>,
            V,
            H,
            rows,
            2 * rows * V,
          );
          products.load(weights);

          const forward = new Float64Array(rows * H);
          products.forward(xLists, skipped, rows, hiddenBias, forward);
          const backward = new Float64Array(rows * V);
          products.backward(hLists, rows, visibleBias, backward);
          for (let s = 0; s < rows; s++) {
            for (let j = 0; j < H; j++) {
              let sum = hiddenBias[j];
              for (let t = xLists.starts[skipped + s]; t < xLists.starts[skipped + s + 1]; t++)
                sum += xLists.values[t] * weights[xLists.columns[t] * H + j];
              assert.equal(forward[s * H + j], sum, `forward[${s}, ${j}]`);
            }
            for (let i = 0; i < V; i++) {
              let sum = visibleBias[i];
              for (let t = hLists.starts[s]; t < hLists.starts[s + 1]; t++)
                sum += hLists.values[t] * weights[i * H + hLists.columns[t]];
              assert.equal(backward[s * V + i], sum, `backward[${s}, ${i}]`);
            }
          }

          // Outer update: unit i's entries are the rows where x[·, i] ≠ 0, coefficient −0.3·x.
          const y = values(seed + 5, rows * H, 'dense');
          const ends = new Int32Array(V);
          const offsets: number[] = [];
          const coefficients: number[] = [];
          for (let i = 0; i < V; i++) {
            for (let s = 0; s < rows; s++) {
              const value = x[(skipped + s) * V + i];
              if (value !== 0) {
                offsets.push(s * H);
                coefficients.push(-0.3 * value);
              }
            }
            ends[i] = offsets.length;
          }
          const expected = Float64Array.from(weights);
          let begin = 0;
          for (let i = 0; i < V; i++) {
            for (let j = 0; j < H; j++) {
              let sum = 0;
              for (let t = begin; t < ends[i]; t++) sum += coefficients[t] * y[offsets[t] + j];
              if (ends[i] > begin) expected[i * H + j] += sum;
            }
            begin = ends[i];
          }
          products.outer(
            ends,
            Int32Array.from(offsets),
            Float64Array.from(coefficients),
            offsets.length,
            y,
            y.length,
          );
          const updated = new Float64Array(V * H);
          products.store(updated);
          assert.deepEqual(updated, expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stores back exactly what it loaded when nothing is updated', () => {
    const products = new WasmSparseRowProducts(runtime as NonNullable<typeof runtime>, 3, 5, 2, 12);
    const weights = values(9, 15, 'dense');
    products.load(weights);
    const out = new Float64Array(15);
    products.store(out);
    assert.deepEqual(out, weights);
  });
});
