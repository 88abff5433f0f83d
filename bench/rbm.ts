/**
 * RBM benchmark: physml's `RbmTrainer` against scikit-learn's `BernoulliRBM` on the
 * configuration of scikit-learn's RBM example, measured in the same run on the same data.
 *
 *   node --import tsx bench/rbm.ts              # 3 rounds of 20 epochs, about a minute
 *   node --import tsx bench/rbm.ts --quick      # 1 round of 2 epochs, to check that it runs
 *   node --import tsx bench/rbm.ts --rounds 5
 *
 * Configuration: the 1797 8×8 digits (`digitsPixelCounts`, the same CSV as scikit-learn's
 * `load_digits`), `minMaxScale`d per pixel to [0, 1] as scikit-learn's `minmax_scale`; 100 hidden
 * units; minibatches of 10 in data order; learning rate 0.06; 20 epochs of PCD-1 with
 * scikit-learn's update rule (hidden probabilities as statistics, a sampled visible layer, 10
 * persistent chains starting from zero hidden states, no momentum, no weight decay); weights
 * N(0, 0.01²).
 *
 * physml runs with the default kernels: its float64 trainer takes the WebAssembly SIMD products
 * (`src/models/rbm/wasm-products.ts`, bit-identical to the TypeScript loops, which
 * PHYSML_KERNELS=js selects); float32 storage stays in TypeScript.
 *
 * Each round trains physml (float64, then float32 storage) and runs `bench/peers/rbm_sklearn.py`
 * three times: float64 pinned to one BLAS thread (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS =
 * MKL_NUM_THREADS = 1, the fair peer of one JavaScript thread), float64 with the default thread
 * count, and float32 pinned. Times are the training loop only (wall clock and CPU), per epoch.
 * Ratios are formed within a round, so load from other processes hits both sides alike.
 *
 * Quality: the mean log pseudo-likelihood of the training images under each trained model, both
 * as scikit-learn reports it (`score_samples(X).mean()`: one random unit flipped per image,
 * averaged here over 10 flip draws) and exactly (the average over all 64 flips, the estimator's
 * expectation). physml also evaluates scikit-learn's trained parameters with its own code; the
 * two implementations must agree (exit status 1 otherwise).
 *
 * The interpreter: PHYSML_PYTHON, else the first of `python3`, `/usr/bin/python3` that imports
 * sklearn (Debian's python3-sklearn lives under /usr/bin/python3).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold, makeKey } from '../src/core/random/index.js';
import { digitsPixelCounts, minMaxScale } from '../src/data/index.js';
import {
  createRbm,
  pseudoLogLikelihood,
  type Rbm,
  type RbmPrecision,
  RbmTrainer,
} from '../src/models/rbm/index.js';
import { markdownTable, median, runPythonPeer } from './harness.js';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'rbm_sklearn.py');
const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];
const VISIBLE = 64;
const HIDDEN = 100;
const EVALUATIONS = 10;

interface PeerResult {
  sklearn: string;
  numpy: string;
  python: string;
  blas: Record<string, unknown>[];
  environment: Record<string, string | null>;
  dtype: string;
  epochs: number;
  fitSeconds: number;
  fitCpuSeconds: number;
  pseudoLikelihoodSamples: number[];
  pseudoLikelihoodExact: number;
  components: number[];
  interceptVisible: number[];
  interceptHidden: number[];
}

interface Measurement {
  /** Training wall time per epoch, ms. */
  wallMs: number;
  /** Training CPU time per epoch, ms. */
  cpuMs: number;
  /** score_samples-style estimate, averaged over the flip draws. */
  pseudoLikelihood: number;
  /** Exact expectation over all flips. */
  pseudoLikelihoodExact: number;
}

function choosePython(): string {
  const candidates = [process.env.PHYSML_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => typeof c === 'string' && c.length > 0,
  );
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error(
    `bench/rbm: no Python with scikit-learn among ${candidates.join(', ')} (apt-get install python3-sklearn, or set PHYSML_PYTHON)`,
  );
}

function trainPhysml(data: Float64Array, epochs: number, seed: number, precision: RbmPrecision): Measurement {
  const rbm = createRbm({
    visibleCount: VISIBLE,
    hiddenCount: HIDDEN,
    key: fold(makeKey(7), seed),
    precision,
  });
  const trainer = new RbmTrainer(rbm, data, {
    method: 'pcd',
    gibbsSteps: 1,
    learningRate: 0.06,
    batchSize: 10,
    key: fold(makeKey(8), seed),
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  trainer.train(epochs);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    wallMs: wall / epochs,
    cpuMs: (used.user + used.system) / 1000 / epochs,
    ...quality(rbm, data, seed),
  };
}

function quality(
  rbm: Rbm,
  data: Float64Array,
  seed: number,
): Pick<Measurement, 'pseudoLikelihood' | 'pseudoLikelihoodExact'> {
  let sampled = 0;
  for (let e = 0; e < EVALUATIONS; e++)
    sampled += pseudoLogLikelihood(rbm, data, { key: fold(makeKey(9 + seed), e) }).mean;
  return {
    pseudoLikelihood: sampled / EVALUATIONS,
    pseudoLikelihoodExact: pseudoLogLikelihood(rbm, data).mean,
  };
}

function runSklearn(
  python: string,
  epochs: number,
  seed: number,
  dtype: string,
  pinned: boolean,
): PeerResult {
  const env: Record<string, string> = {};
  if (pinned) for (const name of THREAD_VARIABLES) env[name] = '1';
  return runPythonPeer(
    PEER,
    [
      '--epochs',
      String(epochs),
      '--seed',
      String(seed),
      '--dtype',
      dtype,
      '--evaluations',
      String(EVALUATIONS),
    ],
    { python, env, unset: pinned ? [] : THREAD_VARIABLES },
  ) as PeerResult;
}

function peerMeasurement(result: PeerResult): Measurement {
  const samples = result.pseudoLikelihoodSamples;
  return {
    wallMs: (1000 * result.fitSeconds) / result.epochs,
    cpuMs: (1000 * result.fitCpuSeconds) / result.epochs,
    pseudoLikelihood: samples.reduce((a, b) => a + b, 0) / samples.length,
    pseudoLikelihoodExact: result.pseudoLikelihoodExact,
  };
}

/** scikit-learn's trained parameters as a physml RBM (components_ is H×V; physml stores V×H). */
function rbmFromPeer(result: PeerResult): Rbm {
  const weights = new Float64Array(VISIBLE * HIDDEN);
  for (let j = 0; j < HIDDEN; j++)
    for (let i = 0; i < VISIBLE; i++) weights[i * HIDDEN + j] = result.components[j * VISIBLE + i];
  return createRbm({
    visibleCount: VISIBLE,
    hiddenCount: HIDDEN,
    weights,
    visibleBias: result.interceptVisible,
    hiddenBias: result.interceptHidden,
  });
}

const format = (x: number, digits = 1) => x.toFixed(digits);

function main(): void {
  const quick = process.argv.includes('--quick');
  const roundsFlag = process.argv.indexOf('--rounds');
  const rounds = quick ? 1 : roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 3;
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`bench/rbm: --rounds must be an integer ≥ 1, got ${rounds}`);
  const epochs = quick ? 2 : 20;
  const python = choosePython();
  const data = minMaxScale(digitsPixelCounts(), VISIBLE);
  // Warm-up: compile the hot loops before the first timed run.
  trainPhysml(data, 1, 99, 'float64');

  const names = [
    'physml float64',
    'physml float32',
    'sklearn float64, 1 thread',
    'sklearn float64, default threads',
    'sklearn float32, 1 thread',
  ];
  const results: Measurement[][] = names.map(() => []);
  let info: PeerResult | undefined;
  let threadsDefault: unknown;
  let worstCrossCheck = 0;
  for (let round = 0; round < rounds; round++) {
    results[0].push(trainPhysml(data, epochs, round, 'float64'));
    const pinned = runSklearn(python, epochs, round, 'float64', true);
    results[2].push(peerMeasurement(pinned));
    results[1].push(trainPhysml(data, epochs, round, 'float32'));
    const free = runSklearn(python, epochs, round, 'float64', false);
    results[3].push(peerMeasurement(free));
    results[4].push(peerMeasurement(runSklearn(python, epochs, round, 'float32', true)));
    info ??= pinned;
    threadsDefault ??= free.blas;
    // physml's pseudo-likelihood of scikit-learn's parameters must equal scikit-learn's.
    const own = pseudoLogLikelihood(rbmFromPeer(pinned), data).mean;
    worstCrossCheck = Math.max(worstCrossCheck, Math.abs(own - pinned.pseudoLikelihoodExact));
    process.stderr.write(`round ${round + 1}/${rounds} done\n`);
  }

  const rows = names.map((name, k) => {
    const m = results[k];
    const ratio =
      k === 0 || k === 1
        ? ''
        : format(median(m.map((x, r) => x.wallMs / results[k === 4 ? 1 : 0][r].wallMs)), 2);
    return [
      name,
      format(median(m.map((x) => x.wallMs))),
      m.map((x) => format(x.wallMs)).join(' / '),
      format(median(m.map((x) => x.cpuMs))),
      ratio,
      format(median(m.map((x) => x.pseudoLikelihood)), 2),
      format(median(m.map((x) => x.pseudoLikelihoodExact)), 3),
    ];
  });
  console.log(
    `\nRBM on the digits: 64 visible × 100 hidden, batch 10, learning rate 0.06, ${epochs} epochs of PCD-1, ${rounds} round(s)`,
  );
  console.log(
    `Node ${process.version}; scikit-learn ${info?.sklearn}, numpy ${info?.numpy}, Python ${info?.python} (${python})`,
  );
  console.log(`BLAS pinned: ${JSON.stringify(info?.blas)}`);
  console.log(`BLAS default: ${JSON.stringify(threadsDefault)}\n`);
  console.log(
    markdownTable(
      [
        'run',
        'wall ms/epoch (median)',
        'wall ms/epoch, each round',
        'CPU ms/epoch',
        'time ÷ physml (same round)',
        'pseudo-likelihood (score_samples, 10 draws)',
        'pseudo-likelihood (exact)',
      ],
      rows,
    ),
  );
  console.log(
    `\nCross-check: physml's exact pseudo-likelihood of scikit-learn's trained parameters differs from scikit-learn's by ${worstCrossCheck.toExponential(2)}`,
  );
  console.log('(time ÷ physml > 1: scikit-learn slower; float32 rows are compared with physml float32.)');
  if (!(worstCrossCheck < 1e-6)) {
    console.error('bench/rbm: the pseudo-likelihood implementations disagree');
    process.exit(1);
  }
}

main();
