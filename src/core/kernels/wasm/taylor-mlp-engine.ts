/**
 * A Taylor-mode MLP pass computed entirely in WebAssembly memory: the value, the first input
 * derivatives and chosen pure second input derivatives of every point of a batch in one
 * forward sweep, and the gradient of any loss of them with respect to the weights in one
 * backward sweep — the PINN residual step without a tensor op per layer and stream.
 *
 * Layout. The d + 1 + q "streams" (value, ∂/∂xᵢ, ∂²/∂x_{aⱼ}²) of a layer are stacked into one
 * [S·B, width] matrix, so each layer is ONE matrix product (Z = H·W), the weight gradient ONE
 * product (Hᵀ·Ḡ) and the input cotangent ONE product (Ḡ·Wᵀ); the activation and its
 * derivatives are the fused elementwise kernels of `wasm/assembly/taylor.ts`. The first layer's
 * input is [x; e₁…e_d; 0…]: ∂x/∂xᵢ is the unit vector, so the generic rules need no special case.
 *
 * Memory: tapes live in the shared {@link TapeArena} (`tape-arena.ts`) from the forward pass
 * to the backward pass; a tape overwritten meanwhile (a later epoch) is recomputed from the
 * inputs it kept (θ and x are small), so a result is never wrong, only slower.
 */
import type { FloatArray } from '../../tensor/tensor.js';
import { ACTIVATION_CODES, type FusedMlpLayout, type TapeArena, tapeArena } from './tape-arena.js';

/** The network and the derivatives a fused Taylor pass computes. */
export interface TaylorMlpSpec extends FusedMlpLayout {
  /** Input axes whose pure second derivative is propagated (each in [0, d), no repeats). */
  readonly secondAxes: readonly number[];
}

interface LayerPlace {
  h: number;
  z: number;
  a: number;
  f1: number;
  f2: number;
  f3: number;
}

/** What a backward pass needs from its forward pass. */
export interface TaylorTape {
  readonly spec: TaylorMlpSpec;
  readonly batch: number;
  /** θ and x as given, for recomputing an overwritten tape. */
  readonly theta: FloatArray;
  readonly x: FloatArray;
  epoch: number;
  thetaAt: number;
  axesAt: number;
  layers: LayerPlace[];
}

/** The number of stacked streams: value, d first derivatives, q second derivatives. */
export function taylorStreamCount(spec: TaylorMlpSpec): number {
  return 1 + spec.sizes[0] + spec.secondAxes.length;
}

/** Runs fused Taylor-mode passes in the tape arena; see the file comment. */
export class TaylorMlpEngine {
  readonly #arena: TapeArena;

  constructor(arena: TapeArena) {
    this.#arena = arena;
  }

  /** Bytes of WebAssembly memory the arena holds (it only grows, to the largest step seen). */
  get byteLength(): number {
    return this.#arena.byteLength;
  }

  /**
   * The stacked streams [S, batch, out] of the network at θ on the points x (row-major
   * batch × d), in the spec's dtype. With `keep`, the tape stays for `backward`.
   */
  forward(
    spec: TaylorMlpSpec,
    theta: FloatArray,
    x: FloatArray,
    batch: number,
    keep: boolean,
  ): { output: FloatArray; tape: TaylorTape | null } {
    const arena = this.#arena;
    const mark = arena.beginForward(keep, tapeBytes(spec, batch));
    const tape: TaylorTape = {
      spec,
      batch,
      theta: keep ? theta.slice() : theta,
      x: keep ? x.slice() : x,
      epoch: arena.epoch,
      thetaAt: 0,
      axesAt: 0,
      layers: [],
    };
    this.#place(tape);
    this.#run(tape);
    const output = this.#output(tape);
    if (!keep) arena.release(mark);
    return { output, tape: keep ? tape : null };
  }

  /**
   * The gradient with respect to θ (float64, length parameterCount) of ⟨cotangent, streams⟩,
   * where `cotangent` has the shape of the forward output.
   */
  backward(tape: TaylorTape, cotangent: FloatArray): Float64Array {
    const arena = this.#arena;
    const { spec, batch } = tape;
    const streams = taylorStreamCount(spec);
    const layerCount = spec.activations.length;
    const expected = streams * batch * spec.sizes[layerCount];
    if (cotangent.length !== expected) {
      throw new Error(
        `cotangent must hold ${expected} entries (streams × batch × outputs), got ${cotangent.length}`,
      );
    }
    if (tape.epoch !== arena.epoch) {
      // Overwritten by a later epoch: lay the tape out again and recompute it.
      tape.epoch = arena.epoch;
      tape.layers = [];
      this.#place(tape);
      this.#run(tape);
    }
    arena.noteBackward();
    const single = spec.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const widest = Math.max(...spec.sizes);
    const mark = arena.mark();
    let g = arena.take(streams * batch * widest * bytes);
    let other = arena.take(streams * batch * widest * bytes);
    const gradientAt = arena.take(spec.parameterCount * bytes);
    const biasTotal = spec.sizes.slice(1).reduce((sum, width) => sum + width, 0);
    const biasAt = arena.take(biasTotal * 8);
    arena.commit();
    const e = arena.exports;
    arena.view(spec.dtype).set(cotangent, g / bytes);
    const matmul = single ? e.matmulF32 : e.matmulF64;
    const sum = single ? e.sumF32 : e.sumF64;
    const backwardStreams = single ? e.taylorStreamsBackwardF32 : e.taylorStreamsBackwardF64;
    const q = spec.secondAxes.length;
    const d = spec.sizes[0];
    let biasOffset = biasTotal;
    for (let l = layerCount - 1; l >= 0; l--) {
      const place = tape.layers[l];
      const width = spec.sizes[l + 1];
      const inputWidth = spec.sizes[l];
      if (spec.activations[l] !== 'identity') {
        backwardStreams(place.z, g, place.f1, place.f2, place.f3, batch * width, d, tape.axesAt, q);
      }
      const weightAt = tape.thetaAt + spec.weightOffsets[l] * bytes;
      matmul(
        place.h,
        g,
        gradientAt + spec.weightOffsets[l] * bytes,
        inputWidth,
        width,
        streams * batch,
        1,
        0,
        1,
        0,
        0,
        0,
        0,
      );
      biasOffset -= width;
      sum(g, biasAt + biasOffset * 8, 1, batch, width);
      if (l > 0) {
        matmul(g, weightAt, other, streams * batch, inputWidth, width, 0, 1, 1, 0, 0, 0, 0);
        [g, other] = [other, g];
      }
    }
    const gradient = gatherGradient(arena, spec, gradientAt, biasAt);
    arena.release(mark);
    return gradient;
  }

  /** Reserves the tape's regions at the top of the arena. */
  #place(tape: TaylorTape): void {
    const arena = this.#arena;
    const { spec, batch } = tape;
    const bytes = spec.dtype === 'float32' ? 4 : 8;
    const streams = taylorStreamCount(spec);
    tape.thetaAt = arena.take(spec.parameterCount * bytes);
    tape.axesAt = arena.take(Math.max(1, spec.secondAxes.length) * 4);
    let h = arena.take(streams * batch * spec.sizes[0] * bytes);
    for (let l = 0; l < spec.activations.length; l++) {
      const count = batch * spec.sizes[l + 1];
      const z = arena.take(streams * count * bytes);
      const place: LayerPlace = { h, z, a: z, f1: 0, f2: 0, f3: 0 };
      if (spec.activations[l] !== 'identity') {
        place.a = arena.take(streams * count * bytes);
        place.f1 = arena.take(count * bytes);
        place.f2 = arena.take(count * bytes);
        place.f3 = arena.take(count * bytes);
      }
      tape.layers.push(place);
      h = place.a;
    }
    arena.commit();
  }

  /** The forward sweep over a placed tape. */
  #run(tape: TaylorTape): void {
    const arena = this.#arena;
    const { spec, batch } = tape;
    const single = spec.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const view = arena.view(spec.dtype);
    const streams = taylorStreamCount(spec);
    const d = spec.sizes[0];
    view.set(tape.theta, tape.thetaAt / bytes);
    arena.i32().set(spec.secondAxes, tape.axesAt / 4);
    // The first layer's input streams: x, then the unit vectors, then zeros.
    const h0 = tape.layers[0].h / bytes;
    view.fill(0, h0, h0 + streams * batch * d);
    view.set(tape.x.subarray(0, batch * d), h0);
    for (let i = 0; i < d; i++) {
      const start = h0 + (1 + i) * batch * d + i;
      for (let b = 0; b < batch; b++) view[start + b * d] = 1;
    }
    const e = arena.exports;
    const matmul = single ? e.matmulF32 : e.matmulF64;
    const addBias = single ? e.addBiasF32 : e.addBiasF64;
    const factors = single ? e.activationFactorsF32 : e.activationFactorsF64;
    const combine = single ? e.taylorStreamsF32 : e.taylorStreamsF64;
    const q = spec.secondAxes.length;
    for (let l = 0; l < spec.activations.length; l++) {
      const place = tape.layers[l];
      const width = spec.sizes[l + 1];
      const count = batch * width;
      matmul(
        place.h,
        tape.thetaAt + spec.weightOffsets[l] * bytes,
        place.z,
        streams * batch,
        width,
        spec.sizes[l],
        0,
        0,
        1,
        0,
        0,
        0,
        0,
      );
      addBias(place.z, tape.thetaAt + spec.biasOffsets[l] * bytes, batch, width);
      const activation = spec.activations[l];
      if (activation === 'identity') continue;
      factors(ACTIVATION_CODES[activation], place.z, place.a, place.f1, place.f2, place.f3, count);
      combine(place.z, place.a, place.f1, place.f2, count, d, tape.axesAt, q);
    }
  }

  #output(tape: TaylorTape): FloatArray {
    const { spec, batch } = tape;
    const bytes = spec.dtype === 'float32' ? 4 : 8;
    const at = tape.layers[tape.layers.length - 1].a / bytes;
    const length = taylorStreamCount(spec) * batch * spec.sizes[spec.sizes.length - 1];
    return this.#arena.view(spec.dtype).slice(at, at + length);
  }
}

function tapeBytes(spec: TaylorMlpSpec, batch: number): number {
  const bytes = spec.dtype === 'float32' ? 4 : 8;
  const streams = taylorStreamCount(spec);
  let total = (spec.parameterCount + streams * batch * spec.sizes[0]) * bytes;
  for (let l = 0; l < spec.activations.length; l++) {
    const count = batch * spec.sizes[l + 1];
    total += (spec.activations[l] === 'identity' ? streams : 2 * streams + 3) * count * bytes;
  }
  return total;
}

/**
 * The float64 gradient of θ from the arena: the weight blocks from `gradientAt` (in the
 * layout's dtype), the biases from the float64 column sums at `biasAt` (layer after layer).
 */
export function gatherGradient(
  arena: TapeArena,
  layout: FusedMlpLayout,
  gradientAt: number,
  biasAt: number,
): Float64Array {
  const bytes = layout.dtype === 'float32' ? 4 : 8;
  const gradient = new Float64Array(layout.parameterCount);
  const at = gradientAt / bytes;
  gradient.set(arena.view(layout.dtype).subarray(at, at + layout.parameterCount));
  const sums = arena.f64();
  let offset = biasAt / 8;
  for (let l = 0; l + 1 < layout.sizes.length; l++) {
    const width = layout.sizes[l + 1];
    gradient.set(sums.subarray(offset, offset + width), layout.biasOffsets[l]);
    offset += width;
  }
  return gradient;
}

const engines = new WeakMap<TapeArena, TaylorMlpEngine>();

/**
 * The engine over the current arena (`tapeArena`: threaded while kernel threads are on), or
 * undefined where WebAssembly SIMD cannot be instantiated synchronously.
 */
export function taylorMlpEngine(): TaylorMlpEngine | undefined {
  const arena = tapeArena();
  if (arena === undefined) return undefined;
  let engine = engines.get(arena);
  if (engine === undefined) {
    engine = new TaylorMlpEngine(arena);
    engines.set(arena, engine);
  }
  return engine;
}
