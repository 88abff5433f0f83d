/**
 * The memory of the Hopfield page: patterns (8×8 digits shown as 16×16, or random ±1 patterns
 * of 256 neurons) stored by a rule of `src/models/hopfield`, and an asynchronous recall that can
 * be advanced one neuron at a time. Each visit applies the network's zero-temperature rule
 * s_i ← sign(h_i) (kept when h_i = 0), flipping through the library's `flipNeuron`, which keeps
 * the local fields current; the energy comes from the library's `neuronStateEnergy`. For
 * symmetric weights it never increases, and a sweep without a flip is a fixed point.
 */
import { fold, makeKey, RandomStream } from '../../../../src/core/random/index.js';
import { loadDigits } from '../../../../src/data/digits.js';
import {
  flipNeuron,
  type NeuronState,
  neuronState,
  neuronStateEnergy,
} from '../../../../src/models/hopfield/asynchronous.js';
import type { HopfieldNetwork, StorageRule } from '../../../../src/models/hopfield/network.js';
import { randomPatterns } from '../../../../src/models/hopfield/patterns.js';
import { storePatterns } from '../../../../src/models/hopfield/storage.js';

/** Side of the neuron grid: N = 256 neurons. */
export const GRID = 16;
export const NEURONS = GRID * GRID;

/** Where the patterns come from. */
export const PATTERN_SOURCES = ['digits', 'random'] as const;
export type PatternSource = (typeof PATTERN_SOURCES)[number];

/**
 * The patterns: digits 0, 1, 2, … (the first image of each, then the second, …), binarized at
 * half intensity and drawn with 2×2 neurons per pixel; or independent fair ±1 patterns.
 */
export function makePatterns(source: PatternSource, count: number, seed: number): Int8Array[] {
  if (source === 'random') return randomPatterns(fold(makeKey(seed), 0), count, NEURONS);
  const digits = loadDigits({ binarize: 0.5 });
  const side = digits.width;
  const chosen: number[] = [];
  const used = new Set<number>();
  for (let round = 0; chosen.length < count && round < digits.count; round++) {
    for (let label = 0; label < 10 && chosen.length < count; label++) {
      let seen = 0;
      for (let index = 0; index < digits.count; index++) {
        if (digits.labels[index] !== label) continue;
        if (seen++ === round && !used.has(index)) {
          chosen.push(index);
          used.add(index);
          break;
        }
      }
    }
  }
  const scale = GRID / side;
  return chosen.map((index) => {
    const pattern = new Int8Array(NEURONS);
    for (let row = 0; row < GRID; row++) {
      for (let column = 0; column < GRID; column++) {
        const pixel =
          digits.images[index * side * side + Math.floor(row / scale) * side + Math.floor(column / scale)];
        pattern[row * GRID + column] = pixel > 0.5 ? 1 : -1;
      }
    }
    return pattern;
  });
}

/** Stores the patterns by `rule`. */
export function storeMemory(patterns: Int8Array[], rule: StorageRule): HopfieldNetwork {
  return storePatterns(patterns, { rule });
}

/** An asynchronous recall in progress. */
export class Recall {
  state: NeuronState;
  /** Neuron visits so far. */
  updates = 0;
  /** Set when a whole sweep made no flip: a fixed point (a local minimum of E). */
  fixedPoint = false;
  readonly trace: { updates: number[]; energy: number[] } = { updates: [], energy: [] };
  private readonly order: Int32Array;
  private cursor = 0;
  private flipsThisSweep = 0;
  private readonly stream: RandomStream;

  constructor(
    readonly network: HopfieldNetwork,
    spins: ArrayLike<number>,
    seed: number,
  ) {
    this.state = neuronState(network, spins);
    this.stream = new RandomStream(fold(makeKey(seed), 2));
    this.order = new Int32Array(network.size);
    this.shuffle();
    this.record();
  }

  /** The energy of the current state. */
  get energy(): number {
    return neuronStateEnergy(this.network, this.state);
  }

  /** Replaces the spins (a brush stroke) and starts the fixed-point test afresh. */
  setSpins(spins: ArrayLike<number>): void {
    this.state = neuronState(this.network, spins);
    this.fixedPoint = false;
    this.flipsThisSweep = 0;
    this.cursor = 0;
    this.shuffle();
    this.record();
  }

  /** Visits `count` neurons (fewer if a fixed point is reached). */
  advance(count: number): void {
    const { spins, fields } = this.state;
    for (let k = 0; k < count && !this.fixedPoint; k++) {
      const i = this.order[this.cursor];
      const field = fields[i];
      if ((field > 0 && spins[i] < 0) || (field < 0 && spins[i] > 0)) {
        flipNeuron(this.network, this.state, i);
        this.flipsThisSweep++;
      }
      this.updates++;
      if (++this.cursor === this.order.length) {
        if (this.flipsThisSweep === 0) this.fixedPoint = true;
        this.flipsThisSweep = 0;
        this.cursor = 0;
        this.shuffle();
      }
    }
    this.record();
  }

  private shuffle(): void {
    const order = this.order;
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.stream.nextInt(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  private record(): void {
    this.trace.updates.push(this.updates);
    this.trace.energy.push(this.energy);
  }
}
