/**
 * One complete packed Metropolis chain as a plain-data task: build the lattice, burn in, sweep,
 * record the energy and magnetization per spin. Tasks and results are structured-clone friendly
 * so that `LatticeWorkerPool` can run many chains (replicas, temperatures, seeds) on worker
 * threads; each chain owns its key, so its result does not depend on where or when it runs.
 */
import { type Key, RandomStream, split } from '../core/random/index.js';
import { createPackedLattice, type PackedLattice, randomizeSpins } from './packed-lattice.js';
import { packedMetropolis } from './packed-metropolis.js';
import { packedEnergyAndMagnetization } from './packed-observables.js';

/** A packed Metropolis chain to run (J > 0, no field, periodic L × L). */
export interface PackedChainTask {
  /** Lattice side L (see `createPackedLattice`). */
  size: number;
  /** Temperature T in [0, ∞]. */
  temperature: number;
  /** Coupling J > 0 (default 1). */
  coupling?: number;
  /** The chain's key; `split(key)` gives the initial-state key and the sweep key. */
  key: Key;
  /** Measured sweeps (an integer ≥ 0). */
  sweeps: number;
  /** Sweeps run before measuring, not recorded (default 0). */
  burnIn?: number;
  /** Record every `measureEvery`-th measured sweep (default 1). */
  measureEvery?: number;
  /** Initial spins: `'random'` (hot start, the default), `'up'` or `'down'` (cold starts). */
  initial?: 'random' | 'up' | 'down';
  /** Row blocks of the sweep (default 1); see `packedMetropolis`. */
  blockCount?: number;
  /** Largest spin storage accepted, in bytes (default: half the free memory). */
  maxBytes?: number;
}

/** What a chain returns. */
export interface PackedChainResult {
  /** The lattice side. */
  size: number;
  /** E/N after each recorded sweep (N = L²). */
  energyPerSpin: Float64Array;
  /** M/N after each recorded sweep. */
  magnetizationPerSpin: Float64Array;
  /** The final spins: the lattice's words, black rows then white rows (see `packed-lattice.ts`). */
  words: Uint32Array;
  /** Sweeps run in all, burn-in included. */
  totalSweeps: number;
}

function assertCount(name: string, value: unknown, minimum: number): void {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= minimum)) {
    throw new RangeError(
      `runPackedChain: task.${name} must be an integer ≥ ${minimum}, got ${String(value)}`,
    );
  }
}

/** Runs one chain to completion on the calling thread. */
export function runPackedChain(task: PackedChainTask): PackedChainResult {
  if (task === null || typeof task !== 'object') {
    throw new TypeError(`runPackedChain: task must be an object, got ${String(task)}`);
  }
  const burnIn = task.burnIn ?? 0;
  const measureEvery = task.measureEvery ?? 1;
  assertCount('sweeps', task.sweeps, 0);
  assertCount('burnIn', burnIn, 0);
  assertCount('measureEvery', measureEvery, 1);
  const initial = task.initial ?? 'random';
  if (initial !== 'random' && initial !== 'up' && initial !== 'down') {
    throw new RangeError(
      `runPackedChain: task.initial must be 'random', 'up' or 'down', got ${String(initial)}`,
    );
  }
  const [initialKey, sweepKey] = split(task.key);
  const lattice: PackedLattice = createPackedLattice(task.size, {
    initial: initial === 'down' ? 'down' : 'up',
    maxBytes: task.maxBytes,
  });
  if (initial === 'random') randomizeSpins(lattice, new RandomStream(initialKey));
  const coupling = task.coupling ?? 1;
  const sampler = packedMetropolis(lattice, sweepKey, {
    temperature: task.temperature,
    coupling,
    blockCount: task.blockCount,
  });
  sampler.sweep(burnIn);
  const records = Math.floor(task.sweeps / measureEvery);
  const energyPerSpin = new Float64Array(records);
  const magnetizationPerSpin = new Float64Array(records);
  const spins = task.size * task.size;
  let recorded = 0;
  for (let sweep = 1; sweep <= task.sweeps; sweep++) {
    sampler.sweep(1);
    if (sweep % measureEvery === 0) {
      const { energy, magnetization } = packedEnergyAndMagnetization(lattice, coupling);
      energyPerSpin[recorded] = energy / spins;
      magnetizationPerSpin[recorded] = magnetization / spins;
      recorded++;
    }
  }
  const words = new Uint32Array(lattice.black.length + lattice.white.length);
  words.set(lattice.black);
  words.set(lattice.white, lattice.black.length);
  return { size: task.size, energyPerSpin, magnetizationPerSpin, words, totalSweeps: burnIn + task.sweeps };
}
