/**
 * The 2D Poisson problem −Δu = f on the unit square with u = 0 on the boundary and
 * f = 2π² sin πx sin πy, whose solution is u = sin πx sin πy.
 */
import * as T from '../../core/tensor/index.js';
import { dirichlet } from '../conditions.js';
import { rectangle } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import type { SamplingMethod } from '../unit-cube.js';

/** Options of {@link poisson2d}. */
export interface Poisson2dOptions {
  /** Interior collocation points (default 1024). */
  interiorCount?: number;
  /** Boundary points (default 256). */
  boundaryCount?: number;
  /** Weight of the boundary term (default 1). */
  boundaryWeight?: number;
  sampling?: SamplingMethod;
}

/** The exact solution sin πx sin πy. */
export function poisson2dExact(point: ArrayLike<number>): number {
  return Math.sin(Math.PI * point[0]) * Math.sin(Math.PI * point[1]);
}

/** The 2D Poisson problem (axes 'x', 'y'). */
export function poisson2d(options: Poisson2dOptions = {}): PinnProblem {
  return pinnProblem({
    name: 'poisson-2d',
    domain: rectangle([0, 0], [1, 1]),
    axisNames: ['x', 'y'],
    residual: ({ x, derivatives: d }) => {
      const batch = x.shape[0];
      const px = T.mul(T.reshape(T.slice(x, [0, 0], [batch, 1]), [batch]), Math.PI);
      const py = T.mul(T.reshape(T.slice(x, [0, 1], [batch, 2]), [batch]), Math.PI);
      const source = T.mul(T.mul(T.sin(px), T.sin(py)), 2 * Math.PI * Math.PI);
      // −Δu − f
      return T.neg(T.add(d.laplacian(), source));
    },
    conditions: [
      dirichlet(0, { count: options.boundaryCount ?? 256, weight: options.boundaryWeight, name: 'boundary' }),
    ],
    interiorCount: options.interiorCount ?? 1024,
    sampling: options.sampling,
    exact: poisson2dExact,
  });
}
