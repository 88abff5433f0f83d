/**
 * The live Hamiltonian network (or its baseline): one vector-field model of the library
 * (`hamiltonianNeuralNetwork` or `vectorFieldBaseline`) trained full-batch with Adam on a
 * Greydanus-style data set of the spring or the pendulum, one optimizer step per unit of work,
 * exactly as `trainVectorFieldModel` does (tested); the learning rate is a schedule reading the
 * slider, so it changes at once. About every second and a half the model is rolled out by RK4
 * from three test states, and the true energy along the rollouts (the library's metrics:
 * energy MSE, drift, state MSE against the true trajectories) says how well it conserves H.
 *
 * The page runs two of these workers side by side, one per model, on the same data.
 */
import { valueAndGrad } from '../../../../src/core/autodiff/index.js';
import { fold, type Key, makeKey } from '../../../../src/core/random/index.js';
import * as T from '../../../../src/core/tensor/index.js';
import {
  energyAlongRollout,
  energyDrift,
  energyMse,
  type HamiltonianDataset,
  type HamiltonianSystem,
  hamiltonianDataset,
  hamiltonianNeuralNetwork,
  idealPendulum,
  massSpring,
  modelVectorField,
  type Rollout,
  referenceRollout,
  rollout,
  stateMse,
  type VectorFieldModel,
  vectorFieldBaseline,
  vectorFieldLoss,
  vectorFieldMse,
} from '../../../../src/models/hnn/index.js';
import { adam, applyUpdates, type GradientTransformation } from '../../../../src/optim/index.js';
import type { LiveEngine } from '../../workers/live-runner.js';

/** The systems offered. */
export const SYSTEMS = ['pendulum', 'spring'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** The engine's parameters. */
export interface HnnParams {
  system: SystemName;
  model: 'hnn' | 'baseline';
  /** Width of both hidden layers. */
  width: number;
  learningRate: number;
  /** Training trajectories (30 observations each). */
  trajectories: number;
  /** Std of the observation noise. */
  noise: number;
  /** Rollout duration and RK4 step. */
  horizon: number;
  stepSize: number;
  seed: number;
}

/** The library's system of a name. */
export function systemOf(name: SystemName): HamiltonianSystem {
  return name === 'spring' ? massSpring() : idealPendulum();
}

/** Rollouts from this many test states. */
export const ROLLOUTS = 3;
/** Test trajectories (for the vector-field MSE). */
const TEST_TRAJECTORIES = 10;
/** Most frames kept per rollout. */
const ROLLOUT_FRAMES = 240;

/** A rollout as the page draws it. */
export interface RolloutView {
  times: Float64Array;
  /** [frame][trajectory][q, p]. */
  states: Float64Array;
  /** True H of each saved state: [frame][trajectory]. */
  energies: Float64Array;
  /** The true trajectories from the same states, and their energies. */
  reference: Float64Array;
  referenceEnergies: Float64Array;
  energyMse: number;
  energyDrift: number;
  stateMse: number;
  /** The first time at which the rollout left every finite range (null: it did not). */
  blowUp: number | null;
  /** The update after which it was made. */
  step: number;
}

/** What the page draws. */
export interface HnnFrame {
  model: 'hnn' | 'baseline';
  step: number;
  /** Losses since the previous frame (before each update), and their steps. */
  lossSteps: Float64Array;
  losses: Float64Array;
  /** Mean squared error of the field on the test set, at the last rollout. */
  testMse: number | null;
  /** A new rollout (null when unchanged since the previous frame). */
  rollout: RolloutView | null;
  /** The noisy training states [count][q, p]. */
  data: Float64Array | null;
  divergence: string | null;
}

/** One vector-field model learning one system. */
export class HnnEngine implements LiveEngine<HnnParams, HnnFrame> {
  readonly system: HamiltonianSystem;
  readonly model: VectorFieldModel;
  readonly train: HamiltonianDataset;
  readonly test: HamiltonianDataset;
  parameters: Float64Array;
  private readonly params: HnnParams;
  private readonly optimizer: GradientTransformation;
  private optimizerState: unknown;
  private readonly states: T.Tensor;
  private readonly derivatives: T.Tensor;
  step_ = 0;
  private lossSteps: number[] = [];
  private losses: number[] = [];
  private rolledAt = Number.NEGATIVE_INFINITY;
  private rolloutCost = 0;
  private rolloutDirty = true;
  private reference: { key: string; path: Rollout; energies: Float64Array } | null = null;
  private testMse: number | null = null;
  private dataSent = false;
  halted: string | null = null;

  constructor(params: HnnParams) {
    this.params = { ...params };
    const root: Key = makeKey(params.seed);
    this.system = systemOf(params.system);
    this.train = hamiltonianDataset(this.system, {
      trajectoryCount: params.trajectories,
      noiseStd: params.noise,
      key: fold(root, 0),
    });
    this.test = hamiltonianDataset(this.system, {
      trajectoryCount: TEST_TRAJECTORIES,
      noiseStd: params.noise,
      key: fold(root, 1),
    });
    const options = { degreesOfFreedom: 1, hiddenSizes: [params.width, params.width] };
    this.model = params.model === 'hnn' ? hamiltonianNeuralNetwork(options) : vectorFieldBaseline(options);
    this.parameters = this.model.initialize(fold(root, 2));
    this.optimizer = adam({ learningRate: () => this.params.learningRate });
    this.optimizerState = this.optimizer.init(this.parameters);
    this.states = T.fromData(this.train.states, [this.train.count, 2]);
    this.derivatives = T.fromData(this.train.derivatives, [this.train.count, 2]);
  }

  /** One full-batch Adam step, as `trainVectorFieldModel`. */
  step(): void {
    const [loss, gradient] = valueAndGrad((theta: T.Tensor) =>
      vectorFieldLoss(this.model, theta, this.states, this.derivatives),
    )(T.fromData(this.parameters, [this.parameters.length]));
    const value = loss.data[0];
    if (!Number.isFinite(value)) {
      this.halted = `the loss became ${value} at step ${this.step_}`;
      return;
    }
    this.lossSteps.push(this.step_);
    this.losses.push(value);
    const [update, next] = this.optimizer.update(
      Float64Array.from((gradient as T.Tensor).data),
      this.optimizerState,
      this.parameters,
    );
    this.parameters = applyUpdates(this.parameters, update);
    this.optimizerState = next;
    this.step_++;
  }

  update(params: Partial<HnnParams>): void {
    if (
      (params.horizon !== undefined && params.horizon !== this.params.horizon) ||
      (params.stepSize !== undefined && params.stepSize !== this.params.stepSize)
    ) {
      this.rolloutDirty = true;
    }
    Object.assign(this.params, params);
  }

  /** The true trajectories of the rollout grid (cached per horizon and step). */
  private referenceFor(path: Rollout): { path: Rollout; energies: Float64Array } {
    const key = `${this.params.horizon}/${this.params.stepSize}`;
    if (this.reference?.key !== key) {
      const exact = referenceRollout(this.system, path);
      this.reference = { key, path: exact, energies: energyAlongRollout(this.system, exact) };
    }
    return this.reference;
  }

  /** Rolls the model out from the first test states, with the library's metrics. */
  rolloutNow(): RolloutView {
    const { horizon, stepSize } = this.params;
    const numSteps = Math.max(1, Math.round(horizon / stepSize));
    const saveEvery = Math.max(1, Math.ceil(numSteps / ROLLOUT_FRAMES));
    const initial = this.test.initialStates.slice(0, 2 * ROLLOUTS);
    const path = rollout(modelVectorField(this.model, this.parameters), initial, 2, {
      stepSize,
      numSteps,
      saveEvery,
    });
    const reference = this.referenceFor(path);
    const energies = energyAlongRollout(this.system, path);
    let blowUp: number | null = null;
    for (let f = 0; f < path.times.length && blowUp === null; f++) {
      for (let i = 0; i < 2 * ROLLOUTS; i++) {
        if (!Number.isFinite(path.states[f * 2 * ROLLOUTS + i])) {
          blowUp = path.times[f];
          break;
        }
      }
    }
    return {
      times: path.times,
      states: path.states,
      energies,
      reference: reference.path.states,
      referenceEnergies: reference.energies,
      energyMse: energyMse(this.system, path),
      energyDrift: energyDrift(this.system, path),
      stateMse: stateMse(path, reference.path),
      blowUp,
      step: this.step_,
    };
  }

  frame(): { frame: HnnFrame; transfer: Transferable[] } {
    const now = performance.now();
    let view: RolloutView | null = null;
    if (this.rolloutDirty || now - this.rolledAt > Math.max(1500, 3 * this.rolloutCost)) {
      view = this.rolloutNow();
      this.testMse = vectorFieldMse(this.model, this.parameters, this.test);
      this.rolloutCost = performance.now() - now;
      this.rolledAt = performance.now();
      this.rolloutDirty = false;
    }
    const lossSteps = Float64Array.from(this.lossSteps);
    const losses = Float64Array.from(this.losses);
    this.lossSteps = [];
    this.losses = [];
    const data = this.dataSent ? null : this.train.states.slice();
    this.dataSent = true;
    return {
      frame: {
        model: this.params.model,
        step: this.step_,
        lossSteps,
        losses,
        testMse: this.testMse,
        rollout: view,
        data,
        divergence: this.halted,
      },
      transfer: [lossSteps.buffer, losses.buffer],
    };
  }
}

/** The factory the worker serves. */
export function createHnnEngine(params: HnnParams): HnnEngine {
  return new HnnEngine(params);
}
