/**
 * Messages between a page and a live-computation worker (spin glass, RBM, HNN, PINN): the page
 * configures an engine from its parameters, changes parameters while it runs, pauses, steps
 * and triggers actions; the worker computes in short slices and answers with frames. Every
 * `configure` starts a new generation, so a frame of an engine that was just replaced is
 * recognised and dropped.
 */

/** Page → worker. `P` are the engine's parameters, `D` data sent once with `configure`. */
export type LiveRequest<P, D = unknown> =
  | {
      type: 'configure';
      generation: number;
      params: P;
      /** Data that does not fit in the parameters (e.g. a user's CSV patterns). */
      data?: D;
      running: boolean;
      /** Most work units per second; null: as fast as the engine goes. */
      rate: number | null;
    }
  | { type: 'update'; params: Partial<P> }
  | { type: 'running'; running: boolean }
  | { type: 'rate'; rate: number | null }
  | { type: 'advance'; units: number }
  | { type: 'action'; name: string };

/** Worker → page: the engine's state after a slice of work. */
export interface LiveFrameMessage<F> {
  type: 'frame';
  generation: number;
  frame: F;
  /** Work units done so far. */
  units: number;
  /** Units per second over the last slice (0 while paused or capped). */
  unitsPerSecond: number;
  /** Why the engine stopped by itself (a divergence, a finished schedule), or null. */
  halted: string | null;
}

/** Worker → page: an unexpected failure, with the library's message. */
export interface LiveErrorMessage {
  type: 'error';
  generation: number;
  message: string;
}

export type LiveResponse<F> = LiveFrameMessage<F> | LiveErrorMessage;
