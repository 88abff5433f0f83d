/**
 * 2D linear elasticity in plane stress on the unit square, with a manufactured solution.
 *
 * The network has two outputs, the displacements (u, v). Strains ε_xx = u_x, ε_yy = v_y,
 * γ_xy = u_y + v_x; plane-stress Hooke's law with Young's modulus E and Poisson's ratio ν:
 *
 *   σ_xx = A (ε_xx + ν ε_yy),   σ_yy = A (ε_yy + ν ε_xx),   σ_xy = G γ_xy,
 *   A = E/(1 − ν²),  G = E/(2(1 + ν));
 *
 * equilibrium ∂σ_xx/∂x + ∂σ_xy/∂y + f_x = 0 and ∂σ_xy/∂x + ∂σ_yy/∂y + f_y = 0 expand to
 *
 *   A u_xx + G u_yy + (Aν + G) v_xy + f_x = 0,
 *   G v_xx + A v_yy + (Aν + G) u_xy + f_y = 0.
 *
 * The manufactured displacement u = sin πx sin πy, v = ½ sin 2πx sin πy vanishes on the whole
 * boundary (zero Dirichlet conditions on both outputs), and its mixed derivatives do not vanish,
 * so the coupling terms are exercised. Substituting it gives the body force (derived by hand,
 * checked in the tests by autodiff and by finite differences of the stresses):
 *
 *   f_x = π² [ (A + G) sin πx sin πy − (Aν + G) cos 2πx cos πy ],
 *   f_y = π² [ ½ (A + 4G) sin 2πx sin πy − (Aν + G) cos πx cos πy ].
 *
 * The residuals are divided by E so that the loss does not depend on the unit of E.
 */
import * as T from '../../core/tensor/index.js';
import { dirichlet } from '../conditions.js';
import { rectangle } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import type { SamplingMethod } from '../unit-cube.js';

/** Options of {@link elasticity2d}. */
export interface Elasticity2dOptions {
  /** Young's modulus E (> 0, default 1). */
  youngsModulus?: number;
  /** Poisson's ratio ν (in (−1, 0.5), default 0.3). */
  poissonRatio?: number;
  /** Interior collocation points (default 1024). */
  interiorCount?: number;
  /** Boundary points per displacement component (default 256). */
  boundaryCount?: number;
  /** Weight of the boundary terms (default 1). */
  boundaryWeight?: number;
  sampling?: SamplingMethod;
}

/** The plane-stress moduli A = E/(1 − ν²) and G = E/(2(1 + ν)), after checking E and ν. */
export function planeStressModuli(youngsModulus: number, poissonRatio: number): { A: number; G: number } {
  if (!(Number.isFinite(youngsModulus) && youngsModulus > 0)) {
    throw new Error(`youngsModulus must be a finite number > 0, got ${youngsModulus}`);
  }
  if (!(poissonRatio > -1 && poissonRatio < 0.5)) {
    throw new Error(`poissonRatio must lie in (-1, 0.5), got ${poissonRatio}`);
  }
  return {
    A: youngsModulus / (1 - poissonRatio * poissonRatio),
    G: youngsModulus / (2 * (1 + poissonRatio)),
  };
}

/** The stresses [σ_xx, σ_yy, σ_xy] of the displacement gradient (u_x, u_y, v_x, v_y). */
export function planeStress(
  youngsModulus: number,
  poissonRatio: number,
  gradient: readonly [number, number, number, number],
): [number, number, number] {
  const { A, G } = planeStressModuli(youngsModulus, poissonRatio);
  const [ux, uy, vx, vy] = gradient;
  return [A * (ux + poissonRatio * vy), A * (vy + poissonRatio * ux), G * (uy + vx)];
}

/** The manufactured displacement [u, v] at (x, y). */
export function elasticity2dExact(point: ArrayLike<number>): [number, number] {
  const [x, y] = [Math.PI * point[0], Math.PI * point[1]];
  return [Math.sin(x) * Math.sin(y), 0.5 * Math.sin(2 * x) * Math.sin(y)];
}

/** The body force [f_x, f_y] that makes {@link elasticity2dExact} the solution. */
export function elasticity2dBodyForce(
  youngsModulus: number,
  poissonRatio: number,
): (point: ArrayLike<number>) => [number, number] {
  const { A, G } = planeStressModuli(youngsModulus, poissonRatio);
  const coupling = A * poissonRatio + G;
  const pi2 = Math.PI * Math.PI;
  return (point) => {
    const [x, y] = [Math.PI * point[0], Math.PI * point[1]];
    return [
      pi2 * ((A + G) * Math.sin(x) * Math.sin(y) - coupling * Math.cos(2 * x) * Math.cos(y)),
      pi2 * (0.5 * (A + 4 * G) * Math.sin(2 * x) * Math.sin(y) - coupling * Math.cos(x) * Math.cos(y)),
    ];
  };
}

/** The body force at a batch of points [B, 2] (dense row-major), as two tensors [B], constant in θ. */
function bodyForceTensors(force: (point: ArrayLike<number>) => [number, number], x: T.Tensor) {
  const batch = x.shape[0];
  const fx = new Float64Array(batch);
  const fy = new Float64Array(batch);
  for (let i = 0; i < batch; i++) [fx[i], fy[i]] = force(x.data.subarray(2 * i, 2 * i + 2));
  return [T.fromData(fx, [batch]), T.fromData(fy, [batch])];
}

/** The plane-stress problem (axes 'x', 'y'; outputs 0 = u, 1 = v). */
export function elasticity2d(options: Elasticity2dOptions = {}): PinnProblem {
  const E = options.youngsModulus ?? 1;
  const nu = options.poissonRatio ?? 0.3;
  const { A, G } = planeStressModuli(E, nu);
  const force = elasticity2dBodyForce(E, nu);
  const count = options.boundaryCount ?? 256;
  const weight = options.boundaryWeight;
  return pinnProblem({
    name: `elasticity-2d (plane stress, E = ${E}, ν = ${nu})`,
    domain: rectangle([0, 0], [1, 1]),
    axisNames: ['x', 'y'],
    residual: ({ x, derivatives: d }) => {
      const [fx, fy] = bodyForceTensors(force, x);
      // Mixed derivatives come from nested autodiff (the Taylor pass gives only pure ones).
      const rx = T.add(
        T.add(T.mul(d.second('x', 'x', 0), A), T.mul(d.second('y', 'y', 0), G)),
        T.add(T.mul(d.second('x', 'y', 1), A * nu + G), fx),
      );
      const ry = T.add(
        T.add(T.mul(d.second('x', 'x', 1), G), T.mul(d.second('y', 'y', 1), A)),
        T.add(T.mul(d.second('x', 'y', 0), A * nu + G), fy),
      );
      return [T.div(rx, E), T.div(ry, E)];
    },
    conditions: [
      dirichlet(0, { count, weight, output: 0, name: 'boundary u' }),
      dirichlet(0, { count, weight, output: 1, name: 'boundary v' }),
    ],
    interiorCount: options.interiorCount ?? 1024,
    sampling: options.sampling,
    exact: (point) => elasticity2dExact(point)[0],
  });
}
