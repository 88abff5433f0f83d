/**
 * Messages between the Ising page and its live-simulation worker.
 */

/** The live algorithms: single-spin Metropolis and heat-bath, and Wolff clusters. */
export const LIVE_ALGORITHMS = ['metropolis', 'heatbath', 'wolff'] as const;
export type LiveAlgorithm = (typeof LIVE_ALGORITHMS)[number];

/** Page → worker. */
export type LiveRequest =
  | {
      type: 'configure';
      size: number;
      temperature: number;
      algorithm: LiveAlgorithm;
      seed: number;
      running: boolean;
      /** Most sweeps per second; null: as fast as the kernel goes. */
      rate: number | null;
    }
  | { type: 'rate'; rate: number | null }
  | { type: 'temperature'; temperature: number }
  | { type: 'algorithm'; algorithm: LiveAlgorithm }
  | { type: 'running'; running: boolean }
  | { type: 'advance'; sweeps: number };

/** Worker → page: the lattice and the measurements since the previous frame. */
export interface LiveFrame {
  type: 'frame';
  size: number;
  /** Sweeps done (for Wolff: flipped spins / N, in sweep equivalents). */
  sweeps: number;
  /** ±1 spins, row-major. */
  spins: Int8Array;
  /** Measurements since the last frame: sweep, e = E/N, |m| = |M|/N. */
  measuredAt: Float64Array;
  energyPerSpin: Float64Array;
  absMagnetization: Float64Array;
  /** Sweeps per second over the last slice of work (measurements included). */
  sweepsPerSecond: number;
  /** Which kernel ran: the bit-packed Metropolis kernel or the Int8Array one. */
  kernel: 'packed' | 'simple';
  temperature: number;
  algorithm: LiveAlgorithm;
  /** Wolff: mean cluster size so far (spins). */
  meanClusterSize: number | null;
}

/** Worker → page: a failure (e.g. a rejected parameter), with the library's message. */
export interface LiveError {
  type: 'error';
  message: string;
}
