/**
 * The layout every diagnostic reads: draws of one scalar quantity as `[chains][draws]`, i.e.
 * an array with one entry per chain, each entry the chain's draws in order
 * (`draws[c][t]` is draw t of chain c). All chains must have the same length. Multivariate
 * output is diagnosed one coordinate at a time (see `coordinateDraws`).
 */

/** Draws of one scalar quantity, `[chains][draws]`: `draws[c][t]` is draw t of chain c. */
export type ChainDraws = ReadonlyArray<ArrayLike<number>>;

/** The shape of a `ChainDraws`, as checked by `assertDraws`. */
export interface DrawsShape {
  /** Number of chains. */
  readonly chains: number;
  /** Draws per chain. */
  readonly draws: number;
}

/**
 * Checks the `[chains][draws]` layout (at least `minChains` chains of equal length, at least
 * `minDraws` draws each, every value finite) and returns its shape. `where` names the caller
 * in the error message.
 */
export function assertDraws(where: string, draws: ChainDraws, minChains = 1, minDraws = 4): DrawsShape {
  if (!Array.isArray(draws)) {
    throw new TypeError(
      `${where}: draws must be an array of chains ([chains][draws]), got ${draws === null ? 'null' : typeof draws}`,
    );
  }
  if (draws.length < minChains) {
    throw new RangeError(`${where}: draws must hold at least ${minChains} chain(s), got ${draws.length}`);
  }
  const length = draws[0]?.length;
  for (let c = 0; c < draws.length; c++) {
    const chain = draws[c];
    if (chain === null || typeof chain !== 'object' || typeof chain.length !== 'number') {
      throw new TypeError(`${where}: draws[${c}] must be an array of numbers (one chain)`);
    }
    if (chain.length !== length) {
      throw new RangeError(
        `${where}: every chain must have the same number of draws; draws[0] has ${length}, draws[${c}] has ${chain.length}`,
      );
    }
    for (let t = 0; t < chain.length; t++) {
      if (!Number.isFinite(chain[t])) {
        throw new RangeError(`${where}: draws[${c}][${t}] must be a finite number, got ${chain[t]}`);
      }
    }
  }
  if (length < minDraws) {
    throw new RangeError(`${where}: each chain must hold at least ${minDraws} draws, got ${length}`);
  }
  return { chains: draws.length, draws: length };
}

/**
 * Splits every chain into its first and last halves (`floor(n/2)` draws each; the middle draw
 * of an odd-length chain is dropped), giving 2m chains: a chain that drifts then shows up as
 * two chains with different means (Gelman et al., BDA3 §11.4). Order: all first halves, then
 * all second halves, as in ArviZ.
 */
export function splitChains(draws: ChainDraws): Float64Array[] {
  const half = Math.floor((draws[0]?.length ?? 0) / 2);
  const out: Float64Array[] = [];
  for (const chain of draws) out.push(Float64Array.from({ length: half }, (_, t) => chain[t]));
  for (const chain of draws) {
    const start = chain.length - half;
    out.push(Float64Array.from({ length: half }, (_, t) => chain[start + t]));
  }
  return out;
}

/** All draws of all chains in one array, chain after chain. */
export function pooledDraws(draws: ChainDraws): Float64Array {
  let total = 0;
  for (const chain of draws) total += chain.length;
  const out = new Float64Array(total);
  let offset = 0;
  for (const chain of draws) {
    for (let t = 0; t < chain.length; t++) out[offset + t] = chain[t];
    offset += chain.length;
  }
  return out;
}

/**
 * Coordinate `index` of vector-valued chains, in the diagnostics layout: `chains[c][t]` is the
 * t-th point (a vector) of chain c, and the result is `[chains][draws]` of that coordinate.
 */
export function coordinateDraws(
  chains: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>,
  index: number,
): Float64Array[] {
  return chains.map((chain) => Float64Array.from(chain, (point) => point[index]));
}

/** Sample mean of an array. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Sample variance with the given delta degrees of freedom (1: unbiased). */
export function variance(values: ArrayLike<number>, ddof = 1): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    s += d * d;
  }
  return s / (values.length - ddof);
}
