/**
 * A first step size for adaptation: Hoffman & Gelman's heuristic (2014, Algorithm 4), as in
 * Stan's `init_stepsize`. Starting from ε₀, probe the acceptance probability of one short move
 * with fresh momentum; if it is above 0.8, double ε until it falls below, otherwise halve ε
 * until it rises above, and return the step size at the crossing. This puts dual averaging
 * within a factor of two of a good value, so it converges within the first window.
 */
import { fold, type Key, RandomStream } from '../../../core/random/index.js';
import { describe } from '../../../core/validate.js';
import type { Energy } from '../../../energies/energy.js';
import { type IntegratorFactory, kineticEnergy, phaseSpaceState } from '../../../integrators/integrator.js';
import { leapfrog } from '../../../integrators/leapfrog.js';
import { hamiltonianAcceptanceProbability } from '../metropolis.js';
import { momentumScales, sampleMomentum } from '../momentum.js';

/** The acceptance probability in [0, 1] of a move with step size `stepSize`, random in `key`. */
export type AcceptanceProbe = (stepSize: number, key: Key) => number;

/** Options of `leapfrogAcceptanceProbe`. */
export interface LeapfrogProbeOptions {
  /** Diagonal of M⁻¹; ones by default. */
  inverseMassDiagonal?: Float64Array;
  /** The integrator; `leapfrog` by default. */
  integrator?: IntegratorFactory;
  /** Temperature T > 0; 1 by default. */
  temperature?: number;
}

/**
 * Stan's probe: one integrator step from `position` with p ~ N(0, T·M), returning
 * min(1, exp(−ΔH/T)). One gradient evaluation per probe (plus one to set up).
 */
export function leapfrogAcceptanceProbe(
  energy: Energy,
  position: ArrayLike<number>,
  options: LeapfrogProbeOptions = {},
): AcceptanceProbe {
  const n = energy.dimension;
  const inverseMassDiagonal = options.inverseMassDiagonal ?? new Float64Array(n).fill(1);
  const temperature = options.temperature ?? 1;
  const integrator = (options.integrator ?? leapfrog)(energy, inverseMassDiagonal);
  const scales = momentumScales(inverseMassDiagonal, temperature);
  const start = phaseSpaceState(energy, position, new Float64Array(n));
  const work = phaseSpaceState(energy, position, new Float64Array(n));
  return (stepSize, key) => {
    work.position.set(start.position);
    work.gradient.set(start.gradient);
    work.potentialEnergy = start.potentialEnergy;
    sampleMomentum(new RandomStream(key), scales, work.momentum);
    const initial = start.potentialEnergy + kineticEnergy(work.momentum, inverseMassDiagonal);
    integrator.step(work, stepSize);
    let error = work.potentialEnergy + kineticEnergy(work.momentum, inverseMassDiagonal) - initial;
    if (Number.isNaN(error)) error = Number.POSITIVE_INFINITY;
    return hamiltonianAcceptanceProbability(error, temperature);
  };
}

/** Options of `findReasonableStepSize`. */
export interface StepSizeHeuristicOptions {
  /** The acceptance level whose crossing stops the search; 0.8 by default (Stan). */
  threshold?: number;
  /** Smallest step size tried before giving up; 1e-12 by default. */
  minStepSize?: number;
  /** Largest step size tried before giving up; 1e7 by default (Stan). */
  maxStepSize?: number;
}

/**
 * The step size at which the probed acceptance crosses `threshold`, searching by doubling or
 * halving from `initialStepSize`. Probe i uses the key `fold(key, i)`.
 *
 * Throws when the search leaves [minStepSize, maxStepSize]: the acceptance never drops (an
 * improper, flat target) or never rises (a non-finite or non-smooth energy at the position).
 */
export function findReasonableStepSize(
  probe: AcceptanceProbe,
  initialStepSize: number,
  key: Key,
  options: StepSizeHeuristicOptions = {},
): number {
  const where = 'findReasonableStepSize';
  const { threshold = 0.8, minStepSize = 1e-12, maxStepSize = 1e7 } = options;
  if (!(Number.isFinite(initialStepSize) && initialStepSize > 0)) {
    throw new RangeError(
      `${where}: initialStepSize must be a finite number > 0, got ${describe(initialStepSize)}`,
    );
  }
  if (!(threshold > 0 && threshold < 1)) {
    throw new RangeError(`${where}: threshold must be in (0, 1), got ${describe(threshold)}`);
  }
  let stepSize = initialStepSize;
  let probes = 0;
  const increase = probe(stepSize, fold(key, probes++)) > threshold;
  for (;;) {
    stepSize = increase ? 2 * stepSize : 0.5 * stepSize;
    if (stepSize > maxStepSize || stepSize < minStepSize) {
      throw new RangeError(
        `${where}: no step size in [${minStepSize}, ${maxStepSize}] brings the acceptance ${increase ? 'below' : 'above'} ${threshold}; ` +
          (increase ? 'is the target improper (flat)?' : 'is the energy finite and smooth at the position?'),
      );
    }
    const acceptance = probe(stepSize, fold(key, probes++));
    if (increase ? !(acceptance > threshold) : !(acceptance < threshold)) return stepSize;
  }
}
