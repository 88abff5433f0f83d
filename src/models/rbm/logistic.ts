/**
 * The logistic function σ(x) = 1/(1 + e^−x) and softplus log(1 + e^x), fast and portable.
 *
 * An RBM step evaluates thousands of sigmoids (2 640 per minibatch of scikit-learn's digits
 * example), and their values decide Bernoulli samples, so they must be both fast and the same
 * bits in every engine. `Math.exp` is neither guaranteed portable (ECMAScript leaves its last
 * bit to the engine) nor cheap (about 20 ns measured on the 2-core test machine, which would be
 * most of a minibatch's budget). `exponential` below uses only + − × and table look-ups
 * (Tang's method): e^z = 2^(n/64) · e^r, n = round(64z/ln 2), |r| ≤ ln 2/128, with e^r from a
 * degree-6 Taylor polynomial (truncation below 4e−20) and 2^(j/64) from a 64-entry table built
 * with `portableExp`. Its error is below 2 ulp, identical across engines; about twice as fast as
 * `Math.exp` (measured 45 against 85–110 µs for 2 600 sigmoids on the loaded test machine).
 */
import { portableExp, portableLog } from '../../core/random/index.js';

const STEPS = 64;
const INVERSE_STEP = STEPS / Math.LN2;
// ln 2 / 64 as fdlibm's two-part ln 2 over 64: the high part has 32 significant bits, so n·HIGH
// is exact for |n| < 2^21, and the low part carries the rest of ln 2 (not of its double rounding).
const STEP_HIGH = 0.6931471803691238 / STEPS; // fdlibm ln2_hi, 0x3fe62e42 fee00000
const STEP_LOW = 1.9082149292705877e-10 / STEPS; // fdlibm ln2_lo, 0x3dea39ef 35793c76
/**
 * Arguments are clamped to [−760, 710]: e^−760 comes out as exactly 0 (2^−1097 underflows in the
 * table) and e^710 as ∞ (2^1024 overflows), so every result is a float64 computed on one path.
 * (Early `return 0` would hand V8 small integers and slow every caller by 2–3×, measured.)
 */
const LOWEST = -760;
const HIGHEST = 710;
const MIN_EXPONENT = -1100;
const MAX_EXPONENT = 1100;

/** 2^(j/64) for j = 0 … 63 (portable, within an ulp of the exact value). */
const FRACTIONS = new Float64Array(STEPS);
for (let j = 0; j < STEPS; j++) FRACTIONS[j] = portableExp((j * Math.LN2) / STEPS);
/** 2^k for k = MIN_EXPONENT … MAX_EXPONENT, exact (built by doubling and halving). */
const POWERS = new Float64Array(MAX_EXPONENT - MIN_EXPONENT + 1);
POWERS[-MIN_EXPONENT] = 1;
for (let k = 1; k <= MAX_EXPONENT; k++) POWERS[k - MIN_EXPONENT] = POWERS[k - 1 - MIN_EXPONENT] * 2;
for (let k = -1; k >= MIN_EXPONENT; k--) POWERS[k - MIN_EXPONENT] = POWERS[k + 1 - MIN_EXPONENT] / 2;

/** Adding and subtracting 1.5·2^52 rounds a float64 of magnitude below 2^51 to an integer (ties to even). */
const ROUNDER = 6755399441055744;

/** e^z, portable (same bits in every engine), relative error below 2 ulp; 0 below −745.2, ∞ above 709.79, NaN for NaN. */
export function exponential(z: number): number {
  if (z < LOWEST) z = LOWEST;
  else if (z > HIGHEST) z = HIGHEST;
  // The rounding trick is several times faster than Math.floor or Math.round here (measured).
  const n = z * INVERSE_STEP + ROUNDER - ROUNDER;
  const r = z - n * STEP_HIGH - n * STEP_LOW;
  const integer = n | 0;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  // With floor division (>>) and its non-negative remainder (& 63), n = 64·k + j for negative n too.
  // A subnormal result is rounded twice (the two factors), so it can be off by one subnormal ulp.
  return POWERS[(integer >> 6) - MIN_EXPONENT] * (FRACTIONS[integer & 63] * p);
}

/**
 * The logistic function 1/(1 + e^−x), accurate to a few ulp for every x (e^−x saturates at ∞ for
 * x < −710, giving 0); NaN for NaN. No branch on the sign of x, which is random in a Gibbs sweep.
 */
export function sigmoid(x: number): number {
  return 1 / (1 + exponential(-x));
}

/** softplus(x) = log(1 + e^x), without overflow or cancellation: max(x, 0) + log(1 + e^−|x|). */
export function softplus(x: number): number {
  const e = exponential(x >= 0 ? -x : x);
  return (x > 0 ? x : 0) + logOnePlus(e);
}

/** log(1 + k/64) for k = 0 … 64 (portable). */
const LOG_STEPS = new Float64Array(65);
for (let k = 1; k <= 64; k++) LOG_STEPS[k] = portableLog(1 + k / 64);

/**
 * log(1 + y) for y in [0, 1], portable and accurate to about 1 ulp, also for tiny y: with
 * k = ⌊64y⌋, log(1 + y) = log(1 + k/64) + log(1 + z), z = (y − k/64)/(1 + k/64) ∈ [0, 1/64]
 * (y − k/64 is exact), and log(1 + z) from its Taylor series to z⁹ (truncation below 2e−17).
 */
export function logOnePlus(y: number): number {
  const k = Math.min(64, (y * 64) | 0);
  const step = k / 64;
  const z = (y - step) / (1 + step);
  const series =
    z *
    (1 -
      z *
        (1 / 2 -
          z * (1 / 3 - z * (1 / 4 - z * (1 / 5 - z * (1 / 6 - z * (1 / 7 - z * (1 / 8 - z * (1 / 9)))))))));
  return LOG_STEPS[k] + series;
}

/**
 * log σ(x) = −softplus(−x), stably (scikit-learn's `log_logistic`); used by the
 * pseudo-likelihood.
 */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}
