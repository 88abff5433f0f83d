/**
 * The animation loop of a page: one callback per display frame (requestAnimationFrame), with
 * the frame rate measured over the last second and published on the page root as
 * `data-fps` (the browser tests read it).
 */

/** A started or stopped animation loop. */
export interface AnimationLoop {
  start(): void;
  stop(): void;
  readonly running: boolean;
  /** Frames drawn in the last full second. */
  readonly fps: number;
}

/**
 * Calls `frame` once per display frame while running; `frame` returning false stops the loop
 * (e.g. a diverged run). `root` receives `data-fps`.
 */
export function animationLoop(root: HTMLElement, frame: () => boolean | undefined): AnimationLoop {
  let handle = 0;
  let running = false;
  let fps = 0;
  let windowStart = 0;
  let framesInWindow = 0;
  const tick = (time: number) => {
    if (!running) return;
    if (windowStart === 0) windowStart = time;
    framesInWindow++;
    if (time - windowStart >= 1000) {
      fps = (framesInWindow * 1000) / (time - windowStart);
      root.dataset.fps = fps.toFixed(1);
      windowStart = time;
      framesInWindow = 0;
    }
    if (frame() === false) {
      running = false;
      return;
    }
    handle = requestAnimationFrame(tick);
  };
  return {
    start() {
      if (running) return;
      running = true;
      windowStart = 0;
      framesInWindow = 0;
      handle = requestAnimationFrame(tick);
    },
    stop() {
      running = false;
      cancelAnimationFrame(handle);
    },
    get running() {
      return running;
    },
    get fps() {
      return fps;
    },
  };
}
