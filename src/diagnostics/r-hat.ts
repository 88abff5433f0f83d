/**
 * The potential scale reduction factor R̂ (Gelman & Rubin 1992), in its split and
 * rank-normalised forms (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021).
 *
 * For m chains of n draws, with W the mean within-chain variance and B/n the variance of the
 * chain means, R̂ = √(((n − 1)/n·W + B/n)/W): the factor by which the spread of the pooled
 * draws exceeds the spread within a chain. It tends to 1 when every chain samples the same
 * distribution; values above 1.01 (Vehtari et al.) or 1.1 (older advice) signal chains that
 * have not mixed.
 */
import { assertDraws, type ChainDraws, mean, pooledDraws, splitChains, variance } from './draws.js';
import { sortedQuantile } from './quantile.js';
import { rankNormalize } from './rank-normalization.js';

/** R̂ of chains used as given (already split or normalised as wanted). */
function potentialScaleReduction(chains: ReadonlyArray<ArrayLike<number>>): number {
  const n = chains[0].length;
  let within = 0;
  for (const chain of chains) within += variance(chain, 1);
  within /= chains.length;
  const between =
    n *
    variance(
      chains.map((chain) => mean(chain)),
      1,
    );
  return Math.sqrt((between / within + n - 1) / n);
}

/**
 * Classic split R̂: each chain cut in halves, R̂ of the 2m half-chains (BDA3 §11.4).
 * Needs finite variance; prefer `rHat`.
 *
 * @param draws `[chains][draws]`, at least 2 chains of at least 4 draws (or one chain, whose
 *   halves are compared).
 */
export function splitRHat(draws: ChainDraws): number {
  assertDraws('splitRHat', draws, 1, 4);
  return potentialScaleReduction(splitChains(draws));
}

/**
 * Rank-normalised split R̂ (Vehtari et al. 2021, the R̂ of Stan ≥ 2.22 and ArviZ): the larger of
 * the bulk R̂ (split chains, rank-normalised: detects different locations) and the tail R̂
 * (the same on |x − median|: detects different scales). Robust to heavy tails.
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain; one chain is allowed (its halves
 *   are compared), though several dispersed chains are what make R̂ informative.
 */
export function rHat(draws: ChainDraws): number {
  assertDraws('rHat', draws, 1, 4);
  const split = splitChains(draws);
  const bulk = potentialScaleReduction(rankNormalize(split));
  const median = sortedQuantile(pooledDraws(split).sort(), 0.5);
  const folded = split.map((chain) => chain.map((x) => Math.abs(x - median)));
  const tail = potentialScaleReduction(rankNormalize(folded));
  return Math.max(bulk, tail);
}
