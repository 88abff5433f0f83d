/**
 * The log pseudo-likelihood of a Bernoulli RBM (Besag 1975): log PL(v) = Σ_i log p(v_i | v₋ᵢ),
 * a tractable stand-in for log p(v). Flipping visible unit i (v_i → 1 − v_i, giving v⁽ⁱ⁾)
 * changes the free energy by a closed form, and p(v_i | v₋ᵢ) = σ(F(v⁽ⁱ⁾) − F(v)), so
 *
 *   log PL(v) = Σ_i log σ(F(v⁽ⁱ⁾) − F(v))                          (`exact`, V flips per row)
 *   V · log σ(F(v⁽ⁱ⁾) − F(v)) with one random i per row             (scikit-learn's `score_samples`)
 *
 * The one-flip estimate is unbiased for the exact value (its mean over i) but noisy; scikit-learn
 * reports it, so the same estimator is offered, drawing i from an explicit key. For grey-scale
 * rows the "flip" is v_i → 1 − v_i, as in scikit-learn.
 */
import type { Key } from '../../core/random/index.js';
import { RandomStream } from '../../core/random/index.js';
import { assertKey, assertOptions, describe } from '../../core/validate.js';
import { hiddenActivations } from './conditionals.js';
import { logSigmoid, softplus } from './logistic.js';
import { assertRbm, type Rbm, rowCount } from './rbm.js';

/** Options of {@link pseudoLogLikelihood}. */
export interface PseudoLogLikelihoodOptions {
  /**
   * With a key: scikit-learn's estimator, one random unit flipped per row (the units are drawn
   * from this key). Without: the exact sum over all V flips.
   */
  key?: Key;
}

/** What {@link pseudoLogLikelihood} returns. */
export interface PseudoLogLikelihoodResult {
  /** log PL of each row (or its one-flip estimate). */
  readonly values: Float64Array;
  /** Their mean over the rows (scikit-learn's `score_samples(X).mean()`). */
  readonly mean: number;
}

/**
 * The log pseudo-likelihood of each row of `data` (`n × V`) under a Bernoulli RBM.
 * @throws Error for Gaussian visible units, or when `data` is not a whole number of rows.
 */
export function pseudoLogLikelihood(
  rbm: Rbm,
  data: ArrayLike<number>,
  options: PseudoLogLikelihoodOptions = {},
): PseudoLogLikelihoodResult {
  const where = 'pseudoLogLikelihood';
  assertRbm(where, rbm);
  assertOptions(where, options);
  if (rbm.visibleUnits !== 'bernoulli') {
    throw new Error(
      `${where}: rbm.visibleUnits must be 'bernoulli' (the pseudo-likelihood flips binary units)`,
    );
  }
  const { visibleCount: V, hiddenCount: H, weights, visibleBias } = rbm;
  const rows = rowCount(where, 'data', data, V);
  if (rows === 0) throw new RangeError(`${where}: data must hold at least one row, got ${describe(data)}`);
  let stream: RandomStream | null = null;
  if (options.key !== undefined) {
    assertKey(where, options.key);
    stream = new RandomStream(options.key);
  }
  const activations = hiddenActivations(rbm, data);
  const base = new Float64Array(H);
  const values = new Float64Array(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < H; j++) base[j] = softplus(activations[r * H + j]);
    // F(v⁽ⁱ⁾) − F(v) = −b_i·δ − Σ_j [softplus(a_j + δW_ij) − softplus(a_j)], δ = 1 − 2v_i.
    const gap = (i: number): number => {
      const delta = 1 - 2 * data[r * V + i];
      let change = 0;
      for (let j = 0; j < H; j++)
        change += softplus(activations[r * H + j] + delta * weights[i * H + j]) - base[j];
      return -visibleBias[i] * delta - change;
    };
    let value = 0;
    if (stream === null) {
      for (let i = 0; i < V; i++) value += logSigmoid(gap(i));
    } else {
      value = V * logSigmoid(gap(stream.nextInt(V)));
    }
    values[r] = value;
    total += value;
  }
  return { values, mean: total / rows };
}
