import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type FloatArray,
  jsKernels,
  type Kernels,
  type ReduceArgs,
  referenceKernels,
} from '../../../src/core/kernels/index.js';
import { makeKey, normal } from '../../../src/core/random/index.js';
import {
  absoluteError,
  assertArraysClose,
  errorInUlps,
  exactSum,
  type FloatType,
  randomArray,
  unitsToNumber,
} from './helpers.js';

type Reduction = 'sum' | 'max' | 'min';
const REDUCTIONS: Reduction[] = ['sum', 'max', 'min'];

function reduce(
  kernels: Kernels,
  operation: Reduction,
  x: FloatArray,
  outer: number,
  length: number,
  inner: number,
  type: FloatType = 'float64',
): FloatArray {
  const out = type === 'float64' ? new Float64Array(outer * inner) : new Float32Array(outer * inner);
  const args: ReduceArgs = { x, out, outer, length, inner };
  kernels[operation](args);
  return out;
}

describe('jsKernels reductions against the reference', () => {
  it('sum, max and min match over shapes with outer, length, inner in edge sizes', () => {
    let seed = 0;
    for (const outer of [0, 1, 3])
      for (const length of [0, 1, 2, 5, 17, 100])
        for (const inner of [0, 1, 2, 7])
          for (const type of ['float64', 'float32'] as const) {
            const x = randomArray(makeKey(seed++), outer * length * inner, type);
            for (const operation of REDUCTIONS) {
              const fast = reduce(jsKernels, operation, x, outer, length, inner, type);
              const reference = reduce(referenceKernels, operation, x, outer, length, inner, type);
              // max and min pick an entry: exact. Sums differ by the reference's own rounding.
              const tolerance = operation === 'sum' ? 1e-13 * Math.max(1, length) : 0;
              assertArraysClose(
                fast,
                reference,
                tolerance,
                `${operation} ${outer}×${length}×${inner} ${type}`,
              );
            }
          }
  });

  it('property: max and min equal Math.max and Math.min of each slice, sum is within n·u·Σ|x| of the reference', () => {
    const shape = fc.record({
      outer: fc.integer({ min: 0, max: 4 }),
      length: fc.integer({ min: 0, max: 40 }),
      inner: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 2 ** 31 }), ({ outer, length, inner }, seed) => {
        const x = randomArray(makeKey(seed), outer * length * inner);
        const sums = reduce(jsKernels, 'sum', x, outer, length, inner);
        const maxima = reduce(jsKernels, 'max', x, outer, length, inner);
        const minima = reduce(jsKernels, 'min', x, outer, length, inner);
        const reference = reduce(referenceKernels, 'sum', x, outer, length, inner);
        for (let o = 0; o < outer; o++)
          for (let i = 0; i < inner; i++) {
            const slice = Array.from({ length }, (_, j) => x[(o * length + j) * inner + i]);
            assert.equal(maxima[o * inner + i], Math.max(...slice));
            assert.equal(minima[o * inner + i], Math.min(...slice));
            const bound = length * 2 ** -52 * slice.reduce((s, v) => s + Math.abs(v), 0);
            assert.ok(Math.abs(sums[o * inner + i] - reference[o * inner + i]) <= bound);
          }
      }),
      { seed: 77, numRuns: 200 },
    );
  });
});

describe('jsKernels.sum accuracy (compensated summation)', () => {
  // 10⁴ standard normals: the exact sum is about 100 while Σ|x| is about 8000, so a plain
  // left-to-right sum is typically off by hundreds of ulps and a compensated one by at most 1.
  const n = 10_000;
  const x = normal(makeKey(11), n);
  const exact = exactSum(x);

  it('is within 1 ulp of the exact sum for inner = 1, where the plain sum is not', () => {
    for (let seed = 0; seed < 8; seed++) {
      const values = seed === 0 ? x : normal(makeKey(100 + seed), n);
      const exactValue = seed === 0 ? exact : exactSum(values);
      const fast = reduce(jsKernels, 'sum', values, 1, n, 1)[0];
      const plain = reduce(referenceKernels, 'sum', values, 1, n, 1)[0];
      assert.ok(
        errorInUlps(fast, exactValue) <= 1,
        `seed ${seed}: error ${errorInUlps(fast, exactValue)} ulps`,
      );
      // The data is hard enough for this test to mean something.
      assert.ok(
        errorInUlps(plain, exactValue) > 2,
        `seed ${seed}: plain error ${errorInUlps(plain, exactValue)}`,
      );
    }
  });

  it('is within 1 ulp of the exact sum for inner > 1 (summing down columns)', () => {
    const inner = 4;
    const length = n / inner;
    const sums = reduce(jsKernels, 'sum', x, 1, length, inner);
    for (let i = 0; i < inner; i++) {
      const column = Array.from({ length }, (_, j) => x[j * inner + i]);
      assert.ok(errorInUlps(sums[i], exactSum(column)) <= 1, `column ${i}`);
    }
  });

  it('recovers sums that cancel catastrophically', () => {
    const cases: [number[], number][] = [
      [[1e16, 1, -1e16], 1],
      [[1, 1e100, 1, -1e100], 2],
      [[0.1, 0.2, -0.3], 2.7755575615628914e-17], // the exact sum of the three float64 values
      [[1e16, 1, 1, 0], 1e16 + 2], // 1e16 + 1 is a tie that rounds to 1e16: both 1s must be kept
    ];
    for (const [values, expected] of cases) {
      assert.equal(reduce(jsKernels, 'sum', Float64Array.from(values), 1, values.length, 1)[0], expected);
      const column = reduce(
        jsKernels,
        'sum',
        Float64Array.from(values.flatMap((v) => [v, 2 * v])),
        1,
        values.length,
        2,
      );
      assert.deepEqual(Array.from(column), [expected, 2 * expected]);
    }
  });

  it('rounds float32 storage once: the sum of float32 values is the rounded exact sum', () => {
    const values = Float32Array.from(normal(makeKey(12), 1000));
    const result = reduce(jsKernels, 'sum', values, 1, values.length, 1, 'float32')[0];
    const exact = unitsToNumber(exactSum(values));
    // One float32 rounding (2^-24 relative) plus the float64 sum's own error; a float32
    // accumulator would be off by about √n·2^-24·Σ|x|, hundreds of times more.
    assert.ok(Math.abs(result - exact) <= Math.abs(exact) * 2 ** -23, `${result} vs ${exact}`);
  });

  it('property: any finite array meets the compensated bound |error| ≤ u·|s| + (n·u)²·Σ|x|', () => {
    // The bound of Ogita, Rump and Oishi's Sum2 (with u = 2^-53 and a margin of 2 on each term).
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 200 }), (values) => {
        const result = reduce(jsKernels, 'sum', Float64Array.from(values), 1, values.length, 1)[0];
        const exact = exactSum(values);
        const u = 2 ** -53;
        const absoluteSum = values.reduce((s, v) => s + Math.abs(v), 0);
        const bound = 2 * u * Math.abs(unitsToNumber(exact)) + 2 * (values.length * u) ** 2 * absoluteSum;
        assert.ok(absoluteError(result, exact) <= bound, `error ${absoluteError(result, exact)} > ${bound}`);
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe('jsKernels reductions: NaN, infinities and empty axes', () => {
  for (const kernels of [jsKernels, referenceKernels]) {
    it(`${kernels.name}: a NaN anywhere makes sum, max and min NaN (inner = 1 and inner > 1)`, () => {
      for (const position of [0, 3, 6]) {
        const values = [2, -1, 5, 0.5, -3, 4, 1];
        values[position] = Number.NaN;
        const x = Float64Array.from(values);
        for (const operation of REDUCTIONS) {
          assert.ok(Number.isNaN(reduce(kernels, operation, x, 1, 7, 1)[0]), `${operation} at ${position}`);
          // As a column of a 7×2 array whose other column has no NaN.
          const wide = Float64Array.from(values.flatMap((v) => [v, 1]));
          const columns = reduce(kernels, operation, wide, 1, 7, 2);
          assert.ok(Number.isNaN(columns[0]) && columns[1] === (operation === 'sum' ? 7 : 1), operation);
        }
      }
    });

    it(`${kernels.name}: infinities follow IEEE arithmetic`, () => {
      const inf = Number.POSITIVE_INFINITY;
      const sumOf = (values: number[]) =>
        reduce(kernels, 'sum', Float64Array.from(values), 1, values.length, 1)[0];
      assert.equal(sumOf([1, inf, 2]), inf);
      assert.equal(sumOf([-inf, 1]), -inf);
      assert.ok(Number.isNaN(sumOf([inf, 1, -inf])));
      assert.equal(reduce(kernels, 'max', Float64Array.of(-inf, -inf), 1, 2, 1)[0], -inf);
      assert.equal(reduce(kernels, 'min', Float64Array.of(3, -inf), 1, 2, 1)[0], -inf);
      // The same sums down the columns of a [3, 2] array.
      const columns = reduce(kernels, 'sum', Float64Array.of(1, inf, inf, 1, 2, -inf), 1, 3, 2);
      assert.equal(columns[0], inf);
      assert.ok(Number.isNaN(columns[1]));
    });

    it(`${kernels.name}: over an empty axis sum is 0, max is −∞ and min is +∞`, () => {
      for (const inner of [1, 3]) {
        const x = new Float64Array(0);
        assert.deepEqual(Array.from(reduce(kernels, 'sum', x, 2, 0, inner)), new Array(2 * inner).fill(0));
        assert.deepEqual(
          Array.from(reduce(kernels, 'max', x, 2, 0, inner)),
          new Array(2 * inner).fill(-Infinity),
        );
        assert.deepEqual(
          Array.from(reduce(kernels, 'min', x, 2, 0, inner)),
          new Array(2 * inner).fill(Infinity),
        );
      }
    });
  }

  it('rejects bad arguments with a message naming the parameter', () => {
    const x = new Float64Array(12);
    const out = new Float64Array(4);
    const cases: [ReduceArgs, RegExp][] = [
      [{ x, out, outer: -1, length: 3, inner: 4 }, /sum: outer must be a non-negative integer, got -1/],
      [{ x, out, outer: 1, length: 1.5, inner: 4 }, /length must be a non-negative integer, got 1.5/],
      [{ x, out, outer: 1, length: 4, inner: 4 }, /x has length 12, needs at least 16/],
      [{ x, out: new Float64Array(3), outer: 1, length: 3, inner: 4 }, /out has length 3, needs at least 4/],
      [{ x, out: x.subarray(4), outer: 1, length: 2, inner: 4 }, /out must not share memory with x/],
      [{ x: [1] as unknown as Float64Array, out, outer: 1, length: 1, inner: 1 }, /x must be a Float64Array/],
    ];
    for (const kernels of [jsKernels, referenceKernels])
      for (const [args, message] of cases) assert.throws(() => kernels.sum(args), message);
  });
});

describe('jsKernels.dot', () => {
  it('matches the reference for float64, float32 and mixed operands, any length', () => {
    let seed = 0;
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 100, 1001])
      for (const [typeX, typeY] of [
        ['float64', 'float64'],
        ['float32', 'float32'],
        ['float32', 'float64'],
      ] as const) {
        const x = randomArray(makeKey(seed++), n + 3, typeX);
        const y = randomArray(makeKey(seed++), n + 5, typeY);
        const fast = jsKernels.dot(x, y, n);
        const reference = referenceKernels.dot(x, y, n);
        assert.ok(Math.abs(fast - reference) <= 1e-14 * Math.max(1, n), `n = ${n}: ${fast} vs ${reference}`);
      }
    assert.equal(jsKernels.dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), 3), 32);
    assert.equal(jsKernels.dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), 2), 14);
  });

  it('accumulates float32 operands in float64', () => {
    // 2^24 + 1 is not a float32, but the float64 accumulator holds it exactly.
    const x = Float32Array.of(2 ** 24, 1, 0, 0, 0);
    const ones = Float32Array.of(1, 1, 1, 1, 1);
    assert.equal(jsKernels.dot(x, ones, 5), 2 ** 24 + 1);
  });

  it('rejects n beyond either array or not a non-negative integer', () => {
    const x = new Float64Array(3);
    assert.throws(() => jsKernels.dot(x, new Float64Array(2), 3), /dot: y has length 2, needs at least 3/);
    assert.throws(() => jsKernels.dot(x, x, -1), /dot: n must be a non-negative integer, got -1/);
  });
});
