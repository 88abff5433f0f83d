/**
 * The bias of contrastive divergence, computed exactly on a small Bernoulli RBM.
 *
 * CD-k replaces the model expectation of the log-likelihood gradient by an expectation under
 * q_k, the distribution of the visible units after k block-Gibbs steps started at the data
 * (Carreira-Perpiñán & Hinton, "On contrastive divergence learning", AISTATS 2005). With
 * T(v → v') = Σ_h p(h | v)·p(v' | h) the block-Gibbs kernel, q_0 = the data distribution and
 * q_k = q_0·T^k, the expected CD-k update is
 *
 *   E[ΔW_ij] = Σ_v q_0(v)·v_i·σ_j(v) − Σ_v q_k(v)·v_i·σ_j(v),     σ_j(v) = p(h_j = 1 | v)
 *
 * (the same for the biases with v_i and σ_j alone), while the true gradient uses the model
 * distribution p(v) = lim q_k. Both are computed here by exact enumeration of all 2^V visible
 * and 2^H hidden configurations, with q_k propagated as a vector (two 2^V × 2^H products per
 * step), so the angle between the expected CD-k update and the gradient, and their relative
 * difference, carry no sampling error. They shrink as k grows; at k = ∞ CD is exact.
 */
import { assertInteger, describe } from '../../core/validate.js';
import { type RbmGradient, rbmVisibleDistribution } from './exact.js';
import { sigmoid } from './logistic.js';
import { assertRbm, type Rbm, rowCount } from './rbm.js';

/** The most units of either layer for the exact CD computation (2^12 × 2^12 transition terms). */
export const MAX_CONTRASTIVE_DIVERGENCE_UNITS = 12;

/** One row of {@link contrastiveDivergenceBias}. */
export interface ContrastiveDivergenceBiasEntry {
  /** k, the Gibbs steps of CD-k. */
  readonly gibbsSteps: number;
  /** The expected CD-k update (W, b, c). */
  readonly update: RbmGradient;
  /** The angle between the expected update and the exact gradient, in degrees (0 = same direction). */
  readonly angleDegrees: number;
  /** ‖E[update] − gradient‖/‖gradient‖ over all parameters. */
  readonly relativeDifference: number;
}

/** What {@link contrastiveDivergenceBias} returns. */
export interface ContrastiveDivergenceBias {
  /** The exact gradient of the mean log-likelihood. */
  readonly gradient: RbmGradient;
  /** One entry per requested k, in the order given. */
  readonly entries: readonly ContrastiveDivergenceBiasEntry[];
}

interface Tables {
  /** σ_j(v) for every visible configuration: 2^V × H. */
  hiddenProbabilities: Float64Array;
  /** p(h | v) for every pair: 2^V × 2^H. */
  hiddenGivenVisible: Float64Array;
  /** p(v | h) for every pair: 2^H × 2^V. */
  visibleGivenHidden: Float64Array;
}

function tables(rbm: Rbm): Tables {
  const { visibleCount: V, hiddenCount: H, weights, visibleBias, hiddenBias } = rbm;
  const visibleStates = 2 ** V;
  const hiddenStates = 2 ** H;
  const hiddenProbabilities = new Float64Array(visibleStates * H);
  const hiddenGivenVisible = new Float64Array(visibleStates * hiddenStates);
  for (let v = 0; v < visibleStates; v++) {
    for (let j = 0; j < H; j++) {
      let field = hiddenBias[j];
      for (let i = 0; i < V; i++) if ((v >> i) & 1) field += weights[i * H + j];
      hiddenProbabilities[v * H + j] = sigmoid(field);
    }
    for (let h = 0; h < hiddenStates; h++) {
      let p = 1;
      for (let j = 0; j < H; j++) {
        const on = hiddenProbabilities[v * H + j];
        p *= (h >> j) & 1 ? on : 1 - on;
      }
      hiddenGivenVisible[v * hiddenStates + h] = p;
    }
  }
  const visibleGivenHidden = new Float64Array(hiddenStates * visibleStates);
  const on = new Float64Array(V);
  for (let h = 0; h < hiddenStates; h++) {
    for (let i = 0; i < V; i++) {
      let field = visibleBias[i];
      for (let j = 0; j < H; j++) if ((h >> j) & 1) field += weights[i * H + j];
      on[i] = sigmoid(field);
    }
    for (let v = 0; v < visibleStates; v++) {
      let p = 1;
      for (let i = 0; i < V; i++) p *= (v >> i) & 1 ? on[i] : 1 - on[i];
      visibleGivenHidden[h * visibleStates + v] = p;
    }
  }
  return { hiddenProbabilities, hiddenGivenVisible, visibleGivenHidden };
}

/** q·T: one block-Gibbs step applied to a distribution over visible configurations. */
function gibbsStep(q: Float64Array, t: Tables, visibleStates: number, hiddenStates: number): Float64Array {
  const hidden = new Float64Array(hiddenStates);
  for (let v = 0; v < visibleStates; v++) {
    const weight = q[v];
    if (weight === 0) continue;
    for (let h = 0; h < hiddenStates; h++) hidden[h] += weight * t.hiddenGivenVisible[v * hiddenStates + h];
  }
  const next = new Float64Array(visibleStates);
  for (let h = 0; h < hiddenStates; h++) {
    const weight = hidden[h];
    for (let v = 0; v < visibleStates; v++) next[v] += weight * t.visibleGivenHidden[h * visibleStates + v];
  }
  return next;
}

/** The statistics Σ_v q(v)·(v_i σ_j, v_i, σ_j). */
function statistics(rbm: Rbm, q: Float64Array, t: Tables): RbmGradient {
  const { visibleCount: V, hiddenCount: H } = rbm;
  const weights = new Float64Array(V * H);
  const visibleBias = new Float64Array(V);
  const hiddenBias = new Float64Array(H);
  for (let v = 0; v < q.length; v++) {
    const weight = q[v];
    if (weight === 0) continue;
    for (let j = 0; j < H; j++) hiddenBias[j] += weight * t.hiddenProbabilities[v * H + j];
    for (let i = 0; i < V; i++) {
      if (((v >> i) & 1) === 0) continue;
      visibleBias[i] += weight;
      for (let j = 0; j < H; j++) weights[i * H + j] += weight * t.hiddenProbabilities[v * H + j];
    }
  }
  return { weights, visibleBias, hiddenBias };
}

function flatten(g: RbmGradient): Float64Array {
  const out = new Float64Array(g.weights.length + g.visibleBias.length + g.hiddenBias.length);
  out.set(g.weights);
  out.set(g.visibleBias, g.weights.length);
  out.set(g.hiddenBias, g.weights.length + g.visibleBias.length);
  return out;
}

function unflatten(values: Float64Array, V: number, H: number): RbmGradient {
  return {
    weights: values.slice(0, V * H),
    visibleBias: values.slice(V * H, V * H + V),
    hiddenBias: values.slice(V * H + V),
  };
}

/**
 * The expected CD-k updates for each k in `gibbsSteps` and the exact gradient, for a Bernoulli
 * RBM with at most 12 visible and 12 hidden units, on binary `data` (`n × V`; its rows define
 * q_0, repeated rows counting repeatedly).
 *
 * ```ts
 * const { entries } = contrastiveDivergenceBias(rbm, data, [1, 2, 5, 10]);
 * entries.map((e) => e.angleDegrees);    // decreasing towards 0
 * ```
 * @throws Error for Gaussian units, too many units, non-binary data or a bad k.
 */
export function contrastiveDivergenceBias(
  rbm: Rbm,
  data: ArrayLike<number>,
  gibbsSteps: readonly number[] = [1, 2, 5, 10],
): ContrastiveDivergenceBias {
  const where = 'contrastiveDivergenceBias';
  assertRbm(where, rbm);
  if (rbm.visibleUnits !== 'bernoulli')
    throw new RangeError(`${where}: rbm.visibleUnits must be 'bernoulli'`);
  const { visibleCount: V, hiddenCount: H } = rbm;
  if (V > MAX_CONTRASTIVE_DIVERGENCE_UNITS || H > MAX_CONTRASTIVE_DIVERGENCE_UNITS) {
    throw new RangeError(
      `${where}: visibleCount and hiddenCount must be ≤ ${MAX_CONTRASTIVE_DIVERGENCE_UNITS}, got ${V} and ${H}`,
    );
  }
  if (!Array.isArray(gibbsSteps) || gibbsSteps.length === 0) {
    throw new RangeError(
      `${where}: gibbsSteps must be a non-empty array of integers ≥ 1, got ${describe(gibbsSteps)}`,
    );
  }
  for (const k of gibbsSteps) assertInteger(where, 'gibbsSteps[·]', k, 1, 1e6);
  const rows = rowCount(where, 'data', data, V);
  if (rows === 0) throw new RangeError(`${where}: data must hold at least one row`);
  const visibleStates = 2 ** V;
  const q0 = new Float64Array(visibleStates);
  for (let r = 0; r < rows; r++) {
    let index = 0;
    for (let i = 0; i < V; i++) {
      const value = data[r * V + i];
      if (value !== 0 && value !== 1) {
        throw new RangeError(`${where}: data must be 0/1, got ${describe(value)} at ${r * V + i}`);
      }
      index |= value << i;
    }
    q0[index] += 1 / rows;
  }
  const t = tables(rbm);
  const positive = flatten(statistics(rbm, q0, t));
  // The exact gradient: the same statistics under the model distribution p(v) = lim q_k.
  const model = flatten(statistics(rbm, rbmVisibleDistribution(rbm), t));
  const exact = new Float64Array(positive.length);
  let exactNorm = 0;
  for (let n = 0; n < exact.length; n++) {
    exact[n] = positive[n] - model[n];
    exactNorm += exact[n] * exact[n];
  }
  exactNorm = Math.sqrt(exactNorm);
  const gradient = unflatten(exact, V, H);
  const order = [...gibbsSteps].map((k, index) => ({ k, index })).sort((a, b) => a.k - b.k);
  const entries: ContrastiveDivergenceBiasEntry[] = new Array(gibbsSteps.length);
  let q: Float64Array = q0;
  let done = 0;
  for (const { k, index } of order) {
    for (; done < k; done++) q = gibbsStep(q, t, visibleStates, 2 ** H);
    const negative = flatten(statistics(rbm, q, t));
    const update = new Float64Array(exact.length);
    let dot = 0;
    let updateNorm = 0;
    let difference = 0;
    for (let n = 0; n < exact.length; n++) {
      update[n] = positive[n] - negative[n];
      dot += update[n] * exact[n];
      updateNorm += update[n] * update[n];
      difference += (update[n] - exact[n]) ** 2;
    }
    const cosine = Math.max(-1, Math.min(1, dot / (Math.sqrt(updateNorm) * exactNorm)));
    entries[index] = {
      gibbsSteps: k,
      update: unflatten(update, V, H),
      angleDegrees: (Math.acos(cosine) * 180) / Math.PI,
      relativeDifference: Math.sqrt(difference) / exactNorm,
    };
  }
  return { gradient, entries };
}
