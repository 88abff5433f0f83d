/**
 * The packed Metropolis sweep in WebAssembly SIMD (wasm/assembly/ising.ts): the same spins and
 * the same generator states as `packedHalfSweep`, bit for bit, for the same key and options.
 *
 * Each chain gets its own instance of the small Ising module and so its own memory, holding the
 * sweep description, one record and one random-word buffer per row block, the acceptance
 * expansions, the generator jump table and a copy of the lattice. `sweep(count)` copies the
 * lattice in, runs all `count` sweeps inside WebAssembly, and copies it back: once per call,
 * not per word. The generators' states are written back after every call, so the TypeScript
 * kernel can take over at any point (and a generator state changed from outside is picked up).
 *
 * Random words: the module writes each block's xoshiro128** sequence ahead into a buffer with
 * four SIMD lanes, lane i starting K·i steps further on; the host supplies the jump table
 * (J^{K·i} for the generator's linear state transition J, i = 0 … 3), built here once per K.
 */
import { getKernels } from '../core/kernels/registry.js';
import { ISING_KERNELS_WASM_BASE64 } from '../core/kernels/wasm/generated/ising-kernels-binary.js';
import { wasmSimdSupported } from '../core/kernels/wasm/runtime.js';
import type { Xoshiro128StarStar } from '../core/random/xoshiro128.js';
import type { PackedLattice } from './packed-lattice.js';
import type { PackedAcceptance } from './packed-metropolis.js';

interface IsingExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  isingSweeps(config: number, count: number): void;
  isingGeneratorState(record: number, out: number): void;
}

// Layout shared with wasm/assembly/ising.ts: i32 fields of the sweep description and of a block record.
const CONFIG_FIELDS = 18;
const [SIZE, STRIDE, SHIFT, VALID, BLACK, WHITE, SWITCH_TO_FOUR, EIGHT, DEPTH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [CERTAIN_FOUR, CERTAIN_EIGHT, RANDOM_FOUR, RANDOM_EIGHT, BLOCK_COUNT, BLOCKS] = [9, 10, 11, 12, 13, 14];
const [JUMP, LANE_WORDS_FIELD, PENDING] = [15, 16, 17];
const BLOCK_FIELDS = 16; // 64 bytes
const [ROW_START, ROW_END, BUFFER, CURSOR, FILLED, HEAD] = [0, 1, 2, 3, 4, 5];
/** Words the module reads past the cursor in one comparison chunk. */
const CHUNK = 8;
/** Words per band of rows the module classifies before deciding their random lanes. */
const BAND_WORDS = 256;
/** Lanes of the SIMD generator. */
const LANES = 4;
/**
 * The values of K (words per lane per refill): powers of two from 16 to 1024. A call picks the
 * largest K whose refill (4K words) is at most half the words the call is expected to draw: long
 * calls then refill rarely (each refill first computes the lanes' start states, about as much
 * work as 256 words), and a short call does not run far ahead, since the words buffered beyond
 * the cursor are stepped back one by one when the generator state is written back.
 */
const LANE_WORDS = [16, 32, 64, 128, 256, 512, 1024];
/** Random words per 32-spin word, about the 6.2 measured at T_c: sizes the refills. */
const WORDS_PER_WORD = 6;

const PAGE_BYTES = 65536;
const ALIGN = 64;
const IMPORTS = {
  env: {
    abort(): never {
      throw new Error('Ising WebAssembly kernel: abort');
    },
  },
};

let compiled: WebAssembly.Module | null | undefined;

/** The compiled Ising module, or null where WebAssembly SIMD is missing or synchronous compilation is refused. */
function isingModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    if (!wasmSimdSupported()) throw new Error('no WebAssembly SIMD');
    const text = atob(ISING_KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const module = new WebAssembly.Module(bytes);
    const names = WebAssembly.Module.exports(module).map((entry) => entry.name);
    compiled = ['memory', 'heapBase', 'isingSweeps', 'isingGeneratorState'].every((name) =>
      names.includes(name),
    )
      ? module
      : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** One xoshiro128** state transition (no output), in place: the linear map J over GF(2)^128. */
function transition(s: Int32Array): void {
  const shifted = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= shifted;
  s[3] = (s[3] << 11) | (s[3] >>> 21);
}

const jumpTables = new Map<number, Int32Array>();

/**
 * The jump table for K = `laneWords`: for state bit b (word b >> 5, bit b & 31) and state word w,
 * four entries at 16·b + 4·w: word w of J^{K·i} e_b for lanes i = 0 … 3.
 */
function jumpTable(laneWords: number): Int32Array {
  const cached = jumpTables.get(laneWords);
  if (cached !== undefined) return cached;
  const table = new Int32Array(128 * 4 * LANES);
  const state = new Int32Array(4);
  for (let b = 0; b < 128; b++) {
    state.fill(0);
    state[b >> 5] = 1 << (b & 31);
    for (let lane = 0; lane < LANES; lane++) {
      if (lane > 0) for (let step = 0; step < laneWords; step++) transition(state);
      for (let w = 0; w < 4; w++) table[16 * b + 4 * w + lane] = state[w];
    }
  }
  jumpTables.set(laneWords, table);
  return table;
}

/** Rounds up to a multiple of ALIGN bytes. */
function aligned(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/**
 * Whether `packedMetropolis` may sweep in WebAssembly now: the active kernels are the
 * dispatching ('auto', the default) or the WebAssembly ones ('wasm-simd'), not the plain
 * TypeScript ones (PHYSML_KERNELS=js or `setKernels(jsKernels)`).
 */
export function wasmPackedSweepAllowed(): boolean {
  const name = getKernels().name;
  return name === 'auto' || name === 'wasm-simd';
}

/** The sweep of one packed Metropolis chain in its own WebAssembly instance. */
export interface WasmPackedSweep {
  /** Performs `count` full sweeps (black then white, block by block) of the lattice, advancing the generators. */
  sweep(count: number): void;
}

/**
 * A WebAssembly sweep of `lattice` with `acceptance`, row blocks `ranges` and their generators
 * (one per block, advanced exactly as `packedHalfSweep` would), or undefined where the Ising
 * module cannot be loaded (no WebAssembly SIMD, or a browser main thread that refuses
 * synchronous compilation): then use the TypeScript kernel.
 */
export function createWasmPackedSweep(
  lattice: PackedLattice,
  acceptance: PackedAcceptance,
  ranges: readonly (readonly [number, number])[],
  generators: readonly Xoshiro128StarStar[],
): WasmPackedSweep | undefined {
  const module = isingModule();
  if (module === null) return undefined;
  let exports: IsingExports;
  try {
    exports = new WebAssembly.Instance(module, IMPORTS).exports as unknown as IsingExports;
  } catch {
    return undefined;
  }
  const { size, wordsPerRow, bitsPerWord, validMask } = lattice;
  const { probabilityFour, probabilityEight, expansions, depth } = acceptance;
  const blockCount = ranges.length;
  // Words of one colour in the smallest block: with the call's sweep count, this picks K.
  const blockWords = Math.min(...ranges.map(([start, end]) => (end - start) * wordsPerRow));
  const paddedDepth = Math.max(CHUNK, Math.ceil(depth / CHUNK) * CHUNK);
  const latticeWords = lattice.black.length;
  const bufferWords = LANES * LANE_WORDS[LANE_WORDS.length - 1] + CHUNK;

  let top = aligned(exports.heapBase());
  const take = (bytes: number) => {
    const at = top;
    top += aligned(bytes);
    return at;
  };
  const atConfig = take(4 * CONFIG_FIELDS);
  const atBlocks = take(4 * BLOCK_FIELDS * blockCount);
  const atState = take(16);
  const atSwitch = take(4 * paddedDepth);
  const atEight = take(4 * paddedDepth);
  const tableBytes = 4 * 128 * 4 * LANES;
  const atJump = take(tableBytes * LANE_WORDS.length);
  const atBlack = take(4 * latticeWords);
  const atWhite = take(4 * latticeWords);
  const atPending = take(8 * Math.max(wordsPerRow, BAND_WORDS));
  const atBuffers = ranges.map(() => take(4 * bufferWords));
  if (top > 2 ** 32) return undefined;
  const memory = exports.memory;
  const have = memory.buffer.byteLength;
  try {
    if (top > have) memory.grow(Math.ceil((top - have) / PAGE_BYTES));
  } catch {
    return undefined;
  }
  // The memory never grows again, so these views stay valid for the chain's life.
  const words = new Int32Array(memory.buffer);
  const config = words.subarray(atConfig / 4, atConfig / 4 + CONFIG_FIELDS);
  config[SIZE] = size;
  config[STRIDE] = wordsPerRow;
  config[SHIFT] = bitsPerWord - 1;
  config[VALID] = validMask;
  config[BLACK] = atBlack;
  config[WHITE] = atWhite;
  config[SWITCH_TO_FOUR] = atSwitch;
  config[EIGHT] = atEight;
  config[DEPTH] = depth;
  config[CERTAIN_FOUR] = probabilityFour >= 1 ? -1 : 0;
  config[CERTAIN_EIGHT] = probabilityEight >= 1 ? -1 : 0;
  config[RANDOM_FOUR] = probabilityFour > 0 && probabilityFour < 1 ? -1 : 0;
  config[RANDOM_EIGHT] = probabilityEight > 0 && probabilityEight < 1 ? -1 : 0;
  config[BLOCK_COUNT] = blockCount;
  config[BLOCKS] = atBlocks;
  config[PENDING] = atPending;
  for (let k = 0; k < depth; k++) {
    words[atSwitch / 4 + k] = expansions[2 * k] ^ expansions[2 * k + 1];
    words[atEight / 4 + k] = expansions[2 * k + 1];
  }
  const needsRandom = config[RANDOM_FOUR] !== 0 || config[RANDOM_EIGHT] !== 0;
  const tablesLoaded = LANE_WORDS.map(() => false);
  /** Points the module at K = LANE_WORDS[choice] and its jump table, loading the table on first use. */
  const chooseLaneWords = (choice: number) => {
    const at = atJump + tableBytes * choice;
    if (!tablesLoaded[choice]) {
      words.set(jumpTable(LANE_WORDS[choice]), at / 4);
      tablesLoaded[choice] = true;
    }
    config[LANE_WORDS_FIELD] = LANE_WORDS[choice];
    config[JUMP] = at;
  };
  const records = ranges.map(([start, end], block) => {
    const record = words.subarray((atBlocks + 64 * block) / 4, (atBlocks + 64 * (block + 1)) / 4);
    record[ROW_START] = start;
    record[ROW_END] = end;
    record[BUFFER] = atBuffers[block];
    return record;
  });
  const black = words.subarray(atBlack / 4, atBlack / 4 + latticeWords);
  const white = words.subarray(atWhite / 4, atWhite / 4 + latticeWords);
  const state = words.subarray(atState / 4, atState / 4 + 4);
  // Same-type views of the caller's lattice, so the copies in and out are plain memory copies.
  const hostBlack = new Int32Array(lattice.black.buffer, lattice.black.byteOffset, latticeWords);
  const hostWhite = new Int32Array(lattice.white.buffer, lattice.white.byteOffset, latticeWords);
  // The generator states this instance last wrote back; a different state means someone else
  // advanced or reset the generator, and the buffered words are no longer its future.
  const written = generators.map(() => new Int32Array(4));
  const same = (a: Int32Array, b: Int32Array) =>
    a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
  for (let block = 0; block < blockCount; block++) records[block][CURSOR] = records[block][FILLED] = 0;

  return {
    sweep(count: number) {
      if (count === 0) return;
      if (needsRandom) {
        const expected = count * 2 * WORDS_PER_WORD * blockWords;
        let choice = 0;
        while (choice + 1 < LANE_WORDS.length && 2 * LANES * LANE_WORDS[choice + 1] <= expected) choice++;
        chooseLaneWords(choice);
      }
      for (let block = 0; block < blockCount; block++) {
        const current = generators[block].state;
        const record = records[block];
        if (!(record[FILLED] > 0 && same(current, written[block]))) {
          record.set(current, HEAD);
          record[CURSOR] = record[FILLED] = 0;
        }
      }
      black.set(hostBlack);
      white.set(hostWhite);
      exports.isingSweeps(atConfig, count);
      hostBlack.set(black);
      hostWhite.set(white);
      for (let block = 0; block < blockCount; block++) {
        exports.isingGeneratorState(atBlocks + 64 * block, atState);
        generators[block].state.set(state);
        written[block].set(state);
      }
    },
  };
}
