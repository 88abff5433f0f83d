/**
 * The elementwise jobs of a threaded fused MLP pass (`threaded-tape-arena.ts`): the activation
 * factors, the Taylor stream combination and its backward pass, and the input-gradient pass's
 * products and backward step, each split into blocks of entries that the caller and the workers
 * compute at once on the shared memory.
 *
 * Blocks start on multiples of 16 entries, so every entry that the single-thread pass computes
 * in a SIMD lane is computed in a SIMD lane here too, and only the last block has the scalar
 * tail (which also keeps the activation kernel's one static scratch vector to one thread): the
 * results are bit-identical to the single-thread pass for any number of threads.
 */

/** What the jobs call on an instance of the shared-memory build. */
export interface TapeJobExports {
  activationFactorsF32(...args: number[]): void;
  activationFactorsF64(...args: number[]): void;
  taylorStreamsPartF32(...args: number[]): void;
  taylorStreamsPartF64(...args: number[]): void;
  taylorStreamsBackwardPartF32(...args: number[]): void;
  taylorStreamsBackwardPartF64(...args: number[]): void;
  multiplyF32(...args: number[]): void;
  multiplyF64(...args: number[]): void;
  addProductF32(...args: number[]): void;
  addProductF64(...args: number[]): void;
  gradientBackwardF32(...args: number[]): void;
  gradientBackwardF64(...args: number[]): void;
}

/** Job codes (the first job argument); PRODUCT's rows are served by `threaded-matmul.ts`. */
export const TAPE_JOB = {
  product: 0,
  factors: 1,
  streams: 2,
  streamsBackward: 3,
  multiply: 4,
  addProduct: 5,
  gradientBackward: 6,
} as const;

/**
 * The jobs whose kernel arguments are all per-entry pointers, then the count: their kernels
 * (float32, float64) and pointer counts. (A worker's job arguments come in a fixed-length
 * array, so positions are counted from the front.)
 */
const POINTWISE: Record<
  number,
  { kernels: readonly [keyof TapeJobExports, keyof TapeJobExports]; pointers: number }
> = {
  [TAPE_JOB.multiply]: { kernels: ['multiplyF32', 'multiplyF64'], pointers: 3 },
  [TAPE_JOB.addProduct]: { kernels: ['addProductF32', 'addProductF64'], pointers: 3 },
  [TAPE_JOB.gradientBackward]: { kernels: ['gradientBackwardF32', 'gradientBackwardF64'], pointers: 6 },
};

const ALIGN = 16;

/** First entry of block `block` of `blocks` over `count` entries (aligned; the last block ends at count). */
export function entryBlockStart(block: number, blocks: number, count: number): number {
  if (block >= blocks) return count;
  return Math.min(count, Math.floor((block * count) / blocks / ALIGN) * ALIGN);
}

/**
 * Job arguments, after the code and a precision flag (1: float32):
 * - factors: kind, z, value, d1, d2, d3, count, blocks;
 * - streams: z, a, d1, d2, count, d, axes, q, blocks;
 * - streamsBackward: z, g, d1, d2, d3, count, d, axes, q, blocks;
 * - multiply, addProduct, gradientBackward: their pointers, count, blocks.
 */
export function runTapeJob(exports: TapeJobExports, args: ArrayLike<number>, block: number): void {
  const code = args[0];
  const single = args[1] === 1;
  const bytes = single ? 4 : 8;
  if (code === TAPE_JOB.factors) {
    const [, , kind, z, value, d1, d2, d3, count, blocks] = Array.from(args);
    const start = entryBlockStart(block, blocks, count);
    const end = entryBlockStart(block + 1, blocks, count);
    if (end <= start) return;
    const at = start * bytes;
    const factors = single ? exports.activationFactorsF32 : exports.activationFactorsF64;
    factors(kind, z + at, value + at, d1 + at, d2 + at, d3 + at, end - start);
  } else if (code === TAPE_JOB.streams) {
    const [, , z, a, d1, d2, count, d, axes, q, blocks] = Array.from(args);
    const start = entryBlockStart(block, blocks, count);
    const end = entryBlockStart(block + 1, blocks, count);
    if (end <= start) return;
    const part = single ? exports.taylorStreamsPartF32 : exports.taylorStreamsPartF64;
    part(z, a, d1, d2, start, end - start, count, d, axes, q);
  } else if (code === TAPE_JOB.streamsBackward) {
    const [, , z, g, d1, d2, d3, count, d, axes, q, blocks] = Array.from(args);
    const start = entryBlockStart(block, blocks, count);
    const end = entryBlockStart(block + 1, blocks, count);
    if (end <= start) return;
    const part = single ? exports.taylorStreamsBackwardPartF32 : exports.taylorStreamsBackwardPartF64;
    part(z, g, d1, d2, d3, start, end - start, count, d, axes, q);
  } else if (code in POINTWISE) {
    const { kernels, pointers } = POINTWISE[code];
    const count = args[2 + pointers];
    const blocks = args[3 + pointers];
    const start = entryBlockStart(block, blocks, count);
    const end = entryBlockStart(block + 1, blocks, count);
    if (end <= start) return;
    const shifted = Array.from({ length: pointers }, (_, i) => args[2 + i] + start * bytes);
    exports[kernels[single ? 0 : 1]](...shifted, end - start);
  } else {
    throw new Error(`threaded tape: unknown job code ${code}`);
  }
}
