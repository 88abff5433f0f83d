/**
 * 2D Ising Metropolis benchmark: physml's bit-packed checkerboard kernel, in TypeScript and in
 * WebAssembly SIMD, against a straightforward C implementation compiled and run in the same
 * session.
 *
 *   node --import tsx bench/ising.ts            # L = 64 … 2048 at T = T_c (about a minute)
 *   node --import tsx bench/ising.ts --quick    # L = 64 and 128 only, to check that it runs
 *
 * The C peer (`bench/peers/ising_metropolis.c`, `gcc -O3 -march=native`: int8 spins, one
 * xorshift64* number per spin, acceptance table, checkerboard order) runs as a persistent child
 * process that sweeps on request, so C and physml blocks can alternate: for each L, after one
 * untimed warm-up block each, every round times a block of C sweeps, then the same number of
 * physml sweeps on the calling thread with the TypeScript kernel (kernels setting 'js'), then with
 * the WebAssembly one (`packed-metropolis-wasm.ts`, kernels 'wasm-simd'), and forms the ratios
 * within the round, so load from other processes hits all alike. Both physml chains start from
 * the same spins and key, so their lattices after timing must be identical (checked and printed).
 * Figures are medians over the rounds: spin-flip attempts per nanosecond (L² × sweeps / wall
 * time), the ratios, and the same ratios in CPU time (C: `CLOCK_PROCESS_CPUTIME_ID`; physml:
 * `process.cpuUsage`), which other processes disturb less.
 * Then physml's worker-parallel sweep (TypeScript kernel) (row blocks on a SharedArrayBuffer, a barrier between
 * colours) with 1 and 2 worker threads, alternating in the same way: the speed-up (wall time of
 * 1 worker ÷ 2 workers) and the process CPU time of 2 workers ÷ 1 worker (1.0 means the
 * parallel sweep does no extra work; barrier spinning, and waiting for a partner thread that
 * the OS has descheduled, raise it). Also printed: the fitted exponent of time per sweep against
 * L² (wall and CPU time), the spin storage of an L = 4096 lattice, and the energy per spin of both
 * programs' lattices after timing (a sanity check: both sample the same physics from random
 * starts, so the values agree only roughly).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { jsKernels } from '../src/core/kernels/js-kernels.js';
import { withKernels } from '../src/core/kernels/registry.js';
import { wasmKernels } from '../src/core/kernels/wasm/wasm-kernels.js';
import { fold, makeKey, RandomStream } from '../src/core/random/index.js';
import {
  copyPackedLattice,
  createPackedLattice,
  formatBytes,
  packedEnergyAndMagnetization,
  packedLatticeBytes,
  packedMetropolis,
  parallelPackedMetropolis,
  randomizeSpins,
} from '../src/lattice/index.js';
import { formatRate, markdownTable, median } from './harness.js';

const T_CRITICAL = 2 / Math.log(1 + Math.SQRT2);
const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'ising_metropolis.c');
/** Spin-flip attempts per timed block (the sweeps per block are this over L², at least 4). */
const FLIPS_PER_BLOCK = 2 ** 25;
const ROUNDS = 7;

interface Row {
  size: number;
  sweeps: number;
  cRate?: number;
  physmlRate: number;
  ratio?: number;
  cpuRatio?: number;
  wasmRate: number;
  wasmRatio?: number;
  wasmCpuRatio?: number;
  /** WebAssembly ÷ TypeScript speed, within each round (wall and CPU time). */
  wasmOverTs: number;
  wasmOverTsCpu: number;
  /** Whether the two physml chains ended with identical spins. */
  identical: boolean;
  oneWorkerRate: number;
  twoWorkerRate: number;
  workerRatio: number;
  workerCpuRatio: number;
  nsPerSweep: number;
  cNsPerSweep?: number;
  cpuNsPerSweep: number;
  cCpuNsPerSweep?: number;
  cEnergy?: number;
  physmlEnergy: number;
}

/** Compiles the C peer into a temporary folder; undefined (with a note) when gcc fails. */
function compilePeer(folder: string): string | undefined {
  const binary = join(folder, 'ising_metropolis');
  const result = spawnSync('gcc', ['-O3', '-march=native', '-o', binary, PEER, '-lm'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    console.log(
      `note: cannot compile the C peer (${result.error?.message ?? result.stderr}); C columns are n/a`,
    );
    return undefined;
  }
  return binary;
}

/** The C peer as a child process that sweeps its lattice on request. */
class Peer {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;
  readonly #reader: Interface;

  constructor(binary: string, size: number) {
    this.#child = spawn(binary, [String(size), String(T_CRITICAL), '12345']);
    this.#reader = createInterface({ input: this.#child.stdout });
    this.#lines = this.#reader[Symbol.asyncIterator]();
  }

  /** Runs `sweeps` sweeps; resolves with the wall and CPU milliseconds and the energy per spin. */
  async sweep(sweeps: number): Promise<{ wallMs: number; cpuMs: number; energy: number }> {
    this.#child.stdin.write(`${sweeps}\n`);
    const line = await this.#lines.next();
    if (line.done) throw new Error('the C peer stopped answering');
    const [wall, cpu, energy] = line.value.split(' ').map(Number);
    return { wallMs: 1000 * wall, cpuMs: 1000 * cpu, energy };
  }

  close(): void {
    this.#child.stdin.end('0\n');
    this.#reader.close();
  }
}

/** Milliseconds of CPU time used by this process so far (all its threads). */
function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Spin-flip attempts per nanosecond. */
function rate(size: number, sweeps: number, milliseconds: number): number {
  return (size * size * sweeps) / (milliseconds * 1e6);
}

async function measureSize(size: number, binary: string | undefined): Promise<Row> {
  const sweeps = Math.max(4, Math.round(FLIPS_PER_BLOCK / (size * size)));
  const lattice = createPackedLattice(size);
  randomizeSpins(lattice, new RandomStream(fold(makeKey(5), size)));
  const wasmLattice = createPackedLattice(size);
  copyPackedLattice(wasmLattice, lattice);
  const chain = packedMetropolis(lattice, makeKey(6), { temperature: T_CRITICAL });
  const wasmChain = packedMetropolis(wasmLattice, makeKey(6), { temperature: T_CRITICAL });
  const sweepTs = () => withKernels(jsKernels, () => chain.sweep(sweeps));
  const sweepWasm = () => withKernels(wasmKernels, () => wasmChain.sweep(sweeps));
  const peer = binary === undefined ? undefined : new Peer(binary, size);
  const cWall: number[] = [];
  const physmlWall: number[] = [];
  const physmlCpu: number[] = [];
  const wasmWall: number[] = [];
  const cCpu: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const wasmRatios: number[] = [];
  const wasmCpuRatios: number[] = [];
  const wasmOverTs: number[] = [];
  const wasmOverTsCpu: number[] = [];
  let cEnergy: number | undefined;
  /** Wall and CPU milliseconds of one call. */
  const timed = (sweep: () => void) => {
    const cpuStart = cpuMilliseconds();
    const start = performance.now();
    sweep();
    return { wallMs: performance.now() - start, cpuMs: cpuMilliseconds() - cpuStart };
  };
  try {
    await peer?.sweep(sweeps);
    sweepTs();
    sweepWasm();
    for (let round = 0; round < ROUNDS; round++) {
      const c = await peer?.sweep(sweeps);
      const ts = timed(sweepTs);
      const wasm = timed(sweepWasm);
      physmlWall.push(ts.wallMs);
      physmlCpu.push(ts.cpuMs);
      wasmWall.push(wasm.wallMs);
      wasmOverTs.push(ts.wallMs / wasm.wallMs);
      wasmOverTsCpu.push(ts.cpuMs / wasm.cpuMs);
      if (c !== undefined) {
        cWall.push(c.wallMs);
        cCpu.push(c.cpuMs);
        ratios.push(c.wallMs / ts.wallMs);
        cpuRatios.push(c.cpuMs / ts.cpuMs);
        wasmRatios.push(c.wallMs / wasm.wallMs);
        wasmCpuRatios.push(c.cpuMs / wasm.cpuMs);
        cEnergy = c.energy;
      }
    }
  } finally {
    peer?.close();
  }
  const physmlEnergy = packedEnergyAndMagnetization(lattice).energy / (size * size);
  const identical =
    lattice.black.every((word, i) => word === wasmLattice.black[i]) &&
    lattice.white.every((word, i) => word === wasmLattice.white[i]);
  const workers = await measureWorkers(size, sweeps);
  const physmlMs = median(physmlWall);
  const cMs = cWall.length > 0 ? median(cWall) : undefined;
  return {
    size,
    sweeps,
    cRate: cMs === undefined ? undefined : rate(size, sweeps, cMs),
    physmlRate: rate(size, sweeps, physmlMs),
    ratio: ratios.length > 0 ? median(ratios) : undefined,
    cpuRatio: cpuRatios.length > 0 ? median(cpuRatios) : undefined,
    wasmRate: rate(size, sweeps, median(wasmWall)),
    wasmRatio: wasmRatios.length > 0 ? median(wasmRatios) : undefined,
    wasmCpuRatio: wasmCpuRatios.length > 0 ? median(wasmCpuRatios) : undefined,
    wasmOverTs: median(wasmOverTs),
    wasmOverTsCpu: median(wasmOverTsCpu),
    identical,
    ...workers,
    nsPerSweep: (1e6 * physmlMs) / sweeps,
    cNsPerSweep: cMs === undefined ? undefined : (1e6 * cMs) / sweeps,
    cpuNsPerSweep: (1e6 * median(physmlCpu)) / sweeps,
    cCpuNsPerSweep: cCpu.length > 0 ? (1e6 * median(cCpu)) / sweeps : undefined,
    cEnergy,
    physmlEnergy,
  };
}

/** 1 and 2 worker threads (block count = threads), alternating blocks of `sweeps` sweeps. */
async function measureWorkers(
  size: number,
  sweeps: number,
): Promise<{ oneWorkerRate: number; twoWorkerRate: number; workerRatio: number; workerCpuRatio: number }> {
  const samplers = await Promise.all(
    [1, 2].map(async (threads) => {
      const lattice = createPackedLattice(size, { shared: true });
      randomizeSpins(lattice, new RandomStream(fold(makeKey(7), size)));
      return parallelPackedMetropolis(lattice, makeKey(8), { temperature: T_CRITICAL, threads });
    }),
  );
  const times: [number[], number[]] = [[], []];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  try {
    for (const sampler of samplers) await sampler.sweep(sweeps);
    for (let round = 0; round < ROUNDS; round++) {
      const pair = [0, 0];
      const cpuPair = [0, 0];
      for (let i = 0; i < 2; i++) {
        const cpuStart = cpuMilliseconds();
        const start = performance.now();
        await samplers[i].sweep(sweeps);
        pair[i] = performance.now() - start;
        cpuPair[i] = cpuMilliseconds() - cpuStart;
        times[i].push(pair[i]);
      }
      ratios.push(pair[0] / pair[1]);
      cpuRatios.push(cpuPair[1] / cpuPair[0]);
    }
  } finally {
    await Promise.all(samplers.map((sampler) => sampler.close()));
  }
  return {
    oneWorkerRate: rate(size, sweeps, median(times[0])),
    twoWorkerRate: rate(size, sweeps, median(times[1])),
    workerRatio: median(ratios),
    workerCpuRatio: median(cpuRatios),
  };
}

/** Least-squares slope of log(y) against log(x). */
function logSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < lx.length; i++) {
    numerator += (lx[i] - mx) * (ly[i] - my);
    denominator += (lx[i] - mx) ** 2;
  }
  return numerator / denominator;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? [64, 128] : [64, 128, 256, 512, 1024, 2048];
  const folder = mkdtempSync(join(tmpdir(), 'physml-ising-'));
  try {
    const binary = compilePeer(folder);
    const compiler = spawnSync('gcc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'n/a';
    console.log(`2D Ising Metropolis at T_c = ${T_CRITICAL.toFixed(6)}, J = 1, h = 0, periodic L × L`);
    console.log(
      `machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores; Node ${process.version}; ${compiler}`,
    );
    console.log(
      `load average at start: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const rows: Row[] = [];
    for (const size of sizes) {
      rows.push(await measureSize(size, binary));
      const last = rows[rows.length - 1];
      console.log(
        `  L = ${size}: C ${formatRate(last.cRate)}, physml ${formatRate(last.physmlRate)}, ` +
          `physml wasm ${formatRate(last.wasmRate)} flips/ns; ` +
          `workers 1 / 2: ${formatRate(last.oneWorkerRate)} / ${formatRate(last.twoWorkerRate)}`,
      );
    }
    console.log(
      `load average at end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
    const headers = [
      'L',
      'sweeps per block',
      'C flips/ns',
      'physml flips/ns (1 thread)',
      'physml wasm flips/ns',
      'physml ÷ C (wall)',
      'physml ÷ C (CPU)',
      'wasm ÷ C (wall)',
      'wasm ÷ C (CPU)',
      'wasm ÷ physml (wall)',
      'wasm ÷ physml (CPU)',
      'wasm = physml spins',
      '1 worker',
      '2 workers',
      'speed-up, 2 ÷ 1 workers',
      'CPU time, 2 ÷ 1 workers',
      'physml ns/sweep',
      'e after timing (C / physml)',
    ];
    const ratio = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(1)}×`);
    const table = rows.map((row) => [
      String(row.size),
      String(row.sweeps),
      formatRate(row.cRate),
      formatRate(row.physmlRate),
      formatRate(row.wasmRate),
      ratio(row.ratio),
      ratio(row.cpuRatio),
      ratio(row.wasmRatio),
      ratio(row.wasmCpuRatio),
      `${row.wasmOverTs.toFixed(2)}×`,
      `${row.wasmOverTsCpu.toFixed(2)}×`,
      row.identical ? 'yes' : 'NO',
      formatRate(row.oneWorkerRate),
      formatRate(row.twoWorkerRate),
      `${row.workerRatio.toFixed(2)}×`,
      `${row.workerCpuRatio.toFixed(2)}`,
      row.nsPerSweep.toExponential(2),
      `${row.cEnergy?.toFixed(3) ?? 'n/a'} / ${row.physmlEnergy.toFixed(3)}`,
    ]);
    console.log(markdownTable(headers, table));
    if (rows.some((row) => !row.identical)) {
      console.log('\nERROR: the WebAssembly and TypeScript chains ended with different spins');
      process.exitCode = 1;
    }
    const areas = rows.map((row) => row.size * row.size);
    const fit = (label: string, physml: number[], c: (number | undefined)[]) =>
      `  ${label}: physml k = ${logSlope(areas, physml).toFixed(3)}` +
      (c.every((value) => value !== undefined) ? `, C k = ${logSlope(areas, c as number[]).toFixed(3)}` : '');
    console.log(
      `\ntime per sweep ∝ (L²)^k, least squares over L = ${sizes[0]} … ${sizes[sizes.length - 1]}:`,
    );
    console.log(
      fit(
        'wall time',
        rows.map((row) => row.nsPerSweep),
        rows.map((row) => row.cNsPerSweep),
      ),
    );
    console.log(
      fit(
        'CPU time ',
        rows.map((row) => row.cpuNsPerSweep),
        rows.map((row) => row.cCpuNsPerSweep),
      ),
    );
    const big = createPackedLattice(4096);
    console.log(
      `spin storage of an L = 4096 lattice: ${formatBytes(big.buffer.byteLength)} ` +
        `(packedLatticeBytes(4096) = ${packedLatticeBytes(4096)} bytes; target < 8 MiB)`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
