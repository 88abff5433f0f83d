/**
 * The live PINN: an MLP u_θ(x, t) learns the 1D heat equation of the library (`heat1d`) by
 * minimising its PINN loss (`pinnEnergy`), one optimizer step per unit of work: Adam while the
 * step count is below the switch step, then L-BFGS on the same collocation points, as
 * `trainPinn` does (same keys, same steps, same losses: tested). The optimizers are the
 * library's, driven one step at a time through their `EnergyOptimizer` form, so the page can
 * change the learning rate (a schedule reading the slider), the switch step, the conductivity
 * or the collocation points while the network trains. A new loss (k or points changed) keeps
 * θ and Adam's moments, and restarts L-BFGS's curvature pairs (they describe the old loss).
 *
 * Every frame carries u_θ, the exact solution e^{−kπ²t} sin πx and their errors on a grid.
 */
import { fold, type Key, makeKey, split } from '../../../../src/core/random/index.js';
import { type MlpArchitecture, mlp } from '../../../../src/models/mlp/index.js';
import { euclideanNorm } from '../../../../src/optim/divergence.js';
import {
  adam,
  divergenceMessage,
  divergenceReason,
  type EnergyOptimizer,
  evaluateIterate,
  type Iterate,
  lbfgs,
  toEnergyOptimizer,
} from '../../../../src/optim/index.js';
import {
  errorAgainst,
  heat1d,
  heat1dExact,
  mlpNetwork,
  type PinnEnergy,
  type PinnNetwork,
  type PinnProblem,
  pinnEnergy,
  predictWith,
  type SamplingMethod,
  sampleCollocation,
} from '../../../../src/pinn/index.js';
import type { LiveEngine } from '../../workers/live-runner.js';

/** The engine's parameters. */
export interface PinnParams {
  conductivity: number;
  width: number;
  depth: number;
  learningRate: number;
  /** Adam runs while the step count is below this; L-BFGS after. */
  adamSteps: number;
  /** L-BFGS steps before the run finishes. */
  lbfgsSteps: number;
  /** Interior collocation points. */
  interior: number;
  sampling: SamplingMethod;
  seed: number;
}

/** Boundary and initial points (each). */
export const CONDITION_POINTS = 64;
/** Grid points per axis of the maps. */
export const GRID = 41;
/** Bound on ‖θ‖ beyond which the run counts as diverged (minimize's default). */
const MAX_NORM = 1e12;

/** The network of a seed: an MLP [2, width × depth, 1] with tanh, Xavier weights from fold(key, 0). */
export function pinnNetwork(params: PinnParams): { architecture: MlpArchitecture; parameters: Float64Array } {
  const net = mlp({
    sizes: [2, ...Array.from({ length: params.depth }, () => params.width), 1],
    activation: 'tanh',
    key: fold(makeKey(params.seed), 0),
  });
  return { architecture: net, parameters: net.parameters };
}

/** The training key of a seed (trainPinn's `key`). */
export function pinnTrainingKey(seed: number): Key {
  return fold(makeKey(seed), 1);
}

/** The heat problem of the parameters. */
export function pinnProblemOf(params: PinnParams): PinnProblem {
  return heat1d({
    conductivity: params.conductivity,
    interiorCount: params.interior,
    boundaryCount: CONDITION_POINTS,
    initialCount: CONDITION_POINTS,
    sampling: params.sampling,
  });
}

/** The (x, t) grid of the maps, row-major with t the slow axis: point (i, j) at x = i/(G−1), t = j/(G−1). */
export function gridPoints(): Float64Array {
  const points = new Float64Array(GRID * GRID * 2);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      points[2 * (j * GRID + i)] = i / (GRID - 1);
      points[2 * (j * GRID + i) + 1] = j / (GRID - 1);
    }
  }
  return points;
}

/** What the page draws. */
export interface PinnFrame {
  step: number;
  phase: 'adam' | 'lbfgs';
  /** Steps since the previous frame: step number, loss after it, and 0 for Adam, 1 for L-BFGS. */
  steps: Float64Array;
  losses: Float64Array;
  phases: Uint8Array;
  loss: number;
  terms: Record<string, number> | null;
  /** u_θ, exact u and u_θ − u on the grid (GRID × GRID, t-major). */
  prediction: Float64Array;
  exact: Float64Array;
  relativeL2: number;
  maxError: number;
  /** Collocation points (interior, then boundary and initial), when they changed. */
  points: { interior: Float64Array; conditions: Float64Array } | null;
  divergence: string | null;
  /** Why training stopped when it did not diverge (finished, L-BFGS stalled). */
  finished: string | null;
}

/** A PINN learning the heat equation, one optimizer step per unit. */
export class PinnEngine implements LiveEngine<PinnParams, PinnFrame> {
  readonly network: PinnNetwork;
  private readonly params: PinnParams;
  private readonly sampleKey: Key;
  private problem: PinnProblem;
  energy: PinnEnergy;
  point: Iterate;
  private readonly adam: EnergyOptimizer<unknown>;
  private adamState: unknown;
  private readonly lbfgs = lbfgs();
  private lbfgsState: unknown = null;
  phase: 'adam' | 'lbfgs' = 'adam';
  stepCount = 0;
  private lbfgsCount = 0;
  private record = { steps: [] as number[], losses: [] as number[], phases: [] as number[] };
  private readonly grid = gridPoints();
  private pointsChanged = true;
  private termsAt = Number.NEGATIVE_INFINITY;
  private terms: Record<string, number> | null = null;
  private termsStep = -1;
  private termsDirty = true;
  divergence: string | null = null;
  stalled: string | null = null;

  constructor(params: PinnParams) {
    this.params = { ...params };
    const { architecture, parameters } = pinnNetwork(params);
    this.network = mlpNetwork(architecture);
    [this.sampleKey] = split(pinnTrainingKey(params.seed), 2);
    this.problem = pinnProblemOf(params);
    this.energy = pinnEnergy(this.problem, this.network, sampleCollocation(this.problem, this.sampleKey));
    this.point = evaluateIterate(this.energy, Float64Array.from(parameters));
    this.adam = toEnergyOptimizer(adam({ learningRate: () => this.params.learningRate }));
    this.adamState = this.adam.init(this.energy, this.point);
  }

  get halted(): string | null {
    if (this.divergence) return this.divergence;
    if (this.stalled) return this.stalled;
    if (this.phase === 'lbfgs' && this.lbfgsCount >= this.params.lbfgsSteps) return 'finished';
    return null;
  }

  step(): void {
    if (this.halted !== null) return;
    if (this.stepCount >= this.params.adamSteps && this.phase === 'adam') {
      this.phase = 'lbfgs';
      this.lbfgsState = this.lbfgs.init(this.energy, this.point);
      if (this.halted !== null) return;
    } else if (this.stepCount < this.params.adamSteps && this.phase === 'lbfgs') {
      this.phase = 'adam';
    }
    const optimizer = this.phase === 'adam' ? this.adam : (this.lbfgs as EnergyOptimizer<unknown>);
    const state = this.phase === 'adam' ? this.adamState : this.lbfgsState;
    const result = optimizer.step(this.energy, this.point, state);
    if (result.stalled !== undefined) {
      this.stalled = `${optimizer.name} stopped at step ${this.stepCount}: ${result.stalled}`;
      return;
    }
    const reason = divergenceReason(result.point, MAX_NORM);
    if (reason) {
      this.divergence = divergenceMessage({
        optimizer: optimizer.name,
        step: this.stepCount + 1,
        reason,
        energy: result.point.energy,
        positionNorm: euclideanNorm(result.point.position),
        maxNorm: MAX_NORM,
      });
      return;
    }
    this.point = result.point;
    if (this.phase === 'adam') this.adamState = result.state;
    else {
      this.lbfgsState = result.state;
      this.lbfgsCount++;
    }
    this.stepCount++;
    this.record.steps.push(this.stepCount);
    this.record.losses.push(this.point.energy);
    this.record.phases.push(this.phase === 'adam' ? 0 : 1);
  }

  update(params: Partial<PinnParams>): void {
    const newLoss = (['conductivity', 'interior', 'sampling'] as const).some(
      (name) => params[name] !== undefined && params[name] !== this.params[name],
    );
    Object.assign(this.params, params);
    if (newLoss) {
      this.problem = pinnProblemOf(this.params);
      this.energy = pinnEnergy(this.problem, this.network, sampleCollocation(this.problem, this.sampleKey));
      this.point = evaluateIterate(this.energy, this.point.position);
      if (this.phase === 'lbfgs') this.lbfgsState = this.lbfgs.init(this.energy, this.point);
      this.pointsChanged = true;
      this.termsDirty = true;
      this.stalled = null;
    }
  }

  /** Switches to L-BFGS at once (the page writes the switch step into the link). */
  action(name: string): void {
    if (name === 'switch') this.params.adamSteps = Math.min(this.params.adamSteps, this.stepCount);
  }

  frame(): { frame: PinnFrame; transfer: Transferable[] } {
    const prediction = predictWith(this.network, this.point.position, this.grid);
    const exactAt = heat1dExact(this.params.conductivity);
    const exact = new Float64Array(GRID * GRID);
    for (let n = 0; n < exact.length; n++) exact[n] = exactAt(this.grid.subarray(2 * n, 2 * n + 2));
    const errors = errorAgainst(prediction, exact);
    const now = performance.now();
    // The terms cost a loss evaluation: refreshed at most four times a second while training,
    // and at once after a change of loss or when training stops.
    const stale = this.termsDirty || this.termsStep !== this.stepCount;
    if (
      stale &&
      this.divergence === null &&
      (this.termsDirty || this.halted !== null || now - this.termsAt > 250)
    ) {
      this.terms = this.energy.terms(this.point.position);
      this.termsAt = now;
      this.termsStep = this.stepCount;
      this.termsDirty = false;
    }
    let points: PinnFrame['points'] = null;
    if (this.pointsChanged) {
      const batch = this.energy.batch;
      const conditions = new Float64Array(
        batch.conditions.reduce((sum, entry) => sum + entry.points.length, 0),
      );
      let offset = 0;
      for (const entry of batch.conditions) {
        conditions.set(entry.points, offset);
        offset += entry.points.length;
      }
      points = { interior: batch.interior.slice(), conditions };
      this.pointsChanged = false;
    }
    const steps = Float64Array.from(this.record.steps);
    const losses = Float64Array.from(this.record.losses);
    const phases = Uint8Array.from(this.record.phases);
    this.record = { steps: [], losses: [], phases: [] };
    const halted = this.halted;
    return {
      frame: {
        step: this.stepCount,
        phase: this.phase,
        steps,
        losses,
        phases,
        loss: this.point.energy,
        terms: this.terms,
        prediction,
        exact,
        relativeL2: errors.relativeL2,
        maxError: errors.maxError,
        points,
        divergence: this.divergence,
        finished: halted !== null && this.divergence === null ? halted : null,
      },
      transfer: [prediction.buffer, exact.buffer, steps.buffer, losses.buffer, phases.buffer],
    };
  }
}

/** The factory the worker serves. */
export function createPinnEngine(params: PinnParams): PinnEngine {
  return new PinnEngine(params);
}
