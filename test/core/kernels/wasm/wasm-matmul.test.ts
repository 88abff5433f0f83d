/**
 * The WebAssembly matmul (`wasmKernels`, every call in WebAssembly) and the dispatching default
 * (`autoKernels`) against the naive reference, over the same cases as the TypeScript kernel's
 * tests: edge and odd sizes, the cache-block boundaries of the WebAssembly kernels, every
 * transpose, float32 and mixed storage, accumulate, batches with broadcasts, gaps and sums,
 * and random shapes including empty and 1-element ones (fast-check).
 *
 * Tolerances, relative to 1 + max|C|: float64 1e-12 (the kernels add the same products in
 * another order: a few roundings of the largest entry, ~1e-15 here); float32 1e-5 (A, B and C
 * all float32 are multiplied and added in float32, as sgemm does: about √k roundings of 2^-24,
 * ~1e-6 here). An indexing mistake moves an entry by O(1) relative, far above both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  autoKernels,
  jsKernels,
  type Kernels,
  type MatmulArgs,
  referenceKernels,
  validateMatmulArgs,
  wasmKernels,
} from '../../../../src/core/kernels/index.js';
import {
  fusedMultiplyAddSupported,
  type MultiplyAddVariant,
  wasmMultiplyAdd,
} from '../../../../src/core/kernels/wasm/multiply-add-variant.js';
import { wasmRuntimeOfVariant } from '../../../../src/core/kernels/wasm/runtime.js';
import { wasmMatmul } from '../../../../src/core/kernels/wasm/wasm-matmul.js';
import { makeKey } from '../../../../src/core/random/index.js';
import { assertArraysClose, cloneArgs, type FloatType, type MatmulCase, makeMatmulArgs } from '../helpers.js';

const TOLERANCE: Record<FloatType, number> = { float64: 1e-12, float32: 1e-5 };
const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

function check(kernels: Kernels, seed: number, spec: MatmulCase, label = JSON.stringify(spec)): void {
  const args = makeMatmulArgs(makeKey(seed), spec);
  const fast = cloneArgs(args);
  const reference = cloneArgs(args);
  kernels.matmul(fast);
  referenceKernels.matmul(reference);
  const loosest = [spec.typeA, spec.typeB, spec.typeC].includes('float32') ? 'float32' : 'float64';
  assertArraysClose(fast.c, reference.c, TOLERANCE[loosest], `${kernels.name} ${label}`);
}

/** Kernels whose matmul runs the named multiply-add build in its own instance. */
function variantKernels(variant: MultiplyAddVariant): Kernels {
  const runtime = wasmRuntimeOfVariant(variant);
  if (runtime === undefined) throw new Error(`the ${variant} build does not load here`);
  return {
    ...wasmKernels,
    name: `wasm (${variant} multiply-add)`,
    matmul(args) {
      validateMatmulArgs(args);
      wasmMatmul(runtime, args);
    },
  };
}

// wasmKernels runs the build this process chose (fused under the test runner, which enables
// relaxed SIMD); the other build is checked through its own instance.
const other: MultiplyAddVariant = wasmMultiplyAdd() === 'fused' ? 'separate' : 'fused';
const otherKernels = other === 'separate' || fusedMultiplyAddSupported() ? [variantKernels(other)] : [];

describe('the multiply-add builds', () => {
  it('the test runner enables relaxed SIMD, so the fused build is in use', () => {
    assert.equal(fusedMultiplyAddSupported(), true);
    assert.equal(wasmMultiplyAdd(), 'fused');
  });

  it('fused and separate builds agree to round-off on a 64 × 64 × 200 product', () => {
    const spec = { m: 64, n: 64, k: 200, transA: false, transB: false } as const;
    const args = makeMatmulArgs(makeKey(7), {
      ...spec,
      typeA: 'float64',
      typeB: 'float64',
      typeC: 'float64',
    });
    const fused = cloneArgs(args);
    const separate = cloneArgs(args);
    variantKernels('fused').matmul(fused);
    variantKernels('separate').matmul(separate);
    assertArraysClose(fused.c, separate.c, 1e-13, 'fused against separate');
  });
});

for (const kernels of [wasmKernels, autoKernels, ...otherKernels]) {
  describe(`${kernels.name}.matmul against the reference`, () => {
    it('matches on every combination of sizes 1, 2, 5, 6, 7, 9, 13, 33, cycling through the transposes', () => {
      const sizes = [1, 2, 5, 6, 7, 9, 13, 33];
      let seed = 0;
      for (const m of sizes)
        for (const n of sizes)
          for (const k of sizes) {
            const [transA, transB] = TRANSPOSES[seed % 4];
            const typeC = seed % 3 === 0 ? 'float32' : 'float64';
            check(kernels, seed++, { m, n, k, transA, transB, typeA: typeC, typeB: typeC, typeC });
          }
    });

    it('matches across the cache blocks (k > 256, m > 190 and > 192, n > 1024 and > 2048) in float64 and float32', () => {
      const shapes = [
        { m: 197, n: 9, k: 515 },
        { m: 6, n: 1027, k: 3 },
        { m: 13, n: 2055, k: 2 },
        { m: 385, n: 17, k: 257 },
      ];
      let seed = 100;
      for (const shape of shapes)
        for (const [transA, transB] of TRANSPOSES)
          for (const type of ['float64', 'float32'] as const)
            check(kernels, seed++, { ...shape, transA, transB, typeA: type, typeB: type, typeC: type });
    });

    it('matches for mixed float32/float64 operands (computed in float64)', () => {
      const mixes: [FloatType, FloatType, FloatType][] = [
        ['float32', 'float64', 'float32'],
        ['float64', 'float32', 'float64'],
        ['float32', 'float32', 'float64'],
      ];
      let seed = 200;
      for (const [typeA, typeB, typeC] of mixes)
        for (const [m, n, k] of [
          [1, 7, 5],
          [33, 17, 65],
          [70, 40, 300],
        ])
          for (const [transA, transB] of TRANSPOSES)
            check(kernels, seed++, { m, n, k, transA, transB, typeA, typeB, typeC });
    });

    it('matches with accumulate (C += op(A)·op(B)) for small and blocked sizes', () => {
      let seed = 300;
      for (const [m, n, k] of [
        [1, 1, 1],
        [2, 3, 4],
        [37, 29, 300],
      ])
        for (const [transA, transB] of TRANSPOSES)
          for (const type of ['float64', 'float32'] as const)
            check(kernels, seed++, {
              m,
              n,
              k,
              transA,
              transB,
              accumulate: true,
              typeA: type,
              typeB: type,
              typeC: type,
            });
    });

    it('matches on batches with broadcast A or B, gapped C, and C summed over the batch', () => {
      let seed = 400;
      for (const [m, n, k] of [
        [3, 5, 7],
        [17, 9, 33],
      ])
        for (const [transA, transB] of TRANSPOSES)
          for (const broadcastA of [false, true])
            for (const broadcastB of [false, true])
              for (const layoutC of ['contiguous', 'gapped', 'sum'] as const)
                for (const accumulate of [false, true]) {
                  const type = seed % 2 === 0 ? 'float64' : 'float32';
                  const spec = {
                    m,
                    n,
                    k,
                    transA,
                    transB,
                    batch: 3,
                    broadcastA,
                    broadcastB,
                    layoutC,
                    accumulate,
                  };
                  check(kernels, seed++, { ...spec, typeA: type, typeB: type, typeC: type });
                }
    });

    it('matches on the two folded batch layouts (X[batch]·W and Σ Xᵀ·dY)', () => {
      check(kernels, 500, { m: 20, n: 24, k: 40, batch: 7, broadcastB: true });
      check(kernels, 501, { m: 20, n: 24, k: 40, batch: 7, broadcastB: true, accumulate: true });
      check(kernels, 502, { m: 24, n: 20, k: 60, batch: 6, transA: true, layoutC: 'sum' });
      check(kernels, 503, { m: 24, n: 20, k: 60, batch: 6, transA: true, layoutC: 'sum', accumulate: true });
    });

    it('property: equals the reference for random shapes (including 0 and 1), layouts, options and types', () => {
      const spec = fc.record({
        m: fc.integer({ min: 0, max: 40 }),
        n: fc.integer({ min: 0, max: 40 }),
        k: fc.integer({ min: 0, max: 40 }),
        transA: fc.boolean(),
        transB: fc.boolean(),
        batch: fc.integer({ min: 0, max: 3 }),
        broadcastA: fc.boolean(),
        broadcastB: fc.boolean(),
        layoutC: fc.constantFrom('contiguous', 'gapped', 'sum'),
        accumulate: fc.boolean(),
        typeA: fc.constantFrom('float64', 'float32'),
        typeB: fc.constantFrom('float64', 'float32'),
        typeC: fc.constantFrom('float64', 'float32'),
      });
      fc.assert(
        fc.property(spec, fc.integer({ min: 0, max: 2 ** 31 }), (s, seed) => {
          check(kernels, seed, s as MatmulCase);
        }),
        { seed: 20240612, numRuns: 300 },
      );
    });
  });

  describe(`${kernels.name}.matmul exact and edge cases`, () => {
    it('computes a hand-checked 2×3 · 3×2 product exactly in every layout and both precisions', () => {
      // A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]], A·B = [[58,64],[139,154]].
      for (const Type of [Float64Array, Float32Array])
        for (const [transA, transB] of TRANSPOSES) {
          const c = new Type(4);
          kernels.matmul({
            a: Type.from(transA ? [1, 4, 2, 5, 3, 6] : [1, 2, 3, 4, 5, 6]),
            b: Type.from(transB ? [7, 9, 11, 8, 10, 12] : [7, 8, 9, 10, 11, 12]),
            c,
            m: 2,
            n: 2,
            k: 3,
            transA,
            transB,
            batch: 1,
            strideA: 6,
            strideB: 6,
            strideC: 4,
            accumulate: false,
          });
          assert.deepEqual(Array.from(c), [58, 64, 139, 154]);
        }
    });

    it('k = 0 gives zeros (also for a gapped batch, leaving the gaps), or leaves C alone with accumulate', () => {
      for (const layoutC of ['contiguous', 'gapped', 'sum'] as const) {
        const args = makeMatmulArgs(makeKey(1), { m: 5, n: 6, k: 0, batch: 2, layoutC });
        const before = args.c.slice();
        kernels.matmul({ ...args, accumulate: true });
        assert.deepEqual(args.c, before);
        const reference = cloneArgs(args);
        kernels.matmul(args);
        referenceKernels.matmul(reference);
        assert.deepEqual(args.c, reference.c, layoutC);
      }
    });

    it('m = 0, n = 0 or batch = 0 touches nothing', () => {
      for (const spec of [
        { m: 0, n: 40, k: 30 },
        { m: 40, n: 0, k: 30 },
        { m: 40, n: 40, k: 30, batch: 0 },
      ]) {
        const args = makeMatmulArgs(makeKey(2), spec);
        const c = Float64Array.of(1, 2, 3);
        kernels.matmul({ ...args, c });
        assert.deepEqual(Array.from(c), [1, 2, 3]);
      }
    });

    it('propagates NaN and infinities through the blocked path', () => {
      for (const type of ['float64', 'float32'] as const) {
        const args = makeMatmulArgs(makeKey(3), {
          m: 40,
          n: 40,
          k: 40,
          typeA: type,
          typeB: type,
          typeC: type,
        });
        args.a[5 * 40 + 7] = Number.NaN; // row 5 of A
        args.b[3 * 40 + 11] = Number.POSITIVE_INFINITY; // row 3 of B: column 11 of C
        const reference = cloneArgs(args);
        kernels.matmul(args);
        referenceKernels.matmul(reference);
        assert.ok(Number.isNaN(args.c[5 * 40 + 0]));
        assert.ok(!Number.isFinite(args.c[0 * 40 + 11]));
        assertArraysClose(args.c, reference.c, TOLERANCE[type], `non-finite ${type}`);
      }
    });

    it('is deterministic: bit-identical results whatever ran before (scratch carries no state)', () => {
      for (const type of ['float64', 'float32'] as const) {
        const big = makeMatmulArgs(makeKey(4), {
          m: 210,
          n: 70,
          k: 300,
          typeA: type,
          typeB: type,
          typeC: type,
        });
        const other = makeMatmulArgs(makeKey(5), { m: 90, n: 50, k: 77, transB: true, accumulate: true });
        const first = cloneArgs(big);
        kernels.matmul(first);
        kernels.matmul(other);
        const second = cloneArgs(big);
        kernels.matmul(second);
        assert.deepEqual(second.c, first.c);
      }
    });

    it('rejects bad arguments with the same messages as the TypeScript kernels', () => {
      const good = (): MatmulArgs => makeMatmulArgs(makeKey(6), { m: 3, n: 4, k: 5, batch: 2 });
      const cases: [Partial<MatmulArgs>, RegExp][] = [
        [{ m: -1 }, /m must be a non-negative integer, got -1/],
        [{ a: new Float64Array(29) }, /a has length 29, needs at least 30/],
        [{ strideC: 5 }, /strideC must be 0 \(sum over the batch\) or at least m·n = 12, got 5/],
        [{ transA: 1 as unknown as boolean }, /transA must be a boolean/],
      ];
      for (const [change, message] of cases)
        assert.throws(() => kernels.matmul({ ...good(), ...change }), message);
      const buffer = new Float64Array(100);
      const shared = {
        ...good(),
        a: buffer.subarray(0, 30),
        b: buffer.subarray(30, 70),
        c: buffer.subarray(60, 84),
      };
      assert.throws(() => kernels.matmul(shared), /c must not share memory with a or b/);
    });
  });
}

describe('autoKernels.matmul dispatch', () => {
  it('is bit-identical to jsKernels below the size threshold and to wasmKernels above it', () => {
    const small = makeMatmulArgs(makeKey(7), { m: 4, n: 4, k: 4 });
    const matrixVector = makeMatmulArgs(makeKey(8), { m: 300, n: 1, k: 300 });
    const large = makeMatmulArgs(makeKey(9), {
      m: 64,
      n: 64,
      k: 64,
      typeA: 'float32',
      typeB: 'float32',
      typeC: 'float32',
    });
    for (const [args, expected] of [
      [small, jsKernels],
      [matrixVector, jsKernels],
      [large, wasmKernels],
    ] as const) {
      const auto = cloneArgs(args);
      const direct = cloneArgs(args);
      autoKernels.matmul(auto);
      expected.matmul(direct);
      assert.deepEqual(auto.c, direct.c, expected.name);
    }
    // The float32 product at 64³ is computed in float32: it differs from the float64-accumulating TypeScript kernel.
    const viaJs = cloneArgs(large);
    jsKernels.matmul(viaJs);
    const viaAuto = cloneArgs(large);
    autoKernels.matmul(viaAuto);
    assert.notDeepEqual(viaAuto.c, viaJs.c);
  });
});
