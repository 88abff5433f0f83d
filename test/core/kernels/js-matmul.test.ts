import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsKernels, type MatmulArgs, referenceKernels } from '../../../src/core/kernels/index.js';
import { makeKey } from '../../../src/core/random/index.js';
import { assertArraysClose, cloneArgs, type FloatType, type MatmulCase, makeMatmulArgs } from './helpers.js';

// float64: the two kernels add the same products in different orders, so they differ by a
// few roundings of the largest entry (~1e-15 relative here); an indexing bug moves an entry by
// O(1) relative. float32: the fast kernel rounds C once per 256 steps of k, the reference once.
const TOLERANCE: Record<FloatType, number> = { float64: 1e-12, float32: 1e-5 };
const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

function checkAgainstReference(seed: number, spec: MatmulCase, label = JSON.stringify(spec)): void {
  const args = makeMatmulArgs(makeKey(seed), spec);
  const fast = cloneArgs(args);
  const reference = cloneArgs(args);
  jsKernels.matmul(fast);
  referenceKernels.matmul(reference);
  const typeC = spec.typeC ?? 'float64';
  const loosest = [spec.typeA, spec.typeB, typeC].includes('float32') ? 'float32' : 'float64';
  assertArraysClose(fast.c, reference.c, TOLERANCE[loosest], label);
}

describe('jsKernels.matmul against the reference', () => {
  it('matches on every combination of edge sizes 1, 3, 5, 7, 17, 33, 65, cycling through the four transposes', () => {
    const sizes = [1, 3, 5, 7, 17, 33, 65];
    let seed = 0;
    for (const m of sizes)
      for (const n of sizes)
        for (const k of sizes) {
          const [transA, transB] = TRANSPOSES[seed % 4];
          checkAgainstReference(seed++, { m, n, k, transA, transB });
        }
  });

  it('matches across the cache-block boundaries (k > 256, m > 128, n > 1024)', () => {
    const shapes = [
      { m: 133, n: 9, k: 515 },
      { m: 6, n: 1027, k: 3 },
      { m: 130, n: 1030, k: 2 },
      { m: 4, n: 4, k: 257 },
    ];
    let seed = 100;
    for (const shape of shapes)
      for (const [transA, transB] of TRANSPOSES) checkAgainstReference(seed++, { ...shape, transA, transB });
  });

  it('matches for float32 storage and mixed float32/float64 operands', () => {
    const mixes: [FloatType, FloatType, FloatType][] = [
      ['float32', 'float32', 'float32'],
      ['float32', 'float64', 'float32'],
      ['float64', 'float32', 'float64'],
    ];
    let seed = 200;
    for (const [typeA, typeB, typeC] of mixes)
      for (const [m, n, k] of [
        [1, 7, 5],
        [33, 17, 65],
        [70, 40, 300],
      ])
        for (const [transA, transB] of TRANSPOSES)
          checkAgainstReference(seed++, { m, n, k, transA, transB, typeA, typeB, typeC });
  });

  it('matches with accumulate (C += op(A)·op(B)) for small and blocked sizes', () => {
    let seed = 300;
    for (const [m, n, k] of [
      [1, 1, 1],
      [2, 3, 4],
      [37, 29, 300],
    ])
      for (const [transA, transB] of TRANSPOSES)
        for (const typeC of ['float64', 'float32'] as const)
          checkAgainstReference(seed++, { m, n, k, transA, transB, accumulate: true, typeC });
  });

  it('matches on batches with broadcast A or B, gapped C, and C summed over the batch', () => {
    let seed = 400;
    const layouts = ['contiguous', 'gapped', 'sum'] as const;
    for (const [m, n, k] of [
      [3, 5, 7],
      [17, 9, 33],
    ])
      for (const [transA, transB] of TRANSPOSES)
        for (const broadcastA of [false, true])
          for (const broadcastB of [false, true])
            for (const layoutC of layouts)
              for (const accumulate of [false, true]) {
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
                checkAgainstReference(seed++, spec);
              }
  });

  it('matches on the two folded batch layouts (X[batch]·W and Σ Xᵀ·dY) at blocked sizes', () => {
    checkAgainstReference(500, { m: 20, n: 24, k: 40, batch: 7, broadcastB: true });
    checkAgainstReference(501, { m: 20, n: 24, k: 40, batch: 7, broadcastB: true, accumulate: true });
    checkAgainstReference(502, { m: 24, n: 20, k: 60, batch: 6, transA: true, layoutC: 'sum' });
    checkAgainstReference(503, {
      m: 24,
      n: 20,
      k: 60,
      batch: 6,
      transA: true,
      layoutC: 'sum',
      accumulate: true,
    });
  });

  it('property: equals the reference for random shapes, layouts and options', () => {
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
      typeC: fc.constantFrom('float64', 'float32'),
    });
    fc.assert(
      fc.property(spec, fc.integer({ min: 0, max: 2 ** 31 }), (s, seed) => {
        checkAgainstReference(seed, s as MatmulCase);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });
});

describe('jsKernels.matmul exact cases and edge cases', () => {
  for (const kernels of [jsKernels, referenceKernels]) {
    it(`${kernels.name}: computes a hand-checked 2×3 · 3×2 product in every transposed layout`, () => {
      // A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]], A·B = [[58,64],[139,154]].
      const a = [1, 2, 3, 4, 5, 6];
      const aT = [1, 4, 2, 5, 3, 6];
      const b = [7, 8, 9, 10, 11, 12];
      const bT = [7, 9, 11, 8, 10, 12];
      for (const [transA, transB] of TRANSPOSES) {
        const c = new Float64Array(4);
        kernels.matmul({
          a: Float64Array.from(transA ? aT : a),
          b: Float64Array.from(transB ? bT : b),
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

    it(`${kernels.name}: k = 0 gives zeros, or leaves C alone with accumulate`, () => {
      const args = makeMatmulArgs(makeKey(1), { m: 5, n: 6, k: 0, batch: 2 });
      const before = args.c.slice();
      kernels.matmul({ ...args, accumulate: true });
      assert.deepEqual(args.c, before);
      kernels.matmul(args);
      assert.deepEqual(Array.from(args.c), new Array(60).fill(0));
    });

    it(`${kernels.name}: m = 0, n = 0 or batch = 0 touches nothing`, () => {
      for (const spec of [
        { m: 0, n: 4, k: 3 },
        { m: 4, n: 0, k: 3 },
        { m: 4, n: 4, k: 3, batch: 0 },
      ]) {
        const args = makeMatmulArgs(makeKey(2), spec);
        const c = Float64Array.of(1, 2, 3);
        kernels.matmul({ ...args, c });
        assert.deepEqual(Array.from(c), [1, 2, 3]);
      }
    });
  }

  it('propagates NaN and infinities through the blocked path', () => {
    const args = makeMatmulArgs(makeKey(3), { m: 40, n: 40, k: 40 });
    args.a[5 * 40 + 7] = Number.NaN; // row 5 of A
    args.b[3 * 40 + 11] = Number.POSITIVE_INFINITY; // row 3 of B: column 11 of C
    const reference = cloneArgs(args);
    jsKernels.matmul(args);
    referenceKernels.matmul(reference);
    assert.ok(Number.isNaN(args.c[5 * 40 + 0]));
    assert.ok(!Number.isFinite(args.c[0 * 40 + 11]));
    assertArraysClose(args.c, reference.c, 1e-12, 'non-finite');
  });

  it('gives the same result whatever ran before (scratch buffers carry no state)', () => {
    const big = makeMatmulArgs(makeKey(4), { m: 150, n: 70, k: 300 });
    const small = makeMatmulArgs(makeKey(5), { m: 9, n: 5, k: 7, transB: true });
    const first = cloneArgs(big);
    jsKernels.matmul(first);
    jsKernels.matmul(small);
    const second = cloneArgs(big);
    jsKernels.matmul(second);
    assert.deepEqual(second.c, first.c);
  });

  it('rejects bad arguments with a message naming the parameter', () => {
    const good = (): MatmulArgs => makeMatmulArgs(makeKey(6), { m: 3, n: 4, k: 5, batch: 2 });
    const cases: [Partial<MatmulArgs>, RegExp][] = [
      [{ m: -1 }, /m must be a non-negative integer, got -1/],
      [{ k: 2.5 }, /k must be a non-negative integer, got 2.5/],
      [{ batch: Number.NaN }, /batch must be a non-negative integer/],
      [{ strideB: -3 }, /strideB must be a non-negative integer/],
      [{ a: new Float64Array(29) }, /a has length 29, needs at least 30/],
      [{ b: new Float64Array(20) }, /b has length 20, needs at least 40/],
      [{ c: new Float64Array(23) }, /c has length 23, needs at least 24/],
      [{ strideC: 5 }, /strideC must be 0 \(sum over the batch\) or at least m·n = 12, got 5/],
      [{ strideC: 11 }, /strideC must be 0 \(sum over the batch\) or at least m·n = 12, got 11/],
      [{ a: [1, 2] as unknown as Float64Array }, /a must be a Float64Array or a Float32Array, got Array/],
      [{ transA: 1 as unknown as boolean }, /transA must be a boolean/],
    ];
    for (const kernels of [jsKernels, referenceKernels])
      for (const [change, message] of cases)
        assert.throws(() => kernels.matmul({ ...good(), ...change }), message);
    // The boundaries themselves are allowed.
    jsKernels.matmul({ ...good(), strideC: 12 });
    jsKernels.matmul({ ...good(), strideC: 0 });
  });

  it('rejects a C that shares memory with A or B', () => {
    const buffer = new Float64Array(100);
    const args = (c: Float64Array): MatmulArgs => ({
      a: buffer.subarray(0, 20),
      b: buffer.subarray(20, 40),
      c,
      m: 4,
      n: 4,
      k: 5,
      transA: false,
      transB: false,
      batch: 1,
      strideA: 20,
      strideB: 20,
      strideC: 16,
      accumulate: false,
    });
    assert.throws(
      () => jsKernels.matmul(args(buffer.subarray(10, 26))),
      /c must not share memory with a or b/,
    );
    assert.throws(() => jsKernels.matmul(args(buffer.subarray(39, 55))), /c must not share memory/);
    jsKernels.matmul(args(buffer.subarray(40, 56))); // adjacent but disjoint: allowed
  });
});
