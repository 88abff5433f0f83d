/**
 * Double-well annealing: Langevin dynamics on U(x) = (x² − 1)² at a constant temperature and
 * under a cyclic one with the same mean, side by side: x(t), the temperature, the histograms of
 * x against the Boltzmann density, and the crossing rates against the exact rate 1/τ(T) and
 * the adiabatic prediction for the cycle. Below, a seeded run of the `double-well-annealing`
 * experiment gives the numbers of `physml run double-well-annealing`.
 */
import { doubleWellEnergy } from '../../../../src/energies/double-well.js';
import { adiabaticRate, doubleWellPassageTime } from '../../../../src/energies/first-passage-time.js';
import { integrate } from '../../../../src/energies/quadrature.js';
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { animationLoop } from '../../ui/animation.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { button, numberField, readout, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { seededRunPanel } from '../../ui/seeded-run.js';
import { HISTOGRAM, makeWalkers, stepsPerCycle, type Walker } from './walkers.js';

const specs = {
  T: { kind: 'number', default: 0.25, min: 0.05, max: 2 },
  A: { kind: 'number', default: 0.2, min: 0, max: 2 },
  period: { kind: 'number', default: 50, min: 1, max: 1000 },
  h: { kind: 'number', default: 0.005, min: 0.0001, max: 0.5 },
  speed: { kind: 'number', default: 400, min: 1, max: 20000, integer: true },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  runTemperature: { kind: 'number', default: 0.3, min: 0.05, max: 2 },
  runAmplitude: { kind: 'number', default: 0.25, min: 0, max: 2 },
  runPeriod: { kind: 'number', default: 25, min: 1, max: 100_000 },
  runCycles: { kind: 'number', default: 40, min: 4, max: 100_000, integer: true },
  runStepSize: { kind: 'number', default: 0.005, min: 0.0001, max: 0.05 },
  runChains: { kind: 'number', default: 2, min: 2, max: 64, integer: true },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** Time window of the x(t) chart, in periods. */
const WINDOW_PERIODS = 8;
const TRACE_POINTS = 1200;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'annealing',
    specs,
    equation: String.raw`dx = -U'(x)\,dt + \sqrt{2T(t)}\,dW,\quad U(x) = (x^2-1)^2,\quad T(t) = \bar T + A\cos(2\pi t/P)`,
    equationNote: {
      en: 'Barrier 1 between the minima ±1. At constant T the walker hops at the exact rate 1/τ(T) (Kramers’ law at low T); a cyclic T with the same mean hops more often, because the rate is convex in T. Both spend half the time in each well.',
      zh: '两个极小 ±1 之间势垒为 1。恒定温度下跃迁速率为精确值 1/τ(T)（低温时即 Kramers 定律）；平均温度相同的周期温度跃迁更频繁，因为速率是 T 的凸函数。两者在每个势阱中各停留一半时间。',
    },
  });
  const values = frame.values;
  const energy = doubleWellEnergy();
  let walkers: [Walker, Walker];
  let step = 0;
  const trace = { t: [] as number[], constant: [] as number[], cyclic: [] as number[], T: [] as number[] };

  const charts = h('div', {});
  frame.figures.append(charts);
  const positionChart = new LineChart(charts, {
    name: 'position',
    title: { en: 'Position x(t)', zh: '位置 x(t)' },
    xLabel: { en: 'time t', zh: '时间 t' },
    yLabel: { en: 'x', zh: 'x' },
    series: [
      { label: { en: 'constant T', zh: '恒定 T' }, color: PALETTE.blue },
      { label: { en: 'cyclic T(t)', zh: '周期 T(t)' }, color: PALETTE.orange },
    ],
    height: 200,
  });
  const temperatureChart = new LineChart(charts, {
    name: 'temperature',
    title: { en: 'Temperature', zh: '温度' },
    xLabel: { en: 'time t', zh: '时间 t' },
    yLabel: { en: 'T', zh: 'T' },
    series: [{ label: 'T(t)', color: PALETTE.orange }],
    height: 120,
  });
  const histogramChart = new LineChart(frame.figures, {
    name: 'histogram',
    title: {
      en: 'Histogram of x against the Boltzmann density at T',
      zh: 'x 的直方图与温度 T 下的玻尔兹曼密度',
    },
    xLabel: { en: 'x', zh: 'x' },
    yLabel: { en: 'density', zh: '密度' },
    series: [
      { label: { en: 'constant T', zh: '恒定 T' }, color: PALETTE.blue },
      { label: { en: 'cyclic T(t)', zh: '周期 T(t)' }, color: PALETTE.orange },
      { label: { en: 'exp(−U/T)/Z, exact', zh: 'exp(−U/T)/Z，精确' }, color: PALETTE.black, dash: [5, 4] },
    ],
    height: 240,
  });
  const read = {
    time: readout('time', { en: 'time t', zh: '时间 t' }),
    constantRate: readout('constant-rate', { en: 'crossing rate, constant T', zh: '跃迁速率（恒定 T）' }),
    cyclicRate: readout('cyclic-rate', { en: 'crossing rate, cyclic T', zh: '跃迁速率（周期 T）' }),
    exactRate: readout('exact-rate', { en: 'exact rate 1/τ(T)', zh: '精确速率 1/τ(T)' }),
    kramersRate: readout('kramers-rate', { en: 'Kramers rate', zh: 'Kramers 速率' }),
    adiabaticRate: readout('adiabatic-rate', { en: 'adiabatic cyclic rate', zh: '绝热周期速率' }),
    leftFraction: readout('left-fraction', {
      en: 'time in the left well (constant T)',
      zh: '左阱停留比例（恒定 T）',
    }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const settings = () => ({
    temperature: values.T,
    amplitude: Math.min(values.A, values.T),
    period: values.period,
    stepSize: values.h,
    seed: values.seed,
  });
  let boltzmann: number[] = [];
  const centres = Array.from(
    { length: HISTOGRAM.bins },
    (_, bin) => HISTOGRAM.low + ((bin + 0.5) * (HISTOGRAM.high - HISTOGRAM.low)) / HISTOGRAM.bins,
  );

  function references(): void {
    const T = values.T;
    const density = (x: number) => Math.exp(-((x * x - 1) ** 2) / T);
    const normalizer = integrate(density, -4, 4).value;
    boltzmann = centres.map((x) => density(x) / normalizer);
    read.exactRate.set(1 / doubleWellPassageTime(energy, T));
    read.kramersRate.set(energy.kramersRate(T));
    const amplitude = Math.min(values.A, T);
    read.adiabaticRate.set(adiabaticRate(energy, (phase) => T + amplitude * Math.cos(2 * Math.PI * phase)));
    frame.notice(
      'amplitude',
      'info',
      values.A > values.T
        ? t({
            en: `The amplitude A is capped at T = ${T} so that T(t) ≥ 0.`,
            zh: `振幅 A 被限制为 T = ${T}，以保证 T(t) ≥ 0。`,
          })
        : null,
    );
  }

  function restart(): void {
    walkers = makeWalkers(settings());
    step = 0;
    trace.t = [];
    trace.constant = [];
    trace.cyclic = [];
    trace.T = [];
    frame.notice('divergence', 'error', null);
    positionChart.explain(null);
    references();
    render();
    loop.start();
    syncState();
  }

  function render(): void {
    const time = step * values.h;
    const windowStart = time - WINDOW_PERIODS * values.period;
    let drop = 0;
    while (drop < trace.t.length && trace.t[drop] < windowStart) drop++;
    if (drop > 0) {
      for (const series of [trace.t, trace.constant, trace.cyclic, trace.T]) series.splice(0, drop);
    }
    positionChart.setData(trace.t, [trace.constant, trace.cyclic]);
    temperatureChart.setData(trace.t, [trace.T]);
    const width = (HISTOGRAM.high - HISTOGRAM.low) / HISTOGRAM.bins;
    const density = (walker: Walker) =>
      Array.from(walker.histogram, (count) => (walker.samples > 0 ? count / (walker.samples * width) : 0));
    histogramChart.setData(centres, [density(walkers[0]), density(walkers[1]), boltzmann]);
    read.time.set(time);
    read.constantRate.set(time > 0 ? walkers[0].crossings / time : 0);
    read.cyclicRate.set(time > 0 ? walkers[1].crossings / time : 0);
    let left = 0;
    for (let bin = 0; bin < HISTOGRAM.bins / 2; bin++) left += walkers[0].histogram[bin];
    read.leftFraction.set(walkers[0].samples > 0 ? left / walkers[0].samples : 0);
    const diverged = walkers.find((walker) => walker.divergence)?.divergence;
    if (diverged) {
      frame.notice('divergence', 'error', `${t({ en: 'Divergence — ', zh: '发散 — ' })}${diverged.message}`);
      positionChart.explain(
        t({
          en: 'The walker diverged: x left every finite range, so its curve ends there (see the explanation above). Lower the step size h.',
          zh: '粒子发散：x 不再有限，曲线在此终止（见上方说明）。请减小步长 h。',
        }),
      );
    }
  }

  function syncState(): void {
    const diverged = walkers.some((walker) => walker.divergence);
    frame.article.dataset.state = diverged ? 'diverged' : loop.running ? 'running' : 'paused';
    runButton.textContent = loop.running ? t('pause') : t('run');
  }

  const loop = animationLoop(frame.article, () => {
    const thin = Math.max(1, Math.floor((WINDOW_PERIODS * stepsPerCycle(settings())) / TRACE_POINTS));
    for (let k = 0; k < values.speed; k++) {
      walkers[0].step(step, values.h);
      walkers[1].step(step, values.h);
      step++;
      if (step % thin === 0) {
        trace.t.push(step * values.h);
        trace.constant.push(walkers[0].state.position[0]);
        trace.cyclic.push(walkers[1].state.position[0]);
        trace.T.push(walkers[1].integrator.temperature);
      }
    }
    render();
    if (walkers.some((walker) => walker.divergence)) {
      loop.stop();
      syncState();
      return false;
    }
    return undefined;
  });

  const sliderFor = (
    name: 'T' | 'A' | 'period' | 'h',
    label: { en: string; zh: string },
    min: number,
    max: number,
    scale: 'linear' | 'log',
  ) =>
    slider({
      name,
      label,
      min,
      max,
      scale,
      step: scale === 'linear' ? 0.01 : undefined,
      value: values[name],
      onInput(value) {
        frame.update({ [name]: value } as Partial<typeof values>);
        restart();
      },
    });
  const runButton = button('run', t('pause'), () => {
    if (loop.running) loop.stop();
    else if (!walkers.some((walker) => walker.divergence)) loop.start();
    syncState();
  });
  frame.controls.append(
    sliderFor('T', { en: 'Mean temperature T', zh: '平均温度 T' }, 0.05, 2, 'linear').element,
    sliderFor('A', { en: 'Amplitude A of the cycle', zh: '周期振幅 A' }, 0, 2, 'linear').element,
    sliderFor('period', { en: 'Period P', zh: '周期 P' }, 1, 1000, 'log').element,
    sliderFor('h', { en: 'Step size h', zh: '步长 h' }, 0.0001, 0.5, 'log').element,
    slider({
      name: 'speed',
      label: { en: 'Steps per frame', zh: '每帧步数' },
      min: 1,
      max: 20000,
      scale: 'log',
      format: (value) => String(Math.round(value)),
      value: values.speed,
      onInput(value) {
        frame.update({ speed: Math.max(1, Math.round(value)) });
      },
    }).element,
    numberField({
      name: 'seed',
      label: { en: 'Seed', zh: '随机种子' },
      min: 0,
      max: 2 ** 31 - 1,
      integer: true,
      value: values.seed,
      onChange(value) {
        frame.update({ seed: value });
        restart();
      },
    }).element,
    h(
      'div',
      { class: 'control-row buttons' },
      runButton,
      button('reset', { en: 'Reset', zh: '重置' }, () => restart()),
    ),
  );

  const seeded = seededRunPanel({
    experiment: 'double-well-annealing',
    title: {
      en: 'Seeded run: the same numbers as the command line',
      zh: '带种子的运行：与命令行完全相同的数值',
    },
    description: {
      en: 'Runs the double-well-annealing experiment (several chains per schedule, rates with error bars, the exact first-passage time as reference) in a worker.',
      zh: '在工作线程中运行 double-well-annealing 实验（每种温度方案多条链，速率附误差棒，以精确的首达时间为参考）。',
    },
    fields: [
      {
        name: 'runTemperature',
        parameter: 'temperature',
        label: { en: 'T', zh: 'T' },
        kind: 'number',
        min: 0.05,
        max: 2,
      },
      {
        name: 'runAmplitude',
        parameter: 'amplitude',
        label: { en: 'A', zh: 'A' },
        kind: 'number',
        min: 0,
        max: 2,
      },
      {
        name: 'runPeriod',
        parameter: 'period',
        label: { en: 'P', zh: 'P' },
        kind: 'number',
        min: 1,
        max: 100_000,
      },
      {
        name: 'runCycles',
        parameter: 'cycles',
        label: { en: 'cycles', zh: '周期数' },
        kind: 'integer',
        min: 4,
        max: 100_000,
      },
      {
        name: 'runStepSize',
        parameter: 'stepSize',
        label: { en: 'h', zh: 'h' },
        kind: 'number',
        min: 0.0001,
        max: 0.05,
      },
      {
        name: 'runChains',
        parameter: 'chains',
        label: { en: 'chains', zh: '链数' },
        kind: 'integer',
        min: 2,
        max: 64,
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
    highlight: ['constantRate', 'cyclicRate', 'exactRate', 'adiabaticCyclicRate', 'speedup'],
  });
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas('physml-double-well-x.png', positionChart.canvas));
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-double-well-x.svg', positionChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-double-well.json', {
      page: 'annealing',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      time: step * values.h,
      crossings: { constant: walkers[0].crossings, cyclic: walkers[1].crossings },
      histogram: { centres, constant: walkers[0].histogram, cyclic: walkers[1].histogram, boltzmann },
      trace,
      seededRun: seeded.last?.result ?? null,
    }),
  );

  restart();
  return {
    destroy() {
      loop.stop();
      seeded.destroy();
      positionChart.destroy();
      temperatureChart.destroy();
      histogramChart.destroy();
    },
  };
}
