/**
 * The 1D heat equation u_t = k u_xx on [0, 1] × [0, T] with u(0, t) = u(1, t) = 0 and
 * u(x, 0) = sin πx; exact solution u = e^{−kπ²t} sin πx (REFERENCES.md, "PDEs").
 */

import { portableExp, portableSin } from '../../core/math/index.js';
import * as T from '../../core/tensor/index.js';
import { dirichlet, initial } from '../conditions.js';
import { interval } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import { spaceTime } from '../space-time.js';
import type { SamplingMethod } from '../unit-cube.js';

/** Options of {@link heat1d}. */
export interface Heat1dOptions {
  /** Conductivity k (> 0, default 1). */
  conductivity?: number;
  /** Final time T (> 0, default 1). */
  duration?: number;
  /** Interior collocation points (default 512). */
  interiorCount?: number;
  /** Boundary points (default 64). */
  boundaryCount?: number;
  /** Initial points (default 64). */
  initialCount?: number;
  /** Weights of the condition terms (default 1). */
  boundaryWeight?: number;
  initialWeight?: number;
  sampling?: SamplingMethod;
}

/** The exact solution e^{−kπ²t} sin πx at a point (x, t). */
export function heat1dExact(conductivity: number): (point: ArrayLike<number>) => number {
  return (point) =>
    portableExp(-conductivity * Math.PI * Math.PI * point[1]) * portableSin(Math.PI * point[0]);
}

/** The 1D heat problem (axes 'x', 't'). */
export function heat1d(options: Heat1dOptions = {}): PinnProblem {
  const k = options.conductivity ?? 1;
  if (!(Number.isFinite(k) && k > 0)) throw new Error(`conductivity must be a finite number > 0, got ${k}`);
  return pinnProblem({
    name: `heat-1d (k = ${k})`,
    domain: spaceTime(interval(0, 1), options.duration ?? 1),
    axisNames: ['x', 't'],
    residual: ({ derivatives: d }) => T.sub(d.first('t'), T.mul(d.second('x'), k)),
    conditions: [
      dirichlet(0, { count: options.boundaryCount ?? 64, weight: options.boundaryWeight, name: 'boundary' }),
      initial((p) => portableSin(Math.PI * p[0]), {
        count: options.initialCount ?? 64,
        weight: options.initialWeight,
        name: 'initial',
      }),
    ],
    interiorCount: options.interiorCount ?? 512,
    sampling: options.sampling,
    exact: heat1dExact(k),
  });
}
