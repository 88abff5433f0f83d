import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  createCheckpointStore,
  nonJsonValue,
  readCheckpointFile,
} from '../../../src/experiments/framework/checkpoint.js';
import { CheckpointError, InterruptedError } from '../../../src/experiments/framework/errors.js';

const directory = mkdtempSync(join(tmpdir(), 'physml-checkpoint-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const identity = { experiment: 'walk', paramsHash: 'a'.repeat(64), seed: 3 };

function corrupt(name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function checkpointError(path: string, pattern: RegExp): void {
  assert.throws(
    () => readCheckpointFile(path, identity),
    (error: unknown) => {
      assert.ok(error instanceof CheckpointError, String(error));
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('checkpoint store', () => {
  it('saves atomically, counts saves across resumes and loads a copy', () => {
    const path = join(directory, 'checkpoint.json');
    const store = createCheckpointStore({ path, identity });
    assert.equal(store.load(), undefined);
    assert.equal(store.hasSaved, false);
    store.save({ step: 1, values: [1, 2] });
    store.save({ step: 2, values: [1, 2, 3] });
    assert.equal(store.savesThisRun, 2);
    const file = readCheckpointFile(path, identity);
    assert.equal(file?.saveCount, 2);
    assert.deepEqual(file?.state, { step: 2, values: [1, 2, 3] });
    const resumed = createCheckpointStore({ path, identity, initial: file });
    const loaded = resumed.load<{ step: number; values: number[] }>();
    loaded?.values.push(99);
    assert.deepEqual(resumed.load(), { step: 2, values: [1, 2, 3] }, 'load returns a copy');
    resumed.save({ step: 3, values: [] });
    assert.equal(readCheckpointFile(path, identity)?.saveCount, 3);
  });

  it('rejects state that JSON cannot carry faithfully', () => {
    const store = createCheckpointStore({ path: join(directory, 'x.json'), identity });
    assert.throws(() => store.save({ x: Float64Array.of(1) }), /state\.x is a Float64Array.*Array\.from/);
    assert.throws(() => store.save({ a: [1, Number.NaN] }), /state\.a\[1\] is NaN/);
    assert.throws(() => store.save({ f: () => 1 }), /state\.f is a function/);
    assert.equal(nonJsonValue({ a: [1, 'b', null, { c: true }] }), undefined);
  });

  it('throws InterruptedError right after the n-th save (test hook), with the checkpoint on disk', () => {
    const path = join(directory, 'interrupt.json');
    const store = createCheckpointStore({ path, identity, interruptAfterSaves: 2 });
    store.save({ step: 1 });
    assert.throws(() => store.save({ step: 2 }), InterruptedError);
    assert.deepEqual(readCheckpointFile(path, identity)?.state, { step: 2 });
  });

  it('stops at the next save once the signal is aborted', () => {
    const controller = new AbortController();
    const path = join(directory, 'abort.json');
    const store = createCheckpointStore({ path, identity, signal: controller.signal });
    store.save({ step: 1 });
    controller.abort();
    assert.throws(() => store.save({ step: 2 }), /interrupted by the user after checkpoint 2/);
    assert.deepEqual(readCheckpointFile(path, identity)?.state, { step: 2 });
  });
});

describe('readCheckpointFile', () => {
  const good = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      format: 'physml-checkpoint',
      version: 1,
      ...identity,
      saveCount: 1,
      savedAt: '',
      state: {},
      ...overrides,
    });

  it('returns undefined when there is no checkpoint', () => {
    assert.equal(readCheckpointFile(join(directory, 'none.json'), identity), undefined);
  });

  it('names what is wrong with a corrupt or foreign checkpoint', () => {
    checkpointError(corrupt('bad.json', '{"format": "physml-check'), /is corrupt \(not valid JSON/);
    checkpointError(corrupt('foreign.json', '{"hello": 1}'), /is not a physml checkpoint/);
    checkpointError(corrupt('version.json', good({ version: 7 })), /format version 7/);
    checkpointError(
      corrupt('other.json', good({ experiment: 'ising' })),
      /belongs to experiment "ising", not "walk"/,
    );
    checkpointError(
      corrupt('hash.json', good({ paramsHash: 'b'.repeat(64) })),
      /saved with other parameters/,
    );
    checkpointError(corrupt('seed.json', good({ seed: 4 })), /saved with seed 4, not 3/);
    assert.deepEqual(readCheckpointFile(corrupt('ok.json', good({})), identity)?.state, {});
    assert.ok(readFileSync(join(directory, 'ok.json'), 'utf8').length > 0);
  });
});
