/**
 * Exact partition function, log-likelihood, visible distribution and log-likelihood gradient of
 * a small RBM, by enumerating one layer and summing the other analytically.
 *
 * Summing out the hidden layer gives p(v) ∝ e^−F(v); summing out the visible layer gives
 *
 *   Bernoulli visible:  Z = Σ_h exp(cᵀh + Σ_i softplus(b_i + (Wh)_i))
 *   Gaussian visible:   Z = (2π)^(V/2) Σ_h exp(cᵀh + bᵀWh + ½‖Wh‖²)
 *
 * so log Z costs 2^min(V, H) terms (Bernoulli; Gaussian units can only be integrated, so the
 * hidden layer is enumerated). States are visited in Gray-code order, so each term updates the
 * other layer's pre-activations by one weight column or row: O(2^n·m) for n enumerated and m
 * summed units. Terms are combined by a running log-sum-exp.
 */

import { portableExp, portableLog } from '../../core/math/index.js';
import { assertOneOf, describe } from '../../core/validate.js';
import { LogSumExpAccumulator } from '../../partition/log-sum-exp.js';
import { freeEnergies, hiddenProbabilities } from './conditionals.js';
import { sigmoid, softplus } from './logistic.js';
import { assertRbm, type Rbm, rowCount } from './rbm.js';

/** The most units a layer may have to be enumerated (2^25 ≈ 3.4·10⁷ terms). */
export const MAX_ENUMERATED_UNITS = 25;
/** The most visible units for `rbmVisibleDistribution` (2^20 probabilities). */
export const MAX_DISTRIBUTION_UNITS = 20;

/** Which layer to enumerate: 'auto' (the smaller; always hidden for Gaussian units), 'hidden' or 'visible'. */
export type EnumeratedLayer = 'auto' | 'hidden' | 'visible';

/** The gradient of the mean log-likelihood with respect to the parameters (float64). */
export interface RbmGradient {
  /** ∂/∂W, V×H row-major. */
  readonly weights: Float64Array;
  /** ∂/∂b. */
  readonly visibleBias: Float64Array;
  /** ∂/∂c. */
  readonly hiddenBias: Float64Array;
}

function chooseLayer(where: string, rbm: Rbm, layer: EnumeratedLayer): 'hidden' | 'visible' {
  assertOneOf(where, 'enumerate', layer, ['auto', 'hidden', 'visible']);
  const gaussian = rbm.visibleUnits === 'gaussian';
  if (gaussian && layer === 'visible') {
    throw new RangeError(
      `${where}: Gaussian visible units cannot be enumerated; use enumerate 'hidden' or 'auto'`,
    );
  }
  const chosen =
    layer === 'auto' ? (gaussian || rbm.hiddenCount <= rbm.visibleCount ? 'hidden' : 'visible') : layer;
  const units = chosen === 'hidden' ? rbm.hiddenCount : rbm.visibleCount;
  if (units > MAX_ENUMERATED_UNITS) {
    throw new RangeError(
      `${where}: the enumerated ${chosen} layer has ${units} units; at most ${MAX_ENUMERATED_UNITS} can be enumerated`,
    );
  }
  return chosen;
}

/**
 * Visits every configuration of the `n` units of the enumerated layer in Gray-code order,
 * keeping `field` = bias + weights·state of the other layer's `m` units up to date, and calls
 * `visit(state, field, linear)` with `linear` = enumeratedBiasᵀ·state. `columnOf(u, k)` is the
 * weight between enumerated unit u and summed unit k.
 */
function enumerateLayer(
  n: number,
  m: number,
  enumeratedBias: ArrayLike<number>,
  summedBias: ArrayLike<number>,
  coupling: (u: number, k: number) => number,
  visit: (state: Uint8Array, field: Float64Array, linear: number) => void,
): void {
  const state = new Uint8Array(n);
  const field = Float64Array.from(summedBias);
  const columns = new Float64Array(n * m);
  for (let u = 0; u < n; u++) for (let k = 0; k < m; k++) columns[u * m + k] = coupling(u, k);
  let linear = 0;
  visit(state, field, linear);
  const total = 2 ** n;
  for (let g = 1; g < total; g++) {
    // Gray code: step g flips the unit at the position of g's lowest set bit.
    const u = 31 - Math.clz32(g & -g);
    const sign = state[u] === 0 ? 1 : -1;
    state[u] ^= 1;
    linear += sign * enumeratedBias[u];
    for (let k = 0; k < m; k++) field[k] += sign * columns[u * m + k];
    visit(state, field, linear);
  }
}

/**
 * The log-weight of one enumerated configuration: log Σ over the other layer of e^−E.
 * Gaussian (enumerating h; field = Wh, no bias): cᵀh + bᵀWh + ½‖Wh‖² (the (2π)^(V/2) is added
 * once outside).
 */
function termFunction(rbm: Rbm): (field: Float64Array, linear: number) => number {
  if (rbm.visibleUnits === 'gaussian') {
    const b = rbm.visibleBias;
    return (field, linear) => {
      let term = linear;
      for (let i = 0; i < field.length; i++) term += b[i] * field[i] + 0.5 * field[i] * field[i];
      return term;
    };
  }
  return (field, linear) => {
    let term = linear;
    for (let k = 0; k < field.length; k++) term += softplus(field[k]);
    return term;
  };
}

/** Runs the enumeration of `layer` with the right biases and couplings for `rbm`. */
function enumerateRbm(
  rbm: Rbm,
  layer: 'hidden' | 'visible',
  visit: (state: Uint8Array, field: Float64Array, linear: number) => void,
): void {
  const { visibleCount: V, hiddenCount: H, weights, visibleBias, hiddenBias } = rbm;
  if (layer === 'hidden') {
    // Gaussian: the field is Wh alone (the bias enters the term through bᵀWh).
    const summedBias = rbm.visibleUnits === 'gaussian' ? new Float64Array(V) : visibleBias;
    enumerateLayer(H, V, hiddenBias, summedBias, (j, i) => weights[i * H + j], visit);
  } else {
    enumerateLayer(V, H, visibleBias, hiddenBias, (i, j) => weights[i * H + j], visit);
  }
}

/**
 * log Z of a small RBM, exactly (see the file comment).
 * @param enumerate which layer to enumerate (default 'auto': the smaller one).
 * @throws Error when the enumerated layer has more than 25 units.
 */
export function rbmLogPartitionFunction(rbm: Rbm, enumerate: EnumeratedLayer = 'auto'): number {
  const where = 'rbmLogPartitionFunction';
  assertRbm(where, rbm);
  const layer = chooseLayer(where, rbm, enumerate);
  const term = termFunction(rbm);
  const sum = new LogSumExpAccumulator();
  enumerateRbm(rbm, layer, (_state, field, linear) => sum.add(term(field, linear)));
  const gaussianConstant =
    rbm.visibleUnits === 'gaussian' ? 0.5 * rbm.visibleCount * portableLog(2 * Math.PI) : 0;
  return sum.value + gaussianConstant;
}

/** What {@link rbmLogLikelihood} returns. */
export interface RbmLogLikelihood {
  /** Mean of log p(v) over the rows (nats; for Gaussian units a log density). */
  readonly mean: number;
  /** log p(v) of each row. */
  readonly values: Float64Array;
  /** The exact log Z used. */
  readonly logPartitionFunction: number;
}

/**
 * The exact log-likelihood log p(v) = −F(v) − log Z of each row of `data` (`n × V`).
 * @throws Error as `rbmLogPartitionFunction`, or when `data` is empty or ragged.
 */
export function rbmLogLikelihood(
  rbm: Rbm,
  data: ArrayLike<number>,
  enumerate: EnumeratedLayer = 'auto',
): RbmLogLikelihood {
  const where = 'rbmLogLikelihood';
  assertRbm(where, rbm);
  const rows = rowCount(where, 'data', data, rbm.visibleCount);
  if (rows === 0) throw new RangeError(`${where}: data must hold at least one row, got ${describe(data)}`);
  const logPartitionFunction = rbmLogPartitionFunction(rbm, enumerate);
  const values = freeEnergies(rbm, data);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    values[r] = -values[r] - logPartitionFunction;
    total += values[r];
  }
  return { mean: total / rows, values, logPartitionFunction };
}

/**
 * The exact distribution p(v) of a Bernoulli RBM over all 2^V visible configurations:
 * entry `index` is the probability of v_i = bit i of `index`.
 * @throws Error for Gaussian units or more than 20 visible units.
 */
export function rbmVisibleDistribution(rbm: Rbm): Float64Array {
  const where = 'rbmVisibleDistribution';
  assertRbm(where, rbm);
  if (rbm.visibleUnits !== 'bernoulli')
    throw new RangeError(`${where}: rbm.visibleUnits must be 'bernoulli'`);
  const V = rbm.visibleCount;
  if (V > MAX_DISTRIBUTION_UNITS) {
    throw new RangeError(`${where}: rbm.visibleCount must be ≤ ${MAX_DISTRIBUTION_UNITS}, got ${V}`);
  }
  const total = 2 ** V;
  const visible = new Float64Array(total * V);
  for (let index = 0; index < total; index++)
    for (let i = 0; i < V; i++) visible[index * V + i] = (index >> i) & 1;
  const energies = freeEnergies(rbm, visible);
  let lowest = Number.POSITIVE_INFINITY;
  for (const energy of energies) lowest = Math.min(lowest, energy);
  let sum = 0;
  for (let index = 0; index < total; index++) {
    energies[index] = portableExp(lowest - energies[index]);
    sum += energies[index];
  }
  for (let index = 0; index < total; index++) energies[index] /= sum;
  return energies;
}

/**
 * The exact gradient of the mean log-likelihood of the rows of `data`: data expectations
 * ⟨v_i h_j⟩, ⟨v_i⟩, ⟨h_j⟩ (with h replaced by p(h = 1 | v)) minus the same under the model,
 * computed by enumeration (positive minus negative phase, with no sampling error).
 */
export function rbmLogLikelihoodGradient(
  rbm: Rbm,
  data: ArrayLike<number>,
  enumerate: EnumeratedLayer = 'auto',
): RbmGradient {
  const where = 'rbmLogLikelihoodGradient';
  assertRbm(where, rbm);
  const { visibleCount: V, hiddenCount: H } = rbm;
  const rows = rowCount(where, 'data', data, V);
  if (rows === 0) throw new RangeError(`${where}: data must hold at least one row, got ${describe(data)}`);
  const layer = chooseLayer(where, rbm, enumerate);
  const weights = new Float64Array(V * H);
  const visibleBias = new Float64Array(V);
  const hiddenBias = new Float64Array(H);
  // Positive phase.
  const probabilities = hiddenProbabilities(rbm, data);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < V; i++) {
      const v = data[r * V + i];
      visibleBias[i] += v / rows;
      if (v === 0) continue;
      for (let j = 0; j < H; j++) weights[i * H + j] += (v * probabilities[r * H + j]) / rows;
    }
    for (let j = 0; j < H; j++) hiddenBias[j] += probabilities[r * H + j] / rows;
  }
  // Negative phase: weights exp(term − log Z) of the enumerated states.
  const term = termFunction(rbm);
  const gaussianConstant = rbm.visibleUnits === 'gaussian' ? 0.5 * V * portableLog(2 * Math.PI) : 0;
  const logZ = rbmLogPartitionFunction(rbm, layer) - gaussianConstant;
  const gaussian = rbm.visibleUnits === 'gaussian';
  const other = new Float64Array(layer === 'hidden' ? V : H);
  enumerateRbm(rbm, layer, (state, field, linear) => {
    const weight = portableExp(term(field, linear) - logZ);
    if (weight === 0) return;
    // Expectation of the summed layer given the enumerated state.
    for (let k = 0; k < field.length; k++) {
      other[k] = gaussian ? rbm.visibleBias[k] + field[k] : sigmoid(field[k]);
    }
    if (layer === 'hidden') {
      for (let i = 0; i < V; i++) visibleBias[i] -= weight * other[i];
      for (let j = 0; j < H; j++) {
        if (state[j] === 0) continue;
        hiddenBias[j] -= weight;
        for (let i = 0; i < V; i++) weights[i * H + j] -= weight * other[i];
      }
    } else {
      for (let j = 0; j < H; j++) hiddenBias[j] -= weight * other[j];
      for (let i = 0; i < V; i++) {
        if (state[i] === 0) continue;
        visibleBias[i] -= weight;
        for (let j = 0; j < H; j++) weights[i * H + j] -= weight * other[j];
      }
    }
  });
  return { weights, visibleBias, hiddenBias };
}
