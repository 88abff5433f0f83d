/**
 * Physics-informed network on the heat equation: a worker (engine.ts) trains u_θ(x, t) on the
 * library's `heat1d` loss, Adam first and L-BFGS after the switch step, and the page shows the
 * prediction, the exact solution and their difference while it trains, with the loss (Adam
 * and L-BFGS in two colours) and the error against the exact solution.
 * Below, a seeded run of the `pinn-heat` experiment (seeded.ts) gives exactly the numbers of
 * `physml run` with the same parameters and seed.
 */
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { button, numberField, readout, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { runButtons } from '../../ui/live-controls.js';
import '../../ui/explorables.css';
import { LiveClient, renderOnce } from '../../workers/live-client.js';
import type { LiveFrameMessage } from '../../workers/live-protocol.js';
import { GRID, type PinnFrame, type PinnParams } from './engine.js';
import { drawMaps, MAPS_HEIGHT, MAPS_WIDTH } from './maps.js';
import { pinnSeededRun, seededSpecs } from './seeded.js';

const specs = {
  k: { kind: 'number', default: 0.2, min: 0.01, max: 2 },
  width: { kind: 'number', default: 16, min: 4, max: 48, integer: true },
  depth: { kind: 'number', default: 2, min: 1, max: 4, integer: true },
  eta: { kind: 'number', default: 0.01, min: 1e-4, max: 1 },
  switch: { kind: 'number', default: 300, min: 0, max: 10_000, integer: true },
  lbfgs: { kind: 'number', default: 500, min: 0, max: 10_000, integer: true },
  points: { kind: 'number', default: 256, min: 16, max: 2048, integer: true },
  sampling: { kind: 'enum', default: 'latin-hypercube', values: ['latin-hypercube', 'uniform'] },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

/** Points kept on the charts (the history is thinned beyond). */
const HISTORY = 3000;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'pinn',
    specs,
    equation: String.raw`u_t = k\,u_{xx}\ \text{on}\ [0,1]^2,\quad u(0,t) = u(1,t) = 0,\quad u(x,0) = \sin \pi x;\qquad L(\theta) = \overline{(\partial_t u_\theta - k\,\partial_{xx} u_\theta)^2} + \overline{u_\theta^2}\big|_{x=0,1} + \overline{(u_\theta - \sin\pi x)^2}\big|_{t=0}`,
    equationNote: {
      en: 'The network u_θ(x, t) is never shown the solution: the loss asks only that it satisfy the PDE at random interior points and the conditions on the boundary and at t = 0 (derivatives by Taylor-mode autodiff). The exact solution u = e^{−kπ²t} sin πx is the check. Adam explores; L-BFGS, on the same points, converges fast once near a minimum.',
      zh: '网络 u_θ(x, t) 从未见过解：损失只要求它在随机内部点上满足偏微分方程，并在边界与 t = 0 处满足条件（导数由 Taylor 模式自动微分计算）。精确解 u = e^{−kπ²t} sin πx 用于检验。Adam 负责探索；L-BFGS 在同一组点上，一旦接近极小值便快速收敛。',
    },
  });
  const values = frame.values;
  const worker = new Worker(new URL('./pinn.worker.ts', import.meta.url), { type: 'module' });
  let last: LiveFrameMessage<PinnFrame> | undefined;
  let interiorPoints: Float64Array | null = null;
  const history = {
    step: [] as number[],
    adam: [] as (number | null)[],
    lbfgs: [] as (number | null)[],
  };
  const errors = { step: [] as number[], relativeL2: [] as number[], maxError: [] as number[] };

  const canvas = h('canvas', {
    id: 'pinn-canvas',
    class: 'field-map',
    width: MAPS_WIDTH,
    height: MAPS_HEIGHT,
    role: 'img',
    'aria-label': t({
      en: 'Three maps over x (across) and t (up): the network’s prediction, the exact solution, and their difference (red above, blue below the exact value); white dots mark the interior collocation points.',
      zh: '三幅以 x（横轴）与 t（纵轴）为坐标的图：网络预测、精确解及二者之差（红色偏高，蓝色偏低）；白点为内部配点。',
    }),
  });
  frame.figures.append(h('div', { class: 'canvas-frame wide-figure' }, canvas));
  const lossChart = new LineChart(frame.figures, {
    name: 'loss',
    title: { en: 'Loss L(θ)', zh: '损失 L(θ)' },
    xLabel: { en: 'step', zh: '步数' },
    yLabel: { en: 'L(θ)', zh: 'L(θ)' },
    series: [
      { label: 'Adam', color: PALETTE.blue },
      { label: 'L-BFGS', color: PALETTE.red },
    ],
    logY: true,
    height: 200,
  });
  const errorChart = new LineChart(frame.figures, {
    name: 'error',
    title: { en: 'Error against the exact solution', zh: '相对精确解的误差' },
    xLabel: { en: 'step', zh: '步数' },
    yLabel: { en: 'error', zh: '误差' },
    series: [
      { label: { en: 'relative L2', zh: '相对 L2' }, color: PALETTE.green },
      { label: { en: 'max |u_θ − u|', zh: '最大 |u_θ − u|' }, color: PALETTE.purple },
    ],
    logY: true,
    height: 200,
  });
  const read = {
    step: readout('step', { en: 'step', zh: '步数' }),
    phase: readout('phase', { en: 'optimizer', zh: '优化器' }),
    loss: readout('loss', { en: 'loss L(θ)', zh: '损失 L(θ)' }),
    residual: readout('residual', { en: 'PDE residual²', zh: 'PDE 残差²' }),
    boundary: readout('boundary', { en: 'boundary misfit²', zh: '边界误差²' }),
    initial: readout('initial', { en: 'initial misfit²', zh: '初值误差²' }),
    relativeL2: readout('relative-l2', { en: 'relative L2 error', zh: '相对 L2 误差' }),
    maxError: readout('max-error', { en: 'max |u_θ − u|', zh: '最大 |u_θ − u|' }),
    speed: readout('steps-per-second', { en: 'steps per second', zh: '每秒步数' }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const engineParams = (): PinnParams => ({
    conductivity: values.k,
    width: values.width,
    depth: values.depth,
    learningRate: values.eta,
    adamSteps: values.switch,
    lbfgsSteps: values.lbfgs,
    interior: values.points,
    sampling: values.sampling as PinnParams['sampling'],
    seed: values.seed,
  });

  const render = renderOnce(draw);
  const client = new LiveClient<PinnParams, PinnFrame>(worker, {
    frame(message) {
      last = message;
      const view = message.frame;
      for (let i = 0; i < view.steps.length; i++) {
        const lbfgs = view.phases[i] === 1;
        // The L-BFGS curve starts from the last Adam point, so the two join at the switch.
        const previous = history.step.length - 1;
        if (lbfgs && previous >= 0 && history.lbfgs[previous] === null)
          history.lbfgs[previous] = history.adam[previous];
        history.step.push(view.steps[i]);
        history.adam.push(lbfgs ? null : view.losses[i]);
        history.lbfgs.push(lbfgs ? view.losses[i] : null);
      }
      if (errors.step.length === 0 || view.step > errors.step[errors.step.length - 1]) {
        errors.step.push(view.step);
        errors.relativeL2.push(view.relativeL2);
        errors.maxError.push(view.maxError);
      }
      for (const series of [history, errors]) {
        const excess = series.step.length - HISTORY;
        if (excess > 0) for (const list of Object.values(series)) list.splice(0, excess);
      }
      if (view.points) interiorPoints = view.points.interior;
      buttons.halted(view.divergence ? 'diverged' : view.finished ? 'finished' : null);
      render.request();
    },
    error(message) {
      frame.notice('worker', 'error', `${t({ en: 'Training stopped:', zh: '训练已停止：' })} ${message}`);
    },
  });

  function configure(): void {
    for (const series of [history, errors]) for (const list of Object.values(series)) list.length = 0;
    last = undefined;
    frame.notice('worker', 'error', null);
    buttons.halted(null);
    client.configure(engineParams(), { running: buttons.running });
  }

  const conductivitySlider = slider({
    name: 'k',
    label: { en: 'Conductivity k (the PDE changes; θ is kept)', zh: '热导率 k（方程改变；保留 θ）' },
    min: 0.01,
    max: 2,
    scale: 'log',
    value: values.k,
    onInput(value) {
      frame.update({ k: value });
      client.update({ conductivity: value });
    },
  });
  const widthSlider = slider({
    name: 'width',
    label: { en: 'Width (new network)', zh: '宽度（新网络）' },
    min: 4,
    max: 48,
    step: 1,
    value: values.width,
    onInput(value) {
      frame.update({ width: value });
      configure();
    },
  });
  const depthSlider = slider({
    name: 'depth',
    label: { en: 'Hidden layers (new network)', zh: '隐藏层数（新网络）' },
    min: 1,
    max: 4,
    step: 1,
    value: values.depth,
    onInput(value) {
      frame.update({ depth: value });
      configure();
    },
  });
  const etaSlider = slider({
    name: 'eta',
    label: { en: 'Adam learning rate η', zh: 'Adam 学习率 η' },
    min: 1e-4,
    max: 1,
    scale: 'log',
    value: values.eta,
    onInput(value) {
      frame.update({ eta: value });
      client.update({ learningRate: value });
    },
  });
  const switchSlider = slider({
    name: 'switch',
    label: { en: 'Switch to L-BFGS at step', zh: '在第几步切换到 L-BFGS' },
    min: 0,
    max: 10_000,
    step: 1,
    value: values.switch,
    onInput(value) {
      frame.update({ switch: value });
      client.update({ adamSteps: value });
    },
  });
  const lbfgsSlider = slider({
    name: 'lbfgs',
    label: { en: 'L-BFGS steps', zh: 'L-BFGS 步数' },
    min: 0,
    max: 10_000,
    step: 1,
    value: values.lbfgs,
    onInput(value) {
      frame.update({ lbfgs: value });
      client.update({ lbfgsSteps: value });
    },
  });
  const pointsSlider = slider({
    name: 'points',
    label: { en: 'Interior collocation points', zh: '内部配点数' },
    min: 16,
    max: 2048,
    scale: 'log',
    format: (value) => String(Math.round(value)),
    value: values.points,
    onInput(value) {
      const points = Math.round(value);
      frame.update({ points });
      client.update({ interior: points });
    },
  });
  const samplingSelect = select({
    name: 'sampling',
    label: { en: 'Point sampling', zh: '配点采样' },
    options: [
      { value: 'latin-hypercube', label: { en: 'Latin hypercube', zh: '拉丁超立方' } },
      { value: 'uniform', label: { en: 'Uniform random', zh: '均匀随机' } },
    ],
    value: values.sampling,
    onChange(value) {
      frame.update({ sampling: value });
      client.update({ sampling: value as PinnParams['sampling'] });
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed (weights, points)', zh: '随机种子（权重、配点）' },
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    value: values.seed,
    onChange(value) {
      frame.update({ seed: value });
      configure();
    },
  });
  const switchButton = button('switch-now', { en: 'Switch to L-BFGS now', zh: '立即切换到 L-BFGS' }, () => {
    const step = last?.frame.step ?? 0;
    if (step >= values.switch) return;
    switchSlider.set(step);
    frame.update({ switch: step });
    client.action('switch');
  });
  const buttons = runButtons({
    target: client,
    article: frame.article,
    running: true,
    step: { label: { en: 'One step', zh: '单步' }, units: 1 },
    reset: { label: { en: 'New network', zh: '新网络' }, run: () => configure() },
  });
  frame.controls.append(
    conductivitySlider.element,
    widthSlider.element,
    depthSlider.element,
    etaSlider.element,
    switchSlider.element,
    switchButton,
    lbfgsSlider.element,
    pointsSlider.element,
    samplingSelect.element,
    seedField.element,
    buttons.element,
  );

  function draw(): void {
    if (last === undefined) return;
    const view = last.frame;
    drawMaps(canvas, {
      grid: GRID,
      prediction: view.prediction,
      exact: view.exact,
      titles: [
        t({ en: 'network u_θ', zh: '网络 u_θ' }),
        t({ en: 'exact u', zh: '精确解 u' }),
        t({ en: 'error u_θ − u', zh: '误差 u_θ − u' }),
      ],
      points: interiorPoints,
    });
    const lossGaps = lossChart.setData(history.step, [history.adam, history.lbfgs]);
    errorChart.setData(errors.step, [errors.relativeL2, errors.maxError]);
    read.step.set(view.step);
    read.phase.set(view.phase === 'adam' ? 'Adam' : 'L-BFGS');
    read.loss.set(view.loss);
    if (view.terms) {
      read.residual.set(view.terms.residual ?? Number.NaN);
      read.boundary.set(view.terms.boundary ?? Number.NaN);
      read.initial.set(view.terms.initial ?? Number.NaN);
    }
    read.relativeL2.set(view.relativeL2);
    read.maxError.set(view.maxError);
    read.speed.set(last.unitsPerSecond > 0 ? last.unitsPerSecond : '—');
    frame.article.dataset.step = String(view.step);
    if (view.divergence) {
      const text = `${t({
        en: 'Training diverged — the loss or the weights left every finite range, so the curves end there. The library says:',
        zh: '训练发散——损失或权重超出了有限范围，曲线在此终止。库的说明：',
      })} ${view.divergence}. ${t({
        en: 'Lower the learning rate η and start a new network.',
        zh: '请降低学习率 η 并新建网络。',
      })}`;
      frame.notice('divergence', 'error', text);
      lossChart.explain(text);
    } else {
      frame.notice('divergence', 'error', null);
      lossChart.explain(lossGaps > 0 ? t('noFiniteData') : null);
    }
    frame.notice(
      'finished',
      'info',
      view.finished === null
        ? null
        : view.finished === 'finished'
          ? t({
              en: `Finished: Adam ran ${values.switch} steps, then L-BFGS ${values.lbfgs}. Raise the L-BFGS steps and press Run to go on.`,
              zh: `已完成：Adam 运行 ${values.switch} 步后，L-BFGS 运行 ${values.lbfgs} 步。提高 L-BFGS 步数并按“运行”可继续。`,
            })
          : `${t({ en: 'Stopped:', zh: '已停止：' })} ${view.finished}. ${t({
              en: 'L-BFGS found no step that lowers the loss further: at this precision it has converged.',
              zh: 'L-BFGS 找不到能进一步降低损失的步长：在此精度下已收敛。',
            })}`,
    );
  }

  const seeded = pinnSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas(`physml-pinn-heat-k${values.k}.png`, canvas));
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-pinn-loss.svg', lossChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-pinn.json', {
      page: 'pinn',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      seededRun: seeded.last?.result ?? null,
      grid: { points: GRID, x: 'i / (G − 1)', t: 'j / (G − 1)', layout: 't-major' },
      now: last
        ? {
            step: last.frame.step,
            phase: last.frame.phase,
            loss: last.frame.loss,
            terms: last.frame.terms,
            relativeL2: last.frame.relativeL2,
            maxError: last.frame.maxError,
            prediction: last.frame.prediction,
            exact: last.frame.exact,
          }
        : null,
      history,
      errors,
    }),
  );

  configure();
  return {
    destroy() {
      seeded.destroy();
      client.destroy();
      render.cancel();
      lossChart.destroy();
      errorChart.destroy();
    },
  };
}
