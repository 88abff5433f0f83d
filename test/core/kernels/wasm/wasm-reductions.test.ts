/**
 * The WebAssembly reductions and dot product (`wasmKernels`) and the dispatching default
 * (`autoKernels`) against the reference and against exact sums, over the cases of the
 * TypeScript kernels' tests: edge shapes, random shapes (fast-check), compensated accuracy,
 * float32 storage, NaN, infinities, signed zeros and empty axes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  autoKernels,
  type FloatArray,
  jsKernels,
  type Kernels,
  type ReduceArgs,
  referenceKernels,
  wasmKernels,
} from '../../../../src/core/kernels/index.js';
import { makeKey, normal } from '../../../../src/core/random/index.js';
import {
  absoluteError,
  assertArraysClose,
  errorInUlps,
  exactSum,
  type FloatType,
  randomArray,
  unitsToNumber,
} from '../helpers.js';

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

for (const kernels of [wasmKernels, autoKernels]) {
  describe(`${kernels.name} reductions against the reference`, () => {
    it('sum, max and min match over shapes with outer, length, inner in edge sizes', () => {
      let seed = 0;
      for (const outer of [0, 1, 3])
        for (const length of [0, 1, 2, 3, 5, 17, 100, 2000])
          for (const inner of [0, 1, 2, 3, 7])
            for (const type of ['float64', 'float32'] as const) {
              const x = randomArray(makeKey(seed++), outer * length * inner, type);
              for (const operation of REDUCTIONS) {
                const fast = reduce(kernels, operation, x, outer, length, inner, type);
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
        length: fc.integer({ min: 0, max: 1200 }),
        inner: fc.integer({ min: 1, max: 5 }),
        type: fc.constantFrom('float64', 'float32'),
      });
      fc.assert(
        fc.property(shape, fc.integer({ min: 0, max: 2 ** 31 }), ({ outer, length, inner, type }, seed) => {
          const x = randomArray(makeKey(seed), outer * length * inner, type as FloatType);
          const sums = reduce(kernels, 'sum', x, outer, length, inner);
          const maxima = reduce(kernels, 'max', x, outer, length, inner);
          const minima = reduce(kernels, 'min', x, outer, length, inner);
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
        { seed: 78, numRuns: 150 },
      );
    });
  });

  describe(`${kernels.name}.sum accuracy (compensated summation)`, () => {
    const n = 10_000;

    it('is within 1 ulp of the exact sum for inner = 1, where the plain sum is not', () => {
      for (let seed = 0; seed < 8; seed++) {
        const values = normal(makeKey(100 + seed), n);
        const exact = exactSum(values);
        const fast = reduce(kernels, 'sum', values, 1, n, 1)[0];
        const plain = reduce(referenceKernels, 'sum', values, 1, n, 1)[0];
        assert.ok(errorInUlps(fast, exact) <= 1, `seed ${seed}: error ${errorInUlps(fast, exact)} ulps`);
        assert.ok(errorInUlps(plain, exact) > 2, `seed ${seed}: plain error ${errorInUlps(plain, exact)}`);
      }
    });

    it('is within 1 ulp of the exact sum for inner = 2, 3 and 5 (summing down columns)', () => {
      const x = normal(makeKey(11), 3 * n);
      for (const inner of [2, 3, 5]) {
        const length = Math.floor((3 * n) / inner);
        const sums = reduce(kernels, 'sum', x, 1, length, inner);
        for (let i = 0; i < inner; i++) {
          const column = Array.from({ length }, (_, j) => x[j * inner + i]);
          assert.ok(errorInUlps(sums[i], exactSum(column)) <= 1, `inner ${inner}, column ${i}`);
        }
      }
    });

    it('recovers sums that cancel catastrophically, in rows and in columns', () => {
      const cases: [number[], number][] = [
        [[1e16, 1, -1e16], 1],
        [[1, 1e100, 1, -1e100], 2],
        [[0.1, 0.2, -0.3], 2.7755575615628914e-17],
        [[1e16, 1, 1, 0, 0, 0, 0, 0, 0, 0], 1e16 + 2],
      ];
      for (const [values, expected] of cases) {
        // Padded with zeros to pass the dispatch threshold too.
        const padded = Float64Array.from([...values, ...new Array(5000).fill(0)]);
        assert.equal(reduce(kernels, 'sum', padded, 1, padded.length, 1)[0], expected);
        const wide = Float64Array.from([...padded].flatMap((v) => [v, 2 * v, -v]));
        assert.deepEqual(Array.from(reduce(kernels, 'sum', wide, 1, padded.length, 3)), [
          expected,
          2 * expected,
          -expected,
        ]);
      }
    });

    it('rounds float32 storage once: the sum of float32 values is the rounded exact sum', () => {
      const values = Float32Array.from(normal(makeKey(12), 5000));
      const result = reduce(kernels, 'sum', values, 1, values.length, 1, 'float32')[0];
      const exact = unitsToNumber(exactSum(values));
      assert.ok(Math.abs(result - exact) <= Math.abs(exact) * 2 ** -23, `${result} vs ${exact}`);
    });

    it('property: any finite array meets the compensated bound |error| ≤ 2u·|s| + 2(n·u)²·Σ|x|', () => {
      const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
      fc.assert(
        fc.property(fc.array(finite, { maxLength: 200 }), (values) => {
          const result = reduce(kernels, 'sum', Float64Array.from(values), 1, values.length, 1)[0];
          const exact = exactSum(values);
          const u = 2 ** -53;
          const absoluteSum = values.reduce((s, v) => s + Math.abs(v), 0);
          const bound = 2 * u * Math.abs(unitsToNumber(exact)) + 2 * (values.length * u) ** 2 * absoluteSum;
          assert.ok(
            absoluteError(result, exact) <= bound,
            `error ${absoluteError(result, exact)} > ${bound}`,
          );
        }),
        { seed: 6, numRuns: 300 },
      );
    });
  });

  describe(`${kernels.name} reductions: NaN, infinities, signed zeros and empty axes`, () => {
    it('a NaN anywhere makes sum, max and min NaN, in rows and in columns, at any length', () => {
      for (const length of [7, 4099])
        for (const position of [0, 3, length - 1]) {
          const values = Array.from({ length }, (_, j) => Math.sin(j + 1));
          values[position] = Number.NaN;
          for (const type of ['float64', 'float32'] as const) {
            const x = type === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
            for (const operation of REDUCTIONS) {
              assert.ok(
                Number.isNaN(reduce(kernels, operation, x, 1, length, 1)[0]),
                `${operation} at ${position}`,
              );
              const wide = Float64Array.from(values.flatMap((v) => [v, 1, v]));
              const columns = reduce(kernels, operation, wide, 1, length, 3);
              assert.ok(Number.isNaN(columns[0]) && Number.isNaN(columns[2]), operation);
              assert.equal(columns[1], operation === 'sum' ? length : 1, operation);
            }
          }
        }
    });

    it('infinities follow IEEE arithmetic', () => {
      const inf = Number.POSITIVE_INFINITY;
      const pad = new Array(5000).fill(0.5);
      const sumOf = (values: number[]) =>
        reduce(kernels, 'sum', Float64Array.from(values), 1, values.length, 1)[0];
      assert.equal(sumOf([1, inf, 2, ...pad]), inf);
      assert.equal(sumOf([-inf, 1, ...pad]), -inf);
      assert.ok(Number.isNaN(sumOf([inf, 1, ...pad, -inf])));
      assert.equal(reduce(kernels, 'max', Float64Array.of(-inf, -inf), 1, 2, 1)[0], -inf);
      assert.equal(reduce(kernels, 'min', Float64Array.of(3, -inf), 1, 2, 1)[0], -inf);
      const columns = reduce(kernels, 'sum', Float64Array.of(1, inf, inf, 1, 2, -inf), 1, 3, 2);
      assert.equal(columns[0], inf);
      assert.ok(Number.isNaN(columns[1]));
    });

    it('max and min treat signed zeros as Math.max and Math.min do', () => {
      const slices = [
        [-0, 0],
        [0, -0],
        [-0, -0, -0, -0, -0],
        [-1, -0, -2, 0, -3, -4, -5, -6, -7],
        [1, 0, 2, -0, 3, 4, 5, 6, 7],
      ];
      for (const values of slices)
        for (const type of ['float64', 'float32'] as const) {
          const x = type === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
          const column = Float64Array.from(values.flatMap((v) => [v, v]));
          for (const [operation, exact] of [
            ['max', Math.max],
            ['min', Math.min],
          ] as const) {
            const expected = exact(...values);
            assert.ok(
              Object.is(reduce(wasmKernels, operation, x, 1, values.length, 1)[0], expected),
              `${operation} ${values}`,
            );
            const pair = reduce(wasmKernels, operation, column, 1, values.length, 2);
            assert.ok(
              Object.is(pair[0], expected) && Object.is(pair[1], expected),
              `${operation} columns ${values}`,
            );
          }
        }
    });

    it('over an empty axis sum is 0, max is −∞ and min is +∞', () => {
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

    it('rejects bad arguments with the same messages as the TypeScript kernels', () => {
      const x = new Float64Array(12);
      const out = new Float64Array(4);
      assert.throws(
        () => kernels.sum({ x, out, outer: -1, length: 3, inner: 4 }),
        /sum: outer must be a non-negative integer, got -1/,
      );
      assert.throws(
        () => kernels.max({ x, out, outer: 1, length: 4, inner: 4 }),
        /max: x has length 12, needs at least 16/,
      );
      assert.throws(
        () => kernels.min({ x, out: x.subarray(4), outer: 1, length: 2, inner: 4 }),
        /min: out must not share memory with x/,
      );
    });
  });

  describe(`${kernels.name}.dot`, () => {
    it('is bit-identical to jsKernels.dot (same lanes, same order) for every type mix and length', () => {
      let seed = 0;
      for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 100, 1001, 10_003])
        for (const [typeX, typeY] of [
          ['float64', 'float64'],
          ['float32', 'float32'],
          ['float32', 'float64'],
        ] as const) {
          const x = randomArray(makeKey(seed++), n + 3, typeX);
          const y = randomArray(makeKey(seed++), n + 5, typeY);
          const fast = kernels.dot(x, y, n);
          assert.ok(Object.is(fast, jsKernels.dot(x, y, n)), `n = ${n} ${typeX}·${typeY}`);
          assert.ok(Math.abs(fast - referenceKernels.dot(x, y, n)) <= 1e-14 * Math.max(1, n));
        }
      assert.equal(kernels.dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), 3), 32);
    });

    it('accumulates float32 operands in float64', () => {
      const x = Float32Array.of(2 ** 24, 1, 0, 0, 0);
      const ones = Float32Array.of(1, 1, 1, 1, 1);
      assert.equal(kernels.dot(x, ones, 5), 2 ** 24 + 1);
    });

    it('rejects n beyond either array', () => {
      assert.throws(
        () => kernels.dot(new Float64Array(3), new Float64Array(2), 3),
        /dot: y has length 2, needs at least 3/,
      );
    });
  });
}

describe('autoKernels reductions dispatch', () => {
  it('is bit-identical to jsKernels on small inputs and to wasmKernels on large ones', () => {
    for (const [size, expected] of [
      [500, jsKernels],
      [50_000, wasmKernels],
    ] as const) {
      const x = normal(makeKey(size), size);
      for (const operation of REDUCTIONS)
        for (const inner of [1, 4]) {
          const auto = reduce(autoKernels, operation, x, 1, size / inner, inner);
          const direct = reduce(expected, operation, x, 1, size / inner, inner);
          assert.deepEqual(auto, direct, `${operation} ${size} inner ${inner}`);
        }
    }
  });
});
