/**
 * The live Ising simulation, off the page's thread. Metropolis runs on the bit-packed
 * checkerboard kernel of `src/lattice` when L allows it (even L ≤ 64, or a multiple of 64),
 * otherwise, and for heat-bath and Wolff, on the Int8Array kernels of `src/models/ising`.
 * The worker computes in slices of about 25 ms and posts a frame after each (the lattice and
 * the measurements since the last frame); messages (temperature, algorithm) are handled
 * between slices, so a slider acts within one slice. Randomness: `makeKey(seed)`, folded with
 * a segment number that advances at every change, so a run is reproducible from its seed and
 * its sequence of changes.
 */
import { fold, makeKey, RandomStream } from '../../../../src/core/random/index.js';
import {
  createPackedLattice,
  type PackedLattice,
  packSpins,
  randomizeSpins,
  unpackSpins,
} from '../../../../src/lattice/packed-lattice.js';
import { type PackedMetropolisSampler, packedMetropolis } from '../../../../src/lattice/packed-metropolis.js';
import { packedEnergyAndMagnetization } from '../../../../src/lattice/packed-observables.js';
import { isingSweepFunction } from '../../../../src/models/ising/algorithm.js';
import {
  createIsingLattice,
  type IsingLattice,
  isingEnergy,
  isingMagnetization,
} from '../../../../src/models/ising/lattice.js';
import { isingModel } from '../../../../src/models/ising/model.js';
import type { LiveAlgorithm, LiveError, LiveFrame, LiveRequest } from './live-protocol.js';

const scope = self as unknown as {
  postMessage(message: LiveFrame | LiveError, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<LiveRequest>) => void) | null;
};

/** Milliseconds of computation between frames. */
const SLICE_MS = 25;
/** Most measurements kept per frame (the rest are skipped, evenly). */
const MEASUREMENTS_PER_SLICE = 100;

interface Simulation {
  size: number;
  temperature: number;
  algorithm: LiveAlgorithm;
  key: Uint32Array;
  segment: number;
  sweeps: number;
  packed?: { lattice: PackedLattice; sampler: PackedMetropolisSampler };
  simple?: { lattice: IsingLattice; stream: RandomStream };
  clusters: number;
  clusterSpins: number;
  measureEvery: number;
  series: { at: number[]; energy: number[]; magnetization: number[] };
  sweepsPerSecond: number;
}

let simulation: Simulation | undefined;
let running = false;
/** The cap on sweeps per second (null: none), and the sweeps it allows now. */
let rate: number | null = null;
let allowance = 0;
let lastSlice = 0;
const channel = new MessageChannel();
let scheduled = false;

/** Whether the packed kernel can hold an L × L lattice. */
function packable(size: number): boolean {
  return size <= 64 ? size % 2 === 0 : size % 64 === 0;
}

function nextKey(state: Simulation): Uint32Array {
  state.segment++;
  return fold(state.key, state.segment);
}

/** Puts the simulation on the kernel its algorithm and size call for, keeping the spins. */
function selectKernel(state: Simulation, spins: Int8Array | undefined): void {
  const model = isingModel({ dimension: 2, length: state.size, coupling: 1, field: 0 });
  const usePacked = state.algorithm === 'metropolis' && packable(state.size);
  if (usePacked) {
    let lattice: PackedLattice;
    if (spins) lattice = packSpins(spins, state.size);
    else {
      lattice = createPackedLattice(state.size);
      randomizeSpins(lattice, new RandomStream(nextKey(state)));
    }
    state.packed = {
      lattice,
      sampler: packedMetropolis(lattice, nextKey(state), { temperature: state.temperature }),
    };
    state.simple = undefined;
  } else {
    const lattice = spins
      ? createIsingLattice(model, { initial: spins })
      : createIsingLattice(model, { initial: 'random', key: nextKey(state) });
    state.simple = { lattice, stream: new RandomStream(nextKey(state)) };
    state.packed = undefined;
  }
}

function currentSpins(state: Simulation): Int8Array {
  if (state.packed) return unpackSpins(state.packed.lattice);
  return Int8Array.from((state.simple as { lattice: IsingLattice }).lattice.spins);
}

/** One sweep (Wolff: enough clusters to flip about N spins on average). */
function sweepOnce(state: Simulation): void {
  if (state.packed) {
    state.packed.sampler.sweep(1);
    state.sweeps += 1;
    return;
  }
  const { lattice, stream } = state.simple as { lattice: IsingLattice; stream: RandomStream };
  const sweep = isingSweepFunction(state.algorithm);
  if (state.algorithm !== 'wolff') {
    sweep(lattice, state.temperature, stream);
    state.sweeps += 1;
    return;
  }
  const sites = state.size * state.size;
  const meanSize = state.clusters > 0 ? state.clusterSpins / state.clusters : 1;
  const count = Math.max(1, Math.round(sites / meanSize));
  for (let c = 0; c < count; c++) {
    const stats = sweep(lattice, state.temperature, stream);
    state.clusters += stats.clusters;
    state.clusterSpins += stats.flippedSpins;
    state.sweeps += stats.flippedSpins / sites;
  }
}

function measure(state: Simulation): void {
  const sites = state.size * state.size;
  let energy: number;
  let magnetization: number;
  if (state.packed) {
    ({ energy, magnetization } = packedEnergyAndMagnetization(state.packed.lattice, 1, 0));
  } else {
    const lattice = (state.simple as { lattice: IsingLattice }).lattice;
    energy = isingEnergy(lattice);
    magnetization = isingMagnetization(lattice);
  }
  state.series.at.push(state.sweeps);
  state.series.energy.push(energy / sites);
  state.series.magnetization.push(Math.abs(magnetization) / sites);
}

function postFrame(state: Simulation): void {
  const spins = currentSpins(state);
  const frame: LiveFrame = {
    type: 'frame',
    size: state.size,
    sweeps: state.sweeps,
    spins,
    measuredAt: Float64Array.from(state.series.at),
    energyPerSpin: Float64Array.from(state.series.energy),
    absMagnetization: Float64Array.from(state.series.magnetization),
    sweepsPerSecond: state.sweepsPerSecond,
    kernel: state.packed ? 'packed' : 'simple',
    temperature: state.temperature,
    algorithm: state.algorithm,
    meanClusterSize:
      state.algorithm === 'wolff' && state.clusters > 0 ? state.clusterSpins / state.clusters : null,
  };
  state.series = { at: [], energy: [], magnetization: [] };
  scope.postMessage(frame, [
    frame.spins.buffer,
    frame.measuredAt.buffer,
    frame.energyPerSpin.buffer,
    frame.absMagnetization.buffer,
  ]);
}

/** Runs `count` sweeps, or sweeps for one slice when `count` is undefined; then posts a frame. */
function work(state: Simulation, count?: number): void {
  const started = performance.now();
  const startSweeps = state.sweeps;
  let done = 0;
  let sinceMeasure = 0;
  if (count === undefined && rate !== null) {
    // A capped run earns sweeps with time (at most one slice's worth saved up).
    const now = performance.now();
    allowance = Math.min(allowance + (rate * (now - lastSlice)) / 1000, Math.max(1, rate / 10));
    lastSlice = now;
  }
  while (
    count === undefined
      ? performance.now() - started < SLICE_MS && (rate === null || allowance >= 1)
      : done < count
  ) {
    if (count === undefined && rate !== null) allowance--;
    sweepOnce(state);
    done++;
    if (++sinceMeasure >= state.measureEvery) {
      measure(state);
      sinceMeasure = 0;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (count === undefined && done === 0) return;
  if (count === undefined && seconds > 0 && rate === null) {
    state.sweepsPerSecond = (state.sweeps - startSweeps) / seconds;
    state.measureEvery = Math.max(1, Math.floor(done / MEASUREMENTS_PER_SLICE));
  }
  postFrame(state);
}

function schedule(): void {
  if (scheduled || !running) return;
  scheduled = true;
  // Uncapped: the next slice at once; capped: wait a frame, so the worker does not spin.
  if (rate === null) channel.port2.postMessage(null);
  else setTimeout(() => channel.port2.postMessage(null), 16);
}

channel.port1.onmessage = () => {
  scheduled = false;
  if (!running || simulation === undefined) return;
  try {
    work(simulation);
  } catch (error) {
    running = false;
    scope.postMessage({ type: 'error', message: (error as Error).message });
    return;
  }
  schedule();
};

scope.onmessage = (event) => {
  const request = event.data;
  try {
    if (request.type === 'configure') {
      const state: Simulation = {
        size: request.size,
        temperature: request.temperature,
        algorithm: request.algorithm,
        key: makeKey(request.seed),
        segment: 0,
        sweeps: 0,
        clusters: 0,
        clusterSpins: 0,
        measureEvery: 1,
        series: { at: [], energy: [], magnetization: [] },
        sweepsPerSecond: 0,
      };
      selectKernel(state, undefined);
      simulation = state;
      rate = request.rate;
      allowance = 0;
      lastSlice = performance.now();
      measure(state);
      postFrame(state);
      running = request.running;
    } else if (simulation === undefined) {
      return;
    } else if (request.type === 'temperature') {
      simulation.temperature = request.temperature;
      // A new acceptance table (packed) or just the new T (the simple sweeps read it every call).
      if (simulation.packed) {
        simulation.packed.sampler = packedMetropolis(simulation.packed.lattice, nextKey(simulation), {
          temperature: request.temperature,
        });
      }
    } else if (request.type === 'algorithm') {
      const spins = currentSpins(simulation);
      simulation.algorithm = request.algorithm;
      simulation.clusters = 0;
      simulation.clusterSpins = 0;
      selectKernel(simulation, spins);
    } else if (request.type === 'running') {
      running = request.running;
      lastSlice = performance.now();
    } else if (request.type === 'rate') {
      rate = request.rate;
      allowance = 0;
      lastSlice = performance.now();
    } else if (request.type === 'advance') {
      work(simulation, request.sweeps);
    }
  } catch (error) {
    running = false;
    scope.postMessage({ type: 'error', message: (error as Error).message });
  }
  schedule();
};
