/**
 * `trainPinn` (Adam on optionally resampled collocation points, then L-BFGS on the last batch)
 * with checkpoints, for the PINN experiments that train through `trainPinnExperiment`.
 *
 * It takes the same steps as `trainPinn` — the same keys, batches and `minimize` calls, so an
 * uninterrupted run gives `trainPinn`'s numbers bit for bit — and saves a checkpoint (see
 * `pinn-checkpoint.ts`) every `checkpointEvery` steps, at the switch to L-BFGS, and when the
 * run is interrupted. A resumed run restarts the current phase's `minimize` from the saved
 * iterate with the saved optimizer state, so it ends with the same numbers as one that never
 * stopped. `trainPinn` itself (src/pinn/train.ts) has no hook for an optimizer state, hence
 * this loop.
 */
import { fold, type Key, keyToString, split } from '../core/random/index.js';
import type { Mlp } from '../models/mlp/index.js';
import {
  adam,
  type EnergyOptimizer,
  type Iterate,
  lbfgs,
  minimize,
  type StepInfo,
  toEnergyOptimizer,
} from '../optim/index.js';
import {
  mlpNetwork,
  type PinnProblem,
  physicalParameterCount,
  pinnEnergy,
  predictWith,
  sampleCollocation,
  type TrainPinnResult,
} from '../pinn/index.js';
import type { ExperimentContext } from './framework/define.js';
import { InterruptedError } from './framework/errors.js';
import {
  decodePinnCheckpoint,
  encodePinnCheckpoint,
  type PinnTrainingPlan,
  type PinnTrainingSnapshot,
} from './pinn-checkpoint.js';

/** Options of {@link trainPinnResumable}. */
export interface ResumableTrainingOptions {
  /** The network; its `parameters` are the start of a fresh run. */
  model: Mlp;
  adamSteps: number;
  learningRate: number;
  lbfgsSteps: number;
  /** Resample the collocation points every this many Adam steps (0: never). */
  resampleEvery: number;
  /** Save a checkpoint every this many steps (0: only at the switch to L-BFGS). */
  checkpointEvery: number;
  /** The collocation key (first half: the first batch; second half folded with the step: resamples). */
  key: Key;
}

/** The outcome: `trainPinn`'s, with φ along the way. */
export interface ResumableTrainingResult extends TrainPinnResult {
  /** φ at the start and after each step, one vector per entry of `lossHistory`. */
  physicalHistory: Float64Array[];
  /** The step this process resumed from (0: a fresh run). */
  resumedFromStep: number;
}

/**
 * `optimizer` as one phase of the training: `init` reports the starting point to `onStart`
 * (`minimize` evaluates it first: the loss history's entry 0); when continuing from a
 * checkpoint, `init` hands over the saved state and the first step starts from the saved
 * iterate with its loss and gradient as the optimizer saw them, not as `minimize`
 * re-evaluates them (after a resample that would be on another batch).
 */
function phaseOptimizer(
  optimizer: EnergyOptimizer,
  onStart: (point: Iterate) => void,
  continuation?: { state: unknown; point: Iterate },
): EnergyOptimizer {
  let pending = continuation?.point;
  return {
    name: optimizer.name,
    init(energy, point) {
      onStart(point);
      return continuation === undefined ? optimizer.init(energy, point) : continuation.state;
    },
    step(energy, point, state) {
      const from = pending ?? point;
      pending = undefined;
      return optimizer.step(energy, from, state);
    },
    stability: optimizer.stability?.bind(optimizer),
  };
}

/** Trains like `trainPinn`, saving and resuming checkpoints through `context.checkpoint`. */
export function trainPinnResumable(
  problem: PinnProblem,
  options: ResumableTrainingOptions,
  context: ExperimentContext,
): ResumableTrainingResult {
  const { model, adamSteps, lbfgsSteps, resampleEvery, checkpointEvery } = options;
  const network = mlpNetwork(model);
  const n = network.parameterCount;
  const m = physicalParameterCount(problem);
  const plan: PinnTrainingPlan = {
    sizes: [...model.sizes],
    activation: model.activation,
    parameterCount: n,
    physicalParameterCount: m,
    key: keyToString(options.key),
    adamSteps,
    learningRate: options.learningRate,
    lbfgsSteps,
    resampleEvery,
  };
  const [sampleKey, resampleKey] = split(options.key, 2);
  const batchAt = (batchStep: number) =>
    sampleCollocation(problem, batchStep === 0 ? sampleKey : fold(resampleKey, batchStep));

  const stored = context.checkpoint.load<unknown>();
  const saved = stored === undefined ? undefined : decodePinnCheckpoint(stored, plan);
  const total = adamSteps + lbfgsSteps;
  if (saved !== undefined) {
    const phase = saved.phase === 'adam' ? 'Adam' : 'L-BFGS';
    context.log(`PINN training resumes at step ${saved.step} of ${total} (${phase})`);
  }
  const began = performance.now();
  const secondsBefore = saved?.seconds ?? 0;
  let batchStep = saved?.batchStep ?? 0;
  const energy = pinnEnergy(problem, network, batchAt(batchStep));
  const lossHistory = saved === undefined ? [] : Array.from(saved.lossHistory);
  const physicalHistory: Float64Array[] = [];
  if (saved !== undefined) {
    for (let i = 0; i < saved.lossHistory.length; i++) {
      physicalHistory.push(saved.physicalHistory.slice(i * m, (i + 1) * m));
    }
  }
  let parameters = new Float64Array(n + m);
  if (saved === undefined) {
    parameters.set(model.parameters);
    parameters.set(problem.physicalParameters?.initial ?? [], n);
  } else parameters = Float64Array.from(saved.position);
  let switchStep = saved?.switchStep;
  const aborted = () => context.signal?.aborted === true;

  const save = (snapshot: Omit<PinnTrainingSnapshot, 'lossHistory' | 'physicalHistory' | 'seconds'>) => {
    const flat = new Float64Array(physicalHistory.length * m);
    for (const [i, phi] of physicalHistory.entries()) flat.set(phi, i * m);
    context.checkpoint.save(
      encodePinnCheckpoint(plan, {
        ...snapshot,
        lossHistory: Float64Array.from(lossHistory),
        physicalHistory: flat,
        seconds: secondsBefore + (performance.now() - began) / 1000,
      }),
    );
  };

  /** Runs (or continues) one phase up to `end` steps over both phases; returns the steps taken. */
  const runPhase = (phase: 'adam' | 'lbfgs', first: number, end: number): number => {
    const base = phase === 'adam' ? adam({ learningRate: options.learningRate }) : lbfgs();
    const resumeFrom = saved?.phase === phase ? saved : undefined;
    const done = resumeFrom?.step ?? first;
    if (done >= end) return done - first;
    const optimizer = phaseOptimizer(
      toEnergyOptimizer(base),
      (point) => {
        // Entry 0 of the loss history: the start of the first phase of a fresh run (trainPinn's too).
        if (lossHistory.length > 0) return;
        lossHistory.push(point.energy);
        physicalHistory.push(point.position.slice(n));
      },
      resumeFrom?.optimizer && {
        state: resumeFrom.optimizer.state,
        point: {
          position: resumeFrom.position,
          energy: resumeFrom.optimizer.loss,
          gradient: resumeFrom.optimizer.gradient,
        },
      },
    );
    const result = minimize(energy, parameters, optimizer, {
      maxSteps: end - done,
      gradientTolerance: 0,
      onStep: (info: StepInfo) => {
        const step = done + info.step;
        lossHistory.push(info.energy);
        physicalHistory.push(info.position.slice(n));
        // As in trainPinn: the new batch is used from the next evaluation on, never after Adam.
        if (phase === 'adam' && resampleEvery > 0 && step % resampleEvery === 0 && step < end) {
          batchStep = step;
          energy.batch = batchAt(batchStep);
        }
        if (step % 10 === 0 || step === total) {
          context.progress(step, total, `${phase} step ${step}, loss ${info.energy.toExponential(2)}`);
        }
        // The end of a phase is saved by the caller (the switch) or needs no checkpoint (the end).
        if (aborted() || (checkpointEvery > 0 && step % checkpointEvery === 0 && step < end)) {
          save({
            phase,
            step,
            switchStep,
            batchStep,
            position: info.position,
            optimizer: { state: info.state, loss: info.energy, gradient: info.gradient },
          });
        }
        return !aborted();
      },
    });
    parameters = Float64Array.from(result.x);
    if (aborted()) throw new InterruptedError('interrupted by the user');
    return done - first + result.steps;
  };

  if (switchStep === undefined) {
    switchStep = runPhase('adam', 0, adamSteps);
    if (adamSteps > 0 && lbfgsSteps > 0) {
      save({
        phase: 'lbfgs',
        step: switchStep,
        switchStep,
        batchStep,
        position: parameters,
      });
    }
  }
  runPhase('lbfgs', switchStep, switchStep + lbfgsSteps);
  if (lossHistory.length === 0) {
    lossHistory.push(energy.energy(parameters));
    physicalHistory.push(parameters.slice(n));
  }
  const final = parameters.slice(0, n);
  return {
    parameters: final,
    physicalParameters: parameters.slice(n),
    lossHistory,
    switchStep,
    terms: energy.terms(parameters),
    seconds: secondsBefore + (performance.now() - began) / 1000,
    predict: (points, output = 0) => predictWith(network, final, points, output),
    physicalHistory,
    resumedFromStep: saved?.step ?? 0,
  };
}
