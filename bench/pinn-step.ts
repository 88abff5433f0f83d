/**
 * PINN training step: physml against PyTorch (CPU) on the same network, points, weights and
 * precision, measured in the same run.
 *
 *   node --import tsx bench/pinn-step.ts                  # step timings, float64 and float32
 *   node --import tsx bench/pinn-step.ts --quick          # small sizes, to check that it runs
 *   node --import tsx bench/pinn-step.ts --rounds 5 --repeats 9 --dtype float64
 *   nice node --import tsx bench/pinn-step.ts --time-to-accuracy [--dtype float64|float32]
 *        [--cap-minutes 60] [--adam-steps 2000] [--learning-rate 1e-3] [--history-size 50]
 *        [--skip-physml | --skip-torch] [--torch-two-threads] [--threads n]
 *   node --import tsx bench/pinn-step.ts --thread-scaling [--threads n]   # 1 against n threads, physml only
 *
 * Set PHYSML_KERNELS (js, wasm, auto) to choose physml's kernels; the name in use is printed.
 *
 * Problem: the 1D heat equation u_t = k u_xx (k = 1) on [0, 1] × [0, 1] (`heat1d`), exact
 * solution e^{−π²t} sin πx; MLP 2→64→64→64→1 tanh (Xavier weights from a fixed key); 4096
 * interior collocation points, 256 boundary points (u = 0 at x = 0, 1) and 256 initial points
 * (u = sin πx at t = 0), drawn once by `sampleCollocation` and passed to the peer in a JSON file
 * with the initial weights. Loss: mean r² + mean boundary misfit² + mean initial misfit².
 *
 * One step = loss and its gradient with respect to all 8 577 parameters (forward, u_t, u_x,
 * u_xx, backward), the optimizer update not timed: in physml `pinnEnergy(...).energyAndGradient`
 * (Taylor-mode input derivatives of `mlpNetwork`, one reverse sweep); in PyTorch
 * `autograd.grad(..., create_graph=True)` twice, then `loss.backward()` (bench/peers/
 * pinn_step_torch.py). Both report the loss and gradient at the start weights; they must agree
 * (relative 1e-9 in float64, 1e-4 in float32) or the script exits with status 1.
 *
 * Each round times physml, then each PyTorch run (a fresh process); ratios are formed within a
 * round (default 3 rounds), so load from other processes hits both sides alike.
 * PyTorch runs with 1 thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS = OMP_NUM_THREADS
 * = 1) and with 2, and with GLIBC_TUNABLES raising glibc's mmap and trim thresholds (Debian's
 * torch otherwise spends much of its time in page faults of freshly mapped buffers); the full
 * run adds a 1-thread row without them. physml runs on one thread, or with --threads n its
 * fused passes split their large products by rows over n threads (the same bits). No PyTorch
 * (Debian: apt-get install python3-torch): the PyTorch rows are skipped with a message.
 *
 * --time-to-accuracy trains from the same weights on both sides: Adam (learning rate 1e-3) for
 * --adam-steps steps, then L-BFGS (strong Wolfe line search, history --history-size) until the
 * relative L2 error on a 101 × 101 grid is below 1e-3, checked every 10 steps, or until the cap
 * (per run). Training time excludes the checks. physml runs `minimize` on `pinnEnergy` with
 * the two phases, as `trainPinn` does; PyTorch torch.optim.Adam then torch.optim.LBFGS. PyTorch
 * runs on 1 thread (add --torch-two-threads for a 2-thread run too).
 *
 * The interpreter: PHYSML_PYTHON, else the first of `python3`, `/usr/bin/python3` that imports torch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setThreadedTapeArena } from '../src/core/kernels/wasm/tape-arena.js';
import { setKernelThreads, startThreadedTapeArenaInNode } from '../src/core/kernels/wasm/threaded-node.js';
import { fold, makeKey } from '../src/core/random/index.js';
import type { DType } from '../src/core/tensor/index.js';
import { mlp } from '../src/models/mlp/index.js';
import { adam, lbfgs, minimize } from '../src/optim/index.js';
import {
  errorAgainst,
  heat1d,
  mlpNetwork,
  pinnEnergy,
  predictWith,
  sampleCollocation,
  testGrid,
} from '../src/pinn/index.js';
import { kernelLabel, markdownTable, median } from './harness.js';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'pinn_step_torch.py');
const SIZES = [2, 64, 64, 64, 1];
const TUNABLES = 'glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912';
const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];
const TARGET = 1e-3;
const CHECK_EVERY = 10;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
function option(name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`bench/pinn-step: ${name} must be a number > 0`);
  return value;
}
const quick = flag('--quick');
// physml's threads (--threads n): the fused passes' large products split by rows (same bits).
const threadsAt = argv.indexOf('--threads');
const physmlThreads = threadsAt < 0 ? 1 : Number(argv[threadsAt + 1]);
if (!(Number.isInteger(physmlThreads) && physmlThreads >= 1 && physmlThreads <= 256))
  throw new Error('bench: --threads must be an integer from 1 to 256');
const threadLabel = physmlThreads === 1 ? '1 thread' : `${physmlThreads} threads`;
const accuracyRun = flag('--time-to-accuracy');
const repeats = Math.round(option('--repeats', quick ? 1 : 7));
const rounds = Math.round(option('--rounds', quick ? 1 : 3));
const capSeconds = 60 * option('--cap-minutes', 60);
const adamSteps = Math.round(option('--adam-steps', 2000));
const historySize = Math.round(option('--history-size', 50));
const learningRate = option('--learning-rate', 1e-3);
const dtypeAt = argv.indexOf('--dtype');
const dtypes: DType[] = dtypeAt >= 0 ? [argv[dtypeAt + 1] as DType] : ['float64', 'float32'];
for (const d of dtypes)
  if (d !== 'float64' && d !== 'float32')
    throw new Error(`bench/pinn-step: --dtype must be float64 or float32`);
const counts = quick
  ? { interior: 512, boundary: 64, initial: 64 }
  : { interior: 4096, boundary: 256, initial: 256 };

/** A Python that imports torch, or undefined. */
function choosePython(): string | undefined {
  const candidates = [process.env.PHYSML_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => typeof c === 'string' && c.length > 0,
  );
  return candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
}

interface PeerConfig {
  label: string;
  threads: number;
  tunables: boolean;
}
const PEER_CONFIGS: PeerConfig[] = [
  { label: 'PyTorch, 1 thread', threads: 1, tunables: true },
  { label: 'PyTorch, 2 threads', threads: 2, tunables: true },
  ...(quick || accuracyRun
    ? []
    : [{ label: 'PyTorch, 1 thread, default malloc', threads: 1, tunables: false }]),
];
// Time to accuracy: PyTorch on 1 thread (the peer of single-threaded physml) unless told.
const accuracyConfigs = flag('--torch-two-threads') ? PEER_CONFIGS : PEER_CONFIGS.slice(0, 1);

interface Accuracy {
  reached: boolean;
  /** The optimizer stopped making progress (L-BFGS line search failing) before the target. */
  stalled: boolean;
  trainingSeconds: number;
  steps: number;
  adamSteps: number;
  lbfgsSteps: number;
  lossEvaluations: number;
  relativeL2: number;
  /** The smallest error seen at any check. */
  bestRelativeL2: number;
}
interface PeerResult {
  torch: string;
  python: string;
  threads: Record<string, unknown>;
  initialLoss: number;
  initialGradient: number[];
  stepWallMs: number[];
  stepCpuMs: number[];
  accuracy?: Accuracy;
}

function runTorch(
  python: string,
  spec: string,
  dtype: DType,
  config: PeerConfig,
  args: string[],
): PeerResult {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of THREAD_VARIABLES) env[name] = String(config.threads);
  if (config.tunables) env.GLIBC_TUNABLES = TUNABLES;
  else delete env.GLIBC_TUNABLES;
  const run = spawnSync(
    python,
    [PEER, spec, '--dtype', dtype, '--threads', String(config.threads), ...args],
    { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 1000 * (capSeconds + 900) },
  );
  if (run.status !== 0) throw new Error(`bench/pinn-step: ${PEER} failed (${run.status}):\n${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as PeerResult;
}

function setup(dtype: DType) {
  const key = makeKey(2024);
  const net = mlp({ sizes: SIZES, activation: 'tanh', init: 'xavier', key, dtype });
  const problem = heat1d({
    conductivity: 1,
    interiorCount: counts.interior,
    boundaryCount: counts.boundary,
    initialCount: counts.initial,
  });
  const batch = sampleCollocation(problem, fold(key, 1));
  const network = mlpNetwork(net);
  const energy = pinnEnergy(problem, network, batch);
  const grid = testGrid(problem.domain, 101);
  const exact = new Float64Array(grid.length / 2);
  for (let i = 0; i < exact.length; i++) exact[i] = problem.exact?.(grid.subarray(2 * i, 2 * i + 2)) ?? 0;
  const [boundary, initial] = batch.conditions;
  const spec = {
    sizes: SIZES,
    conductivity: 1,
    interior: Array.from(batch.interior),
    boundary: Array.from(boundary.points),
    boundaryTargets: Array.from(boundary.targets ?? []),
    initial: Array.from(initial.points),
    initialTargets: Array.from(initial.targets ?? []),
    parameters: Array.from(net.parameters),
    grid: Array.from(grid),
    exactOnGrid: Array.from(exact),
  };
  return { net, network, energy, grid, exact, spec };
}

/** Wall and CPU ms of each of `repeats` calls after two warm-up calls. */
function timeSteps(step: () => unknown): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < 2; i++) step();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c = process.cpuUsage();
    const w = performance.now();
    step();
    wall.push(performance.now() - w);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return difference / scale;
}

/** physml: Adam then L-BFGS through `minimize` on the PINN energy, as `trainPinn` runs them. */
function physmlToAccuracy(dtype: DType): Accuracy {
  const { net, network, energy, grid, exact } = setup(dtype);
  let checkMs = 0;
  let reached = false;
  const errorAt = (parameters: Float64Array) =>
    errorAgainst(predictWith(network, parameters, grid), exact).relativeL2;
  let relativeL2 = errorAt(net.parameters);
  let bestRelativeL2 = relativeL2;
  let stoppedAt = { step: 0, seconds: 0, adamSteps: 0 };
  const began = performance.now();
  const result = minimize(
    energy,
    net.parameters,
    {
      phases: [
        { optimizer: adam({ learningRate }), steps: adamSteps },
        { optimizer: lbfgs({ historySize }) },
      ],
    },
    {
      maxSteps: Number.MAX_SAFE_INTEGER,
      gradientTolerance: 0,
      divergence: { measureCurvature: false },
      onStep: (info) => {
        if (info.step % CHECK_EVERY !== 0) return true;
        const checkStart = performance.now();
        relativeL2 = errorAt(info.position);
        bestRelativeL2 = Math.min(bestRelativeL2, relativeL2);
        checkMs += performance.now() - checkStart;
        const seconds = (performance.now() - began - checkMs) / 1000;
        const adamDone = info.phase === 0 ? info.step : adamSteps;
        stoppedAt = { step: info.step, seconds, adamSteps: adamDone };
        if (info.step % (10 * CHECK_EVERY) === 0) {
          process.stderr.write(
            `physml ${dtype} step ${info.step} (${info.optimizer}) ${seconds.toFixed(0)} s loss ${info.energy.toExponential(3)} relative L2 ${relativeL2.toExponential(3)}\n`,
          );
        }
        reached = relativeL2 < TARGET;
        return !(reached || seconds > capSeconds);
      },
    },
  );
  const stalled = result.reason === 'stalled';
  if (stalled) {
    // Stopped between checks: the error and time at the last iterate.
    const seconds = (performance.now() - began - checkMs) / 1000;
    relativeL2 = errorAt(result.x);
    bestRelativeL2 = Math.min(bestRelativeL2, relativeL2);
    reached = relativeL2 < TARGET;
    stoppedAt = { step: result.steps, seconds, adamSteps: Math.min(result.steps, adamSteps) };
    process.stderr.write(`physml ${dtype}: ${result.stallMessage ?? 'stalled'}\n`);
  }
  return {
    reached,
    stalled,
    bestRelativeL2,
    trainingSeconds: stoppedAt.seconds,
    steps: stoppedAt.step,
    adamSteps: stoppedAt.adamSteps,
    lbfgsSteps: stoppedAt.step - stoppedAt.adamSteps,
    lossEvaluations: result.gradientEvaluations + result.energyEvaluations,
    relativeL2,
  };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * --thread-scaling: physml's step on one thread against --threads n (default 2) threads in the
 * same process, repeats interleaved (the arena switched between them), so that both see the
 * same machine load; checks that both give the same bits.
 */
async function threadScaling(): Promise<void> {
  const threads = physmlThreads > 1 ? physmlThreads : 2;
  const rows: string[][] = [];
  let identical = true;
  for (const dtype of dtypes) {
    const { net, energy } = setup(dtype);
    const gradients = [new Float64Array(net.parameterCount), new Float64Array(net.parameterCount)];
    const threaded = await startThreadedTapeArenaInNode(threads);
    const times: number[][] = [[], []];
    const perRound = Math.max(1, repeats);
    for (let round = 0; round < 4 * rounds; round++) {
      for (const side of [0, 1]) {
        setThreadedTapeArena(side === 1 ? threaded.arena : undefined);
        energy.energyAndGradient(net.parameters, gradients[side]);
        const start = performance.now();
        for (let i = 0; i < perRound; i++) energy.energyAndGradient(net.parameters, gradients[side]);
        times[side].push((performance.now() - start) / perRound);
      }
    }
    setThreadedTapeArena(undefined);
    await threaded.close();
    if (!gradients[0].every((value, i) => Object.is(value, gradients[1][i]))) identical = false;
    const [one, many] = times.map((t) => median(t));
    rows.push([dtype, ms(one), ms(many), `${(one / many).toFixed(2)}×`]);
  }
  console.log(
    `\nphysml on 1 thread against ${threads} threads, same process, ${4 * rounds} interleaved rounds of ${Math.max(1, repeats)} steps (medians)\n`,
  );
  console.log(
    markdownTable(['precision', '1 thread ms/step', `${threads} threads ms/step`, 'speed-up'], rows),
  );
  console.log(`same gradient bits on 1 and ${threads} threads: ${identical}`);
  if (!identical) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (flag('--thread-scaling')) {
    await threadScaling();
    return;
  }
  if (physmlThreads > 1) await setKernelThreads(physmlThreads);
  const python = choosePython();
  const kernels = kernelLabel();
  console.log(
    `PINN step, 1D heat: MLP ${SIZES.join('→')} tanh, ${counts.interior} interior + ${counts.boundary} boundary + ${counts.initial} initial points`,
  );
  console.log(
    `Node ${process.version}; physml kernels: ${kernels} (PHYSML_KERNELS=${process.env.PHYSML_KERNELS ?? 'unset'}; ${threadLabel})`,
  );
  if (python === undefined) {
    console.log(
      'PyTorch not found (no python3 or /usr/bin/python3 imports torch; apt-get install python3-torch, or set PHYSML_PYTHON): skipping the PyTorch rows',
    );
  }
  const directory = mkdtempSync(join(tmpdir(), 'physml-pinn-step-'));
  let failed = false;
  try {
    if (accuracyRun) {
      accuracy(python, directory);
      return;
    }
    failed = !stepTimings(python, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  if (failed) {
    console.error(
      'bench/pinn-step: physml and PyTorch disagree on the loss or gradient at the start weights',
    );
    process.exitCode = 1;
  }
}

interface Sample {
  wall: number;
  cpu: number;
}

/** Step timings, round by round (physml then each PyTorch run); false if the checks fail. */
function stepTimings(python: string | undefined, directory: string): boolean {
  const kernels = kernelLabel();
  const peerRepeats = quick ? 2 : 30;
  const rows: string[][] = [];
  const checks: string[] = [];
  let agree = true;
  for (const dtype of dtypes) {
    const { net, energy, spec } = setup(dtype);
    const specPath = join(directory, `spec-${dtype}.json`);
    writeFileSync(specPath, JSON.stringify(spec));
    const gradient = new Float64Array(net.parameterCount);
    const loss = energy.energyAndGradient(net.parameters, gradient);
    const configs = python === undefined ? [] : PEER_CONFIGS;
    const own: Sample[] = [];
    const peers: Sample[][] = configs.map(() => []);
    const losses: number[] = configs.map(() => Number.NaN);
    for (let round = 0; round < rounds; round++) {
      const steps = timeSteps(() => energy.energyAndGradient(net.parameters, gradient));
      own.push({ wall: median(steps.wall), cpu: median(steps.cpu) });
      configs.forEach((config, c) => {
        const peer = runTorch(python as string, specPath, dtype, config, ['--repeats', String(peerRepeats)]);
        peers[c].push({ wall: median(peer.stepWallMs), cpu: median(peer.stepCpuMs) });
        losses[c] = peer.initialLoss;
        if (round > 0) return;
        console.log(`${dtype} ${config.label}: ${JSON.stringify(peer.threads)}`);
        if (c > 0) return;
        console.log(`PyTorch ${peer.torch}, Python ${peer.python} (${python})`);
        const lossDifference = Math.abs(loss - peer.initialLoss) / Math.abs(peer.initialLoss);
        const gradientDifference = relativeDifference(gradient, peer.initialGradient);
        const tolerance = dtype === 'float64' ? 1e-9 : 1e-4;
        checks.push(
          `${dtype}: loss at the start weights physml ${loss.toPrecision(17)} vs PyTorch ${peer.initialLoss.toPrecision(17)} (relative difference ${lossDifference.toExponential(2)}); gradient max |Δ| / max |g| = ${gradientDifference.toExponential(2)}`,
        );
        if (!(lossDifference < tolerance && gradientDifference < tolerance)) agree = false;
      });
      process.stderr.write(`${dtype} round ${round + 1}/${rounds} done\n`);
    }
    const row = (label: string, samples: Sample[], compared: boolean, start: number) => {
      const wallRatio = samples.map((x, r) => own[r].wall / x.wall);
      const cpuRatio = samples.map((x, r) => own[r].cpu / x.cpu);
      return [
        dtype,
        label,
        ms(median(samples.map((x) => x.wall))),
        samples.map((x) => ms(x.wall)).join(' / '),
        ms(median(samples.map((x) => x.cpu))),
        compared ? median(wallRatio).toFixed(1) : '',
        compared ? median(cpuRatio).toFixed(1) : '',
        start.toPrecision(15),
      ];
    };
    rows.push(row(`physml (${kernels}, ${threadLabel})`, own, false, loss));
    configs.forEach((config, c) => {
      rows.push(row(config.label, peers[c], true, losses[c]));
    });
  }
  console.log(
    `\n${rounds} round(s); in each, physml: median of ${repeats} steps after 2 warm-up steps; PyTorch: median of ${peerRepeats} after 3. Ratios are formed within a round, then the median taken.\n`,
  );
  console.log(
    markdownTable(
      [
        'precision',
        'run',
        'wall ms/step (median of rounds)',
        'each round',
        'CPU ms/step',
        'physml ÷ this (wall)',
        'physml ÷ this (CPU)',
        'loss at start',
      ],
      rows,
    ),
  );
  console.log(`\n${checks.join('\n')}`);
  console.log('(physml ÷ this > 1: physml is slower.)');
  return agree;
}

function accuracy(python: string | undefined, directory: string): void {
  const rows: string[][] = [];
  const row = (dtype: DType, label: string, a: Accuracy) => [
    dtype,
    label,
    a.reached ? 'yes' : a.stalled ? 'no (stalled)' : `no (cap ${capSeconds / 60} min)`,
    a.trainingSeconds.toFixed(1),
    `${a.steps} (${a.adamSteps} + ${a.lbfgsSteps})`,
    String(a.lossEvaluations),
    a.relativeL2.toExponential(2),
    a.bestRelativeL2.toExponential(2),
  ];
  for (const dtype of dtypes) {
    const { spec } = setup(dtype);
    const specPath = join(directory, `spec-${dtype}.json`);
    writeFileSync(specPath, JSON.stringify(spec));
    if (python !== undefined && !flag('--skip-torch')) {
      for (const config of accuracyConfigs) {
        const args = ['--repeats', '1', '--accuracy', '--adam-steps', String(adamSteps)];
        args.push('--history-size', String(historySize), '--check-every', String(CHECK_EVERY));
        args.push('--target', String(TARGET), '--cap-seconds', String(capSeconds));
        args.push('--learning-rate', String(learningRate));
        const peer = runTorch(python, specPath, dtype, config, args);
        rows.push(row(dtype, config.label, peer.accuracy as Accuracy));
        process.stderr.write(`${dtype} ${config.label}: ${JSON.stringify(peer.accuracy)}\n`);
      }
    }
    if (!flag('--skip-physml')) rows.push(row(dtype, `physml (${kernelLabel()})`, physmlToAccuracy(dtype)));
  }
  console.log(
    `\nTime to relative L2 < ${TARGET} (101 × 101 grid): Adam lr ${learningRate} for up to ${adamSteps} steps, then L-BFGS (history ${historySize}, strong Wolfe); checked every ${CHECK_EVERY} steps\n`,
  );
  console.log(
    markdownTable(
      [
        'precision',
        'run',
        'reached',
        'training s',
        'steps (Adam + L-BFGS)',
        'loss evaluations',
        'relative L2 at the end',
        'best relative L2',
      ],
      rows,
    ),
  );
}

await main();
if (physmlThreads > 1) await setKernelThreads(1);
