/**
 * Hopfield memory: store digits or random patterns, corrupt the state (randomly or with a
 * brush: mouse, touch or pen on the canvas; arrow keys and Space on the focused canvas), and
 * watch the asynchronous recall fall down the energy E(s) = −½ Σ w_ij s_i s_j, with the
 * overlaps m_μ to every stored pattern. The load α = P/N is shown against α_c ≈ 0.138. Below, a
 * seeded run of the `hopfield-recall` experiment gives exactly the numbers of `physml run`.
 */
import { fold, makeKey } from '../../../../src/core/random/index.js';
import { agsCriticalPoint } from '../../../../src/models/hopfield/ags-theory.js';
import { classifyState } from '../../../../src/models/hopfield/classify.js';
import type { StorageRule } from '../../../../src/models/hopfield/network.js';
import { corruptPattern, patternOverlaps } from '../../../../src/models/hopfield/patterns.js';
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { animationLoop } from '../../ui/animation.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { button, numberField, readout, select, slider } from '../../ui/controls.js';
import { h } from '../../ui/dom.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { attachBrush } from './brush.js';
import {
  GRID,
  makePatterns,
  NEURONS,
  PATTERN_SOURCES,
  type PatternSource,
  Recall,
  storeMemory,
} from './memory.js';
import { hopfieldSeededRun, seededSpecs } from './seeded.js';

const RULES = ['pseudo-inverse', 'hebb', 'storkey'] as const;

const specs = {
  source: { kind: 'enum', default: 'digits', values: PATTERN_SOURCES },
  P: { kind: 'number', default: 5, min: 1, max: 40, integer: true },
  rule: { kind: 'enum', default: 'pseudo-inverse', values: RULES },
  probe: { kind: 'number', default: 0, min: 0, max: 39, integer: true },
  noise: { kind: 'number', default: 0.2, min: 0, max: 0.5 },
  speed: { kind: 'number', default: 4, min: 1, max: 256, integer: true },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

const PIXELS = 20;

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  const frame = createFrame({
    context,
    pageId: 'hopfield',
    specs,
    equation: String.raw`E(s) = -\tfrac12\sum_{i\neq j} w_{ij}\,s_i s_j,\qquad s_i \leftarrow \operatorname{sign}\Big(\sum_{j\neq i} w_{ij} s_j\Big),\qquad w^{\mathrm{Hebb}}_{ij} = \tfrac1N\sum_\mu \xi^\mu_i \xi^\mu_j`,
    equationNote: {
      en: 'N = 256 neurons s = ±1; P stored patterns ξ^μ. Each asynchronous update can only lower E (symmetric w), so the state slides into a minimum: a memory, or a spurious mixture when the load α = P/N is too high or the patterns too alike (digits are: the pseudo-inverse rule copes, Hebb’s does not).',
      zh: 'N = 256 个神经元 s = ±1；存储 P 个图样 ξ^μ。异步更新只会降低 E（w 对称），状态于是滑入一个极小：一段记忆；当负载 α = P/N 过高或图样过于相似（手写数字正是如此：伪逆规则可以应对，Hebb 规则不行）时，则落入伪混合态。',
    },
  });
  const values = frame.values;
  const criticalLoad = agsCriticalPoint().alpha;
  let patterns: Int8Array[] = [];
  let recall: Recall;
  let brush: 1 | -1 = 1;

  const canvas = h('canvas', {
    id: 'hopfield-canvas',
    class: 'lattice',
    width: GRID * PIXELS,
    height: GRID * PIXELS,
    tabindex: 0,
    role: 'img',
    'aria-label': t({
      en: 'The network state, 16 × 16 neurons. Draw with the mouse, a finger or a pen; with the keyboard, move the cursor with the arrow keys and paint with Space.',
      zh: '网络状态，16 × 16 个神经元。可用鼠标、手指或笔绘制；键盘：方向键移动光标，空格键绘制。',
    }),
    style: 'touch-action: none; max-width: 320px',
  });
  const drawing = canvas.getContext('2d') as CanvasRenderingContext2D;
  const strip = h('div', {
    class: 'pattern-strip',
    role: 'group',
    'aria-label': t({ en: 'Stored patterns', zh: '已存储的图样' }),
  });
  frame.figures.append(h('div', { class: 'canvas-frame' }, canvas, strip));
  const charts = h('div', {});
  frame.figures.append(charts);
  const energyChart = new LineChart(charts, {
    name: 'energy',
    title: { en: 'Energy during recall', zh: '回忆过程中的能量' },
    xLabel: { en: 'neuron updates', zh: '神经元更新次数' },
    yLabel: { en: 'E(s)', zh: 'E(s)' },
    series: [{ label: 'E', color: PALETTE.blue }],
    height: 170,
  });
  const overlapChart = new LineChart(charts, {
    name: 'overlaps',
    title: { en: 'Overlap with each stored pattern', zh: '与各存储图样的重叠度' },
    xLabel: { en: 'pattern μ', zh: '图样 μ' },
    yLabel: { en: 'm_μ = ξ^μ·s / N', zh: 'm_μ = ξ^μ·s / N' },
    series: [{ label: 'm_μ', color: PALETTE.green, bars: true }],
    yRange: [-1, 1],
    height: 170,
  });
  const read = {
    energy: readout('energy', { en: 'E(s)', zh: 'E(s)' }),
    overlap: readout('overlap', { en: 'overlap with the probe', zh: '与探针图样的重叠' }),
    kind: readout('state-kind', { en: 'state', zh: '状态' }),
    updates: readout('updates', { en: 'neuron updates', zh: '神经元更新' }),
    load: readout('load', { en: 'load α = P/N', zh: '负载 α = P/N' }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const sourceSelect = select({
    name: 'source',
    label: { en: 'Patterns', zh: '图样' },
    options: [
      {
        value: 'digits',
        label: { en: 'Handwritten digits (8×8, shown 16×16)', zh: '手写数字（8×8，显示为 16×16）' },
      },
      { value: 'random', label: { en: 'Random ±1 patterns', zh: '随机 ±1 图样' } },
    ],
    value: values.source,
    onChange(value) {
      frame.update({ source: value });
      rebuild();
    },
  });
  const countSlider = slider({
    name: 'P',
    label: { en: 'Stored patterns P', zh: '存储图样数 P' },
    min: 1,
    max: 40,
    step: 1,
    value: values.P,
    marks: [
      {
        value: criticalLoad * NEURONS,
        label: `α_c N ≈ ${(criticalLoad * NEURONS).toFixed(1)}`,
        tone: 'danger',
      },
    ],
    onInput(value) {
      frame.update({ P: value, probe: Math.min(values.probe, value - 1) });
      rebuild();
    },
  });
  const ruleSelect = select({
    name: 'rule',
    label: { en: 'Storage rule', zh: '存储规则' },
    options: [
      { value: 'pseudo-inverse', label: { en: 'Pseudo-inverse (projection)', zh: '伪逆（投影）' } },
      { value: 'hebb', label: { en: 'Hebb', zh: 'Hebb' } },
      { value: 'storkey', label: { en: 'Storkey', zh: 'Storkey' } },
    ],
    value: values.rule,
    onChange(value) {
      frame.update({ rule: value });
      rebuild();
    },
  });
  const noiseSlider = slider({
    name: 'noise',
    label: { en: 'Corruption (fraction flipped)', zh: '破坏程度（翻转比例）' },
    min: 0,
    max: 0.5,
    step: 0.01,
    value: values.noise,
    onInput(value) {
      frame.update({ noise: value });
    },
  });
  const speedSlider = slider({
    name: 'speed',
    label: { en: 'Neuron updates per frame', zh: '每帧神经元更新数' },
    min: 1,
    max: 256,
    step: 1,
    value: values.speed,
    onInput(value) {
      frame.update({ speed: value });
    },
  });
  const brushSelect = select({
    name: 'brush',
    label: { en: 'Brush', zh: '画笔' },
    options: [
      { value: '1', label: { en: 'paint +1 (light)', zh: '画 +1（浅色）' } },
      { value: '-1', label: { en: 'paint −1 (dark)', zh: '画 −1（深色）' } },
    ],
    value: '1',
    onChange(value) {
      brush = value === '1' ? 1 : -1;
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: {
      en: 'Seed (random patterns, corruption, update order)',
      zh: '随机种子（随机图样、破坏、更新顺序）',
    },
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    value: values.seed,
    onChange(value) {
      frame.update({ seed: value });
      rebuild();
    },
  });
  const recallButton = button('recall', { en: 'Recall', zh: '回忆' }, () => {
    if (loop.running) loop.stop();
    else loop.start();
    syncState();
  });
  const stepButton = button('step', { en: 'One update', zh: '更新一次' }, () => {
    recall.advance(1);
    render();
  });
  const corruptButton = button('corrupt', { en: 'Corrupt the probe', zh: '破坏探针图样' }, () => probe(true));
  frame.controls.append(
    sourceSelect.element,
    countSlider.element,
    ruleSelect.element,
    noiseSlider.element,
    speedSlider.element,
    brushSelect.element,
    seedField.element,
    h('div', { class: 'control-row buttons' }, recallButton, stepButton, corruptButton),
  );

  function thumbnail(pattern: Int8Array, index: number): HTMLElement {
    const small = h('canvas', { width: GRID, height: GRID, class: 'thumbnail' });
    paint(small.getContext('2d') as CanvasRenderingContext2D, pattern, 1);
    return h(
      'button',
      {
        type: 'button',
        class: `pattern-button${index === values.probe ? ' selected' : ''}`,
        'aria-label': `${t({ en: 'Probe pattern', zh: '探针图样' })} ${index}`,
        'aria-pressed': index === values.probe ? 'true' : 'false',
        onclick: () => {
          frame.update({ probe: index });
          probe(true);
        },
      },
      small,
    );
  }

  function paint(target: CanvasRenderingContext2D, spins: ArrayLike<number>, scale: number): void {
    for (let i = 0; i < NEURONS; i++) {
      target.fillStyle = spins[i] > 0 ? '#f4f1e8' : '#1f3a60';
      target.fillRect((i % GRID) * scale, Math.floor(i / GRID) * scale, scale, scale);
    }
  }

  function probeKey() {
    return fold(makeKey(values.seed), 1);
  }

  /** Sets the state to the (corrupted) probe pattern and restarts the recall. */
  function probe(start: boolean): void {
    const index = Math.min(values.probe, patterns.length - 1);
    const corrupted = corruptPattern(probeKey(), patterns[index], values.noise);
    recall = new Recall(recall.network, corrupted, values.seed);
    strip.replaceChildren(...patterns.map(thumbnail));
    render();
    if (start) loop.start();
    syncState();
  }

  function rebuild(): void {
    patterns = makePatterns(values.source as PatternSource, values.P, values.seed);
    const network = storeMemory(patterns, values.rule as StorageRule);
    const index = Math.min(values.probe, patterns.length - 1);
    recall = new Recall(network, corruptPattern(probeKey(), patterns[index], values.noise), values.seed);
    strip.replaceChildren(...patterns.map(thumbnail));
    const load = values.P / NEURONS;
    frame.notice(
      'capacity',
      load > criticalLoad ? 'warning' : 'info',
      `${t({ en: 'Load', zh: '负载' })} α = P/N = ${load.toFixed(3)}; ${t({
        en: 'random patterns are recalled up to α_c ≈ 0.138 (Amit, Gutfreund, Sompolinsky)',
        zh: '随机图样在 α_c ≈ 0.138 以下可被回忆（Amit、Gutfreund、Sompolinsky）',
      })}${load > criticalLoad ? t({ en: ': beyond it, memories dissolve.', zh: '：超过后记忆瓦解。' }) : '.'}`,
    );
    render();
    loop.start();
    syncState();
  }

  function syncState(): void {
    frame.article.dataset.state = recall.fixedPoint ? 'fixed-point' : loop.running ? 'running' : 'paused';
    recallButton.textContent = loop.running ? t('pause') : t({ en: 'Recall', zh: '回忆' });
  }

  function render(): void {
    paint(drawing, recall.state.spins, PIXELS);
    drawing.strokeStyle = PALETTE.orange;
    drawing.lineWidth = 2;
    if (document.activeElement === canvas) {
      const { row, column } = brushCursor.position;
      drawing.strokeRect(column * PIXELS + 1, row * PIXELS + 1, PIXELS - 2, PIXELS - 2);
    }
    energyChart.setData(recall.trace.updates, [recall.trace.energy]);
    const overlaps = patternOverlaps(patterns, recall.state.spins);
    overlapChart.setData(
      patterns.map((_, index) => index),
      [Array.from(overlaps)],
    );
    const index = Math.min(values.probe, patterns.length - 1);
    read.energy.set(recall.energy);
    read.overlap.set(overlaps[index]);
    read.updates.set(recall.updates);
    read.load.set(values.P / NEURONS);
    const kind = classifyState(patterns, recall.state.spins);
    const names = {
      retrieved: t({ en: 'retrieved', zh: '已回忆' }),
      mixture: t({ en: 'mixture', zh: '混合态' }),
      spurious: t({ en: 'spurious', zh: '伪态' }),
    };
    read.kind.set(
      `${names[kind.kind]}${kind.patternIndices.length ? ` (${kind.patternIndices.map((p, k) => `${kind.signs[k] < 0 ? '−' : ''}ξ${p}`).join(', ')})` : ''}${recall.fixedPoint ? `, ${t({ en: 'fixed point', zh: '不动点' })}` : ''}`,
    );
  }

  const loop = animationLoop(frame.article, () => {
    recall.advance(values.speed);
    render();
    if (recall.fixedPoint) {
      loop.stop();
      syncState();
      return false;
    }
    return undefined;
  });

  const brushCursor = attachBrush(canvas, GRID, {
    paint(row, column) {
      const spins = Int8Array.from(recall.state.spins);
      if (spins[row * GRID + column] === brush) return;
      spins[row * GRID + column] = brush;
      loop.stop();
      recall.setSpins(spins);
      render();
      syncState();
    },
    moved: () => render(),
  });

  const seeded = hopfieldSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas('physml-hopfield-state.png', canvas));
  frame.addExport('svg', 'exportSvg', () => downloadSvg('physml-hopfield-energy.svg', energyChart.toSvg()));
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-hopfield.json', {
      page: 'hopfield',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      state: Array.from(recall.state.spins),
      energyTrace: recall.trace,
      overlaps: Array.from(patternOverlaps(patterns, recall.state.spins)),
      patterns: patterns.map((pattern) => Array.from(pattern)),
      seededRun: seeded.last?.result ?? null,
    }),
  );

  // A first network so that `probe` has one to rebuild from.
  patterns = makePatterns(values.source as PatternSource, values.P, values.seed);
  recall = new Recall(storeMemory(patterns, values.rule as StorageRule), patterns[0], values.seed);
  rebuild();
  return {
    destroy() {
      loop.stop();
      seeded.destroy();
      energyChart.destroy();
      overlapChart.destroy();
    },
  };
}
