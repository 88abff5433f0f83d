/** Every subpath in package.json's "exports" resolves to a built file with its types. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  sideEffects: boolean;
  type: string;
};

describe('package.json', () => {
  it('is an ESM package without side effects, with a physml bin', () => {
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.sideEffects, false);
    assert.ok(existsSync(pkg.bin.physml));
  });

  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    it(`exports "${subpath}" from its source file`, () => {
      // dist/ is built by `npm test` before the tests run; check the sources it comes from.
      const source = target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
      assert.ok(existsSync(source), `${subpath}: ${source} does not exist`);
      if (existsSync('dist')) {
        assert.ok(existsSync(target.default), `${subpath}: ${target.default} was not built`);
        assert.ok(existsSync(target.types), `${subpath}: ${target.types} was not built`);
      }
    });
  }
});
