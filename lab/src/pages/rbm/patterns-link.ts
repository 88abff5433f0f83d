/**
 * A user's binary patterns in the permalink: `<length>.<count>.<bits>`, the bits row-major,
 * packed eight to a byte and written in base64url. A link holds at most `MAX_LINK_BITS` bits
 * (about 6 kB of text); larger data sets cannot travel in a link, and the page says so.
 */

/** The most pattern bits a permalink carries. */
export const MAX_LINK_BITS = 36_000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The link text of `count` patterns of `length` bits (values 0/1), or null when too large. */
export function encodePatterns(values: ArrayLike<number>, count: number, length: number): string | null {
  const bits = count * length;
  if (bits > MAX_LINK_BITS || values.length !== bits) return null;
  let text = '';
  // Six bits per character, most significant first.
  for (let start = 0; start < bits; start += 6) {
    let code = 0;
    for (let b = 0; b < 6; b++) code = (code << 1) | (start + b < bits && values[start + b] > 0.5 ? 1 : 0);
    text += ALPHABET[code];
  }
  return `${length}.${count}.${text}`;
}

/** The patterns of a link text; throws with a reason when it is malformed. */
export function decodePatterns(text: string): { values: Float64Array; count: number; length: number } {
  const match = /^(\d{1,4})\.(\d{1,5})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) throw new Error('the patterns in the link are malformed');
  const length = Number(match[1]);
  const count = Number(match[2]);
  const bits = length * count;
  if (length < 2 || count < 2 || bits > MAX_LINK_BITS)
    throw new Error('the patterns in the link are out of range');
  const body = match[3];
  if (body.length !== Math.ceil(bits / 6)) throw new Error('the patterns in the link are truncated');
  const values = new Float64Array(bits);
  for (let c = 0; c < body.length; c++) {
    const code = ALPHABET.indexOf(body[c]);
    for (let b = 0; b < 6; b++) {
      const index = 6 * c + b;
      if (index < bits) values[index] = (code >> (5 - b)) & 1;
    }
  }
  return { values, count, length };
}
