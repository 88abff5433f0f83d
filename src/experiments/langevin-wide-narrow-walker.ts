/**
 * One chain of Langevin dynamics on the 1-D landscape of the `langevin-wide-narrow` experiment,
 * assembled from the library's building blocks (`baoab`, `eulerMaruyama`, the `mala` sampler),
 * that can be snapshotted at any step and continued bit for bit after a checkpoint.
 */
import { fold, type Key, RandomStream, type RandomStreamState } from '../core/random/index.js';
import type { WideNarrowWellEnergy } from '../energies/index.js';
import { baoab, eulerMaruyama } from '../integrators/index.js';
import type { PhaseSpaceState } from '../integrators/integrator.js';
import { mala } from '../mcmc/index.js';

/** The Langevin dynamics that can run the experiment. */
export type WideNarrowDynamics = 'underdamped' | 'overdamped' | 'mala';

/** Where a walker stands: enough to continue it exactly after a checkpoint. */
export interface WalkerSnapshot {
  position: number;
  momentum: number;
  /** Steps taken so far (MALA: the index of the next step's key). */
  steps: number;
  /** The noise stream of the unadjusted dynamics (null for MALA, which folds a key per step). */
  stream: RandomStreamState | null;
  /** Accepted proposals so far (MALA; equal to `steps` for the unadjusted dynamics). */
  accepted: number;
}

/** One chain of the chosen dynamics on the 1-D landscape. */
export interface Walker {
  step(): void;
  readonly position: number;
  readonly energy: number;
  snapshot(): WalkerSnapshot;
}

/** The dynamics of a walker and its constants. */
export interface WalkerOptions {
  dynamics: WideNarrowDynamics;
  stepSize: number;
  friction: number;
  temperature: number;
}

/** Builds a walker from the building blocks: `baoab`, `eulerMaruyama` or the `mala` sampler. */
export function createWalker(
  energy: WideNarrowWellEnergy,
  options: WalkerOptions,
  key: Key,
  from: WalkerSnapshot,
): Walker {
  const { dynamics, stepSize, friction, temperature } = options;
  if (dynamics === 'mala') {
    const sampler = mala({ energy, stepSize, temperature });
    let state = sampler.init([from.position]);
    let { steps, accepted } = from;
    return {
      step() {
        const [next, info] = sampler.step(fold(key, steps), state);
        state = next;
        steps++;
        if (info.accepted) accepted++;
      },
      get position() {
        return state.position[0];
      },
      get energy() {
        return state.energy;
      },
      snapshot: () => ({ position: state.position[0], momentum: 0, steps, stream: null, accepted }),
    };
  }
  const stream = from.stream === null ? new RandomStream(key) : RandomStream.fromState(from.stream);
  const integrator =
    dynamics === 'underdamped'
      ? baoab(energy, { friction, temperature })
      : eulerMaruyama(energy, { temperature });
  const state: PhaseSpaceState = {
    position: Float64Array.of(from.position),
    momentum: Float64Array.of(from.momentum),
    potentialEnergy: 0,
    gradient: new Float64Array(1),
  };
  state.potentialEnergy = energy.energyAndGradient(state.position, state.gradient);
  let { steps } = from;
  return {
    step() {
      integrator.step(state, stepSize, stream);
      steps++;
    },
    get position() {
      return state.position[0];
    },
    get energy() {
      return state.potentialEnergy;
    },
    snapshot: () => ({
      position: state.position[0],
      momentum: state.momentum[0],
      steps,
      stream: stream.getState(),
      accepted: steps,
    }),
  };
}
