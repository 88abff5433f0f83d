/**
 * The page side of a live computation: sends the worker its parameters and changes, and hands
 * every frame of the current generation to the page (frames of a replaced engine are dropped).
 * Drawing is left to the page, once per display frame: `onFrame` should only record, and ask
 * for a render through {@link renderOnce}.
 */
import type { LiveFrameMessage, LiveRequest, LiveResponse } from './live-protocol.js';

/** Callbacks of a {@link LiveClient}. */
export interface LiveClientHandlers<F> {
  frame(message: LiveFrameMessage<F>): void;
  error(message: string): void;
}

/** A worker running one engine at a time. */
export class LiveClient<P, F, D = unknown> {
  private generation = 0;

  constructor(
    private readonly worker: Worker,
    handlers: LiveClientHandlers<F>,
  ) {
    worker.onmessage = (event: MessageEvent<LiveResponse<F>>) => {
      const message = event.data;
      if (message.generation !== this.generation) return;
      if (message.type === 'error') handlers.error(message.message);
      else handlers.frame(message);
    };
    worker.onerror = (event) => {
      handlers.error(event.message || 'the worker failed to start');
    };
  }

  private send(request: LiveRequest<P, D>): void {
    this.worker.postMessage(request);
  }

  /** Replaces the engine by a new one built from `params` (and `data`). */
  configure(params: P, options: { running: boolean; rate?: number | null; data?: D }): void {
    this.generation++;
    this.send({
      type: 'configure',
      generation: this.generation,
      params,
      data: options.data,
      running: options.running,
      rate: options.rate ?? null,
    });
  }

  /** Changes parameters that the engine applies while running. */
  update(params: Partial<P>): void {
    this.send({ type: 'update', params });
  }

  setRunning(running: boolean): void {
    this.send({ type: 'running', running });
  }

  /** Caps the work units per second (null: no cap). */
  setRate(rate: number | null): void {
    this.send({ type: 'rate', rate });
  }

  /** Runs `units` units now and posts a frame (works while paused). */
  advance(units: number): void {
    this.send({ type: 'advance', units });
  }

  action(name: string): void {
    this.send({ type: 'action', name });
  }

  destroy(): void {
    this.worker.terminate();
  }
}

/** A render function called at most once per display frame, however often it is requested. */
export function renderOnce(render: () => void): { request(): void; cancel(): void } {
  let handle = 0;
  return {
    request() {
      if (handle !== 0) return;
      handle = requestAnimationFrame(() => {
        handle = 0;
        render();
      });
    },
    cancel() {
      if (handle !== 0) cancelAnimationFrame(handle);
      handle = 0;
    },
  };
}
