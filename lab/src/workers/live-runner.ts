/**
 * The worker side of a live computation: it owns one engine (built from the page's parameters)
 * and runs it in slices of about 30 ms, posting a frame after each, so that messages (a slider
 * moved, pause, an action) are handled between slices and act at once. A rate cap spreads the
 * work over time (to watch slow dynamics); `advance` runs a given number of units and posts a
 * frame (the Step button). An engine that halts (a divergence, a finished run) stops the loop
 * and says why in its frame; an exception is posted as an error and stops it too.
 */
import type { LiveErrorMessage, LiveFrameMessage, LiveRequest } from './live-protocol.js';

/** What a page's computation provides to the runner. Engines know nothing of workers. */
export interface LiveEngine<P, F> {
  /** One unit of work (a sweep, a minibatch, an optimizer step). */
  step(): void;
  /** Applies parameter changes that need no rebuild (the page rebuilds for the others). */
  update(params: Partial<P>): void;
  /** A named action (e.g. switch optimizer now). */
  action?(name: string): void;
  /** The frame to draw, and the buffers that can be transferred rather than copied. */
  frame(): { frame: F; transfer?: Transferable[] };
  /** Why the engine cannot go on (null while it can). */
  readonly halted: string | null;
}

/** Builds an engine from the page's parameters and optional data. */
export type EngineFactory<P, F, D> = (params: P, data: D | undefined) => LiveEngine<P, F>;

/** Milliseconds of computation between frames. */
const SLICE_MS = 30;

/** The worker's global scope, as far as the runner uses it (a stand-in in tests). */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * Serves `create` in this worker: call it once at the top level of a worker module. Returns a
 * handle that stops serving (tests; a worker is simply terminated).
 */
export function serveLiveEngine<P, F, D = unknown>(
  create: EngineFactory<P, F, D>,
  scope: WorkerScope = self as unknown as WorkerScope,
): { close(): void } {
  let engine: LiveEngine<P, F> | undefined;
  let generation = 0;
  let running = false;
  let rate: number | null = null;
  let allowance = 0;
  let lastSlice = 0;
  let units = 0;
  let unitsPerSecond = 0;
  let scheduled = false;
  const channel = new MessageChannel();

  const fail = (error: unknown) => {
    running = false;
    const message: LiveErrorMessage = {
      type: 'error',
      generation,
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(message);
  };

  const post = () => {
    if (engine === undefined) return;
    const { frame, transfer } = engine.frame();
    const message: LiveFrameMessage<F> = {
      type: 'frame',
      generation,
      frame,
      units,
      unitsPerSecond: running ? unitsPerSecond : 0,
      halted: engine.halted,
    };
    scope.postMessage(message, transfer ?? []);
  };

  /** Runs `count` units, or one slice's worth when undefined; then posts a frame. */
  const work = (count?: number) => {
    if (engine === undefined) return;
    const started = performance.now();
    let done = 0;
    if (count === undefined && rate !== null) {
      // A capped run earns units with time (at most a tenth of a second's worth saved up).
      const now = performance.now();
      allowance = Math.min(allowance + (rate * (now - lastSlice)) / 1000, Math.max(1, rate / 10));
      lastSlice = now;
    }
    while (engine.halted === null) {
      if (count !== undefined) {
        if (done >= count) break;
      } else if (done > 0 && performance.now() - started >= SLICE_MS) break;
      if (count === undefined && rate !== null) {
        if (allowance < 1) break;
        allowance--;
      }
      engine.step();
      done++;
      units++;
    }
    const seconds = (performance.now() - started) / 1000;
    if (count === undefined && rate === null && done > 0 && seconds > 0) unitsPerSecond = done / seconds;
    if (count === undefined && done === 0 && engine.halted === null) return;
    if (engine.halted !== null) running = false;
    post();
  };

  type Configure = Extract<LiveRequest<P, D>, { type: 'configure' }>;
  /**
   * The latest configure not yet built. Building waits for the messages already queued, so a
   * slider dragged through many structural values builds one engine, not one per value.
   */
  let pending: Configure | undefined;
  /** Parameter changes not yet applied, merged the same way (a dragged slider applies once). */
  let changes: Partial<P> | undefined;

  const build = () => {
    const request = pending as Configure;
    pending = undefined;
    generation = request.generation;
    engine = undefined;
    units = 0;
    unitsPerSecond = 0;
    engine = create(request.params, request.data);
    rate = request.rate;
    allowance = 0;
    lastSlice = performance.now();
    running = request.running && engine.halted === null;
    post();
  };

  const applyChanges = () => {
    const next = changes as Partial<P>;
    changes = undefined;
    engine?.update(next);
    if (!running) post();
  };

  const schedule = () => {
    const waiting = pending !== undefined || changes !== undefined;
    if (scheduled || (!running && !waiting)) return;
    scheduled = true;
    // A build, changes or an uncapped slice: at once (after queued messages); capped: a frame later.
    if (waiting || rate === null) channel.port2.postMessage(null);
    else setTimeout(() => channel.port2.postMessage(null), 16);
  };

  channel.port1.onmessage = () => {
    scheduled = false;
    try {
      if (pending !== undefined) build();
      else if (changes !== undefined) applyChanges();
      else if (running) work();
    } catch (error) {
      fail(error);
      return;
    }
    schedule();
  };

  scope.onmessage = (event: MessageEvent<LiveRequest<P, D>>) => {
    const request = event.data;
    try {
      if (request.type === 'configure') {
        // A configure carries every parameter: earlier changes are in it.
        pending = request;
        changes = undefined;
      } else if (pending !== undefined && request.type === 'update') {
        Object.assign(pending.params as object, request.params);
      } else if (request.type === 'update') {
        changes = { ...changes, ...request.params };
      } else if (pending !== undefined && request.type === 'running') {
        pending.running = request.running;
      } else if (pending !== undefined && request.type === 'rate') {
        pending.rate = request.rate;
      } else {
        // Steps and actions need the engine, with every change, now.
        if (pending !== undefined) build();
        if (engine === undefined) return;
        if (changes !== undefined) applyChanges();
        if (request.type === 'running') {
          running = request.running && engine.halted === null;
          lastSlice = performance.now();
          if (!running) post();
        } else if (request.type === 'rate') {
          rate = request.rate;
          allowance = 0;
          lastSlice = performance.now();
        } else if (request.type === 'advance') {
          work(request.units);
        } else if (request.type === 'action') {
          engine.action?.(request.name);
          if (!running) post();
        }
      }
    } catch (error) {
      fail(error);
      return;
    }
    schedule();
  };
  return {
    close() {
      scope.onmessage = null;
      channel.port1.close();
    },
  };
}
