/**
 * Storage rules: how P patterns ξ^μ ∈ {±1}^N become couplings w_ij.
 *
 * - Hebb (Hopfield 1982): w = (1/N) Σ_μ ξ^μ ξ^μᵀ. Local and one-shot; random patterns are
 *   retrieved up to α = P/N ≈ 0.138 (Amit, Gutfreund and Sompolinsky 1985), but correlated
 *   patterns interfere long before that.
 * - Pseudo-inverse, or projection rule (Personnaz et al. 1985; Kanter and Sompolinsky 1987):
 *   w = (1/N) Ξᵀ C⁻¹ Ξ with the overlap matrix C_μν = (1/N) ξ^μ·ξ^ν, the orthogonal
 *   projection onto the span of the patterns. Every pattern is a fixed point, correlated or
 *   not, for any P < N linearly independent patterns (after zeroing the diagonal the local
 *   field at ξ^μ is (1 − w_ii)ξ^μ_i with w_ii ≈ α < 1).
 * - Storkey (1997): Hebb's increment minus the "local field" cross-talk terms; still local and
 *   incremental, with a higher capacity than Hebb (≈ 0.18 N/√(2 ln N) for N large).
 *
 * Every rule sets w_ii = 0 and returns only the float32 matrix (no float64 copy of it):
 * products of pattern matrices go through the active kernels (`getKernels().matmul`), which
 * accumulate in float64 and round once into float32.
 */
import { getKernels } from '../../core/kernels/index.js';
import { cholesky, choleskySolve } from '../../core/linalg/index.js';
import { assertNonNegative, assertOneOf, assertOptions } from '../../core/validate.js';
import { type HopfieldNetwork, hopfieldNetwork, type StorageRule } from './network.js';
import { checkedPatterns } from './patterns.js';
import { allocateWeights } from './resident-weights.js';

/** The storage rules, for validation and option lists. */
export const STORAGE_RULES: readonly StorageRule[] = ['hebb', 'pseudo-inverse', 'storkey'];

/** The patterns as the rows of a P×N float32 matrix Ξ. */
function patternMatrix(patterns: readonly Int8Array[], size: number): Float32Array {
  const matrix = new Float32Array(patterns.length * size);
  patterns.forEach((pattern, mu) => {
    matrix.set(pattern, mu * size);
  });
  return matrix;
}

/**
 * Rows of C computed per kernel call, about 2^21 entries (8 MiB as float32): the kernels copy
 * their operands into WebAssembly memory, which never shrinks, so one N×N call would leave a
 * second N×N buffer there for good (256 MiB at N = 8192).
 */
const OUTER_PRODUCT_BLOCK_ENTRIES = 2 ** 21;

/**
 * C = A_leftᵀ · A_right for P×N row-major A's, with C N×N (the outer-product sum over
 * patterns), in blocks of rows of C. Blocking splits only the rows, never the sum over
 * patterns, so every entry is the same sum as in one call.
 */
function sumOfOuterProducts(
  left: Float32Array,
  right: Float32Array | Float64Array,
  count: number,
  size: number,
  out: Float32Array,
): void {
  const blockRows = Math.max(1, Math.floor(OUTER_PRODUCT_BLOCK_ENTRIES / size));
  const block = blockRows >= size ? left : new Float32Array(count * blockRows);
  for (let start = 0; start < size; start += blockRows) {
    const rows = Math.min(blockRows, size - start);
    // Columns start … start + rows − 1 of A_left, as a P×rows matrix.
    if (block !== left) {
      for (let mu = 0; mu < count; mu++) {
        block.set(left.subarray(mu * size + start, mu * size + start + rows), mu * rows);
      }
    }
    getKernels().matmul({
      a: block,
      b: right,
      c: out.subarray(start * size, (start + rows) * size),
      m: rows,
      n: size,
      k: count,
      transA: true,
      transB: false,
      batch: 1,
      strideA: 0,
      strideB: 0,
      strideC: 0,
      accumulate: false,
    });
  }
}

function zeroDiagonal(weights: Float32Array, size: number): void {
  for (let i = 0; i < size; i++) weights[i * size + i] = 0;
}

/**
 * Hebb's rule: w_ij = (1/N) Σ_μ ξ^μ_i ξ^μ_j for i ≠ j, w_ii = 0, as a row-major N×N
 * `Float32Array`. The integer sums are exact; each weight is the float32 nearest to sum/N.
 */
export function hebbianWeights(patterns: readonly ArrayLike<number>[]): Float32Array {
  const checked = checkedPatterns('hebbianWeights', patterns);
  const size = checked[0].length;
  const xi = patternMatrix(checked, size);
  const weights = allocateWeights(size);
  sumOfOuterProducts(xi, xi, checked.length, size, weights);
  for (let index = 0; index < weights.length; index++) weights[index] /= size;
  zeroDiagonal(weights, size);
  return weights;
}

/** Options of {@link pseudoInverseWeights}. */
export interface PseudoInverseOptions {
  /**
   * Ridge λ ≥ 0 added to the diagonal of the overlap matrix C (default 0). Needed only for
   * nearly dependent patterns; it makes the rule a damped projection.
   */
  regularization?: number;
}

/**
 * The pseudo-inverse (projection) rule: w = (1/N) Ξᵀ C⁻¹ Ξ with C = (1/N) Ξ Ξᵀ, diagonal set to
 * zero. C⁻¹Ξ is found by a Cholesky solve of the P×P overlap matrix (O(P²N + P³)); the
 * N×N product by the kernels (O(N²P)).
 * @throws Error when the patterns are linearly dependent (C singular), e.g. P > N or a
 *   repeated pattern, unless `regularization` > 0.
 */
export function pseudoInverseWeights(
  patterns: readonly ArrayLike<number>[],
  options: PseudoInverseOptions = {},
): Float32Array {
  const where = 'pseudoInverseWeights';
  assertOptions(where, options);
  const checked = checkedPatterns(where, patterns);
  const regularization = options.regularization ?? 0;
  assertNonNegative(where, 'regularization', regularization);
  const size = checked[0].length;
  const count = checked.length;
  const xi = patternMatrix(checked, size);
  // C = Ξ·Ξᵀ / N, in float64 (integer entries, exact).
  const overlapData = new Float64Array(count * count);
  getKernels().matmul({
    a: xi,
    b: xi,
    c: overlapData,
    m: count,
    n: count,
    k: size,
    transA: false,
    transB: true,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  for (let index = 0; index < overlapData.length; index++) overlapData[index] /= size;
  for (let mu = 0; mu < count; mu++) overlapData[mu * count + mu] += regularization;
  let factor: ReturnType<typeof cholesky>;
  try {
    factor = cholesky({ rows: count, cols: count, data: overlapData });
  } catch (error) {
    throw new Error(
      `${where}: the ${count} patterns are linearly dependent (the overlap matrix is singular` +
        `${count > size ? `; P = ${count} exceeds N = ${size}` : ''}); store independent patterns or set ` +
        `regularization > 0 (${(error as Error).message})`,
    );
  }
  // Y = C⁻¹ Ξ (P×N, float64), then W = Ξᵀ Y / N.
  const solved = choleskySolve(factor, { rows: count, cols: size, data: Float64Array.from(xi) });
  const weights = allocateWeights(size);
  sumOfOuterProducts(xi, solved.data, count, size, weights);
  for (let index = 0; index < weights.length; index++) weights[index] /= size;
  zeroDiagonal(weights, size);
  return weights;
}

/**
 * Storkey's rule (1997), pattern after pattern:
 *
 *   w_ij ← w_ij + (1/N)(ξ_i ξ_j − ξ_i h_ji − h_ij ξ_j),   h_ij = Σ_{k≠i,j} w_ik ξ_k,
 *
 * with the weights before the current pattern; w_ii = 0 throughout. O(N²) per pattern: one
 * kernel matrix–vector product for the fields h_i = Σ_k w_ik ξ_k, then h_ij = h_i − w_ij ξ_j.
 * The weights stay symmetric.
 */
export function storkeyWeights(patterns: readonly ArrayLike<number>[]): Float32Array {
  const checked = checkedPatterns('storkeyWeights', patterns);
  const size = checked[0].length;
  const weights = allocateWeights(size);
  const xi = new Float32Array(size);
  const fields = new Float64Array(size);
  const inverseSize = 1 / size;
  for (const pattern of checked) {
    xi.set(pattern);
    getKernels().matmul({
      a: weights,
      b: xi,
      c: fields,
      m: size,
      n: 1,
      k: size,
      transA: false,
      transB: false,
      batch: 1,
      strideA: 0,
      strideB: 0,
      strideC: 0,
      accumulate: false,
    });
    // With w symmetric and w_ii = 0: ξ_i h_ji + h_ij ξ_j = ξ_i h_j + h_i ξ_j − 2 w_ij.
    for (let i = 0; i < size; i++) {
      const xiI = pattern[i];
      const hI = fields[i];
      const rowI = i * size;
      for (let j = i + 1; j < size; j++) {
        const w = weights[rowI + j];
        const xiJ = pattern[j];
        const updated = w + inverseSize * (xiI * xiJ - xiI * fields[j] - hI * xiJ + 2 * w);
        weights[rowI + j] = updated;
      }
    }
    // Mirror the upper triangle so that the stored float32 matrix is exactly symmetric.
    for (let i = 0; i < size; i++) {
      const rowI = i * size;
      for (let j = i + 1; j < size; j++) weights[j * size + i] = weights[rowI + j];
    }
  }
  return weights;
}

/** Options of {@link storePatterns}. */
export interface StorePatternsOptions extends PseudoInverseOptions {
  /** The storage rule: `'hebb'` (default), `'pseudo-inverse'` or `'storkey'`. */
  rule?: StorageRule;
  /** Thresholds θ_i: one number or N numbers (default 0). */
  thresholds?: number | ArrayLike<number>;
}

/**
 * A Hopfield network storing `patterns` (±1 arrays of one length N) by the chosen rule; the
 * network keeps the patterns to report overlaps.
 *
 * ```ts
 * const patterns = randomPatterns(makeKey(1), 10, 200);
 * const net = storePatterns(patterns, { rule: 'hebb' });
 * recall(net, corruptPattern(makeKey(2), patterns[0], 0.1), { key: makeKey(3) }).finalOverlaps[0]; // 1
 * ```
 */
export function storePatterns(
  patterns: readonly ArrayLike<number>[],
  options: StorePatternsOptions = {},
): HopfieldNetwork {
  const where = 'storePatterns';
  assertOptions(where, options);
  const rule = options.rule ?? 'hebb';
  assertOneOf(where, 'rule', rule, STORAGE_RULES);
  const checked = checkedPatterns(where, patterns);
  const weights =
    rule === 'hebb'
      ? hebbianWeights(checked)
      : rule === 'storkey'
        ? storkeyWeights(checked)
        : pseudoInverseWeights(checked, { regularization: options.regularization });
  return hopfieldNetwork({ weights, thresholds: options.thresholds, patterns: checked, rule });
}
