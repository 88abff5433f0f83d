/**
 * The inverse 1D heat problem: recover the conductivity k of u_t = k u_xx on [0, 1] × [0, T]
 * from noisy observations of the solution u = e^{−kπ²t} sin πx.
 *
 * k is a trainable physical parameter optimised together with the network, stored as φ = log k
 * so that every value the optimizer tries is a positive conductivity (and steps are relative
 * changes of k). The loss is the PDE residual (with k = e^φ), optionally the boundary and
 * initial conditions, and the data misfit on `observationCount` points drawn uniformly in the
 * space-time domain with values u(x, t) + σ·N(0, 1), all from one seeded key.
 */
import { type Key, normal, split } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { type Condition, dirichlet, initial } from '../conditions.js';
import { interval } from '../domain.js';
import { type PinnProblem, pinnProblem } from '../problem.js';
import { spaceTime } from '../space-time.js';
import type { SamplingMethod } from '../unit-cube.js';
import { heat1dExact } from './heat-1d.js';

/** Options of {@link inverseHeat}. */
export interface InverseHeatOptions {
  /** The true conductivity k that generates the observations (> 0, default 1). */
  conductivity?: number;
  /** The starting guess of k (> 0, default 0.5). */
  initialConductivity?: number;
  /** Final time T (> 0, default 1). */
  duration?: number;
  /** Number of observations (integer ≥ 1, default 256). */
  observationCount?: number;
  /** Standard deviation σ of the Gaussian noise added to the observations (≥ 0, default 0.01). */
  noise?: number;
  /** The key of the observation points and their noise. */
  key: Key;
  /** Weight of the data misfit (default 1). */
  dataWeight?: number;
  /** Include the boundary and initial conditions in the loss (default true). */
  includeConditions?: boolean;
  /** Interior collocation points (default 512). */
  interiorCount?: number;
  /** Boundary points (default 64). */
  boundaryCount?: number;
  /** Initial points (default 64). */
  initialCount?: number;
  sampling?: SamplingMethod;
}

/** The conductivity k = e^φ of the trained physical parameters φ = [log k]. */
export function inverseHeatConductivity(physicalParameters: ArrayLike<number>): number {
  return Math.exp(physicalParameters[0]);
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`${name} must be a finite number > 0, got ${value}`);
  return value;
}

/** The inverse heat problem (axes 'x', 't'; physical parameter 'log k'). */
export function inverseHeat(options: InverseHeatOptions): PinnProblem {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  const k = positive(options.conductivity ?? 1, 'conductivity');
  const k0 = positive(options.initialConductivity ?? 0.5, 'initialConductivity');
  const count = options.observationCount ?? 256;
  if (!Number.isInteger(count) || count < 1 || count > 2 ** 24) {
    throw new Error(`observationCount must be an integer in [1, ${2 ** 24}], got ${count}`);
  }
  const noise = options.noise ?? 0.01;
  if (!(Number.isFinite(noise) && noise >= 0))
    throw new Error(`noise must be a finite number ≥ 0, got ${noise}`);
  const domain = spaceTime(interval(0, 1), options.duration ?? 1);
  const exact = heat1dExact(k);
  const [pointKey, noiseKey] = split(options.key, 2);
  const points = domain.sampleInterior(pointKey, count);
  const values = normal(noiseKey, count, { std: noise });
  for (let i = 0; i < count; i++) values[i] += exact(points.subarray(2 * i, 2 * i + 2));
  const conditions: Condition[] =
    options.includeConditions === false
      ? []
      : [
          dirichlet(0, { count: options.boundaryCount ?? 64, name: 'boundary' }),
          initial((p) => Math.sin(Math.PI * p[0]), { count: options.initialCount ?? 64, name: 'initial' }),
        ];
  return pinnProblem({
    name: `inverse heat-1d (true k = ${k})`,
    domain,
    axisNames: ['x', 't'],
    residual: ({ derivatives: d, parameters }) => {
      const conductivity = T.exp(T.reshape(T.slice(parameters, [0], [1]), []));
      return T.sub(d.first('t'), T.mul(d.second('x'), conductivity));
    },
    conditions,
    interiorCount: options.interiorCount ?? 512,
    sampling: options.sampling,
    exact,
    physicalParameters: { names: ['log k'], initial: [Math.log(k0)] },
    observations: [{ points, values, weight: options.dataWeight, name: 'data' }],
  });
}
