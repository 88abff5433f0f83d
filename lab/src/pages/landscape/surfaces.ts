/**
 * The 2-D landscapes of the dynamics page, all from `src/energies`: the ill-conditioned
 * quadratic (a seeded rotation of diag(1, κ)), Rosenbrock's valley, the double well
 * Σ(xᵢ² − 1)² and the wide/narrow wells of equal depth (1-D, made 2-D by adding a harmonic
 * y-direction; the sum of independent coordinates keeps every exact fact of the 1-D energy).
 */
import { makeKey } from '../../../../src/core/random/index.js';
import { doubleWellEnergy } from '../../../../src/energies/double-well.js';
import type { Energy } from '../../../../src/energies/energy.js';
import { illConditionedQuadratic } from '../../../../src/energies/quadratic.js';
import { rosenbrockEnergy } from '../../../../src/energies/rosenbrock.js';
import { wideNarrowWellEnergy } from '../../../../src/energies/wide-narrow-well.js';
import type { Text } from '../../i18n.js';

/** The surfaces offered. */
export const SURFACE_NAMES = ['quadratic', 'rosenbrock', 'double-well', 'wide-narrow'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** A landscape with what the page draws around it. */
export interface Surface {
  name: SurfaceName;
  label: Text;
  energy: Energy;
  /** The plotted window. */
  view: { xMin: number; xMax: number; yMin: number; yMax: number };
  /** Where the ball starts by default. */
  start: [number, number];
  /** The minima (global ones; the wells for the double well). */
  minima: Array<[number, number]>;
  /** The lowest value of U (for the gap U − U_min on a log axis). */
  minimum: number;
  /** λmax of the Hessian: everywhere for the quadratic, at the stiffest minimum otherwise. */
  largestCurvature: number;
  /** Whether λmax holds everywhere (quadratic) or only at the minimum. */
  curvatureIsGlobal: boolean;
  /** A step size that works for gradient descent. */
  suggestedStepSize: number;
  /** The energy in TeX. */
  tex: string;
}

/** U(x, y) = U₁(x) + ½·stiffness·y² for a 1-D energy U₁ (no allocation per call). */
function withHarmonicY(name: string, along: Energy, stiffness: number): Energy {
  const x = new Float64Array(1);
  const gradientX = new Float64Array(1);
  const direction = new Float64Array(1);
  const out = new Float64Array(1);
  return {
    name,
    dimension: 2,
    energy(point) {
      x[0] = point[0];
      return along.energy(x) + 0.5 * stiffness * point[1] * point[1];
    },
    energyAndGradient(point, gradient) {
      x[0] = point[0];
      const value = along.energyAndGradient(x, gradientX);
      gradient[0] = gradientX[0];
      gradient[1] = stiffness * point[1];
      return value + 0.5 * stiffness * point[1] * point[1];
    },
    hessianVector(point, vector, result) {
      x[0] = point[0];
      direction[0] = vector[0];
      along.hessianVector?.(x, direction, out);
      result[0] = out[0];
      result[1] = stiffness * vector[1];
    },
  };
}

/** Builds a surface; `conditionNumber` and `seed` shape the quadratic only. */
export function makeSurface(name: SurfaceName, conditionNumber: number, seed: number): Surface {
  switch (name) {
    case 'quadratic': {
      const energy = illConditionedQuadratic({ dimension: 2, conditionNumber, key: makeKey(seed) });
      return {
        name,
        label: { en: 'Ill-conditioned quadratic', zh: '病态二次型' },
        energy,
        view: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 },
        start: [-2.5, 2.2],
        minima: [[0, 0]],
        minimum: energy.minimum,
        largestCurvature: energy.eigenvalues[1],
        curvatureIsGlobal: true,
        suggestedStepSize: 0.1,
        tex: String.raw`U(\theta) = \tfrac12\,\theta^\top A\,\theta,\quad \operatorname{spec}A = \{1, \kappa\}`,
      };
    }
    case 'rosenbrock':
      return {
        name,
        label: { en: 'Rosenbrock valley', zh: 'Rosenbrock 山谷' },
        energy: rosenbrockEnergy({ dimension: 2 }),
        view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
        start: [-1.2, 1],
        minima: [[1, 1]],
        minimum: 0,
        // λmax of [[802, −400], [−400, 200]], the Hessian at (1, 1).
        largestCurvature: 501 + Math.sqrt(301 ** 2 + 400 ** 2),
        curvatureIsGlobal: false,
        suggestedStepSize: 0.0015,
        tex: String.raw`U(x, y) = 100\,(y - x^2)^2 + (1 - x)^2`,
      };
    case 'double-well': {
      const energy = doubleWellEnergy({ dimension: 2 });
      return {
        name,
        label: { en: 'Double well (four minima)', zh: '双势阱（四个极小）' },
        energy,
        view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
        start: [-0.2, 1.7],
        minima: [
          [-1, -1],
          [-1, 1],
          [1, -1],
          [1, 1],
        ],
        minimum: 0,
        largestCurvature: energy.curvatureAtMinimum,
        curvatureIsGlobal: false,
        suggestedStepSize: 0.05,
        tex: `U(x, y) = (x^2 - 1)^2 + (y^2 - 1)^2`,
      };
    }
    case 'wide-narrow': {
      const along = wideNarrowWellEnergy();
      const energy = withHarmonicY('wide/narrow wells', along, 2);
      return {
        name,
        label: { en: 'Wide and narrow wells of equal depth', zh: '等深的宽阱与窄阱' },
        energy,
        view: { xMin: -2.2, xMax: 2.2, yMin: -1.6, yMax: 1.6 },
        start: [0, 1.2],
        minima: [
          [along.wideCenter, 0],
          [along.narrowCenter, 0],
        ],
        minimum: -along.depth,
        largestCurvature: Math.max(along.narrowCurvature, along.wideCurvature, 2),
        curvatureIsGlobal: false,
        suggestedStepSize: 0.02,
        tex: String.raw`U(x, y) = U_{\mathrm{wn}}(x) + y^2,\quad U_{\mathrm{wn}}(c_w) = U_{\mathrm{wn}}(c_n) = -D`,
      };
    }
  }
}
