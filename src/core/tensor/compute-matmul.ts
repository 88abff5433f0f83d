/** Raw batched matrix products with NumPy batch broadcasting, through the kernel interface. */
import { getKernels } from '../kernels/registry.js';
import {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  type Shape,
  shapeSize,
  shapesEqual,
} from './shape.js';
import { forEachStrided } from './strided.js';
import { allocate, type DType, type FloatArray, isTensorOwned } from './tensor.js';

/**
 * Batched matmul with NumPy semantics on the leading (batch) axes; operands have rank ≥ 2.
 * `transA`/`transB` read the last two axes transposed without copying.
 */
export function matmul(
  a: FloatArray,
  aShape: Shape,
  b: FloatArray,
  bShape: Shape,
  transA: boolean,
  transB: boolean,
  dtype: DType,
): { data: FloatArray; shape: number[] } {
  const ra = aShape.length;
  const rb = bShape.length;
  const m = transA ? aShape[ra - 1] : aShape[ra - 2];
  const kA = transA ? aShape[ra - 2] : aShape[ra - 1];
  const kB = transB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transB ? bShape[rb - 2] : bShape[rb - 1];
  if (kA !== kB) {
    throw new Error(
      `matmul: inner dimensions differ: ${formatShape(aShape)}${transA ? 'ᵀ' : ''} · ${formatShape(bShape)}${transB ? 'ᵀ' : ''} (${kA} ≠ ${kB})`,
    );
  }
  const batchA = aShape.slice(0, ra - 2);
  const batchB = bShape.slice(0, rb - 2);
  const batchShape = broadcastShapes(batchA, batchB);
  const outShape = [...batchShape, m, n];
  const out = allocate(dtype, shapeSize(outShape));
  const kernels = getKernels();
  const batchCount = shapeSize(batchShape);
  const sizeA = m * kA;
  const sizeB = kA * n;
  if (batchCount <= 1 || (shapesEqual(batchA, batchShape) && shapesEqual(batchB, batchShape))) {
    kernels.matmul({
      a,
      b,
      c: out,
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: Math.max(batchCount, 1),
      strideA: sizeA,
      strideB: sizeB,
      strideC: m * n,
      accumulate: false,
      // Arrays the tensor layer allocated, and a fresh output: the kernels may keep copies.
      immutableA: isTensorOwned(a),
      immutableB: isTensorOwned(b),
      immutableC: isTensorOwned(out),
    });
    return { data: out, shape: outShape };
  }
  if (shapeSize(batchA) === 1 || shapeSize(batchB) === 1) {
    kernels.matmul({
      a,
      b,
      c: out,
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: batchCount,
      strideA: shapeSize(batchA) === 1 ? 0 : sizeA,
      strideB: shapeSize(batchB) === 1 ? 0 : sizeB,
      strideC: m * n,
      accumulate: false,
      // Arrays the tensor layer allocated, and a fresh output: the kernels may keep copies.
      immutableA: isTensorOwned(a),
      immutableB: isTensorOwned(b),
      immutableC: isTensorOwned(out),
    });
    return { data: out, shape: outShape };
  }
  // General broadcast of batch axes: one product per batch index.
  const stridesA = broadcastStrides(batchA, batchShape);
  const stridesB = broadcastStrides(batchB, batchShape);
  let index = 0;
  forEachStrided(batchShape, [stridesA, stridesB], (o) => {
    kernels.matmul({
      a: a.subarray(o[0] * sizeA, (o[0] + 1) * sizeA),
      b: b.subarray(o[1] * sizeB, (o[1] + 1) * sizeB),
      c: out.subarray(index * m * n, (index + 1) * m * n),
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: 1,
      strideA: sizeA,
      strideB: sizeB,
      strideC: m * n,
      accumulate: false,
    });
    index++;
  });
  return { data: out, shape: outShape };
}
