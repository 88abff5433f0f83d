/**
 * Gradient clipping by global norm: when `‖g‖₂ > maxNorm`, rescale g to norm `maxNorm`
 * (direction kept). It bounds the step on cliffs of the landscape, where one huge gradient
 * would throw the iterate far away. Stateless.
 */
import { type GradientTransformation, positiveParameter } from './transform.js';

/** Rescales updates whose Euclidean norm exceeds `maxNorm` (> 0). */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<null> {
  positiveParameter(maxNorm, 'maxNorm', 'clipByGlobalNorm');
  return {
    name: 'clipByGlobalNorm',
    init: () => null,
    update(gradient, state) {
      let sum = 0;
      for (let i = 0; i < gradient.length; i++) sum += gradient[i] * gradient[i];
      const norm = Math.sqrt(sum);
      const factor = norm > maxNorm ? maxNorm / norm : 1;
      const out = new Float64Array(gradient.length);
      for (let i = 0; i < out.length; i++) out[i] = factor * gradient[i];
      return [out, state];
    },
  };
}
