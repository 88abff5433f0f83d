/**
 * Training a PINN: Adam on (optionally resampled) collocation points, then L-BFGS on the last
 * batch held fixed — L-BFGS's curvature pairs and line search assume one fixed function, so
 * resampling stops at the switch. Both phases run through `minimize`; the loss history is one
 * array with the switch step recorded for plots. A problem's physical parameters φ (inverse
 * problems) are optimised together with the network's θ, as the tail of one flat vector.
 */
import { fold, type Key, split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import type { MlpArchitecture } from '../models/mlp/index.js';
import { adam, lbfgs, minimize } from '../optim/index.js';
import { asPinnNetwork, isMlpArchitecture, type PinnNetwork } from './network.js';
import {
  type PinnProblem,
  physicalParameterCount,
  pinnEnergy,
  pinnProblem,
  sampleCollocation,
} from './problem.js';

/** What `onStep` receives. */
export interface PinnStepInfo {
  /** 1-based step over both phases. */
  step: number;
  optimizer: 'adam' | 'lbfgs';
  loss: number;
  /** The problem's physical parameters φ after the step (a copy; empty without any). */
  physicalParameters: Float64Array;
}

/** Options of {@link trainPinn}. */
export interface TrainPinnOptions {
  /** The network: an MLP (its `parameters` are the start unless given) or a PinnNetwork. */
  network: MlpArchitecture | PinnNetwork;
  /** Initial parameters (default: the MLP's own). */
  parameters?: Float64Array;
  /** Adam steps (integer ≥ 0, default 1000). */
  adamSteps?: number;
  /** Adam's learning rate (> 0, default 1e-3). */
  learningRate?: number;
  /** L-BFGS steps after Adam (integer ≥ 0, default 0). */
  lbfgsSteps?: number;
  /** Resample collocation points every this many Adam steps (integer ≥ 0; 0 = never, default). */
  resampleEvery?: number;
  /** The key of the collocation points. */
  key: Key;
  /** Called after every step; returning `false` stops the current phase. */
  onStep?: (info: PinnStepInfo) => unknown;
}

/** The outcome of {@link trainPinn}. */
export interface TrainPinnResult {
  /** The network's trained parameters θ. */
  parameters: Float64Array;
  /** The problem's trained physical parameters φ (empty without any). */
  physicalParameters: Float64Array;
  /** Loss at the start (entry 0) and after each step. */
  lossHistory: number[];
  /** Steps taken by Adam: entries after it are L-BFGS steps. */
  switchStep: number;
  /** Final loss terms (unweighted mean squares) on the last batch. */
  terms: Record<string, number>;
  /** Wall-clock seconds. */
  seconds: number;
  /** u (output `output`, default 0) at points given row-major `count × dimension`. */
  predict(points: Float64Array, output?: number): Float64Array;
}

function checkInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be an integer ≥ 0, got ${String(value)}`);
  return value;
}

/** Trains a PINN with Adam then L-BFGS; see the file comment. */
export function trainPinn(problem: PinnProblem, options: TrainPinnOptions): TrainPinnResult {
  pinnProblem(problem);
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  const network = asPinnNetwork(options.network);
  const start =
    options.parameters ??
    (isMlpArchitecture(options.network)
      ? (options.network as { parameters?: Float64Array }).parameters
      : undefined);
  if (!(start instanceof Float64Array) || start.length !== network.parameterCount) {
    throw new Error(`parameters must be a Float64Array of length ${network.parameterCount} (or pass an Mlp)`);
  }
  const adamSteps = checkInteger(options.adamSteps ?? 1000, 'adamSteps');
  const lbfgsSteps = checkInteger(options.lbfgsSteps ?? 0, 'lbfgsSteps');
  const resampleEvery = checkInteger(options.resampleEvery ?? 0, 'resampleEvery');
  const learningRate = options.learningRate ?? 1e-3;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new Error(`learningRate must be a finite number > 0, got ${String(learningRate)}`);
  }
  const began = performance.now();
  const [sampleKey, resampleKey] = split(options.key, 2);
  const energy = pinnEnergy(problem, network, sampleCollocation(problem, sampleKey));
  const n = network.parameterCount;
  const m = physicalParameterCount(problem);
  // The optimizer sees [θ, φ].
  let parameters = new Float64Array(n + m);
  parameters.set(start);
  parameters.set(problem.physicalParameters?.initial ?? [], n);
  const lossHistory: number[] = [];
  const run = (optimizer: 'adam' | 'lbfgs', steps: number, stepOffset: number): number => {
    if (steps === 0) return 0;
    const result = minimize(energy, parameters, optimizer === 'adam' ? adam({ learningRate }) : lbfgs(), {
      maxSteps: steps,
      gradientTolerance: 0,
      onStep: (info) => {
        if (
          optimizer === 'adam' &&
          resampleEvery > 0 &&
          info.step % resampleEvery === 0 &&
          info.step < steps
        ) {
          energy.batch = sampleCollocation(problem, fold(resampleKey, info.step));
        }
        return options.onStep?.({
          step: stepOffset + info.step,
          optimizer,
          loss: info.energy,
          physicalParameters: info.position.slice(n),
        });
      },
    });
    // Entry 0 repeats the previous phase's last loss (on the same batch) after the first phase.
    lossHistory.push(...(lossHistory.length === 0 ? result.history.energy : result.history.energy.slice(1)));
    parameters = Float64Array.from(result.x);
    return result.steps;
  };
  const switchStep = run('adam', adamSteps, 0);
  run('lbfgs', lbfgsSteps, switchStep);
  if (lossHistory.length === 0) lossHistory.push(energy.energy(parameters));
  const final = parameters.slice(0, n);
  return {
    parameters: final,
    physicalParameters: parameters.slice(n),
    lossHistory,
    switchStep,
    terms: energy.terms(parameters),
    seconds: (performance.now() - began) / 1000,
    predict: (points, output = 0) => predictWith(network, final, points, output),
  };
}

/** u_output (default output 0) of `network` at θ on points given row-major `count × inputSize`. */
export function predictWith(
  network: PinnNetwork,
  parameters: Float64Array,
  points: Float64Array,
  output = 0,
): Float64Array {
  const d = network.inputSize;
  if (points.length % d !== 0)
    throw new Error(`points must hold a multiple of ${d} coordinates, got ${points.length}`);
  const width = network.outputSize;
  if (!Number.isInteger(output) || output < 0 || output >= width) {
    throw new Error(`output must be an integer in [0, ${width - 1}], got ${String(output)}`);
  }
  const count = points.length / d;
  const u = network.apply(new T.Tensor(parameters, [parameters.length]), T.fromData(points, [count, d]));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = u.data[i * width + output];
  return out;
}
