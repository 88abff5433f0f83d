/**
 * The input gradient ∇ₓH of a scalar-output MLP at every point of a batch, and the gradient
 * with respect to the weights of any loss of it, computed in WebAssembly: reverse mode over
 * reverse mode written out by hand, for Hamiltonian networks (whose vector field is J∇H).
 *
 * Forward, per layer l (z_l = h_l W_l + b_l, h_{l+1} = σ_l(z_l)), then the input-gradient
 * sweep from e_L = 1:  δ_l = e_{l+1} ⊙ σ′_l(z_l),  e_l = δ_l W_lᵀ,  ∇ₓH = e₀.
 * Backward, given ē₀:  δ̄_l = ē_l W_l,  W̄_l = ē_lᵀ δ_l,  ē_{l+1} = δ̄_l ⊙ σ′_l,
 * z̄_l = δ̄_l ⊙ e_{l+1} ⊙ σ″_l; then ordinary backpropagation of z̄ through the forward pass
 * (W̄_l += h_lᵀ z̄_l, b̄_l = Σ z̄_l, h̄_l = z̄_l W_lᵀ, z̄_{l−1} += h̄_l ⊙ σ′_{l−1}).
 * Six matrix products per layer, against 3(1 + d) for the Taylor-mode pass with d inputs
 * (`taylor-mlp-engine.ts`), which is why Hamiltonian networks with several degrees of freedom
 * take this route. Tapes live in the shared {@link TapeArena}, as for the Taylor pass.
 */
import type { FloatArray } from '../../tensor/tensor.js';
import { ACTIVATION_CODES, type FusedMlpLayout, type TapeArena, tapeArena } from './tape-arena.js';
import { gatherGradient } from './taylor-mlp-engine.js';

interface LayerPlace {
  /** Input h_l [B, n_l] (x for l = 0). */
  h: number;
  /** Pre-activation z_l and activation a_l = σ(z_l) [B, n_{l+1}] (a = z for the identity). */
  z: number;
  a: number;
  f1: number;
  f2: number;
  f3: number;
  /** δ_l [B, n_{l+1}] (= e_{l+1} for the identity). */
  delta: number;
  /** e_{l+1} [B, n_{l+1}] (ones for l = L − 1). */
  eNext: number;
}

/** What a backward pass needs from its forward pass. */
export interface InputGradientTape {
  readonly layout: FusedMlpLayout;
  readonly batch: number;
  readonly theta: FloatArray;
  readonly x: FloatArray;
  epoch: number;
  thetaAt: number;
  /** ∇ₓH = e₀ [B, d]. */
  gradientAt: number;
  layers: LayerPlace[];
}

/** Runs fused input-gradient passes in the tape arena; see the file comment. */
export class InputGradientEngine {
  readonly #arena: TapeArena;

  constructor(arena: TapeArena) {
    this.#arena = arena;
  }

  /** ∇ₓH at the batch x (row-major batch × d), [batch, d] in the layout's dtype. */
  forward(
    layout: FusedMlpLayout,
    theta: FloatArray,
    x: FloatArray,
    batch: number,
    keep: boolean,
  ): { output: FloatArray; tape: InputGradientTape | null } {
    if (layout.sizes[layout.sizes.length - 1] !== 1) {
      throw new Error('the fused input-gradient pass needs a network with one output');
    }
    const arena = this.#arena;
    const mark = arena.beginForward(keep, tapeBytes(layout, batch));
    const tape: InputGradientTape = {
      layout,
      batch,
      theta: keep ? theta.slice() : theta,
      x: keep ? x.slice() : x,
      epoch: arena.epoch,
      thetaAt: 0,
      gradientAt: 0,
      layers: [],
    };
    this.#place(tape);
    this.#run(tape);
    const at = tape.gradientAt / bytesOf(layout);
    const output = arena.view(layout.dtype).slice(at, at + batch * layout.sizes[0]);
    if (!keep) arena.release(mark);
    return { output, tape: keep ? tape : null };
  }

  /** The gradient with respect to θ (float64) of ⟨cotangent, ∇ₓH⟩; cotangent is [batch, d]. */
  backward(tape: InputGradientTape, cotangent: FloatArray): Float64Array {
    const arena = this.#arena;
    const { layout, batch } = tape;
    const sizes = layout.sizes;
    const layerCount = layout.activations.length;
    if (cotangent.length !== batch * sizes[0]) {
      throw new Error(
        `cotangent must hold ${batch * sizes[0]} entries (batch × inputs), got ${cotangent.length}`,
      );
    }
    if (tape.epoch !== arena.epoch) {
      tape.epoch = arena.epoch;
      tape.layers = [];
      this.#place(tape);
      this.#run(tape);
    }
    arena.noteBackward();
    const single = layout.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const widest = Math.max(...sizes);
    const mark = arena.mark();
    let eBar = arena.take(batch * widest * bytes);
    let other = arena.take(batch * widest * bytes);
    const deltaBar = arena.take(batch * widest * bytes);
    const zBars = layout.activations.map((_, l) => arena.take(batch * sizes[l + 1] * bytes));
    const gradientAt = arena.take(layout.parameterCount * bytes);
    const biasTotal = sizes.slice(1).reduce((sum, width) => sum + width, 0);
    const biasAt = arena.take(biasTotal * 8);
    arena.commit();
    const view = arena.view(layout.dtype);
    view.set(cotangent, eBar / bytes);
    const e = arena.exports;
    const matmul = single ? e.matmulF32 : e.matmulF64;
    const sum = single ? e.sumF32 : e.sumF64;
    const backwardStep = single ? e.gradientBackwardF32 : e.gradientBackwardF64;
    const addProduct = single ? e.addProductF32 : e.addProductF64;
    const weightAt = (l: number) => tape.thetaAt + layout.weightOffsets[l] * bytes;
    const weightGradientAt = (l: number) => gradientAt + layout.weightOffsets[l] * bytes;
    // Back through the input-gradient sweep, from ē₀ = cotangent.
    for (let l = 0; l < layerCount; l++) {
      const place = tape.layers[l];
      const n = sizes[l];
      const width = sizes[l + 1];
      matmul(eBar, weightAt(l), deltaBar, batch, width, n, 0, 0, 1, 0, 0, 0, 0);
      matmul(eBar, place.delta, weightGradientAt(l), n, width, batch, 1, 0, 1, 0, 0, 0, 0);
      if (layout.activations[l] === 'identity') {
        view.fill(0, zBars[l] / bytes, zBars[l] / bytes + batch * width);
        [eBar, other] = [other, eBar];
        view.copyWithin(eBar / bytes, deltaBar / bytes, deltaBar / bytes + batch * width);
      } else {
        backwardStep(deltaBar, place.eNext, place.f1, place.f2, other, zBars[l], batch * width);
        [eBar, other] = [other, eBar];
      }
    }
    // Back through the forward pass, seeded by z̄ (the output H itself is not in the loss).
    let hBar = -1;
    let biasOffset = biasTotal;
    for (let l = layerCount - 1; l >= 0; l--) {
      const place = tape.layers[l];
      const width = sizes[l + 1];
      const zBar = zBars[l];
      if (hBar >= 0) {
        if (layout.activations[l] === 'identity') {
          const to = zBar / bytes;
          const from = hBar / bytes;
          for (let i = 0; i < batch * width; i++) view[to + i] += view[from + i];
        } else {
          addProduct(zBar, hBar, place.f1, batch * width);
        }
      }
      matmul(place.h, zBar, weightGradientAt(l), sizes[l], width, batch, 1, 0, 1, 0, 0, 0, 1);
      biasOffset -= width;
      sum(zBar, biasAt + biasOffset * 8, 1, batch, width);
      if (l > 0) {
        const target = hBar === eBar ? other : eBar;
        matmul(zBar, weightAt(l), target, batch, sizes[l], width, 0, 1, 1, 0, 0, 0, 0);
        hBar = target;
      }
    }
    const gradient = gatherGradient(arena, layout, gradientAt, biasAt);
    arena.release(mark);
    return gradient;
  }

  #place(tape: InputGradientTape): void {
    const arena = this.#arena;
    const { layout, batch } = tape;
    const sizes = layout.sizes;
    const bytes = bytesOf(layout);
    const layerCount = layout.activations.length;
    tape.thetaAt = arena.take(layout.parameterCount * bytes);
    let h = arena.take(batch * sizes[0] * bytes);
    for (let l = 0; l < layerCount; l++) {
      const count = batch * sizes[l + 1];
      const z = arena.take(count * bytes);
      const place: LayerPlace = { h, z, a: z, f1: 0, f2: 0, f3: 0, delta: 0, eNext: 0 };
      if (layout.activations[l] !== 'identity') {
        place.a = arena.take(count * bytes);
        place.f1 = arena.take(count * bytes);
        place.f2 = arena.take(count * bytes);
        place.f3 = arena.take(count * bytes);
        place.delta = arena.take(count * bytes);
      }
      place.eNext = arena.take(count * bytes);
      if (layout.activations[l] === 'identity') place.delta = place.eNext;
      tape.layers.push(place);
      h = place.a;
    }
    tape.gradientAt = arena.take(batch * sizes[0] * bytes);
    arena.commit();
  }

  #run(tape: InputGradientTape): void {
    const arena = this.#arena;
    const { layout, batch } = tape;
    const sizes = layout.sizes;
    const single = layout.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const layerCount = layout.activations.length;
    const view = arena.view(layout.dtype);
    view.set(tape.theta, tape.thetaAt / bytes);
    view.set(tape.x.subarray(0, batch * sizes[0]), tape.layers[0].h / bytes);
    const e = arena.exports;
    const matmul = single ? e.matmulF32 : e.matmulF64;
    const addBias = single ? e.addBiasF32 : e.addBiasF64;
    const factors = single ? e.activationFactorsF32 : e.activationFactorsF64;
    const multiply = single ? e.multiplyF32 : e.multiplyF64;
    for (let l = 0; l < layerCount; l++) {
      const place = tape.layers[l];
      const width = sizes[l + 1];
      matmul(
        place.h,
        tape.thetaAt + layout.weightOffsets[l] * bytes,
        place.z,
        batch,
        width,
        sizes[l],
        0,
        0,
        1,
        0,
        0,
        0,
        0,
      );
      addBias(place.z, tape.thetaAt + layout.biasOffsets[l] * bytes, batch, width);
      const activation = layout.activations[l];
      if (activation !== 'identity') {
        factors(ACTIVATION_CODES[activation], place.z, place.a, place.f1, place.f2, place.f3, batch * width);
      }
    }
    // The input-gradient sweep from e_L = 1.
    const last = tape.layers[layerCount - 1].eNext / bytes;
    view.fill(1, last, last + batch);
    for (let l = layerCount - 1; l >= 0; l--) {
      const place = tape.layers[l];
      const width = sizes[l + 1];
      if (layout.activations[l] !== 'identity') multiply(place.delta, place.eNext, place.f1, batch * width);
      const target = l > 0 ? tape.layers[l - 1].eNext : tape.gradientAt;
      matmul(
        place.delta,
        tape.thetaAt + layout.weightOffsets[l] * bytes,
        target,
        batch,
        sizes[l],
        width,
        0,
        1,
        1,
        0,
        0,
        0,
        0,
      );
    }
  }
}

function bytesOf(layout: FusedMlpLayout): number {
  return layout.dtype === 'float32' ? 4 : 8;
}

function tapeBytes(layout: FusedMlpLayout, batch: number): number {
  let entries = layout.parameterCount + 2 * batch * layout.sizes[0];
  for (let l = 0; l < layout.activations.length; l++) {
    entries += (layout.activations[l] === 'identity' ? 2 : 7) * batch * layout.sizes[l + 1];
  }
  return entries * bytesOf(layout);
}

const engines = new WeakMap<TapeArena, InputGradientEngine>();

/**
 * The engine over the current arena (`tapeArena`: threaded while kernel threads are on), or
 * undefined where WebAssembly SIMD cannot be instantiated synchronously.
 */
export function inputGradientEngine(): InputGradientEngine | undefined {
  const arena = tapeArena();
  if (arena === undefined) return undefined;
  let engine = engines.get(arena);
  if (engine === undefined) {
    engine = new InputGradientEngine(arena);
    engines.set(arena, engine);
  }
  return engine;
}
