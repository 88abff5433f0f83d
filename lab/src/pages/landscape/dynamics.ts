/**
 * One walker on a landscape, stepped by any member of the family: the optimizers of
 * `src/optim` (T = 0) and the samplers of `src/mcmc` (T > 0). Parameters are read live: the
 * step size through a learning-rate schedule that returns the slider's current value, the
 * momentum and the temperature by rebuilding the optimizer or sampler around the same state
 * (states are plain records, so nothing is lost). Divergence is detected with the library's
 * own test and explained with its `DivergenceError` ("… diverged at step k … η < 2/λmax …").
 */
import { fold, makeKey } from '../../../../src/core/random/index.js';
import type { Energy } from '../../../../src/energies/energy.js';
import { type HmcState, hmc } from '../../../../src/mcmc/hmc/hmc.js';
import { type LangevinState, overdampedLangevin } from '../../../../src/mcmc/overdamped-langevin.js';
import type { SamplerInfo, SamplingAlgorithm } from '../../../../src/mcmc/sampler.js';
import { largestCurvature } from '../../../../src/optim/curvature.js';
import { DivergenceError, divergenceReason } from '../../../../src/optim/divergence.js';
import { type EnergyOptimizer, type Iterate, toEnergyOptimizer } from '../../../../src/optim/optimizer.js';
import { adam, gradientDescent, heavyBall, nesterov } from '../../../../src/optim/optimizers.js';
import { gradientDescentStability, type StabilityCondition } from '../../../../src/optim/stability.js';
import type { Text } from '../../i18n.js';

/** The dynamics offered. */
export const METHOD_NAMES = ['gd', 'heavy-ball', 'nesterov', 'adam', 'langevin', 'hmc'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** Names of the dynamics, for the selector. */
export const METHOD_LABELS: Record<MethodName, Text> = {
  gd: { en: 'Gradient descent (T = 0)', zh: '梯度下降（T = 0）' },
  'heavy-ball': { en: 'Heavy ball (momentum)', zh: '重球（动量）' },
  nesterov: { en: 'Nesterov', zh: 'Nesterov 加速' },
  adam: { en: 'Adam', zh: 'Adam' },
  langevin: { en: 'Langevin (overdamped, T ≥ 0)', zh: '朗之万（过阻尼，T ≥ 0）' },
  hmc: { en: 'Hamiltonian Monte Carlo (T > 0)', zh: '哈密顿蒙特卡洛（T > 0）' },
};

/** Whether a method samples (has a temperature) rather than descends. */
export function isSampler(method: MethodName): boolean {
  return method === 'langevin' || method === 'hmc';
}

/** The parameters read while running. */
export interface LiveParameters {
  stepSize: number;
  momentum: number;
  temperature: number;
  leapfrogSteps: number;
}

/** The lowest temperature HMC accepts here (its target exp(−U/T) needs T > 0). */
export const HMC_MIN_TEMPERATURE = 0.01;

/** An optimizer has converged (and stops) when |∇U| falls to this. */
export const GRADIENT_TOLERANCE = 1e-10;

/** A walker is stopped (diverged) beyond this distance from the origin. */
export const MAX_NORM = 1e6;

/** The recorded path (step 0 is the start); thinned by halves past `MAX_PATH_POINTS`. */
export interface Path {
  step: number[];
  x: number[];
  y: number[];
  energy: number[];
}

/** Points kept before the path is thinned (every other point dropped, then every fourth step kept, …). */
export const MAX_PATH_POINTS = 100_000;

/** A walker on `energy` from `start`, with randomness from `seed` (samplers only). */
export class Walker {
  readonly path: Path = { step: [], x: [], y: [], energy: [] };
  /** Record every `stride`-th step (doubles each time the path is thinned). */
  private stride = 1;
  /** Steps taken. */
  step = 0;
  /** HMC: accepted proposals and divergent trajectories. */
  accepted = 0;
  divergentTrajectories = 0;
  /** Set when an optimizer reached |∇U| ≤ GRADIENT_TOLERANCE; it does not move afterwards. */
  converged = false;
  /** Set when the walker diverged; it does not move afterwards. */
  divergence: DivergenceError | undefined;
  private point: Iterate;
  private best: { point: Iterate; step: number };
  private optimizer: EnergyOptimizer<unknown> | undefined;
  private optimizerState: unknown;
  private sampler: SamplingAlgorithm<LangevinState | HmcState, SamplerInfo> | undefined;
  private samplerState: LangevinState | HmcState | undefined;
  private readonly key;

  constructor(
    private readonly energy: Energy,
    readonly method: MethodName,
    start: [number, number],
    private readonly live: LiveParameters,
    seed: number,
  ) {
    this.key = makeKey(seed);
    const position = Float64Array.from(start);
    const gradient = new Float64Array(2);
    this.point = { position, energy: energy.energyAndGradient(position, gradient), gradient };
    this.best = { point: this.point, step: 0 };
    this.record();
    this.rebuild();
  }

  /** Re-reads the momentum, temperature and leapfrog steps (the step size is read every step). */
  rebuild(): void {
    const learningRate = () => this.live.stepSize;
    const { momentum } = this.live;
    switch (this.method) {
      case 'gd':
        this.optimizer = toEnergyOptimizer(gradientDescent({ learningRate }));
        break;
      case 'heavy-ball':
        this.optimizer = toEnergyOptimizer(heavyBall({ learningRate, momentum }));
        break;
      case 'nesterov':
        this.optimizer = toEnergyOptimizer(nesterov({ learningRate, momentum }));
        break;
      case 'adam':
        this.optimizer = toEnergyOptimizer(adam({ learningRate }));
        break;
      case 'langevin':
        this.sampler = overdampedLangevin({
          energy: this.energy,
          stepSize: this.live.stepSize,
          temperature: this.live.temperature,
        }) as SamplingAlgorithm<LangevinState | HmcState, SamplerInfo>;
        break;
      case 'hmc':
        this.sampler = hmc({
          energy: this.energy,
          stepSize: this.live.stepSize,
          numIntegrationSteps: this.live.leapfrogSteps,
          temperature: Math.max(HMC_MIN_TEMPERATURE, this.live.temperature),
        }) as SamplingAlgorithm<LangevinState | HmcState, SamplerInfo>;
        break;
    }
    // The state of a transformation chain keeps its shape when only β changes, so it carries over.
    if (this.optimizer && this.optimizerState === undefined) {
      this.optimizerState = this.optimizer.init(this.energy, this.point);
    }
    if (this.sampler && this.samplerState === undefined) {
      this.samplerState = this.sampler.init(this.point.position);
    }
  }

  /** The current point. */
  get current(): Iterate {
    return this.point;
  }

  /** Takes `count` steps; stops early, recording `divergence`, when the walker diverges. */
  advance(count: number): void {
    for (let k = 0; k < count && this.divergence === undefined && !this.converged; k++) this.advanceOne();
  }

  private advanceOne(): void {
    let next: Iterate;
    if (this.optimizer) {
      const result = this.optimizer.step(this.energy, this.point, this.optimizerState);
      const problem = divergenceReason(result.point, MAX_NORM);
      if (problem) {
        this.diverge(result.point, problem, (curvature) =>
          this.optimizer?.stability?.(curvature, this.step, this.optimizerState),
        );
        return;
      }
      this.optimizerState = result.state;
      next = result.point;
    } else {
      const sampler = this.sampler as SamplingAlgorithm<LangevinState | HmcState, SamplerInfo>;
      const [state, info] = sampler.step(fold(this.key, this.step), this.samplerState as LangevinState);
      const candidate = { position: state.position, energy: state.energy, gradient: state.gradient };
      const problem = divergenceReason(candidate, MAX_NORM);
      if (problem) {
        // Overdamped Langevin's drift is gradient descent with learning rate h: the same bound.
        this.diverge(candidate, problem, (curvature) =>
          this.method === 'langevin' ? gradientDescentStability(this.live.stepSize, curvature) : undefined,
        );
        return;
      }
      if (info.accepted) this.accepted++;
      if (info.divergent) this.divergentTrajectories++;
      this.samplerState = state;
      next = { position: Float64Array.from(state.position), energy: state.energy, gradient: state.gradient };
    }
    this.point = next;
    this.step++;
    if (this.optimizer && Math.hypot(next.gradient[0], next.gradient[1]) <= GRADIENT_TOLERANCE) {
      this.converged = true;
    }
    if (next.energy < this.best.point.energy) this.best = { point: next, step: this.step };
    this.record();
  }

  private diverge(
    point: Iterate,
    reason: NonNullable<ReturnType<typeof divergenceReason>>,
    condition: (curvature: number) => StabilityCondition | undefined,
  ): void {
    let curvature: number | undefined;
    let stability: StabilityCondition | undefined;
    let curvatureFailure: string | undefined;
    try {
      curvature = largestCurvature(this.energy, this.best.point.position).value;
      if (curvature > 0) stability = condition(curvature);
    } catch (error) {
      curvatureFailure = (error as Error).message;
    }
    let norm = 0;
    for (const value of point.position) norm += value * value;
    this.divergence = new DivergenceError({
      optimizer: this.optimizer?.name ?? (this.method === 'langevin' ? 'Langevin (ULA)' : 'HMC'),
      step: this.step + 1,
      reason,
      energy: point.energy,
      positionNorm: Math.sqrt(norm),
      maxNorm: MAX_NORM,
      largestCurvature: curvature,
      curvatureStep: this.best.step,
      stability,
      curvatureFailure,
    });
  }

  private record(): void {
    if (this.step % this.stride !== 0) return;
    const path = this.path;
    if (path.step.length >= MAX_PATH_POINTS) {
      this.stride *= 2;
      const keep = path.step.map((step) => step % this.stride === 0);
      for (const key of ['step', 'x', 'y', 'energy'] as const) {
        path[key] = path[key].filter((_, index) => keep[index]);
      }
      if (this.step % this.stride !== 0) return;
    }
    this.path.step.push(this.step);
    this.path.x.push(this.point.position[0]);
    this.path.y.push(this.point.position[1]);
    this.path.energy.push(this.point.energy);
  }
}
