/**
 * The training of `pinn-burgers`: the two phases of `trainPinn` (Adam, then L-BFGS, on a batch
 * drawn from the first half of `pointKey` as `trainPinn` draws it), driven through `minimize`
 * directly so that the test error can be recorded along the way (for Burgers the loss says
 * little about when the shock is resolved; the error curve does), plus residual-based adaptive
 * refinement (RAR, Lu et al. 2021) during L-BFGS.
 *
 * Why refinement: the shock layer (width ~2ν ≈ 0.006) holds a handful of uniform collocation
 * points. A steep front lying between them costs the loss almost nothing, so L-BFGS lets it
 * drift off x = 0 and the error stalls at O(1) along the front. Before each of `rounds` equal
 * L-BFGS segments, the residual is evaluated on fresh candidate points and the `points`
 * largest are added to the batch; L-BFGS restarts on the grown batch (its curvature pairs
 * belong to the old loss). With `rounds = 0` this is plain `trainPinn`.
 *
 * The Adam phase is checkpointed; an interrupted run resumes with L-BFGS from the saved
 * parameters (refinement is keyed, so it repeats exactly) and ends with the same numbers.
 */
import { noGrad } from '../core/autodiff/index.js';
import { fold, type Key, split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import type { Mlp } from '../models/mlp/index.js';
import { adam, lbfgs, minimize } from '../optim/index.js';
import {
  derivativesAt,
  errorAgainst,
  mlpNetwork,
  type PinnNetwork,
  type PinnProblem,
  pinnEnergy,
  predictWith,
  sampleCollocation,
  type TrainPinnResult,
} from '../pinn/index.js';
import type { ExperimentContext } from './framework/define.js';

/** What the Adam phase leaves in the checkpoint. */
interface AdamCheckpoint {
  parameters: number[];
  lossHistory: number[];
  errorSteps: number[];
  errors: number[];
  seconds: number;
}

/** Residual-based refinement during L-BFGS. */
export interface RefinementOptions {
  /** L-BFGS segments, each preceded by a refinement (0: none). */
  rounds: number;
  /** Points added per round. */
  points: number;
  /** Uniform candidate points per round, of which the `points` largest residuals are kept. */
  candidates: number;
}

/** Options of {@link trainBurgersPinn}. */
export interface BurgersTrainingOptions {
  adamSteps: number;
  learningRate: number;
  lbfgsSteps: number;
  refinement: RefinementOptions;
  /** Record the test error every this many steps (and at the switch and the end). */
  errorEvery: number;
  /** The test grid (row-major (x, t) pairs) and the reference values there. */
  testPoints: Float64Array;
  reference: Float64Array;
}

/** The training outcome, with the test error along the way. */
export interface BurgersTrainingResult extends TrainPinnResult {
  /** Steps at which the test error was recorded, and the relative L2 error there. */
  errorSteps: number[];
  errors: number[];
  /** Steps after which points were added, and the final number of interior points. */
  refinementSteps: number[];
  interiorCount: number;
}

/** |residual| of `problem` for `network` at θ on `points` (row-major (x, t) pairs). */
export function residualMagnitudes(
  problem: PinnProblem,
  network: PinnNetwork,
  parameters: Float64Array,
  points: Float64Array,
): Float64Array {
  return noGrad(() => {
    const x = T.fromData(points, [points.length / 2, 2]);
    const derivatives = derivativesAt(network, new T.Tensor(parameters, [parameters.length]), x, {
      axisNames: problem.axisNames,
    });
    // Burgers has no trainable physical parameters: φ is empty.
    const none = new T.Tensor(new Float64Array(0), [0]);
    const residual = problem.residual({ x, u: derivatives.value(0), derivatives, parameters: none });
    return Float64Array.from((residual as T.Tensor).data, Math.abs);
  });
}

/** The `count` candidates (row-major pairs) with the largest residual, in candidate order. */
function worstPoints(magnitudes: Float64Array, candidates: Float64Array, count: number): Float64Array {
  const order = Array.from(magnitudes.keys()).sort((a, b) => magnitudes[b] - magnitudes[a]);
  const chosen = order.slice(0, count).sort((a, b) => a - b);
  const out = new Float64Array(2 * chosen.length);
  chosen.forEach((index, i) => {
    out[2 * i] = candidates[2 * index];
    out[2 * i + 1] = candidates[2 * index + 1];
  });
  return out;
}

/** Adam (checkpointed), then L-BFGS with refinement; see the file comment. */
export function trainBurgersPinn(
  problem: PinnProblem,
  model: Mlp,
  pointKey: Key,
  options: BurgersTrainingOptions,
  context: ExperimentContext,
): BurgersTrainingResult {
  const network = mlpNetwork(model);
  const [sampleKey, refineKey] = split(pointKey, 2);
  const energy = pinnEnergy(problem, network, sampleCollocation(problem, sampleKey));
  const total = options.adamSteps + options.lbfgsSteps;
  const testError = (parameters: Float64Array) =>
    errorAgainst(predictWith(network, parameters, options.testPoints), options.reference).relativeL2;
  const record = { errorSteps: [] as number[], errors: [] as number[] };
  const phase = (optimizer: 'adam' | 'lbfgs', start: Float64Array, steps: number, offset: number) => {
    const chosen = optimizer === 'adam' ? adam({ learningRate: options.learningRate }) : lbfgs();
    return minimize(energy, start, chosen, {
      maxSteps: steps,
      gradientTolerance: 0,
      onStep: (info) => {
        const step = offset + info.step;
        if (step % options.errorEvery === 0) {
          record.errorSteps.push(step);
          record.errors.push(testError(info.position));
        }
        if (step % 10 === 0 || step === total) {
          context.progress(step, total, `${optimizer} step ${step}, loss ${info.energy.toExponential(2)}`);
        }
        return context.signal?.aborted !== true;
      },
    });
  };

  let saved = context.checkpoint.load<AdamCheckpoint>();
  if (saved === undefined) {
    const began = performance.now();
    record.errorSteps.push(0);
    record.errors.push(testError(model.parameters));
    const result = phase('adam', model.parameters, options.adamSteps, 0);
    saved = {
      parameters: Array.from(options.adamSteps > 0 ? result.x : model.parameters),
      lossHistory: result.history.energy,
      ...record,
      seconds: (performance.now() - began) / 1000,
    };
    if (context.signal?.aborted !== true) context.checkpoint.save(saved);
  }
  record.errorSteps = [...saved.errorSteps];
  record.errors = [...saved.errors];
  const began = performance.now();
  const switchStep = saved.lossHistory.length - 1;
  const lossHistory = [...saved.lossHistory];
  let parameters = Float64Array.from(saved.parameters);
  const { rounds, points, candidates } = options.refinement;
  const segments = Math.max(rounds, 1);
  const refinementSteps: number[] = [];
  for (let segment = 0; segment < segments; segment++) {
    const steps =
      segment < segments - 1
        ? Math.floor(options.lbfgsSteps / segments)
        : options.lbfgsSteps - (segments - 1) * Math.floor(options.lbfgsSteps / segments);
    if (steps === 0 || context.signal?.aborted === true) continue;
    if (rounds > 0) {
      const pool = problem.domain.sampleInterior(fold(refineKey, segment), candidates);
      const added = worstPoints(residualMagnitudes(problem, network, parameters, pool), pool, points);
      const interior = new Float64Array(energy.batch.interior.length + added.length);
      interior.set(energy.batch.interior);
      interior.set(added, energy.batch.interior.length);
      energy.batch = { ...energy.batch, interior };
      refinementSteps.push(lossHistory.length - 1);
    }
    const result = phase('lbfgs', parameters, steps, lossHistory.length - 1);
    // Entry 0 is the loss at the start on the (grown) batch: the step axis keeps one per step.
    lossHistory.push(...result.history.energy.slice(1));
    if (result.steps > 0) parameters = Float64Array.from(result.x);
  }
  const last = lossHistory.length - 1;
  if (record.errorSteps[record.errorSteps.length - 1] !== last) {
    record.errorSteps.push(last);
    record.errors.push(testError(parameters));
  }
  const final = parameters;
  return {
    parameters: final,
    // Burgers has no trainable physical parameters.
    physicalParameters: new Float64Array(0),
    lossHistory,
    switchStep,
    terms: energy.terms(final),
    seconds: saved.seconds + (performance.now() - began) / 1000,
    predict: (x) => predictWith(network, final, x),
    ...record,
    refinementSteps,
    interiorCount: energy.batch.interior.length / 2,
  };
}
