/**
 * The Ising model: a live lattice (a worker runs the library's kernels) with the temperature
 * slider across T_c, the algorithm choice, and live e = E/N and |m| against Onsager's energy
 * and Yang's magnetization of the infinite lattice; below it, a seeded run of the `ising`
 * experiment that gives exactly the numbers of `physml run ising` with the same settings.
 */

import {
  CRITICAL_TEMPERATURE,
  onsagerEnergyPerSpin,
  yangMagnetization,
} from '../../../../src/exact/onsager.js';
import { ISING_EXPERIMENT_ALGORITHMS } from '../../../../src/experiments/ising.js';
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { button, numberField, readout, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { seededRunPanel } from '../../ui/seeded-run.js';
import {
  LIVE_ALGORITHMS,
  type LiveAlgorithm,
  type LiveError,
  type LiveFrame,
  type LiveRequest,
} from './live-protocol.js';

/** Caps on sweeps per second (slow enough to watch single-spin dynamics), or none. */
const RATES = ['1', '10', '100', '1000', 'max'] as const;

const SIZES = ['8', '16', '24', '32', '48', '64', '96', '128', '192', '256'] as const;

const specs = {
  L: { kind: 'enum', default: '128', values: SIZES },
  T: { kind: 'number', default: 2.3, min: 0.5, max: 5 },
  algorithm: { kind: 'enum', default: 'metropolis', values: LIVE_ALGORITHMS },
  rate: { kind: 'enum', default: 'max', values: RATES },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  runL: { kind: 'number', default: 8, min: 2, max: 256, integer: true },
  runT: { kind: 'number', default: 2.3, min: 0.05, max: 1000 },
  runAlgorithm: { kind: 'enum', default: 'metropolis', values: ISING_EXPERIMENT_ALGORITHMS },
  runSweeps: { kind: 'number', default: 2000, min: 32, max: 10_000_000, integer: true },
  runBurnin: { kind: 'number', default: 200, min: 0, max: 10_000_000, integer: true },
  runSeed: { kind: 'number', default: 3, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

function rateOf(value: string): number | null {
  return value === 'max' ? null : Number(value);
}

/** Points kept on the live charts. */
const HISTORY = 1500;

const ALGORITHM_LABELS: Record<LiveAlgorithm, { en: string; zh: string }> = {
  metropolis: { en: 'Metropolis', zh: 'Metropolis' },
  heatbath: { en: 'Heat-bath (Glauber)', zh: '热浴（Glauber）' },
  wolff: { en: 'Wolff clusters', zh: 'Wolff 团簇' },
};

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'ising',
    specs,
    equation: String.raw`H(s) = -J\sum_{\langle ij\rangle} s_i s_j,\quad p(s) \propto e^{-H(s)/T},\quad T_c = \frac{2J}{\ln(1+\sqrt2)} \approx 2.269`,
    equationNote: {
      en: 'Spins s = ±1 on a periodic L × L lattice, J = 1. Lines: Onsager’s energy per spin and Yang’s spontaneous magnetization of the infinite lattice (a finite lattice differs near T_c; above T_c its |m| is of order 1/L, not 0).',
      zh: '自旋 s = ±1，周期性 L × L 晶格，J = 1。参考线：无限晶格上 Onsager 的每自旋能量与杨振宁的自发磁化（有限晶格在 T_c 附近有偏差；T_c 以上其 |m| 约为 1/L 而非 0）。',
    },
  });
  const values = frame.values;
  const worker = new Worker(new URL('./live.worker.ts', import.meta.url), { type: 'module' });
  const post = (request: LiveRequest) => worker.postMessage(request);
  let running = true;

  const canvas = h('canvas', {
    id: 'ising-canvas',
    class: 'lattice',
    width: Number(values.L),
    height: Number(values.L),
    role: 'img',
    'aria-label': t({
      en: 'The spins of the lattice: up white, down dark.',
      zh: '晶格上的自旋：向上为白，向下为深色。',
    }),
  });
  const drawing = canvas.getContext('2d') as CanvasRenderingContext2D;
  frame.figures.append(h('div', { class: 'canvas-frame' }, canvas));
  const charts = h('div', { class: 'chart-stack' });
  frame.figures.append(charts);
  const energyChart = new LineChart(charts, {
    name: 'energy',
    title: { en: 'Energy per spin', zh: '每自旋能量' },
    xLabel: { en: 'sweep', zh: '扫描' },
    yLabel: { en: 'e = E/N', zh: 'e = E/N' },
    series: [
      { label: 'e(t)', color: PALETTE.blue },
      { label: { en: 'Onsager, L → ∞', zh: 'Onsager，L → ∞' }, color: PALETTE.red, dash: [6, 4], width: 2 },
    ],
    height: 180,
  });
  const magnetizationChart = new LineChart(charts, {
    name: 'magnetization',
    title: { en: 'Magnetization |m|', zh: '磁化强度 |m|' },
    xLabel: { en: 'sweep', zh: '扫描' },
    yLabel: { en: '|m| = |M|/N', zh: '|m| = |M|/N' },
    series: [
      { label: '|m|(t)', color: PALETTE.green },
      { label: { en: 'Yang, L → ∞', zh: '杨振宁，L → ∞' }, color: PALETTE.red, dash: [6, 4], width: 2 },
    ],
    height: 180,
  });
  const read = {
    sweeps: readout('sweeps', { en: 'sweeps', zh: '扫描次数' }),
    energy: readout('energy', { en: 'e = E/N', zh: 'e = E/N' }),
    magnetization: readout('magnetization', { en: '|m|', zh: '|m|' }),
    onsager: readout('onsager', { en: 'Onsager e(T)', zh: 'Onsager e(T)' }),
    yang: readout('yang', { en: 'Yang m(T)', zh: '杨振宁 m(T)' }),
    speed: readout('sweeps-per-second', { en: 'sweeps per second', zh: '每秒扫描次数' }),
    kernel: readout('kernel', { en: 'kernel', zh: '内核' }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const history = {
    at: [] as number[],
    energy: [] as number[],
    magnetization: [] as number[],
    T: [] as number[],
  };
  let lastFrame: LiveFrame | undefined;
  let image: ImageData | undefined;

  const configure = () => {
    history.at = [];
    history.energy = [];
    history.magnetization = [];
    history.T = [];
    canvas.width = Number(values.L);
    canvas.height = Number(values.L);
    image = undefined;
    frame.notice('worker', 'error', null);
    post({
      type: 'configure',
      size: Number(values.L),
      temperature: values.T,
      algorithm: values.algorithm as LiveAlgorithm,
      seed: values.seed,
      running,
      rate: rateOf(values.rate),
    });
  };

  const sizeSelect = select({
    name: 'L',
    label: { en: 'Lattice side L', zh: '晶格边长 L' },
    options: SIZES.map((size) => ({
      value: size,
      label: { en: `${size} × ${size}`, zh: `${size} × ${size}` },
    })),
    value: values.L,
    onChange(value) {
      frame.update({ L: value });
      configure();
    },
  });
  const temperatureSlider = slider({
    name: 'T',
    label: { en: 'Temperature T', zh: '温度 T' },
    min: 0.5,
    max: 5,
    step: 0.01,
    value: values.T,
    marks: [{ value: CRITICAL_TEMPERATURE, label: `T_c ≈ ${CRITICAL_TEMPERATURE.toFixed(3)}`, tone: 'info' }],
    onInput(value) {
      frame.update({ T: value });
      post({ type: 'temperature', temperature: value });
      showReferences();
    },
  });
  const algorithmSelect = select({
    name: 'algorithm',
    label: { en: 'Algorithm', zh: '算法' },
    options: LIVE_ALGORITHMS.map((name) => ({ value: name, label: ALGORITHM_LABELS[name] })),
    value: values.algorithm,
    onChange(value) {
      frame.update({ algorithm: value });
      post({ type: 'algorithm', algorithm: value as LiveAlgorithm });
    },
  });
  const rateSelect = select({
    name: 'rate',
    label: { en: 'Speed', zh: '速度' },
    options: RATES.map((rate) => ({
      value: rate,
      label:
        rate === 'max'
          ? { en: 'as fast as it goes', zh: '全速' }
          : { en: `at most ${rate} sweeps per second`, zh: `每秒至多 ${rate} 次扫描` },
    })),
    value: values.rate,
    onChange(value) {
      frame.update({ rate: value });
      post({ type: 'rate', rate: rateOf(value) });
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed (live run)', zh: '随机种子（实时运行）' },
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    value: values.seed,
    onChange(value) {
      frame.update({ seed: value });
      configure();
    },
  });
  const runButton = button('run', t('pause'), () => {
    running = !running;
    post({ type: 'running', running });
    runButton.textContent = running ? t('pause') : t('run');
    frame.article.dataset.state = running ? 'running' : 'paused';
  });
  const stepButton = button('step', { en: 'One sweep', zh: '单次扫描' }, () =>
    post({ type: 'advance', sweeps: 1 }),
  );
  const resetButton = button('reset', { en: 'New random start', zh: '重新随机初始化' }, () => configure());
  frame.controls.append(
    sizeSelect.element,
    temperatureSlider.element,
    algorithmSelect.element,
    rateSelect.element,
    seedField.element,
    h('div', { class: 'control-row buttons' }, runButton, stepButton, resetButton),
  );
  frame.article.dataset.state = 'running';

  function showReferences(): void {
    read.onsager.set(onsagerEnergyPerSpin(values.T));
    read.yang.set(yangMagnetization(values.T));
  }

  function draw(next: LiveFrame): void {
    const size = next.size;
    if (canvas.width !== size) {
      canvas.width = size;
      canvas.height = size;
      image = undefined;
    }
    image ??= drawing.createImageData(size, size);
    const pixels = image.data;
    for (let i = 0; i < next.spins.length; i++) {
      const up = next.spins[i] > 0;
      pixels[4 * i] = up ? 250 : 31;
      pixels[4 * i + 1] = up ? 250 : 58;
      pixels[4 * i + 2] = up ? 245 : 96;
      pixels[4 * i + 3] = 255;
    }
    drawing.putImageData(image, 0, 0);
  }

  let pending: LiveFrame | undefined;
  let handle = 0;
  const render = () => {
    handle = 0;
    if (pending === undefined) return;
    const next = pending;
    pending = undefined;
    draw(next);
    const count = history.at.length;
    const keep = Math.max(0, count - HISTORY);
    if (keep > 0) {
      history.at.splice(0, keep);
      history.energy.splice(0, keep);
      history.magnetization.splice(0, keep);
      history.T.splice(0, keep);
    }
    const onsager = history.T.map((T) => onsagerEnergyPerSpin(T));
    const yang = history.T.map((T) => yangMagnetization(T));
    energyChart.setData(history.at, [history.energy, onsager]);
    magnetizationChart.setData(history.at, [history.magnetization, yang]);
    read.sweeps.set(Math.round(next.sweeps));
    const last = history.at.length - 1;
    if (last >= 0) {
      read.energy.set(history.energy[last]);
      read.magnetization.set(history.magnetization[last]);
    }
    if (values.rate !== 'max') read.speed.set(`≤ ${values.rate} (${t({ en: 'capped', zh: '已限速' })})`);
    else if (next.sweepsPerSecond > 0) read.speed.set(next.sweepsPerSecond);
    read.kernel.set(
      next.kernel === 'packed'
        ? t({ en: 'bit-packed Metropolis (32 spins per word)', zh: '位压缩 Metropolis（每字 32 个自旋）' })
        : t({ en: 'Int8Array, one spin per byte', zh: 'Int8Array，每字节一个自旋' }),
    );
    frame.article.dataset.sweeps = String(next.sweeps);
  };

  worker.onmessage = (event: MessageEvent<LiveFrame | LiveError>) => {
    const message = event.data;
    if (message.type === 'error') {
      frame.notice(
        'worker',
        'error',
        `${t({ en: 'The simulation stopped:', zh: '模拟已停止：' })} ${message.message}`,
      );
      return;
    }
    lastFrame = message;
    for (let i = 0; i < message.measuredAt.length; i++) {
      history.at.push(message.measuredAt[i]);
      history.energy.push(message.energyPerSpin[i]);
      history.magnetization.push(message.absMagnetization[i]);
      history.T.push(message.temperature);
    }
    pending = message;
    if (handle === 0) handle = requestAnimationFrame(render);
  };
  worker.onerror = (event) => {
    frame.notice(
      'worker',
      'error',
      `${t({ en: 'The simulation worker failed:', zh: '模拟线程出错：' })} ${event.message}`,
    );
  };

  const seeded = seededRunPanel({
    experiment: 'ising',
    title: {
      en: 'Seeded run: the same numbers as the command line',
      zh: '带种子的运行：与命令行完全相同的数值',
    },
    description: {
      en: 'Runs the ising experiment of physml (in a worker) with these parameters and seed: its metrics, with autocorrelation-corrected error bars and the exact finite-lattice reference (enumeration for N ≤ 25, Kaufman otherwise), equal those of the command below.',
      zh: '在工作线程中以这些参数与种子运行 physml 的 ising 实验：其指标（含自相关修正的误差棒与有限晶格的精确参考值：N ≤ 25 时为穷举，否则为 Kaufman 公式）与下方命令的结果完全相同。',
    },
    fields: [
      { name: 'runL', parameter: 'L', label: { en: 'L', zh: 'L' }, kind: 'integer', min: 2, max: 256 },
      { name: 'runT', parameter: 'T', label: { en: 'T', zh: 'T' }, kind: 'number', min: 0.05, max: 1000 },
      {
        name: 'runAlgorithm',
        parameter: 'algorithm',
        label: { en: 'algorithm', zh: '算法' },
        kind: 'enum',
        values: ISING_EXPERIMENT_ALGORITHMS,
      },
      {
        name: 'runSweeps',
        parameter: 'sweeps',
        label: { en: 'sweeps', zh: '测量扫描数' },
        kind: 'integer',
        min: 32,
        max: 10_000_000,
      },
      {
        name: 'runBurnin',
        parameter: 'burnin',
        label: { en: 'burn-in', zh: '预热扫描数' },
        kind: 'integer',
        min: 0,
        max: 10_000_000,
      },
      {
        name: 'runSeed',
        parameter: 'seed',
        label: { en: 'seed', zh: '种子' },
        kind: 'integer',
        min: 0,
        max: 2 ** 31 - 1,
      },
    ],
    values: values as unknown as Record<string, number | string>,
    onChange(name, value) {
      frame.update({ [name]: value } as Partial<typeof values>);
    },
    highlight: ['energyPerSpin', 'absMagnetization', 'specificHeat', 'susceptibility', 'binder'],
  });
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => {
    // The lattice scaled up without smoothing, so each spin stays a sharp square.
    const scale = Math.max(1, Math.floor(512 / canvas.width));
    const big = h('canvas', { width: canvas.width * scale, height: canvas.height * scale });
    const context2d = big.getContext('2d') as CanvasRenderingContext2D;
    context2d.imageSmoothingEnabled = false;
    context2d.drawImage(canvas, 0, 0, big.width, big.height);
    downloadCanvas(`physml-ising-L${values.L}-T${values.T}.png`, big);
  });
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-ising-energy.svg', energyChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-ising.json', {
      page: 'ising',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      live: {
        sweeps: lastFrame?.sweeps ?? 0,
        kernel: lastFrame?.kernel,
        history,
        onsagerEnergyPerSpin: onsagerEnergyPerSpin(values.T),
        yangMagnetization: yangMagnetization(values.T),
      },
      seededRun: seeded.last?.result ?? null,
    }),
  );

  showReferences();
  configure();
  return {
    destroy() {
      worker.terminate();
      seeded.destroy();
      if (handle !== 0) cancelAnimationFrame(handle);
      energyChart.destroy();
      magnetizationChart.destroy();
    },
  };
}
