/**
 * Cost of the portable elementary functions (`src/core/math`) against the engine's `Math.*`:
 * nanoseconds per call in a tight loop over 4096 precomputed arguments. Each function is timed in
 * its own child process, so that its call site sees only it (as in the library's loops) and the
 * JIT can inline it; the engine's and the portable version alternate three times and the fastest
 * repeat of all counts (the least disturbed by other work on a shared machine).
 *
 *   node --import tsx bench/portable-math.ts           # 15 repeats of 200 passes
 *   node --import tsx bench/portable-math.ts --quick   # 3 repeats of 20 passes, to check that it runs
 *
 * The arguments are where the library calls these functions: activations in [−5, 5] for
 * exp, tanh, sin and cos, probabilities for log, log1p and acos, moderate bases and exponents
 * for pow, and pairs of comparable size for hypot. Every result is summed into a checksum so that
 * the JIT cannot drop the calls.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  portableAcos,
  portableAtan,
  portableCos,
  portableExp,
  portableExpm1,
  portableHypot,
  portableLog,
  portableLog1p,
  portablePow,
  portableSin,
  portableTanh,
} from '../src/core/math/index.js';
import { makeKey, RandomStream } from '../src/core/random/index.js';
import { markdownTable, measure } from './harness.js';

const quick = process.argv.includes('--quick');
const passes = quick ? 20 : 200;
const repeats = quick ? 3 : 15;
const COUNT = 4096;

const stream = new RandomStream(makeKey(2024));
const activations = Float64Array.from({ length: COUNT }, () => 10 * stream.nextUniform() - 5);
const probabilities = Float64Array.from({ length: COUNT }, () => stream.nextUniform());
const signed = Float64Array.from({ length: COUNT }, () => 2 * stream.nextUniform() - 1);
const bases = Float64Array.from({ length: COUNT }, () => 0.1 + 10 * stream.nextUniform());

type Unary = (x: number) => number;
type Binary = (x: number, y: number) => number;

/** ns per call of `f` over `inputs` (and `second` for binary functions). */
function nanosecondsPerCall(f: Unary | Binary, inputs: Float64Array, second?: Float64Array): number {
  let checksum = 0;
  const run =
    second === undefined
      ? () => {
          for (let p = 0; p < passes; p++)
            for (let i = 0; i < COUNT; i++) checksum += (f as Unary)(inputs[i]);
        }
      : () => {
          for (let p = 0; p < passes; p++)
            for (let i = 0; i < COUNT; i++) checksum += (f as Binary)(inputs[i], second[i]);
        };
  const timing = measure(run, { warmup: 2, repeats });
  if (Number.isNaN(checksum)) throw new Error('NaN checksum');
  return (timing.minMs * 1e6) / (passes * COUNT);
}

const cases: Array<[string, Unary | Binary, Unary | Binary, Float64Array, Float64Array?]> = [
  ['exp', Math.exp, portableExp, activations],
  ['log', Math.log, portableLog, probabilities],
  ['expm1', Math.expm1, portableExpm1, activations],
  ['log1p', Math.log1p, portableLog1p, probabilities],
  ['tanh', Math.tanh, portableTanh, activations],
  ['sin', Math.sin, portableSin, activations],
  ['cos', Math.cos, portableCos, activations],
  ['atan', Math.atan, portableAtan, activations],
  ['acos', Math.acos, portableAcos, signed],
  ['pow', Math.pow, portablePow, bases, activations],
  ['hypot', Math.hypot, portableHypot, activations, signed],
];

const child = process.argv.indexOf('--child');
if (child >= 0) {
  // One measurement: --child <function> <engine|portable>.
  const [name, implementation] = process.argv.slice(child + 1, child + 3);
  const found = cases.find((entry) => entry[0] === name);
  if (found === undefined) throw new Error(`unknown function ${name}`);
  const [, engine, portable, inputs, second] = found;
  console.log(nanosecondsPerCall(implementation === 'engine' ? engine : portable, inputs, second));
} else {
  const script = fileURLToPath(import.meta.url);
  const timeIn = (name: string, implementation: string) => {
    const args = ['--import', 'tsx', script, '--child', name, implementation, ...(quick ? ['--quick'] : [])];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return Number(result.stdout.trim());
  };
  const rows = cases.map(([name]) => {
    let engineNs = Number.POSITIVE_INFINITY;
    let portableNs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      engineNs = Math.min(engineNs, timeIn(name, 'engine'));
      portableNs = Math.min(portableNs, timeIn(name, 'portable'));
    }
    return [name, engineNs.toFixed(1), portableNs.toFixed(1), (portableNs / engineNs).toFixed(2)];
  });
  console.log(
    `Node ${process.versions.node} (V8 ${process.versions.v8}), ${passes} × ${COUNT} calls, fastest of 3 × ${repeats} repeats\n`,
  );
  console.log(markdownTable(['function', 'Math.* (ns/call)', 'portable (ns/call)', 'ratio'], rows));
}
