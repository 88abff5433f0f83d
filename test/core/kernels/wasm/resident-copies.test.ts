/**
 * Resident copies of immutable operands (`resident-copies.ts`): the ring allocator on its own
 * (no two live copies overlap, a hit always finds the bytes that were put there, copies in use
 * by the current call are never evicted), and through the tensor layer: each tensor is copied
 * in once, a training loop gives the same bits as copying per call, and the memory stops
 * growing after the first step.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { valueAndGrad } from '../../../../src/core/autodiff/index.js';
import {
  type Kernels,
  referenceKernels,
  wasmKernels,
  withKernels,
} from '../../../../src/core/kernels/index.js';
import { wasmMultiplyAdd } from '../../../../src/core/kernels/wasm/multiply-add-variant.js';
import { ResidentCopies } from '../../../../src/core/kernels/wasm/resident-copies.js';
import {
  residentCapacity,
  wasmResidentStats,
  wasmRuntime,
  wasmRuntimeOfVariant,
} from '../../../../src/core/kernels/wasm/runtime.js';
import { wasmMatmul } from '../../../../src/core/kernels/wasm/wasm-matmul.js';
import { wasmReduce } from '../../../../src/core/kernels/wasm/wasm-reductions.js';
import { makeKey, normal, split } from '../../../../src/core/random/index.js';
import * as T from '../../../../src/core/tensor/index.js';

describe('ResidentCopies, the ring', () => {
  it('finds what it reserved, refuses a different width or a longer length, and counts', () => {
    const ring = new ResidentCopies(1024, 4096);
    const a = new Float64Array(10);
    ring.beginCall();
    assert.equal(ring.find(a, 8, 10), undefined);
    const at = ring.reserve(a, 8, 10);
    assert.equal(at, 1024);
    assert.equal(ring.find(a, 8, 10), 1024);
    assert.equal(ring.find(a, 8, 5), 1024);
    assert.equal(ring.find(a, 8, 11), undefined);
    assert.equal(ring.find(a, 4, 10), undefined);
    assert.deepEqual(ring.stats(), {
      hits: 2,
      misses: 1,
      bytesCopiedIn: 80,
      residentBytes: 128,
      capacity: 4096,
    });
    // More than half the region is never kept.
    assert.equal(ring.reserve(new Float64Array(300), 8, 300), undefined);
  });

  it('never evicts a copy the current call uses', () => {
    const ring = new ResidentCopies(0, 1024);
    const a = {};
    const b = {};
    ring.beginCall();
    assert.equal(ring.reserve(a, 8, 64), 0); // bytes 0–511
    assert.equal(ring.reserve(b, 8, 48), 512); // 512–895: the next 384 bytes would wrap onto a
    assert.equal(ring.reserve({}, 8, 48), undefined);
    ring.beginCall();
    assert.equal(ring.reserve({}, 8, 48), 0); // a new call: a is evicted
    assert.equal(ring.find(a, 8, 64), undefined);
    assert.equal(ring.find(b, 8, 48), 512);
  });

  it('keeps live copies disjoint and intact over random sequences (property)', () => {
    const operation = fc.record({
      kind: fc.constantFrom('reserve', 'find', 'call'),
      pick: fc.nat(40),
      length: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 400 }), (operations) => {
        const capacity = 4096;
        const memory = new Int32Array(capacity / 4).fill(-1);
        const ring = new ResidentCopies(0, capacity);
        const arrays = Array.from({ length: 41 }, () => ({}));
        const lengths = new Map<object, number>();
        const pinned = new Set<number>();
        ring.beginCall();
        for (const { kind, pick, length } of operations) {
          const array = arrays[pick];
          if (kind === 'call') {
            ring.beginCall();
            pinned.clear();
            continue;
          }
          const known = lengths.get(array);
          const found = ring.find(array, 4, kind === 'find' && known !== undefined ? known : length);
          if (found !== undefined) {
            // The region still holds this array's tag in every element.
            const count = known ?? 0;
            for (let i = 0; i < count; i++) assert.equal(memory[found / 4 + i], pick);
            pinned.add(pick);
            continue;
          }
          if (kind !== 'reserve') continue;
          const at = ring.reserve(array, 4, length);
          if (at === undefined) continue;
          assert.ok(at >= 0 && at + 4 * length <= capacity);
          // Nothing pinned in this call is overwritten.
          for (let i = 0; i < length; i++) {
            const owner = memory[at / 4 + i];
            assert.ok(owner === -1 || owner === pick || !pinned.has(owner));
          }
          memory.fill(pick, at / 4, at / 4 + length);
          lengths.set(array, length);
          pinned.add(pick);
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

/** wasmKernels whose matmul and reductions copy every operand per call (a runtime without resident copies). */
function perCallKernels(): Kernels {
  const full = wasmRuntimeOfVariant(wasmMultiplyAdd());
  if (full === undefined) throw new Error('the kernels do not load here');
  const runtime = { exports: full.exports, arena: full.arena };
  return {
    ...wasmKernels,
    name: 'wasm-per-call-copies',
    matmul: (args) => wasmMatmul(runtime, args),
    sum: (args) => wasmReduce(runtime, 'sum', args),
  };
}

/** Ten gradient steps of a 2-layer tanh network written with tensor ops; returns the final weights. */
function train(steps: number, onStep?: () => void): Float64Array[] {
  const [kx, k1, k2] = split(makeKey(5), 3);
  const x = T.tensor(normal(kx, 256 * 32), { shape: [256, 32] });
  let w1 = T.tensor(normal(k1, 32 * 48, { std: 0.2 }), { shape: [32, 48] });
  let w2 = T.tensor(normal(k2, 48 * 24, { std: 0.2 }), { shape: [48, 24] });
  const loss = valueAndGrad(
    (a: T.Tensor, b: T.Tensor) => T.sum(T.square(T.matmul(T.tanh(T.matmul(x, a)), b))),
    {
      argnums: [0, 1],
    },
  );
  for (let step = 0; step < steps; step++) {
    const [, grads] = loss(w1, w2);
    const [g1, g2] = grads as T.Tensor[];
    w1 = T.sub(w1, T.mul(g1, 1e-4));
    w2 = T.sub(w2, T.mul(g2, 1e-4));
    onStep?.();
  }
  return [w1.data as Float64Array, w2.data as Float64Array];
}

describe('resident copies through the tensor layer', () => {
  it('reads PHYSML_WASM_RESIDENT_MIB, naming it and the range on bad values', () => {
    assert.equal(residentCapacity(undefined), 64 * 2 ** 20);
    assert.equal(residentCapacity('0'), 0);
    assert.equal(residentCapacity(' 128 '), 128 * 2 ** 20);
    for (const bad of ['-1', '1.5', '2048', 'lots']) {
      assert.throws(
        () => residentCapacity(bad),
        /PHYSML_WASM_RESIDENT_MIB must be a whole number of MiB from 0 to 1024/,
      );
    }
  });

  it('gives the same bits as copying per call, copies each tensor in once, and stops growing', () => {
    const expected = withKernels(perCallKernels(), () => train(10));
    wasmRuntime();
    const before = wasmResidentStats();
    assert.ok(before !== undefined);
    const sizes: number[] = [];
    // Every distinct array that reaches a kernel as an immutable operand.
    const operands = new Set<object>();
    const spy: Kernels = {
      ...wasmKernels,
      name: 'wasm-spy',
      matmul(args) {
        if (args.immutableA) operands.add(args.a);
        if (args.immutableB) operands.add(args.b);
        wasmKernels.matmul(args);
      },
      sum(args) {
        if (args.immutableInput) operands.add(args.x);
        wasmKernels.sum(args);
      },
    };
    const actual = withKernels(spy, () => train(10, () => sizes.push(wasmRuntime().arena.byteLength)));
    for (let i = 0; i < expected.length; i++) assert.deepEqual(actual[i], expected[i]);
    const after = wasmResidentStats();
    assert.ok(after !== undefined);
    // Nothing is evicted from 64 MiB here, so each array is copied in at most once, and the
    // backward products' second reads of x, the weights and the forward results are hits.
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    assert.ok(misses <= operands.size, `misses ${misses}, distinct operands ${operands.size}`);
    assert.ok(hits >= 4 * 10, `hits ${hits}`);
    assert.ok(after.residentBytes <= after.capacity);
    assert.deepEqual(new Set(sizes.slice(1)).size, 1, `memory sizes ${sizes.join(', ')}`);
  });

  it("reads a product's result where the product left it: X·W₁·W₂ then a sum copies in only X, W₁, W₂", () => {
    const [kx, k1, k2] = split(makeKey(6), 3);
    const x = T.tensor(normal(kx, 64 * 16), { shape: [64, 16] });
    const w1 = T.tensor(normal(k1, 16 * 32), { shape: [16, 32] });
    const w2 = T.tensor(normal(k2, 32 * 64), { shape: [32, 64] });
    withKernels(wasmKernels, () => wasmRuntime());
    const before = wasmResidentStats();
    const total = withKernels(wasmKernels, () => T.sum(T.matmul(T.matmul(x, w1), w2)));
    const after = wasmResidentStats();
    assert.ok(before !== undefined && after !== undefined);
    assert.equal(after.misses - before.misses, 3);
    assert.equal(after.bytesCopiedIn - before.bytesCopiedIn, 8 * (64 * 16 + 16 * 32 + 32 * 64));
    assert.equal(after.hits - before.hits, 2);
    const reference = withKernels(referenceKernels, () => T.sum(T.matmul(T.matmul(x, w1), w2)));
    assert.ok(Math.abs(T.item(total) - T.item(reference)) <= 1e-12 * (1 + Math.abs(T.item(reference))));
  });

  it('does not keep a float32 C computed in float64 (its copy would not equal the rounded array)', () => {
    const a = T.tensor(normal(makeKey(8), 40 * 30), { shape: [40, 30] });
    const b = T.tensor(Float32Array.from(normal(makeKey(9), 30 * 20)), { shape: [30, 20], dtype: 'float32' });
    const chain = () => T.sum(T.matmul(T.matmul(a, b), T.transpose(b)));
    const viaWasm = withKernels(wasmKernels, chain);
    const viaReference = withKernels(referenceKernels, chain);
    assert.ok(
      Math.abs(T.item(viaWasm) - T.item(viaReference)) <= 1e-9 * Math.abs(T.item(viaReference)) + 1e-9,
    );
  });
});
