/** Shared helpers for the kernel tests: seeded data, matmul argument builders, exact sums. */
import assert from 'node:assert/strict';
import type { FloatArray, MatmulArgs } from '../../../src/core/kernels/index.js';
import { type Key, split, uniform } from '../../../src/core/random/index.js';

export type FloatType = 'float64' | 'float32';

/** `count` uniform values in [-1, 1) stored as `type`. */
export function randomArray(key: Key, count: number, type: FloatType = 'float64'): FloatArray {
  const values = uniform(key, count, { low: -1, high: 1 });
  return type === 'float64' ? values : Float32Array.from(values);
}

/** Shape, layout and options of one (batched) product, without the data. */
export interface MatmulCase {
  m: number;
  n: number;
  k: number;
  transA?: boolean;
  transB?: boolean;
  batch?: number;
  /** Broadcast A (strideA = 0) instead of one A per batch entry. */
  broadcastA?: boolean;
  broadcastB?: boolean;
  /** 'contiguous' (m·n, default), 'sum' (0: the batch is summed into C) or 'gapped' (m·n + 3). */
  layoutC?: 'contiguous' | 'sum' | 'gapped';
  accumulate?: boolean;
  typeA?: FloatType;
  typeB?: FloatType;
  typeC?: FloatType;
}

/** Builds random A, B and a random initial C for `spec` (C's initial values matter with accumulate). */
export function makeMatmulArgs(key: Key, spec: MatmulCase): MatmulArgs {
  const { m, n, k } = spec;
  const batch = spec.batch ?? 1;
  const strideA = spec.broadcastA ? 0 : m * k;
  const strideB = spec.broadcastB ? 0 : k * n;
  const layoutC = spec.layoutC ?? 'contiguous';
  const strideC = layoutC === 'sum' ? 0 : layoutC === 'gapped' ? m * n + 3 : m * n;
  const [keyA, keyB, keyC] = split(key, 3);
  const lengthOf = (stride: number, size: number) => (batch === 0 ? 0 : (batch - 1) * stride + size);
  return {
    a: randomArray(keyA, lengthOf(strideA, m * k), spec.typeA ?? 'float64'),
    b: randomArray(keyB, lengthOf(strideB, k * n), spec.typeB ?? 'float64'),
    c: randomArray(keyC, lengthOf(strideC, m * n), spec.typeC ?? 'float64'),
    m,
    n,
    k,
    transA: spec.transA ?? false,
    transB: spec.transB ?? false,
    batch,
    strideA,
    strideB,
    strideC,
    accumulate: spec.accumulate ?? false,
  };
}

/** A copy of `args` whose C is a fresh copy, so two kernels can run on the same inputs. */
export function cloneArgs(args: MatmulArgs): MatmulArgs {
  return { ...args, c: args.c.slice() };
}

/**
 * Asserts |actual − expected| ≤ relative·(1 + max|expected|) entry by entry, and that both
 * have NaN at the same places. The scale is the largest entry: an indexing mistake moves
 * entries by O(max), far above this bound.
 */
export function assertArraysClose(
  actual: FloatArray,
  expected: FloatArray,
  relative: number,
  label = '',
): void {
  assert.equal(actual.length, expected.length, `${label}: lengths differ`);
  let scale = 0;
  for (const value of expected) if (Number.isFinite(value)) scale = Math.max(scale, Math.abs(value));
  const tolerance = relative * (1 + scale);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      assert.ok(Object.is(a, e), `${label}: entry ${i} is ${a}, expected ${e}`);
    } else {
      assert.ok(
        Math.abs(a - e) <= tolerance,
        `${label}: entry ${i} is ${a}, expected ${e} (tolerance ${tolerance})`,
      );
    }
  }
}

/** The float64 value x as an exact integer multiple of 2^-1074 (x must be finite). */
export function toUnitsOfSmallestSubnormal(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let shift = 0n;
  if (exponent !== 0) {
    // Normal: (2^52 + f)·2^(e − 1075) = (2^52 + f)·2^(e − 1)·2^-1074.
    mantissa |= 1n << 52n;
    shift = BigInt(exponent - 1);
  }
  const scaled = mantissa << shift;
  return bits >> 63n ? -scaled : scaled;
}

/** The exact sum of finite float64 values, in units of 2^-1074. */
export function exactSum(values: ArrayLike<number>): bigint {
  let total = 0n;
  for (let i = 0; i < values.length; i++) total += toUnitsOfSmallestSubnormal(values[i]);
  return total;
}

/** |computed − exact| in units in the last place of `exact` (float64 ulps; exact ≠ 0). */
export function errorInUlps(computed: number, exact: bigint): number {
  const magnitude = exact < 0n ? -exact : exact;
  assert.ok(magnitude > 0n, 'errorInUlps: the exact value must not be 0');
  let difference = toUnitsOfSmallestSubnormal(computed) - exact;
  if (difference < 0n) difference = -difference;
  // The ulp of a normal value with bit length L (in these units) is 2^(L − 53); of a subnormal, 1.
  const ulpExponent = Math.max(0, magnitude.toString(2).length - 53);
  const fractionBits = 20n;
  return Number((difference << fractionBits) >> BigInt(ulpExponent)) / 2 ** Number(fractionBits);
}

/** A value in units of 2^-1074 rounded to the nearest float64 (normal range). */
export function unitsToNumber(units: bigint): number {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  // Keep 64 bits plus a sticky bit so that Number() rounds exactly as the full value would.
  const shift = Math.max(0, magnitude.toString(2).length - 64);
  let top = magnitude >> BigInt(shift);
  if (shift > 0 && (magnitude & ((1n << BigInt(shift)) - 1n)) !== 0n) top |= 1n;
  const value = Number(top) * 2 ** (shift - 1074);
  return negative ? -value : value;
}

/** |computed − exact| as a float64 (exact in units of 2^-1074). */
export function absoluteError(computed: number, exact: bigint): number {
  return Math.abs(unitsToNumber(toUnitsOfSmallestSubnormal(computed) - exact));
}
