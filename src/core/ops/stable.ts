/**
 * Numerically stable log-domain functions. The shift by the maximum is wrapped in
 * a constant: the value is unchanged (it cancels exactly) and the derivative is then
 * the plain softmax, with no spurious terms through the argmax.
 */
import * as compute from '../tensor/compute.js';
import { formatShape, normalizeAxes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { add, div, sub } from './arithmetic.js';
import { exp, log } from './elementwise.js';
import { type Axes, sum } from './reduce.js';
import { reshape } from './shape.js';

/**
 * The shift: the maximum over `axes` (0 where it is ±∞, so all-−∞ rows give −∞ and +∞
 * propagates), as a constant tensor: it cancels in the value and carries no derivative.
 */
function safeShift(x: Tensor, axes: Axes | undefined): Tensor {
  const list = normalizeAxes(axes, x.rank);
  const data = compute.reduce('max', x.data, x.shape, list, x.dtype);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) data[i] = 0;
  return new Tensor(
    data,
    x.shape.map((d, a) => (list.includes(a) ? 1 : d)),
  );
}

/** log Σ exp(x) over `axes`, exact for inputs of any magnitude (e.g. ±1000). */
export function logsumexp(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  if (x.size === 0) throw new Error(`logsumexp of an empty tensor of shape ${formatShape(x.shape)}`);
  const shift = safeShift(x, axes);
  const kept = add(log(sum(exp(sub(x, shift)), axes, true)), shift);
  if (keepDims) return kept;
  return reshape(
    kept,
    kept.shape.filter((_, a) => !normalizeAxes(axes, x.rank).includes(a)),
  );
}

/**
 * log softmax along `axis` (default the last), as (x − m) − log Σ exp(x − m): subtracting the
 * shift first keeps full precision even when |x| ≈ 1000 (where one ulp is 1e−13).
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const shifted = sub(x, safeShift(x, axis));
  return sub(shifted, log(sum(exp(shifted), axis, true)));
}

/** softmax along `axis` (default the last): exp(x − m) / Σ exp(x − m). */
export function softmax(x: Tensor, axis = -1): Tensor {
  const e = exp(sub(x, safeShift(x, axis)));
  return div(e, sum(e, axis, true));
}
