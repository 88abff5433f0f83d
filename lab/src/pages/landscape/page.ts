/**
 * Landscapes and dynamics: a ball rolling, ringing, sampling or diverging on a 2-D energy.
 * Every slider acts while the ball moves. On the quadratic the stability bound of the chosen
 * method (2/λmax for gradient descent) is drawn on the step-size slider; elsewhere the bound at
 * the stiffest minimum is. A divergence stops the ball and shows the library's explanation.
 * Below, a seeded run of the `momentum` experiment (seeded.ts) gives exactly the numbers of
 * `physml run` with the same parameters and seed.
 */
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { animationLoop } from '../../ui/animation.js';
import { button, numberField, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { renderMath } from '../../ui/math.js';
import {
  HMC_MIN_TEMPERATURE,
  isSampler,
  type LiveParameters,
  METHOD_LABELS,
  METHOD_NAMES,
  type MethodName,
  Walker,
} from './dynamics.js';
import { EQUATIONS, stabilityMark, stabilityNotice } from './formulas.js';
import { projection, renderLandscape } from './heatmap.js';
import { RunReport } from './report.js';
import { drawScene } from './scene.js';
import { landscapeSeededRun, seededSpecs } from './seeded.js';
import { makeSurface, SURFACE_NAMES, type Surface, type SurfaceName } from './surfaces.js';

const specs = {
  surface: { kind: 'enum', default: 'quadratic', values: SURFACE_NAMES },
  method: { kind: 'enum', default: 'gd', values: METHOD_NAMES },
  eta: { kind: 'number', default: 0.1, min: 1e-5, max: 2 },
  beta: { kind: 'number', default: 0.9, min: 0, max: 0.999 },
  T: { kind: 'number', default: 0.1, min: 0, max: 5 },
  leapfrog: { kind: 'number', default: 10, min: 1, max: 100, integer: true },
  kappa: { kind: 'number', default: 10, min: 1, max: 1000 },
  x0: { kind: 'number', default: -2.5, min: -10, max: 10 },
  y0: { kind: 'number', default: 2.2, min: -10, max: 10 },
  speed: { kind: 'number', default: 2, min: 1, max: 500, integer: true },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

const CANVAS_SIZE = 480;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'landscape',
    specs,
    equation: EQUATIONS.gd,
    equationNote: {
      en: 'U is the loss (the energy), η the step size (learning rate), β the momentum, T the temperature: T = 0 descends, T > 0 samples exp(−U/T). On a quadratic, gradient descent is stable iff η < 2/λmax (λmax the largest Hessian eigenvalue); HMC takes L leapfrog steps of size ε, then accepts or rejects.',
      zh: 'U 是损失（能量），η 是步长（学习率），β 是动量，T 是温度：T = 0 时下降，T > 0 时按 exp(−U/T) 采样。在二次型上，梯度下降稳定当且仅当 η < 2/λmax（λmax 为 Hessian 最大特征值）；HMC 以步长 ε 走 L 步蛙跳，然后接受或拒绝。',
    },
  });
  const values = frame.values;
  let surface: Surface = makeSurface(values.surface as SurfaceName, values.kappa, values.seed);
  // A link that names a landscape but no start or step size gets that landscape's own.
  if (!context.query.has('x0') || !context.query.has('y0')) {
    frame.update({ x0: surface.start[0], y0: surface.start[1] });
  }
  if (!context.query.has('eta')) frame.update({ eta: surface.suggestedStepSize });
  const live: LiveParameters = {
    stepSize: values.eta,
    momentum: values.beta,
    temperature: values.T,
    leapfrogSteps: values.leapfrog,
  };
  let background = renderLandscape(surface, CANVAS_SIZE);
  let walker: Walker;
  let userPaused = false;

  // Figure: the canvas and the energy chart.
  const canvas = h('canvas', {
    id: 'landscape-canvas',
    width: CANVAS_SIZE,
    height: CANVAS_SIZE,
    role: 'img',
    tabindex: 0,
    'aria-label': t({
      en: 'The energy landscape as a heat map with contours, and the path of the ball. Click to start the ball there, or move its start with the arrow keys.',
      zh: '能量景观的热图与等高线，以及小球的路径。点击可让小球从该处出发，或用方向键移动起点。',
    }),
  });
  const drawing = canvas.getContext('2d') as CanvasRenderingContext2D;
  frame.figures.append(h('div', { class: 'canvas-frame' }, canvas));
  const report = new RunReport(frame);

  // Controls.
  const surfaceSelect = select({
    name: 'surface',
    label: { en: 'Landscape', zh: '能量景观' },
    options: SURFACE_NAMES.map((name) => ({ value: name, label: makeSurfaceLabel(name) })),
    value: values.surface,
    onChange(value) {
      const next = makeSurface(value as SurfaceName, values.kappa, values.seed);
      frame.update({ surface: value, x0: next.start[0], y0: next.start[1], eta: next.suggestedStepSize });
      etaSlider.set(values.eta);
      live.stepSize = values.eta;
      xField.input.value = String(values.x0);
      yField.input.value = String(values.y0);
      rebuildSurface();
    },
  });
  const methodSelect = select({
    name: 'method',
    label: { en: 'Dynamics', zh: '动力学' },
    options: METHOD_NAMES.map((name) => ({ value: name, label: METHOD_LABELS[name] })),
    value: values.method,
    onChange(value) {
      frame.update({ method: value });
      restart();
    },
  });
  const etaSlider = slider({
    name: 'eta',
    label: { en: 'Step size η (ε for HMC)', zh: '步长 η（HMC 为 ε）' },
    min: 1e-5,
    max: 2,
    scale: 'log',
    value: values.eta,
    onInput(value) {
      frame.update({ eta: value });
      live.stepSize = value;
      parametersChanged();
    },
  });
  const betaSlider = slider({
    name: 'beta',
    label: { en: 'Momentum β', zh: '动量 β' },
    min: 0,
    max: 0.999,
    step: 0.001,
    value: values.beta,
    onInput(value) {
      frame.update({ beta: value });
      live.momentum = value;
      parametersChanged();
    },
  });
  const temperatureSlider = slider({
    name: 'T',
    label: { en: 'Temperature T', zh: '温度 T' },
    min: 0,
    max: 5,
    step: 0.01,
    value: values.T,
    onInput(value) {
      frame.update({ T: value });
      live.temperature = value;
      parametersChanged();
    },
  });
  const leapfrogSlider = slider({
    name: 'leapfrog',
    label: { en: 'Leapfrog steps L (HMC)', zh: '蛙跳步数 L（HMC）' },
    min: 1,
    max: 100,
    step: 1,
    value: values.leapfrog,
    onInput(value) {
      frame.update({ leapfrog: value });
      live.leapfrogSteps = value;
      parametersChanged();
    },
  });
  const kappaSlider = slider({
    name: 'kappa',
    label: { en: 'Condition number κ (quadratic)', zh: '条件数 κ（二次型）' },
    min: 1,
    max: 1000,
    scale: 'log',
    value: values.kappa,
    onInput(value) {
      frame.update({ kappa: value });
      rebuildSurface();
    },
  });
  const speedSlider = slider({
    name: 'speed',
    label: { en: 'Steps per frame', zh: '每帧步数' },
    min: 1,
    max: 500,
    scale: 'log',
    format: (value) => String(Math.round(value)),
    value: values.speed,
    onInput(value) {
      frame.update({ speed: Math.max(1, Math.round(value)) });
    },
  });
  const xField = numberField({
    name: 'x0',
    label: { en: 'Start x', zh: '起点 x' },
    min: -10,
    max: 10,
    value: values.x0,
    onChange(value) {
      frame.update({ x0: value });
      restart();
    },
  });
  const yField = numberField({
    name: 'y0',
    label: { en: 'Start y', zh: '起点 y' },
    min: -10,
    max: 10,
    value: values.y0,
    onChange(value) {
      frame.update({ y0: value });
      restart();
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed', zh: '随机种子' },
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    value: values.seed,
    onChange(value) {
      frame.update({ seed: value });
      rebuildSurface();
    },
  });
  const runButton = button('run', t('pause'), () => {
    userPaused = loop.running;
    if (loop.running) loop.stop();
    else if (walker.divergence || walker.converged) restart();
    else loop.start();
    syncState();
  });
  const resetButton = button('reset', { en: 'Reset', zh: '重置' }, () => restart());
  frame.controls.append(
    surfaceSelect.element,
    methodSelect.element,
    etaSlider.element,
    betaSlider.element,
    temperatureSlider.element,
    leapfrogSlider.element,
    kappaSlider.element,
    speedSlider.element,
    h('div', { class: 'control-row' }, xField.element, yField.element),
    seedField.element,
    h('div', { class: 'control-row buttons' }, runButton, resetButton),
  );

  function makeSurfaceLabel(name: SurfaceName) {
    return makeSurface(name, 10, 1).label;
  }

  const equationHolder = frame.article.querySelector('.equation-body') as HTMLElement;
  function showEquation(): void {
    renderMath(equationHolder, `${EQUATIONS[values.method as MethodName]}\\qquad ${surface.tex}`);
  }

  function syncControls(): void {
    const method = values.method as MethodName;
    betaSlider.setDisabled(method !== 'heavy-ball' && method !== 'nesterov');
    temperatureSlider.setDisabled(!isSampler(method));
    leapfrogSlider.setDisabled(method !== 'hmc');
    kappaSlider.setDisabled(surface.name !== 'quadratic');
    const mark = stabilityMark(method, surface.largestCurvature, values.beta);
    etaSlider.setMarks(mark ? [mark] : []);
    const notice = stabilityNotice(surface, method, values.eta, values.beta);
    frame.notice('stability', notice.kind, notice.text);
    if (method === 'hmc' && values.T < HMC_MIN_TEMPERATURE) {
      frame.notice(
        'temperature',
        'info',
        t({
          en: `HMC samples exp(−U/T) and needs T > 0: it runs at T = ${HMC_MIN_TEMPERATURE}.`,
          zh: `HMC 对 exp(−U/T) 采样，需要 T > 0：此处以 T = ${HMC_MIN_TEMPERATURE} 运行。`,
        }),
      );
    } else frame.notice('temperature', 'info', null);
  }

  function syncState(): void {
    const state = walker.divergence
      ? 'diverged'
      : walker.converged
        ? 'converged'
        : loop.running
          ? 'running'
          : 'paused';
    frame.article.dataset.state = state;
    runButton.textContent = loop.running ? t('pause') : t('run');
  }

  function parametersChanged(): void {
    syncControls();
    if (walker.divergence || walker.converged) {
      // A new setting after a divergence is a new attempt from the start.
      restart();
      return;
    }
    walker.rebuild();
  }

  function rebuildSurface(): void {
    surface = makeSurface(values.surface as SurfaceName, values.kappa, values.seed);
    background = renderLandscape(surface, CANVAS_SIZE);
    restart();
  }

  function restart(): void {
    walker = new Walker(
      surface.energy,
      values.method as MethodName,
      [values.x0, values.y0],
      live,
      values.seed,
    );
    frame.notice('divergence', 'error', null);
    report.chart.explain(null);
    syncControls();
    showEquation();
    draw();
    if (!userPaused) loop.start();
    syncState();
  }

  function draw(): void {
    drawScene(drawing, background, surface, walker);
    updateNumbers();
  }

  function updateNumbers(): void {
    report.update(walker, surface, values.method as MethodName);
  }

  const loop = animationLoop(frame.article, () => {
    walker.advance(values.speed);
    draw();
    if (walker.divergence || walker.converged) {
      loop.stop();
      syncState();
      return false;
    }
    return undefined;
  });

  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const [x, y] = projection(surface, CANVAS_SIZE).toPlane(
      ((event.clientX - box.left) / box.width) * CANVAS_SIZE,
      ((event.clientY - box.top) / box.height) * CANVAS_SIZE,
    );
    const round = (value: number) => Number(value.toFixed(3));
    frame.update({ x0: round(x), y0: round(y) });
    xField.input.value = String(values.x0);
    yField.input.value = String(values.y0);
    restart();
  });

  // Keyboard: the arrow keys move the start point by a twentieth of the view, and restart.
  canvas.addEventListener('keydown', (event) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const { xMin, xMax, yMin, yMax } = surface.view;
    const round = (value: number) => Number(value.toFixed(3));
    frame.update({
      x0: round(Math.max(-10, Math.min(10, values.x0 + (move[0] * (xMax - xMin)) / 20))),
      y0: round(Math.max(-10, Math.min(10, values.y0 + (move[1] * (yMax - yMin)) / 20))),
    });
    xField.input.value = String(values.x0);
    yField.input.value = String(values.y0);
    restart();
  });

  const seeded = landscapeSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas(`physml-landscape-${values.surface}.png`, canvas));
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-landscape-energy.svg', report.chart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-landscape.json', {
      page: 'landscape',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      seededRun: seeded.last?.result ?? null,
      steps: walker.step,
      divergence: walker.divergence?.message ?? null,
      path: walker.path,
    }),
  );

  restart();
  return {
    destroy() {
      seeded.destroy();
      loop.stop();
      report.chart.destroy();
    },
  };
}
