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
 * Memory. The engine owns a separate instance of the kernels module (its own memory: the
 * shared runtime lays operands out afresh on every call and would overwrite a tape). A forward
 * pass that will be differentiated keeps its tape there until the backward pass; tapes are
 * allocated one after another, and the whole region is reused by the first forward pass after
 * any backward pass (a new training step) — an "epoch". A backward pass whose tape was
 * overwritten meanwhile recomputes it from the inputs it kept (θ and x are small), so a result
 * is never wrong, only slower. Value-only passes use scratch above the tapes and keep nothing.
 * The memory grows to the largest step seen and stays there: no growth over a training run.
 */
import type { FloatArray } from '../../tensor/tensor.js';
import { instantiateKernelsModule } from './runtime.js';

/** Activation codes of `wasm/assembly/taylor.ts`. */
const ACTIVATION_CODES = {
  identity: 0,
  tanh: 1,
  relu: 2,
  softplus: 3,
  sigmoid: 4,
  sin: 5,
  swish: 6,
} as const;

/** The activations the fused pass computes. */
export type TaylorActivation = keyof typeof ACTIVATION_CODES;

/** The network and the derivatives a fused pass computes. */
export interface TaylorMlpSpec {
  /** Layer widths [d, h₁, …, out]. */
  readonly sizes: readonly number[];
  /** One activation per layer (sizes.length − 1 entries). */
  readonly activations: readonly TaylorActivation[];
  /** Where layer l's weight [sizes[l], sizes[l+1]] (row-major) and bias start in θ. */
  readonly weightOffsets: readonly number[];
  readonly biasOffsets: readonly number[];
  readonly parameterCount: number;
  readonly dtype: 'float64' | 'float32';
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

interface TaylorExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmulF32(...args: number[]): void;
  matmulF64(...args: number[]): void;
  sumF32(x: number, out: number, outer: number, length: number, inner: number): void;
  sumF64(x: number, out: number, outer: number, length: number, inner: number): void;
  activationFactorsF32(...args: number[]): void;
  activationFactorsF64(...args: number[]): void;
  taylorStreamsF32(...args: number[]): void;
  taylorStreamsF64(...args: number[]): void;
  taylorStreamsBackwardF32(...args: number[]): void;
  taylorStreamsBackwardF64(...args: number[]): void;
  addBiasF32(z: number, b: number, rows: number, cols: number): void;
  addBiasF64(z: number, b: number, rows: number, cols: number): void;
}

const PAGE_BYTES = 65536;
const ALIGN = 64;
/** Tapes of one epoch may fill this much before the region is reused (old tapes recomputed). */
const TAPE_BYTES_LIMIT = 1 << 30;

/** The number of stacked streams: value, d first derivatives, q second derivatives. */
export function taylorStreamCount(spec: TaylorMlpSpec): number {
  return 1 + spec.sizes[0] + spec.secondAxes.length;
}

/** Runs fused Taylor-mode passes in its own WebAssembly instance; see the file comment. */
export class TaylorMlpEngine {
  readonly #exports: TaylorExports;
  readonly #base: number;
  #top: number;
  #epoch = 0;
  #backwardSeen = false;
  #buffer: ArrayBuffer | undefined;
  #f64 = new Float64Array(0);
  #f32 = new Float32Array(0);
  #i32 = new Int32Array(0);

  constructor(exports: TaylorExports) {
    this.#exports = exports;
    this.#base = Math.ceil(exports.heapBase() / ALIGN) * ALIGN;
    this.#top = this.#base;
  }

  /** Bytes of WebAssembly memory the engine holds (it only grows, to the largest step seen). */
  get byteLength(): number {
    return this.#exports.memory.buffer.byteLength;
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
    if (keep && this.#backwardSeen) this.#newEpoch();
    const mark = this.#top;
    const tape: TaylorTape = {
      spec,
      batch,
      theta: keep ? theta.slice() : theta,
      x: keep ? x.slice() : x,
      epoch: this.#epoch,
      thetaAt: 0,
      axesAt: 0,
      layers: [],
    };
    if (keep && this.#top - this.#base + this.#tapeBytes(spec, batch) > TAPE_BYTES_LIMIT) this.#newEpoch();
    this.#place(tape);
    this.#run(tape);
    const output = this.#output(tape);
    if (!keep) this.#top = mark;
    return { output, tape: keep ? tape : null };
  }

  /**
   * The gradient with respect to θ (float64, length parameterCount) of ⟨cotangent, streams⟩,
   * where `cotangent` has the shape of the forward output.
   */
  backward(tape: TaylorTape, cotangent: FloatArray): Float64Array {
    const { spec, batch } = tape;
    if (tape.epoch !== this.#epoch) {
      // Overwritten by a later epoch: lay the tape out again and recompute it.
      tape.epoch = this.#epoch;
      tape.layers = [];
      this.#place(tape);
      this.#run(tape);
    }
    this.#backwardSeen = true;
    const single = spec.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const streams = taylorStreamCount(spec);
    const layerCount = spec.activations.length;
    const widest = Math.max(...spec.sizes);
    const mark = this.#top;
    let g = this.#take(streams * batch * widest * bytes);
    let other = this.#take(streams * batch * widest * bytes);
    const gradientAt = this.#take(spec.parameterCount * bytes);
    const biasTotal = spec.sizes.slice(1).reduce((sum, width) => sum + width, 0);
    const biasAt = this.#take(biasTotal * 8);
    this.#commit();
    const e = this.#exports;
    const view = single ? this.#viewF32() : this.#viewF64();
    const outWidth = spec.sizes[layerCount];
    const expected = streams * batch * outWidth;
    if (cotangent.length !== expected) {
      throw new Error(
        `cotangent must hold ${expected} entries (streams × batch × outputs), got ${cotangent.length}`,
      );
    }
    view.set(cotangent, g / bytes);
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
    const after = single ? this.#viewF32() : this.#viewF64();
    const gradient = new Float64Array(spec.parameterCount);
    gradient.set(after.subarray(gradientAt / bytes, gradientAt / bytes + spec.parameterCount));
    const sums = this.#viewF64();
    biasOffset = 0;
    for (let l = 0; l < layerCount; l++) {
      const width = spec.sizes[l + 1];
      const from = biasAt / 8 + biasOffset;
      gradient.set(sums.subarray(from, from + width), spec.biasOffsets[l]);
      biasOffset += width;
    }
    this.#top = mark;
    return gradient;
  }

  #newEpoch(): void {
    this.#top = this.#base;
    this.#epoch++;
    this.#backwardSeen = false;
  }

  #tapeBytes(spec: TaylorMlpSpec, batch: number): number {
    const bytes = spec.dtype === 'float32' ? 4 : 8;
    const streams = taylorStreamCount(spec);
    let total = (spec.parameterCount + streams * batch * spec.sizes[0]) * bytes;
    for (let l = 0; l < spec.activations.length; l++) {
      const count = batch * spec.sizes[l + 1];
      total += (spec.activations[l] === 'identity' ? streams : 2 * streams + 3) * count * bytes;
    }
    return total;
  }

  /** Reserves the tape's regions at the top of memory. */
  #place(tape: TaylorTape): void {
    const { spec, batch } = tape;
    const bytes = spec.dtype === 'float32' ? 4 : 8;
    const streams = taylorStreamCount(spec);
    tape.thetaAt = this.#take(spec.parameterCount * bytes);
    tape.axesAt = this.#take(Math.max(1, spec.secondAxes.length) * 4);
    let h = this.#take(streams * batch * spec.sizes[0] * bytes);
    for (let l = 0; l < spec.activations.length; l++) {
      const count = batch * spec.sizes[l + 1];
      const z = this.#take(streams * count * bytes);
      const place: LayerPlace = { h, z, a: z, f1: 0, f2: 0, f3: 0 };
      if (spec.activations[l] !== 'identity') {
        place.a = this.#take(streams * count * bytes);
        place.f1 = this.#take(count * bytes);
        place.f2 = this.#take(count * bytes);
        place.f3 = this.#take(count * bytes);
      }
      tape.layers.push(place);
      h = place.a;
    }
    this.#commit();
  }

  /** The forward sweep over a placed tape. */
  #run(tape: TaylorTape): void {
    const { spec, batch } = tape;
    const single = spec.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const view = single ? this.#viewF32() : this.#viewF64();
    const streams = taylorStreamCount(spec);
    const d = spec.sizes[0];
    view.set(tape.theta, tape.thetaAt / bytes);
    this.#viewI32().set(spec.secondAxes, tape.axesAt / 4);
    // The first layer's input streams: x, then the unit vectors, then zeros.
    const h0 = tape.layers[0].h / bytes;
    view.fill(0, h0, h0 + streams * batch * d);
    view.set(tape.x.subarray(0, batch * d), h0);
    for (let i = 0; i < d; i++) {
      const start = h0 + (1 + i) * batch * d + i;
      for (let b = 0; b < batch; b++) view[start + b * d] = 1;
    }
    const e = this.#exports;
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
    const single = spec.dtype === 'float32';
    const bytes = single ? 4 : 8;
    const at = tape.layers[tape.layers.length - 1].a / bytes;
    const length = taylorStreamCount(spec) * batch * spec.sizes[spec.sizes.length - 1];
    return (single ? this.#viewF32() : this.#viewF64()).slice(at, at + length);
  }

  #take(bytes: number): number {
    const at = this.#top;
    this.#top = at + Math.ceil(bytes / ALIGN) * ALIGN;
    return at;
  }

  #commit(): void {
    const memory = this.#exports.memory;
    const size = memory.buffer.byteLength;
    if (this.#top <= size) return;
    if (this.#top > 2 ** 32) {
      throw new Error(
        `fused Taylor pass: the tape needs ${this.#top} bytes, above the 4 GiB WebAssembly limit`,
      );
    }
    memory.grow(Math.ceil((this.#top - size) / PAGE_BYTES));
  }

  #refresh(): void {
    const buffer = this.#exports.memory.buffer;
    if (buffer !== this.#buffer) {
      this.#buffer = buffer;
      this.#f64 = new Float64Array(buffer);
      this.#f32 = new Float32Array(buffer);
      this.#i32 = new Int32Array(buffer);
    }
  }

  #viewF64(): Float64Array {
    this.#refresh();
    return this.#f64;
  }

  #viewF32(): Float32Array {
    this.#refresh();
    return this.#f32;
  }

  #viewI32(): Int32Array {
    this.#refresh();
    return this.#i32;
  }
}

let engine: TaylorMlpEngine | null | undefined;

/** The shared engine, or undefined where WebAssembly SIMD cannot be instantiated synchronously. */
export function taylorMlpEngine(): TaylorMlpEngine | undefined {
  if (engine === undefined) {
    const instance = instantiateKernelsModule();
    const exports = instance?.exports as unknown as TaylorExports | undefined;
    engine =
      exports !== undefined && typeof exports.taylorStreamsF64 === 'function'
        ? new TaylorMlpEngine(exports)
        : null;
  }
  return engine ?? undefined;
}
