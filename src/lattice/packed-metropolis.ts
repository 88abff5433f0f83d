/**
 * Word-parallel checkerboard Metropolis for the 2D Ising model on a bit-packed lattice
 * (multispin coding): H = −J Σ⟨ij⟩ sᵢsⱼ with J > 0 and no field, periodic L × L.
 *
 * A sweep updates all black spins, then all white ones. Spins of one colour interact only with
 * the other colour, so the 32 spins of a word are updated at once: XOR with the four neighbour
 * words marks anti-aligned neighbours, two half adders and a carry classify each lane by
 * ΔE = 8J − 4J·(anti-aligned count) (see `bitwise-logic.ts`), lanes with ΔE ≤ 0 flip, and lanes
 * with ΔE = 4J or 8J flip with probability e^{−4J/T} or e^{−8J/T}, decided exactly by comparing
 * random bits with the binary expansions of those probabilities (`bernoulliLanes`: no truncation
 * bias at all; one random word serves all 32 lanes per comparison step, about 6 words per 32
 * spins near T_c, against 32 uniforms for one random number per spin).
 *
 * A field h ≠ 0 is refused: with a field, ΔE takes ten values and the kernel's two-probability
 * logic does not apply; use the simple Int8Array kernel for h ≠ 0. So is J ≤ 0.
 *
 * Random words come from xoshiro128** generators seeded from the chain's key (see
 * `xoshiro128.ts`: Philox costs about 8× more per word here). Rows can be split into blocks, each
 * with its own generator seeded from `fold(key, block)`; a sweep with B blocks gives the same
 * spins whether the blocks run on one thread or on several (`parallel-metropolis.ts`), and
 * B = 1 is the plain single-generator sweep.
 *
 * `packedMetropolis` runs its sweeps in WebAssembly SIMD (`packed-metropolis-wasm.ts`: the same
 * spins and generator states, bit for bit) unless the kernels setting is 'js' or WebAssembly
 * SIMD is missing; `packedHalfSweep` itself, which the worker threads call, is this TypeScript.
 */
import { fold, type Key, portableExp } from '../core/random/index.js';
import { Xoshiro128StarStar } from '../core/random/xoshiro128.js';
import { binaryExpansionMasks } from './bitwise-logic.js';
import type { PackedLattice } from './packed-lattice.js';
import {
  createWasmPackedSweep,
  type WasmPackedSweep,
  wasmPackedSweepAllowed,
} from './packed-metropolis-wasm.js';

/** Options of the packed Metropolis kernel. */
export interface PackedMetropolisOptions {
  /** Temperature T in [0, ∞] (k_B = 1). T = 0 flips only spins with ΔE ≤ 0; T = ∞ flips every spin. */
  temperature: number;
  /** Coupling J > 0 (ferromagnetic; default 1). */
  coupling?: number;
  /** Field h; only 0 is supported by the packed kernel (default 0). */
  field?: number;
}

/** The precomputed acceptance rule of the packed kernel at one temperature. */
export interface PackedAcceptance {
  /** T. */
  readonly temperature: number;
  /** J. */
  readonly coupling: number;
  /** e^{−4J/T}, the acceptance probability of ΔE = 4J. */
  readonly probabilityFour: number;
  /** e^{−8J/T}, the acceptance probability of ΔE = 8J. */
  readonly probabilityEight: number;
  /**
   * The binary expansions of both probabilities, interleaved: entry 2k is −1 when bit k + 1 of
   * probabilityFour is 1 (else 0), entry 2k + 1 the same for probabilityEight; zero-padded.
   */
  readonly expansions: Int32Array;
  /** Number of expansion bits: `expansions.length / 2`. */
  readonly depth: number;
}

/** Options of `packedMetropolis`. */
export interface PackedMetropolisSamplerOptions extends PackedMetropolisOptions {
  /** Row blocks, each with its own random generator (default 1; at most L). See the module comment. */
  blockCount?: number;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
}

/** Checks the options and precomputes the acceptance probabilities and their expansions. */
export function packedAcceptance(options: PackedMetropolisOptions): PackedAcceptance {
  const where = 'packedAcceptance';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with a temperature, got ${show(options)}`);
  }
  const { temperature } = options;
  const coupling = options.coupling ?? 1;
  const field = options.field ?? 0;
  if (typeof temperature !== 'number' || !(temperature >= 0)) {
    throw new RangeError(`${where}: temperature must be a number in [0, ∞], got ${show(temperature)}`);
  }
  if (typeof coupling !== 'number' || !(coupling > 0 && coupling < Infinity)) {
    throw new RangeError(
      `${where}: coupling must be a finite number > 0 (the packed kernel is ferromagnetic), got ${show(coupling)}`,
    );
  }
  if (field !== 0) {
    throw new RangeError(
      `${where}: field must be 0 for the packed kernel (it codes ΔE ∈ {≤0, 4J, 8J} only), got ${show(field)}; ` +
        'use the simple Int8Array Ising kernel for a field',
    );
  }
  const probability = (energy: number) =>
    temperature === 0 ? 0 : temperature === Infinity ? 1 : portableExp(-energy / temperature);
  const probabilityFour = probability(4 * coupling);
  const probabilityEight = probability(8 * coupling);
  // p = 1 (T = ∞) is handled by the kernel as "always"; only p < 1 needs an expansion.
  const four = binaryExpansionMasks(probabilityFour < 1 ? probabilityFour : 0);
  const eight = binaryExpansionMasks(probabilityEight < 1 ? probabilityEight : 0);
  const depth = Math.max(four.length, eight.length);
  const expansions = new Int32Array(2 * depth);
  for (let k = 0; k < depth; k++) {
    expansions[2 * k] = four[k] ?? 0;
    expansions[2 * k + 1] = eight[k] ?? 0;
  }
  return { temperature, coupling, probabilityFour, probabilityEight, expansions, depth };
}

/** Throws unless `colour` is 0 (black) or 1 (white). */
function assertColour(colour: number): void {
  if (colour !== 0 && colour !== 1) {
    throw new RangeError(`packedHalfSweep: colour must be 0 (black) or 1 (white), got ${show(colour)}`);
  }
}

/**
 * Metropolis update of the spins of one colour in rows [rowStart, rowEnd), reading the other
 * colour (rows rowStart − 1 … rowEnd, periodically), which it does not modify. Random words come
 * from `generator` (run inline), about 5–6 per 32 spins near T_c, fewer far from it.
 */
export function packedHalfSweep(
  lattice: PackedLattice,
  colour: number,
  rowStart: number,
  rowEnd: number,
  acceptance: PackedAcceptance,
  generator: Xoshiro128StarStar,
): void {
  assertColour(colour);
  const size = lattice.size;
  if (
    !(
      Number.isInteger(rowStart) &&
      Number.isInteger(rowEnd) &&
      0 <= rowStart &&
      rowStart <= rowEnd &&
      rowEnd <= size
    )
  ) {
    throw new RangeError(
      `packedHalfSweep: rows must satisfy 0 ≤ rowStart ≤ rowEnd ≤ ${size}, got ${show(rowStart)} and ${show(rowEnd)}`,
    );
  }
  const stride = lattice.wordsPerRow;
  const shift = lattice.bitsPerWord - 1;
  const valid = lattice.validMask;
  const spins = colour === 0 ? lattice.black : lattice.white;
  const other = colour === 0 ? lattice.white : lattice.black;
  const { expansions, depth, probabilityFour, probabilityEight } = acceptance;
  // Lanes of each class that flip for sure (p = 1) or that need random bits (0 < p < 1).
  const certainFour = probabilityFour >= 1 ? -1 : 0;
  const certainEight = probabilityEight >= 1 ? -1 : 0;
  const randomFour = probabilityFour > 0 && probabilityFour < 1 ? -1 : 0;
  const randomEight = probabilityEight > 0 && probabilityEight < 1 ? -1 : 0;
  const state = generator.state;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let row = rowStart; row < rowEnd; row++) {
    const base = row * stride;
    const up = (row === 0 ? size - 1 : row - 1) * stride;
    const down = (row === size - 1 ? 0 : row + 1) * stride;
    const towardsNext = ((row + colour) & 1) === 1;
    for (let w = 0; w < stride; w++) {
      const spin = spins[base + w];
      const same = other[base + w];
      // The fourth neighbour: the other colour's word shifted by one spin, one bit carried in.
      const side = towardsNext
        ? (same >>> 1) | (other[base + (w + 1 === stride ? 0 : w + 1)] << shift)
        : (same << 1) | (other[base + (w === 0 ? stride - 1 : w - 1)] >>> shift);
      const a = spin ^ other[up + w];
      const b = spin ^ other[down + w];
      const c = spin ^ same;
      const d = spin ^ side;
      const sumAB = a ^ b;
      const sumCD = c ^ d;
      const atLeastTwo = (a & b) | (c & d) | (sumAB & sumCD);
      const odd = sumAB ^ sumCD;
      const four = odd & ~atLeastTwo & valid; // one anti-aligned neighbour: ΔE = 4J
      const eight = ~(odd | atLeastTwo) & valid; // none: ΔE = 8J
      let flip = atLeastTwo | (four & certainFour) | (eight & certainEight);
      const lanesFour = four & randomFour;
      const lanesEight = eight & randomEight;
      let undecided = lanesFour | lanesEight;
      // Exact Bernoulli lanes: the loop of `bernoulliLanes`, inlined.
      for (let k = 0; undecided !== 0 && k < depth; k++) {
        // xoshiro128** (as in Xoshiro128StarStar.nextUint32), with its state in locals.
        const product = Math.imul(s1, 5);
        const random = Math.imul((product << 7) | (product >>> 25), 9);
        const shifted = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= shifted;
        s3 = (s3 << 11) | (s3 >>> 21);
        const threshold = (expansions[2 * k] & lanesFour) | (expansions[2 * k + 1] & lanesEight);
        flip |= undecided & threshold & ~random;
        undecided &= ~(threshold ^ random);
      }
      spins[base + w] = spin ^ (flip & valid);
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** The rows [start, end) of block `block` when L rows are split into `blockCount` near-equal blocks. */
export function blockRows(size: number, blockCount: number, block: number): [number, number] {
  return [Math.floor((block * size) / blockCount), Math.floor(((block + 1) * size) / blockCount)];
}

/** Throws unless `blockCount` is an integer in [1, size]. */
export function assertBlockCount(where: string, blockCount: number, size: number): void {
  if (!(Number.isInteger(blockCount) && blockCount >= 1 && blockCount <= size)) {
    throw new RangeError(
      `${where}: blockCount must be an integer in [1, ${size}] (the lattice side), got ${show(blockCount)}`,
    );
  }
}

/**
 * The random word generator of row block `block` of a chain with key `key`: xoshiro128** seeded
 * from `fold(key, block)` (see `xoshiro128.ts` for why not Philox here).
 */
export function blockGenerator(key: Key, block: number): Xoshiro128StarStar {
  return new Xoshiro128StarStar(fold(key, block));
}

/** A single-threaded packed Metropolis chain on one lattice. */
export interface PackedMetropolisSampler {
  /** The lattice, updated in place. */
  readonly lattice: PackedLattice;
  /** The acceptance rule. */
  readonly acceptance: PackedAcceptance;
  /** Number of row blocks (and random generators). */
  readonly blockCount: number;
  /** One generator per block, seeded from `fold(key, block)`; their states are the chain's random state. */
  readonly generators: readonly Xoshiro128StarStar[];
  /** Performs `count` full sweeps (black then white, block by block); default 1. */
  sweep(count?: number): void;
}

/**
 * A packed checkerboard Metropolis chain on `lattice` (updated in place), with randomness from
 * `key`. With `blockCount` B the rows are split into B blocks with generators seeded from
 * `fold(key, b)`; the spins after n sweeps depend only on the key, the options and B, so they
 * equal those of `parallelPackedMetropolis` with the same B on any number of threads.
 */
export function packedMetropolis(
  lattice: PackedLattice,
  key: Key,
  options: PackedMetropolisSamplerOptions,
): PackedMetropolisSampler {
  const acceptance = packedAcceptance(options);
  const blockCount = options.blockCount ?? 1;
  assertBlockCount('packedMetropolis', blockCount, lattice.size);
  const generators = Array.from({ length: blockCount }, (_, block) => blockGenerator(key, block));
  const ranges = generators.map((_, block) => blockRows(lattice.size, blockCount, block));
  // The WebAssembly sweep, made on first use; null where it cannot be loaded.
  let wasm: WasmPackedSweep | null | undefined;
  return {
    lattice,
    acceptance,
    blockCount,
    generators,
    sweep(count = 1) {
      if (!(Number.isInteger(count) && count >= 0)) {
        throw new RangeError(`packedMetropolis.sweep: count must be an integer ≥ 0, got ${show(count)}`);
      }
      if (count > 0 && wasmPackedSweepAllowed()) {
        wasm ??= createWasmPackedSweep(lattice, acceptance, ranges, generators) ?? null;
        if (wasm !== null) {
          wasm.sweep(count);
          return;
        }
      }
      for (let n = 0; n < count; n++) {
        for (let colour = 0; colour < 2; colour++) {
          for (let block = 0; block < blockCount; block++) {
            const [start, end] = ranges[block];
            packedHalfSweep(lattice, colour, start, end, acceptance, generators[block]);
          }
        }
      }
    },
  };
}
