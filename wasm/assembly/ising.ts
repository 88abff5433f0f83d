/**
 * Entry of the Ising binary: checkerboard Metropolis sweeps of the bit-packed 2D Ising lattice
 * (src/lattice/packed-lattice.ts), bit-identical to `packedHalfSweep` in
 * src/lattice/packed-metropolis.ts for the same generator states. The host
 * (src/lattice/packed-metropolis-wasm.ts) gives every chain its own instance, writes a sweep
 * description (CONFIG_* fields) and one record per row block (BLOCK_* fields), copies the lattice
 * in, and calls `isingSweeps`.
 *
 * Why the random words match the TypeScript kernel. Each row block owns one xoshiro128**
 * generator; the TypeScript kernel draws its words one by one, word after word in row order,
 * a data-dependent number per word (the comparison loop stops when every random lane is
 * decided). Whatever the consumption, the generator's output is one fixed sequence, so this
 * kernel splits the two jobs:
 *
 * - Production (`refill`): the next 4K words of the sequence are written into the block's
 *   buffer by four SIMD lanes, lane i starting K·i steps ahead (its state is J^{K·i} applied to
 *   the block's state, J the generator's linear state transition, from a host-computed jump
 *   table), so each vector step yields four words of the one sequence.
 * - Consumption: each 32-spin word compares 8 buffered words at once with 8 bits of the two
 *   expansions, an in-register prefix over the 8 steps giving the lanes still undecided before
 *   each step, exactly as the scalar loop would; the number of steps the scalar loop would have
 *   run (the steps with some lane undecided, at most depth) advances the cursor. The rare word
 *   that needs more than 8 steps (about 1 in 10 at T_c) takes the next 8.
 *
 * The work that needs no random word (neighbour words, ΔE classes, sure flips) is done first for
 * a band of rows, four words per SIMD operation (`classifyRows`); the comparisons then walk the
 * band's words in row order. The cursor's advance is the one serial dependency from word to word,
 * so the count is taken from the values that are ready first.
 *
 * The buffer runs ahead of the cursor; the block record keeps the state at the buffer's end
 * (`BLOCK_HEAD`), and `isingGeneratorState` steps it back (xoshiro128** is invertible) to the
 * state at the cursor, which is what the TypeScript generator would hold.
 */

// Fields of the sweep description (i32 each, at byte offset 4 × index from `config`).
const CONFIG_SIZE = 0; // L
const CONFIG_STRIDE = 4; // words per colour-row
const CONFIG_SHIFT = 8; // bits per word − 1
const CONFIG_VALID = 12; // mask of the used bits of a word
const CONFIG_BLACK = 16; // pointer: black words
const CONFIG_WHITE = 20; // pointer: white words
// Pointer: the XOR of the binary expansions of e^{−4J/T} and e^{−8J/T}, one i32 mask (0 or −1) per
// bit, padded with 0 to a multiple of 8 bits.
const CONFIG_SWITCH_TO_FOUR = 24;
const CONFIG_EIGHT = 28; // pointer: the expansion of e^{−8J/T}, laid out the same way
const CONFIG_DEPTH = 32; // expansion bits
const CONFIG_CERTAIN_FOUR = 36; // −1 when ΔE = 4J always flips (T = ∞), else 0
const CONFIG_CERTAIN_EIGHT = 40;
const CONFIG_RANDOM_FOUR = 44; // −1 when ΔE = 4J flips with probability in (0, 1), else 0
const CONFIG_RANDOM_EIGHT = 48;
const CONFIG_BLOCK_COUNT = 52;
const CONFIG_BLOCKS = 56; // pointer: the block records, BLOCK_BYTES each
const CONFIG_JUMP = 60; // pointer: jump table, see `refill`
const CONFIG_LANE_WORDS = 64; // K: words each SIMD lane produces per refill (a multiple of 4)
const CONFIG_PENDING = 68; // pointer: scratch of 2 words per word of a band of rows (`classifyRows`)

// Fields of a block record (i32 each).
const BLOCK_ROW_START = 0;
const BLOCK_ROW_END = 4;
const BLOCK_BUFFER = 8; // pointer: room for 4K + 8 words of random sequence at the largest K
const BLOCK_CURSOR = 12; // index of the next unconsumed word in the buffer
const BLOCK_FILLED = 16; // words of the buffer holding sequence
const BLOCK_HEAD = 20; // 4 words: the generator state whose next output is buffer[filled]
const BLOCK_BYTES = 64;

/** Words one comparison chunk reads: the consumer needs cursor + CHUNK ≤ filled. */
const CHUNK = 8;
const CHUNK_BYTES: usize = 4 * CHUNK;
/** Words per band of rows in `halfSweep` (the host sizes `pending` for max(stride, BAND_WORDS) words). */
const BAND_WORDS = 256;

/** First byte the host may use. */
export function heapBase(): usize {
  return __heap_base;
}

// Lane shifts written as byte-concatenations of (0, x), a shuffle pattern engines can compile to one
// instruction (palignr on x64).

/** Lanes [0, x0, x1, x2]. */
function up1(x: v128): v128 {
  return v128.shuffle<i32>(i32x4.splat(0), x, 3, 4, 5, 6);
}

/** Lanes [0, 0, x0, x1]. */
function up2(x: v128): v128 {
  return v128.shuffle<i32>(i32x4.splat(0), x, 2, 3, 4, 5);
}

/**
 * Writes the next 4K words of the block's sequence after the unconsumed ones (moved to the
 * front). The jump table holds, for each of the 128 state bits b and state word w, a vector
 * whose lane i is word w of J^{K·i} e_b: a lane's start state is the XOR of the vectors of the
 * set bits of the head state (the lanes differ only by the matrix, so one mask serves all four).
 */
function refill(config: usize, record: usize): void {
  const laneWords = load<i32>(config + CONFIG_LANE_WORDS);
  const jump = <usize>load<i32>(config + CONFIG_JUMP);
  const buffer = <usize>load<i32>(record + BLOCK_BUFFER);
  const cursor = load<i32>(record + BLOCK_CURSOR);
  const tail = load<i32>(record + BLOCK_FILLED) - cursor;
  memory.copy(buffer, buffer + ((<usize>cursor) << 2), (<usize>tail) << 2);
  let s0 = i32x4.splat(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  for (let w = 0; w < 4; w++) {
    const word = load<i32>(record + BLOCK_HEAD + ((<usize>w) << 2));
    for (let bit = 0; bit < 32; bit++) {
      const mask = i32x4.splat(-((word >>> bit) & 1));
      const column = jump + ((<usize>(32 * w + bit)) << 6);
      s0 = v128.xor(s0, v128.and(mask, v128.load(column)));
      s1 = v128.xor(s1, v128.and(mask, v128.load(column, 16)));
      s2 = v128.xor(s2, v128.and(mask, v128.load(column, 32)));
      s3 = v128.xor(s3, v128.and(mask, v128.load(column, 48)));
    }
  }
  const five = i32x4.splat(5);
  const nine = i32x4.splat(9);
  const start = buffer + ((<usize>tail) << 2);
  const laneBytes = (<usize>laneWords) << 2;
  for (let j = 0; j < laneWords; j += 4) {
    // Four steps of all four lanes: o_t lane i is the word at position i·K + j + t.
    let p = i32x4.mul(s1, five);
    const o0 = i32x4.mul(v128.or(i32x4.shl(p, 7), i32x4.shr_u(p, 25)), nine);
    let t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    p = i32x4.mul(s1, five);
    const o1 = i32x4.mul(v128.or(i32x4.shl(p, 7), i32x4.shr_u(p, 25)), nine);
    t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    p = i32x4.mul(s1, five);
    const o2 = i32x4.mul(v128.or(i32x4.shl(p, 7), i32x4.shr_u(p, 25)), nine);
    t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    p = i32x4.mul(s1, five);
    const o3 = i32x4.mul(v128.or(i32x4.shl(p, 7), i32x4.shr_u(p, 25)), nine);
    t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    // Transpose so that each lane's four consecutive words are stored together.
    const a = v128.shuffle<i32>(o0, o1, 0, 4, 1, 5);
    const b = v128.shuffle<i32>(o2, o3, 0, 4, 1, 5);
    const c = v128.shuffle<i32>(o0, o1, 2, 6, 3, 7);
    const d = v128.shuffle<i32>(o2, o3, 2, 6, 3, 7);
    const at = start + ((<usize>j) << 2);
    v128.store(at, v128.shuffle<i32>(a, b, 0, 1, 4, 5));
    v128.store(at + laneBytes, v128.shuffle<i32>(a, b, 2, 3, 6, 7));
    v128.store(at + 2 * laneBytes, v128.shuffle<i32>(c, d, 0, 1, 4, 5));
    v128.store(at + 3 * laneBytes, v128.shuffle<i32>(c, d, 2, 3, 6, 7));
  }
  // Lane 3 ends 4K steps past the old head: the state at the new end of the buffer.
  store<i32>(record + BLOCK_HEAD, i32x4.extract_lane(s0, 3));
  store<i32>(record + BLOCK_HEAD + 4, i32x4.extract_lane(s1, 3));
  store<i32>(record + BLOCK_HEAD + 8, i32x4.extract_lane(s2, 3));
  store<i32>(record + BLOCK_HEAD + 12, i32x4.extract_lane(s3, 3));
  store<i32>(record + BLOCK_CURSOR, 0);
  store<i32>(record + BLOCK_FILLED, tail + 4 * laneWords);
}

/**
 * Pass 1 of rows [rowFrom, rowTo) (see `halfSweep`): classifies their words, flips the lanes
 * that flip for sure, and leaves the lanes that need random bits in `pending` (two words per
 * word, in row order: ΔE = 4J lanes, ΔE = 8J lanes). Four words at a time with SIMD where a row
 * has at least four.
 */
function classifyRows(config: usize, colour: i32, rowFrom: i32, rowTo: i32, pending: usize): void {
  const size = load<i32>(config + CONFIG_SIZE);
  const stride = load<i32>(config + CONFIG_STRIDE);
  const shift = load<i32>(config + CONFIG_SHIFT);
  const valid = load<i32>(config + CONFIG_VALID);
  const spins = <usize>load<i32>(config + (colour === 0 ? CONFIG_BLACK : CONFIG_WHITE));
  const other = <usize>load<i32>(config + (colour === 0 ? CONFIG_WHITE : CONFIG_BLACK));
  const certainFour = load<i32>(config + CONFIG_CERTAIN_FOUR);
  const certainEight = load<i32>(config + CONFIG_CERTAIN_EIGHT);
  const randomFour = load<i32>(config + CONFIG_RANDOM_FOUR);
  const randomEight = load<i32>(config + CONFIG_RANDOM_EIGHT);
  let row = rowFrom;
  if (stride <= 2) {
    // Rows of one or two words: four words of consecutive rows at a time.
    const rows = 4 / stride;
    const validV = i32x4.splat(valid);
    const certainFourV = i32x4.splat(certainFour);
    const certainEightV = i32x4.splat(certainEight);
    const randomFourV = i32x4.splat(randomFour);
    const randomEightV = i32x4.splat(randomEight);
    const rowBytes = (<usize>stride) << 2;
    for (; row + rows <= rowTo; row += rows) {
      const at = <usize>row * rowBytes;
      const spin = v128.load(spins + at);
      const beside = v128.load(other + at);
      // The rows above and below, wrapping at the lattice's first and last rows.
      let up = v128.load(other + at - rowBytes);
      let down = v128.load(other + at + rowBytes);
      // The lanes whose row shifts towards the next word (see `classifyRow`).
      const oddFirst = ((row + colour) & 1) === 1;
      let towardsNext: v128;
      let next: v128; // for each word, the next (and, with two words a row, also the previous) in its row
      if (stride === 1) {
        if (row === 0) up = i32x4.replace_lane(up, 0, load<i32>(other + ((<usize>(size - 1)) << 2)));
        if (row + 4 === size) down = i32x4.replace_lane(down, 3, load<i32>(other));
        towardsNext = oddFirst ? i32x4(-1, 0, -1, 0) : i32x4(0, -1, 0, -1);
        next = beside;
      } else {
        if (row === 0) up = i64x2.replace_lane(up, 0, load<i64>(other + ((<usize>(size - 1)) << 3)));
        if (row + 2 === size) down = i64x2.replace_lane(down, 1, load<i64>(other));
        towardsNext = oddFirst ? i32x4(-1, -1, 0, 0) : i32x4(0, 0, -1, -1);
        next = v128.shuffle<i32>(beside, beside, 1, 0, 3, 2);
      }
      const side = v128.bitselect(
        v128.or(i32x4.shr_u(beside, 1), i32x4.shl(next, shift)),
        v128.or(i32x4.shl(beside, 1), i32x4.shr_u(next, shift)),
        towardsNext,
      );
      classifyFour(
        spins + at,
        pending + ((<usize>((row - rowFrom) * stride)) << 3),
        spin,
        up,
        down,
        beside,
        side,
        validV,
        certainFourV,
        certainEightV,
        randomFourV,
        randomEightV,
      );
    }
  }
  for (; row < rowTo; row++) {
    classifyRow(
      row,
      colour,
      size,
      stride,
      shift,
      valid,
      spins,
      other,
      certainFour,
      certainEight,
      randomFour,
      randomEight,
      pending + ((<usize>((row - rowFrom) * stride)) << 3),
    );
  }
}

/**
 * Classifies four words whose neighbour words are given, stores them with their sure flips
 * applied at `target`, and their random lanes at `pending` (see `classifyRows`).
 */
function classifyFour(
  target: usize,
  pending: usize,
  spin: v128,
  up: v128,
  down: v128,
  beside: v128,
  side: v128,
  valid: v128,
  certainFour: v128,
  certainEight: v128,
  randomFour: v128,
  randomEight: v128,
): void {
  const a = v128.xor(spin, up);
  const b = v128.xor(spin, down);
  const c = v128.xor(spin, beside);
  const d = v128.xor(spin, side);
  const sumAB = v128.xor(a, b);
  const sumCD = v128.xor(c, d);
  const atLeastTwo = v128.or(v128.or(v128.and(a, b), v128.and(c, d)), v128.and(sumAB, sumCD));
  const odd = v128.xor(sumAB, sumCD);
  const one = v128.and(v128.andnot(odd, atLeastTwo), valid); // ΔE = 4J
  const none = v128.andnot(valid, v128.or(odd, atLeastTwo)); // ΔE = 8J
  const flip = v128.or(atLeastTwo, v128.or(v128.and(one, certainFour), v128.and(none, certainEight)));
  v128.store(target, v128.xor(spin, v128.and(flip, valid)));
  const lanesFour = v128.and(one, randomFour);
  const lanesEight = v128.and(none, randomEight);
  v128.store(pending, v128.shuffle<i32>(lanesFour, lanesEight, 0, 4, 1, 5));
  v128.store(pending, v128.shuffle<i32>(lanesFour, lanesEight, 2, 6, 3, 7), 16);
}

/** Pass 1 of one row: see `classifyRows`. */
function classifyRow(
  row: i32,
  colour: i32,
  size: i32,
  stride: i32,
  shift: i32,
  valid: i32,
  spins: usize,
  other: usize,
  certainFour: i32,
  certainEight: i32,
  randomFour: i32,
  randomEight: i32,
  pending: usize,
): void {
  const base = spins + ((<usize>(row * stride)) << 2);
  const same = other + ((<usize>(row * stride)) << 2);
  const up = other + ((<usize>((row === 0 ? size - 1 : row - 1) * stride)) << 2);
  const down = other + ((<usize>((row === size - 1 ? 0 : row + 1) * stride)) << 2);
  const towardsNext = ((row + colour) & 1) === 1;
  let w = 0;
  if (stride >= 4) {
    const validV = i32x4.splat(valid);
    const certainFourV = i32x4.splat(certainFour);
    const certainEightV = i32x4.splat(certainEight);
    const randomFourV = i32x4.splat(randomFour);
    const randomEightV = i32x4.splat(randomEight);
    const last = (<usize>(stride - 1)) << 2;
    for (; w + 4 <= stride; w += 4) {
      const at = (<usize>w) << 2;
      const spin = v128.load(base + at);
      const beside = v128.load(same + at);
      let side: v128;
      if (towardsNext) {
        // Words w + 1 … w + 4 of the row, the last wrapping to word 0 at the row's end.
        let next = v128.load(same + at + 4);
        if (w + 4 === stride) next = i32x4.replace_lane(next, 3, load<i32>(same));
        side = v128.or(i32x4.shr_u(beside, 1), i32x4.shl(next, shift));
      } else {
        let previous = v128.load(same + at - 4);
        if (w === 0) previous = i32x4.replace_lane(previous, 0, load<i32>(same + last));
        side = v128.or(i32x4.shl(beside, 1), i32x4.shr_u(previous, shift));
      }
      classifyFour(
        base + at,
        pending + ((<usize>w) << 3),
        spin,
        v128.load(up + at),
        v128.load(down + at),
        beside,
        side,
        validV,
        certainFourV,
        certainEightV,
        randomFourV,
        randomEightV,
      );
    }
  }
  for (; w < stride; w++) {
    const at = (<usize>w) << 2;
    const spin = load<i32>(base + at);
    const beside = load<i32>(same + at);
    // The fourth neighbour: the other colour's word shifted by one spin, one bit carried in.
    const side = towardsNext
      ? (beside >>> 1) | (load<i32>(same + ((<usize>(w + 1 === stride ? 0 : w + 1)) << 2)) << shift)
      : (beside << 1) | (load<i32>(same + ((<usize>(w === 0 ? stride - 1 : w - 1)) << 2)) >>> shift);
    const a = spin ^ load<i32>(up + at);
    const b = spin ^ load<i32>(down + at);
    const c = spin ^ beside;
    const d = spin ^ side;
    const sumAB = a ^ b;
    const sumCD = c ^ d;
    const atLeastTwo = (a & b) | (c & d) | (sumAB & sumCD);
    const odd = sumAB ^ sumCD;
    const one = odd & ~atLeastTwo & valid; // ΔE = 4J
    const none = ~(odd | atLeastTwo) & valid; // ΔE = 8J
    const flip = atLeastTwo | (one & certainFour) | (none & certainEight);
    store<i32>(base + at, spin ^ (flip & valid));
    store<i32>(pending + ((<usize>w) << 3), one & randomFour);
    store<i32>(pending + ((<usize>w) << 3), none & randomEight, 4);
  }
}

/**
 * Metropolis update of the spins of one colour in the block's rows: `packedHalfSweep`, row by
 * row in two passes. Pass 1 (`classifyRow`) does everything that needs no random word; pass 2
 * walks the row's words in order and decides their random lanes with the comparison loop done
 * 8 steps at a time on buffered words (see the module comment), consuming exactly the words the
 * TypeScript kernel would. The passes commute: a half sweep reads only the other colour.
 */
function halfSweep(config: usize, colour: i32, record: usize): void {
  const stride = load<i32>(config + CONFIG_STRIDE);
  const spins = <usize>load<i32>(config + (colour === 0 ? CONFIG_BLACK : CONFIG_WHITE));
  const switchToFour = <usize>load<i32>(config + CONFIG_SWITCH_TO_FOUR);
  const eight = <usize>load<i32>(config + CONFIG_EIGHT);
  const depth = load<i32>(config + CONFIG_DEPTH);
  const pending = <usize>load<i32>(config + CONFIG_PENDING);
  const needsRandom =
    (load<i32>(config + CONFIG_RANDOM_FOUR) | load<i32>(config + CONFIG_RANDOM_EIGHT)) !== 0;
  const rowStart = load<i32>(record + BLOCK_ROW_START);
  const rowEnd = load<i32>(record + BLOCK_ROW_END);
  const buffer = <usize>load<i32>(record + BLOCK_BUFFER);
  // The next unconsumed random word and the end of the buffered ones.
  let words = buffer + ((<usize>load<i32>(record + BLOCK_CURSOR)) << 2);
  let end = buffer + ((<usize>load<i32>(record + BLOCK_FILLED)) << 2);
  const zero = i32x4.splat(0);
  const firstSeven = i32x4(-1, -1, -1, 0); // steps k + 4 … k + 6 of the second vector
  // Rows go through the two passes in bands of about BAND_WORDS words, so that `pending` stays
  // small and rows of one word (L ≤ 64) do not pay a pass per row.
  const band = stride >= BAND_WORDS ? 1 : BAND_WORDS / stride;
  for (let bandStart = rowStart; bandStart < rowEnd; bandStart += band) {
    const bandEnd = bandStart + band < rowEnd ? bandStart + band : rowEnd;
    classifyRows(config, colour, bandStart, bandEnd, pending);
    if (!needsRandom) continue;
    const base = spins + ((<usize>(bandStart * stride)) << 2);
    const count = (bandEnd - bandStart) * stride;
    for (let w = 0; w < count; w++) {
      const lanesFour = load<i32>(pending + ((<usize>w) << 3));
      const lanesEight = load<i32>(pending + ((<usize>w) << 3), 4);
      let undecided = lanesFour | lanesEight;
      if (undecided === 0) continue;
      // Threshold bits of the undecided lanes: e^{−8J/T}'s, switched to e^{−4J/T}'s in ΔE = 4J lanes.
      const maskFour = i32x4.splat(lanesFour);
      let accepted = zero;
      let k = 0;
      do {
        if (words + CHUNK_BYTES > end) {
          store<i32>(record + BLOCK_CURSOR, <i32>((words - buffer) >> 2));
          refill(config, record);
          words = buffer;
          end = buffer + ((<usize>load<i32>(record + BLOCK_FILLED)) << 2);
        }
        const r0 = v128.load(words);
        const r1 = v128.load(words, 16);
        const e = (<usize>k) << 2;
        const t0 = v128.xor(v128.load(eight + e), v128.and(v128.load(switchToFour + e), maskFour));
        const t1 = v128.xor(v128.load(eight + e, 16), v128.and(v128.load(switchToFour + e, 16), maskFour));
        // A lane leaves the undecided set at the first step whose random bit differs from the
        // threshold bit: prefix ORs of the differences give the lanes gone after each step.
        let gone0 = v128.xor(t0, r0);
        gone0 = v128.or(gone0, up1(gone0));
        gone0 = v128.or(gone0, up2(gone0)); // gone after steps k … k + 3
        let gone1 = v128.xor(t1, r1);
        gone1 = v128.or(gone1, up1(gone1));
        gone1 = v128.or(gone1, up2(gone1));
        const goneFirst = v128.shuffle<i32>(gone0, gone0, 3, 3, 3, 3);
        gone1 = v128.or(gone1, goneFirst); // gone after steps k + 4 … k + 7
        // The scalar loop runs step k, then one more per step j < k + 7 after which some lane is
        // undecided, up to depth (`left`): the count is 9 minus the steps whose set is empty
        // (step k + 7 counted empty).
        const all = i32x4.splat(undecided);
        const idle = i16x8.narrow_i32x4_s(
          i32x4.eq(v128.andnot(all, gone0), zero),
          i32x4.eq(v128.andnot(v128.and(all, firstSeven), gone1), zero),
        );
        const run = CHUNK + 1 - popcnt<i32>(i16x8.bitmask(idle));
        const left = depth - k;
        words += (<usize>(run < left ? run : left)) << 2;
        // Flip where undecided before the step, the threshold bit is 1 and the random bit 0.
        const live0 = v128.andnot(all, up1(gone0));
        const live1 = v128.andnot(all, v128.or(up1(gone1), goneFirst));
        accepted = v128.or(accepted, v128.andnot(v128.and(live0, t0), r0));
        accepted = v128.or(accepted, v128.andnot(v128.and(live1, t1), r1));
        k += CHUNK;
        undecided &= ~i32x4.extract_lane(gone1, 3);
      } while (undecided !== 0 && k < depth);
      accepted = v128.or(accepted, v128.shuffle<i32>(accepted, accepted, 2, 3, 0, 1));
      accepted = v128.or(accepted, v128.shuffle<i32>(accepted, accepted, 1, 0, 3, 2));
      const at = base + ((<usize>w) << 2);
      store<i32>(at, load<i32>(at) ^ i32x4.extract_lane(accepted, 0));
    }
  }
  store<i32>(record + BLOCK_CURSOR, <i32>((words - buffer) >> 2));
}

/** `count` full sweeps: all black spins block by block, then all white ones, `count` times. */
export function isingSweeps(config: usize, count: i32): void {
  const blockCount = load<i32>(config + CONFIG_BLOCK_COUNT);
  const blocks = <usize>load<i32>(config + CONFIG_BLOCKS);
  for (let n = 0; n < count; n++) {
    for (let colour = 0; colour < 2; colour++) {
      for (let block = 0; block < blockCount; block++) {
        halfSweep(config, colour, blocks + <usize>block * BLOCK_BYTES);
      }
    }
  }
}

/**
 * Writes to `out` (4 words) the generator state at the block's cursor: the head state stepped
 * back over the buffered words not yet consumed, with the inverse of the xoshiro128** transition.
 */
export function isingGeneratorState(record: usize, out: usize): void {
  let s0 = load<i32>(record + BLOCK_HEAD);
  let s1 = load<i32>(record + BLOCK_HEAD + 4);
  let s2 = load<i32>(record + BLOCK_HEAD + 8);
  let s3 = load<i32>(record + BLOCK_HEAD + 12);
  const ahead = load<i32>(record + BLOCK_FILLED) - load<i32>(record + BLOCK_CURSOR);
  for (let n = 0; n < ahead; n++) {
    // Forward: s1' = s0^s1^s2, s2' = s0^s2^(s1<<9), s0' = s0^s1^s3, s3' = rotl(s1^s3, 11).
    const both = rotr<i32>(s3, 11); // s1 ^ s3
    const previous0 = s0 ^ both;
    const y = s1 ^ s2; // s1 ^ (s1 << 9), solved for s1 below
    const previous1 = y ^ (y << 9) ^ (y << 18) ^ (y << 27);
    const previous2 = s1 ^ previous1 ^ previous0;
    s3 = both ^ previous1;
    s0 = previous0;
    s1 = previous1;
    s2 = previous2;
  }
  store<i32>(out, s0);
  store<i32>(out + 4, s1);
  store<i32>(out + 8, s2);
  store<i32>(out + 12, s3);
}
