/**
 * The lattice worker thread: runs whole packed chains (`type: 'chain'`) and the row blocks of a
 * parallel sweep over a shared lattice (`'parallel-setup'`, then `'parallel-sweep'`). Started by
 * `spawnLatticeWorker`; it posts `{ type: 'ready' }` once loaded, then answers each request with
 * `{ id, ok, result | error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { Key } from '../core/random/index.js';
import type { Xoshiro128StarStar } from '../core/random/xoshiro128.js';
import { barrierWait } from './barrier.js';
import { runPackedChain } from './packed-chain.js';
import { type PackedLattice, packedLatticeView } from './packed-lattice.js';
import {
  blockGenerator,
  blockRows,
  type PackedAcceptance,
  packedAcceptance,
  packedHalfSweep,
} from './packed-metropolis.js';
import type { LatticeWorkerReply } from './worker-pool.js';

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

function setup(message: Record<string, unknown>): void {
  const blockCount = message.blockCount as number;
  const size = message.size as number;
  const key = message.key as Key;
  const blocks: number[] = [];
  for (let b = message.firstBlock as number; b < (message.endBlock as number); b++) blocks.push(b);
  share = {
    lattice: packedLatticeView(size, message.buffer as SharedArrayBuffer),
    acceptance: packedAcceptance({
      temperature: message.temperature as number,
      coupling: message.coupling as number,
    }),
    barrier: message.barrier as Int32Array,
    parties: message.parties as number,
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

const port = parentPort;
if (port === null) throw new Error('lattice-worker.ts must run in a worker thread (see spawnLatticeWorker)');
port.on('message', (message: Record<string, unknown> & { id: number; type: string }) => {
  let reply: LatticeWorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    if (message.type === 'chain') {
      const result = runPackedChain(message.task as Parameters<typeof runPackedChain>[0]);
      transfer.push(
        result.energyPerSpin.buffer as ArrayBuffer,
        result.magnetizationPerSpin.buffer as ArrayBuffer,
        result.words.buffer as ArrayBuffer,
      );
      reply = { id: message.id, ok: true, result };
    } else if (message.type === 'parallel-setup') {
      setup(message);
      reply = { id: message.id, ok: true };
    } else if (message.type === 'parallel-sweep') {
      sweep(message.count as number);
      reply = { id: message.id, ok: true };
    } else {
      throw new Error(`lattice worker: unknown request type ${JSON.stringify(message.type)}`);
    }
  } catch (error) {
    reply = { id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
port.postMessage({ type: 'ready' });
