/**
 * Where a large network's couplings live: in WebAssembly memory, allocated there once
 * (`src/core/kernels/wasm/resident-matrix.ts`), so that the SIMD field kernels read them in
 * place. The rest of the code sees an ordinary `Float32Array` either way, and no second copy
 * is kept anywhere. Small networks, the `js` and `reference` kernels, and engines without
 * WebAssembly SIMD keep a plain array and the TypeScript loops.
 */
import { getKernels } from '../../core/kernels/index.js';
import {
  allocateResidentF32,
  type ResidentMatrixF32,
  residentMatrixOf,
} from '../../core/kernels/wasm/resident-matrix.js';

/**
 * Networks from this many neurons get WebAssembly-resident couplings: below it the module's
 * fixed 2.5 MB per instance outweighs a matrix of at most 1 MiB, and the loops are short.
 */
export const RESIDENT_MIN_NEURONS = 512;

/** True when the active kernels are the WebAssembly ones (`auto` or `wasm`). */
function wasmKernelsActive(): boolean {
  const name = getKernels().name;
  return name === 'auto' || name === 'wasm';
}

/** A zero N×N float32 matrix: WebAssembly-resident when N is large and the kernels allow it. */
export function allocateWeights(size: number): Float32Array {
  if (size >= RESIDENT_MIN_NEURONS && wasmKernelsActive()) {
    const resident = allocateResidentF32(size, size);
    if (resident !== undefined) return resident.values;
  }
  return new Float32Array(size * size);
}

/**
 * The couplings a network keeps: `weights` itself when it is already resident or stays in
 * plain memory, else a resident copy (the network then holds only that copy).
 */
export function placeWeights(weights: Float32Array, size: number): Float32Array {
  if (size < RESIDENT_MIN_NEURONS || residentMatrixOf(weights) !== undefined || !wasmKernelsActive())
    return weights;
  const resident = allocateResidentF32(size, size);
  if (resident === undefined) return weights;
  resident.values.set(weights);
  return resident.values;
}

/** The SIMD field kernels over `weights`, when it is resident and the WebAssembly kernels are active. */
export function fieldKernels(weights: Float32Array): ResidentMatrixF32 | undefined {
  const resident = residentMatrixOf(weights);
  return resident !== undefined && wasmKernelsActive() ? resident : undefined;
}
