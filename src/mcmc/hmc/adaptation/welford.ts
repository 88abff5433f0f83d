/**
 * Running mean and variance of vectors by Welford's algorithm (Welford 1962): one pass, no
 * stored draws, and no catastrophic cancellation (it updates the sum of squared deviations
 * M₂ directly). Used by the mass-matrix adaptation to estimate the target's marginal variances.
 */

/** Per-coordinate running mean and variance of a stream of n-vectors. */
export class WelfordVariance {
  readonly #mean: Float64Array;
  readonly #sumOfSquares: Float64Array;
  #count = 0;

  /** An empty estimator for vectors of length `dimension`. */
  constructor(dimension: number) {
    if (!(Number.isInteger(dimension) && dimension >= 1)) {
      throw new RangeError(`WelfordVariance: dimension must be an integer ≥ 1, got ${dimension}`);
    }
    this.#mean = new Float64Array(dimension);
    this.#sumOfSquares = new Float64Array(dimension);
  }

  /** Number of vectors seen since the last reset. */
  get count(): number {
    return this.#count;
  }

  /** Adds one vector (same length as the estimator). */
  add(x: ArrayLike<number>): void {
    const mean = this.#mean;
    if (x.length !== mean.length) {
      throw new RangeError(`WelfordVariance.add: x must have length ${mean.length}, got ${x.length}`);
    }
    this.#count++;
    const n = this.#count;
    for (let i = 0; i < mean.length; i++) {
      const delta = x[i] - mean[i];
      mean[i] += delta / n;
      this.#sumOfSquares[i] += delta * (x[i] - mean[i]);
    }
  }

  /** The running mean (a copy). */
  mean(): Float64Array {
    return this.#mean.slice();
  }

  /** The unbiased sample variance M₂/(count − 1) of each coordinate (needs count ≥ 2). */
  variance(): Float64Array {
    if (this.#count < 2)
      throw new RangeError(`WelfordVariance.variance: needs at least 2 vectors, got ${this.#count}`);
    const denominator = this.#count - 1;
    return this.#sumOfSquares.map((m2) => m2 / denominator);
  }

  /**
   * Stan's regularised variance, (n/(n + 5))·σ̂² + 10⁻³·(5/(n + 5)): shrinks toward a small
   * multiple of the identity so that a short window cannot produce a degenerate metric.
   */
  regularizedVariance(): Float64Array {
    const n = this.#count;
    const sample = this.variance();
    const weight = n / (n + 5);
    const shrinkage = 1e-3 * (5 / (n + 5));
    return sample.map((v) => weight * v + shrinkage);
  }

  /** Forgets every vector seen (starts a new window). */
  reset(): void {
    this.#mean.fill(0);
    this.#sumOfSquares.fill(0);
    this.#count = 0;
  }
}
