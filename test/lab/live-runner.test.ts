// The worker loop of the live pages, driven in Node through a stand-in worker scope: frames
// after every configure, step and change; a slider dragged through many values builds one
// engine and applies one merged change; an engine that halts stops the loop and says why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveFrameMessage, LiveRequest } from '../../lab/src/workers/live-protocol.js';
import { type LiveEngine, serveLiveEngine, type WorkerScope } from '../../lab/src/workers/live-runner.js';

interface Params {
  size: number;
  gain: number;
  /** Halt after this many steps. */
  limit: number;
}

/** A counting engine: its frame reports what it was built with and what it did. */
class CountingEngine implements LiveEngine<Params, { size: number; gain: number; steps: number }> {
  steps = 0;
  constructor(private readonly params: Params) {}
  get halted(): string | null {
    return this.steps >= this.params.limit ? `reached ${this.params.limit} steps` : null;
  }
  step(): void {
    this.steps++;
  }
  update(params: Partial<Params>): void {
    Object.assign(this.params, params);
  }
  frame() {
    return { frame: { size: this.params.size, gain: this.params.gain, steps: this.steps } };
  }
}

type Frame = LiveFrameMessage<{ size: number; gain: number; steps: number }>;

function harness() {
  const frames: Frame[] = [];
  const built: Params[] = [];
  const scope: WorkerScope = {
    postMessage(message) {
      frames.push(message as Frame);
    },
    onmessage: null,
  };
  const server = serveLiveEngine<Params, Frame['frame']>((params) => {
    built.push({ ...params });
    return new CountingEngine(params);
  }, scope);
  const send = (request: LiveRequest<Params>) => scope.onmessage?.({ data: request } as MessageEvent);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  /** Waits (up to 5 s) until `done()` holds. */
  const until = async (done: () => boolean) => {
    for (let wait = 0; wait < 250 && !done(); wait++) await settle();
  };
  return { frames, built, send, settle, until, close: () => server.close() };
}

describe('live runner', () => {
  it('builds the last of many configures, merges changes, steps on demand', async () => {
    const { frames, built, send, settle, until, close } = harness();
    try {
      for (let size = 1; size <= 5; size++) {
        send({
          type: 'configure',
          generation: size,
          params: { size, gain: 1, limit: 100 },
          running: false,
          rate: null,
        });
      }
      await until(() => frames.length > 0);
      await settle();
      assert.deepEqual(built, [{ size: 5, gain: 1, limit: 100 }], 'one engine, from the last configure');
      assert.equal(frames.length, 1);
      assert.equal(frames[0].generation, 5);
      for (let gain = 2; gain <= 6; gain++) send({ type: 'update', params: { gain } });
      await until(() => frames.length > 1);
      await settle();
      assert.equal(frames.length, 2, 'the merged change is applied once, with a frame (paused)');
      assert.equal(frames[1].frame.gain, 6);
      send({ type: 'advance', units: 3 });
      assert.equal(frames.at(-1)?.frame.steps, 3);
      assert.equal(frames.at(-1)?.units, 3);
    } finally {
      close();
    }
  });

  it('runs until the engine halts, then stops and says why', async () => {
    const { frames, send, settle, until, close } = harness();
    try {
      send({
        type: 'configure',
        generation: 1,
        params: { size: 1, gain: 1, limit: 40 },
        running: true,
        rate: null,
      });
      await until(() => frames.at(-1)?.halted != null);
      const last = frames.at(-1) as Frame;
      assert.equal(last.halted, 'reached 40 steps');
      assert.equal(last.frame.steps, 40);
      const count = frames.length;
      await settle();
      assert.equal(frames.length, count, 'nothing more once halted');
      // Raising the limit clears the halt; Run goes on.
      send({ type: 'update', params: { limit: 50 } });
      send({ type: 'running', running: true });
      await until(() => frames.at(-1)?.frame.steps === 50);
      assert.equal(frames.at(-1)?.frame.steps, 50);
    } finally {
      close();
    }
  });
});
