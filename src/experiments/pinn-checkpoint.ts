/**
 * The checkpoint of a PINN training run (`pinn-heat`, `pinn-poisson`, `pinn-elasticity`,
 * `pinn-inverse-heat`; see `pinn-resumable-training.ts`): everything the rest of the training
 * depends on, so that a resumed run ends with the same numbers as an uninterrupted one.
 *
 * - The plan it belongs to: the network (layer sizes, activation, parameter counts), the
 *   collocation key and the step budgets. A checkpoint that does not fit is refused with an
 *   error naming each field that differs.
 * - Where training stands: the phase, the steps done, the Adam step whose resample drew the
 *   batch in use (the batch itself is redrawn from the key), and the Adam → L-BFGS switch step.
 * - The iterate [θ, φ]; within a phase also the optimizer's state (Adam's moments and counts,
 *   or L-BFGS's curvature pairs) and the loss and gradient at the iterate as the optimizer saw
 *   them: after a resample Adam's next step still uses the gradient taken on the previous
 *   batch, so re-evaluating it at the saved point would continue with other numbers.
 * - The loss and φ histories and the training seconds so far.
 *
 * Vectors are stored as base64 of their float64 bytes: bit-exact and compact. The framework
 * writes the checkpoint file atomically (temporary file, then rename).
 */
import { decodeFloat64, encodeFloat64 } from './framework/checkpoint-codec.js';
import { CheckpointError } from './framework/errors.js';

/** What a checkpoint must have been saved for: checked field by field on load. */
export interface PinnTrainingPlan {
  /** Layer widths of the MLP [input, hidden…, output]. */
  sizes: number[];
  activation: string;
  /** Length of θ (the network's parameters). */
  parameterCount: number;
  /** Length of φ (the problem's trainable physical parameters; 0 for forward problems). */
  physicalParameterCount: number;
  /** The collocation key as `keyToString` writes it. */
  key: string;
  adamSteps: number;
  learningRate: number;
  lbfgsSteps: number;
  resampleEvery: number;
}

/** How the optimizer continues within a phase: its state and the point it stands on. */
export interface OptimizerContinuation {
  /** The optimizer's state after the last step. */
  state: unknown;
  /** The loss and gradient at the iterate, as the optimizer saw them. */
  loss: number;
  gradient: Float64Array;
}

/** Where training stands, with numbers as typed arrays (the decoded checkpoint). */
export interface PinnTrainingSnapshot {
  /** The phase to continue: Adam, or L-BFGS (from its first step when `optimizer` is absent). */
  phase: 'adam' | 'lbfgs';
  /** Steps done over both phases. */
  step: number;
  /** Steps Adam took (set once Adam is done). */
  switchStep?: number;
  /** The Adam step whose resample drew the batch in use; 0: the first batch. */
  batchStep: number;
  /** The iterate [θ, φ]. */
  position: Float64Array;
  /** Within a phase: how its optimizer continues; absent at the start of a phase. */
  optimizer?: OptimizerContinuation;
  /** The loss at the start and after each step (`step + 1` entries). */
  lossHistory: Float64Array;
  /** φ at the start and after each step, flat (`physicalParameterCount` numbers per entry). */
  physicalHistory: Float64Array;
  /** Training seconds so far, over all earlier attempts. */
  seconds: number;
}

/** The JSON form of a snapshot, as saved with `context.checkpoint.save`. */
export interface PinnTrainingCheckpoint {
  format: 'physml-pinn-training';
  version: 1;
  plan: PinnTrainingPlan;
  phase: 'adam' | 'lbfgs';
  step: number;
  switchStep: number | null;
  batchStep: number;
  position: string;
  optimizer: { state: EncodedValue; loss: number; gradient: string } | null;
  lossHistory: string;
  physicalHistory: string;
  seconds: number;
}

/**
 * An optimizer state in JSON: typed vectors as `{ float64: base64 }`, numbers JSON cannot
 * hold (NaN, ±∞, −0) as `{ number: text }`, arrays and plain objects as themselves.
 */
export type EncodedValue =
  | null
  | boolean
  | string
  | number
  | { float64: string }
  | { number: string }
  | EncodedValue[]
  | { object: Record<string, EncodedValue> };

/** Encodes an optimizer state (plain objects, arrays, numbers, Float64Arrays) for a checkpoint. */
export function encodeOptimizerState(value: unknown, path = 'optimizer state'): EncodedValue {
  if (value instanceof Float64Array) return { float64: encodeFloat64(value) };
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { number: '-0' }; // String(−0) is "0"
    return Number.isFinite(value) ? value : { number: String(value) };
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item, i) => encodeOptimizerState(item, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const object: Record<string, EncodedValue> = {};
    for (const [name, item] of Object.entries(value)) {
      // An absent optional field (e.g. L-BFGS's lastLineSearch before the first step) stays absent.
      if (item !== undefined) object[name] = encodeOptimizerState(item, `${path}.${name}`);
    }
    return { object };
  }
  throw new Error(`${path} cannot be checkpointed: it holds a ${typeof value} (${String(value)})`);
}

/**
 * Decodes `encodeOptimizerState`; every vector must hold `vectorLength` numbers (optimizer
 * states of Adam and L-BFGS hold only vectors the size of the iterate).
 */
export function decodeOptimizerState(value: unknown, vectorLength: number, path = 'optimizerState'): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value))
    return value.map((item, i) => decodeOptimizerState(item, vectorLength, `${path}[${i}]`));
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.float64 === 'string') {
      const vector = decodeVector(record.float64, path);
      if (vector.length !== vectorLength) {
        throw corrupt(
          `${path} holds ${vector.length} numbers, expected ${vectorLength} (one per trained parameter)`,
        );
      }
      return vector;
    }
    if (typeof record.number === 'string') {
      const number = Number(record.number);
      if (Number.isNaN(number) && record.number !== 'NaN')
        throw corrupt(`${path} is not a number: "${record.number}"`);
      return number;
    }
    if (record.object !== null && typeof record.object === 'object' && !Array.isArray(record.object)) {
      return Object.fromEntries(
        Object.entries(record.object).map(([name, item]) => [
          name,
          decodeOptimizerState(item, vectorLength, `${path}.${name}`),
        ]),
      );
    }
  }
  throw corrupt(`${path} is not an encoded optimizer state`);
}

/** The checkpoint to save for `snapshot` of a run with `plan`. */
export function encodePinnCheckpoint(
  plan: PinnTrainingPlan,
  snapshot: PinnTrainingSnapshot,
): PinnTrainingCheckpoint {
  return {
    format: 'physml-pinn-training',
    version: 1,
    plan: { ...plan, sizes: [...plan.sizes] },
    phase: snapshot.phase,
    step: snapshot.step,
    switchStep: snapshot.switchStep ?? null,
    batchStep: snapshot.batchStep,
    position: encodeFloat64(snapshot.position),
    optimizer:
      snapshot.optimizer === undefined
        ? null
        : {
            state: encodeOptimizerState(snapshot.optimizer.state),
            loss: snapshot.optimizer.loss,
            gradient: encodeFloat64(snapshot.optimizer.gradient),
          },
    lossHistory: encodeFloat64(snapshot.lossHistory),
    physicalHistory: encodeFloat64(snapshot.physicalHistory),
    seconds: snapshot.seconds,
  };
}

function corrupt(problem: string): CheckpointError {
  return new CheckpointError(`the PINN training checkpoint is corrupt: ${problem}`);
}

function decodeVector(text: unknown, field: string): Float64Array {
  if (typeof text !== 'string') throw corrupt(`${field} is missing (expected base64 float64 numbers)`);
  try {
    return decodeFloat64(text);
  } catch (error) {
    throw corrupt(
      `${field} is not base64 float64 numbers (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function integerIn(value: unknown, field: string, low: number, high: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw corrupt(`${field} must be an integer in [${low}, ${high}], got ${JSON.stringify(value)}`);
  }
  return value;
}

function finiteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw corrupt(`${field} must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The plan fields that differ, as "field: checkpoint X, this run Y". */
function planDifferences(saved: unknown, expected: PinnTrainingPlan): string[] {
  const record = (saved !== null && typeof saved === 'object' ? saved : {}) as Record<string, unknown>;
  return (Object.keys(expected) as Array<keyof PinnTrainingPlan>).flatMap((field) => {
    const [was, is] = [JSON.stringify(record[field]), JSON.stringify(expected[field])];
    return was === is ? [] : [`${field}: checkpoint ${was ?? 'missing'}, this run ${is}`];
  });
}

/**
 * Reads a saved checkpoint for a run with `plan`. Throws a CheckpointError naming what is
 * wrong: another format, a plan that differs (each differing field with both values), or a
 * field that is missing, out of range or not of the size the plan implies.
 */
export function decodePinnCheckpoint(saved: unknown, plan: PinnTrainingPlan): PinnTrainingSnapshot {
  const record = (saved !== null && typeof saved === 'object' ? saved : {}) as Partial<
    Record<keyof PinnTrainingCheckpoint, unknown>
  >;
  if (record.format !== 'physml-pinn-training' || record.version !== 1) {
    throw new CheckpointError(
      `the checkpoint is not a PINN training checkpoint of version 1 (format ${JSON.stringify(record.format)}, version ${JSON.stringify(record.version)})`,
    );
  }
  const differences = planDifferences(record.plan, plan);
  if (differences.length > 0) {
    throw new CheckpointError(
      `the PINN training checkpoint belongs to another network or training plan: ${differences.join('; ')}`,
    );
  }
  if (record.phase !== 'adam' && record.phase !== 'lbfgs') {
    throw corrupt(`phase must be "adam" or "lbfgs", got ${JSON.stringify(record.phase)}`);
  }
  const phase = record.phase;
  const width = plan.parameterCount + plan.physicalParameterCount;
  const step = integerIn(record.step, 'step', 0, plan.adamSteps + plan.lbfgsSteps);
  const switchStep =
    record.switchStep === null ? undefined : integerIn(record.switchStep, 'switchStep', 0, plan.adamSteps);
  if ((phase === 'lbfgs') !== (switchStep !== undefined)) {
    throw corrupt(`switchStep ${JSON.stringify(record.switchStep)} does not fit phase "${phase}"`);
  }
  if (switchStep !== undefined && step < switchStep) {
    throw corrupt(`step ${step} lies before the switch to L-BFGS at step ${switchStep}`);
  }
  const phaseStart = phase === 'adam' ? 0 : (switchStep as number);
  const continuation = (record.optimizer ?? null) as Record<string, unknown> | null;
  if ((continuation !== null) !== step > phaseStart) {
    throw corrupt(
      continuation !== null
        ? `an optimizer state is saved at the start of the ${phase} phase (step ${step})`
        : `the ${phase} optimizer state is missing at step ${step}`,
    );
  }
  const batchStep = integerIn(record.batchStep, 'batchStep', 0, Math.min(step, plan.adamSteps));
  if (batchStep > 0 && (plan.resampleEvery === 0 || batchStep % plan.resampleEvery !== 0)) {
    throw corrupt(`batchStep ${batchStep} is no resample step (resampleEvery ${plan.resampleEvery})`);
  }
  const sized = (text: unknown, field: string) => {
    const vector = decodeVector(text, field);
    if (vector.length !== width) throw corrupt(`${field} holds ${vector.length} numbers, expected ${width}`);
    return vector;
  };
  const lossHistory = decodeVector(record.lossHistory, 'lossHistory');
  if (lossHistory.length !== step + 1) {
    throw corrupt(`lossHistory holds ${lossHistory.length} losses, expected ${step + 1} (step ${step})`);
  }
  const physicalHistory = decodeVector(record.physicalHistory, 'physicalHistory');
  if (physicalHistory.length !== (step + 1) * plan.physicalParameterCount) {
    throw corrupt(
      `physicalHistory holds ${physicalHistory.length} numbers, expected ${(step + 1) * plan.physicalParameterCount}`,
    );
  }
  return {
    phase,
    step,
    switchStep,
    batchStep,
    position: sized(record.position, 'position'),
    optimizer:
      continuation === null
        ? undefined
        : {
            state: decodeOptimizerState(continuation.state, width, 'optimizer.state'),
            loss: finiteNumber(continuation.loss, 'optimizer.loss'),
            gradient: sized(continuation.gradient, 'optimizer.gradient'),
          },
    lossHistory,
    physicalHistory,
    seconds: finiteNumber(record.seconds, 'seconds'),
  };
}
