/**
 * The WebAssembly SIMD sweep (`packed-metropolis-wasm.ts`) gives the same spins and the same
 * generator states as the TypeScript `packedHalfSweep`, bit for bit, and `packedMetropolis`
 * dispatches to it unless the kernels setting is 'js'.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsKernels } from '../../src/core/kernels/js-kernels.js';
import { withKernels } from '../../src/core/kernels/registry.js';
import { wasmKernels } from '../../src/core/kernels/wasm/wasm-kernels.js';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { enumerateIsing } from '../../src/exact/index.js';
import {
  blockGenerator,
  blockRows,
  copyPackedLattice,
  createPackedLattice,
  type PackedLattice,
  packedAcceptance,
  packedHalfSweep,
  packedMetropolis,
  randomizeSpins,
  runPackedChain,
  type Xoshiro128StarStar,
} from '../../src/lattice/index.js';
import { createWasmPackedSweep, wasmPackedSweepAllowed } from '../../src/lattice/packed-metropolis-wasm.js';
import { absolute, mean, standardError, Z_LIMIT } from './helpers.js';

const T_CRITICAL = 2 / Math.log(1 + Math.SQRT2);
/**
 * T = 0 and ∞ (no random words), low T (e^{−8/T} far below 2^−32: long expansions, many 8-step
 * chunks per word), near and at T_c, and hot.
 */
const TEMPERATURES = [0, 0.1, 1, T_CRITICAL, 3.5, Number.POSITIVE_INFINITY];
/** Every kind of row: one partial word (L < 64), one word, 2, 3, 4 and 5 words (SIMD and scalar tails). */
const SIZES = [2, 6, 10, 32, 64, 128, 192, 256, 320];

/** A hot-start lattice of side `size` and an independent copy. */
function twoLattices(size: number, seed: number): [PackedLattice, PackedLattice] {
  const first = createPackedLattice(size);
  randomizeSpins(first, new RandomStream(fold(makeKey(seed), size)));
  const second = createPackedLattice(size);
  copyPackedLattice(second, first);
  return [first, second];
}

/** `count` sweeps with the TypeScript half sweep, block by block. */
function typescriptSweeps(
  lattice: PackedLattice,
  temperature: number,
  ranges: [number, number][],
  generators: Xoshiro128StarStar[],
  count: number,
): void {
  const acceptance = packedAcceptance({ temperature });
  for (let n = 0; n < count; n++) {
    for (let colour = 0; colour < 2; colour++) {
      for (let block = 0; block < ranges.length; block++) {
        packedHalfSweep(lattice, colour, ranges[block][0], ranges[block][1], acceptance, generators[block]);
      }
    }
  }
}

function assertSameChain(
  actual: PackedLattice,
  expected: PackedLattice,
  actualGenerators: readonly Xoshiro128StarStar[],
  expectedGenerators: readonly Xoshiro128StarStar[],
  what: string,
): void {
  assert.deepEqual(actual.black, expected.black, `${what}: black spins`);
  assert.deepEqual(actual.white, expected.white, `${what}: white spins`);
  for (let block = 0; block < expectedGenerators.length; block++) {
    assert.deepEqual(
      actualGenerators[block].state,
      expectedGenerators[block].state,
      `${what}: generator ${block}`,
    );
  }
}

describe('WebAssembly packed Metropolis sweep', () => {
  it('loads in Node, and only the js kernels setting turns it off', () => {
    const lattice = createPackedLattice(8);
    const acceptance = packedAcceptance({ temperature: T_CRITICAL });
    assert.notEqual(
      createWasmPackedSweep(lattice, acceptance, [[0, 8]], [blockGenerator(makeKey(1), 0)]),
      undefined,
    );
    assert.equal(
      withKernels(jsKernels, () => wasmPackedSweepAllowed()),
      false,
    );
    assert.equal(
      withKernels(wasmKernels, () => wasmPackedSweepAllowed()),
      true,
    );
  });

  for (const size of SIZES) {
    it(`L = ${size}: same spins and generator states as the TypeScript sweep, at every T, 1 and 3 blocks`, () => {
      for (const temperature of TEMPERATURES) {
        for (const blockCount of [1, 3]) {
          if (blockCount > size) continue;
          const [expected, actual] = twoLattices(size, 7 * size + blockCount);
          const ranges = Array.from({ length: blockCount }, (_, b) => blockRows(size, blockCount, b));
          const key = fold(makeKey(11), size);
          const expectedGenerators = ranges.map((_, b) => blockGenerator(key, b));
          const actualGenerators = ranges.map((_, b) => blockGenerator(key, b));
          const acceptance = packedAcceptance({ temperature });
          const wasm = createWasmPackedSweep(actual, acceptance, ranges, actualGenerators);
          assert.ok(wasm !== undefined);
          // Calls of several lengths: the buffered random words must carry over between calls.
          for (const count of [1, 3, 2]) {
            typescriptSweeps(expected, temperature, ranges, expectedGenerators, count);
            wasm.sweep(count);
            assertSameChain(
              actual,
              expected,
              actualGenerators,
              expectedGenerators,
              `T = ${temperature}, B = ${blockCount}`,
            );
          }
        }
      }
    });
  }

  it('hands over to and from the TypeScript kernel, and follows a generator state set from outside', () => {
    const size = 128;
    const [expected, actual] = twoLattices(size, 3);
    const expectedChain = packedMetropolis(expected, makeKey(5), { temperature: T_CRITICAL, blockCount: 2 });
    const actualChain = packedMetropolis(actual, makeKey(5), { temperature: T_CRITICAL, blockCount: 2 });
    withKernels(jsKernels, () => expectedChain.sweep(6));
    withKernels(wasmKernels, () => actualChain.sweep(2));
    withKernels(jsKernels, () => actualChain.sweep(2));
    withKernels(wasmKernels, () => actualChain.sweep(2));
    assertSameChain(actual, expected, actualChain.generators, expectedChain.generators, 'mixed kernels');
    // A state written from outside replaces the words the WebAssembly sweep had buffered.
    for (const chain of [expectedChain, actualChain]) chain.generators[1].state.set([1, 2, 3, 4]);
    withKernels(jsKernels, () => expectedChain.sweep(3));
    withKernels(wasmKernels, () => actualChain.sweep(3));
    assertSameChain(actual, expected, actualChain.generators, expectedChain.generators, 'after a reset');
  });

  it('4 × 4 at T_c: ⟨e⟩ and ⟨|m|⟩ of the WebAssembly chain match exact enumeration', () => {
    const exact = enumerateIsing({ dimension: 2, length: 4 }, T_CRITICAL);
    const chain = withKernels(wasmKernels, () =>
      runPackedChain({ size: 4, temperature: T_CRITICAL, key: makeKey(44), sweeps: 20000, burnIn: 500 }),
    );
    const zEnergy = (mean(chain.energyPerSpin) - exact.energyPerSpin) / standardError(chain.energyPerSpin);
    const magnetization = absolute(chain.magnetizationPerSpin);
    const zAbs = (mean(magnetization) - exact.absMagnetizationPerSpin) / standardError(magnetization);
    assert.ok(
      Math.abs(zEnergy) < Z_LIMIT,
      `⟨e⟩ ${mean(chain.energyPerSpin)} vs ${exact.energyPerSpin}: z = ${zEnergy}`,
    );
    assert.ok(
      Math.abs(zAbs) < Z_LIMIT,
      `⟨|m|⟩ ${mean(magnetization)} vs ${exact.absMagnetizationPerSpin}: z = ${zAbs}`,
    );
  });
});
