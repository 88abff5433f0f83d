/**
 * Gradient transformations, after Optax: an optimizer is a pair of pure functions
 * `init(params) → state` and `update(gradient, state, params) → [update, state]`, and the
 * driver moves the parameters by `params + update`. Small transformations (momentum, RMS
 * scaling, Adam's moments, clipping, the learning rate) compose with {@link chain}:
 *
 * ```ts
 * const adam = chain(scaleByAdam({ b1: 0.9 }), scaleByLearningRate(1e-3));
 * ```
 *
 * Sign convention: updates are ADDED to the parameters, so descent is the last transform
 * scaling by −learningRate (which {@link scaleByLearningRate} does).
 *
 * Purity: `update` never mutates its arguments; every state is a fresh record. That costs a
 * few n-vectors per step, which is negligible next to a gradient evaluation for the sizes
 * these dynamics run on, and makes states safe to keep (checkpoints, histories, restarts).
 */
import type { StabilityCondition } from './stability.js';

/** An Optax-style gradient transformation with state type S. */
export interface GradientTransformation<S = unknown> {
  /** Human-readable name, used in messages ("gradient descent diverged at step 7: …"). */
  readonly name?: string;
  /** The initial state for parameters `params` (not modified). */
  init(params: Float64Array): S;
  /**
   * Maps a gradient to an update (to be added to the parameters) and the next state.
   * `params` are the parameters at which `gradient` was taken.
   */
  update(gradient: Float64Array, state: S, params: Float64Array): [Float64Array, S];
  /**
   * The step-size condition for linear stability on a quadratic whose largest Hessian
   * eigenvalue is `largestCurvature`, for the update with 0-based index `updateIndex` (so
   * schedules are read at the step that diverged). Used in divergence messages; undefined
   * where no simple condition exists (adaptive methods).
   */
  stability?(largestCurvature: number, updateIndex: number): StabilityCondition | undefined;
}

/** The state types of a tuple of transformations. */
export type StatesOf<T extends readonly GradientTransformation<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends GradientTransformation<infer S> ? S : never;
};

/**
 * Applies transformations in sequence: the update of one is the "gradient" of the next.
 * The state is the tuple of the component states.
 */
export function chain<const T extends readonly GradientTransformation<unknown>[]>(
  ...transforms: T
): GradientTransformation<StatesOf<T>> {
  if (transforms.length === 0) throw new Error('chain: transforms must contain at least one transformation');
  transforms.forEach((transform, i) => {
    if (typeof transform?.init !== 'function' || typeof transform.update !== 'function') {
      throw new Error(`chain: transforms[${i}] is not a gradient transformation (it needs init and update)`);
    }
  });
  const name = `chain(${transforms.map((t, i) => t.name ?? `transform ${i}`).join(', ')})`;
  return {
    name,
    init: (params) => transforms.map((t) => t.init(params)) as StatesOf<T>,
    update(gradient, state, params) {
      let current = gradient;
      const next = new Array(transforms.length);
      for (let i = 0; i < transforms.length; i++) {
        [current, next[i]] = transforms[i].update(current, state[i], params);
      }
      return [current, next as StatesOf<T>];
    },
  };
}

/** A transformation with a new name and stability condition (used by the named optimizers). */
export function named<S>(
  transform: GradientTransformation<S>,
  name: string,
  stability?: GradientTransformation<S>['stability'],
): GradientTransformation<S> {
  return { init: transform.init, update: transform.update, name, stability };
}

/** `params + updates`, as a new array (Optax's `apply_updates`). */
export function applyUpdates(params: Float64Array, updates: Float64Array): Float64Array {
  if (params.length !== updates.length) {
    throw new Error(
      `applyUpdates: updates must have params.length = ${params.length} entries, got ${updates.length}`,
    );
  }
  const out = new Float64Array(params.length);
  for (let i = 0; i < out.length; i++) out[i] = params[i] + updates[i];
  return out;
}

/** Throws unless `value` is a finite number > 0. */
export function positiveParameter(value: number, name: string, caller: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${caller}: ${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a number in [0, 1). */
export function decayParameter(value: number, name: string, caller: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new Error(`${caller}: ${name} must be a number in [0, 1), got ${value}`);
  }
  return value;
}
