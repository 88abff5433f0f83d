import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  removeStaleTemporaryFiles,
  writeFileAtomic,
  writeJsonAtomic,
} from '../../../src/experiments/framework/atomic-write.js';

const directory = mkdtempSync(join(tmpdir(), 'physml-atomic-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replaces old content and leaves no temporary file', () => {
    const path = join(directory, 'a.txt');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second, longer content');
    assert.equal(readFileSync(path, 'utf8'), 'second, longer content');
    writeFileAtomic(join(directory, 'b.bin'), Uint8Array.of(0, 255, 7));
    assert.deepEqual([...readFileSync(join(directory, 'b.bin'))], [0, 255, 7]);
    writeJsonAtomic(join(directory, 'c.json'), { x: 1 });
    assert.deepEqual(JSON.parse(readFileSync(join(directory, 'c.json'), 'utf8')), { x: 1 });
    assert.deepEqual(readdirSync(directory).sort(), ['a.txt', 'b.bin', 'c.json']);
  });

  it('keeps the old file intact when the write fails before the rename', () => {
    const path = join(directory, 'keep.txt');
    writeFileAtomic(path, 'old content');
    let temporary = '';
    assert.throws(
      () =>
        writeFileAtomic(path, 'new content that never lands', {
          beforeRename: (temporaryPath) => {
            temporary = temporaryPath;
            // The new content is complete on disk, next to the target, before the rename.
            assert.equal(readFileSync(temporaryPath, 'utf8'), 'new content that never lands');
            throw new Error('simulated crash');
          },
        }),
      /simulated crash/,
    );
    assert.equal(readFileSync(path, 'utf8'), 'old content');
    assert.ok(temporary.startsWith(join(directory, '.keep.txt.')));
    assert.ok(!readdirSync(directory).some((name) => name.endsWith('.tmp')), 'temporary file removed');
  });

  it('survives a process killed mid-write: old file intact, stray temporary file removable', () => {
    const target = join(directory, 'crash.json');
    writeFileSync(target, '{"version": 1}');
    const module = fileURLToPath(
      new URL('../../../src/experiments/framework/atomic-write.ts', import.meta.url),
    );
    // The child writes a large new version and is SIGKILLed between write and rename.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(module)};
      writeFileAtomic(${JSON.stringify(target)}, JSON.stringify({ version: 2, pad: 'x'.repeat(1 << 20) }), {
        beforeRename: () => process.kill(process.pid, 'SIGKILL'),
      });
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    assert.equal(readFileSync(target, 'utf8'), '{"version": 1}');
    const stray = readdirSync(directory).filter((name) => name.startsWith('.crash.json.'));
    assert.equal(stray.length, 1, 'a crash leaves exactly one temporary file');
    assert.deepEqual(removeStaleTemporaryFiles(directory), stray);
    assert.ok(!readdirSync(directory).some((name) => name.endsWith('.tmp')));
  });
});
