/**
 * The 2D heat equation u_t = k (u_xx + u_yy) on the unit square × [0, T] with u = 0 on the
 * boundary and u(x, y, 0) = sin πx sin πy; exact solution u = e^{−2kπ²t} sin πx sin πy (the
 * product of two 1D modes, each decaying at the rate kπ²).
 */
import * as T from '../../core/tensor/index.js';
import { dirichlet, initial } from '../conditions.js';
import { rectangle } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import { spaceTime } from '../space-time.js';
import type { SamplingMethod } from '../unit-cube.js';

/** Options of {@link heat2d}. */
export interface Heat2dOptions {
  /** Conductivity k (> 0, default 1). */
  conductivity?: number;
  /** Final time T (> 0, default 1). */
  duration?: number;
  /** Interior collocation points (default 2048). */
  interiorCount?: number;
  /** Boundary points on the lateral faces ∂Ω × [0, T] (default 256). */
  boundaryCount?: number;
  /** Initial points (default 256). */
  initialCount?: number;
  /** Weights of the condition terms (default 1). */
  boundaryWeight?: number;
  initialWeight?: number;
  sampling?: SamplingMethod;
}

/** The exact solution e^{−2kπ²t} sin πx sin πy at a point (x, y, t). */
export function heat2dExact(conductivity: number): (point: ArrayLike<number>) => number {
  return (point) =>
    Math.exp(-2 * conductivity * Math.PI * Math.PI * point[2]) *
    Math.sin(Math.PI * point[0]) *
    Math.sin(Math.PI * point[1]);
}

/** The 2D heat problem (axes 'x', 'y', 't'). */
export function heat2d(options: Heat2dOptions = {}): PinnProblem {
  const k = options.conductivity ?? 1;
  if (!(Number.isFinite(k) && k > 0)) throw new Error(`conductivity must be a finite number > 0, got ${k}`);
  return pinnProblem({
    name: `heat-2d (k = ${k})`,
    domain: spaceTime(rectangle([0, 0], [1, 1]), options.duration ?? 1),
    axisNames: ['x', 'y', 't'],
    residual: ({ derivatives: d }) => T.sub(d.first('t'), T.mul(d.laplacian(['x', 'y']), k)),
    conditions: [
      dirichlet(0, { count: options.boundaryCount ?? 256, weight: options.boundaryWeight, name: 'boundary' }),
      initial((p) => Math.sin(Math.PI * p[0]) * Math.sin(Math.PI * p[1]), {
        count: options.initialCount ?? 256,
        weight: options.initialWeight,
        name: 'initial',
      }),
    ],
    interiorCount: options.interiorCount ?? 2048,
    sampling: options.sampling,
    exact: heat2dExact(k),
  });
}
