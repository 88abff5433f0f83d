/**
 * Compact text for numbers in checkpoints: a Float64Array as base64 of its little-endian bytes.
 *
 * JSON writes a float64 as up to 24 decimal characters and cannot hold NaN, ±∞ or −0; base64
 * takes 10⅔ characters per number and restores every value bit for bit, so an experiment that
 * checkpoints its raw draws stays small and resumes to exactly the same numbers.
 *
 * ```ts
 * const state = { draws: encodeFloat64(draws) };   // saved with context.checkpoint.save
 * const restored = decodeFloat64(state.draws);     // the same bits
 * ```
 */

/** Bytes handed to `String.fromCharCode` at once: below every engine's argument-count limit. */
const chunkBytes = 0x8000;

/** Encodes a Float64Array as base64 (little-endian bytes), so a checkpoint holds draws compactly. */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunkBytes) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunkBytes));
  }
  return btoa(binary);
}

/** Decodes `encodeFloat64`; throws when the text is not base64 of whole float64 numbers. */
export function decodeFloat64(text: string): Float64Array {
  const binary = atob(text);
  if (binary.length % 8 !== 0) {
    throw new Error(`decodeFloat64: ${binary.length} bytes is not a whole number of float64 values`);
  }
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  return Float64Array.from({ length: binary.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}
