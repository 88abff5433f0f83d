/**
 * Hamiltonian neural network against a baseline: two workers train, on the same noisy
 * observations of a pendulum or a spring, an HNN (a learned scalar H_θ whose symplectic
 * gradient is the field) and a plain MLP that outputs the field. Their RK4 rollouts from three
 * test states are drawn in the phase plane over the true level sets and orbits, and the TRUE
 * energy along them shows the HNN conserving it and the baseline drifting (Greydanus et al.
 * 2019: energy MSE, drift, state MSE, from the library's metrics).
 * Below, a seeded run of the `hnn` experiment (seeded.ts) gives exactly the numbers of
 * `physml run` with the same parameters and seed.
 */
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { numberField, readout, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { runButtons } from '../../ui/live-controls.js';
import '../../ui/explorables.css';
import { LiveClient, renderOnce } from '../../workers/live-client.js';
import {
  type HnnFrame,
  type HnnParams,
  ROLLOUTS,
  type RolloutView,
  SYSTEMS,
  type SystemName,
  systemOf,
} from './engine.js';
import { blowUpText, integratorText, trainingDivergenceText } from './explanations.js';
import { drawPortrait, renderPhaseBackground } from './portrait.js';
import { hnnSeededRun, seededSpecs } from './seeded.js';

const specs = {
  system: { kind: 'enum', default: 'pendulum', values: SYSTEMS },
  width: { kind: 'number', default: 32, min: 4, max: 128, integer: true },
  eta: { kind: 'number', default: 0.01, min: 1e-4, max: 0.3 },
  traj: { kind: 'number', default: 15, min: 2, max: 50, integer: true },
  noise: { kind: 'number', default: 0.1, min: 0, max: 0.5 },
  horizon: { kind: 'number', default: 20, min: 1, max: 40 },
  h: { kind: 'number', default: 0.1, min: 0.04, max: 2 },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

const MODELS = ['hnn', 'baseline'] as const;
type ModelName = (typeof MODELS)[number];
const COLORS: Record<ModelName, string> = { hnn: PALETTE.blue, baseline: PALETTE.orange };
const NAMES: Record<ModelName, { en: string; zh: string }> = {
  hnn: { en: 'HNN', zh: 'HNN' },
  baseline: { en: 'baseline MLP', zh: '基线 MLP' },
};
const CANVAS_SIZE = 480;
/** Loss points drawn (the history is thinned to this). */
const LOSS_POINTS = 1000;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'hnn',
    specs,
    equation: String.raw`\dot q = \frac{\partial H_\theta}{\partial p},\quad \dot p = -\frac{\partial H_\theta}{\partial q}\quad\text{(HNN)}\qquad (\dot q, \dot p) = f_\theta(q, p)\quad\text{(baseline)},\qquad L(\theta) = \big\langle \lVert \hat{\dot x}_\theta - \dot x\rVert^2 \big\rangle`,
    equationNote: {
      en: 'Both networks are fitted to the same noisy states x = (q, p) and exact time derivatives ẋ. The HNN learns a scalar H_θ and moves along its symplectic gradient, so its flow conserves H_θ exactly whatever θ is; the baseline outputs the field directly and nothing makes it conserve anything. Pendulum: H = 6(1 − cos q) + p²/2; spring: H = (q² + p²)/2.',
      zh: '两个网络拟合同一组带噪状态 x = (q, p) 与精确时间导数 ẋ。HNN 学习标量 H_θ 并沿其辛梯度运动，因此无论 θ 为何，其流都严格守恒 H_θ；基线直接输出向量场，没有任何机制使它守恒。单摆：H = 6(1 − cos q) + p²/2；弹簧：H = (q² + p²)/2。',
    },
  });
  const values = frame.values;
  let system = systemOf(values.system as SystemName);
  let background = renderPhaseBackground(system, CANVAS_SIZE);
  const state = {
    hnn: {
      loss: [] as number[],
      step: 0,
      rollout: null as RolloutView | null,
      testMse: null as number | null,
      divergence: null as string | null,
    },
    baseline: {
      loss: [] as number[],
      step: 0,
      rollout: null as RolloutView | null,
      testMse: null as number | null,
      divergence: null as string | null,
    },
  };
  let data: Float64Array | null = null;

  const canvas = h('canvas', {
    id: 'hnn-canvas',
    class: 'lattice',
    width: CANVAS_SIZE,
    height: CANVAS_SIZE,
    role: 'img',
    'aria-label': t({
      en: 'Phase plane, q across and p up: level sets of the true H in grey, training states as dots, true orbits dashed, the HNN rollouts in blue and the baseline rollouts in orange.',
      zh: '相平面，横轴 q、纵轴 p：灰色为真实 H 的等值线，点为训练状态，虚线为真实轨道，蓝色为 HNN 的推演轨迹，橙色为基线的推演轨迹。',
    }),
    style: 'image-rendering: auto',
  });
  frame.figures.append(h('div', { class: 'canvas-frame' }, canvas));
  const charts = h('div', { class: 'chart-stack' });
  frame.figures.append(charts);
  const energyChart = new LineChart(charts, {
    name: 'energy',
    title: { en: 'True energy along the first rollout', zh: '第一条推演轨迹上的真实能量' },
    xLabel: { en: 'time t', zh: '时间 t' },
    yLabel: { en: 'H(q, p)', zh: 'H(q, p)' },
    series: [
      { label: { en: 'true orbit', zh: '真实轨道' }, color: PALETTE.black, dash: [6, 4] },
      { label: NAMES.hnn, color: COLORS.hnn },
      { label: NAMES.baseline, color: COLORS.baseline },
    ],
    height: 190,
  });
  const lossChart = new LineChart(charts, {
    name: 'loss',
    title: { en: 'Training loss', zh: '训练损失' },
    xLabel: { en: 'Adam step', zh: 'Adam 步数' },
    yLabel: { en: 'L(θ)', zh: 'L(θ)' },
    series: [
      { label: NAMES.hnn, color: COLORS.hnn },
      { label: NAMES.baseline, color: COLORS.baseline },
    ],
    logY: true,
    height: 190,
  });
  const read: Record<string, ReturnType<typeof readout>> = {};
  for (const model of MODELS) {
    const name = NAMES[model];
    read[`${model}-step`] = readout(`${model}-step`, { en: `${name.en}: steps`, zh: `${name.zh}：步数` });
    read[`${model}-loss`] = readout(`${model}-loss`, { en: `${name.en}: loss`, zh: `${name.zh}：损失` });
    read[`${model}-test-mse`] = readout(`${model}-test-mse`, {
      en: `${name.en}: test field MSE`,
      zh: `${name.zh}：测试向量场 MSE`,
    });
    read[`${model}-energy-mse`] = readout(`${model}-energy-mse`, {
      en: `${name.en}: energy MSE`,
      zh: `${name.zh}：能量 MSE`,
    });
    read[`${model}-drift`] = readout(`${model}-drift`, {
      en: `${name.en}: energy drift |H(T) − H(0)|`,
      zh: `${name.zh}：能量漂移 |H(T) − H(0)|`,
    });
    read[`${model}-state-mse`] = readout(`${model}-state-mse`, {
      en: `${name.en}: state MSE`,
      zh: `${name.zh}：状态 MSE`,
    });
  }
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const engineParams = (model: ModelName): HnnParams => ({
    system: values.system as SystemName,
    model,
    width: values.width,
    learningRate: values.eta,
    trajectories: values.traj,
    noise: values.noise,
    horizon: values.horizon,
    stepSize: values.h,
    seed: values.seed,
  });

  const render = renderOnce(draw);
  const clients = Object.fromEntries(
    MODELS.map((model) => {
      const worker = new Worker(new URL('./hnn.worker.ts', import.meta.url), { type: 'module' });
      const client = new LiveClient<HnnParams, HnnFrame>(worker, {
        frame(message) {
          const view = message.frame;
          const own = state[model];
          for (let i = 0; i < view.losses.length; i++) own.loss[view.lossSteps[i]] = view.losses[i];
          own.step = view.step;
          if (view.rollout) own.rollout = view.rollout;
          own.testMse = view.testMse;
          own.divergence = view.divergence;
          if (view.data) data = view.data;
          render.request();
        },
        error(message) {
          frame.notice(
            `worker-${model}`,
            'error',
            `${t(NAMES[model])}: ${t({ en: 'training stopped:', zh: '训练已停止：' })} ${message}`,
          );
        },
      });
      return [model, client];
    }),
  ) as Record<ModelName, LiveClient<HnnParams, HnnFrame>>;
  const both = {
    setRunning(running: boolean) {
      for (const model of MODELS) clients[model].setRunning(running);
    },
    advance(units: number) {
      for (const model of MODELS) clients[model].advance(units);
    },
  };

  function configure(): void {
    for (const model of MODELS) {
      Object.assign(state[model], { loss: [], step: 0, rollout: null, testMse: null, divergence: null });
      frame.notice(`worker-${model}`, 'error', null);
      clients[model].configure(engineParams(model), { running: buttons.running });
    }
    data = null;
    buttons.halted(null);
  }
  const integratorNotice = () => {
    const text = integratorText(values.system as SystemName, values.h);
    frame.notice('integrator', text?.kind ?? 'info', text ? t(text.text) : null);
  };

  const liveUpdate = (patch: Partial<HnnParams>) => {
    for (const model of MODELS) clients[model].update(patch);
  };

  const systemSelect = select({
    name: 'system',
    label: { en: 'System', zh: '系统' },
    options: [
      {
        value: 'pendulum',
        label: { en: 'Pendulum, H = 6(1 − cos q) + p²/2', zh: '单摆，H = 6(1 − cos q) + p²/2' },
      },
      { value: 'spring', label: { en: 'Mass-spring, H = (q² + p²)/2', zh: '弹簧振子，H = (q² + p²)/2' } },
    ],
    value: values.system,
    onChange(value) {
      frame.update({ system: value });
      system = systemOf(value as SystemName);
      background = renderPhaseBackground(system, CANVAS_SIZE);
      integratorNotice();
      configure();
    },
  });
  const widthSlider = slider({
    name: 'width',
    label: { en: 'Hidden width (two layers; new networks)', zh: '隐藏层宽度（两层；重新建网）' },
    min: 4,
    max: 128,
    step: 1,
    value: values.width,
    onInput(value) {
      frame.update({ width: value });
      configure();
    },
  });
  const etaSlider = slider({
    name: 'eta',
    label: { en: 'Adam learning rate η', zh: 'Adam 学习率 η' },
    min: 1e-4,
    max: 0.3,
    scale: 'log',
    value: values.eta,
    onInput(value) {
      frame.update({ eta: value });
      liveUpdate({ learningRate: value });
    },
  });
  const trajectorySlider = slider({
    name: 'traj',
    label: {
      en: 'Training trajectories (30 states each; new data)',
      zh: '训练轨迹数（每条 30 个状态；重新生成数据）',
    },
    min: 2,
    max: 50,
    step: 1,
    value: values.traj,
    onInput(value) {
      frame.update({ traj: value });
      configure();
    },
  });
  const noiseSlider = slider({
    name: 'noise',
    label: { en: 'Observation noise σ (new data)', zh: '观测噪声 σ（重新生成数据）' },
    min: 0,
    max: 0.5,
    step: 0.01,
    value: values.noise,
    onInput(value) {
      frame.update({ noise: value });
      configure();
    },
  });
  const horizonSlider = slider({
    name: 'horizon',
    label: { en: 'Rollout time T', zh: '推演时长 T' },
    min: 1,
    max: 40,
    step: 1,
    value: values.horizon,
    onInput(value) {
      frame.update({ horizon: value });
      liveUpdate({ horizon: value });
    },
  });
  const stepSlider = slider({
    name: 'h',
    label: { en: 'Rollout RK4 step h', zh: '推演 RK4 步长 h' },
    min: 0.04,
    max: 2,
    scale: 'log',
    value: values.h,
    onInput(value) {
      frame.update({ h: value });
      liveUpdate({ stepSize: value });
      integratorNotice();
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed (data, initial weights)', zh: '随机种子（数据、初始权重）' },
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
    target: both,
    article: frame.article,
    running: true,
    step: { label: { en: 'One step', zh: '单步' }, units: 1 },
    reset: { label: { en: 'New networks', zh: '重新建网' }, run: () => configure() },
  });
  frame.controls.append(
    systemSelect.element,
    widthSlider.element,
    etaSlider.element,
    trajectorySlider.element,
    noiseSlider.element,
    horizonSlider.element,
    stepSlider.element,
    seedField.element,
    buttons.element,
  );

  function draw(): void {
    const hnn = state.hnn.rollout;
    const baseline = state.baseline.rollout;
    const reference = hnn ?? baseline;
    const paths = [];
    if (reference) {
      paths.push({
        states: reference.reference,
        trajectories: ROLLOUTS,
        color: PALETTE.black,
        dash: [5, 4],
        width: 1.5,
      });
    }
    if (baseline) paths.push({ states: baseline.states, trajectories: ROLLOUTS, color: COLORS.baseline });
    if (hnn) paths.push({ states: hnn.states, trajectories: ROLLOUTS, color: COLORS.hnn });
    drawPortrait(canvas, system, background, data, paths, [
      { label: t({ en: 'true orbit', zh: '真实轨道' }), color: PALETTE.black, dash: [5, 4] },
      { label: t(NAMES.hnn), color: COLORS.hnn },
      { label: t(NAMES.baseline), color: COLORS.baseline },
    ]);
    // Energy along trajectory 0 (every ROLLOUTS-th entry).
    const firstOf = (energies: Float64Array | undefined, frames: number) =>
      Array.from({ length: frames }, (_, f) => (energies ? energies[f * ROLLOUTS] : null));
    if (reference) {
      const frames = reference.times.length;
      const aligned = (view: RolloutView | null) =>
        view && view.times.length === frames ? view.energies : undefined;
      energyChart.setData(reference.times, [
        firstOf(reference.referenceEnergies, frames),
        firstOf(aligned(hnn), frames),
        firstOf(aligned(baseline), frames),
      ]);
    }
    const longest = Math.max(state.hnn.loss.length, state.baseline.loss.length);
    const stride = Math.max(1, Math.ceil(longest / LOSS_POINTS));
    const steps: number[] = [];
    for (let s = 0; s < longest; s += stride) steps.push(s);
    lossChart.setData(
      steps,
      MODELS.map((model) => steps.map((s) => state[model].loss[s] ?? null)),
    );
    const explanations: string[] = [];
    for (const model of MODELS) {
      const own = state[model];
      read[`${model}-step`].set(own.step);
      const lastLoss = own.loss[own.loss.length - 1];
      if (lastLoss !== undefined) read[`${model}-loss`].set(lastLoss);
      if (own.testMse !== null) read[`${model}-test-mse`].set(own.testMse);
      if (own.rollout) {
        read[`${model}-energy-mse`].set(own.rollout.energyMse);
        read[`${model}-drift`].set(own.rollout.energyDrift);
        read[`${model}-state-mse`].set(own.rollout.stateMse);
        if (own.rollout.blowUp !== null) {
          explanations.push(t(blowUpText(NAMES[model], own.rollout.blowUp, values.h)));
        }
      }
      if (own.divergence) {
        explanations.push(t(trainingDivergenceText(NAMES[model], own.divergence, values.eta)));
      }
    }
    const text = explanations.length > 0 ? explanations.join(' ') : null;
    frame.notice('divergence', 'error', text);
    energyChart.explain(text);
    buttons.halted(state.hnn.divergence || state.baseline.divergence ? 'diverged' : null);
    frame.article.dataset.steps = String(Math.min(state.hnn.step, state.baseline.step));
  }

  const seeded = hnnSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas(`physml-hnn-${values.system}-phase.png`, canvas));
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-hnn-energy.svg', energyChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-hnn.json', {
      page: 'hnn',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      seededRun: seeded.last?.result ?? null,
      models: Object.fromEntries(
        MODELS.map((model) => [
          model,
          {
            steps: state[model].step,
            losses: state[model].loss,
            testFieldMse: state[model].testMse,
            rollout: state[model].rollout,
            divergence: state[model].divergence,
          },
        ]),
      ),
    }),
  );

  integratorNotice();
  configure();
  return {
    destroy() {
      seeded.destroy();
      for (const model of MODELS) clients[model].destroy();
      render.cancel();
      energyChart.destroy();
      lossChart.destroy();
    },
  };
}
