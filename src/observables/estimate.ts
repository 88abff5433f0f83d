/**
 * `Estimate`: a Monte Carlo estimate with its error bar, the shape of every sampled metric in
 * physml (`{ mean, stderr }`, as in the result contract).
 */

/** A Monte Carlo estimate: the value and its standard error, corrected for autocorrelation. */
export interface Estimate {
  /** The estimate. */
  mean: number;
  /** One standard error (autocorrelation-corrected where the samples come from a Markov chain). */
  stderr: number;
}
