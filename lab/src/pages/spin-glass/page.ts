/**
 * Spin glass: P(q) while cooling. R replicas of one Sherrington–Kirkpatrick instance run in a
 * worker (engine.ts) at a temperature that the slider sets or that cools geometrically; the
 * overlap distribution P(q) over a sliding window shows the paramagnet's single peak at q = 0
 * turn, below T_c = 1, into weight at ±q_EA. For N ≤ 20 the exact P(q) at the current
 * temperature and the exact ground-state energy are drawn; above, Parisi's N → ∞ energy.
 * Below, a seeded run of the `spin-glass` experiment (seeded.ts) gives exactly the numbers of
 * `physml run` with the same parameters and seed.
 */
import { PARISI_GROUND_STATE_ENERGY } from '../../../../src/models/spin-glass/index.js';
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { checkbox, formatValue, numberField, readout, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { RATE_CHOICES, rateOf, rateSelect, runButtons } from '../../ui/live-controls.js';
import { drawTiles, imageShape, inkColor } from '../../ui/tiles.js';
import { LiveClient, renderOnce } from '../../workers/live-client.js';
import type { LiveFrameMessage } from '../../workers/live-protocol.js';
import { COOLING_FLOOR, EXACT_LIMIT, type SpinGlassFrame, type SpinGlassParams } from './engine.js';
import { seededSpecs, spinGlassSeededRun } from './seeded.js';

const SIZES = ['8', '12', '16', '20', '32', '64', '128', '256', '512'] as const;

const specs = {
  N: { kind: 'enum', default: '16', values: SIZES },
  couplings: { kind: 'enum', default: 'gaussian', values: ['gaussian', 'bimodal'] },
  R: { kind: 'number', default: 4, min: 2, max: 8, integer: true },
  rule: { kind: 'enum', default: 'metropolis', values: ['metropolis', 'heat-bath'] },
  T: { kind: 'number', default: 1.6, min: COOLING_FLOOR, max: 2.5 },
  cool: { kind: 'boolean', default: true },
  tau: { kind: 'number', default: 3000, min: 10, max: 100_000 },
  W: { kind: 'number', default: 500, min: 10, max: 5000, integer: true },
  rate: { kind: 'enum', default: '1000', values: RATE_CHOICES },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

/** Points kept on the trace charts. */
const HISTORY = 1500;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'spin-glass',
    specs,
    equation: String.raw`H(s) = -\sum_{i<j} J_{ij}\,s_i s_j,\quad J_{ij}\sim\mathcal N(0, 1/N),\qquad q_{ab} = \frac1N\sum_i s^a_i s^b_i,\quad P(q) = \big\langle \delta(q - q_{ab})\big\rangle_T`,
    equationNote: {
      en: 'R replicas: independent chains on the same couplings J. Above T_c = 1 they are uncorrelated and P(q) is a narrow peak at 0 (width ~ 1/√N); below, each freezes into a valley and P(q) puts weight near ±q_EA, with (Parisi) a continuous part between. Single-spin-flip replicas fall out of equilibrium at low T: their P(q) then comes out narrower and lopsided against the exact one (physml run spin-glass uses parallel tempering for that).',
      zh: 'R 个副本：在同一组耦合 J 上独立运行的马尔可夫链。T_c = 1 以上它们互不相关，P(q) 是 0 处的窄峰（宽度约 1/√N）；以下，各副本冻结在某个谷中，P(q) 的权重移向 ±q_EA，并且（Parisi）两者之间还有连续部分。单自旋翻转的副本在低温下会失去平衡：此时采样得到的 P(q) 比精确值更窄且不对称（physml run spin-glass 用并行回火解决这一点）。',
    },
  });
  const values = frame.values;
  const worker = new Worker(new URL('./spin-glass.worker.ts', import.meta.url), { type: 'module' });
  let last: LiveFrameMessage<SpinGlassFrame> | undefined;
  const history = { sweep: [] as number[], T: [] as number[], energy: [] as number[], q2: [] as number[] };

  const canvas = h('canvas', {
    id: 'spin-glass-canvas',
    class: 'lattice',
    role: 'img',
    'aria-label': t({
      en: 'The R replicas, one image each: spin i at the same place in every image, +1 light, −1 dark. Each replica after the first is drawn up to a global flip s → −s (a symmetry of H), so replicas in the same valley look alike.',
      zh: 'R 个副本，每个一幅图：每幅图中同一位置是同一个自旋 i，+1 为浅色，−1 为深色。第一个之后的副本按整体翻转 s → −s（H 的对称性）对齐显示，因此处于同一谷中的副本看起来相同。',
    }),
  });
  frame.figures.append(h('div', { class: 'canvas-frame' }, canvas));
  const overlapChart = new LineChart(frame.figures, {
    name: 'overlap',
    title: { en: 'Overlap distribution P(q) over the window', zh: '窗口内的重叠分布 P(q)' },
    xLabel: { en: 'overlap q', zh: '重叠 q' },
    yLabel: { en: 'P(q)', zh: 'P(q)' },
    series: [
      { label: { en: 'replicas', zh: '副本' }, color: PALETTE.blue, bars: true },
      {
        label: { en: 'exact (enumeration)', zh: '精确（穷举）' },
        color: PALETTE.red,
        dash: [6, 4],
        width: 2,
      },
    ],
    height: 220,
  });
  const charts = h('div', { class: 'chart-stack' });
  frame.figures.append(charts);
  const energyChart = new LineChart(charts, {
    name: 'energy',
    title: { en: 'Energy per spin', zh: '每自旋能量' },
    xLabel: { en: 'sweep', zh: '扫描' },
    yLabel: { en: 'e = H/N', zh: 'e = H/N' },
    series: [
      { label: { en: 'replicas (mean)', zh: '副本（平均）' }, color: PALETTE.blue },
      { label: { en: 'ground state', zh: '基态' }, color: PALETTE.red, dash: [6, 4], width: 2 },
    ],
    height: 170,
  });
  const orderChart = new LineChart(charts, {
    name: 'order',
    title: { en: 'Temperature and ⟨q²⟩', zh: '温度与 ⟨q²⟩' },
    xLabel: { en: 'sweep', zh: '扫描' },
    yLabel: { en: 'T, ⟨q²⟩', zh: 'T, ⟨q²⟩' },
    series: [
      { label: 'T', color: PALETTE.orange },
      { label: '⟨q²⟩', color: PALETTE.green },
    ],
    height: 170,
  });
  const read = {
    temperature: readout('temperature', { en: 'temperature T', zh: '温度 T' }),
    sweeps: readout('sweeps', { en: 'sweeps', zh: '扫描次数' }),
    energy: readout('energy', { en: 'e = H/N', zh: 'e = H/N' }),
    q2: readout('q2', { en: '⟨q²⟩ (window)', zh: '⟨q²⟩（窗口）' }),
    exactQ2: readout('exact-q2', { en: '⟨q²⟩ exact', zh: '⟨q²⟩ 精确值' }),
    absQ: readout('abs-q', { en: '⟨|q|⟩', zh: '⟨|q|⟩' }),
    binder: readout('binder', { en: 'Binder ratio g', zh: 'Binder 比 g' }),
    chi: readout('chi', { en: 'χ_SG = N⟨q²⟩', zh: 'χ_SG = N⟨q²⟩' }),
    flips: readout('flip-rate', { en: 'flip rate', zh: '翻转率' }),
    speed: readout('sweeps-per-second', { en: 'sweeps per second', zh: '每秒扫描次数' }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const engineParams = (): SpinGlassParams => ({
    size: Number(values.N),
    couplings: values.couplings as SpinGlassParams['couplings'],
    replicas: values.R,
    rule: values.rule as SpinGlassParams['rule'],
    temperature: values.T,
    cooling: values.cool,
    halving: values.tau,
    window: values.W,
    seed: values.seed,
  });

  const render = renderOnce(draw);
  const client = new LiveClient<SpinGlassParams, SpinGlassFrame>(worker, {
    frame(message) {
      last = message;
      const trace = message.frame.trace;
      if (trace) {
        history.sweep.push(trace.sweep);
        history.T.push(trace.temperature);
        history.energy.push(trace.energyPerSpin);
        history.q2.push(trace.secondMoment);
        const excess = history.sweep.length - HISTORY;
        if (excess > 0) for (const series of Object.values(history)) series.splice(0, excess);
      }
      render.request();
    },
    error(message) {
      frame.notice(
        'worker',
        'error',
        `${t({ en: 'The simulation stopped:', zh: '模拟已停止：' })} ${message}`,
      );
    },
  });

  function configure(): void {
    for (const series of Object.values(history)) series.length = 0;
    last = undefined;
    frame.notice('worker', 'error', null);
    client.configure(engineParams(), { running: buttons.running, rate: rateOf(values.rate) });
    const size = Number(values.N);
    frame.notice(
      'exact',
      'info',
      size <= EXACT_LIMIT
        ? t({
            en: `N = ${size} ≤ ${EXACT_LIMIT}: the exact P(q) at the current T and the exact ground-state energy come from enumerating all 2^${size} states.`,
            zh: `N = ${size} ≤ ${EXACT_LIMIT}：当前温度下的精确 P(q) 与精确基态能量来自对全部 2^${size} 个状态的穷举。`,
          })
        : t({
            en: `N = ${size} is too large to enumerate: the energy is compared with Parisi’s N → ∞ ground state, e = ${PARISI_GROUND_STATE_ENERGY}.`,
            zh: `N = ${size} 太大，无法穷举：能量与 Parisi 的 N → ∞ 基态 e = ${PARISI_GROUND_STATE_ENERGY} 对照。`,
          }),
    );
  }

  const sizeSelect = select({
    name: 'N',
    label: { en: 'Spins N', zh: '自旋数 N' },
    options: SIZES.map((size) => ({
      value: size,
      label:
        Number(size) <= EXACT_LIMIT
          ? { en: `${size} (exact P(q) shown)`, zh: `${size}（显示精确 P(q)）` }
          : { en: size, zh: size },
    })),
    value: values.N,
    onChange(value) {
      frame.update({ N: value });
      configure();
    },
  });
  const couplingSelect = select({
    name: 'couplings',
    label: { en: 'Couplings J_ij', zh: '耦合 J_ij' },
    options: [
      { value: 'gaussian', label: { en: 'Gaussian, variance 1/N', zh: '高斯，方差 1/N' } },
      { value: 'bimodal', label: { en: '±1/√N', zh: '±1/√N' } },
    ],
    value: values.couplings,
    onChange(value) {
      frame.update({ couplings: value });
      configure();
    },
  });
  const replicaSlider = slider({
    name: 'R',
    label: { en: 'Replicas R', zh: '副本数 R' },
    min: 2,
    max: 8,
    step: 1,
    value: values.R,
    onInput(value) {
      frame.update({ R: value });
      configure();
    },
  });
  const ruleSelect = select({
    name: 'rule',
    label: { en: 'Update rule', zh: '更新规则' },
    options: [
      { value: 'metropolis', label: { en: 'Metropolis', zh: 'Metropolis' } },
      { value: 'heat-bath', label: { en: 'Heat bath (Glauber)', zh: '热浴（Glauber）' } },
    ],
    value: values.rule,
    onChange(value) {
      frame.update({ rule: value });
      client.update({ rule: value as SpinGlassParams['rule'] });
    },
  });
  const temperatureSlider = slider({
    name: 'T',
    label: { en: 'Temperature T (cooling starts here)', zh: '温度 T（降温从这里开始）' },
    min: COOLING_FLOOR,
    max: 2.5,
    step: 0.01,
    value: values.T,
    marks: [{ value: 1, label: 'T_c = 1', tone: 'info' }],
    onInput(value) {
      frame.update({ T: value });
      client.update({ temperature: value });
    },
  });
  const coolBox = checkbox({
    name: 'cool',
    label: {
      en: `Cool geometrically (down to T = ${COOLING_FLOOR})`,
      zh: `按几何级数降温（降至 T = ${COOLING_FLOOR}）`,
    },
    value: values.cool,
    onChange(value) {
      // From now on the run goes on from the temperature reached: the link starts there.
      const now = Number(temperatureSlider.value.toPrecision(3));
      temperatureSlider.set(now);
      frame.update({ cool: value, T: now });
      client.update({ cooling: value, temperature: now });
    },
  });
  const halvingSlider = slider({
    name: 'tau',
    label: { en: 'Cooling time τ (sweeps for T to halve)', zh: '降温时间 τ（T 减半所需扫描数）' },
    min: 10,
    max: 100_000,
    scale: 'log',
    value: values.tau,
    onInput(value) {
      frame.update({ tau: value });
      client.update({ halving: value });
    },
  });
  const windowSlider = slider({
    name: 'W',
    label: { en: 'Window W (sweeps in P(q))', zh: '窗口 W（计入 P(q) 的扫描数）' },
    min: 10,
    max: 5000,
    scale: 'log',
    format: (value) => String(Math.round(value)),
    value: values.W,
    onInput(value) {
      const window = Math.round(value);
      frame.update({ W: window });
      client.update({ window });
    },
  });
  const speed = rateSelect({
    value: values.rate,
    unit: { en: 'sweeps', zh: '次扫描' },
    onChange(value) {
      frame.update({ rate: value });
      client.setRate(rateOf(value));
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed (couplings and replicas)', zh: '随机种子（耦合与副本）' },
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    value: values.seed,
    onChange(value) {
      frame.update({ seed: value });
      configure();
    },
  });
  const buttons = runButtons({
    target: client,
    article: frame.article,
    running: true,
    step: { label: { en: 'One sweep', zh: '单次扫描' }, units: 1 },
    reset: {
      label: { en: 'Restart', zh: '重新开始' },
      run() {
        temperatureSlider.set(values.T);
        configure();
      },
    },
  });
  frame.controls.append(
    sizeSelect.element,
    couplingSelect.element,
    replicaSlider.element,
    ruleSelect.element,
    temperatureSlider.element,
    coolBox.element,
    halvingSlider.element,
    windowSlider.element,
    speed.element,
    seedField.element,
    buttons.element,
  );

  function draw(): void {
    if (last === undefined) return;
    const view = last.frame;
    const { size, replicas, spins } = view;
    // Align every replica to the first by the global flip, so equal valleys look equal.
    const signs = new Int8Array(replicas).fill(1);
    for (let r = 1; r < replicas; r++) {
      let sum = 0;
      for (let i = 0; i < size; i++) sum += spins[i] * spins[r * size + i];
      if (sum < 0) signs[r] = -1;
    }
    const [width, height] = imageShape(size);
    const columns = Math.min(replicas, 4);
    drawTiles(canvas, {
      values: spins,
      count: replicas,
      width,
      height,
      columns,
      cell: Math.max(2, Math.floor(440 / columns / width)),
      gap: 6,
      color: (value, image) => inkColor(value * signs[image] > 0 ? 0 : 1),
    });
    const qs = Array.from({ length: size + 1 }, (_, k) => -1 + (2 * k) / size);
    overlapChart.setData(qs, [view.histogram, view.exact ? view.exact.probabilities : qs.map(() => null)]);
    const reference = view.groundStateEnergyPerSpin ?? PARISI_GROUND_STATE_ENERGY;
    energyChart.setData(history.sweep, [history.energy, history.sweep.map(() => reference)]);
    orderChart.setData(history.sweep, [history.T, history.q2]);
    read.temperature.set(view.temperature);
    read.sweeps.set(view.sweeps);
    read.energy.set(view.energyPerSpin);
    const moments = view.moments;
    if (moments) {
      read.q2.set(moments.secondMoment);
      read.absQ.set(moments.meanAbsolute);
      read.binder.set(moments.binder);
      read.chi.set(moments.susceptibility);
    }
    read.exactQ2.set(view.exact ? view.exact.secondMoment : t({ en: 'N > 20', zh: 'N > 20' }));
    read.flips.set(view.flipRate);
    if (values.rate !== 'max') read.speed.set(`≤ ${values.rate} (${t({ en: 'capped', zh: '已限速' })})`);
    else read.speed.set(last.unitsPerSecond > 0 ? last.unitsPerSecond : '—');
    if (values.cool) temperatureSlider.set(view.temperature);
    frame.article.dataset.sweeps = String(view.sweeps);
    const legend =
      view.groundStateEnergyPerSpin === null ? 'Parisi, N → ∞' : `exact, ${formatValue(reference)}`;
    energyChart.element.dataset.reference = legend;
  }

  const seeded = spinGlassSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () =>
    downloadCanvas(`physml-spin-glass-pq-N${values.N}.png`, overlapChart.canvas),
  );
  frame.addExport('png-replicas', { en: 'Replicas (PNG)', zh: '副本 (PNG)' }, () =>
    downloadCanvas(`physml-spin-glass-replicas-N${values.N}.png`, canvas),
  );
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-spin-glass-pq.svg', overlapChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-spin-glass.json', {
      page: 'spin-glass',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      seededRun: seeded.last?.result ?? null,
      now: last
        ? {
            sweeps: last.frame.sweeps,
            temperature: last.frame.temperature,
            energyPerSpin: last.frame.energyPerSpin,
            overlaps: Array.from({ length: last.frame.size + 1 }, (_, k) => -1 + (2 * k) / last!.frame.size),
            histogram: last.frame.histogram,
            moments: last.frame.moments,
            exact: last.frame.exact,
            groundStateEnergyPerSpin: last.frame.groundStateEnergyPerSpin,
          }
        : null,
      history,
    }),
  );

  configure();
  return {
    destroy() {
      seeded.destroy();
      client.destroy();
      render.cancel();
      overlapChart.destroy();
      energyChart.destroy();
      orderChart.destroy();
    },
  };
}
