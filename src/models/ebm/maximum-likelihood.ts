/**
 * Maximum-likelihood training of a neural energy-based model, p_θ(x) = exp(−E_θ(x))/Z_θ.
 *
 * The gradient of the negative log-likelihood needs no Z_θ:
 *
 *   ∇θ(−log p_θ(data)) = E_data[∇θE_θ] − E_model[∇θE_θ],
 *
 * a positive phase that lowers the energy of data and a negative phase that raises it where the
 * model puts mass. The model expectation uses Langevin samples ("fantasy particles"), either
 * - `short-run`: K steps from uniform noise every time (Nijkamp et al. 2019), or
 * - `persistent`: K steps from particles kept in a replay buffer, with a small probability of
 *   restarting each from noise (Du & Mordatch 2019), so the chains are long in total.
 * The surrogate loss whose gradient is that estimate, plus Du & Mordatch's regulariser on the
 * energy magnitudes (it keeps E bounded: the likelihood alone is blind to a constant shift and
 * the Langevin force to a large scale), is
 *
 *   L(θ) = mean E(x⁺) − mean E(x⁻) + α (mean E(x⁺)² + mean E(x⁻)²).
 *
 * Gradient clipping and the optimizer itself come from the `optimizer` transformation
 * (e.g. `adam({ learningRate, clipNorm })`). Training is a pair of pure functions in the style of
 * BlackJAX: `init` and `step` on immutable states, with one key per step.
 */
import { valueAndGrad } from '../../core/autodiff/index.js';
import { type Key, split } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { applyUpdates, type GradientTransformation } from '../../optim/index.js';
import type { NeuralEnergy } from './neural-energy.js';
import { type ParticleBounds, particleLangevin } from './particle-langevin.js';
import {
  drawFromBuffer,
  type ReplayBuffer,
  uniformInBounds,
  uniformReplayBuffer,
  writeToBuffer,
} from './replay-buffer.js';

/** Where the negative phase starts its Langevin chains. */
export type NegativeSampling = 'short-run' | 'persistent';

/** Options of {@link ebmTrainer}. */
export interface EbmTrainerOptions<S> {
  energy: NeuralEnergy;
  /** Gradient transformation applied to ∇θL (include clipping here). */
  optimizer: GradientTransformation<S>;
  /** Draws `count` data points (interleaved) from `key`. */
  sampleData(key: Key, count: number): Float64Array;
  /** Positive and negative samples per step (each). */
  batchSize: number;
  /** The box of the noise that starts chains, and the reflecting walls of the Langevin sampler. */
  bounds: ParticleBounds;
  /** Langevin steps K per training step, step size h and temperature T (default 1). */
  langevin: { steps: number; stepSize: number; temperature?: number };
  /** Default 'persistent'. */
  negativeSampling?: NegativeSampling;
  /** Particles in the replay buffer (default 10000). */
  bufferCapacity?: number;
  /** Probability of restarting a drawn particle from noise (default 0.05). */
  reinitializationProbability?: number;
  /** α ≥ 0 of the energy-magnitude regulariser (default 0.05; see `ebm-2d` for why it matters). */
  energyRegularization?: number;
}

/** A training state (immutable). */
export interface EbmState<S> {
  readonly parameters: Float64Array;
  readonly optimizerState: S;
  /** The persistent particles; null for short-run sampling. */
  readonly buffer: ReplayBuffer | null;
  /** Training steps done. */
  readonly step: number;
}

/** What one training step measured. */
export interface EbmStepInfo {
  /** The surrogate loss L (its value is not a likelihood). */
  loss: number;
  /** mean E(x⁺) on the data batch. */
  positiveEnergy: number;
  /** mean E(x⁻) on the Langevin samples. */
  negativeEnergy: number;
  /** mean E(x⁺) − mean E(x⁻): negative while the model still separates data from its samples. */
  energyGap: number;
  /** ‖∇θL‖ before the optimizer (and its clipping). */
  gradientNorm: number;
  /** The negative samples, interleaved. */
  negativeSamples: Float64Array;
  /** Negative chains started from fresh noise this step. */
  reinitialized: number;
}

/** `init` and `step` of maximum-likelihood EBM training. */
export interface EbmTrainer<S> {
  /** The state at `parameters` (copied); `key` fills the replay buffer. */
  init(parameters: Float64Array, key: Key): EbmState<S>;
  /** One step: data batch, negative phase, gradient, optimizer update. */
  step(state: EbmState<S>, key: Key): [EbmState<S>, EbmStepInfo];
}

function checkPositive(value: number, name: string, integer: boolean): void {
  const ok = integer ? Number.isInteger(value) && value >= 1 : value > 0 && Number.isFinite(value);
  if (!ok)
    throw new Error(
      `${name} must be ${integer ? 'a positive integer' : 'a finite number > 0'}, got ${value}`,
    );
}

function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Maximum-likelihood training with a Langevin negative phase (see the file comment). */
export function ebmTrainer<S>(options: EbmTrainerOptions<S>): EbmTrainer<S> {
  const { energy, optimizer, batchSize, bounds, langevin } = options;
  const sampling = options.negativeSampling ?? 'persistent';
  const capacity = options.bufferCapacity ?? 10000;
  const restart = options.reinitializationProbability ?? 0.05;
  const alpha = options.energyRegularization ?? 0.05;
  checkPositive(batchSize, 'batchSize', true);
  checkPositive(capacity, 'bufferCapacity', true);
  if (sampling !== 'persistent' && sampling !== 'short-run') {
    throw new Error(`negativeSampling must be 'persistent' or 'short-run', got ${String(sampling)}`);
  }
  if (!(alpha >= 0) || !Number.isFinite(alpha)) {
    throw new Error(`energyRegularization must be a finite number ≥ 0, got ${alpha}`);
  }
  if (bounds.lower.length !== energy.dimension || bounds.upper.length !== energy.dimension) {
    throw new Error(`bounds must give ${energy.dimension} lower and upper limits`);
  }
  const dimension = energy.dimension;
  const langevinOptions = (parameters: Float64Array) => ({
    energyGradient: (points: Float64Array) => energy.inputGradient(parameters, points),
    dimension,
    stepSize: langevin.stepSize,
    steps: langevin.steps,
    temperature: langevin.temperature ?? 1,
    bounds,
  });

  return {
    init(parameters, key) {
      if (!(parameters instanceof Float64Array) || parameters.length !== energy.network.parameterCount) {
        throw new Error(`parameters must be a Float64Array of length ${energy.network.parameterCount}`);
      }
      return {
        parameters: Float64Array.from(parameters),
        optimizerState: optimizer.init(parameters),
        buffer: sampling === 'persistent' ? uniformReplayBuffer(key, capacity, bounds) : null,
        step: 0,
      };
    },

    step(state, key) {
      const [dataKey, startKey, langevinKey] = split(key, 3);
      const positives = options.sampleData(dataKey, batchSize);
      if (positives.length !== batchSize * dimension) {
        throw new Error(`sampleData must return ${batchSize * dimension} numbers, got ${positives.length}`);
      }
      const draw =
        state.buffer === null ? null : drawFromBuffer(state.buffer, startKey, batchSize, restart, bounds);
      const start = draw === null ? uniformInBounds(startKey, batchSize, bounds) : draw.positions;
      const negatives = particleLangevin(start, langevinKey, langevinOptions(state.parameters));
      if (firstNonFinite(negatives) >= 0) {
        throw new Error(
          `Langevin particles became non-finite at training step ${state.step}; lower the Langevin step size (now ${langevin.stepSize})`,
        );
      }

      const both = new Float64Array(2 * batchSize * dimension);
      both.set(positives);
      both.set(negatives, positives.length);
      const x = T.fromData(both, [2 * batchSize, dimension]);
      let energies: T.Tensor | undefined;
      const loss = (p: T.Tensor): T.Tensor => {
        energies = energy.energy(p, x);
        const positive = T.slice(energies, [0], [batchSize]);
        const negative = T.slice(energies, [batchSize], [2 * batchSize]);
        const contrast = T.sub(T.mean(positive), T.mean(negative));
        if (alpha === 0) return contrast;
        return T.add(contrast, T.mul(alpha, T.add(T.mean(T.square(positive)), T.mean(T.square(negative)))));
      };
      const [value, gradientTensor] = valueAndGrad(loss)(
        T.fromData(state.parameters, [state.parameters.length]),
      );
      const gradient = Float64Array.from((gradientTensor as T.Tensor).data);
      const bad = firstNonFinite(gradient);
      if (bad >= 0) {
        throw new Error(
          `the parameter gradient became non-finite (entry ${bad}) at training step ${state.step}`,
        );
      }
      const [updates, optimizerState] = optimizer.update(gradient, state.optimizerState, state.parameters);
      const e = (energies as T.Tensor).data;
      let positiveEnergy = 0;
      let negativeEnergy = 0;
      for (let i = 0; i < batchSize; i++) {
        positiveEnergy += e[i] / batchSize;
        negativeEnergy += e[batchSize + i] / batchSize;
      }
      let squared = 0;
      for (const g of gradient) squared += g * g;
      const next: EbmState<S> = {
        parameters: applyUpdates(state.parameters, updates),
        optimizerState,
        buffer:
          draw === null || state.buffer === null
            ? null
            : writeToBuffer(state.buffer, draw.indices, negatives),
        step: state.step + 1,
      };
      return [
        next,
        {
          loss: value.data[0],
          positiveEnergy,
          negativeEnergy,
          energyGap: positiveEnergy - negativeEnergy,
          gradientNorm: Math.sqrt(squared),
          negativeSamples: negatives,
          reinitialized: draw?.reinitialized ?? batchSize,
        },
      ];
    },
  };
}
