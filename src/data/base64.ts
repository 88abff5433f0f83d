/**
 * A small base64 decoder (RFC 4648, standard alphabet, optional `=` padding) for the data sets
 * embedded as strings. It needs neither `atob` nor `Buffer`, so it runs the same in Node, in
 * browsers and in workers. Internal to `data/`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/**
 * The bytes encoded by `text`.
 * @throws Error naming the offending position when `text` holds a character outside the
 *   alphabet or has an impossible length.
 */
export function decodeBase64(text: string): Uint8Array {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--; // trailing '='
  if (length % 4 === 1) throw new Error(`decodeBase64: text has an impossible length ${text.length}`);
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? LOOKUP[code] : -1;
    if (value < 0) throw new Error(`decodeBase64: invalid character at position ${i}`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
