/**
 * The 2D Ising model on the infinite square lattice in zero field (J > 0, k_B = 1, K = J/T):
 * Onsager's energy and specific heat (1944), Yang's spontaneous magnetisation (1952) and the
 * critical temperature T_c = 2J / ln(1 + √2).
 *
 *   u(T) = −J coth 2K · [1 + (2/π)(2 tanh² 2K − 1) K₁(k)],   k = 2 sinh 2K / cosh² 2K,
 *   c(T) = (4/π)(K coth 2K)² {K₁(k) − E₁(k) − (1 − tanh² 2K)[π/2 + (2 tanh² 2K − 1) K₁(k)]},
 *   m(T) = (1 − sinh⁻⁴ 2K)^{1/8} below T_c, 0 above,
 *
 * with K₁, E₁ the complete elliptic integrals of modulus k (⚠ modulus, not parameter k²; ⚠ garbled
 * forms of c(T) circulate: this one equals du/dT, which the tests check). The
 * complementary modulus is evaluated as k' = |sinh² 2K − 1| / cosh² 2K, exact near T_c where
 * 1 − k² cancels; at T_c the product (2 tanh² 2K − 1) K₁ → 0 and u(T_c) = −√2 J.
 */
import { completeEllipticEFromComplement, completeEllipticKFromComplement } from './elliptic.js';
import { assertFinite, assertPositive, describe } from './validate.js';

/** T_c = 2/ln(1 + √2) = 2.269185314213022… for J = 1. */
export const CRITICAL_TEMPERATURE = 2 / Math.log(1 + Math.SQRT2);

/** T_c = 2J/ln(1 + √2) of the square lattice with coupling J > 0. */
export function isingCriticalTemperature(coupling = 1): number {
  assertCoupling('isingCriticalTemperature', coupling);
  return coupling * CRITICAL_TEMPERATURE;
}

function assertCoupling(where: string, coupling: unknown): asserts coupling is number {
  assertFinite(where, 'coupling', coupling);
  if (!(coupling > 0))
    throw new RangeError(`${where}: coupling must be > 0 (ferromagnetic), got ${describe(coupling)}`);
}

/** sinh 2K, cosh² 2K and k' for K = J/T. */
function hyperbolic(where: string, temperature: number, coupling: number) {
  assertPositive(where, 'temperature', temperature);
  assertCoupling(where, coupling);
  const k = coupling / temperature;
  const sinh2K = Math.sinh(2 * k);
  const cosh2KSquared = 1 + sinh2K * sinh2K;
  const complement = Math.abs(sinh2K * sinh2K - 1) / cosh2KSquared;
  return { k, sinh2K, cosh2KSquared, complement };
}

/** Onsager's internal energy per spin u(T) of the infinite lattice. */
export function onsagerEnergyPerSpin(temperature: number, coupling = 1): number {
  const { sinh2K, cosh2KSquared, complement } = hyperbolic('onsagerEnergyPerSpin', temperature, coupling);
  const coth2K = Math.sqrt(cosh2KSquared) / sinh2K;
  if (complement === 0) return -coupling * coth2K;
  const tanh2KSquared = (sinh2K * sinh2K) / cosh2KSquared;
  const ellipticK = completeEllipticKFromComplement(complement);
  return -coupling * coth2K * (1 + (2 / Math.PI) * (2 * tanh2KSquared - 1) * ellipticK);
}

/** Onsager's specific heat per spin c(T) of the infinite lattice (+∞ at T_c exactly). */
export function onsagerSpecificHeat(temperature: number, coupling = 1): number {
  const { k, sinh2K, cosh2KSquared, complement } = hyperbolic('onsagerSpecificHeat', temperature, coupling);
  if (complement === 0) return Number.POSITIVE_INFINITY;
  const coth2K = Math.sqrt(cosh2KSquared) / sinh2K;
  const tanh2KSquared = (sinh2K * sinh2K) / cosh2KSquared;
  const ellipticK = completeEllipticKFromComplement(complement);
  const ellipticE = completeEllipticEFromComplement(complement);
  const bracket =
    ellipticK - ellipticE - (1 - tanh2KSquared) * (Math.PI / 2 + (2 * tanh2KSquared - 1) * ellipticK);
  return (4 / Math.PI) * (k * coth2K) ** 2 * bracket;
}

/** Yang's spontaneous magnetisation per spin m(T): (1 − sinh⁻⁴ 2K)^{1/8} below T_c, 0 above. */
export function yangMagnetization(temperature: number, coupling = 1): number {
  const { sinh2K } = hyperbolic('yangMagnetization', temperature, coupling);
  if (!(sinh2K > 1)) return 0;
  return (1 - sinh2K ** -4) ** 0.125;
}
