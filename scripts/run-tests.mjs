// Runs every test file under test/ with node's test runner; TypeScript is loaded through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = collect('test').filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
// The spec report goes to the terminal; a TAP copy gives the totals for the last line, which
// the spec reporter would otherwise bury under the details of failed (or todo) tests.
const scratch = mkdtempSync(join(tmpdir(), 'physml-tests-'));
const tap = join(scratch, 'report.tap');
const result = spawnSync(
  process.execPath,
  [
    // Relaxed SIMD, as the CLI enables it (bin/physml.js): the kernels' fused multiply-add build.
    '--experimental-wasm-relaxed-simd',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, PHYSML_TEST: '1' } },
);
/** The summary count `name` (pass, fail, todo) of the TAP report: its last top-level `# name N`. */
function total(report, name) {
  const matches = [...report.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
  return matches.length > 0 ? Number(matches[matches.length - 1][1]) : undefined;
}
let report = '';
try {
  report = readFileSync(tap, 'utf8');
} catch {
  // No report (the runner did not start): the exit status says it all.
}
rmSync(scratch, { recursive: true, force: true });
const passed = total(report, 'pass');
const failed = total(report, 'fail');
if (passed !== undefined && failed !== undefined) console.log(`\n${passed} passed, ${failed} failed`);
process.exit(result.status ?? 1);
