/**
 * HNN training step: physml against PyTorch (CPU) on the same network, data and weights, in
 * float64, measured in the same run.
 *
 *   node --import tsx bench/hnn-step.ts              # full size
 *   node --import tsx bench/hnn-step.ts --quick      # small sizes, to check that it runs
 *   node --import tsx bench/hnn-step.ts --rounds 5 --repeats 15
 *   node --import tsx bench/hnn-step.ts --threads 2   # physml's fused pass splits large products over 2 threads
 *
 * Set PHYSML_KERNELS (js, wasm, auto) to choose physml's kernels; the name in use is printed.
 *
 * Setup of Greydanus et al. (2019) for the ideal mass-spring: `hamiltonianDataset(massSpring(),
 * { trajectoryCount: 25 })` — 25 trajectories × 30 points on [0, 3], noise σ = 0.1, exact
 * derivatives as targets: 750 (state, derivative) pairs — and `hamiltonianNeuralNetwork` with
 * their MLP 2→200→200→1 tanh (Xavier weights from a fixed key). Full batch, as physml's
 * `trainVectorFieldModel` and their train.py train it. Loss: the mean squared error between the
 * symplectic gradient [∂H/∂p, −∂H/∂q] and the targets.
 *
 * Timed: (1) loss + gradient with respect to all 41 001 parameters — in physml
 * `valueAndGrad(θ ↦ vectorFieldLoss(model, θ, states, derivatives))`, the call
 * `trainVectorFieldModel` makes every step (a gradient of a gradient); in PyTorch
 * `autograd.grad(H.sum(), x, create_graph=True)` then `loss.backward()`
 * (bench/peers/hnn_step_torch.py); (2) a full training step with Adam (learning rate 1e-3):
 * physml's `trainVectorFieldModel` timed step by step, PyTorch's `optimizer.step()` added.
 * Both sides report the loss and gradient at the start weights; they must agree to 1e-9
 * (relative) or the script exits with status 1. physml's HNN computes in float64 only (its
 * model options have no dtype), so there is no float32 row.
 *
 * Each round times physml, then each PyTorch run (a fresh process); ratios are formed within a
 * round (default 3 rounds), so load from other processes hits both sides alike.
 * PyTorch runs with 1 thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS = OMP_NUM_THREADS
 * = 1) and with 2, with GLIBC_TUNABLES raising glibc's mmap and trim thresholds (Debian's torch
 * otherwise spends much time in page faults); the full run adds a 1-thread row without them.
 * No PyTorch: the PyTorch rows are skipped with a message.
 *
 * The interpreter: PHYSML_PYTHON, else the first of `python3`, `/usr/bin/python3` that imports torch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { valueAndGrad } from '../src/core/autodiff/index.js';
import { setKernelThreads } from '../src/core/kernels/wasm/threaded-node.js';
import { fold, makeKey } from '../src/core/random/index.js';
import * as T from '../src/core/tensor/index.js';
import {
  type HamiltonianDataset,
  type HamiltonianNeuralNetwork,
  hamiltonianDataset,
  hamiltonianNeuralNetwork,
  massSpring,
  trainVectorFieldModel,
  vectorFieldLoss,
} from '../src/models/hnn/index.js';
import { kernelLabel, markdownTable, median } from './harness.js';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'hnn_step_torch.py');
const TUNABLES = 'glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912';
const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
// physml's threads (--threads n): the fused passes' large products split by rows (same bits).
const threadsAt = argv.indexOf('--threads');
const physmlThreads = threadsAt < 0 ? 1 : Number(argv[threadsAt + 1]);
if (!(Number.isInteger(physmlThreads) && physmlThreads >= 1 && physmlThreads <= 256))
  throw new Error('bench: --threads must be an integer from 1 to 256');
const threadLabel = physmlThreads === 1 ? '1 thread' : `${physmlThreads} threads`;
const repeatsAt = argv.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(argv[repeatsAt + 1]) : quick ? 2 : 9;
if (!Number.isInteger(repeats) || repeats < 1)
  throw new Error(`bench/hnn-step: --repeats must be an integer ≥ 1, got ${argv[repeatsAt + 1]}`);
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : quick ? 1 : 3;
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`bench/hnn-step: --rounds must be an integer ≥ 1, got ${argv[roundsAt + 1]}`);
const hidden = quick ? [32, 32] : [200, 200];
const trajectoryCount = quick ? 5 : 25;

interface PeerConfig {
  label: string;
  threads: number;
  tunables: boolean;
}
const PEER_CONFIGS: PeerConfig[] = [
  { label: 'PyTorch, 1 thread', threads: 1, tunables: true },
  { label: 'PyTorch, 2 threads', threads: 2, tunables: true },
  ...(quick ? [] : [{ label: 'PyTorch, 1 thread, default malloc', threads: 1, tunables: false }]),
];

interface PeerResult {
  torch: string;
  python: string;
  threads: Record<string, unknown>;
  initialLoss: number;
  initialGradient: number[];
  stepWallMs: number[];
  stepCpuMs: number[];
  adamStepWallMs: number[];
  adamStepCpuMs: number[];
}

/** A Python that imports torch, or undefined. */
function choosePython(): string | undefined {
  const candidates = [process.env.PHYSML_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => typeof c === 'string' && c.length > 0,
  );
  return candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
}

function runTorch(python: string, spec: string, config: PeerConfig): PeerResult {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of THREAD_VARIABLES) env[name] = String(config.threads);
  if (config.tunables) env.GLIBC_TUNABLES = TUNABLES;
  else delete env.GLIBC_TUNABLES;
  const peerRepeats = String(quick ? 2 : 30);
  const run = spawnSync(python, [PEER, spec, '--threads', String(config.threads), '--repeats', peerRepeats], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`bench/hnn-step: ${PEER} failed (${run.status}):\n${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as PeerResult;
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

interface Sample {
  wall: number;
  cpu: number;
}
interface Round {
  step: Sample;
  adam: Sample;
}

/** `trainVectorFieldModel` timed step by step (Adam included, as a user trains), after 2 warm-up steps. */
function timeTraining(
  model: HamiltonianNeuralNetwork,
  data: HamiltonianDataset,
  start: Float64Array,
): { wall: number[]; cpu: number[] } {
  trainVectorFieldModel(model, data, { parameters: start, numSteps: 2 });
  const wall: number[] = [];
  const cpu: number[] = [];
  let began = performance.now();
  let used = process.cpuUsage();
  trainVectorFieldModel(model, data, {
    parameters: start,
    numSteps: repeats,
    onStep: () => {
      const spent = process.cpuUsage(used);
      wall.push(performance.now() - began);
      cpu.push((spent.user + spent.system) / 1000);
      began = performance.now();
      used = process.cpuUsage();
    },
  });
  return { wall, cpu };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main(): Promise<void> {
  if (physmlThreads > 1) await setKernelThreads(physmlThreads);
  const key = makeKey(2019);
  const data = hamiltonianDataset(massSpring(), { trajectoryCount, key: fold(key, 1) });
  const model = hamiltonianNeuralNetwork({ degreesOfFreedom: 1, hiddenSizes: hidden });
  const start = model.initialize(fold(key, 2));
  const states = T.fromData(data.states, [data.count, 2]);
  const derivatives = T.fromData(data.derivatives, [data.count, 2]);
  const lossAndGradient = valueAndGrad((theta: T.Tensor) =>
    vectorFieldLoss(model, theta, states, derivatives),
  );
  const theta = T.fromData(start, [start.length]);
  const [loss0, gradient0] = lossAndGradient(theta);
  const loss = loss0.data[0];
  const gradient = (gradient0 as T.Tensor).data;

  const kernels = kernelLabel();
  console.log(
    `HNN step, mass-spring: MLP 2→${hidden.join('→')}→1 tanh (${model.parameterCount} parameters), ${data.count} pairs (full batch), float64`,
  );
  console.log(
    `Node ${process.version}; physml kernels: ${kernels} (PHYSML_KERNELS=${process.env.PHYSML_KERNELS ?? 'unset'}; ${threadLabel})`,
  );

  const python = choosePython();
  if (python === undefined) {
    console.log(
      'PyTorch not found (no python3 or /usr/bin/python3 imports torch; apt-get install python3-torch, or set PHYSML_PYTHON): skipping the PyTorch rows',
    );
  }
  const configs = python === undefined ? [] : PEER_CONFIGS;
  const own: Round[] = [];
  const peers: Round[][] = configs.map(() => []);
  const losses: number[] = configs.map(() => Number.NaN);
  const checks: string[] = [];
  let agree = true;
  const directory = mkdtempSync(join(tmpdir(), 'physml-hnn-step-'));
  try {
    const spec = join(directory, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        sizes: model.network.sizes,
        degreesOfFreedom: 1,
        states: Array.from(data.states),
        derivatives: Array.from(data.derivatives),
        parameters: Array.from(start),
      }),
    );
    for (let round = 0; round < rounds; round++) {
      const steps = timeSteps(() => lossAndGradient(theta));
      const adam = timeTraining(model, data, start);
      own.push({
        step: { wall: median(steps.wall), cpu: median(steps.cpu) },
        adam: { wall: median(adam.wall), cpu: median(adam.cpu) },
      });
      configs.forEach((config, c) => {
        const peer = runTorch(python as string, spec, config);
        peers[c].push({
          step: { wall: median(peer.stepWallMs), cpu: median(peer.stepCpuMs) },
          adam: { wall: median(peer.adamStepWallMs), cpu: median(peer.adamStepCpuMs) },
        });
        losses[c] = peer.initialLoss;
        if (round > 0) return;
        console.log(`${config.label}: ${JSON.stringify(peer.threads)}`);
        if (c > 0) return;
        console.log(`PyTorch ${peer.torch}, Python ${peer.python} (${python})`);
        const lossDifference = Math.abs(loss - peer.initialLoss) / Math.abs(peer.initialLoss);
        const gradientDifference = relativeDifference(gradient, peer.initialGradient);
        checks.push(
          `Loss at the start weights: physml ${loss.toPrecision(17)} vs PyTorch ${peer.initialLoss.toPrecision(17)} (relative difference ${lossDifference.toExponential(2)}); gradient max |Δ| / max |g| = ${gradientDifference.toExponential(2)}`,
        );
        agree = lossDifference < 1e-9 && gradientDifference < 1e-9;
      });
      process.stderr.write(`round ${round + 1}/${rounds} done\n`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const row = (label: string, samples: Round[], compared: boolean, start: number) => {
    const ratio = (pick: (x: Round) => Sample, field: 'wall' | 'cpu') =>
      compared ? median(samples.map((x, r) => pick(own[r])[field] / pick(x)[field])).toFixed(1) : '';
    const step = (x: Round) => x.step;
    const adam = (x: Round) => x.adam;
    return [
      label,
      ms(median(samples.map((x) => x.step.wall))),
      samples.map((x) => ms(x.step.wall)).join(' / '),
      ms(median(samples.map((x) => x.step.cpu))),
      ratio(step, 'wall'),
      ratio(step, 'cpu'),
      ms(median(samples.map((x) => x.adam.wall))),
      ms(median(samples.map((x) => x.adam.cpu))),
      ratio(adam, 'wall'),
      ratio(adam, 'cpu'),
      start.toPrecision(15),
    ];
  };
  const rows = [row(`physml (${kernels}, ${threadLabel})`, own, false, loss)];
  configs.forEach((config, c) => {
    rows.push(row(config.label, peers[c], true, losses[c]));
  });
  console.log(
    `\n${rounds} round(s); in each, physml: median of ${repeats} steps after 2 warm-up steps; PyTorch: median of ${quick ? 2 : 30} after 3. Ratios are formed within a round, then the median taken.\n`,
  );
  console.log(
    markdownTable(
      [
        'run',
        'loss + gradient, wall ms (median of rounds)',
        'each round',
        'CPU ms',
        'physml ÷ this (wall)',
        'physml ÷ this (CPU)',
        'Adam step, wall ms',
        'CPU ms',
        'physml ÷ this (wall)',
        'physml ÷ this (CPU)',
        'loss at start',
      ],
      rows,
    ),
  );
  if (checks.length > 0) console.log(`\n${checks.join('\n')}`);
  console.log('(physml ÷ this > 1: physml is slower.)');
  if (!agree) {
    console.error('bench/hnn-step: physml and PyTorch disagree on the loss or gradient at the start weights');
    process.exitCode = 1;
  }
}

await main();
if (physmlThreads > 1) await setKernelThreads(1);
