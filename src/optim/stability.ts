/**
 * Linear stability of the first-order methods on a quadratic, mode by mode. Along an
 * eigenvector with curvature λ the iterates follow a linear recurrence; the method is stable
 * when every root of its characteristic polynomial lies inside the unit circle (Jury's
 * conditions on z² + pz + q: |q| < 1, 1 + p + q > 0, 1 − p + q > 0):
 * - gradient descent, z − (1 − ηλ): stable iff 0 < ηλ < 2;
 * - heavy ball, z² − (1 + β − ηλ)z + β: stable iff 0 ≤ β < 1 and 0 < ηλ < 2(1 + β);
 * - Nesterov, z² − (1 + β)(1 − ηλ)z + β(1 − ηλ): stable iff 0 < ηλ < 2(1 + β)/(1 + 2β).
 * The largest curvature λmax sets the bound; these conditions feed the divergence messages.
 */

/** A step-size condition `value < bound`, for messages such as "η < 2/λmax = 0.2 (it is 0.25)". */
export interface StabilityCondition {
  /** The condition in words, e.g. `"η < 2/λmax"`. */
  readonly formula: string;
  /** The bound evaluated at the measured λmax. */
  readonly bound: number;
  /** The current value of the constrained parameter. */
  readonly value: number;
}

/** Gradient descent with learning rate η: stable iff η < 2/λmax. */
export function gradientDescentStability(learningRate: number, largestCurvature: number): StabilityCondition {
  return { formula: 'η < 2/λmax', bound: 2 / largestCurvature, value: learningRate };
}

/** Polyak's heavy ball with learning rate η and momentum β: stable iff η < 2(1 + β)/λmax. */
export function heavyBallStability(
  learningRate: number,
  momentum: number,
  largestCurvature: number,
): StabilityCondition {
  return {
    formula: 'η < 2(1 + β)/λmax',
    bound: (2 * (1 + momentum)) / largestCurvature,
    value: learningRate,
  };
}

/** Nesterov's method with learning rate η and momentum β: stable iff η < 2(1 + β)/((1 + 2β)λmax). */
export function nesterovStability(
  learningRate: number,
  momentum: number,
  largestCurvature: number,
): StabilityCondition {
  return {
    formula: 'η < 2(1 + β)/((1 + 2β)·λmax)',
    bound: (2 * (1 + momentum)) / ((1 + 2 * momentum) * largestCurvature),
    value: learningRate,
  };
}

/**
 * Polyak's optimal heavy-ball parameters for curvatures in [μ, L] (κ = L/μ):
 * `η = 4/(√L + √μ)²`, `β = ((√κ − 1)/(√κ + 1))²`, with rate `(√κ − 1)/(√κ + 1)` per step.
 */
export function polyakParameters(
  smallestCurvature: number,
  largestCurvature: number,
): { learningRate: number; momentum: number; rate: number } {
  if (
    !(smallestCurvature > 0) ||
    !(largestCurvature >= smallestCurvature) ||
    !Number.isFinite(largestCurvature)
  ) {
    throw new Error(
      `polyakParameters: need 0 < smallestCurvature ≤ largestCurvature < ∞, got ` +
        `smallestCurvature = ${smallestCurvature}, largestCurvature = ${largestCurvature}`,
    );
  }
  const rootL = Math.sqrt(largestCurvature);
  const rootMu = Math.sqrt(smallestCurvature);
  const rate = (rootL - rootMu) / (rootL + rootMu);
  return { learningRate: 4 / (rootL + rootMu) ** 2, momentum: rate * rate, rate };
}

/**
 * The best fixed gradient-descent step for curvatures in [μ, L]: `η = 2/(μ + L)`, with rate
 * `(κ − 1)/(κ + 1)` per step.
 */
export function optimalGradientDescent(
  smallestCurvature: number,
  largestCurvature: number,
): { learningRate: number; rate: number } {
  if (
    !(smallestCurvature > 0) ||
    !(largestCurvature >= smallestCurvature) ||
    !Number.isFinite(largestCurvature)
  ) {
    throw new Error(
      `optimalGradientDescent: need 0 < smallestCurvature ≤ largestCurvature < ∞, got ` +
        `smallestCurvature = ${smallestCurvature}, largestCurvature = ${largestCurvature}`,
    );
  }
  return {
    learningRate: 2 / (smallestCurvature + largestCurvature),
    rate: (largestCurvature - smallestCurvature) / (largestCurvature + smallestCurvature),
  };
}
