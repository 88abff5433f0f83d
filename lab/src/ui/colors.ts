/**
 * Colour maps as 256-entry lookup tables: a viridis-like sequential map for energies and the
 * palette shared by charts.
 */

/** Anchor colours of the sequential map (viridis), evenly spaced from low to high. */
const viridisAnchors: ReadonlyArray<[number, number, number]> = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
];

function lookupTable(anchors: ReadonlyArray<[number, number, number]>): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const position = (i / 255) * (anchors.length - 1);
    const low = Math.min(anchors.length - 2, Math.floor(position));
    const weight = position - low;
    for (let c = 0; c < 3; c++) {
      table[3 * i + c] = anchors[low][c] * (1 - weight) + anchors[low + 1][c] * weight;
    }
  }
  return table;
}

/** The sequential map: entry i (0…255) is the RGB triple at 3i. */
export const VIRIDIS = lookupTable(viridisAnchors);

/** Chart colours, distinguishable for common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = {
  blue: '#0072b2',
  orange: '#e69f00',
  green: '#009e73',
  red: '#d55e00',
  purple: '#cc79a7',
  sky: '#56b4e9',
  yellow: '#f0e442',
  black: '#222222',
  grey: '#888888',
} as const;
