/**
 * Scratch space reserved inside the module's own memory, below `__heap_base`: the packed
 * panels of the matrix products (shared by the float32 and float64 paths, which never run at
 * the same time) and one micro-tile. The host places operands above `__heap_base`.
 */

/** Bytes for the packed A block: MC·KC float64 at the larger MC (192, the fused build). */
export const PACK_A_BYTES: usize = 192 * 256 * 8;
/** Bytes for the packed B block: the larger of KC·NC float32 and KC·NC float64. */
export const PACK_B_BYTES: usize = 256 * 2048 * 4;

export let PACK_A: usize = memory.data(<i32>PACK_A_BYTES, 64);
export let PACK_B: usize = memory.data(<i32>PACK_B_BYTES, 64);
/** One micro-tile (at most 8 rows × 8 float64 columns) for the edges of C. */
export let TILE: usize = memory.data(8 * 8 * 8, 64);

/**
 * Moves this instance's scratch to host-placed regions (the shared-memory build: every worker
 * instance shares one memory, so each packs its panels in its own region). Globals are
 * per instance, the memory is not.
 */
export function setScratch(packA: usize, packB: usize, tile: usize): void {
  PACK_A = packA;
  PACK_B = packB;
  TILE = tile;
}

/** First byte the host may use for operands. */
export function heapBase(): usize {
  return __heap_base;
}
