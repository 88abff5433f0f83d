/**
 * Viscous Burgers u_t + u u_x = ν u_xx on [−1, 1] × [0, T] with u(x, 0) = −sin πx and
 * u(±1, t) = 0, ν = 0.01/π by default: the benchmark of Raissi et al. (2019). A shock forms at
 * x = 0 near t = 1/π and stays there, with u_x(0, 1.6037/π) = −152.005 (Basdevant et al.
 * 1986). The exact solution comes from the Cole–Hopf transform (reference/burgers-cole-hopf.ts).
 */
import * as T from '../../core/tensor/index.js';
import { dirichlet, initial } from '../conditions.js';
import { interval } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import { BURGERS_VISCOSITY, burgersColeHopf } from '../reference/burgers-cole-hopf.js';
import { spaceTime } from '../space-time.js';
import type { SamplingMethod } from '../unit-cube.js';

/** Options of {@link burgers}. */
export interface BurgersOptions {
  /** ν (> 0, default 0.01/π). */
  viscosity?: number;
  /** Final time T (> 0, default 1). */
  duration?: number;
  /** Interior collocation points (default 10 000, as Raissi et al.). */
  interiorCount?: number;
  /** Boundary points on x = ±1 (default 100). */
  boundaryCount?: number;
  /** Initial points on t = 0 (default 100). */
  initialCount?: number;
  /** Weights of the condition terms (default 1). */
  boundaryWeight?: number;
  initialWeight?: number;
  sampling?: SamplingMethod;
  /** Gauss–Hermite nodes of the Cole–Hopf reference (default 128). */
  quadratureNodes?: number;
}

/** The Burgers residual u_t + u u_x − ν u_xx, from the inputs' derivatives (each a tensor [B]). */
export function burgersResidual(
  viscosity: number,
  u: T.Tensor,
  ut: T.Tensor,
  ux: T.Tensor,
  uxx: T.Tensor,
): T.Tensor {
  return T.sub(T.add(ut, T.mul(u, ux)), T.mul(uxx, viscosity));
}

/** The Burgers problem (axes 'x', 't'), with the Cole–Hopf solution as `exact`. */
export function burgers(options: BurgersOptions = {}): PinnProblem {
  const nu = options.viscosity ?? BURGERS_VISCOSITY;
  if (!(Number.isFinite(nu) && nu > 0)) throw new Error(`viscosity must be a finite number > 0, got ${nu}`);
  const solution = burgersColeHopf({ viscosity: nu, nodes: options.quadratureNodes });
  return pinnProblem({
    name: `burgers (ν = ${nu.toPrecision(4)})`,
    domain: spaceTime(interval(-1, 1), options.duration ?? 1),
    axisNames: ['x', 't'],
    residual: ({ u, derivatives: d }) => burgersResidual(nu, u, d.first('t'), d.first('x'), d.second('x')),
    conditions: [
      dirichlet(0, { count: options.boundaryCount ?? 100, weight: options.boundaryWeight, name: 'boundary' }),
      initial((p) => -Math.sin(Math.PI * p[0]), {
        count: options.initialCount ?? 100,
        weight: options.initialWeight,
        name: 'initial',
      }),
    ],
    interiorCount: options.interiorCount ?? 10_000,
    sampling: options.sampling,
    exact: (point) => solution.u(point[0], point[1]),
  });
}
