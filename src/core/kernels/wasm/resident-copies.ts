/**
 * Copies of tensor values kept in WebAssembly memory between kernel calls, so that a tensor is
 * copied into the module's memory once, not once per op.
 *
 * Only arrays that a caller declares immutable (`MatmulArgs.immutableOperands`,
 * `ReduceArgs.immutableInput`: the tensor layer does, for tensors' data, which never change)
 * are kept; raw arrays that a model updates in place (an RBM's weights) are copied per call as
 * before. The product of a flagged matrix product is computed in place here, copied out to the
 * new tensor's array, and stays as that array's copy: a chain X·W₁ → sum, or the forward and
 * backward products that both read X or W, copy each array in at most once.
 *
 * The copies fill a fixed region of `capacity` bytes, used as a ring: a new copy goes after the
 * newest one, wrapping to the start and evicting the oldest copies it overlaps. The region is
 * reserved once, so memory does not grow over a training run however many tensors pass through;
 * an evicted array is simply copied again the next time. Lookups go through a WeakMap keyed by
 * the array object, so the map never keeps an array alive.
 */

const ALIGN = 64;

/** One array's copy: where it is and what it holds. */
interface ResidentEntry {
  /** Byte offset in the module's memory. */
  readonly at: number;
  /** Bytes reserved (a multiple of ALIGN). */
  readonly bytes: number;
  /** 8 (float64) or 4 (float32): the element width of the copy. */
  readonly width: number;
  /** Elements held. */
  readonly length: number;
  /** Cleared on eviction, so that a stale WeakMap hit is refused. */
  live: boolean;
  /** The call that last used it (a copy in use by the current call is never evicted). */
  pinnedBy: number;
}

/** Counters since the runtime was created. */
export interface ResidentCopyStats {
  /** Operand lookups answered by a copy already in memory. */
  hits: number;
  /** Operand lookups that had to copy the array in. */
  misses: number;
  /** Bytes copied into WebAssembly memory for immutable operands. */
  bytesCopiedIn: number;
  /** Bytes of the region in use by live copies. */
  residentBytes: number;
  /** Size of the region. */
  capacity: number;
}

export class ResidentCopies {
  readonly capacity: number;
  readonly #base: number;
  readonly #entries = new WeakMap<object, ResidentEntry>();
  /** Live entries in ring order, oldest first. */
  #ring: ResidentEntry[] = [];
  #head = 0;
  #next: number;
  #call = 0;
  #hits = 0;
  #misses = 0;
  #bytesIn = 0;
  #residentBytes = 0;

  /** The region [base, base + capacity) of the module's memory (aligned by the caller). */
  constructor(base: number, capacity: number) {
    this.#base = base;
    this.capacity = Math.floor(capacity / ALIGN) * ALIGN;
    this.#next = base;
  }

  /** First byte after the region. */
  get end(): number {
    return this.#base + this.capacity;
  }

  /** Starts a kernel call: copies looked up or made from now on stay until the next call. */
  beginCall(): void {
    this.#call++;
  }

  /**
   * The byte offset of `array`'s copy (`length` elements of `width` bytes) if it is in memory,
   * else undefined. A hit is pinned for the current call.
   */
  find(array: object, width: number, length: number): number | undefined {
    const entry = this.#entries.get(array);
    if (entry === undefined || !entry.live || entry.width !== width || entry.length < length) {
      return undefined;
    }
    entry.pinnedBy = this.#call;
    this.#hits++;
    return entry.at;
  }

  /**
   * Reserves room for a copy of `array` (`length` elements of `width` bytes) and records it;
   * returns the byte offset, or undefined when the copy does not fit without evicting one that
   * the current call uses (the caller then uses its per-call arena). The caller fills the
   * region once the memory covers it (the per-call arena lies above the region, so committing
   * the arena does that).
   */
  reserve(array: object, width: number, length: number, countAsMiss = true): number | undefined {
    const bytes = Math.ceil((width * length) / ALIGN) * ALIGN;
    if (bytes === 0 || bytes > this.capacity / 2) return undefined;
    const previousNext = this.#next;
    const wraps = previousNext + bytes > this.end;
    const at = wraps ? this.#base : previousNext;
    // Evict the oldest copies: on a wrap every copy of the last lap beyond the write position,
    // then those that overlap [at, at + bytes). A copy the current call uses stops it.
    while (this.#head < this.#ring.length) {
      const oldest = this.#ring[this.#head];
      const overlaps = oldest.at < at + bytes && at < oldest.at + oldest.bytes;
      const behind = wraps && oldest.at >= previousNext;
      if (!overlaps && !behind) break;
      if (oldest.live && oldest.pinnedBy === this.#call) return undefined;
      this.#evictOldest();
    }
    const entry: ResidentEntry = { at, bytes, width, length, live: true, pinnedBy: this.#call };
    this.#entries.set(array, entry);
    this.#ring.push(entry);
    this.#next = at + bytes;
    this.#residentBytes += bytes;
    if (countAsMiss) {
      this.#misses++;
      this.#bytesIn += width * length;
    }
    // Drop the evicted prefix of the ring now and then, so the list does not grow without bound.
    if (this.#head > 1024 && this.#head * 2 > this.#ring.length) {
      this.#ring = this.#ring.slice(this.#head);
      this.#head = 0;
    }
    return at;
  }

  /** Counters since creation. */
  stats(): ResidentCopyStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      bytesCopiedIn: this.#bytesIn,
      residentBytes: this.#residentBytes,
      capacity: this.capacity,
    };
  }

  #evictOldest(): void {
    const oldest = this.#ring[this.#head++];
    if (oldest.live) this.#residentBytes -= oldest.bytes;
    oldest.live = false;
  }
}
