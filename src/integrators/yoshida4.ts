/**
 * Yoshida's fourth-order symplectic integrator (Yoshida 1990; the same coefficients as
 * Forest & Ruth 1990): the "triple jump", three leapfrog steps of sizes w₁h, w₀h, w₁h with
 *
 *   w₁ = 1/(2 − 2^{1/3}) ≈ 1.3512,   w₀ = −2^{1/3}/(2 − 2^{1/3}) ≈ −1.7024.
 *
 * The middle step runs backwards in time; the symmetric composition cancels the h³ error term
 * of leapfrog. Three gradients per step (the merged kicks share forces). Its error constant is
 * large, so it pays off only at small steps or high accuracy; it is symplectic and reversible.
 */
import { kickDriftSplitting } from './splitting.js';

const CUBE_ROOT_OF_TWO = 2 ** (1 / 3);
/** w₁ = 1/(2 − 2^{1/3}), the outer leapfrog fraction of the triple jump. */
export const YOSHIDA_OUTER_WEIGHT = 1 / (2 - CUBE_ROOT_OF_TWO);
/** w₀ = −2^{1/3}/(2 − 2^{1/3}) = 1 − 2w₁, the (negative) inner leapfrog fraction. */
export const YOSHIDA_INNER_WEIGHT = 1 - 2 * YOSHIDA_OUTER_WEIGHT;

/** The 4th-order triple-jump composition of leapfrog, as an `IntegratorFactory`. */
export const yoshida4 = kickDriftSplitting({
  name: 'yoshida4',
  order: 4,
  // Three leapfrogs kick–drift–kick, with the touching half kicks merged.
  kicks: [
    YOSHIDA_OUTER_WEIGHT / 2,
    (YOSHIDA_OUTER_WEIGHT + YOSHIDA_INNER_WEIGHT) / 2,
    (YOSHIDA_OUTER_WEIGHT + YOSHIDA_INNER_WEIGHT) / 2,
    YOSHIDA_OUTER_WEIGHT / 2,
  ],
  drifts: [YOSHIDA_OUTER_WEIGHT, YOSHIDA_INNER_WEIGHT, YOSHIDA_OUTER_WEIGHT],
});
