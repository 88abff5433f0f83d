/**
 * RBM dreaming: a restricted Boltzmann machine learns binary patterns (the 8×8 digits, 4×4
 * bars and stripes, or the user's CSV) in a worker (engine.ts), and the page shows what it
 * learns while it learns: the filters, the fantasy particles of its negative phase, and its
 * dreams (fresh Gibbs chains from noise), with the reconstruction error, the pseudo-likelihood
 * and, for small layers, the exact log-likelihood against the best any model can reach.
 * Below, a seeded run of the `rbm` experiment (seeded.ts) gives exactly the numbers of
 * `physml run` with the same parameters and seed.
 */
import { language, t } from '../../i18n.js';
import type { MountedPage, PageContext } from '../../page.js';
import type { ParamSpecs } from '../../params.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { numberField, readout, select, slider } from '../../ui/controls.js';
import { readBinaryPatterns } from '../../ui/csv.js';
import { csvInput } from '../../ui/csv-input.js';
import { downloadCanvas, downloadJson, downloadSvg } from '../../ui/export.js';
import { createFrame } from '../../ui/frame.js';
import { RATE_CHOICES, rateOf, rateSelect, runButtons } from '../../ui/live-controls.js';
import { imageShape } from '../../ui/tiles.js';
import '../../ui/explorables.css';
import { LiveClient, renderOnce } from '../../workers/live-client.js';
import type { LiveFrameMessage } from '../../workers/live-protocol.js';
import { EXACT_LAYER_LIMIT, type RbmData, type RbmFrame, type RbmParams } from './engine.js';
import { decodePatterns, encodePatterns } from './patterns-link.js';
import { RbmPictures } from './pictures.js';
import { rbmSeededRun, seededSpecs } from './seeded.js';

const specs = {
  data: { kind: 'enum', default: 'digits', values: ['digits', 'bars', 'csv'] },
  H: { kind: 'number', default: 16, min: 1, max: 200, integer: true },
  method: { kind: 'enum', default: 'pcd', values: ['pcd', 'cd'] },
  k: { kind: 'number', default: 1, min: 1, max: 25, integer: true },
  eta: { kind: 'number', default: 0.05, min: 0.001, max: 1 },
  momentum: { kind: 'number', default: 0.5, min: 0, max: 0.95 },
  batch: { kind: 'number', default: 10, min: 1, max: 100, integer: true },
  chains: { kind: 'number', default: 16, min: 1, max: 100, integer: true },
  rate: { kind: 'enum', default: '1000', values: RATE_CHOICES },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  ...seededSpecs,
} satisfies ParamSpecs;

/** Points kept on the charts. */
const HISTORY = 2000;
const CSV_EXAMPLE = [
  '# 3×3 crosses and their inverses: one pattern per row',
  '0,1,0,1,1,1,0,1,0',
  '1,0,1,0,0,0,1,0,1',
  '0,1,0,1,1,1,0,1,0',
  '1,0,1,0,0,0,1,0,1',
].join('\n');

/** User patterns held by the page. */
interface UserPatterns {
  values: Float64Array;
  count: number;
  length: number;
}

/** Mounts the page. */
export function mount(context: PageContext): MountedPage {
  let user: UserPatterns | null = null;
  /** The user's patterns as link text, while they are the data shown (null otherwise). */
  let linkedPatterns: string | null = null;
  const frame = createFrame({
    context,
    pageId: 'rbm',
    specs,
    equation: String.raw`E(v,h) = -b^{\top}v - c^{\top}h - v^{\top}Wh,\quad p(v) = \frac{1}{Z}\sum_h e^{-E(v,h)},\qquad \Delta W = \eta\big(\langle v h^{\top}\rangle_{\text{data}} - \langle v h^{\top}\rangle_{\text{model}}\big)`,
    equationNote: {
      en: 'Visible v and hidden h units are 0/1, coupled only across the layers. Learning pushes up the probability of the data (positive phase) and down that of the model’s own samples (negative phase): block-Gibbs chains, restarted at the data for CD-k or kept running for PCD. Those chains are the fantasy particles: what the machine dreams.',
      zh: '可见单元 v 与隐藏单元 h 取 0/1，仅在两层之间耦合。学习提高数据的概率（正相），降低模型自身样本的概率（负相）：后者来自分块吉布斯链，CD-k 每次从数据重新开始，PCD 则持续运行。这些链就是“幻想粒子”：机器的梦。',
    },
    extraQuery: (): Record<string, string> => (linkedPatterns === null ? {} : { patterns: linkedPatterns }),
  });
  const values = frame.values;
  const worker = new Worker(new URL('./rbm.worker.ts', import.meta.url), { type: 'module' });
  let last: LiveFrameMessage<RbmFrame> | undefined;
  const history = {
    epoch: [] as number[],
    reconstruction: [] as number[],
    pseudo: [] as (number | null)[],
    exact: [] as (number | null)[],
  };

  // A link with the user's own patterns carries them; without them, the digits stand in.
  const linked = context.query.get('patterns');
  if (values.data === 'csv') {
    if (linked !== null) {
      try {
        user = decodePatterns(linked);
      } catch (error) {
        frame.notice('data', 'warning', `${(error as Error).message}.`);
      }
    }
    if (user === null) {
      frame.notice(
        'data',
        'warning',
        t({
          en: 'This link names your own data, but they are not in it (a link carries at most 36,000 pattern bits): load your CSV again. The digits are shown meanwhile.',
          zh: '此链接指向您自己的数据，但链接中没有这些数据（链接最多携带 36,000 个图样比特）：请重新载入 CSV。暂时显示手写数字。',
        }),
      );
      frame.update({ data: 'digits' });
    } else {
      linkedPatterns = linked;
      frame.update({});
    }
  }

  const pictures = new RbmPictures(frame.figures);
  const reconstructionChart = new LineChart(frame.figures, {
    name: 'reconstruction',
    title: { en: 'Reconstruction error', zh: '重构误差' },
    xLabel: { en: 'epoch', zh: '轮次' },
    yLabel: { en: 'mean (v − v̂)²', zh: '平均 (v − v̂)²' },
    series: [{ label: { en: 'patterns', zh: '图样' }, color: PALETTE.blue }],
    height: 180,
  });
  const likelihoodChart = new LineChart(frame.figures, {
    name: 'likelihood',
    title: { en: 'Log-likelihood per pattern', zh: '每个图样的对数似然' },
    xLabel: { en: 'epoch', zh: '轮次' },
    yLabel: { en: 'nats', zh: '奈特' },
    series: [
      { label: { en: 'pseudo-likelihood', zh: '伪似然' }, color: PALETTE.green },
      { label: { en: 'log p(v), exact', zh: 'log p(v)，精确' }, color: PALETTE.blue },
      { label: { en: 'best possible', zh: '理论最优' }, color: PALETTE.red, dash: [6, 4], width: 2 },
    ],
    height: 180,
  });
  const read = {
    updates: readout('updates', { en: 'updates', zh: '更新次数' }),
    epoch: readout('epoch', { en: 'epochs', zh: '轮次' }),
    reconstruction: readout('reconstruction', { en: 'reconstruction error', zh: '重构误差' }),
    pseudo: readout('pseudo-likelihood', { en: 'log pseudo-likelihood', zh: '对数伪似然' }),
    exact: readout('log-likelihood', { en: 'log p(v), exact', zh: 'log p(v)，精确' }),
    best: readout('best-log-likelihood', { en: 'best possible log p(v)', zh: '理论最优 log p(v)' }),
    speed: readout('updates-per-second', { en: 'updates per second', zh: '每秒更新次数' }),
  };
  frame.readouts.append(...Object.values(read).map((entry) => entry.element));

  const engineParams = (): RbmParams => ({
    hidden: values.H,
    method: values.method as RbmParams['method'],
    gibbsSteps: values.k,
    learningRate: values.eta,
    momentum: values.momentum,
    batchSize: values.batch,
    chains: values.chains,
    seed: values.seed,
  });
  const engineData = (): RbmData => {
    if (values.data === 'csv' && user !== null) {
      const [width, height] = imageShape(user.length);
      return { kind: 'csv', values: user.values, count: user.count, width, height };
    }
    return { kind: values.data === 'bars' ? 'bars' : 'digits' };
  };

  const render = renderOnce(draw);
  const client = new LiveClient<RbmParams, RbmFrame, RbmData>(worker, {
    frame(message) {
      last = message;
      const view = message.frame;
      if (history.epoch.length === 0 || view.epoch > history.epoch[history.epoch.length - 1]) {
        history.epoch.push(view.epoch);
        history.reconstruction.push(view.reconstructionError);
        history.pseudo.push(view.pseudoLikelihood);
        history.exact.push(view.logLikelihood);
        const excess = history.epoch.length - HISTORY;
        if (excess > 0) for (const series of Object.values(history)) series.splice(0, excess);
      }
      buttons.halted(view.divergence === null ? null : 'diverged');
      render.request();
    },
    error(message) {
      frame.notice('worker', 'error', `${t({ en: 'Training stopped:', zh: '训练已停止：' })} ${message}`);
    },
  });

  function configure(): void {
    for (const series of Object.values(history)) series.length = 0;
    last = undefined;
    frame.notice('worker', 'error', null);
    frame.notice('divergence', 'error', null);
    reconstructionChart.explain(null);
    buttons.halted(null);
    client.configure(engineParams(), {
      running: buttons.running,
      rate: rateOf(values.rate),
      data: engineData(),
    });
  }

  const dataSelect = select({
    name: 'data',
    label: { en: 'Patterns', zh: '图样' },
    options: [
      { value: 'digits', label: { en: 'Handwritten digits, 8×8, binarized', zh: '手写数字，8×8，二值化' } },
      { value: 'bars', label: { en: 'Bars and stripes, 4×4 (30 patterns)', zh: '条纹图样，4×4（30 个）' } },
      { value: 'csv', label: { en: 'Your CSV (load it below)', zh: '您的 CSV（在下方载入）' } },
    ],
    value: values.data,
    onChange(value) {
      if (value === 'csv' && user === null) {
        dataSelect.input.value = values.data;
        frame.notice(
          'data',
          'info',
          t({
            en: 'Load a CSV file or paste patterns below first.',
            zh: '请先在下方载入 CSV 文件或粘贴图样。',
          }),
        );
        return;
      }
      frame.notice('data', 'info', null);
      linkedPatterns =
        value === 'csv' && user !== null ? encodePatterns(user.values, user.count, user.length) : null;
      frame.update({ data: value });
      configure();
    },
  });
  const csv = csvInput({
    name: 'rbm',
    title: { en: 'Your data (CSV)', zh: '您的数据（CSV）' },
    help: {
      en: 'One binary pattern per row, values 0/1 (or −1/+1), all rows the same length (2–1024 values, 2–10,000 rows); a square length is drawn as a square image. Read in this page only.',
      zh: '每行一个二值图样，取值 0/1（或 −1/+1），各行长度相同（2–1024 个值，2–10,000 行）；长度为平方数时画成方形图像。仅在本页读取。',
    },
    example: CSV_EXAMPLE,
    read: (text) => readBinaryPatterns(text),
    accept(patterns, source) {
      user = { values: patterns.values, count: patterns.count, length: patterns.length };
      frame.notice('data', 'info', null);
      dataSelect.input.value = 'csv';
      linkedPatterns = encodePatterns(user.values, user.count, user.length);
      frame.update({ data: 'csv' });
      configure();
      const inLink = linkedPatterns !== null;
      return t({
        en: `Loaded ${patterns.count} patterns of ${patterns.length} values (${source})${inLink ? '; the permalink carries them' : '; too many to carry in the permalink'}.`,
        zh: `已载入 ${patterns.count} 个图样，每个 ${patterns.length} 个值（${source}）${inLink ? '；永久链接中包含它们' : '；数据过多，永久链接无法携带'}。`,
      });
    },
  });
  const hiddenSlider = slider({
    name: 'H',
    label: { en: 'Hidden units H (a new machine)', zh: '隐藏单元数 H（新建网络）' },
    min: 1,
    max: 200,
    step: 1,
    value: values.H,
    marks: [{ value: EXACT_LAYER_LIMIT, label: `${EXACT_LAYER_LIMIT}: exact log p`, tone: 'info' }],
    onInput(value) {
      frame.update({ H: value });
      configure();
    },
  });
  const live = (name: 'momentum' | 'chains' | 'batch' | 'k', value: number) => {
    frame.update({ [name]: value });
    const key = { momentum: 'momentum', chains: 'chains', batch: 'batchSize', k: 'gibbsSteps' } as const;
    client.update({ [key[name]]: value });
  };
  const methodSelect = select({
    name: 'method',
    label: { en: 'Negative phase', zh: '负相' },
    options: [
      { value: 'pcd', label: { en: 'PCD: persistent chains', zh: 'PCD：持续链' } },
      { value: 'cd', label: { en: 'CD-k: chains restart at the data', zh: 'CD-k：链从数据重新开始' } },
    ],
    value: values.method,
    onChange(value) {
      frame.update({ method: value });
      client.update({ method: value as RbmParams['method'] });
    },
  });
  const kSlider = slider({
    name: 'k',
    label: { en: 'Gibbs steps k per update', zh: '每次更新的吉布斯步数 k' },
    min: 1,
    max: 25,
    step: 1,
    value: values.k,
    onInput: (value) => live('k', value),
  });
  const etaSlider = slider({
    name: 'eta',
    label: { en: 'Learning rate η', zh: '学习率 η' },
    min: 0.001,
    max: 1,
    scale: 'log',
    value: values.eta,
    onInput(value) {
      frame.update({ eta: value });
      client.update({ learningRate: value });
    },
  });
  const momentumSlider = slider({
    name: 'momentum',
    label: { en: 'Momentum μ', zh: '动量 μ' },
    min: 0,
    max: 0.95,
    step: 0.05,
    value: values.momentum,
    onInput: (value) => live('momentum', value),
  });
  const batchSlider = slider({
    name: 'batch',
    label: { en: 'Minibatch size', zh: '小批量大小' },
    min: 1,
    max: 100,
    step: 1,
    value: values.batch,
    onInput: (value) => live('batch', value),
  });
  const chainSlider = slider({
    name: 'chains',
    label: { en: 'Persistent chains (PCD)', zh: '持续链数（PCD）' },
    min: 1,
    max: 100,
    step: 1,
    value: values.chains,
    onInput: (value) => live('chains', value),
  });
  const speed = rateSelect({
    value: values.rate,
    unit: { en: 'updates', zh: '次更新' },
    onChange(value) {
      frame.update({ rate: value });
      client.setRate(rateOf(value));
    },
  });
  const seedField = numberField({
    name: 'seed',
    label: { en: 'Seed (initial weights, sampling)', zh: '随机种子（初始权重、采样）' },
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
    step: { label: { en: 'One update', zh: '更新一次' }, units: 1 },
    reset: { label: { en: 'New machine', zh: '新建网络' }, run: () => configure() },
  });
  frame.controls.append(
    dataSelect.element,
    hiddenSlider.element,
    methodSelect.element,
    kSlider.element,
    etaSlider.element,
    momentumSlider.element,
    batchSlider.element,
    chainSlider.element,
    speed.element,
    seedField.element,
    buttons.element,
    csv.element,
  );

  function draw(): void {
    if (last === undefined) return;
    const view = last.frame;
    pictures.draw(view);
    const gaps = reconstructionChart.setData(history.epoch, [history.reconstruction]);
    likelihoodChart.setData(history.epoch, [
      history.pseudo,
      history.exact,
      history.epoch.map(() => view.bestLogLikelihood),
    ]);
    read.updates.set(view.step);
    read.epoch.set(view.epoch);
    read.reconstruction.set(view.reconstructionError);
    read.pseudo.set(view.pseudoLikelihood ?? '—');
    read.exact.set(
      view.logLikelihood ??
        t({
          en: `H and V > ${EXACT_LAYER_LIMIT}: not computed`,
          zh: `H 与 V 均 > ${EXACT_LAYER_LIMIT}：不计算`,
        }),
    );
    read.best.set(view.bestLogLikelihood);
    if (values.rate !== 'max') read.speed.set(`≤ ${values.rate} (${t({ en: 'capped', zh: '已限速' })})`);
    else read.speed.set(last.unitsPerSecond > 0 ? last.unitsPerSecond : '—');
    frame.article.dataset.updates = String(view.step);
    if (view.divergence) {
      const text = t({
        en: `Training diverged: ${view.divergence}. The learning rate η = ${values.eta} (with momentum μ = ${values.momentum}) made an update overshoot until the numbers overflowed; lower η or μ and start a new machine.`,
        zh: `训练发散：${view.divergence}。学习率 η = ${values.eta}（动量 μ = ${values.momentum}）使更新越冲越大直至数值溢出；请降低 η 或 μ 并新建网络。`,
      });
      frame.notice('divergence', 'error', text);
      reconstructionChart.explain(text);
    } else if (gaps > 0) {
      reconstructionChart.explain(t('noFiniteData'));
    }
  }

  const seeded = rbmSeededRun(values, (name, value) =>
    frame.update({ [name]: value } as Partial<typeof values>),
  );
  frame.article.querySelector('.workspace')?.after(seeded.element);

  frame.addExport('png', 'exportPng', () => downloadCanvas('physml-rbm-filters.png', pictures.filters));
  frame.addExport('png-particles', { en: 'Fantasy particles (PNG)', zh: '幻想粒子 (PNG)' }, () =>
    downloadCanvas('physml-rbm-particles.png', pictures.particles),
  );
  frame.addExport('svg', 'exportSvg', () =>
    downloadSvg('physml-rbm-likelihood.svg', likelihoodChart.toSvg()),
  );
  frame.addExport('json', 'exportJson', () =>
    downloadJson('physml-rbm.json', {
      page: 'rbm',
      permalink: frame.permalink,
      language: language(),
      parameters: { ...values },
      seededRun: seeded.last?.result ?? null,
      now: last?.frame ?? null,
      history,
    }),
  );

  configure();
  return {
    destroy() {
      seeded.destroy();
      client.destroy();
      render.cancel();
      reconstructionChart.destroy();
      likelihoodChart.destroy();
    },
  };
}
