/**
 * The lattice worker thread: runs whole packed chains (`chain`) and the row blocks of a
 * parallel sweep over a shared lattice (`parallel-setup`, then `parallel-sweep`). Started by
 * the lattice task pool (`createLatticeTaskPool`); the task protocol is `core/threads`.
 */
import { parentPort } from 'node:worker_threads';
import type { Key } from '../core/random/index.js';
import type { Xoshiro128StarStar } from '../core/random/xoshiro128.js';
import { withTransfer } from '../core/threads/protocol.js';
import { serveTasks } from '../core/threads/serve.js';
import { barrierWait } from './barrier.js';
import { type PackedChainTask, runPackedChain } from './packed-chain.js';
import { type PackedLattice, packedLatticeView } from './packed-lattice.js';
import {
  blockGenerator,
  blockRows,
  type PackedAcceptance,
  packedAcceptance,
  packedHalfSweep,
} from './packed-metropolis.js';

/** What one worker needs to sweep its blocks of a shared lattice. */
export interface ParallelSetup {
  buffer: SharedArrayBuffer;
  size: number;
  /** The barrier's shared words (see `barrier.ts`). */
  barrier: Int32Array;
  parties: number;
  key: Key;
  temperature: number;
  coupling: number;
  blockCount: number;
  /** This worker's blocks: [firstBlock, endBlock). */
  firstBlock: number;
  endBlock: number;
}

/** This worker's share of a parallel sweep. */
interface ParallelShare {
  lattice: PackedLattice;
  acceptance: PackedAcceptance;
  barrier: Int32Array;
  parties: number;
  ranges: [number, number][];
  generators: Xoshiro128StarStar[];
}

let share: ParallelShare | undefined;

function setup(message: ParallelSetup): void {
  const { blockCount, size, key } = message;
  const blocks: number[] = [];
  for (let b = message.firstBlock; b < message.endBlock; b++) blocks.push(b);
  share = {
    lattice: packedLatticeView(size, message.buffer),
    acceptance: packedAcceptance({ temperature: message.temperature, coupling: message.coupling }),
    barrier: message.barrier,
    parties: message.parties,
    ranges: blocks.map((b) => blockRows(size, blockCount, b)),
    generators: blocks.map((b) => blockGenerator(key, b)),
  };
}

function sweep(count: number): void {
  if (share === undefined) throw new Error('lattice worker: parallel-sweep before parallel-setup');
  const { lattice, acceptance, barrier, parties, ranges, generators } = share;
  for (let n = 0; n < count; n++) {
    for (let colour = 0; colour < 2; colour++) {
      for (let i = 0; i < ranges.length; i++) {
        packedHalfSweep(lattice, colour, ranges[i][0], ranges[i][1], acceptance, generators[i]);
      }
      barrierWait(barrier, parties);
    }
  }
}

/** The lattice worker's tasks. */
export const latticeTaskHandlers = {
  chain: (task: PackedChainTask) => {
    const result = runPackedChain(task);
    return withTransfer(result, [
      result.energyPerSpin.buffer as ArrayBuffer,
      result.magnetizationPerSpin.buffer as ArrayBuffer,
      result.words.buffer as ArrayBuffer,
    ]);
  },
  'parallel-setup': (message: ParallelSetup) => setup(message),
  'parallel-sweep': (count: number) => sweep(count),
};

serveTasks(latticeTaskHandlers, parentPort);
