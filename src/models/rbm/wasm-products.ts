/**
 * The WebAssembly SIMD path of the trainer's small-batch step (internal to `models/rbm`): the
 * same sparse products as `small-products.ts`, summed in the same order (bit-identical
 * results), run by `src/core/kernels/wasm/wasm-sparse-rows.ts` on a copy of W that the step
 * loads once and stores once. Used for float64 weights under the `auto` and `wasm` kernels
 * where WebAssembly SIMD loads; everything else keeps the TypeScript loops.
 */
import { getKernels } from '../../core/kernels/index.js';
import { wasmRuntimeIfAvailable } from '../../core/kernels/wasm/runtime.js';
import { hasSparseRowKernels, WasmSparseRowProducts } from '../../core/kernels/wasm/wasm-sparse-rows.js';
import type { Rbm } from './rbm.js';
import { type OuterScratch, type RowLists, sortEntriesByUnit } from './small-products.js';

/**
 * Products for `rbm`'s weights when the WebAssembly path applies now (float64 weights, the
 * `auto` or `wasm` kernels, SIMD available), else undefined. `previous` is reused when it fits.
 */
export function wasmProductsFor(
  rbm: Rbm,
  maxRows: number,
  maxEntries: number,
  previous: WasmSparseRowProducts | undefined,
): WasmSparseRowProducts | undefined {
  const name = getKernels().name;
  if (!(rbm.weights instanceof Float64Array) || (name !== 'auto' && name !== 'wasm')) return undefined;
  if (previous !== undefined) return previous;
  const runtime = wasmRuntimeIfAvailable();
  if (runtime === undefined || !hasSparseRowKernels(runtime)) return undefined;
  return new WasmSparseRowProducts(runtime, rbm.visibleCount, rbm.hiddenCount, maxRows, maxEntries);
}

/**
 * The weight update of `outerProductUpdate` (W += α⁺ Σ x_sᵀ h⁺_s + α⁻ Σ v_sᵀ h⁻_s from the
 * lists) on the loaded copy of W, then W stored back into `rbm.weights`.
 */
export function wasmOuterUpdate(
  products: WasmSparseRowProducts,
  rbm: Rbm,
  data: RowLists,
  dataRow: number,
  rows: number,
  positiveCoefficient: number,
  negative: RowLists,
  chains: number,
  negativeCoefficient: number,
  hidden: Float64Array,
  scratch: OuterScratch,
): void {
  const { visibleCount: V, hiddenCount: H } = rbm;
  const entries = sortEntriesByUnit(
    V,
    H,
    data,
    dataRow,
    rows,
    positiveCoefficient,
    negative,
    chains,
    negativeCoefficient,
    scratch,
  );
  products.outer(scratch.counts, scratch.offsets, scratch.values, entries, hidden, (rows + chains) * H);
  products.store(rbm.weights as Float64Array);
}
