/**
 * A bit-packed periodic L × L Ising lattice: one bit per spin, laid out for word-parallel
 * checkerboard updates (multispin coding; Jacobs & Rebbi 1981, Preis et al. 2009).
 *
 * Layout. Site (row, column) is black when row + column is even, white otherwise. Each colour
 * keeps its own array of L rows; row `r` of colour `c` holds the L/2 spins of that colour in row
 * r, in column order, packed 32 to a `Uint32Array` word: spin number k of the row (column
 * 2k + ((r + c) mod 2)) is bit `k mod 32` (least significant first) of word `floor(k / 32)`. A set
 * bit is spin +1, a clear bit spin −1. With this layout the four neighbours of the 32 spins in a
 * word are whole words of the other colour: the word at the same index in the rows above and
 * below, the word at the same index in the same row, and that word shifted by one bit (towards
 * k + 1 when (r + c) is odd, towards k − 1 when it is even), carrying one bit in from the next or
 * previous word.
 *
 * Sizes: L even, and either 2 ≤ L ≤ 64 (each colour-row fits in one word, only its low L/2 bits
 * used; this allows lattices small enough to enumerate exactly) or L a multiple of 64 (every word
 * full). Storage is L²/8 bytes: 2 MiB for L = 4096. Unused high bits of a partial word stay 0.
 */
import type { RandomStream } from '../core/random/index.js';

/** Largest side accepted: 2^20 (an L²/8 = 128 GiB lattice; the memory guard refuses most before). */
export const MAX_PACKED_LATTICE_SIZE = 1 << 20;

/**
 * Free memory in bytes: `os.freemem()` in Node (reached through `process.getBuiltinModule`,
 * so this module has no static Node import and also loads in a browser, where the limit
 * falls back to a fixed 1 GiB).
 */
function freemem(): number {
  const host = globalThis as {
    process?: { getBuiltinModule?: (id: string) => { freemem?: () => number } | undefined };
  };
  const os = host.process?.getBuiltinModule?.('node:os');
  return os?.freemem?.() ?? 2 ** 31;
}

/** Fraction of the free memory (`os.freemem()`) a lattice may take by default. */
export const DEFAULT_MEMORY_FRACTION = 0.5;

/** A bit-packed periodic L × L lattice of ±1 spins (see the module comment for the layout). */
export interface PackedLattice {
  /** The side L. */
  readonly size: number;
  /** Words per colour-row: L/64, or 1 when L ≤ 64. */
  readonly wordsPerRow: number;
  /** Spins per word actually used: 32, or L/2 when L < 64. */
  readonly bitsPerWord: number;
  /** Mask of the used bits of every word (0xffffffff as a signed 32-bit integer, i.e. −1, for full words). */
  readonly validMask: number;
  /** Black spins (row + column even), L rows of `wordsPerRow` words. */
  readonly black: Uint32Array;
  /** White spins (row + column odd), L rows of `wordsPerRow` words. */
  readonly white: Uint32Array;
  /** The memory behind both colours: `black` is its first half, `white` the second. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** Options of `createPackedLattice`. */
export interface PackedLatticeOptions {
  /** Allocate a `SharedArrayBuffer`, for the worker-parallel sweep (default false). */
  shared?: boolean;
  /**
   * Largest spin storage accepted, in bytes. Default: `DEFAULT_MEMORY_FRACTION` of the free
   * memory reported by `os.freemem()` when the lattice is created.
   */
  maxBytes?: number;
  /** Initial spins: all +1 (`'up'`, the default) or all −1 (`'down'`). Use `randomizeSpins` for a hot start. */
  initial?: 'up' | 'down';
}

/** A number as text for error messages. */
function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}

/** A byte count as text, in the largest binary unit that keeps it ≥ 1. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0; // three significant digits
  return unit === 0 ? `${value} bytes` : `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * Throws unless `size` is a side the packed layout supports: an even integer with 2 ≤ L ≤ 64, or
 * a multiple of 64 up to `MAX_PACKED_LATTICE_SIZE`.
 */
export function assertPackedLatticeSize(where: string, size: number): void {
  const valid =
    Number.isInteger(size) &&
    size >= 2 &&
    size <= MAX_PACKED_LATTICE_SIZE &&
    (size <= 64 ? size % 2 === 0 : size % 64 === 0);
  if (!valid) {
    throw new RangeError(
      `${where}: size must be an even integer in [2, 64] or a multiple of 64 up to ${MAX_PACKED_LATTICE_SIZE} ` +
        `(spins are packed 32 to a word, one colour at a time), got ${show(size)}`,
    );
  }
}

/** Bytes of spin storage of an L × L packed lattice: L²/8 for L ≥ 64 (one bit per spin). */
export function packedLatticeBytes(size: number): number {
  assertPackedLatticeSize('packedLatticeBytes', size);
  const wordsPerRow = size <= 64 ? 1 : size / 64;
  return 2 * size * wordsPerRow * 4;
}

/**
 * A new packed L × L lattice, all spins +1 unless `options.initial` says otherwise.
 *
 * The memory guard runs before anything is allocated: a lattice whose storage would exceed
 * `options.maxBytes` (default: half the free memory) is refused with an error that gives both
 * figures.
 */
export function createPackedLattice(size: number, options: PackedLatticeOptions = {}): PackedLattice {
  const where = 'createPackedLattice';
  assertPackedLatticeSize(where, size);
  const bytes = packedLatticeBytes(size);
  const { maxBytes } = options;
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && maxBytes > 0)) {
    throw new RangeError(
      `${where}: options.maxBytes must be a positive number of bytes, got ${show(maxBytes)}`,
    );
  }
  const limit = maxBytes ?? Math.floor(DEFAULT_MEMORY_FRACTION * freemem());
  if (bytes > limit) {
    const source =
      maxBytes === undefined
        ? `${DEFAULT_MEMORY_FRACTION * 100}% of the free memory; os.freemem() = ${formatBytes(freemem())}`
        : 'options.maxBytes';
    throw new RangeError(
      `${where}: a ${size} × ${size} lattice needs ${formatBytes(bytes)} of spin storage, more than the limit of ` +
        `${formatBytes(limit)} (${source}); choose a smaller size or raise options.maxBytes`,
    );
  }
  const initial = options.initial ?? 'up';
  if (initial !== 'up' && initial !== 'down') {
    throw new RangeError(`${where}: options.initial must be 'up' or 'down', got ${show(initial)}`);
  }
  const buffer = options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const lattice = packedLatticeView(size, buffer);
  if (initial === 'up') {
    lattice.black.fill(lattice.validMask);
    lattice.white.fill(lattice.validMask);
  }
  return lattice;
}

/**
 * The lattice stored in an existing buffer (e.g. a `SharedArrayBuffer` received by a worker):
 * no copy, the views share its memory.
 */
export function packedLatticeView(size: number, buffer: ArrayBuffer | SharedArrayBuffer): PackedLattice {
  assertPackedLatticeSize('packedLatticeView', size);
  const bytes = packedLatticeBytes(size);
  if (buffer.byteLength !== bytes) {
    throw new RangeError(
      `packedLatticeView: buffer must hold exactly ${bytes} bytes for size ${size}, got ${buffer.byteLength}`,
    );
  }
  const wordsPerRow = size <= 64 ? 1 : size / 64;
  const bitsPerWord = size < 64 ? size / 2 : 32;
  const words = size * wordsPerRow;
  return {
    size,
    wordsPerRow,
    bitsPerWord,
    validMask: bitsPerWord === 32 ? -1 : (1 << bitsPerWord) - 1,
    black: new Uint32Array(buffer, 0, words),
    white: new Uint32Array(buffer, 4 * words, words),
    buffer,
  };
}

/** Where site (row, column) lives: its colour array, word index and bit. */
function locate(lattice: PackedLattice, row: number, column: number): [Uint32Array, number, number] {
  const colour = (row + column) & 1;
  const k = column >> 1; // column = 2k + ((row + colour) mod 2)
  const words = colour === 0 ? lattice.black : lattice.white;
  return [words, row * lattice.wordsPerRow + (k >> 5), k & 31];
}

function assertSite(where: string, lattice: PackedLattice, row: number, column: number): void {
  const n = lattice.size;
  if (!(Number.isInteger(row) && row >= 0 && row < n)) {
    throw new RangeError(`${where}: row must be an integer in [0, ${n - 1}], got ${show(row)}`);
  }
  if (!(Number.isInteger(column) && column >= 0 && column < n)) {
    throw new RangeError(`${where}: column must be an integer in [0, ${n - 1}], got ${show(column)}`);
  }
}

/** The spin (+1 or −1) at (row, column). Slow (one site at a time): for tests and inspection. */
export function getSpin(lattice: PackedLattice, row: number, column: number): 1 | -1 {
  assertSite('getSpin', lattice, row, column);
  const [words, index, bit] = locate(lattice, row, column);
  return (words[index] >>> bit) & 1 ? 1 : -1;
}

/** Sets the spin at (row, column) to `spin` (+1 or −1). */
export function setSpin(lattice: PackedLattice, row: number, column: number, spin: number): void {
  assertSite('setSpin', lattice, row, column);
  if (spin !== 1 && spin !== -1) throw new RangeError(`setSpin: spin must be +1 or -1, got ${show(spin)}`);
  const [words, index, bit] = locate(lattice, row, column);
  words[index] = spin === 1 ? words[index] | (1 << bit) : words[index] & ~(1 << bit);
}

/**
 * Packs row-major ±1 spins (`spins[row·L + column]`, the layout of the simple Int8Array kernel)
 * into a new packed lattice.
 */
export function packSpins(spins: Int8Array, size: number, options: PackedLatticeOptions = {}): PackedLattice {
  assertPackedLatticeSize('packSpins', size);
  if (!(spins instanceof Int8Array) || spins.length !== size * size) {
    throw new RangeError(
      `packSpins: spins must be an Int8Array of size² = ${size * size} entries, got ${spins?.length ?? show(spins)}`,
    );
  }
  const lattice = createPackedLattice(size, { ...options, initial: 'down' });
  const stride = lattice.wordsPerRow;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const spin = spins[row * size + column];
      if (spin !== 1 && spin !== -1) {
        throw new RangeError(`packSpins: spins[${row * size + column}] must be +1 or -1, got ${spin}`);
      }
      if (spin === 1) {
        const words = ((row + column) & 1) === 0 ? lattice.black : lattice.white;
        const k = column >> 1;
        words[row * stride + (k >> 5)] |= 1 << (k & 31);
      }
    }
  }
  return lattice;
}

/** The spins as a new row-major Int8Array of ±1 (`spins[row·L + column]`). */
export function unpackSpins(lattice: PackedLattice): Int8Array {
  const size = lattice.size;
  const stride = lattice.wordsPerRow;
  const spins = new Int8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const words = ((row + column) & 1) === 0 ? lattice.black : lattice.white;
      const k = column >> 1;
      spins[row * size + column] = (words[row * stride + (k >> 5)] >>> (k & 31)) & 1 ? 1 : -1;
    }
  }
  return spins;
}

/** Copies the spins of `source` into `target` (same size). */
export function copyPackedLattice(target: PackedLattice, source: PackedLattice): void {
  if (target.size !== source.size) {
    throw new RangeError(`copyPackedLattice: sizes must match, got ${target.size} and ${source.size}`);
  }
  target.black.set(source.black);
  target.white.set(source.white);
}

/** Sets every spin independently to ±1 with probability 1/2 (a hot start), from `stream`'s words. */
export function randomizeSpins(lattice: PackedLattice, stream: RandomStream): void {
  const mask = lattice.validMask;
  for (const words of [lattice.black, lattice.white]) {
    for (let i = 0; i < words.length; i++) words[i] = stream.nextUint32() & mask;
  }
}
