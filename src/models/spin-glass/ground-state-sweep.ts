/**
 * The Sherrington–Kirkpatrick ground-state energy per spin as a function of N, averaged over
 * instances of the disorder, and its extrapolation to N → ∞ by e(N) = e∞ + a·N^(−2/3), to be
 * compared with Parisi's e∞ = −0.7631667 (Crisanti and Rizzo 2002; the N^(−2/3) law is the
 * finite-size scaling found numerically by Palassini, Boettcher and others).
 *
 * Instance i of size N is drawn from `fold(fold(key, N), i)`, so an instance does not depend on
 * which other sizes are in the sweep. 'exact' enumerates (N ≤ 30, 24 in well under a second);
 * 'annealing' and 'tempering' return the best energy found, an upper bound on the ground state,
 * so their means are biased upward when they miss.
 */

import { portablePow } from '../../core/math/index.js';
import { fold, type Key } from '../../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
  finiteArray,
} from '../../core/validate.js';
import { exactGroundState } from './enumeration.js';
import {
  COUPLING_DISTRIBUTIONS,
  type CouplingDistribution,
  PARISI_GROUND_STATE_ENERGY,
  sherringtonKirkpatrick,
} from './sherrington-kirkpatrick.js';
import { annealSpins } from './spin-annealing.js';
import { temperSpins } from './spin-tempering.js';

/** How each instance's ground state is found. */
export type GroundStateMethod = 'exact' | 'annealing' | 'tempering';

/** Options of {@link skGroundStateSweep}. */
export interface SkGroundStateSweepOptions {
  /** The sizes N, each an integer in [2, 4096] ('exact': [2, 30]). */
  sizes: ArrayLike<number>;
  /** Instances of the disorder per size, an integer ≥ 2 (for a standard error). */
  instancesPerSize: number;
  /** 'exact', 'annealing' or 'tempering'. */
  method: GroundStateMethod;
  /** Fixes the instances and the searches. */
  key: Key;
  /** 'gaussian' (default) or 'bimodal' couplings. */
  couplingDistribution?: CouplingDistribution;
  /** Annealing budget: `sweeps` per restart (default 50·N) and `restarts` (default 10). */
  annealing?: { sweeps?: number; restarts?: number };
  /** Tempering: `temperatures` (default 20 geometric from 0.15 to 1.6) and `sweeps` (default 100·N). */
  tempering?: { temperatures?: ArrayLike<number>; sweeps?: number };
}

/** Ground-state statistics at one size. */
export interface GroundStateSizePoint {
  /** N. */
  readonly size: number;
  /** Instances averaged. */
  readonly instances: number;
  /** Mean over instances of E₀/N. */
  readonly meanEnergyPerSpin: number;
  /** Standard error of that mean (sample standard deviation / √instances). */
  readonly standardError: number;
  /** E₀/N of each instance. */
  readonly energiesPerSpin: Float64Array;
  /** Wall-clock seconds per instance (informative; not reproducible). */
  readonly secondsPerInstance: number;
}

/** What {@link skGroundStateSweep} returns. */
export interface SkGroundStateSweepResult {
  readonly method: GroundStateMethod;
  readonly couplingDistribution: CouplingDistribution;
  /** One point per size, in the order given. */
  readonly points: GroundStateSizePoint[];
}

/** `count` temperatures in geometric progression from `minimum` to `maximum`. */
export function geometricTemperatures(minimum: number, maximum: number, count: number): Float64Array {
  assertPositive('geometricTemperatures', 'minimum', minimum);
  assertPositive('geometricTemperatures', 'maximum', maximum);
  assertInteger('geometricTemperatures', 'count', count, 2, 1 << 16);
  if (!(maximum > minimum))
    throw new RangeError(`geometricTemperatures: maximum must be > minimum (${minimum}), got ${maximum}`);
  return Float64Array.from(
    { length: count },
    (_, k) => minimum * portablePow(maximum / minimum, k / (count - 1)),
  );
}

/**
 * Mean SK ground-state energy per spin at each size, over `instancesPerSize` instances.
 *
 * ```ts
 * const sweep = skGroundStateSweep({ sizes: [8, 12, 16, 20, 24], instancesPerSize: 50, method: 'exact', key });
 * extrapolateGroundStateEnergy(sweep.points).energyInfinity;   // compare with −0.7632
 * ```
 */
export function skGroundStateSweep(options: SkGroundStateSweepOptions): SkGroundStateSweepResult {
  const where = 'skGroundStateSweep';
  assertOptions(where, options);
  const sizes = finiteArray(where, 'sizes', options.sizes);
  if (sizes.length === 0) throw new RangeError(`${where}: sizes must not be empty`);
  const { method, instancesPerSize, key } = options;
  assertOneOf(where, 'method', method, ['exact', 'annealing', 'tempering']);
  sizes.forEach((n, k) => {
    assertInteger(where, `sizes[${k}]`, n, 2, method === 'exact' ? 30 : 4096);
  });
  assertInteger(where, 'instancesPerSize', instancesPerSize, 2, 1e7);
  assertKey(where, key);
  const couplingDistribution = options.couplingDistribution ?? 'gaussian';
  assertOneOf(where, 'couplingDistribution', couplingDistribution, COUPLING_DISTRIBUTIONS);
  const annealing = options.annealing ?? {};
  const tempering = options.tempering ?? {};
  if (typeof annealing !== 'object' || typeof tempering !== 'object')
    throw new TypeError(`${where}: annealing and tempering must be objects, got ${describe(annealing)}`);
  const ladder =
    tempering.temperatures === undefined
      ? geometricTemperatures(0.15, 1.6, 20)
      : Float64Array.from(tempering.temperatures);

  const points = Array.from(sizes, (size) => {
    const energies = new Float64Array(instancesPerSize);
    const start = performance.now();
    for (let i = 0; i < instancesPerSize; i++) {
      const instanceKey = fold(fold(key, size), i);
      const system = sherringtonKirkpatrick({ size, key: instanceKey, couplingDistribution });
      const searchKey = fold(instanceKey, 0x5ea5c4);
      let energy: number;
      if (method === 'exact') energy = exactGroundState(system).energy;
      else if (method === 'annealing') {
        energy = annealSpins({
          system,
          sweeps: annealing.sweeps ?? 50 * size,
          restarts: annealing.restarts ?? 10,
          key: searchKey,
        }).bestEnergy;
      } else {
        energy = temperSpins({
          system,
          temperatures: ladder,
          sweeps: tempering.sweeps ?? 100 * size,
          burnInSweeps: 0,
          key: searchKey,
        }).bestEnergy;
      }
      energies[i] = energy / size;
    }
    const seconds = (performance.now() - start) / 1000;
    let mean = 0;
    for (const e of energies) mean += e / instancesPerSize;
    let squares = 0;
    for (const e of energies) squares += (e - mean) * (e - mean);
    return {
      size,
      instances: instancesPerSize,
      meanEnergyPerSpin: mean,
      standardError: Math.sqrt(squares / (instancesPerSize - 1) / instancesPerSize),
      energiesPerSpin: energies,
      secondsPerInstance: seconds / instancesPerSize,
    };
  });
  return { method, couplingDistribution, points };
}

/** Options of {@link extrapolateGroundStateEnergy}. */
export interface ExtrapolationOptions {
  /** The finite-size exponent ω in e(N) = e∞ + a·N^(−ω), > 0 (default 2/3). */
  exponent?: number;
}

/** The weighted least-squares fit e(N) = e∞ + a·N^(−ω). */
export interface GroundStateExtrapolation {
  /** e∞. */
  readonly energyInfinity: number;
  /** Its standard error, from the weights 1/σ² (not rescaled by χ²). */
  readonly energyInfinityError: number;
  /** a. */
  readonly slope: number;
  /** Its standard error. */
  readonly slopeError: number;
  /** ω used. */
  readonly exponent: number;
  /** Σ ((e_N − fit)/σ_N)². */
  readonly chiSquared: number;
  /** Points − 2. */
  readonly degreesOfFreedom: number;
  /** χ²/dof (NaN with 2 points): ≫ 1 says the model or the error bars are wrong. */
  readonly reducedChiSquared: number;
  /** (e∞ − Parisi)/error: how many standard errors from −0.7631667. */
  readonly deviationFromParisi: number;
}

/**
 * Fits e(N) = e∞ + a·N^(−ω) to points (N, mean, standard error) by weighted least squares
 * (weights 1/σ²), from at least two distinct sizes, and reports e∞ with its standard error.
 */
export function extrapolateGroundStateEnergy(
  points: ReadonlyArray<Pick<GroundStateSizePoint, 'size' | 'meanEnergyPerSpin' | 'standardError'>>,
  options: ExtrapolationOptions = {},
): GroundStateExtrapolation {
  const where = 'extrapolateGroundStateEnergy';
  if (!Array.isArray(points) || points.length < 2)
    throw new RangeError(`${where}: points must hold at least 2 sizes, got ${describe(points)}`);
  const exponent = options.exponent ?? 2 / 3;
  assertPositive(where, 'exponent', exponent);
  let s = 0;
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  points.forEach((p, k) => {
    assertPositive(where, `points[${k}].size`, p?.size);
    assertPositive(where, `points[${k}].standardError`, p.standardError);
    if (!Number.isFinite(p.meanEnergyPerSpin))
      throw new RangeError(
        `${where}: points[${k}].meanEnergyPerSpin must be finite, got ${p.meanEnergyPerSpin}`,
      );
    const w = 1 / (p.standardError * p.standardError);
    const x = portablePow(p.size, -exponent);
    s += w;
    sx += w * x;
    sxx += w * x * x;
    sy += w * p.meanEnergyPerSpin;
    sxy += w * x * p.meanEnergyPerSpin;
  });
  const determinant = s * sxx - sx * sx;
  if (!(determinant > 1e-14 * s * sxx))
    throw new RangeError(`${where}: points must include at least 2 distinct sizes`);
  const energyInfinity = (sxx * sy - sx * sxy) / determinant;
  const slope = (s * sxy - sx * sy) / determinant;
  let chiSquared = 0;
  for (const p of points)
    chiSquared +=
      ((p.meanEnergyPerSpin - energyInfinity - slope * portablePow(p.size, -exponent)) / p.standardError) **
      2;
  const degreesOfFreedom = points.length - 2;
  const energyInfinityError = Math.sqrt(sxx / determinant);
  return {
    energyInfinity,
    energyInfinityError,
    slope,
    slopeError: Math.sqrt(s / determinant),
    exponent,
    chiSquared,
    degreesOfFreedom,
    reducedChiSquared: degreesOfFreedom > 0 ? chiSquared / degreesOfFreedom : Number.NaN,
    deviationFromParisi: (energyInfinity - PARISI_GROUND_STATE_ENERGY) / energyInfinityError,
  };
}
